"""kg merge: one named graph per article, idempotent, deterministic, conflicts kept; Wikidata join."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import cli
from kg.errors import InputError
from kg.lexicon.resources import load_resources
from kg.store.embedded import query_files
from kg.store.graphfiles import GRAPH_BASE, parse_quads
from kg.store.merge import merge, merge_files
from kg.store.queries import NAMED, load_graphs, named_query, run_query

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_0aaf1fdda57b71fa.txt"
SECOND = ROOT / "tests" / "articles" / "ph_cn_water_cannon.txt"
WIKIDATA = ROOT / "tests" / "fixtures" / "wikidata_countries.ttl"
TODAY = dt.date(2026, 11, 27)
DG = "https://w3id.org/diplograph/ontology#"
DGR = "https://w3id.org/diplograph/id/"
PREFIXES = (
    f"@prefix dg: <{DG}> .\n@prefix dgr: <{DGR}> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
)


def build_one(article: Path, out: Path) -> Path:
    build([article], out, load_resources(), today=TODAY, published=dt.date(2024, 6, 21), validate=False,
          html=False)  # fmt: skip
    return out / f"{article.stem}.ttl"


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_one(SEED, tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_one(SECOND, tmp_path_factory.mktemp("second"))


def quads(path: Path) -> list[ox.Quad]:
    return list(ox.parse(path=str(path)))


def graph_names(path: Path) -> set[str]:
    return {q.graph_name.value for q in quads(path) if isinstance(q.graph_name, ox.NamedNode)}


def triples_in(path: Path, graph: str) -> set[str]:
    return {
        f"{q.subject} {q.predicate} {q.object}"
        for q in quads(path)
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == graph
    }


def write(path: Path, text: str) -> Path:
    path.write_text(PREFIXES + text, encoding="utf-8")
    return path


def test_each_article_is_its_own_named_graph(seed: Path, second: Path, tmp_path: Path) -> None:
    for suffix in (".trig", ".nq"):
        out = tmp_path / f"merged{suffix}"
        report = merge([seed, second], out)
        assert graph_names(out) == {GRAPH_BASE + seed.stem, GRAPH_BASE + second.stem}
        assert not any(isinstance(q.graph_name, ox.DefaultGraph) for q in quads(out))
        assert report.graphs == 2
        assert triples_in(out, GRAPH_BASE + seed.stem) == {
            f"{q.subject} {q.predicate} {q.object}" for q in quads(seed)
        }


def test_trig_and_nquads_inputs_keep_their_named_graphs(seed: Path, second: Path, tmp_path: Path) -> None:
    merge([seed, second], tmp_path / "a.trig")
    merge([tmp_path / "a.trig"], tmp_path / "b.nq")
    merge([tmp_path / "b.nq"], tmp_path / "c.trig")
    assert (tmp_path / "a.trig").read_bytes() == (tmp_path / "c.trig").read_bytes()
    assert graph_names(tmp_path / "b.nq") == graph_names(tmp_path / "a.trig")


def test_merge_is_idempotent(seed: Path, second: Path, tmp_path: Path) -> None:
    merge([seed], tmp_path / "a.trig")
    merge([seed, seed], tmp_path / "aa.trig")
    assert (tmp_path / "a.trig").read_bytes() == (tmp_path / "aa.trig").read_bytes()
    merge([seed, second], tmp_path / "ab.trig")
    merge([tmp_path / "ab.trig", seed, second], tmp_path / "ab2.trig")
    assert (tmp_path / "ab.trig").read_bytes() == (tmp_path / "ab2.trig").read_bytes()
    # rebuilding A and merging it again changes nothing
    rebuilt = build_one(SEED, tmp_path / "rebuilt")
    merge([tmp_path / "ab.trig", rebuilt], tmp_path / "ab3.trig")
    assert (tmp_path / "ab.trig").read_bytes() == (tmp_path / "ab3.trig").read_bytes()


def test_remerging_a_changed_article_changes_only_its_graph(seed: Path, second: Path, tmp_path: Path) -> None:
    merge([seed, second], tmp_path / "ab.trig")
    changed = tmp_path / "v2" / seed.name
    changed.parent.mkdir()
    kept = [
        ox.Triple(q.subject, q.predicate, q.object) for q in quads(seed) if "ruleId" not in q.predicate.value
    ]
    ox.serialize(kept, str(changed), ox.RdfFormat.TURTLE)
    new = {f"{q.subject} {q.predicate} {q.object}" for q in quads(changed)}
    merge([tmp_path / "ab.trig", changed], tmp_path / "ab2.trig")
    a, b = GRAPH_BASE + seed.stem, GRAPH_BASE + second.stem
    assert triples_in(tmp_path / "ab2.trig", a) == new != triples_in(tmp_path / "ab.trig", a)
    assert triples_in(tmp_path / "ab2.trig", b) == triples_in(tmp_path / "ab.trig", b)


def test_output_is_deterministic(seed: Path, second: Path, tmp_path: Path) -> None:
    for suffix in (".trig", ".nq", ".ttl"):
        merge([seed, second], tmp_path / f"1{suffix}")
        merge([second, seed], tmp_path / f"2{suffix}")
        merge([seed, second], tmp_path / f"3{suffix}")
        first = (tmp_path / f"1{suffix}").read_bytes()
        assert first == (tmp_path / f"2{suffix}").read_bytes() == (tmp_path / f"3{suffix}").read_bytes()
    lines = (tmp_path / "1.nq").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines))


def test_turtle_output_is_the_union_without_graphs(seed: Path, second: Path, tmp_path: Path) -> None:
    merge([seed, second], tmp_path / "u.ttl")
    union = {f"{q.subject} {q.predicate} {q.object}" for p in (seed, second) for q in quads(p)}
    got = quads(tmp_path / "u.ttl")
    assert {f"{q.subject} {q.predicate} {q.object}" for q in got} == union
    assert all(isinstance(q.graph_name, ox.DefaultGraph) for q in got)
    help_text = CliRunner().invoke(cli, ["merge", "--help"]).output
    assert "named graphs" in help_text and "lost" in help_text


def test_conflicting_facts_are_all_kept(tmp_path: Path) -> None:
    treaty = "dgr:treaty\\/KP-RU\\/2024-06-19"
    a = write(tmp_path / "a.ttl", f'{treaty} a dg:Treaty ; dg:signedOn "2024-06-19"^^xsd:date .\n')
    b = write(tmp_path / "b.ttl", f'{treaty} a dg:Treaty ; dg:signedOn "2024-06-20"^^xsd:date .\n')
    out = tmp_path / "m.trig"
    merge([a, b], out)
    dates = {
        (q.graph_name.value, q.object.value)  # type: ignore[union-attr]
        for q in quads(out)
        if q.predicate.value == DG + "signedOn"
    }
    assert dates == {(GRAPH_BASE + "a", "2024-06-19"), (GRAPH_BASE + "b", "2024-06-20")}
    both = query_files([out], f"SELECT ?d WHERE {{ ?t <{DG}signedOn> ?d }} ORDER BY ?d")[1]
    assert both == [["2024-06-19"], ["2024-06-20"]]


def test_same_name_is_one_person_with_every_post(tmp_path: Path) -> None:
    person = "dgr:person\\/kim-min-su"
    text = (
        '{p} a dg:Official ; <http://www.w3.org/2000/01/rdf-schema#label> "Kim Min-su" ; dg:holds {post} .\n'
    )
    role = '{post} dg:role {role} .\n{role} <http://www.w3.org/2000/01/rdf-schema#label> "{label}"@en .\n'
    a = write(tmp_path / "a.ttl", text.format(p=person, post="dgr:post\\/KR\\/minister")
              + role.format(post="dgr:post\\/KR\\/minister", role="dgr:role\\/minister", label="Minister"))  # fmt: skip
    b = write(tmp_path / "b.ttl", text.format(p=person, post="dgr:post\\/KR\\/ambassador")
              + role.format(post="dgr:post\\/KR\\/ambassador", role="dgr:role\\/ambassador", label="Ambassador"))  # fmt: skip
    merge([a, b], tmp_path / "m.trig")
    _, rows = query_files([tmp_path / "m.trig"], named_query("officials"))
    assert rows == [["Kim Min-su", "Ambassador ; Minister", "", ""]]


def test_people_sharing_a_surname_stay_different(seed: Path, second: Path, tmp_path: Path) -> None:
    merge([seed, seed, second], tmp_path / "m.trig")
    people = {
        q.subject.value
        for q in quads(tmp_path / "m.trig")
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(DGR + "person/kim-")
    }
    assert {DGR + "person/kim-hong-kyun", DGR + "person/kim-jong-un"} <= people
    names = [row[0] for row in query_files([tmp_path / "m.trig"], named_query("officials"))[1]]
    assert "Kim Hong-kyun" in names and "Kim Jong Un" in names
    assert len(names) == len(set(names))


@pytest.mark.parametrize("name", list(NAMED))
def test_named_queries_give_one_row_per_entity_on_merged_data(
    name: str, seed: Path, second: Path, tmp_path: Path
) -> None:
    text = named_query(name)
    single = run_query(load_graphs([seed]), text)  # the rdflib reference
    # the seed with itself, and with a copy of itself under another name (same triples, two graphs)
    copy = tmp_path / "copy" / "000_copy.ttl"
    copy.parent.mkdir()
    shutil.copy(seed, copy)
    merge([seed, seed], tmp_path / "aa.trig")
    merge([seed, copy], tmp_path / "ac.nq")
    assert query_files([tmp_path / "aa.trig"], text) == single
    assert query_files([tmp_path / "ac.nq"], text) == single
    # the seed with a second article: every entity once, its row as in its own article
    merge([seed, second], tmp_path / "ab.trig")
    _, rows = query_files([tmp_path / "ab.trig"], text)
    alone = query_files([second], text)[1]
    width = 3 if name == "relations" else 1  # a row's key: (actor, target, type) for relations

    def key(row: list[str]) -> tuple[str, ...]:
        return tuple(row[:width])

    keys = [key(row) for row in rows]
    assert len(keys) == len(set(keys))
    assert set(keys) == {key(row) for row in single[1]} | {key(row) for row in alone}
    shared = {key(row) for row in single[1]} & {key(row) for row in alone}
    for row in single[1] + alone:
        if key(row) not in shared:
            assert row in rows


def test_merge_cli(seed: Path, second: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["merge", str(seed), str(second), "-o", str(tmp_path / "m.trig")])
    assert result.exit_code == 0, result.output
    assert "2 graph(s)" in result.output
    bad = CliRunner().invoke(cli, ["merge", str(seed), "-o", str(tmp_path / "m.xml")])
    assert bad.exit_code == 2 and "kg: error:" in bad.output and ".trig" in bad.output


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(PREFIXES + 'dgr:a dg:p "x .\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.ttl:4: not valid Turtle"):
        merge_files([bad])
    assert not (tmp_path / "out.trig").exists()


def _generator() -> object:
    spec = importlib.util.spec_from_file_location(
        "gen_wikidata_fixture", ROOT / "tools" / "gen_wikidata_fixture.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_wikidata_fixture_is_up_to_date() -> None:
    assert WIKIDATA.read_text(encoding="utf-8") == _generator().render()  # type: ignore[attr-defined]


def test_merged_graph_joins_wikidata_through_same_as(seed: Path, tmp_path: Path) -> None:
    merge([seed, WIKIDATA], tmp_path / "m.trig")
    join = """
        PREFIX dg: <https://w3id.org/diplograph/ontology#>
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        PREFIX wdt: <http://www.wikidata.org/prop/direct/>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?code ?iso ?label WHERE {
            ?state a dg:State ; dg:iso2 ?iso ; owl:sameAs ?item .
            ?item wdt:P297 ?code ; rdfs:label ?label .
        } ORDER BY ?code"""
    _, rows = query_files([tmp_path / "m.trig"], join)
    codes = [row[0] for row in rows]
    assert {"KR", "KP", "RU", "UA", "VN"} <= set(codes)
    assert all(code == iso for code, iso, _ in rows)
    assert ["KR", "KR", "South Korea"] in rows


# --- the streaming merge: blank nodes, replacement, TriG inputs, chunked sorting ---

EX = "http://example.org/"
BLANKS = '_:a dg:p [ dg:q "x" ] ; dg:r ( "1" "2" ) .\ndgr:s dg:p _:a .\n'
SMALL = {"SLICE_BYTES": 64, "RUN_LINES": 3, "CHUNK_LINES": 2, "BATCH_LINES": 2}


def graph_of(path: Path) -> ox.NamedNode:
    return ox.NamedNode(GRAPH_BASE + path.stem)


def blank_labels(path: Path, graph: str) -> set[str]:
    return {
        term.value
        for q in quads(path)
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == graph
        for term in (q.subject, q.object)
        if isinstance(term, ox.BlankNode)
    }


def expected_nquads(paths: list[Path]) -> list[str]:
    """The oracle (inputs without blank nodes): each file's quads, default graph named by the file."""
    graphs: dict[str, set[str]] = {}
    for path in paths:
        found: dict[str, set[str]] = {}
        for q in ox.parse(path=str(path)):
            graph = graph_of(path) if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name
            found.setdefault(str(graph), set()).add(f"{q.subject} {q.predicate} {q.object} {graph} .")
        graphs.update(found)
    return sorted(line for lines in graphs.values() for line in lines)


