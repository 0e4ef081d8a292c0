"""Quick measurement (not a test): rdflib vs pyoxigraph on a ~100k-triple graph.

Makes the graph by copying the seed graph N times with every diplograph IRI renamed per copy, then
times parsing (Turtle) and each named query with both engines.

    python bench/query_engines.py out/000_0aaf1fdda57b71fa.ttl [copies]

rdflib's time for the ``events`` query grows with the square of the graph (its FILTER NOT EXISTS):
0.6 s at 1k triples, 5.5 s at 5k, 21 s at 11k, and it had not finished after 14 minutes at 100k; it
is skipped above 20k triples.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.store.queries import NAMED, named_query

DGR = "https://w3id.org/diplograph/id/"


def _copy(term: object, n: int) -> object:
    if isinstance(term, ox.NamedNode) and term.value.startswith(DGR) and "/state/" not in term.value:
        return ox.NamedNode(f"{term.value}-c{n}")
    return term


def main() -> None:
    seed = Path(sys.argv[1])
    copies = int(sys.argv[2]) if len(sys.argv) > 2 else 92
    triples = list(ox.parse(path=str(seed)))
    big = [
        ox.Triple(_copy(q.subject, n), q.predicate, _copy(q.object, n))  # type: ignore[arg-type]
        for n in range(copies)
        for q in triples
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.ttl"
        ox.serialize(big, str(path), ox.RdfFormat.TURTLE, prefixes={"dgr": DGR})
        print(f"{len(big)} triples, {path.stat().st_size / 1e6:.1f} MB Turtle")
        t = time.perf_counter()
        graph = Graph().parse(path, format="turtle")
        print(f"parse   rdflib      {time.perf_counter() - t:7.2f} s")
        t = time.perf_counter()
        store = ox.Store()
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(DGR + "graph/big"))
        print(f"parse   pyoxigraph  {time.perf_counter() - t:7.2f} s (bulk_load into an in-memory Store)")
        for name in NAMED:
            text = named_query(name)
            t = time.perf_counter()
            n_ox = len(list(store.query(text, use_default_graph_as_union=True)))  # type: ignore[arg-type]
            t_ox = time.perf_counter() - t
            if name == "events" and len(big) > 20_000:
                print(f"{name:10} rdflib skipped (quadratic)  pyoxigraph {t_ox:6.2f} s  rows {n_ox}")
                continue
            t = time.perf_counter()
            n_rdf = len(list(graph.query(text)))
            t_rdf = time.perf_counter() - t
            print(f"{name:10} rdflib {t_rdf:7.2f} s  pyoxigraph {t_ox:6.2f} s  rows {n_rdf}/{n_ox}")


if __name__ == "__main__":
    main()
