"""Querying a SPARQL store over HTTP: the SPARQL 1.1 Protocol, on the HTTP layer of :mod:`kg.store.remote`.

* ``iter_endpoint`` / ``query_endpoint``: the query is sent as a form-encoded ``POST`` (``query=...``),
  the form every store answers (Virtuoso 7.2 never answers a ``POST`` of ``application/sparql-query``).
  The result format is negotiated (SPARQL JSON, else XML, else CSV) and the answer is read in the format
  it comes in; XML and CSV rows are read as they arrive.
* ``explain_empty``: when a named query gives no rows, one ASK tells whether the store's default graph
  is empty while its named graphs hold data (the named queries read the default graph), and the message
  names the fix for that store. ``union_graphs`` lists the named graphs, for running a query over their
  union with the protocol's ``default-graph-uri`` (``kg query --union``).

Credentials, redirects, timeouts and error messages are those of :mod:`kg.store.remote`.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
from collections.abc import Callable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

from kg.errors import QueryError, StoreError
from kg.store.remote import (
    DEFAULT_TIMEOUT,
    SNIPPET,
    Target,
    _exchange,
    _limited,
    _message,
    _scrub,
    resolve,
)

if TYPE_CHECKING:
    import httpx

#: The result formats kg reads, by the name a test or a caller may ask for, in kg's order of preference.
RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
}
FORMATS = ("json", "xml", "csv")
log = logging.getLogger("kg")
_XML_NS = "{http://www.w3.org/2005/sparql-results#}"

#: True when the default graph holds no triple while some named graph does. The sub-select stops at the
#: first quad of a named graph, so the check costs two lookups on any store.
EMPTY_DEFAULT_ASK = (
    "ASK { { SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1 } FILTER NOT EXISTS { ?a ?b ?c } }"
)
_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"
_GRAPHS_SCAN = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


class _Chunks(io.RawIOBase):
    """A response body as a file, read as it arrives."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._left = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._left:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._left = chunk
        size = min(len(buffer), len(self._left))
        buffer[:size] = self._left[:size]
        self._left = self._left[size:]
        return size


class _Answer:
    """A SPARQL results document being read: its columns, then its rows or its boolean."""

    def __init__(self, target: Target, kind: str, stream: IO[bytes]) -> None:
        self.target = target
        self.kind = kind
        self.columns: list[str] = []
        self.boolean: bool | None = None
        self._rows: Iterator[list[str]] = iter(())
        {"json": self._json, "xml": self._xml, "csv": self._csv}[kind](stream)

    def bad(self, why: str = "") -> StoreError:
        what = {"json": "SPARQL JSON", "xml": "SPARQL XML", "csv": "SPARQL CSV"}[self.kind]
        return StoreError(f"{self.target.shown}: the answer is not {what} results{why}")

    def rows(self) -> Iterator[list[str]]:
        return self._rows

    def _json(self, stream: IO[bytes]) -> None:
        try:
            document = json.load(stream)
            if isinstance(document, dict) and isinstance(document.get("boolean"), bool):
                self.boolean = document["boolean"]
                return
            self.columns = [str(v) for v in document["head"]["vars"]]
            bindings = document["results"]["bindings"]
            values = [[str(b.get(c, {}).get("value", "")) for c in self.columns] for b in bindings]
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError):
            raise self.bad() from None
        self._rows = iter(values)

    def _xml(self, stream: IO[bytes]) -> None:
        import xml.etree.ElementTree as ET

        events = ET.iterparse(stream, events=("start", "end"))

        def advance() -> tuple[str, ET.Element]:
            try:
                return next(events)
            except ET.ParseError as exc:
                raise self.bad(f" ({exc})") from None
            except StopIteration:
                raise self.bad() from None

        while True:  # the head, then <results> or <boolean>
            event, element = advance()
            if event == "end" and element.tag == f"{_XML_NS}variable":
                self.columns.append(element.get("name", ""))
            elif event == "end" and element.tag == f"{_XML_NS}boolean":
                self.boolean = (element.text or "").strip() == "true"
                return
            elif event == "start" and element.tag == f"{_XML_NS}results":
                break
        self._rows = self._xml_rows(advance)

    def _xml_rows(self, advance: Callable[[], tuple[str, Any]]) -> Iterator[list[str]]:
        while True:
            event, element = advance()
            if event != "end":
                continue
            if element.tag == f"{_XML_NS}results":
                return
            if element.tag == f"{_XML_NS}result":
                cells = {b.get("name"): "".join(b[0].itertext()) if len(b) else "" for b in element}
                element.clear()
                yield [cells.get(c, "") for c in self.columns]

    def _csv(self, stream: IO[bytes]) -> None:
        text = io.TextIOWrapper(stream, encoding="utf-8", errors="strict", newline="")
        reader = csv.reader(text)
        try:
            self.columns = next(reader, [])
        except (csv.Error, UnicodeDecodeError):
            raise self.bad() from None
        width = len(self.columns)

        def rows() -> Iterator[list[str]]:
            try:
                for record in reader:
                    if len(record) != width:
                        raise self.bad(f" (a row of {len(record)} cells, {width} columns)")
                    yield record
            except (csv.Error, UnicodeDecodeError):
                raise self.bad() from None

        self._rows = rows()


