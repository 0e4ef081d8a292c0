"""The ``relations`` named query (issue #19): what passed between which states, how often and when."""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace

from kg.build import build
from kg.cli import cli
from kg.lexicon.resources import load_resources
from kg.store.embedded import query_files
from kg.store.merge import merge
from kg.store.queries import load_graphs, named_query, run_query

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