@pytest.fixture
def mixed(tmp_path: Path) -> list[Path]:
    """Turtle, N-Triples and TriG inputs whose subjects interleave, with repeated triples and a replacement."""
    rows = [f'<{EX}s{i % 7}> <{EX}p{i % 3}> "v{i}" .' for i in range(40)]
    a = tmp_path / "a.ttl"
    a.write_text("\n".join(rows[:25] + rows[:5]) + "\n", encoding="utf-8")  # five triples twice
    b = tmp_path / "b.nt"
    b.write_text("\n".join(rows[10:]) + "\n", encoding="utf-8")
    c = tmp_path / "c.trig"
    c.write_text(
        f'<{EX}s1> <{EX}p0> "default" .\n<{EX}g1> {{ {rows[3]} {rows[30]} }}\n'
        f"<{GRAPH_BASE}b> {{ {rows[11]} <{EX}s0> <{EX}p0> <{EX}o> . }}\n",  # replaces b.nt's graph
        encoding="utf-8",
    )
    return [a, b, c]


def test_nquads_are_every_quad_sorted_once(mixed: list[Path], tmp_path: Path) -> None:
    report = merge(mixed, tmp_path / "m.nq")
    lines = (tmp_path / "m.nq").read_text(encoding="utf-8").splitlines()
    assert lines == expected_nquads(mixed)
    assert report.graphs == 4 and report.triples == len(lines)
    assert report.replaced == [(GRAPH_BASE + "b", mixed[2])]


