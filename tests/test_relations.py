"""The ``relations`` named query (issue #19): what passed between which states, how often and when; and
the state network of the page's state view and of ``kg export --states``, which gives the same rows."""

from __future__ import annotations

import io
import json
import re
import shutil
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace

from kg.build import build
from kg.cli import cli
from kg.lexicon.resources import load_resources
from kg.store.embedded import query_files
from kg.store.merge import merge
from kg.store.queries import load_graphs, load_triples, named_query, run_query
from kg.view.html import render_html, render_states_html
from kg.view.netexport import export_state_network
from kg.view.states import (
    KINDS,
    SYMMETRIC,
    StateNetwork,
    indexed_state_network,
    load_state_network,
    state_network,
)
from kg.view.triples import _index

from .conftest import ROOT, SEED, TODAY

DG = Namespace("https://w3id.org/diplograph/ontology#")
DGR = Namespace("https://w3id.org/diplograph/id/")
COLUMNS = ["actor", "target", "type", "count", "first", "last"]


def small() -> Graph:
    """States ID, MY, PH, KR; an official serving PH; the embassy of KR; acts of several kinds."""
    g = Graph()
    for iso, name in (("ID", "Indonesia"), ("MY", "Malaysia"), ("PH", "Philippines"), ("KR", "South Korea")):
        s = DGR[f"state/{iso}"]
        g.add((s, RDF.type, DG.State))
        g.add((s, DG.iso2, Literal(iso)))
        g.add((s, RDFS.label, Literal(name, lang="en")))
    official, embassy = DGR["person/x"], DGR["org/embassy/KR/ID"]
    g.add((official, RDF.type, DG.Official))
    g.add((official, DG.serves, DGR["state/PH"]))
    g.add((embassy, RDF.type, DG.Embassy))
    g.add((embassy, DG.ofState, DGR["state/KR"]))

    def act(key: str, cls: str, actors: list[str], targets: list[str], date: Literal | None = None) -> None:
        e = DGR[f"event/{key}"]
        g.add((e, RDF.type, DG[cls]))
        for a in actors:
            g.add((e, DG.actor, DGR[a]))
        for t in targets:
            g.add((e, DG.target, DGR[t]))
        if date is not None:
            g.add((e, DG.date, date))

    act("sign", "Signing", ["state/ID", "state/MY", "person/x"], [], Literal("2016-07-14", datatype=XSD.date))
    act("p1", "Protest", ["state/ID"], ["org/embassy/KR/ID"], Literal("2020", datatype=XSD.gYear))
    g.add((DGR["event/p1"], DG.form, DG.FormSummons))
    g.add((DGR["event/p1"], DG.form, DG.FormProtestNote))  # one protest, whatever its forms
    act("p2", "Protest", ["state/ID"], ["state/KR"])  # undated
    g.add((DGR["event/p2"], DG.form, DG.FormProtestNote))
    act("meet", "Meeting", ["state/ID"], ["state/MY"])  # symmetric: both directions
    act("self", "Statement", ["state/ID"], ["state/ID"])  # no pair
    act("alone", "Demand", ["state/MY"], [])  # no target: no pair
    act("old", "Protest", ["state/MY"], ["state/KR"], Literal("2019-05", datatype=XSD.gYearMonth))
    act("new", "Protest", ["state/MY"], ["state/KR"])  # undated, beside a dated one
    return g


SMALL_ROWS = [
    ["ID", "KR", "Protest", "2", "2020", "2020"],
    ["ID", "MY", "Meeting", "1", "", ""],
    ["ID", "MY", "Signing", "1", "2016-07-14", "2016-07-14"],
    ["ID", "PH", "Signing", "1", "2016-07-14", "2016-07-14"],
    ["MY", "ID", "Meeting", "1", "", ""],
    ["MY", "ID", "Signing", "1", "2016-07-14", "2016-07-14"],
    ["MY", "KR", "Protest", "2", "2019-05", "2019-05"],
    ["MY", "PH", "Signing", "1", "2016-07-14", "2016-07-14"],
    ["PH", "ID", "Signing", "1", "2016-07-14", "2016-07-14"],
    ["PH", "MY", "Signing", "1", "2016-07-14", "2016-07-14"],
]