def _kind(content_type: str) -> str | None:
    media = content_type.split(";")[0].strip().lower()
    for kind, accepted in RESULT_TYPES.items():
        if media == accepted or (kind == "json" and media == "application/json"):
            return kind
        if kind == "xml" and media in {"application/xml", "text/xml"}:
            return kind
    return None


def accept_header(formats: Sequence[str]) -> str:
    """An Accept header asking for ``formats`` in that order of preference."""
    return ", ".join(
        RESULT_TYPES[f] if i == 0 else f"{RESULT_TYPES[f]};q={1 - i / 10:.1f}" for i, f in enumerate(formats)
    )


@contextlib.contextmanager
def _ask(
    url: str,
    query: str,
    *,
    timeout: float,
    allow_insecure: bool,
    graphs: Sequence[str] = (),
    formats: Sequence[str] = FORMATS,
) -> Iterator[tuple[_Answer, httpx.Response]]:
    target = resolve(url, allow_insecure=allow_insecure)
    form = [("query", query)]
    form += [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs]
    headers = {"Accept": accept_header(formats)}
    with _exchange(target, "POST", timeout, data=form, headers=headers) as response:
        content_type = response.headers.get("Content-Type", "")
        kind = _kind(content_type)
        if kind is None:
            start = _scrub(_message(b"".join(_limited(response.iter_bytes(), 2000)), content_type), target)
            said = f": {start[:SNIPPET]}" if start else ""
            raise StoreError(
                f"{target.shown}: the answer is {content_type or 'of no type'}, not SPARQL results"
                f" (JSON, XML or CSV){said}"
            )
        with io.BufferedReader(_Chunks(response.iter_bytes())) as stream:
            yield _Answer(target, kind, stream), response


def iter_endpoint(
    url: str,
    query: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    allow_insecure: bool = False,
    union: bool = False,
    explain: bool = False,
    formats: Sequence[str] = FORMATS,
) -> tuple[list[str], Iterator[list[str]]]:
    """Run a read-only SELECT query at a SPARQL 1.1 Protocol endpoint: its columns and its rows, as
    kg.store.queries formats them, read as they arrive (the connection is closed when they end).

    ``union``: run the query over the union of the store's named graphs, named in the request
    (``default-graph-uri``, and ``named-graph-uri`` for its ``GRAPH`` patterns). ``explain``: when no row
    comes, say why on the ``kg`` logger if the store's set-up is the cause (``explain_empty``).
    ``formats``: the result formats to ask for, in order of preference. A store that says it may have
    cut the answer (Virtuoso's ``X-SPARQL-MaxRows``) is said to have, on the ``kg`` logger.
    """
    from kg.store.queries import cell_text, check_read_only

    check_read_only(query)
    graphs = union_graphs(url, timeout=timeout, allow_insecure=allow_insecure) if union else []
    stack = contextlib.ExitStack()
    answer, response = stack.enter_context(
        _ask(url, query, timeout=timeout, allow_insecure=allow_insecure, graphs=graphs, formats=formats)
    )
    if answer.boolean is not None:
        stack.close()
        raise QueryError("only SELECT queries are supported")
    cut = response.headers.get("X-SPARQL-MaxRows", "")

    def rows() -> Iterator[list[str]]:
        count = 0
        with stack:
            for row in answer.rows():
                count += 1
                yield [cell_text(cell) for cell in row]
        if cut and cut == str(count):
            log.warning(
                "the store may have cut the answer at %s rows (its X-SPARQL-MaxRows header); on Virtuoso,"
                " raise ResultSetMaxRows in the [SPARQL] section of virtuoso.ini",
                cut,
            )
        if count == 0 and explain and not union:
            reason = explain_empty(url, timeout=timeout, allow_insecure=allow_insecure)
            if reason is not None:
                log.warning("%s", reason)

    return answer.columns, rows()