@pytest.mark.parametrize("suffix", [".nq", ".trig", ".ttl"])
def test_small_chunks_give_the_same_bytes(
    suffix: str, mixed: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many runs per graph, repeats across runs, many chunks and batches: the output does not change."""
    blanks = write(tmp_path / "blanks.ttl", BLANKS)
    paths = [*mixed, blanks, WIKIDATA]
    big = merge(paths, tmp_path / f"big{suffix}")
    for name, value in SMALL.items():
        monkeypatch.setattr(f"kg.store.merge.{name}", value)
    small = merge(paths, tmp_path / f"small{suffix}")
    assert (tmp_path / f"big{suffix}").read_bytes() == (tmp_path / f"small{suffix}").read_bytes()
    assert (big.graphs, big.triples, big.replaced) == (small.graphs, small.triples, small.replaced)


def test_turtle_union_has_each_triple_once(mixed: list[Path], tmp_path: Path) -> None:
    report = merge(mixed, tmp_path / "u.ttl")
    union = {line.rsplit(" ", 2)[0] for line in expected_nquads(mixed)}  # without " <graph> ."
    got = {f"{q.subject} {q.predicate} {q.object}" for q in quads(tmp_path / "u.ttl")}
    assert got == union
    assert report.triples == len(expected_nquads(mixed)) > len(got)  # a triple in two graphs counts twice
    text = (tmp_path / "u.ttl").read_text(encoding="utf-8")
    head = [line for line in text.splitlines() if line.startswith("@prefix ")]
    assert head == sorted(head) and text.startswith(head[0])


def test_blank_nodes_are_labelled_by_graph_the_same_at_every_run(tmp_path: Path) -> None:
    a = write(tmp_path / "a.ttl", BLANKS)
    b = write(tmp_path / "b.ttl", BLANKS)
    merge([a, b], tmp_path / "1.nq")
    merge([a, b], tmp_path / "2.nq")  # [] and ( ) get new random ids at each parse
    assert (tmp_path / "1.nq").read_bytes() == (tmp_path / "2.nq").read_bytes()
    prefix_a = "b" + hashlib.sha256(str(graph_of(a)).encode()).hexdigest()[:10] + "_"
    labels_a = blank_labels(tmp_path / "1.nq", graph_of(a).value)
    assert labels_a == {prefix_a + "a", prefix_a + "-0", prefix_a + "-1", prefix_a + "-2"}
    assert not labels_a & blank_labels(tmp_path / "1.nq", graph_of(b).value)  # graphs never share one
    # parse_quads (kg store, kg push) labels them the same way
    assert {str(q) for q in parse_quads(a)} == {
        str(q) for q in quads(tmp_path / "1.nq") if q.graph_name == graph_of(a)
    }
    # merging the merged file again, or with a rebuilt a.ttl, changes nothing
    merge([tmp_path / "1.nq", a], tmp_path / "3.nq")
    assert (tmp_path / "3.nq").read_bytes() == (tmp_path / "1.nq").read_bytes()
    merge([tmp_path / "1.nq"], tmp_path / "4.trig")
    merge([tmp_path / "4.trig"], tmp_path / "5.nq")
    assert (tmp_path / "5.nq").read_bytes() == (tmp_path / "1.nq").read_bytes()


def test_blank_nodes_of_json_ld_without_id_are_numbered(tmp_path: Path) -> None:
    doc = tmp_path / "j.jsonld"
    doc.write_text(f'{{"@id": "{EX}s", "{EX}p": {{"{EX}q": "v"}}}}', encoding="utf-8")
    merge([doc], tmp_path / "1.nq")
    merge([doc], tmp_path / "2.nq")
    assert (tmp_path / "1.nq").read_bytes() == (tmp_path / "2.nq").read_bytes()
    assert len(blank_labels(tmp_path / "1.nq", graph_of(doc).value)) == 1


def test_text_that_only_looks_like_a_blank_node_is_kept(tmp_path: Path) -> None:
    odd = write(tmp_path / "odd.ttl", f'dgr:s dg:p "_:x" ; dg:q <{EX}_:y> .\n')
    merge([odd], tmp_path / "m.nq")
    assert (tmp_path / "m.nq").read_text(encoding="utf-8") == (
        f'<{DGR}s> <{DG}p> "_:x" <{GRAPH_BASE}odd> .\n<{DGR}s> <{DG}q> <{EX}_:y> <{GRAPH_BASE}odd> .\n'
    )


def test_trig_input_keeps_named_graphs_and_splits_shared_blank_nodes(tmp_path: Path) -> None:
    ds = tmp_path / "ds.trig"
    ds.write_text(
        f'<{EX}s> <{EX}p> _:z .\n<{EX}g1> {{ <{EX}a> <{EX}b> _:z . _:z <{EX}c> "g1" . }}\n'
        f"_:g2 {{ <{EX}a> <{EX}b> <{EX}c> . }}\n",
        encoding="utf-8",
    )
    report = merge([ds], tmp_path / "m.trig")
    assert graph_names(tmp_path / "m.trig") == {GRAPH_BASE + "ds", EX + "g1"}
    default, g1 = (
        blank_labels(tmp_path / "m.trig", GRAPH_BASE + "ds"),
        blank_labels(tmp_path / "m.trig", EX + "g1"),
    )
    assert len(default) == len(g1) == 1 and default != g1  # _:z of two graphs: two nodes
    assert report.graphs == 3 and report.triples == 4  # the blank-node graph _:g2 is kept too


def test_a_later_file_replaces_a_graph_even_with_nothing(tmp_path: Path) -> None:
    for folder in ("v1", "v2", "v3"):
        (tmp_path / folder).mkdir()
    old = write(tmp_path / "v1" / "a.ttl", 'dgr:s dg:p "old" .\n')
    new = write(tmp_path / "v2" / "a.ttl", 'dgr:s dg:p "new" .\n')
    empty = tmp_path / "v3" / "a.nt"
    empty.write_text("", encoding="utf-8")
    report = merge([old, new], tmp_path / "m.nq")
    assert report.replaced == [(GRAPH_BASE + "a", new)]
    assert (tmp_path / "m.nq").read_text(encoding="utf-8") == f'<{DGR}s> <{DG}p> "new" <{GRAPH_BASE}a> .\n'
    report = merge([old, empty], tmp_path / "e.nq")  # an empty file empties its graph
    assert (report.graphs, report.triples, report.replaced) == (1, 0, [(GRAPH_BASE + "a", empty)])
    assert (tmp_path / "e.nq").read_bytes() == b""
    nothing = tmp_path / "nothing.trig"
    nothing.write_text("", encoding="utf-8")
    assert merge([nothing], tmp_path / "n.trig").graphs == 0  # a TriG file has no graph of its own


def test_errors_name_the_file_and_write_nothing(tmp_path: Path, seed: Path) -> None:
    bad = tmp_path / "bad.trig"
    bad.write_text(f"<{EX}g> {{\n<{EX}s> <{EX}p> <{EX}o> .\n<{EX}s> <{EX}p> \n}}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.trig:4: not valid TriG"):
        merge([seed, bad], tmp_path / "m.nq")
    with pytest.raises(InputError, match=r"missing\.ttl: cannot read"):
        merge([seed, tmp_path / "missing.ttl"], tmp_path / "m.nq")
    blank = write(tmp_path / "blank.ttl", '_:a dg:p _:b .\n_:a dg:p "x .\n')  # fails in the blank-node path
    with pytest.raises(InputError, match=r"blank\.ttl:5: not valid Turtle"):
        merge([blank], tmp_path / "m.nq")
    with pytest.raises(InputError, match=r"blank\.ttl:5: not valid Turtle"):
        list(parse_quads(blank))
    assert not (tmp_path / "m.nq").exists()


# --- reading the files in worker processes (merge_files(..., jobs)) ---


@pytest.mark.parametrize("suffix", [".nq", ".trig", ".ttl"])
def test_workers_give_the_same_bytes_and_leave_no_file(
    suffix: str, mixed: list[Path], seed: Path, second: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two and three workers, small chunks (the forked workers inherit them), blank nodes, a replaced
    graph, files read out of order (largest first): the bytes and the report of one process."""
    blanks = write(tmp_path / "blanks.ttl", BLANKS)
    (tmp_path / "v2").mkdir()
    rows = "".join(f'<{EX}s{i}> <{EX}p> "v2" .\n' for i in range(300))
    newer = write(tmp_path / "v2" / "a.ttl", rows)  # replaces a.ttl's graph, and is read before it
    paths = [seed, *mixed, blanks, second, WIKIDATA, newer]
    for name, value in SMALL.items():
        monkeypatch.setattr(f"kg.store.merge.{name}", value)
    one = merge(paths, tmp_path / f"one{suffix}")
    spools = tmp_path / "spools"
    spools.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spools))
    for jobs in (2, 3):
        report = merge(paths, tmp_path / f"{jobs}{suffix}", jobs=jobs)
        assert (tmp_path / f"{jobs}{suffix}").read_bytes() == (tmp_path / f"one{suffix}").read_bytes()
        assert (report.graphs, report.triples, report.replaced) == (one.graphs, one.triples, one.replaced)
    assert one.replaced == [(GRAPH_BASE + "b", mixed[2]), (GRAPH_BASE + "a", newer)]
    assert list(spools.iterdir()) == []  # the spools were anonymous files: nothing left behind


