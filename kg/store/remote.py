"""Talking to a SPARQL store over HTTP, with the standard library only.

* ``push``: the SPARQL 1.1 Graph Store HTTP Protocol. Each article graph is sent with ``PUT
  URL?graph=<graph IRI>``; PUT replaces that graph, so pushing again never duplicates.
* ``query_endpoint``: the SPARQL 1.1 Protocol. ``POST`` with ``application/sparql-query``, answers read
  as ``application/sparql-results+json`` and formatted like local results.

Credentials come only from the environment (``KG_STORE_USER`` / ``KG_STORE_PASSWORD``) or from the
netrc file (``$NETRC`` or ``~/.netrc``), are sent as HTTP Basic authentication, and never appear in a
message: URLs are printed without their userinfo and the password is scrubbed from server answers.
Credentials are not sent over plain http to a host that is not loopback unless ``allow_insecure``.
Redirects are not followed (a redirect could carry the credentials elsewhere).
"""

from __future__ import annotations

import base64
import http.client
import ipaddress
import json
import netrc
import os
import socket
import ssl
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from kg.errors import InputError, QueryError, StoreError

ENV_USER = "KG_STORE_USER"
ENV_PASSWORD = "KG_STORE_PASSWORD"
DEFAULT_TIMEOUT = 30.0
SNIPPET = 200


