"""Talking to a SPARQL store over HTTP, through httpx under a thin layer of our own.

* ``push``: the SPARQL 1.1 Graph Store HTTP Protocol. Each article graph is sent with ``PUT
  URL?graph=<graph IRI>``; PUT replaces that graph, so pushing again never duplicates.
* queries (:mod:`kg.store.endpoint`, on the HTTP layer of this module): the SPARQL 1.1 Protocol. The query is sent as a form-encoded
  ``POST`` (``query=...``), the form every store answers (Virtuoso 7.2 never answers a ``POST`` of
  ``application/sparql-query``). The result format is negotiated (SPARQL JSON, else XML, else CSV) and
  the answer is read in the format it comes in; XML and CSV rows are read as they arrive.
* ``explain_empty``: when a named query gives no rows, one ASK tells whether the store's default graph
  is empty while its named graphs hold data (the named queries read the default graph), and the
  message names the fix for that store. ``union_graphs`` lists the named graphs, for running a query
  over their union with the protocol's ``default-graph-uri`` (``kg query --union``).

Credentials come only from the environment (``KG_STORE_USER`` / ``KG_STORE_PASSWORD``) or from the
netrc file (``$NETRC`` or ``~/.netrc``). They are sent as HTTP Basic authentication; a server that
answers with a Digest challenge (Virtuoso's ``/sparql-auth`` and ``/sparql-graph-crud-auth``) gets
Digest authentication instead. They never appear in a message: URLs are printed without their
userinfo and the password is scrubbed from server answers. Credentials are not sent over plain http to
a host that is not loopback unless ``allow_insecure``. Redirects are not followed (a redirect could
carry the credentials elsewhere), and no proxy or other setting is taken from the environment.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import ipaddress
import netrc
import os
import re
import socket
import ssl
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit, urlunsplit

from kg.errors import InputError, StoreError

if TYPE_CHECKING:
    import httpx

ENV_USER = "KG_STORE_USER"
ENV_PASSWORD = "KG_STORE_PASSWORD"
DEFAULT_TIMEOUT = 30.0
SNIPPET = 300


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

    @property
    def address(self) -> str:
        """The URL the request goes to: no userinfo, no fragment."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = "" if self.port is None else f":{self.port}"
        return f"{self.scheme}://{host}{port}{self.path}"

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


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _reason(exc: BaseException, timeout: float) -> str:
    """Why a request failed, in a few words, from httpx's error and the socket error under it."""
    import httpx

    chain = list(_causes(exc))
    if any(isinstance(e, httpx.TimeoutException | TimeoutError | socket.timeout) for e in chain):
        return f"timed out after {timeout:g} s"
    for e in chain:
        if isinstance(e, ConnectionRefusedError):
            return "connection refused"
        if isinstance(e, BrokenPipeError | ConnectionResetError | ConnectionAbortedError):
            return "the server closed the connection"
        if isinstance(e, socket.gaierror):
            return f"unknown host ({e.strerror})"
        if isinstance(e, ssl.SSLError):
            return f"TLS error ({e.reason or e})"
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        return "the server closed the connection"
    for e in chain:
        if isinstance(e, OSError) and e.strerror:
            return e.strerror
    return " ".join(str(exc).split()) or type(exc).__name__


def _basic(auth: tuple[str, str]) -> str:
    return base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")


def _scrub(text: str, target: Target) -> str:
    text = " ".join(text.split())
    if target.auth is not None:
        for secret in (target.auth[1], _basic(target.auth)):
            if secret:
                text = text.replace(secret, "***")
    return text


_XMP = re.compile(r"<xmp>(.*?)</xmp>", re.S | re.I)
_TITLE = re.compile(r"<(title|h1)>.*?</\1>", re.S | re.I)
_TAG = re.compile(r"<!DOCTYPE[^>]*>|<!--.*?-->|</?[A-Za-z][^>]*>", re.S)


def _message(body: bytes, content_type: str) -> str:
    """The store's own words from an error answer: text as it is, an HTML page without its markup."""
    text = body[:8000].decode("utf-8", "replace")
    if "html" in content_type.lower() or text.lstrip()[:14].lower() in {"<!doctype html", "<html>"}:
        text = "; ".join(m.strip() for m in _XMP.findall(text)) or _TAG.sub(" ", _TITLE.sub(" ", text))
    return text


