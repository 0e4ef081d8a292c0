"""Running queries with pyoxigraph: an in-memory store per run, or a persistent one on disk.

Every graph file is loaded as its named graph (``dgr:graph/<stem>``; a TriG / N-Quads file keeps its
named graphs), *replacing* that graph, so loading a rebuilt file again never duplicates.

The store's default graph is kept by kg as the **de-duplicated union of the named graphs**: loading a
file adds its triples to it, and replacing a graph removes from it only the triples that no other named
graph still holds. Queries run over that default graph, so an entity met in 1,000 articles is seen once
(Oxigraph's ``use_default_graph_as_union`` would see it 1,000 times). A store kept this way holds the
empty named graph ``STORE_MARKER``; a store without it is upgraded when opened (a store written by an
older kg: the union is built once) or refused (its default graph holds triples kg did not put there).

A file up to ``ATOMIC_LIMIT`` bytes is written in one transaction: a new graph with its triples in the
default graph (``Store.extend``); a graph already there with one SPARQL Update (the default-graph
triples only its old version held are deleted, the graph dropped, the new triples inserted into it and
into the default graph). So an error or a crash leaves the old version or the new one, never half.

A bigger file is first parsed through (a syntax error leaves the store untouched); then its old graphs
are removed ``CHUNK`` triples per transaction (each step keeps the default graph the union) and it is
bulk-loaded ``CHUNK`` triples at a time into its graphs and the default graph, so memory stays bounded.
An interruption during that can leave its graphs partial: load the file again.

Before kg writes to a store it makes the views of the named queries kept beside it stale
(:func:`kg.store.views.forget_views`).

RocksDB keeps what transactions write in memory until it is flushed: ``load_files`` flushes every
``FLUSH_EVERY`` triples (else a 1M-triple load takes over 1 GB).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.store.graphfiles import graph_iri, parse_quads, rdf_format, to_bytes
from kg.store.marker import STORE_MARKER, keeps_union
from kg.store.views import forget_views

ATOMIC_LIMIT = 4 * 1024 * 1024
"""Files up to this size (bytes) replace their graphs in one transaction; bigger ones are bulk-loaded."""
CHUNK = 50_000
"""Triples per step when a big file is bulk-loaded or a big graph removed (bounds the memory used)."""
FLUSH_EVERY = 100_000
"""Triples written in transactions between two flushes: RocksDB keeps them in memory until then."""
UPGRADING = "https://w3id.org/diplograph/id/store#building-the-union"
"""An empty named graph present while the union of an older kg's store is being built."""
OWN = "https://w3id.org/diplograph/id/store#"
"""kg's own graphs in a store (``STORE_MARKER``, the one above, the views' tokens of kg.store.views) start with this."""
TRIPLE_FORMATS = {ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES}
_DEFAULT = ox.DefaultGraph()
log = logging.getLogger("kg")
_MARKER = ox.NamedNode(STORE_MARKER)
_UPGRADING = ox.NamedNode(UPGRADING)


def open_store(directory: Path | None) -> ox.Store:
    """An in-memory store (``None``) or the persistent store in ``directory`` (created if needed).

    A persistent store written by an older kg (named graphs only) gets its default graph built once;
    one whose default graph holds triples kg did not put there is refused (InputError).
    """
    if directory is None:
        store = ox.Store()
        store.add_graph(_MARKER)
        return store
    try:
        directory.mkdir(parents=True, exist_ok=True)
        store = ox.Store(str(directory))
        _prepare(store, directory)
    except OSError as exc:
        message = " ".join(str(exc).split())
        raise InputError(f"{directory}: cannot open the store: {message[:300]}") from None
    return store


def _first(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph | None) -> ox.Quad | None:
    return next(iter(store.quads_for_pattern(None, None, None, graph)), None)


def _prepare(store: ox.Store, directory: Path) -> None:
    """Make sure kg keeps the default graph of ``store`` (see the module docstring)."""
    if keeps_union(store):
        if store.contains_named_graph(_UPGRADING):
            store.remove_graph(_UPGRADING)
        return
    upgrading = store.contains_named_graph(_UPGRADING)
    if not upgrading and _first(store, _DEFAULT) is not None:
        raise InputError(
            f"{directory}: not a diplograph store: its default graph holds triples, and kg keeps the "
            "union of the named graphs there; use another folder"
        )
    if _first(store, None) is not None:  # written by an older kg: named graphs only
        log.warning("%s: a store of an older kg: building the union of its named graphs, once", directory)
        forget_views(store)
        store.add_graph(_UPGRADING)  # an interrupted upgrade is done again, not refused
        store.flush()
        _bulk_add(store, _union_of_named_graphs(store))
    store.add_graph(_MARKER)
    store.remove_graph(_UPGRADING)
    store.flush()


