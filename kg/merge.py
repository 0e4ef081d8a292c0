"""Merging article graphs into one dataset: one named graph per article, nothing overwritten.

Each input becomes its own named graph ``dgr:graph/<stem>`` (a Turtle / N-Triples / JSON-LD file's
triples; the default-graph triples of a TriG / N-Quads file). The named graphs of a TriG / N-Quads input
are kept as they are, so a merged file can be merged again.

Entities are merged by their IRIs, which the builder already mints from what identifies them
(docs/DESIGN.md): a state is ``state/<ISO2>`` in every article; a person is ``person/<slug of the
normalized name>``, so two people with the same name are one node, and when the articles give him
different posts the node keeps every ``dg:holds`` (one node, two posts, all kept); people who only share a
surname have different IRIs and stay different nodes; a treaty is ``treaty/<parties>/<date or kind>``.

Conflicting facts are never resolved: two articles that give a treaty two signing dates each keep
theirs in their own named graph, and the union (what queries see) holds both.

Merging is idempotent: a graph name met again in a later input *replaces* the earlier one (the later
file is a newer version of the same article), so merging A with A, or merging a merged file with a
rebuilt A, changes nothing but A's graph. The output is sorted, so it is byte-identical across runs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
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
WRITE_FORMATS = (".trig", ".nq", ".ttl")

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
TermKey = tuple[int, str, str, str]
QuadKey = tuple[TermKey, TermKey, TermKey]


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


def _relabel(term: Term, prefix: str) -> Term:
    """Blank nodes of different graphs must not meet: label them by the graph (idempotently)."""
    if isinstance(term, ox.BlankNode) and not term.value.startswith(prefix):
        return ox.BlankNode(prefix + term.value)
    return term


def parse_quads(path: Path) -> Iterator[ox.Quad]:
    """Stream the quads of a graph file; triples and default-graph quads go to ``graph_iri(path)``.

    Raises InputError naming the file (and the line, for syntax errors).
    """
    fmt = rdf_format(path)
    default = ox.NamedNode(graph_iri(path))
    try:
        for quad in ox.parse(path=str(path), format=fmt):
            graph = quad.graph_name
            name = default if isinstance(graph, ox.DefaultGraph) else graph
            prefix = _bnode_prefix(str(name))
            yield ox.Quad(
                _relabel(quad.subject, prefix),  # type: ignore[arg-type]
                quad.predicate,
                _relabel(quad.object, prefix),
                name,
            )
    except SyntaxError as exc:
        raise InputError(syntax_message(path, fmt, exc)) from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _term_key(term: object) -> TermKey:
    if isinstance(term, ox.NamedNode):
        return (0, term.value, "", "")
    if isinstance(term, ox.BlankNode):
        return (1, term.value, "", "")
    if isinstance(term, ox.Literal):
        return (2, term.value, term.datatype.value, term.language or "")
    return (3, str(term), "", "")


def _quad_key(quad: ox.Quad) -> QuadKey:
    return (_term_key(quad.subject), _term_key(quad.predicate), _term_key(quad.object))


def _graph_name(quad: ox.Quad) -> str:
    graph = quad.graph_name
    return "" if isinstance(graph, ox.DefaultGraph) else graph.value


@dataclass
class Merged:
    """A merged dataset: graph IRI -> its quads; and which graphs a later input replaced."""

    graphs: dict[str, set[ox.Quad]] = field(default_factory=dict)
    replaced: list[tuple[str, Path]] = field(default_factory=list)

    def add_file(self, path: Path) -> None:
        """Add the graphs of a file; a graph already present is replaced by this file's version."""
        found: dict[str, set[ox.Quad]] = {}
        for quad in parse_quads(path):
            found.setdefault(_graph_name(quad), set()).add(quad)
        if not found and rdf_format(path) not in {ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS}:
            found[graph_iri(path)] = set()
        for name, quads in found.items():
            if name in self.graphs:
                self.replaced.append((name, path))
            self.graphs[name] = quads

    def sorted_quads(self) -> list[ox.Quad]:
        """Every quad, by graph name, then subject, predicate, object."""
        return [quad for name in sorted(self.graphs) for quad in sorted(self.graphs[name], key=_quad_key)]

    def union(self) -> list[ox.Triple]:
        """The union of the graphs' triples, without duplicates, sorted."""
        triples = {
            ox.Triple(q.subject, q.predicate, q.object) for quads in self.graphs.values() for q in quads
        }
        return sorted(
            triples, key=lambda t: (_term_key(t.subject), _term_key(t.predicate), _term_key(t.object))
        )

    def triple_count(self) -> int:
        return sum(len(quads) for quads in self.graphs.values())


