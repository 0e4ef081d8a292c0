"""Materialized views: the rows of the named queries on a persistent store, kept beside the store.

A named query returns one row per entity. On a big store (1,000 article graphs and a 1,000,000-triple
background graph, BENCHMARKS.md) Oxigraph takes from 0.4 to 5 s to compute the rows of ``officials``,
``treaties``, ``protests`` or ``events``: tens of thousands of groups joined, concatenated and sorted.
So the first time a named query runs on a persistent store (``kg query --store DIR --name ...``), its
rows are kept in ``DIR/kg-views/<name>.rows`` as they stream out; the next runs read them back (tens of
milliseconds) for as long as the store holds the same data.

A view file is one JSON header line (format, SHA-256 of the query text, token, columns, the Python
version, the CRC-32 of the rest), then the rows in the ``marshal`` format: the cache format of Python itself (``.pyc`` files),
for the same reason, speed: equal cells (a state's code, an event type, a date) are written once and
read back as one string, so 73,000 rows of six cells are built in ~35 ms, against ~80 ms from JSON (the
goal is 100 ms, BENCHMARKS.md). As with ``.pyc`` files, the data is trusted:
kg wrote it in a folder it owns, it is only ever read as lists of strings (checked, never called), and
a file written by another Python version is not read but computed again.

When a view is valid:

- Each view file carries a token; it is valid while the store holds the empty named graph
  ``<https://w3id.org/diplograph/id/store#views-TOKEN>``. kg removes those graphs
  (:func:`forget_views`) *before* it writes anything to the store (``kg.store.embedded.load_file(s)``), so rows
  computed before a write are never served after it, even if the write is interrupted midway.
- The token is taken (the graph added) before the query starts, and the file is written only if the
  token is still there when the last row has been read: a run stopped early (``kg query ... | head``)
  keeps nothing.
- The file also carries the SHA-256 of the query text: a kg whose query text changed computes again.
- A file that cannot be read or parsed is computed again (and replaced); one that cannot be written
  is a warning, the rows are still given.

Writes made to the store by other programs than kg (a SPARQL UPDATE through ``oxigraph serve`` on the
same folder, say) do not remove the token: delete ``DIR/kg-views`` after them.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import marshal
import secrets
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.errors import OutputError

FOLDER = "kg-views"
"""The sub-folder of a store folder that holds the views."""
TOKEN_PREFIX = "https://w3id.org/diplograph/id/store#views-"
"""Views are valid while the store holds the empty named graph ``TOKEN_PREFIX + token``."""
FORMAT = 1
_PYTHON = f"{sys.implementation.cache_tag} marshal {marshal.version}"
log = logging.getLogger("kg")


def forget_views(store: ox.Store) -> None:
    """Make every view kept for ``store`` stale: called before kg writes to the store."""
    for graph in list(store.named_graphs()):
        if isinstance(graph, ox.NamedNode) and graph.value.startswith(TOKEN_PREFIX):
            store.remove_graph(graph)


def _token(store: ox.Store) -> str:
    """The store's current view token, made (its graph added) if there is none."""
    for graph in store.named_graphs():
        if isinstance(graph, ox.NamedNode) and graph.value.startswith(TOKEN_PREFIX):
            return graph.value.removeprefix(TOKEN_PREFIX)
    token = secrets.token_hex(8)
    store.add_graph(ox.NamedNode(TOKEN_PREFIX + token))
    store.flush()
    return token


def _holds(store: ox.Store, token: str) -> bool:
    return store.contains_named_graph(ox.NamedNode(TOKEN_PREFIX + token))


def _named(query: str) -> str | None:
    """The name of the named query whose text is ``query``, if any."""
    from kg.store.queries import NAMED, named_query

    return next((name for name in NAMED if named_query(name) == query), None)


def _digest(query: str) -> str:
    return hashlib.sha256(query.encode("utf-8")).hexdigest()


def view_path(store_dir: Path, name: str) -> Path:
    """Where the view of the named query ``name`` is kept for the store in ``store_dir``."""
    return store_dir / FOLDER / f"{name}.rows"


def _read(store: ox.Store, path: Path, query: str) -> tuple[list[str], list[list[str]]] | None:
    """The kept rows, if the file is there, whole (its CRC-32), of this query text and this Python, and
    its token still valid; else None."""
    try:
        data = path.read_bytes()  # whole: reading on after a readline() copies the body once more
        end = data.find(b"\n")
        header = json.loads(data[:end])
        if not (
            end >= 0
            and isinstance(header, dict)
            and header.get("format") == FORMAT
            and header.get("python") == _PYTHON
            and header.get("query") == _digest(query)
            and isinstance(header.get("token"), str)
            and _holds(store, header["token"])
        ):
            return None
    except (OSError, ValueError):
        return None
    body = memoryview(data)[end + 1 :]
    columns = header.get("columns")
    if zlib.crc32(body) != header.get("crc") or not isinstance(columns, list):
        return None
    paused = gc.isenabled()
    gc.disable()  # the rows hold no cycles: the collector would walk them all for nothing
    try:
        rows = marshal.loads(body)
        # every row a list of len(columns) cells, checked by C loops (a generator costs ~5 ms a view)
        whole = (
            type(rows) is list and set(map(type, rows)) <= {list} and set(map(len, rows)) <= {len(columns)}
        )
    except (ValueError, EOFError, TypeError):
        return None
    finally:
        if paused:
            gc.enable()
    return (columns, rows) if whole else None


def _encode(header: dict[str, object], rows: list[list[str]]) -> bytes:
    """The header line, with the CRC-32 of the body, then the body."""
    body = marshal.dumps(rows, 4)
    line = json.dumps({**header, "crc": zlib.crc32(body)}, ensure_ascii=False, sort_keys=True)
    return line.encode("utf-8") + b"\n" + body


def _keeping(
    store: ox.Store, path: Path, header: dict[str, object], rows: Iterator[list[str]]
) -> Iterator[list[str]]:
    """The rows as they come; once the last one is out, kept in ``path`` if the token still holds."""
    from kg.rdf.export import write_atomic

    kept: list[list[str]] = []
    same: dict[str, str] = {}  # one string for equal cells: marshal writes it once, and reads it once
    for row in rows:
        row = [same.setdefault(cell, cell) for cell in row]
        kept.append(row)
        yield row
    token = header["token"]
    assert isinstance(token, str)
    if not _holds(store, token):  # the store was written to while the rows were read
        return
    try:
        write_atomic(path, _encode(header, kept))
    except OutputError as exc:
        log.warning("the rows are not kept for the next run: %s", exc)


def query(store: ox.Store, store_dir: Path, text: str) -> tuple[list[str], Iterator[list[str]]]:
    """Run a read-only query on the persistent store kept in ``store_dir``: a named query's rows come
    from its view when it is valid, else from the engine (and are then kept); any other query runs as
    :func:`kg.store.queries.iter_store_query` does."""
    from kg.store.queries import iter_store_query

    name = _named(text)
    if name is None:
        return iter_store_query(store, text)
    path = view_path(store_dir, name)
    kept = _read(store, path, text)
    if kept is not None:
        return kept[0], iter(kept[1])
    token = _token(store)  # before the query: a write while it runs removes it
    columns, rows = iter_store_query(store, text)
    header: dict[str, object] = {
        "format": FORMAT, "python": _PYTHON, "query": _digest(text), "token": token, "columns": columns,
    }  # fmt: skip
    return columns, _keeping(store, path, header, rows)
