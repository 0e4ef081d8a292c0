"""Named SPARQL queries (a contract: names and columns), graph loading, and result formatting.

The named queries live in ``ontology/queries/<name>.rq``. Multi-valued cells come back joined with
" ; " and are re-sorted here, so the output does not depend on the engine's GROUP_CONCAT order.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import textwrap
import warnings
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph

from kg.errors import InputError, QueryError
from kg.rdf.validation import ontology_file

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib.term import Node

NAMED = {
    "states": "every state: ISO code, English label, Wikidata QID",
    "officials": "every official: name, post, the state (ISO) or organization served",
    "treaties": "every treaty: parties, signatories, signing date and place",
    "protests": "every protest: protester, official, target, what it is about, date, form",
    "events": "every act of diplomacy: type, actor, target, date, evidence sentence, modality",
    "relations": "what passed between states: actor, target, act type, count, first and last date",
}
SEPARATOR = " ; "
_PROLOGUE_ITEM = re.compile(
    r"\s+|\#[^\n]*|PREFIX\s*[^\s:<>]*:\s*<[^<>]*>|BASE\s*<[^<>]*>", re.IGNORECASE
)  # whitespace, a comment, a PREFIX or BASE declaration
_UPDATE = re.compile(r"(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
GRAPH_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld"}


def named_query(name: str) -> str:
    """The text of a named query; unknown names raise QueryError listing the known ones."""
    if name not in NAMED:
        raise QueryError(f"unknown query {name!r}; known: {', '.join(NAMED)}")
    return ontology_file(f"queries/{name}.rq")


def graph_syntax_error(path: Path, data: bytes, fmt: str, exc: BaseException) -> InputError:
    """The one-line error for a graph file rdflib could not parse: ``FILE:LINE: not valid FORMAT: why``.

    pyoxigraph, a strict parser that reports the position, is asked where the error is; if it finds
    none, rdflib's own message is used (with the line rdflib gives, when it gives one).
    """
    import pyoxigraph as ox

    from kg.store.graphfiles import rdf_format

    line = getattr(exc, "lines", None)
    try:
        for _ in ox.parse(data, format=rdf_format(path)):
            pass
    except SyntaxError as oxerr:
        line, exc = (oxerr.lineno - 1 if oxerr.lineno else None), oxerr
    except (InputError, ValueError, OSError):
        pass
    where = f"{path}:{line + 1}" if isinstance(line, int) else str(path)
    message = " ".join(str(getattr(exc, "msg", None) or exc).split())
    return InputError(f"{where}: not valid {fmt}: {message[:300]}")


def load_graphs(paths: Sequence[Path]) -> Graph:
    """Parse graph files (by extension) into one graph, the union of their triples."""
    union = Graph()
    for path in paths:
        fmt = GRAPH_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise InputError(f"{path}: unknown graph format; use one of {', '.join(GRAPH_FORMATS)}")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror}") from None
        try:
            with warnings.catch_warnings():  # rdflib's parsers use its own deprecated ConjunctiveGraph
                warnings.simplefilter("ignore", DeprecationWarning)
                if fmt in {"trig", "nquads"}:
                    dataset = Dataset()
                    dataset.parse(data=data, format=fmt)
                    for s, p, o, _ in dataset.quads():
                        union.add((s, p, o))
                else:
                    union.parse(data=data, format=fmt)
        except Exception as exc:  # rdflib raises many parser-specific types
            raise graph_syntax_error(path, data, fmt, exc) from None
    return union


def load_triples(paths: Sequence[Path]) -> set[tuple[Node, Node, Node]]:
    """The union of the triples of graph files (by extension; named graphs flattened), parsed by
    pyoxigraph: :func:`load_graphs` without an rdflib ``Graph``, which is several times slower to fill
    and to read back (what ``kg view`` renders: :func:`kg.view.html.render_html` takes either). Blank nodes
    of different files stay different."""
    import pyoxigraph as ox

    from kg.rdf.terms import FromOxigraph
    from kg.store.graphfiles import rdf_format, syntax_message

    triples: set[tuple[Node, Node, Node]] = set()
    for path in paths:
        fmt = rdf_format(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror}") from None
        try:
            triples.update(FromOxigraph().triples(ox.parse(data, format=fmt)))
        except SyntaxError as exc:
            raise InputError(syntax_message(path, fmt, exc)) from None
        except ValueError as exc:  # an RDF-star triple term
            raise InputError(f"{path}: cannot read: {exc}") from None
    return triples


def _cell(value: object) -> str:
    if value is None:
        return ""
    return cell_text(str(value))


def cell_text(text: str) -> str:
    """A cell as printed: multi-valued cells (joined with " ; ") re-sorted and deduplicated."""
    if SEPARATOR in text:
        return SEPARATOR.join(sorted(set(text.split(SEPARATOR))))
    return text


def _term_text(term: object) -> str:
    """A pyoxigraph term as a cell (a hot loop: written for speed)."""
    if term is None:
        return ""
    text = term.value if isinstance(term, _oxigraph_terms()) else str(term)  # type: ignore[attr-defined]
    return SEPARATOR.join(sorted(set(text.split(SEPARATOR)))) if SEPARATOR in text else text


@functools.cache
def _oxigraph_terms() -> tuple[type, ...]:
    import pyoxigraph

    return (pyoxigraph.NamedNode, pyoxigraph.BlankNode, pyoxigraph.Literal)


def check_read_only(query: str) -> None:
    """Refuse SPARQL UPDATE: queries are read-only."""
    pos = 0
    while item := _PROLOGUE_ITEM.match(query, pos):
        pos = item.end()
    if _UPDATE.match(query, pos):
        raise QueryError("SPARQL UPDATE is refused: kg query is read-only")


def iter_store_query(store: pyoxigraph.Store, query: str) -> tuple[list[str], Iterator[list[str]]]:
    """Run a read-only SELECT query with pyoxigraph over the union of the store's named graphs.

    In a store kg keeps (:func:`kg.store.embedded.open_store`) that union is the default graph, de-duplicated;
    in any other store the query runs with ``use_default_graph_as_union`` (a triple met in n graphs is
    then seen n times). The rows come one by one, as the engine finds them (nothing is held in memory
    that the query itself does not need: ORDER BY and GROUP BY do). Cells are the lexical value of
    literals and the IRI string of IRIs, as with :func:`run_query`. Errors, also those met while
    iterating, are QueryErrors.
    """
    import pyoxigraph

    from kg.store.marker import keeps_union

    check_read_only(query)
    try:
        result = store.query(query, use_default_graph_as_union=not keeps_union(store))
        if not isinstance(result, pyoxigraph.QuerySolutions):
            raise QueryError("only SELECT queries are supported")
        columns = [variable.value for variable in result.variables]
    except SyntaxError as exc:
        raise QueryError(f"SPARQL error: {_one_line(exc)}") from None
    except OSError as exc:
        raise QueryError(f"query failed: {_one_line(exc)}") from None

    def rows() -> Iterator[list[str]]:
        try:
            for solution in result:
                yield [_term_text(term) for term in solution]
        except (SyntaxError, OSError, ValueError) as exc:
            raise QueryError(f"query failed: {_one_line(exc)}") from None

    return columns, rows()


def run_store_query(store: pyoxigraph.Store, query: str) -> tuple[list[str], list[list[str]]]:
    """:func:`iter_store_query` with every row in a list."""
    columns, rows = iter_store_query(store, query)
    return columns, list(rows)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


def run_query(graph: Graph, query: str) -> tuple[list[str], list[list[str]]]:
    """Run a read-only SELECT query; return the column names and the rows as strings."""
    check_read_only(query)
    try:
        result = graph.query(query)
    except Exception as exc:  # pyparsing and rdflib raise many types
        message = " ".join(str(exc).split())
        raise QueryError(f"SPARQL error: {message[:300]}") from None
    if result.type != "SELECT" or result.vars is None:
        raise QueryError("only SELECT queries are supported")
    columns = [str(v) for v in result.vars]
    rows = [[_cell(value) for value in row] for row in result]  # type: ignore[union-attr]
    return columns, rows


def stream_rows(columns: list[str], rows: Iterable[list[str]], fmt: str) -> Iterator[str]:
    """Format query results as ``csv`` or ``json`` row by row (the same text as :func:`format_rows`);
    a ``table`` needs every row for its widths, so it is formatted at the end."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(row)
            yield out.getvalue()
            out.seek(0)
            out.truncate()
        yield out.getvalue()
    elif fmt == "json":
        first = True
        for row in rows:
            record = json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False, indent=2)
            yield ("[\n" if first else ",\n") + textwrap.indent(record, "  ")
            first = False
        yield "[]\n" if first else "\n]\n"
    else:
        yield format_rows(columns, list(rows), fmt)


def format_rows(columns: list[str], rows: list[list[str]], fmt: str) -> str:
    """Format query results as ``table``, ``csv`` or ``json``."""
    if fmt in {"csv", "json"}:
        return "".join(stream_rows(columns, rows, fmt))
    widths = [min(60, max([len(c)] + [len(r[i]) for r in rows])) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        cells = [(v if len(v) <= w else v[: w - 1] + "…").ljust(w) for v, w in zip(row, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"
