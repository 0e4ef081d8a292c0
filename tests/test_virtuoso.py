"""kg push and kg query --endpoint against a real Virtuoso (Debian's virtuoso-opensource 7.2).

The server is started once for the module (tests/virtuoso.py: free loopback ports, a temporary
database, Virtuoso's permission step through isql); the tests that kill or reconfigure a server start
one of their own. Where Virtuoso is not installed these tests are skipped with the reason, except in
CI (CI=true), where they fail.

Virtuoso's default graph (a query without FROM) is the union of all its graphs, its own system graphs
included: so the named queries see every graph pushed here. Only the articles are pushed to the shared
server as article graphs; the other tests push graphs the named queries do not read.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import kg.store.remote
from kg.build import build
from kg.cli import cli
from kg.lexicon.resources import load_resources
from kg.store.endpoint import explain_empty, query_endpoint
from kg.store.graphfiles import GRAPH_BASE
from kg.store.queries import NAMED, load_graphs, named_query, run_query
from kg.store.remote import ENV_PASSWORD, ENV_USER, push
from tests.virtuoso import PASSWORD, USER, Virtuoso

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_0aaf1fdda57b71fa.txt"
SECOND = ROOT / "tests" / "articles" / "ph_cn_water_cannon.txt"
TODAY = dt.date(2026, 11, 27)
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }"


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    server.start()
    try:
        server.allow_updates()
        yield server
    finally:
        server.stop()


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Callable[..., Virtuoso]]:
    """A Virtuoso of the test's own (not yet allowed to update), for tests that kill or reconfigure it."""
    started: list[Virtuoso] = []

    def start(**options: Any) -> Virtuoso:
        server = Virtuoso(tmp_path / f"virtuoso{len(started)}", **options)
        started.append(server)
        server.start()
        return server

    try:
        yield start
    finally:
        for server in started:
            server.stop()


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


def count(server: Virtuoso, graph: str) -> int:
    return int(query_endpoint(server.query, COUNT % graph)[1][0][0])


