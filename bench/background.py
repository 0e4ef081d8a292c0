"""A deterministic background graph of N triples, geopolitical in shape, for the scale benchmarks.

States (the real ones of kg/data/states.toml: ISO code, labels, Wikidata link), officials holding posts in
them, treaties between them (parties, signatories, signing date and place) and diplomatic events (actor,
target, date, a mention in a sentence as evidence), with the diplograph vocabulary, so that the named
queries have work to do. Written as N-Triples, streaming, until exactly N distinct triples.

    python -m bench.background OUT.nt [N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DGR = "https://w3id.org/diplograph/id/"
DG = "https://w3id.org/diplograph/ontology#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
SAME = "<http://www.w3.org/2002/07/owl#sameAs>"
DENOTED = "<http://groundedannotationframework.org/gaf#denotedBy>"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
EVENTS = ["Protest", "Demand", "Summons", "Accusation", "Warning", "Statement", "Signing", "Summit",
          "Meeting", "StateVisit", "PolicyReview", "Condemnation", "Recall"]  # fmt: skip
ROLES = ["president", "prime-minister", "foreign-minister", "ambassador", "defence-minister",
         "foreign-ministry-spokesperson", "vice-foreign-minister", "trade-minister"]  # fmt: skip
SYLLABLES = ["ra", "di", "su", "wan", "to", "ha", "ri", "ko", "ne", "li", "mar", "san", "jo", "ka", "pu"]


def _lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^<{XSD}{datatype}>'
    return f'"{escaped}"'


def _name(rng: random.Random) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(2)
    )


def _states() -> list[dict[str, str]]:
    data = tomllib.loads((ROOT / "kg" / "data" / "states.toml").read_text(encoding="utf-8"))
    return [s for s in data["state"] if s.get("kind") == "state"]


def triples(seed: int = 6) -> Iterator[str]:
    """An endless, deterministic stream of N-Triples lines."""
    rng = random.Random(seed)
    states = _states()
    isos = [s["iso2"] for s in states]
    for s in states:
        node = f"<{DGR}state/{s['iso2']}>"
        yield f"{node} {RDF_TYPE} <{DG}State> ."
        yield f"{node} <{DG}iso2> {_lit(s['iso2'], datatype='string')} ."
        yield f"{node} {LABEL} {_lit(s['en'], 'en')} ."
        yield f"{node} {LABEL} {_lit(s['id'], 'id')} ."
        yield f"{node} {SAME} <http://www.wikidata.org/entity/{s['wikidata']}> ."
    for role in ROLES:
        yield f"<{DGR}role/{role}> {RDF_TYPE} <{DG}Role> ."
        yield f"<{DGR}role/{role}> {LABEL} {_lit(role.replace('-', ' ').title(), 'en')} ."
    n = 0
    while True:
        n += 1
        kind = rng.random()
        a, b = rng.sample(isos, 2)
        year, month, day = rng.randint(1950, 2025), rng.randint(1, 12), rng.randint(1, 28)
        date = _lit(f"{year:04d}-{month:02d}-{day:02d}", datatype="date")
        if kind < 0.3:  # an official and his post
            person, role = f"<{DGR}person/bg-{n}>", rng.choice(ROLES)
            post = f"<{DGR}post/{a}/{role}>"
            yield f"{person} {RDF_TYPE} <{DG}Official> ."
            yield f"{person} {LABEL} {_lit(_name(rng))} ."
            yield f"{person} <{DG}holds> {post} ."
            yield f"{person} <{DG}serves> <{DGR}state/{a}> ."
            yield f"{post} {RDF_TYPE} <{DG}Post> ."
            yield f"{post} <{DG}role> <{DGR}role/{role}> ."
            yield f"{post} <{DG}postIn> <{DGR}state/{a}> ."
        elif kind < 0.55:  # a treaty
            treaty = f"<{DGR}treaty/{'-'.join(sorted((a, b)))}/bg-{n}>"
            yield f"{treaty} {RDF_TYPE} <{DG}Treaty> ."
            yield f"{treaty} {LABEL} {_lit(f'Treaty {n} between {a} and {b} ({year})', 'en')} ."
            yield f"{treaty} <{DG}party> <{DGR}state/{a}> ."
            yield f"{treaty} <{DG}party> <{DGR}state/{b}> ."
            yield f"{treaty} <{DG}signatory> <{DGR}person/bg-{rng.randint(1, n)}> ."
            yield f"{treaty} <{DG}signedOn> {date} ."
            yield f"{treaty} <{DG}signedAt> <{DGR}place/bg-{rng.randint(1, 500)}> ."
            yield f"<{DGR}place/bg-{rng.randint(1, 500)}> {RDF_TYPE} <{DG}Place> ."
        else:  # an event, with its evidence
            cls = rng.choice(EVENTS)
            event = f"<{DGR}event/{cls.lower()}/bg-{n}>"
            article = f"{DGR}article/bg-{n // 50}"
            sentence = f"<{article}#char={n % 50 * 200},{n % 50 * 200 + 150}>"
            mention = f"<{article}#char={n % 50 * 200},{n % 50 * 200 + 12}>"
            yield f"{event} {RDF_TYPE} <{DG}{cls}> ."
            yield f"{event} <{DG}actor> <{DGR}state/{a}> ."
            yield f"{event} <{DG}target> <{DGR}state/{b}> ."
            yield f"{event} <{DG}date> {date} ."
            yield f"{event} {DENOTED} {mention} ."
            yield f"{mention} {RDF_TYPE} <{NIF}Phrase> ."
            yield f"{mention} <{NIF}sentence> {sentence} ."
            yield f"{sentence} {RDF_TYPE} <{NIF}Sentence> ."
            yield f"{sentence} <{NIF}anchorOf> {_lit(f'{a} and {b}: {cls} number {n}.')} ."


def write(path: Path, n: int, *, seed: int = 6) -> int:
    """Write the first ``n`` distinct triples of the stream to ``path``; return ``n``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    seen: set[int] = set()
    with path.open("w", encoding="utf-8") as out:
        for line in triples(seed):
            key = hash(line)
            if key in seen:
                continue
            seen.add(key)
            out.write(line + "\n")
            if len(seen) == n:
                break
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    print(f"wrote {write(args.out, args.n, seed=args.seed)} triples to {args.out}")


if __name__ == "__main__":
    main()