def test_workers_stop_at_the_first_bad_file_in_order(seed: Path, tmp_path: Path) -> None:
    """The bigger bad file is read first, but the error is the one a single process gives."""
    small = tmp_path / "small.ttl"
    small.write_text(PREFIXES + 'dgr:a dg:p "x .\n', encoding="utf-8")
    big = tmp_path / "big.ttl"
    big.write_text(PREFIXES + "dgr:a dg:p dgr:b .\n" * 10_000 + "dgr:a dg:p .\n", encoding="utf-8")
    paths = [seed, small, big, tmp_path / "missing.ttl"]
    with pytest.raises(InputError) as alone:
        merge_files(paths)
    with pytest.raises(InputError) as workers:
        merge_files(paths, jobs=2)
    assert str(workers.value) == str(alone.value)
    assert "small.ttl:4: not valid Turtle" in str(workers.value)
    assert workers.value.__traceback__ is not None and workers.value.__cause__ is None
    with pytest.raises(InputError, match=r"missing\.ttl: cannot read"):
        merge([seed, tmp_path / "missing.ttl"], tmp_path / "m.nq", jobs=2)
    assert not (tmp_path / "m.nq").exists()


def test_merge_cli_with_jobs(seed: Path, second: Path, tmp_path: Path) -> None:
    args = ["merge", str(seed), str(second), WIKIDATA.as_posix()]
    one = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "one.nq")])
    two = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "two.nq"), "--jobs", "2"])
    per_cpu = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "cpus.nq"), "-j", "0"])
    assert one.exit_code == two.exit_code == per_cpu.exit_code == 0, two.output
    assert (tmp_path / "one.nq").read_bytes() == (tmp_path / "two.nq").read_bytes()
    assert (tmp_path / "one.nq").read_bytes() == (tmp_path / "cpus.nq").read_bytes()
    assert "3 graph(s)" in two.output