def _union_of_named_graphs(store: ox.Store) -> Iterator[ox.Quad]:
    for graph in list(store.named_graphs()):
        for quad in store.quads_for_pattern(None, None, None, graph):
            yield ox.Quad(quad.subject, quad.predicate, quad.object, _DEFAULT)


def _with_union(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """Each quad, then its triple in the default graph."""
    for quad in quads:
        yield quad
        yield ox.Quad(quad.subject, quad.predicate, quad.object, _DEFAULT)


def _bulk_add(store: ox.Store, quads: Iterable[ox.Quad]) -> None:
    """Bulk-load ``quads`` ``CHUNK`` by ``CHUNK`` (the bulk loader's memory grows with its input)."""
    iterator = iter(quads)
    while chunk := list(itertools.islice(iterator, CHUNK)):
        store.bulk_extend(chunk)


def _graph_name(quad: ox.Quad, path: Path) -> str:
    graph = quad.graph_name
    assert not isinstance(graph, ox.DefaultGraph)  # parse_quads names every graph
    if graph.value.startswith(OWN):
        raise InputError(f"{path}: the graph <{graph.value}> is kg's own: rename it")
    return graph.value


def _by_graph(path: Path) -> dict[str, list[ox.Triple]]:
    graphs: dict[str, list[ox.Triple]] = {}
    if rdf_format(path) in TRIPLE_FORMATS:
        graphs[graph_iri(path)] = []  # an empty file empties its graph
    for quad in parse_quads(path):
        triples = graphs.setdefault(_graph_name(quad, path), [])
        triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
    return graphs


def _replace_atomically(store: ox.Store, graphs: dict[str, list[ox.Triple]]) -> int:
    """One SPARQL Update (one transaction): for each graph, delete from the default graph the triples
    only it holds, and drop it; then insert the new triples into each graph and into the default graph.
    Returns how many triples were written."""
    parts = []
    inserts = []
    for name, triples in sorted(graphs.items()):
        # no text is spliced in as it is: the graph name and the triples are written by pyoxigraph
        # (N-Triples syntax, escaped; a name that is no IRI raises ValueError here)
        graph = str(ox.NamedNode(name))
        body = to_bytes(triples, ox.RdfFormat.N_TRIPLES).decode("utf-8")
        parts.append(
            f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }} }} ;\n"
            f"DROP SILENT GRAPH {graph}"
        )
        if triples:  # in one INSERT DATA, a blank node is the same node in the graph and the union
            inserts.append(f"GRAPH {graph} {{\n{body}}}\n{body}")
    if inserts:
        parts.append("INSERT DATA {\n" + "".join(inserts) + "}")
    if parts:
        store.update(" ;\n".join(parts))
    return 2 * sum(len(triples) for triples in graphs.values())


def _remove_graph(store: ox.Store, name: str) -> None:
    """Remove a graph ``CHUNK`` triples per transaction; each also deletes from the default graph the
    triples no other graph holds, so the default graph stays the union after every step."""
    node = ox.NamedNode(name)
    graph = str(node)
    step = (
        f"DELETE {{ GRAPH {graph} {{ ?s ?p ?o }} ?only ?p ?o }} WHERE {{ "
        f"{{ SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }} LIMIT {CHUNK:d} }} "
        f"BIND(IF(EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }}, ?held, ?s) AS ?only) }}"
    )  # ?held is never bound: a triple another graph holds is kept in the default graph
    first = _first(store, node)
    while first is not None:
        store.update(step)
        store.flush()  # RocksDB keeps the deletions in memory until flushed
        after = _first(store, node)
        if after == first:
            raise InputError(f"cannot remove the graph {graph} from the store")
        first = after
    if store.contains_named_graph(node):
        store.remove_graph(node)


def _check(path: Path) -> tuple[list[str], bool]:
    """Parse the whole file (syntax errors surface here): its graphs, and whether it has blank nodes."""
    targets = {graph_iri(path)} if rdf_format(path) in TRIPLE_FORMATS else set()
    blank = False
    for quad in parse_quads(path):
        targets.add(_graph_name(quad, path))
        blank = blank or isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)
    return sorted(targets), blank


def _lines(path: Path) -> Iterator[bytes]:
    """The file ``CHUNK`` lines at a time (N-Triples is one triple a line)."""
    with path.open("rb") as handle:
        while chunk := b"".join(itertools.islice(handle, CHUNK)):
            yield chunk