def test_relations_counts_symmetric_acts_once_per_ordered_pair_both_engines(tmp_path: Path) -> None:
    g = small()
    assert run_query(g, named_query("relations")) == (COLUMNS, SMALL_ROWS)
    path = tmp_path / "small.ttl"
    g.serialize(path, format="turtle")
    assert query_files([path], named_query("relations")) == (COLUMNS, SMALL_ROWS)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The seed and the development articles (tests/corpus, tests/corpus-next), built."""
    out = tmp_path_factory.mktemp("relations")
    articles = [SEED, *sorted((ROOT / "tests" / "corpus").glob("*.txt"))]
    articles += sorted((ROOT / "tests" / "corpus-next").glob("*.txt"))
    build(articles, out, load_resources(), today=TODAY, html=False, validate=False, jobs=2)
    return sorted(out.glob("*.ttl"))


def protest_pairs(columns: list[str], rows: list[list[str]]) -> dict[tuple[str, str], tuple[int, str, str]]:
    """What the ``protests`` query says: per (protester state, target state), count, first, last date."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in rows:
        r = dict(zip(columns, row, strict=True))
        for a in r["protester"].split(" ; "):
            for t in r["target"].split(" ; "):
                if a != t and len(a) == 2 and len(t) == 2 and a.isupper() and t.isupper():
                    found[(a, t)].append(r["date"])
    return {
        k: (len(v), min((d for d in v if d), default=""), max((d for d in v if d), default=""))
        for k, v in found.items()
    }


def relation_protests(rows: list[list[str]]) -> dict[tuple[str, str], tuple[int, str, str]]:
    return {(a, t): (int(c), lo, hi) for a, t, ty, c, lo, hi in rows if ty == "Protest"}


def test_relations_protests_agree_with_the_protests_query(corpus: list[Path], tmp_path: Path) -> None:
    seed = next(p for p in corpus if p.stem == SEED.stem)
    merged = tmp_path / "merged.trig"
    merge(corpus, merged)
    cases = [[seed], corpus, [merged]]
    for paths in cases:
        columns, protests = query_files(paths, named_query("protests"))
        _, relations = query_files(paths, named_query("relations"))
        assert relation_protests(relations) == protest_pairs(columns, protests)
    # the seed: South Korea protested to Russia once, on 21 June 2024
    assert relation_protests(query_files([seed], named_query("relations"))[1]) == {
        ("KR", "RU"): (1, "2024-06-21", "2024-06-21")
    }
    big = relation_protests(query_files(corpus, named_query("relations"))[1])
    assert sum(c for c, _, _ in big.values()) >= 50  # the corpus has many protests between states


def test_relations_same_rows_from_rdflib_oxigraph_and_merged_graphs(
    corpus: list[Path], tmp_path: Path
) -> None:
    text = named_query("relations")
    columns, rows = query_files(corpus, text)
    assert columns == COLUMNS
    assert len(rows) > 100
    assert run_query(load_graphs(corpus), text) == (columns, rows)
    merged = tmp_path / "merged.nq"
    merge([*corpus, *corpus[:5]], merged)  # some graphs twice: the same acts, counted once
    assert query_files([merged], text) == (columns, rows)
    # a copy of the seed under another name: the same acts (their IRIs do not name the article)
    copy = tmp_path / "copy" / "000_copy.ttl"
    copy.parent.mkdir()
    shutil.copy(corpus[0], copy)
    assert query_files([corpus[0], copy], text) == query_files([corpus[0]], text)


def test_relations_types_are_the_events_query_types(corpus: list[Path]) -> None:
    _, rows = query_files(corpus, named_query("relations"))
    columns, events = query_files(corpus, named_query("events"))
    types = {dict(zip(columns, e, strict=True))["type"] for e in events}
    assert {r[2] for r in rows} <= types
    assert {"Protest", "Signing", "Meeting"} <= {r[2] for r in rows}
    by_type: dict[str, int] = defaultdict(int)
    for e in events:
        by_type[dict(zip(columns, e, strict=True))["type"]] += 1
    for a, t, ty, count, first, last in rows:
        assert a != t and len(a) == 2 and len(t) == 2
        assert 1 <= int(count) <= by_type[ty]
        assert (first == "") == (last == "") and first <= last
    symmetric = {
        (a, t, ty, c, f, ll) for a, t, ty, c, f, ll in rows if ty in {"Signing", "Meeting", "Summit"}
    }
    assert symmetric == {(t, a, ty, c, f, ll) for a, t, ty, c, f, ll in symmetric}


