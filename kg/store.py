"""Running queries with pyoxigraph: an in-memory store per run, or a persistent one on disk.

Every graph file is loaded as its named graph (``dgr:graph/<stem>``; a TriG / N-Quads file keeps its
named graphs), *replacing* that graph, so loading a rebuilt file again never duplicates. Queries run
over the union of the named graphs (``use_default_graph_as_union``), so an entity met in several
articles is one row.

A file is loaded into a temporary graph and then moved over its target with one SPARQL Update (one
transaction): a file with a syntax error leaves the store as it was. Files bigger than
``ATOMIC_LIMIT`` bytes are bulk-loaded straight into their graph (memory stays bounded; a failure
then leaves that graph dropped, and the error says so).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.merge import graph_iri, parse_quads, rdf_format, syntax_message

LOADING = "urn:x-diplograph:loading:"
"""Prefix of the temporary graphs a load writes before moving them over their targets."""
ATOMIC_LIMIT = 64 * 1024 * 1024
TRIPLE_FORMATS = {ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES}


def open_store(directory: Path | None) -> ox.Store:
    """An in-memory store (``None``) or the persistent store in ``directory`` (created if needed)."""
    if directory is None:
        return ox.Store()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        store = ox.Store(str(directory))
    except OSError as exc:
        message = " ".join(str(exc).split())
        raise InputError(f"{directory}: cannot open the store: {message[:300]}") from None
    _drop_loading(store)
    return store


def _drop_loading(store: ox.Store) -> None:
    """Remove temporary graphs left by an interrupted load."""
    for graph in list(store.named_graphs()):
        if isinstance(graph, ox.NamedNode) and graph.value.startswith(LOADING):
            store.remove_graph(graph)


def _loading(graph: ox.NamedNode | ox.BlankNode) -> ox.NamedNode:
    return ox.NamedNode(LOADING + graph.value)


def _retarget(quads: Iterator[ox.Quad], targets: set[str]) -> Iterator[ox.Quad]:
    for quad in quads:
        graph = quad.graph_name
        assert not isinstance(graph, ox.DefaultGraph)  # parse_quads names every graph
        targets.add(graph.value)
        yield ox.Quad(quad.subject, quad.predicate, quad.object, _loading(graph))


def load_file(store: ox.Store, path: Path) -> list[str]:
    """Load a graph file into ``store``, replacing the graph(s) it holds; return their IRIs."""
    fmt = rdf_format(path)
    if not path.is_file():
        raise InputError(f"{path}: cannot read: no such file")
    big = path.stat().st_size > ATOMIC_LIMIT
    target = ox.NamedNode(graph_iri(path))
    if big and fmt in TRIPLE_FORMATS:
        if store.contains_named_graph(target):
            store.remove_graph(target)
        try:
            store.bulk_load(path=str(path), format=fmt, to_graph=target)
        except SyntaxError as exc:
            store.remove_graph(target)
            raise InputError(syntax_message(path, fmt, exc) + f" (graph <{target.value}> dropped)") from None
        return [target.value]
    targets: set[str] = set()
    try:
        if fmt in TRIPLE_FORMATS:
            targets.add(target.value)
            store.bulk_load(path=str(path), format=fmt, to_graph=_loading(target))
        else:
            store.bulk_extend(_retarget(parse_quads(path), targets))
    except SyntaxError as exc:
        _drop_loading(store)
        raise InputError(syntax_message(path, fmt, exc)) from None
    except (InputError, OSError):
        _drop_loading(store)
        raise
    moves = " ;\n".join(
        f"DROP SILENT GRAPH <{name}> ;\nMOVE SILENT GRAPH <{LOADING + name}> TO <{name}>" for name in sorted(targets)
    )
    if moves:
        store.update(moves)
    return sorted(targets)


def load_files(store: ox.Store, paths: Sequence[Path]) -> list[str]:
    """Load graph files in order (a later file replaces an earlier one's graph); return graph IRIs."""
    loaded: list[str] = []
    for path in paths:
        loaded.extend(load_file(store, path))
    return loaded


def query_files(
    paths: Sequence[Path], query: str, store_dir: Path | None = None
) -> tuple[list[str], list[list[str]]]:
    """Load graph files (into the store in ``store_dir``, or a fresh in-memory one) and run ``query``."""
    from kg.queries import run_store_query

    if store_dir is None and not paths:
        raise InputError("give graph files, --store DIR or --endpoint URL")
    store = open_store(store_dir)
    load_files(store, paths)
    if store_dir is not None:
        store.flush()
    return run_store_query(store, query)
