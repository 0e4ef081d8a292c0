"""Running queries with pyoxigraph: an in-memory store per run, or a persistent one on disk.

Every graph file is loaded as its named graph (``dgr:graph/<stem>``; a TriG / N-Quads file keeps its
named graphs), *replacing* that graph, so loading a rebuilt file again never duplicates. Queries run
over the union of the named graphs (``use_default_graph_as_union``), so an entity met in several
articles is one row.

A file up to ``ATOMIC_LIMIT`` bytes replaces its graphs with one SPARQL Update (``DROP GRAPH`` +
``INSERT DATA``: one transaction), so an error or a crash leaves the old version or the new one, never
half. A bigger file is first parsed through (a syntax error leaves the store untouched), then its graphs
are dropped and it is bulk-loaded, so memory stays bounded; an interruption during that bulk load can
leave its graphs partial: load the file again.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.merge import graph_iri, parse_quads, rdf_format, to_bytes

ATOMIC_LIMIT = 4 * 1024 * 1024
"""Files up to this size (bytes) replace their graphs in one transaction; bigger ones are bulk-loaded."""
TRIPLE_FORMATS = {ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES}


def open_store(directory: Path | None) -> ox.Store:
    """An in-memory store (``None``) or the persistent store in ``directory`` (created if needed)."""
    if directory is None:
        return ox.Store()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(directory))
    except OSError as exc:
        message = " ".join(str(exc).split())
        raise InputError(f"{directory}: cannot open the store: {message[:300]}") from None


def _by_graph(path: Path) -> dict[str, list[ox.Triple]]:
    graphs: dict[str, list[ox.Triple]] = {}
    if rdf_format(path) in TRIPLE_FORMATS:
        graphs[graph_iri(path)] = []  # an empty file empties its graph
    for quad in parse_quads(path):
        graph = quad.graph_name
        assert not isinstance(graph, ox.DefaultGraph)  # parse_quads names every graph
        graphs.setdefault(graph.value, []).append(ox.Triple(quad.subject, quad.predicate, quad.object))
    return graphs


def _replace_atomically(store: ox.Store, graphs: dict[str, list[ox.Triple]]) -> None:
    """One SPARQL Update (one transaction): drop each graph and insert its new triples."""
    parts = []
    for name, triples in sorted(graphs.items()):
        # no text is spliced in as it is: the graph name and the triples are written by pyoxigraph
        # (N-Triples syntax, escaped; a name that is no IRI raises ValueError here)
        graph = str(ox.NamedNode(name))
        body = to_bytes(triples, ox.RdfFormat.N_TRIPLES).decode("utf-8")
        parts.append(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}}} }}")
    if parts:
        store.update(" ;\n".join(parts))


def _bulk_replace(store: ox.Store, path: Path) -> list[str]:
    """Check the whole file first, then drop its graphs and bulk-load it (memory stays bounded)."""
    fmt = rdf_format(path)
    targets = {graph_iri(path)} if fmt in TRIPLE_FORMATS else set()
    for quad in parse_quads(path):  # syntax errors surface here, before the store is touched
        graph = quad.graph_name
        assert not isinstance(graph, ox.DefaultGraph)
        targets.add(graph.value)
    for name in targets:
        if store.contains_named_graph(ox.NamedNode(name)):
            store.remove_graph(ox.NamedNode(name))
    try:
        if fmt in TRIPLE_FORMATS:
            store.bulk_load(path=str(path), format=fmt, to_graph=ox.NamedNode(graph_iri(path)))
        else:
            store.bulk_extend(parse_quads(path))
    except (OSError, SyntaxError, InputError) as exc:
        for name in targets:
            store.remove_graph(ox.NamedNode(name))
        message = " ".join(str(exc).split())
        raise InputError(f"{path}: loading failed, its graphs were dropped: {message[:300]}") from None
    return sorted(targets)


def load_file(store: ox.Store, path: Path, *, atomic: bool = True) -> list[str]:
    """Load a graph file into ``store``, replacing the graph(s) it holds; return their IRIs.

    A file with an error (syntax: the message names its line) leaves the store as it was. Without
    ``atomic`` (an in-memory store, which a crash loses anyway) every file is bulk-loaded: faster.
    """
    rdf_format(path)
    if not path.is_file():
        raise InputError(f"{path}: cannot read: no such file")
    if not atomic or path.stat().st_size > ATOMIC_LIMIT:
        return _bulk_replace(store, path)
    graphs = _by_graph(path)
    _replace_atomically(store, graphs)
    return sorted(graphs)


def load_files(store: ox.Store, paths: Sequence[Path], *, atomic: bool = True) -> list[str]:
    """Load graph files in order (a later file replaces an earlier one's graph); return graph IRIs."""
    loaded: list[str] = []
    for path in paths:
        loaded.extend(load_file(store, path, atomic=atomic))
    return loaded


def iter_query_files(
    paths: Sequence[Path], query: str, store_dir: Path | None = None
) -> tuple[list[str], Iterator[list[str]]]:
    """Load graph files (into the store in ``store_dir``, or a fresh in-memory one) and run ``query``;
    the rows come one by one (see :func:`kg.queries.iter_store_query`)."""
    from kg.queries import check_read_only, iter_store_query

    check_read_only(query)  # before anything is loaded into a persistent store
    if store_dir is None and not paths:
        raise InputError("give graph files, --store DIR or --endpoint URL")
    store = open_store(store_dir)
    load_files(store, paths, atomic=store_dir is not None)
    if store_dir is not None:
        store.flush()
    return iter_store_query(store, query)


def query_files(
    paths: Sequence[Path], query: str, store_dir: Path | None = None
) -> tuple[list[str], list[list[str]]]:
    """:func:`iter_query_files` with every row in a list."""
    columns, rows = iter_query_files(paths, query, store_dir)
    return columns, list(rows)
