"""Named SPARQL queries (a contract: names and columns), graph loading, and result formatting.

The named queries live in ``ontology/queries/<name>.rq``. Multi-valued cells come back joined with
" ; " and are re-sorted here, so the output does not depend on the engine's GROUP_CONCAT order.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph

from kg.errors import InputError, QueryError
from kg.validation import ontology_file

if TYPE_CHECKING:
    import pyoxigraph

NAMED = {
    "states": "every state: ISO code, English label, Wikidata QID",
    "officials": "every official: name, post, the state (ISO) or organization served",
    "treaties": "every treaty: parties, signatories, signing date and place",
    "protests": "every protest: protester, official, target, what it is about, date, form",
    "events": "every act of diplomacy: type, actor, target, date, evidence sentence",
}
SEPARATOR = " ; "
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX|BASE)\s+[^\n]*\n\s*)*(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)
GRAPH_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld"}


def named_query(name: str) -> str:
    """The text of a named query; unknown names raise QueryError listing the known ones."""
    if name not in NAMED:
        raise QueryError(f"unknown query {name!r}; known: {', '.join(NAMED)}")
    return ontology_file(f"queries/{name}.rq")


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
            if fmt in {"trig", "nquads"}:
                dataset = Dataset()
                dataset.parse(data=data, format=fmt)
                for s, p, o, _ in dataset.quads():
                    union.add((s, p, o))
            else:
                union.parse(data=data, format=fmt)
        except Exception as exc:  # rdflib raises many parser-specific types
            message = " ".join(str(exc).split())
            raise InputError(f"{path}: not valid {fmt}: {message[:300]}") from None
    return union


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
    import pyoxigraph

    if term is None:
        return ""
    if isinstance(term, pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal):
        return cell_text(term.value)
    return cell_text(str(term))


def check_read_only(query: str) -> None:
    """Refuse SPARQL UPDATE: queries are read-only."""
    if _UPDATE.match(query):
        raise QueryError("SPARQL UPDATE is refused: kg query is read-only")


def run_store_query(store: pyoxigraph.Store, query: str) -> tuple[list[str], list[list[str]]]:
    """Run a read-only SELECT query with pyoxigraph over the union of the store's named graphs.

    Cells are the lexical value of literals and the IRI string of IRIs, as with :func:`run_query`.
    """
    import pyoxigraph

    check_read_only(query)
    try:
        result = store.query(query, use_default_graph_as_union=True)
        if not isinstance(result, pyoxigraph.QuerySolutions):
            raise QueryError("only SELECT queries are supported")
        columns = [variable.value for variable in result.variables]
        rows = [[_term_text(term) for term in solution] for solution in result]
    except SyntaxError as exc:
        message = " ".join(str(exc).split())
        raise QueryError(f"SPARQL error: {message[:300]}") from None
    except OSError as exc:
        message = " ".join(str(exc).split())
        raise QueryError(f"query failed: {message[:300]}") from None
    return columns, rows


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


def format_rows(columns: list[str], rows: list[list[str]], fmt: str) -> str:
    """Format query results as ``table``, ``csv`` or ``json``."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        return out.getvalue()
    if fmt == "json":
        return (
            json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False, indent=2)
            + "\n"
        )
    widths = [min(60, max([len(c)] + [len(r[i]) for r in rows])) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        cells = [(v if len(v) <= w else v[: w - 1] + "…").ljust(w) for v, w in zip(row, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"
