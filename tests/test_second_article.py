"""A second article, written for this project about a different protest between other states, comes out
right through the same code as the seed (tests/articles/ph_cn_water_cannon.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.rdf.validation import validate_graph
from kg.store.queries import run_query

from .test_seed import rows

ARTICLE = Path(__file__).parent / "articles" / "ph_cn_water_cannon.txt"


@pytest.fixture(scope="module")
def graph(graph_of):
    return graph_of(ARTICLE.read_text(encoding="utf-8"), stem=ARTICLE.stem)


def test_second_article_conforms(graph, shapes):
    report = validate_graph(graph, *shapes)
    assert report.conforms, "\n".join(map(str, report.violations))


def test_second_article_states(graph):
    # MANILA in the dateline, Jepang in the "Baca juga" line and the caption are not facts of the article.
    assert [r["iso"] for r in rows(graph, "states")] == ["CN", "PH", "US"]


def test_second_article_officials_in_both_orders(graph):
    found = {(r["name"], r["post"], r["state"]) for r in rows(graph, "officials")}
    assert found == {
        ("Enrique Manalo", "Foreign Minister", "PH"),
        ("Huang Xilian", "Ambassador", "CN"),
        ("Lin Jian", "Foreign Ministry Spokesperson", "CN"),
        ("Ferdinand Marcos Jr", "President", "PH"),
    }


def test_second_article_two_protests_note_and_summons(graph):
    found = {(r["protester"], r["target"], r["form"], r["date"]) for r in rows(graph, "protests")}
    assert found == {("PH", "CN", "protest note", "2024-08-10"), ("PH", "CN", "summons", "2024-08-12")}


def test_second_article_old_treaty_signed_and_planned_mou_not_signed(graph):
    treaties = {(t["parties"], t["date"], t["place"]) for t in rows(graph, "treaties")}
    # "Kedua negara juga dijadwalkan menandatangani nota kesepahaman": the two states of the article, planned
    assert treaties == {("PH ; US", "1951-08-30", "Washington"), ("CN ; PH", "", "")}
    q = """PREFIX dg: <https://w3id.org/diplograph/ontology#>
    SELECT ?status WHERE { ?t dg:party/dg:iso2 "CN" ; dg:status ?status }"""
    assert run_query(graph, q)[1] == [["https://w3id.org/diplograph/ontology#StatusPlanned"]]
    signings = [r for r in rows(graph, "events") if r["type"] == "Signing"]
    assert [s["date"] for s in signings if s["modality"] == "asserted"] == ["1951-08-30"]
    # the memorandum's signing is named, only as planned ("dijadwalkan menandatangani"): no signing done
    assert [(s["actor"], s["modality"]) for s in signings if s["modality"] != "asserted"] == [
        ("CN ; PH", "planned")
    ]


def test_second_article_policy_review_by_the_minister(graph):
    reviews = [r for r in rows(graph, "events") if r["type"] == "PolicyReview"]
    assert [r["actor"] for r in reviews] == ["Enrique Manalo ; PH"]
