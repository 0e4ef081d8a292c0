"""kg query with pyoxigraph: same rows as rdflib, persistent --store, graphs replaced, errors with lines;
the store's default graph kept as the de-duplicated union of the named graphs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kg.store.embedded
import kg.store.views
from kg.build import build
from kg.cli import cli
from kg.errors import InputError, QueryError
from kg.lexicon.resources import load_resources
from kg.store.embedded import STORE_MARKER, UPGRADING, load_file, load_files, open_store, query_files
from kg.store.graphfiles import GRAPH_BASE
from kg.store.queries import NAMED, format_rows, load_graphs, named_query, run_query, run_store_query

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_0aaf1fdda57b71fa.txt"
SECOND = ROOT / "tests" / "articles" / "ph_cn_water_cannon.txt"
TODAY = dt.date(2026, 11, 27)
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed")
    build([SEED], out, load_resources(), today=TODAY, validate=False, html=False)
    return out / f"{SEED.stem}.ttl"


@pytest.fixture(scope="module")
def second_ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("second")
    build([SECOND], out, load_resources(), today=TODAY, validate=False, html=False)
    return out / f"{SECOND.stem}.ttl"


def triple_count(path: Path) -> int:
    return len(list(ox.parse(path=str(path))))


def graph_count(store: ox.Store, graph: str) -> int:
    return int(run_store_query(store, COUNT % graph)[1][0][0])


def named_graphs(store: ox.Store) -> list[str]:
    """The data graphs: kg's own (the marker, the views' token) left out."""
    return sorted(g.value for g in store.named_graphs() if not g.value.startswith(kg.store.embedded.OWN))


def default_graph(store: ox.Store) -> set[ox.Triple]:
    return {
        ox.Triple(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    }


def union(store: ox.Store) -> set[ox.Triple]:
    return {
        ox.Triple(q.subject, q.predicate, q.object)
        for q in store
        if not isinstance(q.graph_name, ox.DefaultGraph)
    }


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("@prefix x: <http://x/> .\n" + text, encoding="utf-8")
    return path


def facts(store: ox.Store) -> list[list[str]]:
    return run_store_query(store, "SELECT ?s ?o WHERE { ?s <http://x/p> ?o } ORDER BY ?s ?o")[1]


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
    assert named_graphs(store) == [graph]
    assert default_graph(store) == union(store)
    assert len(default_graph(store)) == 100


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
    assert named_graphs(store) == [f"{GRAPH_BASE}{seed.stem}"]
    assert len(default_graph(store)) == triple_count(seed)
    result = CliRunner().invoke(cli, ["query", str(bad), "--name", "states"])
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: ") and ":4: not valid Turtle" in result.output


def test_big_files_are_bulk_loaded(seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.store.embedded, "ATOMIC_LIMIT", 0)
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


# -- the default graph: the de-duplicated union of the named graphs -------------------------------------

PATHS = ["atomic", "bulk"]  # a file up to ATOMIC_LIMIT (one transaction), a bigger one (bulk-loaded)


def big_files(monkeypatch: pytest.MonkeyPatch, path: str, chunk: int = 300) -> None:
    if path == "bulk":
        monkeypatch.setattr(kg.store.embedded, "ATOMIC_LIMIT", 0)
        monkeypatch.setattr(kg.store.embedded, "CHUNK", chunk)  # several steps for an article


@pytest.mark.parametrize("path", PATHS)
def test_an_entity_in_two_articles_is_one_row(
    path: str, seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big_files(monkeypatch, path)
    copy = tmp_path / "copy" / "000_copy.ttl"  # the same triples in a second named graph
    copy.parent.mkdir()
    copy.write_bytes(seed.read_bytes())
    store_dir = tmp_path / "store"
    for name in NAMED:
        expected = run_query(load_graphs([seed]), named_query(name))
        assert query_files([seed, copy], named_query(name), store_dir) == expected
    store = open_store(store_dir)
    assert named_graphs(store) == sorted([GRAPH_BASE + seed.stem, GRAPH_BASE + "000_copy"])
    assert default_graph(store) == union(store)
    assert len(default_graph(store)) == triple_count(seed)
    states = run_store_query(store, named_query("states"))[1]
    assert [row[0] for row in states] == ["KP", "KR", "RU", "UA", "VN"]


@pytest.mark.parametrize("path", [*PATHS, "memory"])
def test_replacing_a_graph_keeps_the_facts_another_graph_holds(
    path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big_files(monkeypatch, path, chunk=2)
    store = open_store(None if path == "memory" else tmp_path / "store")
    atomic = path != "memory"
    a = write(tmp_path / "a.ttl", 'x:only-a x:p "a" .\nx:shared x:p "both" .\nx:a2 x:p "a2" .\n')
    b = write(tmp_path / "b.ttl", 'x:shared x:p "both" .\nx:only-b x:p "b" .\n')
    load_files(store, [a, b], atomic=atomic)
    assert facts(store) == [
        ["http://x/a2", "a2"], ["http://x/only-a", "a"], ["http://x/only-b", "b"], ["http://x/shared", "both"]
    ]  # fmt: skip
    a2 = write(tmp_path / "v2" / "a.ttl", 'x:new-a x:p "a, rebuilt" .\nx:a2 x:p "a2" .\n')
    load_file(store, a2, atomic=atomic)
    assert facts(store) == [
        ["http://x/a2", "a2"], ["http://x/new-a", "a, rebuilt"], ["http://x/only-b", "b"], ["http://x/shared", "both"]
    ]  # fmt: skip
    assert default_graph(store) == union(store)
    load_file(store, write(tmp_path / "v2" / "b.ttl", ""), atomic=atomic)  # b emptied: its facts go
    assert facts(store) == [["http://x/a2", "a2"], ["http://x/new-a", "a, rebuilt"]]
    assert default_graph(store) == union(store)


@pytest.mark.parametrize("path", PATHS)
def test_loading_twice_changes_nothing(
    path: str, seed: Path, second_ttl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big_files(monkeypatch, path)
    store = open_store(tmp_path / "store")
    load_files(store, [seed, second_ttl])
    before = sorted(map(str, store))
    rows = {name: run_store_query(store, named_query(name)) for name in NAMED}
    load_files(store, [seed, second_ttl, seed])
    assert sorted(map(str, store)) == before
    assert {name: run_store_query(store, named_query(name)) for name in NAMED} == rows
    assert default_graph(store) == union(store)


@pytest.mark.parametrize("path", PATHS)
def test_a_syntax_error_leaves_the_default_graph_too(
    path: str, seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big_files(monkeypatch, path)
    store = open_store(tmp_path / "store")
    load_files(store, [seed])
    before = sorted(map(str, store))
    bad = tmp_path / "v2" / seed.name
    bad.parent.mkdir()
    bad.write_text('<http://x/a> <http://x/p> <http://x/c> .\n<http://x/a> <http://x/p> "x .\n')
    with pytest.raises(InputError, match=r"000_0aaf1fdda57b71fa\.ttl:2: not valid Turtle"):
        load_files(store, [bad])
    assert sorted(map(str, store)) == before


def test_a_small_file_is_one_transaction(seed: Path, tmp_path: Path) -> None:
    """Its graph added, or replaced, with the default graph kept: one write (one transaction) each."""

    class Recording:
        def __init__(self, store: ox.Store) -> None:
            self.store = store
            self.writes: list[str] = []

        def __getattr__(self, name: str) -> object:
            if name in {"add", "add_graph", "extend", "bulk_extend", "load", "bulk_load", "remove", "remove_graph", "clear", "clear_graph", "update"}:  # fmt: skip
                self.writes.append(name)
            return getattr(self.store, name)

    store = open_store(tmp_path / "store")
    recording = Recording(store)
    load_file(recording, seed)  # type: ignore[arg-type]
    load_file(recording, seed)  # type: ignore[arg-type]
    assert recording.writes == ["extend", "update"]  # a new graph, then the same one replaced
    assert default_graph(store) == union(store)


def test_big_n_triples_files_with_and_without_blank_nodes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big_files(monkeypatch, "bulk")
    plain = tmp_path / "plain.nt"
    plain.write_text("".join(f'<http://x/s{i}> <http://x/p> "{i}" .\n' for i in range(10)) + "\n# end\n")
    blank = [tmp_path / "b1.nt", tmp_path / "b2.nt"]
    for path in blank:  # the same blank node label in two files: two different nodes
        path.write_text('_:b <http://x/p> "blank" .\n<http://x/s0> <http://x/q> _:b .\n')
    store = open_store(tmp_path / "store")
    assert load_files(store, [plain, *blank, plain]) == [
        GRAPH_BASE + n for n in ("plain", "b1", "b2", "plain")
    ]
    assert graph_count(store, GRAPH_BASE + "plain") == 10
    assert default_graph(store) == union(store)
    assert len(default_graph(store)) == 14
    rows = run_store_query(store, "SELECT ?b WHERE { <http://x/s0> <http://x/q> ?b . ?b <http://x/p> ?o }")[1]
    assert len(rows) == 2


def test_a_store_of_an_older_kg_is_upgraded(
    seed: Path, second_ttl: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store_dir = tmp_path / "store"
    old = ox.Store(str(store_dir))  # what kg wrote before: the named graphs only
    for path in (seed, second_ttl):
        old.bulk_load(
            path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(GRAPH_BASE + path.stem)
        )
    old.flush()
    del old
    expected = {name: query_files([seed, second_ttl], named_query(name)) for name in NAMED}
    assert {name: query_files([], named_query(name), store_dir) for name in NAMED} == expected
    assert [r.getMessage() for r in caplog.records] == [
        f"{store_dir}: a store of an older kg: building the union of its named graphs, once"
    ]
    store = open_store(store_dir)
    assert store.contains_named_graph(ox.NamedNode(STORE_MARKER))
    assert default_graph(store) == union(store)


def test_an_interrupted_upgrade_is_done_again(seed: Path, tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    old = ox.Store(str(store_dir))
    old.bulk_load(path=str(seed), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(GRAPH_BASE + seed.stem))
    old.add_graph(ox.NamedNode(UPGRADING))  # killed while the union was being built: part of it there
    old.extend(list(ox.parse(path=str(seed)))[:10])
    old.flush()
    del old
    store = open_store(store_dir)
    assert default_graph(store) == union(store)
    assert not store.contains_named_graph(ox.NamedNode(UPGRADING))
    assert named_graphs(store) == [GRAPH_BASE + seed.stem]


def test_a_store_kg_did_not_write_is_refused(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    other = ox.Store(str(store_dir))
    other.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("o")))
    other.flush()
    del other
    with pytest.raises(InputError, match=r"store: not a diplograph store: its default graph holds triples"):
        open_store(store_dir)
    result = CliRunner().invoke(cli, ["query", "--store", str(store_dir), "--name", "states"])
    assert result.exit_code == 2
    assert "not a diplograph store" in result.output


@pytest.mark.parametrize("own", [STORE_MARKER, UPGRADING, f"{kg.store.views.TOKEN_PREFIX}0123"])
def test_kg_graph_names_are_refused_in_files(tmp_path: Path, own: str) -> None:
    store = open_store(tmp_path / "store")
    bad = tmp_path / "bad.trig"
    bad.write_text(f"<{own}> {{ <http://x/s> <http://x/p> <http://x/o> }}\n")
    with pytest.raises(InputError, match="is kg's own"):
        load_files(store, [bad])
    assert list(store) == []


def test_a_store_kg_does_not_keep_is_queried_as_the_union(seed: Path) -> None:
    store = ox.Store()  # e.g. made by another program: the named graphs only, no default graph
    for name in ("a", "b"):
        store.bulk_load(path=str(seed), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(GRAPH_BASE + name))
    rows = run_store_query(
        store, "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/diplograph/ontology#State> }"
    )
    assert rows[1] == [["10"]]  # each state once per graph
    with pytest.raises(InputError, match="open it with open_store"):
        load_files(store, [seed])  # kg would keep its default graph half
