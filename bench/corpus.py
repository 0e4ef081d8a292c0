"""A deterministic synthetic corpus: N articles made from tests/corpus/*.txt by varying names, states
and dates, for the benchmarks (bench/run). Not a test corpus: nothing checks what is extracted from it.

Article i is template ``i % len(templates)`` with, decided by ``random.Random(f"{seed}:{i}")``:

- its states swapped for other states: every name, abbreviation and capital of a state the template's
  gold file lists (kg/data/states.toml) is replaced by the Indonesian name (or the first capital) of
  another state, the same one throughout the article;
- its people renamed: every word of every official's name in the gold file is replaced by a made-up
  word of the same length class, the same one throughout the article;
- its years shifted back by 0, 4, 8 or 12 (leap days stay leap days), and its sidecar's ``published``
  date with them.

    python -m bench.corpus OUT_DIR [N] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "tests" / "corpus"
STATES = ROOT / "kg" / "data" / "states.toml"
SYLLABLES = ["ra", "di", "su", "wan", "to", "ha", "ri", "ko", "ne", "li", "mar", "san", "jo", "ka", "pu"]
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class Template:
    stem: str
    text: str
    sidecar: dict[str, str]
    states: tuple[str, ...]
    people: tuple[str, ...]


@dataclass(frozen=True)
class State:
    iso2: str
    name: str
    capital: str
    names: tuple[str, ...]  # names and abbreviations
    capitals: tuple[str, ...]


def load_states() -> dict[str, State]:
    data = tomllib.loads(STATES.read_text(encoding="utf-8"))
    states = {}
    for s in data["state"]:
        if s.get("kind") != "state" or not s.get("capitals"):
            continue
        names = sorted({*s.get("names", []), *s.get("abbreviations", []), s["id"]})
        states[s["iso2"]] = State(s["iso2"], s["id"], s["capitals"][0], tuple(names), tuple(s["capitals"]))
    return states


def load_templates(stems: set[str] | None = None) -> list[Template]:
    templates = []
    for path in sorted(TEMPLATES.glob("*.txt")):
        if stems is not None and path.stem not in stems:
            continue
        gold = tomllib.loads(path.with_suffix(".gold.toml").read_text(encoding="utf-8"))
        sidecar_path = path.with_suffix(".json")
        sidecar = json.loads(sidecar_path.read_text(encoding="utf-8")) if sidecar_path.exists() else {}
        people = tuple(o["name"] for o in gold.get("official", []))
        templates.append(
            Template(
                path.stem, path.read_text(encoding="utf-8"), sidecar, tuple(gold.get("states", [])), people
            )
        )
    return templates


def _word(rng: random.Random, length: int) -> str:
    syllables = 2 if length <= 5 else 3
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def _replace_all(text: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return text
    keys = sorted(mapping, key=lambda k: (-len(k), k))
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w-])")
    return pattern.sub(lambda m: mapping[m.group(0)], text)


def vary(template: Template, index: int, seed: int, states: dict[str, State]) -> tuple[str, dict[str, str]]:
    """The text and sidecar of article ``index`` made from ``template``."""
    rng = random.Random(f"{seed}:{index}")
    mapping: dict[str, str] = {}
    own = [iso for iso in template.states if iso in states]
    pool = sorted(iso for iso in states if iso not in template.states)
    for iso, new in zip(own, rng.sample(pool, len(own)), strict=True):
        for name in states[iso].names:
            mapping[name] = states[new].name
        for capital in states[iso].capitals:
            mapping[capital] = states[new].capital
    words = sorted({w for name in template.people for w in re.split(r"[\s-]+", name) if len(w) >= 3})
    for word in words:
        if word not in mapping:
            mapping[word] = _word(rng, len(word))
    text = _replace_all(template.text, mapping)
    shift = rng.choice([0, 4, 8, 12])
    text = YEAR.sub(lambda m: str(int(m.group(0)) - shift), text)
    sidecar = dict(template.sidecar)
    if "published" in sidecar:
        year, rest = sidecar["published"].split("-", 1)
        sidecar["published"] = f"{int(year) - shift}-{rest}"
    if "title" in sidecar:
        sidecar["title"] = _replace_all(sidecar["title"], mapping)
    return text, sidecar


def generate(out: Path, n: int, *, seed: int = 6, templates: list[Template] | None = None) -> list[Path]:
    """Write ``n`` articles (``<index>_<template>.txt`` and a ``.json`` sidecar) into ``out``."""
    templates = templates if templates is not None else load_templates()
    states = load_states()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(n):
        template = templates[i % len(templates)]
        text, sidecar = vary(template, i, seed, states)
        path = out / f"{i:05d}_{template.stem}.txt"
        path.write_text(text, encoding="utf-8")
        if sidecar:
            path.with_suffix(".json").write_text(json.dumps(sidecar, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int, nargs="?", default=1000)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    print(f"wrote {len(generate(args.out, args.n, seed=args.seed))} articles into {args.out}/")


if __name__ == "__main__":
    main()
