"""Graph files as pyoxigraph reads them: the format of a file by its extension, its named graph
(``dgr:graph/<stem>``), its quads with the blank nodes of each graph kept apart, and one-line syntax
errors. Shared by :mod:`kg.store.merge`, :mod:`kg.store.embedded`, :mod:`kg.store.remote` and
:mod:`kg.store.queries`.

Blank nodes of different graphs never meet: a blank node ``_:x`` of graph G is written
``_:b<hash of G>_x`` (a label that has the prefix already is kept, so re-merging changes nothing). A blank
node without a label in the file (``[]``, a list, a JSON-LD node without ``@id``) gets a random id at each
parse; it is numbered by its first appearance instead (``_:b<hash of G>_-<n>``), so the same file always
gives the same bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from kg.errors import InputError

GRAPH_BASE = "https://w3id.org/diplograph/id/graph/"
READ_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def graph_iri(path: Path) -> str:
    """The named graph of an article file: ``dgr:graph/<stem>``."""
    return GRAPH_BASE + quote(path.stem, safe="-._~")


def rdf_format(path: Path) -> ox.RdfFormat:
    """The pyoxigraph format of a graph file, by its extension."""
    fmt = READ_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown graph format; use one of {', '.join(READ_FORMATS)}")
    return fmt


def syntax_message(path: Path, fmt: ox.RdfFormat, exc: SyntaxError) -> str:
    """One line naming the file and the line of a parse error (pyoxigraph gives the position)."""
    where = f"{path}:{exc.lineno}" if exc.lineno else str(path)
    message = " ".join(str(exc.msg or exc).split())
    return f"{where}: not valid {fmt.name}: {message[:300]}"


def _bnode_prefix(graph: str) -> str:
    return "b" + hashlib.sha256(graph.encode("utf-8")).hexdigest()[:10] + "_"


class _BlankLabels:
    """The labels of a file's blank nodes: by their graph, idempotent, the same at every parse."""

    def __init__(self) -> None:
        self.prefixes: dict[str, str] = {}
        self.anonymous: dict[str, str] = {}
        self.counts: dict[str, int] = {}

    def prefix(self, graph: ox.NamedNode | ox.BlankNode) -> str:
        key = str(graph)
        prefix = self.prefixes.get(key)
        if prefix is None:
            prefix = self.prefixes[key] = _bnode_prefix(key)
        return prefix

    def label(self, term: Term, twin: Term, prefix: str) -> Term:
        """``term`` labelled by its graph; ``twin`` is the same term from a second parse of the file."""
        if not isinstance(term, ox.BlankNode):
            return term
        value = term.value
        if value.startswith(prefix):
            return term
        if isinstance(twin, ox.BlankNode) and twin.value == value:  # a label written in the file
            return ox.BlankNode(prefix + value)
        key = prefix + value  # a random id: the node had no label
        label = self.anonymous.get(key)
        if label is None:
            count = self.counts.get(prefix, 0)
            self.counts[prefix] = count + 1
            label = self.anonymous[key] = f"{prefix}-{count}"
        return ox.BlankNode(label)


def _named_quads(path: Path, fmt: ox.RdfFormat) -> Iterator[ox.Quad]:
    """The quads of a file, each in a named graph, blank nodes labelled by it (see the module docstring).

    Blank nodes without a label are told from labelled ones by parsing the file a second time alongside
    the first, from the first blank node on: an id that differs between the two parses is random.
    """
    default = ox.NamedNode(graph_iri(path))
    labels = _BlankLabels()
    twin: Iterator[ox.Quad] | None = None
    for index, quad in enumerate(ox.parse(path=str(path), format=fmt)):
        graph = quad.graph_name
        name = default if isinstance(graph, ox.DefaultGraph) else graph
        subject, obj = quad.subject, quad.object
        other = next(twin) if twin is not None else None
        if not isinstance(subject, ox.BlankNode) and not isinstance(obj, ox.BlankNode):
            yield quad if name is graph else ox.Quad(subject, quad.predicate, obj, name)
            continue
        if other is None:
            twin = islice(ox.parse(path=str(path), format=fmt), index, None)
            other = next(twin)
        prefix = labels.prefix(name)
        yield ox.Quad(
            labels.label(subject, other.subject, prefix),  # type: ignore[arg-type]
            quad.predicate,
            labels.label(obj, other.object, prefix),
            name,
        )


def parse_quads(path: Path) -> Iterator[ox.Quad]:
    """Stream the quads of a graph file; triples and default-graph quads go to ``graph_iri(path)``.

    Blank nodes are labelled by their graph (see the module docstring). Raises InputError naming the
    file (and the line, for syntax errors).
    """
    fmt = rdf_format(path)
    try:
        yield from _named_quads(path, fmt)
    except SyntaxError as exc:
        raise InputError(syntax_message(path, fmt, exc)) from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def to_bytes(
    items: Iterable[ox.Quad] | Iterable[ox.Triple], fmt: ox.RdfFormat, prefixes: dict[str, str] | None = None
) -> bytes:
    """``pyoxigraph.serialize`` into bytes."""
    data = ox.serialize(items, format=fmt, prefixes=prefixes)
    assert data is not None  # no output given: the bytes are returned
    return data
