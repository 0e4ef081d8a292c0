"""kg query with pyoxigraph: same rows as rdflib, persistent --store, graphs replaced, errors with lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kg.store
from kg.build import build
from kg.cli import cli
from kg.errors import InputError, QueryError
from kg.merge import GRAPH_BASE
from kg.queries import NAMED, format_rows, load_graphs, named_query, run_query, run_store_query
from kg.resources import load_resources
from kg.store import load_files, open_store, query_files

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_0aaf1fdda57b71fa.txt"
TODAY = dt.date(2026, 11, 27)
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed")
    build([SEED], out, load_resources(), today=TODAY, validate=False, html=False)
    return out / f"{SEED.stem}.ttl"


def triple_count(path: Path) -> int:
    return len(list(ox.parse(path=str(path))))


def graph_count(store: ox.Store, graph: str) -> int:
    return int(run_store_query(store, COUNT % graph)[1][0][0])


@pytest.mark.parametrize("name", list(NAMED))
def test_pyoxigraph_rows_equal_rdflib_rows(name: str, seed: Path) -> None:
    text = named_query(name)
    assert query_files([seed], text) == run_query(load_graphs([seed]), text)


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_cli_output_contract(fmt: str, seed: Path) -> None:
    result = CliRunner().invoke(cli, ["query", str(seed), "--name", "officials", "--format", fmt])
    assert result.exit_code == 0, result.output
    assert result.output == format_rows(*run_query(load_graphs([seed]), named_query("officials")), fmt)


def test_cells_are_lexical_values_and_iri_strings(tmp_path: Path) -> None:
    data = tmp_path / "d.ttl"
    data.write_text(
        '<http://x/s> <http://x/p> "2024-06-19"^^<http://www.w3.org/2001/XMLSchema#date> , "hi"@en .\n'
    )
    rows = query_files([data], "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o")[1]
    assert rows == [["http://x/s", "2024-06-19"], ["http://x/s", "hi"]]


def test_persistent_store_needs_no_reparsing(seed: Path, tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    first = query_files([seed], named_query("treaties"), store_dir)
    assert query_files([], named_query("treaties"), store_dir) == first
    result = CliRunner().invoke(
        cli, ["query", "--store", str(store_dir), "--name", "states", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "iso,label,wikidata"
    assert "KR,South Korea,Q884" in result.output


def test_loading_again_replaces_the_graph(seed: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    graph = GRAPH_BASE + seed.stem
    assert load_files(store, [seed, seed]) == [graph, graph]
    load_files(store, [seed])
    assert graph_count(store, graph) == triple_count(seed)
    smaller = tmp_path / "v2" / seed.name
    smaller.parent.mkdir()
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(seed))][:100]
    ox.serialize(triples, str(smaller), ox.RdfFormat.TURTLE)
    load_files(store, [smaller])
    assert graph_count(store, graph) == 100
    assert [g.value for g in store.named_graphs()] == [graph]


def test_dataset_files_keep_their_graphs(seed: Path, tmp_path: Path) -> None:
    merged = tmp_path / "m.nq"
    CliRunner().invoke(cli, ["merge", str(seed), "-o", str(merged)])
    extra = tmp_path / "other.trig"
    extra.write_text(
        "<http://x/g1> { <http://x/s> <http://x/p> <http://x/o> }\n<http://x/s> <http://x/p> 1 .\n"
    )
    store = open_store(None)
    loaded = load_files(store, [merged, extra])
    assert loaded == [GRAPH_BASE + seed.stem, "http://x/g1", GRAPH_BASE + "other"]
    assert graph_count(store, GRAPH_BASE + seed.stem) == triple_count(seed)


def test_syntax_error_names_file_and_line_and_keeps_the_store(seed: Path, tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    query_files([seed], named_query("states"), store_dir)
    bad = tmp_path / "v2" / seed.name  # same graph as the seed: must not be touched
    bad.parent.mkdir()
    bad.write_text('@prefix x: <http://x/> .\nx:a x:b x:c .\nx:a x:b x:c .\nx:a x:b "unterminated .\n')
    with pytest.raises(InputError, match=r"000_0aaf1fdda57b71fa\.ttl:4: not valid Turtle: .*line 4"):
        query_files([bad], named_query("states"), store_dir)
    store = open_store(store_dir)
    assert graph_count(store, GRAPH_BASE + seed.stem) == triple_count(seed)
    assert [str(g) for g in store.named_graphs()] == [f"<{GRAPH_BASE}{seed.stem}>"]
    result = CliRunner().invoke(cli, ["query", str(bad), "--name", "states"])
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: ") and ":4: not valid Turtle" in result.output


def test_big_files_are_bulk_loaded(seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.store, "ATOMIC_LIMIT", 0)
    store_dir = tmp_path / "store"
    expected = query_files([seed], named_query("officials"))
    assert query_files([seed, seed], named_query("officials"), store_dir) == expected
    bad = tmp_path / "bad" / seed.name
    bad.parent.mkdir()
    bad.write_text('<http://x/a> <http://x/b> <http://x/c> .\n<http://x/a> <http://x/b> "x .\n')
    with pytest.raises(InputError, match=r"000_0aaf1fdda57b71fa\.ttl:2: not valid Turtle"):
        query_files([bad], named_query("officials"), store_dir)
    assert query_files([], named_query("officials"), store_dir) == expected  # checked before touching
    store = open_store(store_dir)
    assert graph_count(store, GRAPH_BASE + seed.stem) == triple_count(seed)


def test_query_errors(seed: Path, tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="read-only"):
        query_files([seed], "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }")
    with pytest.raises(QueryError, match="SPARQL error"):
        query_files([seed], "SELECT * WHERE {")
    with pytest.raises(QueryError, match="only SELECT"):
        query_files([seed], "ASK { ?s ?p ?o }")
    with pytest.raises(InputError, match="graph files, --store DIR or --endpoint"):
        query_files([], "SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(InputError, match="no such file"):
        query_files([tmp_path / "missing.ttl"], "SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(InputError, match="unknown graph format"):
        query_files([tmp_path / "x.rdf"], "SELECT * WHERE { ?s ?p ?o }")