def test_kg_query_relations_cli(corpus: list[Path]) -> None:
    seed = next(p for p in corpus if p.stem == SEED.stem)
    result = CliRunner().invoke(cli, ["query", str(seed), "--name", "relations", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert "KR,RU,Protest,1,2024-06-21,2024-06-21" in lines
    queries = CliRunner().invoke(cli, ["queries"])
    assert "relations" in queries.output


# --------------------------------------------------------------------------- the state network


def test_state_network_gives_the_relations_rows(corpus: list[Path], tmp_path: Path) -> None:
    g = small()
    assert state_network(g).relations() == SMALL_ROWS
    path = tmp_path / "small.ttl"
    g.serialize(path, format="turtle")
    assert load_state_network([path]).relations() == SMALL_ROWS
    _, rows = query_files(corpus, named_query("relations"))
    triples = load_triples(corpus)
    assert state_network(triples).relations() == rows
    assert indexed_state_network(_index(triples)) == state_network(triples)  # what the page reads
    assert indexed_state_network(_index(g)) == state_network(g)
    assert load_state_network(corpus).relations() == rows  # one file at a time
    merged = tmp_path / "merged.trig"
    merge(corpus, merged)
    assert load_state_network([merged]).relations() == rows  # one big file, named graphs
    net = load_state_network(corpus)
    assert set(net.states) == {r[0] for r in rows} | {r[1] for r in rows}
    assert net.states["CN"][0] == "China"
    assert set(net.pairs()) == {tuple(sorted((r[0], r[1]))) for r in rows}


def test_state_network_acts_carry_their_sentences_and_articles(corpus: list[Path]) -> None:
    net = load_state_network(corpus)
    assert len(net.acts) > 100
    for act in net.acts:
        assert act.evidence, act.iri
        for e in act.evidence:
            assert e.text and e.marks and e.article in net.articles, act.iri
            assert all(0 <= b < end <= len(e.text) for b, end in e.marks)
    seed = next(a for a in net.acts if a.type == "Protest" and a.pairs == (("KR", "RU"),))
    assert seed.date == "2024-06-21"
    assert any("mengajukan protes" in e.text for e in seed.evidence)
    titled = {a.label for a in net.articles.values()}
    assert "RI panggil Dubes China terkait kapal di Natuna" in titled  # the sidecar's title
    assert SEED.stem in titled  # no title: the article's identifier


def test_state_network_article_url_from_the_sidecar(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    source = ROOT / "tests" / "corpus" / "001_natuna_nota_protes.txt"
    shutil.copy(source, folder / source.name)
    sidecar = {"url": "https://example.org/natuna", "title": "Natuna"}
    (folder / source.with_suffix(".json").name).write_text(json.dumps(sidecar), encoding="utf-8")
    build([folder / source.name], tmp_path / "out", load_resources(), today=TODAY, html=False, validate=False)
    net = load_state_network(sorted((tmp_path / "out").glob("*.ttl")))
    assert [(a.label, a.url) for a in net.articles.values()] == [("Natuna", "https://example.org/natuna")]


def test_act_kinds_follow_cameo_and_the_query_knows_every_type() -> None:
    assert KINDS["Protest"] == KINDS["Summons"] == KINDS["Warning"] == KINDS["Recall"] == "hostile"
    assert KINDS["Signing"] == KINDS["StateVisit"] == KINDS["Meeting"] == KINDS["Summit"] == "cooperative"
    assert KINDS["Statement"] == "neutral"
    text = named_query("relations")
    pairs = dict(re.findall(r"\(dg:(\w+) (true|false)\)", text))
    assert set(pairs) == set(KINDS)
    assert {k for k, v in pairs.items() if v == "true"} == set(SYMMETRIC)


def page_states(html: str) -> dict[str, object]:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert m
    data = json.loads(m.group(1))
    states: dict[str, object] = data["states"]
    return states


def directed_counts(states: dict[str, object]) -> dict[tuple[str, str, str], int]:
    """The (actor, target, type) counts of the page's acts, as the page's script counts them."""
    isos = [s[0] for s in states["states"]]  # type: ignore[attr-defined]
    types = [t[0] for t in states["types"]]  # type: ignore[attr-defined]
    found: dict[tuple[str, str, str], int] = defaultdict(int)
    for act in states["acts"]:  # type: ignore[attr-defined]
        flat = act[2]
        for i in range(0, len(flat), 2):
            found[(isos[flat[i]], isos[flat[i + 1]], types[act[0]])] += 1
    return dict(found)


def test_page_state_data_is_the_relations_and_deterministic(corpus: list[Path]) -> None:
    triples = load_triples(corpus)
    _, rows = query_files(corpus, named_query("relations"))
    html = render_html(triples, title="corpus")
    assert render_html(load_triples(corpus), title="corpus") == html
    states = page_states(html)
    assert directed_counts(states) == {(a, t, ty): int(c) for a, t, ty, c, _, _ in rows}
    alone = render_states_html(load_state_network(corpus), title="corpus")
    assert render_states_html(load_state_network(list(reversed(corpus))), title="corpus") == alone
    graph_nodes = states.pop("graphNodes")  # the act's node in the graph view: only beside a graph
    assert page_states(alone) == states
    assert len(graph_nodes) == len(states["acts"]) and min(graph_nodes) >= 0  # type: ignore[arg-type]
    assert alone.count("</script>") == html.count("</script>") == 3
    assert 'data-view="states"' in html and 'data-view="graph"' in html


def test_page_state_data_escapes_script_like_text() -> None:
    g = small()
    evil = "</script><script>alert(1)</script>"
    for iso in ("ID", "MY"):
        g.set((DGR[f"state/{iso}"], RDFS.label, Literal(evil + iso, lang="en")))
    html = render_states_html(state_network(g), title=evil)
    assert html.count("</script>") == 3 and evil not in html
    names = {s[1] for s in page_states(html)["states"]}  # type: ignore[attr-defined]
    assert {evil + "ID", evil + "MY"} <= names


def test_kg_view_states_cli(corpus: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "states.html"
    result = CliRunner().invoke(cli, ["view", *map(str, corpus), "--states", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html == render_states_html(load_state_network(corpus), title=corpus[0].stem)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    failed = CliRunner().invoke(
        cli, ["view", str(corpus[0]), str(bad), "--states", "-o", str(tmp_path / "x.html")]
    )
    assert failed.exit_code == 2
    assert failed.stderr.strip().count("\n") == 0 and "bad.ttl" in failed.stderr
    assert not (tmp_path / "x.html").exists()


# ------------------------------------------------------------------------------------------ exports


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_states_is_the_state_network(corpus: list[Path], tmp_path: Path, fmt: str) -> None:
    net = load_state_network(corpus)
    out = tmp_path / f"states.{fmt}"
    args = ["export", *map(str, corpus), "--format", fmt, "--states", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data == export_state_network(net, fmt)  # type: ignore[arg-type]
    assert export_state_network(load_state_network(list(reversed(corpus))), fmt) == data  # type: ignore[arg-type]
    read = nx.read_graphml(io.BytesIO(data)) if fmt == "graphml" else nx.read_gexf(io.BytesIO(data))
    assert set(read.nodes) == set(net.states)
    rows = net.relations()
    pairs = {tuple(sorted((a, t))) for a, t, *_ in rows}
    assert {tuple(sorted(e)) for e in read.edges} == pairs
    assert read.number_of_edges() == len(pairs)
    assert read.nodes["CN"]["label"] == "China" and int(read.nodes["CN"]["acts"]) > 0
    for a, b in sorted(pairs):
        edge = read.edges[a, b]
        protests = sum(int(r[3]) for r in rows if r[2] == "Protest" and {r[0], r[1]} == {a, b})
        assert int(edge.get("Protest", 0)) == protests  # protests are directed: both directions
        assert int(edge["count"]) == len(net.pairs()[(a, b)])
        assert int(edge["hostile"]) + int(edge["cooperative"]) + int(edge["neutral"]) == int(edge["count"])


def test_export_states_bad_input_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    out = tmp_path / "x.graphml"
    result = CliRunner().invoke(cli, ["export", str(bad), "--format", "graphml", "--states", "-o", str(out)])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "bad.ttl" in result.stderr
    assert not out.exists()


def test_state_network_of_nothing_is_empty() -> None:
    assert state_network(Graph()) == StateNetwork({}, (), {})
    assert "states" in page_states(render_html(Graph(), title="empty"))