def merge_files(paths: Sequence[Path]) -> Merged:
    """Merge graph files, in order, into named graphs (see the module docstring)."""
    merged = Merged()
    for path in paths:
        merged.add_file(path)
    return merged


def _prefixes() -> dict[str, str]:
    from kg.vocab import PREFIXES

    # no dgr: its local names (article/x#char=1,2) would need escapes; resources are written in full
    return {prefix: ns for prefix, ns in sorted(PREFIXES.items()) if prefix not in {"dgr", "dgsh"}}


def to_bytes(
    items: Iterable[ox.Quad] | Iterable[ox.Triple], fmt: ox.RdfFormat, prefixes: dict[str, str] | None = None
) -> bytes:
    """``pyoxigraph.serialize`` into bytes."""
    data = ox.serialize(items, format=fmt, prefixes=prefixes)
    assert data is not None  # no output given: the bytes are returned
    return data


def _with_prefixes(quads_or_triples: Sequence[ox.Quad] | Sequence[ox.Triple], fmt: ox.RdfFormat) -> bytes:
    """Turtle or TriG whose @prefix block is sorted (the serializer's order is not promised)."""
    text = to_bytes(quads_or_triples, fmt, _prefixes()).decode("utf-8")
    lines = text.splitlines(keepends=True)
    head = sorted(line for line in lines if line.startswith("@prefix "))
    body = [line for line in lines if not line.startswith("@prefix ")]
    return "".join(head + body).encode("utf-8")


def _nquads(quads: Iterable[ox.Quad]) -> bytes:
    lines = to_bytes(quads, ox.RdfFormat.N_QUADS).decode("utf-8").splitlines()
    return "".join(line + "\n" for line in sorted(set(lines)) if line.strip()).encode("utf-8")


def serialize_merged(merged: Merged, suffix: str) -> bytes:
    """The merged dataset as ``.trig`` or ``.nq`` (named graphs kept) or ``.ttl`` (the union only)."""
    if suffix == ".nq":
        return _nquads(merged.sorted_quads())
    if suffix == ".trig":
        return _with_prefixes(merged.sorted_quads(), ox.RdfFormat.TRIG)
    if suffix == ".ttl":
        return _with_prefixes(merged.union(), ox.RdfFormat.TURTLE)
    raise InputError(
        f"cannot write {suffix or 'a file without extension'}; use one of {', '.join(WRITE_FORMATS)}"
    )


@dataclass(frozen=True)
class MergeReport:
    """What ``merge`` wrote."""

    output: Path
    graphs: int
    triples: int
    replaced: list[tuple[str, Path]]


def merge(paths: Sequence[Path], output: Path) -> MergeReport:
    """Merge graph files and write the result atomically to ``output`` (format by its extension)."""
    from kg.export import write_atomic

    suffix = output.suffix.lower()
    if suffix not in WRITE_FORMATS:
        raise InputError(f"{output}: cannot write this format; use one of {', '.join(WRITE_FORMATS)}")
    merged = merge_files(paths)
    write_atomic(output, serialize_merged(merged, suffix))
    return MergeReport(output, len(merged.graphs), merged.triple_count(), merged.replaced)
