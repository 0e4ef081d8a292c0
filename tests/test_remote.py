"""kg push and kg query --endpoint against a real Oxigraph server, and against misbehaving servers.

The Oxigraph server binary comes with the ``oxigraph`` package of the dev extra; without it these
tests fail (they do not skip).
"""

from __future__ import annotations

import base64
import datetime as dt
import http.client
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs

import pytest
from click.testing import CliRunner

import kg.store.remote
from kg.build import build
from kg.cli import cli
from kg.errors import StoreError
from kg.lexicon.resources import load_resources
from kg.store.endpoint import query_endpoint
from kg.store.graphfiles import GRAPH_BASE
from kg.store.queries import NAMED, load_graphs, named_query, run_query
from kg.store.remote import ENV_PASSWORD, ENV_USER, push

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_0aaf1fdda57b71fa.txt"
SECOND = ROOT / "tests" / "articles" / "ph_cn_water_cannon.txt"
TODAY = dt.date(2026, 11, 27)
PASSWORD = "s3cret-Pa55word"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }"


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if found is None:
        pytest.fail(
            "the Oxigraph server binary `oxigraph` is missing: pip install oxigraph (in the dev extra)"
        )
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Oxigraph:
    """An ``oxigraph serve`` process on a free loopback port, its data in ``location``."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0

    @property
    def store(self) -> str:
        return f"http://127.0.0.1:{self.port}/store"

    @property
    def query(self) -> str:
        return f"http://127.0.0.1:{self.port}/query?union-default-graph"

    def start(self) -> None:
        self.port = free_port()
        command = [
            oxigraph_binary(),
            "serve",
            "--location",
            str(self.location),
            "--bind",
            f"127.0.0.1:{self.port}",
        ]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"oxigraph serve exited with {self.process.returncode}")
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
            try:
                connection.request("GET", "/query?query=ASK%7B%7D")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.05)
            finally:
                connection.close()
        self.stop()
        pytest.fail("oxigraph serve did not answer within 30 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def count(self, graph: str) -> int:
        return int(query_endpoint(self.query, COUNT % graph)[1][0][0])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Oxigraph]:
    oxigraph = Oxigraph(tmp_path / "oxigraph")
    oxigraph.start()
    try:
        yield oxigraph
    finally:
        oxigraph.stop()


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("built")
    build([SEED, SECOND], out, load_resources(), today=TODAY, validate=False, html=False)
    return [out / f"{SEED.stem}.ttl", out / f"{SECOND.stem}.ttl"]


@pytest.fixture(autouse=True)
def no_ambient_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(ENV_USER, raising=False)
    monkeypatch.delenv(ENV_PASSWORD, raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))


def triples(path: Path) -> int:
    import pyoxigraph as ox

    return len(list(ox.parse(path=str(path))))


def big_ntriples(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            handle.write(f'<http://x/s{i}> <http://x/p> "value number {i} of a big graph" .\n')
    return path


def test_push_then_endpoint_queries_match_local_queries(server: Oxigraph, articles: list[Path]) -> None:
    result = CliRunner().invoke(cli, ["push", *map(str, articles), "--store", server.store])
    assert result.exit_code == 0, result.output
    assert "pushed 2 graph(s)" in result.output
    for name in NAMED:
        local = run_query(load_graphs(articles), named_query(name))
        assert query_endpoint(server.query, named_query(name)) == local, name
        for fmt in ("table", "csv", "json"):
            here = CliRunner().invoke(cli, ["query", *map(str, articles), "-n", name, "--format", fmt])
            there = CliRunner().invoke(
                cli, ["query", "--endpoint", server.query, "-n", name, "--format", fmt]
            )
            assert there.exit_code == 0, there.output
            assert there.output == here.output


def test_pushing_twice_keeps_one_copy(server: Oxigraph, articles: list[Path]) -> None:
    push(articles, server.store)
    push(articles, server.store)
    for article in articles:
        assert server.count(GRAPH_BASE + article.stem) == triples(article)
    total = query_endpoint(server.query, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[1]
    assert int(total[0][0]) == sum(triples(a) for a in articles)


def test_dataset_files_are_pushed_graph_by_graph(
    server: Oxigraph, articles: list[Path], tmp_path: Path
) -> None:
    merged = tmp_path / "merged.trig"
    assert CliRunner().invoke(cli, ["merge", *map(str, articles), "-o", str(merged)]).exit_code == 0
    uploads = push([merged], server.store)
    assert [u.graph for u in uploads] == sorted(GRAPH_BASE + a.stem for a in articles)
    for article in articles:
        assert server.count(GRAPH_BASE + article.stem) == triples(article)


def test_closed_port_is_a_clear_error(articles: list[Path]) -> None:
    url = f"http://127.0.0.1:{free_port()}/store"
    result = CliRunner().invoke(cli, ["push", str(articles[0]), "--store", url])
    assert result.exit_code == 2
    assert result.output.startswith(f"kg: error: cannot reach {url}: connection refused")
    assert len(result.output.strip().splitlines()) == 1
    result = CliRunner().invoke(cli, ["query", "--endpoint", url, "-n", "states"])
    assert result.exit_code == 2 and "cannot reach" in result.output


@pytest.mark.parametrize("delay", [0.0, 0.2, 0.6])
def test_server_dying_mid_push_leaves_old_or_new_graph(
    server: Oxigraph, articles: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, delay: float
) -> None:
    seed = articles[0]
    graph = GRAPH_BASE + seed.stem
    push([seed], server.store)  # v1
    v1 = triples(seed)
    v2 = big_ntriples(tmp_path / f"{seed.stem}.nt", 300_000)  # the same graph, a new version
    others = [big_ntriples(tmp_path / f"other{i}.nt", 100_000) for i in range(2)]
    sending = threading.Event()
    original = kg.store.remote.request

    def request(*args: Any, **kwargs: Any) -> bytes:
        sending.set()
        return original(*args, **kwargs)

    monkeypatch.setattr(kg.store.remote, "request", request)
    errors: list[StoreError] = []

    def run() -> None:
        try:
            push([v2, *others], server.store)
        except StoreError as exc:
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    assert sending.wait(timeout=60)
    time.sleep(delay)
    server.kill()  # while the first PUT (v2 of the seed's graph) is on its way or being stored
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert len(errors) == 1
    assert str(errors[0]).startswith("cannot reach http://127.0.0.1:")
    server.start()  # same data folder
    count = server.count(graph)
    assert count in {v1, 300_000}
    if count == v1:
        assert server.count(GRAPH_BASE + "other0") == 0
    print(f"delay {delay}: the graph holds {count} triples after the kill; error: {errors[0]}")


class Handler(http.server.BaseHTTPRequestHandler):
    """Answers every request with ``status``, echoing the Authorization header and the password."""

    status = 500
    seen: ClassVar[list[str | None]] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        type(self).seen.append(self.headers.get("Authorization"))
        body = f"nope: {self.headers.get('Authorization')} {PASSWORD}".encode()
        self.send_response(self.status)
        if self.status == 401:
            self.send_header("WWW-Authenticate", 'Basic realm="kg"')
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_PUT(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def failing(request: pytest.FixtureRequest) -> Iterator[tuple[str, type[Handler]]]:
    handler = type("H", (Handler,), {"status": request.param, "seen": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("failing", [500], indirect=True)
def test_server_error_is_one_line_with_status(
    failing: tuple[str, type[Handler]], articles: list[Path]
) -> None:
    base, _ = failing
    result = CliRunner().invoke(cli, ["push", str(articles[0]), "--store", f"{base}/store"])
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: PUT ") and "HTTP 500 Internal Server Error" in result.output
    assert len(result.output.strip().splitlines()) == 1
    result = CliRunner().invoke(cli, ["query", "--endpoint", f"{base}/query", "-n", "states"])
    assert result.exit_code == 2 and "HTTP 500" in result.output


@pytest.mark.parametrize("failing", [401], indirect=True)
def test_credentials_never_appear_in_output(
    failing: tuple[str, type[Handler]], articles: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    base, handler = failing
    monkeypatch.setenv(ENV_USER, "alice")
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    token = base64.b64encode(f"alice:{PASSWORD}".encode()).decode()
    for args in (
        ["push", str(articles[0]), "--store", f"{base}/store"],
        ["query", "--endpoint", f"{base}/query", "-n", "states"],
    ):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2
        assert "HTTP 401 Unauthorized" in result.output
        assert PASSWORD not in result.output and token not in result.output
    assert handler.seen == [f"Basic {token}"] * 2  # sent to loopback over http


@pytest.mark.parametrize("failing", [401], indirect=True)
def test_credentials_from_netrc(
    failing: tuple[str, type[Handler]], articles: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, handler = failing
    netrc_file = tmp_path / "netrc"
    netrc_file.write_text(f"machine 127.0.0.1 login bob password {PASSWORD}\n")
    os.chmod(netrc_file, 0o600)
    monkeypatch.setenv("NETRC", str(netrc_file))
    result = CliRunner().invoke(cli, ["push", str(articles[0]), "--store", f"{base}/store"])
    assert "HTTP 401" in result.output and PASSWORD not in result.output
    assert handler.seen == ["Basic " + base64.b64encode(f"bob:{PASSWORD}".encode()).decode()]


def test_plain_http_credentials_to_a_remote_host_are_refused(
    articles: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a request was sent")

    monkeypatch.setattr(socket, "create_connection", no_network)
    for args in (
        ["push", str(articles[0]), "--store", "http://example.invalid/store"],
        ["query", "--endpoint", "http://example.invalid/query", "-n", "states"],
    ):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2
        assert result.output == (
            "kg: error: refusing to send credentials over plain http to example.invalid; "
            "use https, or --allow-insecure\n"
        )


def test_credentials_in_the_url_are_refused_and_not_printed(articles: list[Path]) -> None:
    result = CliRunner().invoke(
        cli, ["push", str(articles[0]), "--store", f"http://u:{PASSWORD}@127.0.0.1:1/store"]
    )
    assert result.exit_code == 2
    assert "credentials in the URL are refused" in result.output and PASSWORD not in result.output


@pytest.mark.timeout(30)  # the guard: a push that ignored --timeout would wait on the silent socket for ever
def test_timeout(articles: list[Path]) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/store"
        result = CliRunner().invoke(cli, ["push", str(articles[0]), "--store", url, "--timeout", "0.5"])
    assert result.exit_code == 2
    assert f"cannot reach {url}: timed out after 0.5 s" in result.output


@pytest.mark.parametrize("fmt", ["json", "xml", "csv"])
def test_each_result_format_gives_the_rows_of_the_files(
    server: Oxigraph, articles: list[Path], fmt: str
) -> None:
    push(articles, server.store)
    for name in NAMED:
        local = run_query(load_graphs(articles), named_query(name))
        assert query_endpoint(server.query, named_query(name), formats=(fmt,)) == local, name


def test_an_empty_default_graph_is_said_with_the_fix(server: Oxigraph, articles: list[Path]) -> None:
    plain = server.query.partition("?")[0]  # no ?union-default-graph: the default graph is empty
    result = CliRunner().invoke(cli, ["query", "--endpoint", plain, "-n", "states"])
    assert result.exit_code == 0
    assert result.stderr == ""  # nothing in the store: the empty answer is the answer
    push(articles, server.store)
    result = CliRunner().invoke(cli, ["query", "--endpoint", plain, "-n", "states"])
    assert result.exit_code == 0
    assert result.stdout == "iso  label  wikidata\n---  -----  --------\n"
    assert result.stderr == (
        "kg: warning: no rows: the store's default graph is empty while its named graphs hold data, and"
        " the named queries read the default graph; add ?union-default-graph to the query URL, or start"
        " Oxigraph with --union-default-graph; or run kg query with --union (see docs/STORES.md)\n"
    )


def test_union_runs_the_named_queries_over_the_named_graphs(server: Oxigraph, articles: list[Path]) -> None:
    push(articles, server.store)
    plain = server.query.partition("?")[0]
    for name in NAMED:
        here = CliRunner().invoke(cli, ["query", *map(str, articles), "-n", name])
        there = CliRunner().invoke(cli, ["query", "--endpoint", plain, "-n", name, "--union"])
        assert there.exit_code == 0, there.output
        assert there.output == here.output, name
    result = CliRunner().invoke(cli, ["query", *map(str, articles), "-n", "states", "--union"])
    assert result.exit_code == 2
    assert result.output == "kg: error: --union is for --endpoint (local queries always read the union)\n"


class Answering(http.server.BaseHTTPRequestHandler):
    """Answers every request with ``status``, ``content_type`` and ``body``; keeps what it was sent."""

    status = 200
    content_type = "application/sparql-results+json"
    body = b'{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "1"}}]}}'
    location = ""
    ask_body = b""  # the answer to an ASK query, if not ``body``
    extra: ClassVar[dict[str, str]] = {}
    seen: ClassVar[list[tuple[str, dict[str, str], bytes]]] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        sent = self.rfile.read(length)
        type(self).seen.append((self.command, dict(self.headers), sent))
        asked = parse_qs(sent.decode("ascii")).get("query", [""])[0]
        body = self.ask_body if self.ask_body and asked.startswith("ASK") else self.body
        self.send_response(self.status)
        self.send_header("Content-Type", self.content_type)
        if self.location:
            self.send_header("Location", self.location)
        for name, value in self.extra.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def answering(request: pytest.FixtureRequest) -> Iterator[tuple[str, type[Answering]]]:
    handler = type("A", (Answering,), {**request.param, "seen": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/sparql", handler
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("answering", [{}], indirect=True)
def test_the_query_is_a_form_post_asking_json_then_xml_then_csv(
    answering: tuple[str, type[Answering]],
) -> None:
    url, handler = answering
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } # é & = +"
    assert query_endpoint(url, query) == (["n"], [["1"]])
    ((method, headers, body),) = handler.seen
    assert method == "POST"
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert headers["Accept"] == (
        "application/sparql-results+json, application/sparql-results+xml;q=0.9, text/csv;q=0.8"
    )
    assert parse_qs(body.decode("ascii"), strict_parsing=True) == {"query": [query]}


@pytest.mark.parametrize(
    "answering",
    [{"content_type": "text/html", "body": b"<html><body><h2>Please log in</h2></body></html>"}],
    indirect=True,
)
def test_an_answer_that_is_not_sparql_results_is_named(answering: tuple[str, type[Answering]]) -> None:
    url, _ = answering
    result = CliRunner().invoke(cli, ["query", "--endpoint", url, "-n", "states"])
    assert result.exit_code == 2
    assert result.output == (
        f"kg: error: {url}: the answer is text/html, not SPARQL results (JSON, XML or CSV): Please log in\n"
    )


@pytest.mark.parametrize(
    "answering",
    [{"status": 400, "content_type": "text/html", "body": b"<html><head><title>Error</title></head>"
      b"<body><h1>HTTP/1.1 400 Bad Request</h1><xmp>SP030: syntax error at <x></xmp></body></html>"}],
    indirect=True,
)  # fmt: skip
def test_an_html_error_page_gives_the_store_words(answering: tuple[str, type[Answering]]) -> None:
    url, _ = answering
    result = CliRunner().invoke(cli, ["query", "--endpoint", url, "-n", "states"])
    assert result.exit_code == 2
    assert result.output == f"kg: error: POST {url}: HTTP 400 Bad Request: SP030: syntax error at <x>\n"


@pytest.mark.parametrize(
    "answering", [{"status": 302, "location": "http://elsewhere.invalid/sparql", "body": b""}], indirect=True
)
def test_a_redirect_is_not_followed_with_the_credentials(
    answering: tuple[str, type[Answering]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, handler = answering
    monkeypatch.setenv(ENV_USER, "alice")
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    result = CliRunner().invoke(cli, ["query", "--endpoint", url, "-n", "states"])
    assert result.exit_code == 2
    assert result.output == (
        f"kg: error: POST {url}: HTTP 302 Found (redirect to http://elsewhere.invalid/sparql not followed)\n"
    )
    assert len(handler.seen) == 1


EMPTY = b'{"head": {"vars": ["iso", "label", "wikidata"]}, "results": {"bindings": []}}'


@pytest.mark.parametrize("answering", [{"body": EMPTY}], indirect=True)
def test_a_store_that_cannot_answer_the_check_is_said(answering: tuple[str, type[Answering]]) -> None:
    url, handler = answering  # answers the ASK with the same empty SELECT answer
    result = CliRunner().invoke(cli, ["query", "--endpoint", url, "-n", "states"])
    assert result.exit_code == 0
    assert result.stdout == "iso  label  wikidata\n---  -----  --------\n"
    assert result.stderr == (
        f"kg: warning: no rows, and kg could not check the store's default graph: {url}: the answer is"
        " not SPARQL JSON results (a SELECT answer to an ASK query)\n"
    )
    asked = [parse_qs(body.decode("ascii"))["query"][0] for _method, _headers, body in handler.seen]
    assert asked == [named_query("states"), kg.store.endpoint.EMPTY_DEFAULT_ASK]


FUSEKI = {"body": EMPTY, "ask_body": b'{"head": {}, "boolean": true}', "extra": {"Fuseki-Request-Id": "7"}}


@pytest.mark.parametrize("answering", [FUSEKI], indirect=True)
def test_the_fix_named_is_the_store_own(answering: tuple[str, type[Answering]]) -> None:
    url, _ = answering  # answers as Fuseki does (a Fuseki-Request-Id, no Server of its own)
    result = CliRunner().invoke(cli, ["query", "--endpoint", url, "-n", "states"])
    assert result.exit_code == 0
    assert result.stderr == (
        "kg: warning: no rows: the store's default graph is empty while its named graphs hold data, and"
        " the named queries read the default graph; set tdb2:unionDefaultGraph true on the Fuseki"
        " dataset; or run kg query with --union (see docs/STORES.md)\n"
    )
    result = CliRunner().invoke(cli, ["query", "--endpoint", url, "-q", named_query("states")])
    assert result.exit_code == 0 and result.stderr == ""  # only a named query is explained
