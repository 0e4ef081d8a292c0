"""The seed article, end to end: the graph conforms to the shapes and answers the named queries."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from rdflib import Graph

from kg.rdf.validation import ontology_file, validate_graph
from kg.store.queries import named_query, run_query

from .conftest import ROOT, SEED


def rows(graph: Graph, name: str) -> list[dict[str, str]]:
    columns, values = run_query(graph, named_query(name))
    return [dict(zip(columns, row, strict=True)) for row in values]


def test_seed_conforms_to_shapes(seed_graph, shapes):
    report = validate_graph(seed_graph, *shapes)
    assert report.conforms, "\n".join(map(str, report.violations))


@pytest.mark.parametrize(
    "check",
    [
        "event-without-evidence",
        "official-without-post",
        "state-without-wikidata",
        "mention-anchor",
        "entity-without-provenance",
    ],
)
def test_seed_violation_checks_return_no_rows(seed_graph, check):
    _, found = run_query(seed_graph, ontology_file(f"queries/checks/{check}-violation.rq"))
    assert found == []


def test_seed_states_are_exactly_the_five(seed_graph):
    assert [(r["iso"], r["wikidata"]) for r in rows(seed_graph, "states")] == [
        ("KP", "Q423"),
        ("KR", "Q884"),
        ("RU", "Q159"),
        ("UA", "Q212"),
        ("VN", "Q881"),
    ]


def test_seed_officials_with_posts_and_states(seed_graph):
    found = {r["name"]: (r["post"].lower(), r["state"]) for r in rows(seed_graph, "officials")}
    assert set(found) == {"Kim Hong-kyun", "Georgy Zinoviev", "Vladimir Putin", "Kim Jong Un", "Chang Ho-jin"}
    assert found["Kim Hong-kyun"] == ("first vice foreign minister", "KR")
    assert found["Georgy Zinoviev"] == ("ambassador", "RU")
    assert found["Vladimir Putin"] == ("president", "RU")
    assert found["Kim Jong Un"] == ("leader", "KP")
    assert "security adviser" in found["Chang Ho-jin"][0]
    assert found["Chang Ho-jin"][1] == "KR"


def test_seed_ambassador_is_accredited_to_south_korea(seed_graph):
    q = """PREFIX dg: <https://w3id.org/diplograph/ontology#>
    SELECT ?iso WHERE { ?p dg:holds/dg:accreditedTo/dg:iso2 ?iso }"""
    assert run_query(seed_graph, q)[1] == [["KR"]]


def test_seed_treaty_of_2024(seed_graph):
    treaties = rows(seed_graph, "treaties")
    signed = [t for t in treaties if t["date"] == "2024-06-19"]
    assert len(signed) == 1
    assert signed[0]["parties"] == "KP ; RU"
    assert signed[0]["signatories"] == "Kim Jong Un ; Vladimir Putin"
    assert signed[0]["place"] == "Pyongyang"


def test_seed_treaty_article_4_and_predecessor(seed_graph):
    q = """PREFIX dg: <https://w3id.org/diplograph/ontology#>
    SELECT ?num ?provision ?ended ?parties WHERE {
      ?t dg:signedOn ?d ; dg:hasArticle ?a ; dg:predecessor ?old .
      ?a dg:articleNumber ?num ; dg:provision ?provision .
      ?old dg:endedOn ?ended .
      { SELECT ?old (GROUP_CONCAT(?iso; separator=" ; ") AS ?parties)
        WHERE { ?old dg:party/dg:iso2 ?iso } GROUP BY ?old }
    }"""
    ((num, provision, ended, parties),) = run_query(seed_graph, q)[1]
    assert num == "4"
    assert "intervensi militer" in provision
    assert ended == "1996"
    assert parties == "KP ; RU"


def test_seed_protest(seed_graph):
    protests = rows(seed_graph, "protests")
    assert len(protests) == 1
    p = protests[0]
    assert (p["protester"], p["official"], p["target"], p["date"]) == (
        "KR",
        "Kim Hong-kyun",
        "RU",
        "2024-06-21",
    )
    assert "2024-06-19" in p["about"] and "Russia" in p["about"]
    assert p["form"] == "summons"


def _events(graph):
    return [(r["type"], r["actor"], r["target"]) for r in rows(graph, "events")]


@pytest.mark.parametrize(
    "expected",
    [
        ("Demand", "KR", "RU"),
        ("Accusation", "Kim Hong-kyun", "RU"),
        ("Summons", "KR", "Georgy Zinoviev ; RU"),
        ("Warning", "Vladimir Putin", "KR"),
        ("StateVisit", "Vladimir Putin", "VN"),
        ("Summit", "Kim Jong Un ; Vladimir Putin", ""),
        ("Signing", "Kim Jong Un ; Vladimir Putin", ""),
        ("Statement", "Georgy Zinoviev", ""),
        ("PolicyReview", "Chang Ho-jin ; KR", ""),
    ],
)
def test_seed_events(seed_graph, expected):
    assert expected in _events(seed_graph)


def test_seed_zinoviev_statements_carry_his_quotes(seed_graph):
    q = """PREFIX dg: <https://w3id.org/diplograph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?quote WHERE { ?e a dg:Statement ; dg:actor/rdfs:label "Georgy Zinoviev" ; dg:quote ?quote }"""
    quotes = sorted(r[0] for r in run_query(seed_graph, q)[1])
    assert quotes[0] == "mengancam dan memeras"
    assert quotes[1].startswith("perdamaian dan stabilitas jangka panjang")


