"""Scoring the extractor against gold files: precision, recall and F1 per category, with every miss and
false hit. ``kg eval CORPUS`` runs it over ``CORPUS/*.txt`` with their ``*.gold.toml``.

Matching, per article (one gold item matches at most one extracted item):
- states, organizations: by key (a gold embassy without host, "CN/embassy", matches any CN embassy);
- officials: by name (same words, or same first and last word); the role and the state are scored
  separately on the matched ones (``officials.state`` and ``officials.role`` accuracy);
- treaties: by the set of parties (two treaties between the same parties pair by date and status
  first); date and status accuracy on the matched ones;
- protests: by protester, target and form, one item per target (a protest aimed at a state the gold
  does not name is a false hit, even beside a right one); date accuracy on the matched ones;
- events: as sets of (type, actor, target) per article: by type, an actor among the extracted actors
  and, when gold names one, a target among the extracted targets (states by ISO code, people by name; a
  ministry or embassy also answers to its state's code); for symmetric acts (signing, meeting, summit)
  the gold actor and target need only both be participants.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.extract.people import slug
from kg.extract.pipeline import process
from kg.lexicon.resources import Resources
from kg.model import Extraction
from kg.read import read_article

CATEGORIES = ("states", "officials", "organizations", "treaties", "protests", "events")
Item = tuple[Any, ...]


@dataclass(slots=True)
class Tally:
    """Counts and examples for one category (or one accuracy measure)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Score:
    """The tallies of every category and the accuracies on matched items."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {c: Tally() for c in CATEGORIES})
    accuracy: dict[str, list[bool]] = field(default_factory=dict)
    wrong: dict[str, list[str]] = field(default_factory=dict)  # measure -> "stem: item: gold != found"
    articles: int = 0

    def right(
        self, measure: str, ok: bool, where: str = "", gold: object = None, found: object = None
    ) -> None:
        self.accuracy.setdefault(measure, []).append(ok)
        if not ok:
            self.wrong.setdefault(measure, []).append(f"{where}: gold {gold!r}, found {found!r}")


def _names_match(a: str, b: str) -> bool:
    ta, tb = slug(a).split("-"), slug(b).split("-")
    return ta == tb or (len(ta) > 1 and len(tb) > 1 and ta[0] == tb[0] and ta[-1] == tb[-1])


def _pair(
    gold: list[Item], found: list[Item], same: Callable[[Item, Item], bool], agree: int = 0
) -> tuple[list[tuple[Item, Item]], list[Item], list[Item]]:
    """Pair gold and found items that are ``same``, in gold order. With ``agree`` > 0 (``same`` then
    being an equivalence, as parties are for treaties) the pairs that agree on more of the fields after
    the first ``agree`` (a treaty's date and status) are made first, so that two treaties between the
    same parties are each scored against their own gold entry; the number of pairs is the same."""
    order = [(g, f) for g in range(len(gold)) for f in range(len(found)) if same(gold[g], found[f])]
    if agree:
        order.sort(key=lambda p: -sum(gold[p[0]][i] == found[p[1]][i] for i in range(agree, len(gold[p[0]]))))
    taken_g: dict[int, int] = {}
    taken_f: set[int] = set()
    for g, f in order:
        if g not in taken_g and f not in taken_f:
            taken_g[g] = f
            taken_f.add(f)
    pairs = [(gold[g], found[taken_g[g]]) for g in range(len(gold)) if g in taken_g]
    misses = [gold[g] for g in range(len(gold)) if g not in taken_g]
    return pairs, misses, [f for i, f in enumerate(found) if i not in taken_f]


def _count(tally: Tally, stem: str, pairs: list[Any], misses: Iterable[Item], extra: Iterable[Item]) -> None:
    tally.tp += len(pairs)
    for m in misses:
        tally.fn += 1
        tally.misses.append(f"{stem}: {m}")
    for e in extra:
        tally.fp += 1
        tally.false_hits.append(f"{stem}: {e}")


SYMMETRIC = frozenset({"Signing", "Meeting", "Summit"})


def _name(x: Extraction, ref: tuple[str, str]) -> str:
    kind, key = ref
    if kind == "official":
        return next((o.name for o in x.officials if o.key == key), key)
    if kind == "post":
        return key.split("/")[0]
    return key


def _names(x: Extraction, refs: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """Names of refs; a ministry or embassy also answers to its state's code."""
    out: list[str] = []
    for ref in refs:
        out.append(_name(x, ref))
        org = next((o for o in x.organizations if o.key == ref[1]), None) if ref[0] == "org" else None
        if org is not None and org.state is not None:
            out.append(org.state)
    return tuple(out)


def _sentence(x: Extraction, index: int) -> str:
    s = x.sentences[index]
    return x.article.text[s.start : s.end]


def score_article(x: Extraction, gold: dict[str, Any], score: Score) -> None:
    """Add one article's comparison to ``score``."""
    stem, t = x.article.stem, score.tallies
    score.articles += 1
    found_states = [(iso,) for iso, _ in x.states]
    pairs, miss, extra = _pair([(s,) for s in gold.get("states", [])], found_states, lambda g, f: g == f)
    _count(t["states"], stem, pairs, miss, extra)

    orgs = [(o.key,) for o in x.organizations]
    pairs, miss, extra = _pair(
        [(o,) for o in gold.get("organizations", [])],
        orgs,
        lambda g, f: f[0] == g[0] or f[0].startswith(g[0] + "/"),
    )
    _count(t["organizations"], stem, pairs, miss, extra)

    officials = [(o.name, o.role, o.state or o.organization) for o in x.officials]
    gold_officials = [
        (g["name"], g.get("role"), g.get("state") or g.get("org")) for g in gold.get("official", [])
    ]
    pairs, miss, extra = _pair(gold_officials, officials, lambda g, f: _names_match(g[0], f[0]))
    _count(t["officials"], stem, pairs, miss, extra)
    for g, f in pairs:
        where = f"{stem}: {g[0]}"
        score.right("officials.state", g[2] == f[2], where, g[2], f[2])
        score.right("officials.role", g[1] == f[1], where, g[1], f[1])

    _score_treaties(x, gold, score)
    _score_protests(x, gold, score)
    _score_events(x, gold, score)


def _score_treaties(x: Extraction, gold: dict[str, Any], score: Score) -> None:
    found = [(tuple(t.parties), t.signed.iso if t.signed else None, t.status) for t in x.treaties]
    wanted = [(tuple(sorted(g["parties"])), g.get("date"), g.get("status")) for g in gold.get("treaty", [])]
    pairs, miss, extra = _pair(wanted, found, lambda g, f: g[0] == f[0], agree=1)
    _count(score.tallies["treaties"], x.article.stem, pairs, miss, extra)
    for g, f in pairs:
        where = f"{x.article.stem}: {'-'.join(g[0])}"
        if g[1]:
            score.right("treaties.date", g[1] == f[1], where, g[1], f[1])
        if g[2]:
            score.right("treaties.status", g[2] == f[2], where, g[2], f[2])


def _score_protests(x: Extraction, gold: dict[str, Any], score: Score) -> None:
    found = []  # one item per target: a wrong extra target is a false hit of its own
    for e in x.events:
        if e.type == "Protest":
            for target in e.targets or (None,):
                found.append(
                    (
                        _names(x, e.actors),
                        _names(x, (target,)) if target is not None else (),
                        e.form,
                        e.date.iso if e.date else None,
                        _sentence(x, e.trigger.sentence),
                    )
                )
    wanted = [(g["protester"], g["target"], g["form"], g.get("date")) for g in gold.get("protest", [])]
    pairs, miss, extra = _pair(wanted, found, lambda g, f: g[0] in f[0] and g[1] in f[1] and g[2] == f[2])
    _count(score.tallies["protests"], x.article.stem, pairs, miss, extra)
    for g, f in pairs:
        if g[3]:
            where = f"{x.article.stem}: {g[0]}->{g[1]} {g[2]}: {f[4]!r}"
            score.right("protests.date", g[3] == f[3], where, g[3], f[3])


def _in(gold_name: str, names: tuple[str, ...]) -> bool:
    return any(gold_name == n or _names_match(gold_name, n) for n in names)


def _score_events(x: Extraction, gold: dict[str, Any], score: Score) -> None:
    """Events are compared as sets of (type, actor, target) per article; for symmetric acts (signing,
    meeting, summit) the gold actor and target are both participants."""
    found: list[Item] = []
    for e in x.events:
        if e.type == "Protest":
            continue
        item = (e.type, _names(x, e.actors), _names(x, e.targets), _sentence(x, e.trigger.sentence))
        if not any(f[:3] == item[:3] for f in found):
            found.append(item)
    wanted = list(
        dict.fromkeys((g["type"], g.get("actor", ""), g.get("target", "")) for g in gold.get("event", []))
    )

    def same(g: Item, f: Item) -> bool:
        if g[0] != f[0]:
            return False
        if g[0] in SYMMETRIC:
            everyone = f[1] + f[2]
            return all(not n or _in(n, everyone) for n in (g[1], g[2]))
        return (not g[1] or _in(g[1], f[1])) and (not g[2] or _in(g[2], f[2]))

    pairs, miss, extra = _pair(wanted, found, same)
    _count(score.tallies["events"], x.article.stem, pairs, miss, extra)


def load_gold(path: Path) -> dict[str, Any]:
    """Read a gold file."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path}: cannot read gold file: {exc}") from None


def select(stems: Sequence[str], only: Sequence[str], corpus: Path) -> list[str]:
    """The stems ``only`` names (stems or globs, any number; none: every stem), in their order. A
    pattern that names no stem is an error."""
    if not only:
        return list(stems)
    chosen: set[str] = set()
    for pattern in only:
        hits = [s for s in stems if fnmatch.fnmatchcase(s, pattern)]
        if not hits:
            raise InputError(f"--only {pattern}: no article of {corpus} with a gold file is called so")
        chosen.update(hits)
    return [s for s in stems if s in chosen]


def evaluate(corpus: Path, resources: Resources, today: dt.date, only: Sequence[str] = ()) -> Score:
    """Score the extractor on every article of ``corpus`` that has a gold file (or those ``only``
    names: stems or globs)."""
    score = Score()
    found = {p.stem: p for p in corpus.glob("*.txt") if p.with_suffix(".gold.toml").is_file()}
    if not found:
        raise InputError(f"{corpus}: no articles with gold files (*.txt + *.gold.toml)")
    for stem in select(sorted(found), only, corpus):
        path = found[stem]
        x = process(read_article(path), resources, today)
        score_article(x, load_gold(path.with_suffix(".gold.toml")), score)
    return score


def report(score: Score, *, details: bool = True) -> str:
    """The score as a Markdown table, then every miss and false hit, and every matched item whose date,
    status, state or role is wrong."""
    lines = [
        f"Articles: {score.articles}",
        "",
        "| category | precision | recall | F1 | TP | FP | FN |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, t in score.tallies.items():
        lines.append(
            f"| {name} | {t.precision:.3f} | {t.recall:.3f} | {t.f1:.3f} | {t.tp} | {t.fp} | {t.fn} |"
        )
    lines += ["", "| accuracy on matched items | right | of | share |", "|---|---|---|---|"]
    for measure, oks in sorted(score.accuracy.items()):
        lines.append(f"| {measure} | {sum(oks)} | {len(oks)} | {sum(oks) / len(oks):.3f} |")
    if details:
        for name, t in score.tallies.items():
            lines += ["", f"## {name}: misses ({len(t.misses)})", *[f"- {m}" for m in t.misses]]
            lines += [f"## {name}: false hits ({len(t.false_hits)})", *[f"- {m}" for m in t.false_hits]]
        for measure, wrong in sorted(score.wrong.items()):
            lines += ["", f"## {measure}: wrong on matched items ({len(wrong)})", *[f"- {w}" for w in wrong]]
    return "\n".join(lines) + "\n"


def score_json(score: Score) -> dict[str, Any]:
    """The score as JSON data: per category P/R/F1 with the counts, misses and false hits; the
    accuracies on matched items with what was wrong."""
    return {
        "articles": score.articles,
        "categories": {
            name: {
                "p": round(t.precision, 3),
                "r": round(t.recall, 3),
                "f1": round(t.f1, 3),
                "tp": t.tp,
                "fp": t.fp,
                "fn": t.fn,
                "misses": t.misses,
                "false_hits": t.false_hits,
            }
            for name, t in score.tallies.items()
        },
        "accuracy": {
            measure: {
                "right": sum(oks),
                "of": len(oks),
                "share": round(sum(oks) / len(oks), 3),
                "wrong": score.wrong.get(measure, []),
            }
            for measure, oks in sorted(score.accuracy.items())
        },
    }