def redact(url: str) -> str:
    """``url`` without its userinfo (``user:password@``)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<invalid URL>"
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def is_loopback(host: str) -> bool:
    """``localhost`` or a loopback address (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def credentials(host: str) -> tuple[str, str] | None:
    """(user, password) from KG_STORE_USER / KG_STORE_PASSWORD, else from the netrc file for ``host``."""
    user, password = os.environ.get(ENV_USER), os.environ.get(ENV_PASSWORD)
    if user or password:
        return user or "", password or ""
    path = Path(os.environ.get("NETRC") or Path.home() / ".netrc")
    if not path.is_file():
        return None
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except netrc.NetrcParseError as exc:
        raise StoreError(f"{path}:{exc.lineno}: cannot parse the netrc file") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read: {exc.strerror}") from None
    if entry is None:
        return None
    login, _account, secret = entry
    return login or "", secret or ""


@dataclass(frozen=True)
class Target:
    """A store URL, split, with the credentials to send to it (if any); ``path`` has the parameters."""

    url: str
    scheme: str
    host: str
    port: int | None
    path: str
    auth: tuple[str, str] | None

    @property
    def shown(self) -> str:
        """The URL as printed in messages."""
        return redact(self.url)

    def with_param(self, name: str, value: str) -> Target:
        """The same target with ``name=value`` added to its query string."""
        sep = "&" if "?" in self.path else "?"
        path = f"{self.path}{sep}{name}={quote(value, safe='')}"
        return Target(self.url, self.scheme, self.host, self.port, path, self.auth)


def resolve(url: str, *, allow_insecure: bool = False) -> Target:
    """Check ``url`` and find its credentials; refuse what would leak them. Sends nothing."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise StoreError(f"not a valid URL: {redact(url)}") from None
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise StoreError(f"not an http(s) URL: {redact(url)}")
    if parts.username is not None or parts.password is not None:
        raise StoreError(
            f"credentials in the URL are refused ({redact(url)}); set {ENV_USER} / {ENV_PASSWORD} or use ~/.netrc"
        )
    host = parts.hostname
    auth = credentials(host)
    if auth is not None and parts.scheme == "http" and not is_loopback(host) and not allow_insecure:
        raise StoreError(
            f"refusing to send credentials over plain http to {host}; use https, or --allow-insecure"
        )
    path = urlunsplit(("", "", parts.path or "/", parts.query, ""))
    return Target(url, parts.scheme, host, port, path, auth)


def _reason(exc: BaseException, timeout: float) -> str:
    if isinstance(exc, TimeoutError | socket.timeout):
        return f"timed out after {timeout:g} s"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, http.client.RemoteDisconnected | BrokenPipeError | ConnectionResetError):
        return "the server closed the connection"
    if isinstance(exc, socket.gaierror):
        return f"unknown host ({exc.strerror})"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error ({exc.reason or exc})"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return " ".join(str(exc).split()) or type(exc).__name__


def _scrub(text: str, target: Target) -> str:
    text = " ".join(text.split())
    if target.auth is not None:
        for secret in (target.auth[1], _basic(target.auth)):
            if secret:
                text = text.replace(secret, "***")
    return text


def _basic(auth: tuple[str, str]) -> str:
    return base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")


def request(
    target: Target, method: str, body: bytes | None, headers: dict[str, str], timeout: float
) -> bytes:
    """Send one request; return the body of a 2xx answer. Errors are one-line StoreErrors."""
    from kg import __version__

    headers = {"User-Agent": f"diplograph/{__version__}", **headers}
    if target.auth is not None:
        headers["Authorization"] = "Basic " + _basic(target.auth)
    connection: http.client.HTTPConnection
    if target.scheme == "https":
        connection = http.client.HTTPSConnection(target.host, target.port, timeout=timeout)
    else:
        connection = http.client.HTTPConnection(target.host, target.port, timeout=timeout)
    try:
        connection.request(method, target.path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
    except (OSError, http.client.HTTPException) as exc:
        raise StoreError(f"cannot reach {target.shown}: {_reason(exc, timeout)}") from None
    finally:
        connection.close()
    if response.status >= 300:
        snippet = _scrub(data[:2000].decode("utf-8", "replace"), target)[:SNIPPET]
        where = f" (redirect to {redact(response.getheader('Location', '?'))} not followed)"
        detail = where if 300 <= response.status < 400 else (f": {snippet}" if snippet else "")
        raise StoreError(f"{method} {target.shown}: HTTP {response.status} {response.reason}{detail}")
    return data


@dataclass(frozen=True)
class Upload:
    """One graph to send: its IRI, the file it comes from, its triple count and how to read its body."""

    path: Path
    graph: str
    triples: int
    content_type: str
    body: Callable[[], bytes]


def _uploads(path: Path) -> list[Upload]:
    """Parse ``path`` (errors name the file and line) and plan one upload per graph in it."""
    import pyoxigraph as ox

    from kg.store.graphfiles import graph_iri, parse_quads, rdf_format, to_bytes

    fmt = rdf_format(path)
    graphs: dict[str, list[ox.Quad]] = {}
    for quad in parse_quads(path):
        graph = quad.graph_name
        assert not isinstance(graph, ox.DefaultGraph)  # parse_quads names every graph
        graphs.setdefault(graph.value, []).append(quad)
    if fmt in {ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES}:
        ctype = "text/turtle" if fmt == ox.RdfFormat.TURTLE else "application/n-triples"
        iri = graph_iri(path)
        return [Upload(path, iri, len(graphs.get(iri, [])), ctype, path.read_bytes)]

    def body(quads: list[ox.Quad]) -> Callable[[], bytes]:
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        return lambda: to_bytes(triples, ox.RdfFormat.N_TRIPLES)

    return [
        Upload(path, name, len(quads), "application/n-triples", body(quads))
        for name, quads in sorted(graphs.items())
    ]


def push(
    paths: Sequence[Path],
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    allow_insecure: bool = False,
    progress: Callable[[Upload], None] | None = None,
) -> list[Upload]:
    """PUT each graph of each file to the Graph Store Protocol endpoint ``url`` (replacing it there).

    Every file is parsed before anything is sent, so a bad file sends nothing.
    """
    target = resolve(url, allow_insecure=allow_insecure)
    plan = [upload for path in paths for upload in _uploads(path)]
    for upload in plan:
        try:
            body = upload.body()
        except OSError as exc:
            raise InputError(f"{upload.path}: cannot read: {exc.strerror}") from None
        headers = {"Content-Type": upload.content_type}
        try:
            request(target.with_param("graph", upload.graph), "PUT", body, headers, timeout)
        except StoreError as exc:
            raise StoreError(f"{exc} (graph <{upload.graph}> from {upload.path})") from None
        if progress is not None:
            progress(upload)
    return plan


def _bindings(data: bytes, target: Target) -> Iterator[dict[str, dict[str, str]]]:
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise StoreError(f"{target.shown}: the answer is not SPARQL JSON results") from None
    if not isinstance(document, dict):
        raise StoreError(f"{target.shown}: the answer is not SPARQL JSON results")
    if "boolean" in document:
        raise QueryError("only SELECT queries are supported")
    try:
        yield from document["results"]["bindings"]
    except (KeyError, TypeError):
        raise StoreError(f"{target.shown}: the answer is not SPARQL JSON results") from None


def query_endpoint(
    url: str, query: str, *, timeout: float = DEFAULT_TIMEOUT, allow_insecure: bool = False
) -> tuple[list[str], list[list[str]]]:
    """Run a read-only SELECT query at a SPARQL 1.1 Protocol endpoint; rows as kg.store.queries formats them.

    The named queries expect the default graph to be the union of the named graphs: see docs/STORES.md.
    """
    from kg.store.queries import cell_text, check_read_only

    check_read_only(query)
    target = resolve(url, allow_insecure=allow_insecure)
    headers = {
        "Content-Type": "application/sparql-query; charset=utf-8",
        "Accept": "application/sparql-results+json",
    }
    data = request(target, "POST", query.encode("utf-8"), headers, timeout)
    try:
        columns = [str(v) for v in json.loads(data)["head"]["vars"]]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError):
        columns = []
    rows = [[cell_text(str(b.get(c, {}).get("value", ""))) for c in columns] for b in _bindings(data, target)]
    return columns, rows