def test_seed_summit_place_and_date(seed_graph):
    q = """PREFIX dg: <https://w3id.org/diplograph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?date ?place WHERE { ?e a dg:Summit ; dg:date ?date ; dg:place/rdfs:label ?place }"""
    assert run_query(seed_graph, q)[1] == [["2024-06-19", "Pyongyang"]]


def test_seed_sentence_that_says_russia_violated_un_resolutions(seed_graph):
    q = """PREFIX dg: <https://w3id.org/diplograph/ontology#>
    PREFIX gaf: <http://groundedannotationframework.org/gaf#>
    PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
    SELECT DISTINCT ?text WHERE {
      ?e a dg:Accusation ; dg:target/dg:iso2 "RU" ; dg:about/a dg:InternationalOrganization ;
         gaf:denotedBy/nif:sentence/nif:anchorOf ?text }"""
    assert run_query(seed_graph, q)[1] == [
        ["Kim juga mengatakan Rusia, sebagai anggota tetap Dewan Keamanan PBB, melanggar resolusi DK PBB."]
    ]


def test_seed_mentions_point_at_the_right_words(seed_graph):
    text = SEED.read_text(encoding="utf-8")
    q = """PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
    SELECT ?b ?e ?a WHERE { ?m nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?a }"""
    found = run_query(seed_graph, q)[1]
    assert len(found) > 50
    for begin, end, anchor in found:
        assert text[int(begin) : int(end)] == anchor


def test_seed_dateline_and_read_also_are_not_facts(seed_graph):
    q = """PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
    SELECT ?a WHERE { ?m a nif:Phrase ; nif:anchorOf ?a }"""
    anchors = {r[0] for r in run_query(seed_graph, q)[1]}
    assert "JAKARTA" not in anchors
    sentences = {r[0] for r in run_query(seed_graph, q.replace("nif:Phrase", "nif:Sentence"))[1]}
    assert not any(s.startswith(("BACA JUGA", "Pasokan senjata")) for s in sentences)


def test_seed_same_officials_and_treaties_with_people_lexicon_empty(
    graph_of, resources_no_people, seed_graph
):
    bare = graph_of(SEED.read_text(encoding="utf-8"), stem=SEED.stem, res=resources_no_people)
    for name in ("officials", "treaties", "protests"):
        assert rows(bare, name) == rows(seed_graph, name)
    assert resources_no_people.gazetteer.people == ()


def test_seed_people_lexicon_only_adds_wikidata_links(seed_graph):
    q = """PREFIX dg: <https://w3id.org/diplograph/ontology#> PREFIX owl: <http://www.w3.org/2002/07/owl#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?name ?wd WHERE { ?p a dg:Official ; rdfs:label ?name ; owl:sameAs ?wd } ORDER BY ?name"""
    assert run_query(seed_graph, q)[1] == [
        ["Kim Jong Un", "http://www.wikidata.org/entity/Q56226"],
        ["Vladimir Putin", "http://www.wikidata.org/entity/Q7747"],
    ]


def _build(tmp, seed_env):
    env = {**os.environ, **seed_env, "KG_TODAY": "2026-11-27"}
    subprocess.run(
        [sys.executable, "-m", "kg", "build", str(SEED), "--out", str(tmp), "--no-html"],
        check=True,
        env=env,
        capture_output=True,
    )
    return (tmp / f"{SEED.stem}.ttl").read_bytes()


def test_seed_build_is_byte_identical_across_runs_and_hash_seeds(tmp_path):
    first = _build(tmp_path / "a", {"PYTHONHASHSEED": "1"})
    second = _build(tmp_path / "b", {"PYTHONHASHSEED": "4242"})
    assert first == second


def test_seed_committed_example_output_matches_a_fresh_build(tmp_path):
    committed = ROOT / "out" / f"{SEED.stem}.ttl"
    assert committed.read_bytes() == _build(tmp_path, {})


def _competency_questions():
    import tomllib

    answers = tomllib.loads((ROOT / "tests" / "cq_answers.toml").read_text(encoding="utf-8"))["answers"]
    cqs = tomllib.loads(ontology_file("queries/cq.toml"))["cq"]
    return [pytest.param(cq, answers[cq["id"]], id=cq["id"]) for cq in cqs]


@pytest.mark.parametrize(("cq", "expect"), _competency_questions())
def test_seed_answers_the_competency_question(seed_graph, cq, expect):
    _, found = run_query(seed_graph, ontology_file(f"queries/{cq['file']}"))
    if expect == "nonEmpty":
        assert found
    elif expect == "empty":
        assert found == []
    else:
        normal = [[" ; ".join(sorted(c.split(" ; "))) for c in row] for row in expect]
        assert found == normal


def test_seed_committed_example_output_is_what_the_writer_makes_in_process(resources):
    """The same bytes as the build above, made in this process: mutation testing (scripts/mutants)
    follows only calls made in the test's own process, and saw no test of most of the RDF writer."""
    from kg.build import article_triples
    from kg.rdf.export import serialize
    from kg.rdf.iri import mint

    from .conftest import TODAY

    triples = article_triples(SEED, resources, TODAY)
    made = serialize(triples, "ttl", mint("graph", SEED.stem))
    assert made == (ROOT / "out" / f"{SEED.stem}.ttl").read_bytes()