def _bulk_load(store: ox.Store, path: Path, blank: bool) -> None:
    """Load a checked file into its graphs and the default graph, ``CHUNK`` triples at a time."""
    if rdf_format(path) == ox.RdfFormat.N_TRIPLES and not blank:
        graph = ox.NamedNode(graph_iri(path))
        for data in _lines(path):  # parsed by Oxigraph: faster. The graph first, then the union: an
            # interruption can leave triples out of the union, never in it without their graph
            store.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
            store.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES, to_graph=_DEFAULT)
    else:  # blank nodes relabelled by their graph, as in the atomic path
        _bulk_add(store, _with_union(parse_quads(path)))


def _bulk_replace(store: ox.Store, path: Path) -> list[str]:
    """Check the whole file first, then remove its graphs and bulk-load it (memory stays bounded)."""
    targets, blank = _check(path)  # syntax errors surface here, before the store is touched
    for name in targets:
        _remove_graph(store, name)
    try:
        _bulk_load(store, path, blank)
    except (OSError, SyntaxError, ValueError, InputError) as exc:
        for name in targets:
            _remove_graph(store, name)
        message = " ".join(str(exc).split())
        raise InputError(f"{path}: loading failed, its graphs were dropped: {message[:300]}") from None
    return targets


def _load(store: ox.Store, path: Path, atomic: bool) -> tuple[list[str], int]:
    """Load one file; return its graphs and how many triples were written in transactions (-1: the
    file was bulk-loaded)."""
    rdf_format(path)
    if not path.is_file():
        raise InputError(f"{path}: cannot read: no such file")
    if path.stat().st_size > ATOMIC_LIMIT:
        return _bulk_replace(store, path), -1
    graphs = _by_graph(path)
    if any(store.contains_named_graph(ox.NamedNode(name)) for name in graphs):
        return sorted(graphs), _replace_atomically(store, graphs)
    quads = [
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(n)) for n, ts in graphs.items() for t in ts
    ]
    if atomic:  # new graphs: one transaction, the graphs and their triples in the default graph
        store.extend(_with_union(quads))
        return sorted(graphs), 2 * len(quads)
    # in memory (a crash loses it anyway): bulk-loaded, faster
    _bulk_add(store, _with_union(quads))
    return sorted(graphs), 0


def load_file(store: ox.Store, path: Path, *, atomic: bool = True) -> list[str]:
    """Load a graph file into ``store``, replacing the graph(s) it holds; return their IRIs.

    A file with an error (syntax: the message names its line) leaves the store as it was. Without
    ``atomic`` (an in-memory store, which a crash loses anyway) a graph not loaded before is
    bulk-loaded: faster.
    """
    forget_views(store)
    return _load(store, path, atomic)[0]


def load_files(store: ox.Store, paths: Sequence[Path], *, atomic: bool = True) -> list[str]:
    """Load graph files in order (a later file replaces an earlier one's graph); return graph IRIs."""
    if not keeps_union(store):
        if _first(store, None) is not None:
            raise InputError("kg keeps no union of the named graphs in this store: open it with open_store")
        store.add_graph(_MARKER)
    loaded: list[str] = []
    written = 0
    bulk = False
    if paths:
        forget_views(store)  # before the first write: rows computed before it are never served after
    for path in paths:
        graphs, count = _load(store, path, atomic)
        loaded.extend(graphs)
        bulk = bulk or count < 0
        written += max(count, 0)
        if written >= FLUSH_EVERY:  # else RocksDB's memtables grow to ~1 GB on a big load
            store.flush()
            written = 0
    if bulk and atomic:  # bulk loads leave many small files on disk: queries are faster once merged
        store.optimize()
    return loaded


def iter_query_files(
    paths: Sequence[Path], query: str, store_dir: Path | None = None
) -> tuple[list[str], Iterator[list[str]]]:
    """Load graph files (into the store in ``store_dir``, or a fresh in-memory one) and run ``query``;
    the rows come one by one (see :func:`kg.store.queries.iter_store_query`). On a persistent store a named
    query's rows come from its view while it is valid, and are kept when they are not (:mod:`kg.store.views`)."""
    from kg.store.queries import check_read_only, iter_store_query
    from kg.store.views import query as query_with_views

    check_read_only(query)  # before anything is loaded into a persistent store
    if store_dir is None and not paths:
        raise InputError("give graph files, --store DIR or --endpoint URL")
    store = open_store(store_dir)
    load_files(store, paths, atomic=store_dir is not None)
    if store_dir is None:
        return iter_store_query(store, query)
    store.flush()
    return query_with_views(store, store_dir, query)


def query_files(
    paths: Sequence[Path], query: str, store_dir: Path | None = None
) -> tuple[list[str], list[list[str]]]:
    """:func:`iter_query_files` with every row in a list."""
    columns, rows = iter_query_files(paths, query, store_dir)
    return columns, list(rows)