def query_endpoint(
    url: str,
    query: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    allow_insecure: bool = False,
    union: bool = False,
    formats: Sequence[str] = FORMATS,
) -> tuple[list[str], list[list[str]]]:
    """``iter_endpoint`` with the rows in a list.

    The named queries expect the default graph to be the union of the named graphs: see docs/STORES.md.
    """
    columns, rows = iter_endpoint(
        url, query, timeout=timeout, allow_insecure=allow_insecure, union=union, formats=formats
    )
    return columns, list(rows)


def ask_endpoint(
    url: str, query: str, *, timeout: float = DEFAULT_TIMEOUT, allow_insecure: bool = False
) -> tuple[bool, str]:
    """The answer to an ASK query, and the store's ``Server`` header.

    Virtuoso 7.2 answers an ASK as a SELECT of one column, ``__ASK_RETVAL``: one row of 1 for true,
    no row (or 0) for false; that is read as the boolean it means.
    """
    with _ask(url, query, timeout=timeout, allow_insecure=allow_insecure) as (answer, response):
        server = response.headers.get("Server", "")
        if "Fuseki-Request-Id" in response.headers:  # Fuseki sends no Server header, but this one
            server += " Fuseki"
        if answer.boolean is not None:
            return answer.boolean, server
        if answer.columns == ["__ASK_RETVAL"]:
            values = [row[0] for row in answer.rows()]
            return any(v not in {"", "0", "false"} for v in values), server
        raise answer.bad(" (a SELECT answer to an ASK query)")


def union_graphs(url: str, *, timeout: float = DEFAULT_TIMEOUT, allow_insecure: bool = False) -> list[str]:
    """The named graphs of the store at ``url``, sorted.

    ``GRAPH ?g {}`` lists them from the graph index where a store keeps one (Oxigraph, Fuseki); a
    store that gives nothing for it (Virtuoso) is asked again with a pattern that scans its quads.
    """
    for query in (_GRAPHS, _GRAPHS_SCAN):
        _columns, rows = query_endpoint(url, query, timeout=timeout, allow_insecure=allow_insecure)
        graphs = sorted({row[0] for row in rows if row and row[0]})
        if graphs:
            return graphs
    return []


def _fix(server: str) -> str:
    """How to make the default graph the union of the named graphs, on the store that sent ``server``."""
    name = server.lower()
    if "oxigraph" in name:
        return "add ?union-default-graph to the query URL, or start Oxigraph with --union-default-graph"
    if "fuseki" in name or "jena" in name:
        return "set tdb2:unionDefaultGraph true on the Fuseki dataset"
    return (
        "make the store's default graph the union of its named graphs (Oxigraph: ?union-default-graph"
        " on the query URL or --union-default-graph; Fuseki: tdb2:unionDefaultGraph true)"
    )


def explain_empty(url: str, *, timeout: float = DEFAULT_TIMEOUT, allow_insecure: bool = False) -> str | None:
    """Why a named query gave no rows at ``url``, when the store's set-up is the cause; else None.

    One ASK: is the default graph empty while named graphs hold data? The named queries read the
    default graph, so they then find nothing. The message names the fix for that store (read from its
    ``Server`` header) and kg's own, ``--union``. A store that cannot answer the ASK is said so.
    """
    try:
        empty, server = ask_endpoint(url, EMPTY_DEFAULT_ASK, timeout=timeout, allow_insecure=allow_insecure)
    except StoreError as exc:
        return f"no rows, and kg could not check the store's default graph: {exc}"
    if not empty:
        return None
    return (
        "no rows: the store's default graph is empty while its named graphs hold data, and the named"
        f" queries read the default graph; {_fix(server)}; or run kg query with --union"
        " (see docs/STORES.md)"
    )