def _auth(credentials: tuple[str, str]) -> httpx.Auth:
    """HTTP Basic, sent with the first request; HTTP Digest once the server asks for it."""
    import httpx

    class BasicThenDigest(httpx.Auth):
        def __init__(self) -> None:
            self.digest = httpx.DigestAuth(*credentials)
            self.digest_asked = False

        def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
            if self.digest_asked:
                yield from self.digest.auth_flow(request)
                return
            request.headers["Authorization"] = "Basic " + _basic(credentials)
            response = yield request
            if response.status_code != 401:
                return
            del request.headers["Authorization"]
            challenge = response.headers.get("WWW-Authenticate", "")
            if not challenge:  # Virtuoso's -auth endpoints refuse Basic without saying what they take
                response = yield request
                challenge = response.headers.get("WWW-Authenticate", "")
            if response.status_code != 401 or not challenge.lower().startswith("digest"):
                return
            self.digest_asked = True
            flow = self.digest.auth_flow(request)
            next(flow)  # the request as first sent: its answer is the challenge we have
            with contextlib.suppress(StopIteration):
                response = yield flow.send(response)
                flow.send(response)

    return BasicThenDigest()


@functools.cache
def _tls() -> ssl.SSLContext:
    """The system's certificate authorities (loading them costs ~20 ms: once a process)."""
    return ssl.create_default_context()


def client(target: Target, timeout: float) -> httpx.Client:
    """An httpx client for ``target``: no redirects, nothing from the environment, the system's CAs."""
    import httpx

    from kg import __version__

    return httpx.Client(
        auth=None if target.auth is None else _auth(target.auth),
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,
        verify=_tls() if target.scheme == "https" else False,  # plain http: no TLS to verify
        headers={"User-Agent": f"diplograph/{__version__}"},
    )


@contextlib.contextmanager
def _exchange(
    target: Target,
    method: str,
    timeout: float,
    *,
    http: httpx.Client | None = None,
    content: bytes | None = None,
    data: list[tuple[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Iterator[httpx.Response]:
    """Send one request and give its 2xx answer, its body not read yet. Errors are one-line StoreErrors."""
    import httpx

    owned = http is None
    http = client(target, timeout) if http is None else http
    body = content
    headers = dict(headers or {})
    if data is not None:
        from urllib.parse import urlencode

        body = urlencode(data).encode("ascii")
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        try:
            request = http.build_request(method, target.address, content=body, headers=headers)
            response = http.send(request, stream=True)
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach {target.shown}: {_reason(exc, timeout)}") from None
        try:
            if response.status_code >= 300:
                raise _status_error(target, method, response)
            yield response
        except httpx.HTTPError as exc:  # while the body is read
            raise StoreError(f"cannot reach {target.shown}: {_reason(exc, timeout)}") from None
        finally:
            response.close()
    finally:
        if owned:
            http.close()


def _status_error(target: Target, method: str, response: httpx.Response) -> StoreError:
    import httpx

    head = f"{method} {target.shown}: HTTP {response.status_code} {response.reason_phrase}"
    if 300 <= response.status_code < 400:
        return StoreError(
            f"{head} (redirect to {redact(response.headers.get('Location', '?'))} not followed)"
        )
    try:
        body = b"".join(_limited(response.iter_bytes(), 8000))
    except httpx.HTTPError:
        body = b""
    snippet = _scrub(_message(body, response.headers.get("Content-Type", "")), target)[:SNIPPET]
    return StoreError(f"{head}: {snippet}" if snippet else head)


def _limited(chunks: Iterator[bytes], limit: int) -> Iterator[bytes]:
    size = 0
    for chunk in chunks:
        yield chunk
        size += len(chunk)
        if size >= limit:
            return


def request(
    target: Target,
    method: str,
    body: bytes | None,
    headers: dict[str, str],
    timeout: float,
    http: httpx.Client | None = None,
) -> bytes:
    """Send one request; return the body of a 2xx answer. Errors are one-line StoreErrors."""
    with _exchange(target, method, timeout, http=http, content=body, headers=headers) as response:
        return response.read()


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
    with client(target, timeout) as http:
        for upload in plan:
            try:
                body = upload.body()
            except OSError as exc:
                raise InputError(f"{upload.path}: cannot read: {exc.strerror}") from None
            headers = {"Content-Type": upload.content_type}
            try:
                request(target.with_param("graph", upload.graph), "PUT", body, headers, timeout, http)
            except StoreError as exc:
                raise StoreError(f"{exc} (graph <{upload.graph}> from {upload.path})") from None
            if progress is not None:
                progress(upload)
    return plan