def big_ntriples(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            handle.write(f'<http://x/s{i}> <http://x/p> "value number {i} of a big graph" .\n')
    return path


def test_pushing_twice_keeps_one_copy(virtuoso: Virtuoso, articles: list[Path]) -> None:
    for _ in range(2):
        result = CliRunner().invoke(cli, ["push", *map(str, articles), "--store", virtuoso.store])
        assert result.exit_code == 0, result.output
        for article in articles:
            assert count(virtuoso, GRAPH_BASE + article.stem) == triples(article)


def test_named_queries_over_virtuoso_give_the_rows_of_the_files(
    virtuoso: Virtuoso, articles: list[Path]
) -> None:
    assert CliRunner().invoke(cli, ["push", *map(str, articles), "--store", virtuoso.store]).exit_code == 0
    for name in NAMED:
        local = run_query(load_graphs(articles), named_query(name))
        assert local[1], name  # the comparison means something: each named query has rows here
        for fmt in ("json", "xml", "csv"):
            assert query_endpoint(virtuoso.query, named_query(name), formats=(fmt,)) == local, (name, fmt)
        here = CliRunner().invoke(cli, ["query", *map(str, articles), "--name", name])
        there = CliRunner().invoke(cli, ["query", "--endpoint", virtuoso.query, "--name", name])
        assert there.exit_code == 0, there.output
        assert there.output == here.output, name
    assert explain_empty(virtuoso.query) is None  # Virtuoso's default graph is the union


def test_dataset_files_are_pushed_graph_by_graph(
    virtuoso: Virtuoso, articles: list[Path], tmp_path: Path
) -> None:
    merged = tmp_path / "merged.trig"
    assert CliRunner().invoke(cli, ["merge", *map(str, articles), "-o", str(merged)]).exit_code == 0
    uploads = push([merged], virtuoso.store)  # application/n-triples, graph by graph
    assert [u.content_type for u in uploads] == ["application/n-triples"] * 2
    for article in articles:
        assert count(virtuoso, GRAPH_BASE + article.stem) == triples(article)


def test_a_graph_virtuoso_cannot_read_is_refused_with_its_message(virtuoso: Virtuoso, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"  # RDF 1.2: a literal with a base direction, which Virtuoso 7.2 cannot read
    bad.write_text('@prefix x: <http://x/> .\nx:a x:b "kanan"@id--rtl .\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["push", str(bad), "--store", virtuoso.store])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    line = result.output.strip()
    assert line.startswith(f"kg: error: PUT {virtuoso.store}: HTTP 500 ")
    assert "SP029: TURTLE RDF loader, line 2" in line and "not a valid language id" in line
    assert line.endswith(f"(graph <{GRAPH_BASE}bad> from {bad})")
    assert count(virtuoso, GRAPH_BASE + "bad") == 0


def test_without_the_permission_step_push_is_refused_with_its_message(
    fresh: Callable[..., Virtuoso], articles: list[Path]
) -> None:
    server = fresh()
    result = CliRunner().invoke(cli, ["push", str(articles[0]), "--store", server.store])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert "HTTP 403 Forbidden: " in result.output and "SQ110:SECURITY: Permission denied" in result.output
    server.allow_updates()
    assert CliRunner().invoke(cli, ["push", str(articles[0]), "--store", server.store]).exit_code == 0


def test_digest_authentication(virtuoso: Virtuoso, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    graph = tmp_path / "digest.nt"
    graph.write_text("<http://x/d> <http://x/p> <http://x/o> .\n", encoding="utf-8")
    auth_store = f"{virtuoso.base}/sparql-graph-crud-auth"
    result = CliRunner().invoke(cli, ["push", str(graph), "--store", auth_store])
    assert result.exit_code == 2 and "HTTP 401 Unauthorized" in result.output  # no credentials
    monkeypatch.setenv(ENV_USER, USER)
    monkeypatch.setenv(ENV_PASSWORD, "not-" + PASSWORD)
    result = CliRunner().invoke(cli, ["push", str(graph), "--store", auth_store])
    assert result.exit_code == 2 and "HTTP 401 Unauthorized" in result.output
    assert PASSWORD not in result.output
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    result = CliRunner().invoke(cli, ["push", str(graph), "--store", auth_store])
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    query = COUNT % (GRAPH_BASE + "digest")
    assert query_endpoint(f"{virtuoso.base}/sparql-auth", query)[1] == [["1"]]


def test_a_cut_answer_is_said(fresh: Callable[..., Virtuoso], articles: list[Path]) -> None:
    server = fresh(max_rows=2)  # Virtuoso's ResultSetMaxRows: Debian's virtuoso.ini sets 10,000
    server.allow_updates()
    push(articles, server.store)
    local = CliRunner().invoke(cli, ["query", *map(str, articles), "--name", "states"])
    assert len(local.stdout.splitlines()) > 4  # a header, a rule and more than two rows
    result = CliRunner().invoke(cli, ["query", "--endpoint", server.query, "--name", "states"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 4
    assert result.stderr == (
        "kg: warning: the store may have cut the answer at 2 rows (its X-SPARQL-MaxRows header); on Virtuoso,"
        " raise ResultSetMaxRows in the [SPARQL] section of virtuoso.ini\n"
    )


@pytest.mark.parametrize("delay", [0.0, 0.5])
def test_server_killed_mid_push_is_one_clear_line(
    fresh: Callable[..., Virtuoso],
    articles: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    delay: float,
) -> None:
    server = fresh()
    server.allow_updates()
    seed = articles[0]
    graph = GRAPH_BASE + seed.stem
    push([seed], server.store)  # v1
    v2 = big_ntriples(tmp_path / f"{seed.stem}.nt", 100_000)  # the same graph, a new version
    sending = threading.Event()
    original = kg.store.remote.request

    def request(*args: Any, **kwargs: Any) -> bytes:
        sending.set()
        return original(*args, **kwargs)

    monkeypatch.setattr(kg.store.remote, "request", request)
    results = []
    thread = threading.Thread(
        target=lambda: results.append(CliRunner().invoke(cli, ["push", str(v2), "--store", server.store]))
    )
    thread.start()
    assert sending.wait(timeout=60)
    time.sleep(delay)
    server.kill()
    thread.join(timeout=60)
    assert not thread.is_alive()
    (result,) = results
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith(f"kg: error: cannot reach {server.store}: ")
    server.start()  # same database
    after = count(server, graph)
    print(f"delay {delay}: the graph holds {after} triples after the kill; {result.output.strip()}")
    push([v2], server.store)  # pushing again finishes
    assert count(server, graph) == 100_000
