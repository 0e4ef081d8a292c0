"""Instructions per article, for comparing two versions of the code without the machine's noise.

Wall-clock and CPU times on the benchmark machine swing by 20-40 % from one minute to the next;
instruction counts do not. This builds articles in one process as a worker of ``kg build`` does
(``kg.build._make``: read, extract, write the triples, validate, Turtle); valgrind counts::

    .venv/bin/python -m bench.instructions prepare /tmp/bench-corpus
    for n in 0 40; do
        PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
            .venv/bin/python -m bench.instructions run /tmp/bench-corpus $n 2>&1 | grep Collected
    done

Instructions per article: (count for 40 - count for 0) / 40 (BENCHMARKS.md, "The batch").
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

FIRST = 100
"""The articles counted start here (the first ones of the corpus are its templates' first variants)."""


def prepare(out: Path) -> None:
    """The 1,000-article bench corpus, as ``bench/run`` makes it."""
    from bench.corpus import generate, load_templates
    from bench.suite import conforming_templates

    generate(out, 1_000, templates=load_templates(set(conforming_templates())))


def run(corpus: Path, n: int) -> None:
    """Build articles FIRST .. FIRST + n - 1 of ``corpus`` in this process (outputs are not written)."""
    from kg.build import Options, _make
    from kg.lexicon.resources import load_resources
    from kg.rdf.validation import load_ontology, prepare
    from kg.read import find_articles

    resources = load_resources()
    shapes = load_ontology()
    prepare(*shapes)
    with tempfile.TemporaryDirectory() as out:
        options = Options(Path(out), dt.date(2026, 11, 27), html=False)
        for path in find_articles([corpus])[FIRST : FIRST + n]:
            _make(path, resources, shapes, options)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("prepare").add_argument("corpus", type=Path)
    counted = sub.add_parser("run")
    counted.add_argument("corpus", type=Path)
    counted.add_argument("n", type=int)
    args = parser.parse_args()
    if args.command == "prepare":
        prepare(args.corpus)
    else:
        run(args.corpus, args.n)


if __name__ == "__main__":
    main()
