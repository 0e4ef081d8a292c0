"""The scorer, and the quality floors of the extractor on the evaluation corpus."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from kg.evaluation import CATEGORIES, Score, evaluate, report, score_article

from .conftest import TODAY

CORPUS = Path(__file__).parent / "corpus"
FLOORS = tomllib.loads((CORPUS / "floors.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus_score(resources):
    return evaluate(CORPUS, resources, TODAY)


def test_evaluation_corpus_is_big_enough_and_written_to_format():
    articles = sorted(CORPUS.glob("*.txt"))
    assert len(articles) >= 25
    for article in articles + sorted((CORPUS.parent / "corpus-next").glob("*.txt")):
        words = len(article.read_text(encoding="utf-8").split())
        assert 150 <= words <= 400, (article.name, words)
        gold = tomllib.loads(article.with_suffix(".gold.toml").read_text(encoding="utf-8"))
        assert set(gold) <= {"states", "organizations", "official", "treaty", "protest", "event"}, (
            article.name
        )


@pytest.mark.parametrize("category", CATEGORIES)
def test_evaluation_f1_stays_above_its_floor(corpus_score, category):
    tally = corpus_score.tallies[category]
    assert tally.f1 >= FLOORS["f1"][category], report(corpus_score)


HELDOUT = Path(__file__).parent / "heldout"


@pytest.fixture(scope="module")
def heldout_score(resources):
    return evaluate(HELDOUT, resources, TODAY)


@pytest.mark.parametrize("category", CATEGORIES)
def test_evaluation_heldout_f1_stays_above_its_regression_floor(heldout_score, category):
    floors = tomllib.loads((HELDOUT / "floors.toml").read_text(encoding="utf-8"))
    assert heldout_score.tallies[category].f1 >= floors["f1"][category], report(heldout_score, details=False)


def test_evaluation_every_accuracy_has_a_floor(corpus_score):
    assert set(corpus_score.accuracy) == set(FLOORS["accuracy"])


@pytest.mark.parametrize("measure", sorted(FLOORS["accuracy"]))
def test_evaluation_accuracy_stays_above_its_floor(corpus_score, measure):
    """Officials' state and role, protests' dates, treaties' dates and status, on the matched items."""
    oks = corpus_score.accuracy[measure]
    assert sum(oks) / len(oks) >= FLOORS["accuracy"][measure], report(corpus_score)


def test_evaluation_scorer_counts_hits_misses_and_false_hits(extract):
    x = extract("Vietnam memprotes China atas latihan militer. Menlu RI Retno Marsudi mengatakan hal itu.")
    gold = {
        "states": ["VN", "CN", "TH"],
        "official": [{"name": "Retno Marsudi", "role": "foreign-minister", "state": "ID"}],
        "protest": [{"protester": "VN", "target": "CN", "form": "complaint"}],
    }
    score = Score()
    score_article(x, gold, score)
    states = score.tallies["states"]
    assert (states.tp, states.fp, states.fn) == (2, 1, 1)  # ID is a false hit, TH a miss
    assert score.tallies["officials"].tp == 1
    assert score.tallies["protests"].tp == 1
    assert states.misses == ["t: ('TH',)"]
    assert "| states | 0.667 | 0.667 | 0.667 | 2 | 1 | 1 |" in report(score)


def test_evaluation_report_lists_wrong_values_of_matched_items(extract):
    x = extract(
        "Vietnam memprotes China atas latihan militer pada 3 Mei 2024. Menlu Vietnam Bui Thanh Son diam."
    )
    gold = {
        "official": [{"name": "Bui Thanh Son", "role": "foreign-minister", "state": "CN"}],
        "protest": [{"protester": "VN", "target": "CN", "form": "complaint", "date": "2024-05-04"}],
    }
    score = Score()
    score_article(x, gold, score)
    assert score.accuracy["protests.date"] == [False]
    text = report(score)
    assert "## protests.date: wrong on matched items (1)" in text
    assert "gold '2024-05-04', found '2024-05-03'" in text
    assert "t: Bui Thanh Son: gold 'CN', found 'VN'" in text
    assert "wrong on matched items" not in report(score, details=False)


def test_evaluation_two_treaties_between_the_same_parties_are_scored_against_their_own_gold(extract):
    x = extract(
        "Chile dan Peru menandatangani perjanjian perdagangan di Lima pada 4 Mei 2021. Perjanjian itu "
        "menggantikan perjanjian perbatasan antara Chile dan Peru yang diteken pada 1929."
    )
    assert {t.signed.iso for t in x.treaties} == {"1929", "2021-05-04"}
    gold = {
        "treaty": [  # the older one first: a pairing in gold order alone would cross them
            {"parties": ["CL", "PE"], "date": "1929", "status": "signed"},
            {"parties": ["CL", "PE"], "date": "2021-05-04", "status": "signed"},
        ]
    }
    score = Score()
    score_article(x, gold, score)
    assert score.tallies["treaties"].tp == 2
    assert score.accuracy["treaties.date"] == [True, True]


def test_kg_eval_scores_the_articles_only_names_and_writes_json(tmp_path):
    import json

    from click.testing import CliRunner

    from kg.cli import cli

    out = tmp_path / "scores.json"
    args = ["eval", str(CORPUS), "--only", "001_*", "002_*", "--summary", "--json", str(out)]
    result = CliRunner().invoke(cli, args, env={"KG_TODAY": TODAY.isoformat()})
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Articles: 2\n")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["articles"] == 2 and set(data["categories"]) == set(CATEGORIES)
    states = data["categories"]["states"]
    assert f"| states | {states['p']:.3f} | {states['r']:.3f} | {states['f1']:.3f} |" in result.output
    assert {m.split(":")[0] for c in data["categories"].values() for m in c["misses"]} <= {
        p.stem for p in CORPUS.glob("00[12]_*.txt")
    }


def test_evaluation_a_protest_with_a_wrong_extra_target_is_a_false_hit(extract):
    x = extract("Vietnam memprotes China atas latihan militer di Laut China Selatan.")
    (protest,) = [e for e in x.events if e.type == "Protest"]
    wider = replace(protest, targets=(*protest.targets, ("state", "TH")))  # one act against two states
    x = replace(x, events=tuple(wider if e is protest else e for e in x.events))
    score = Score()
    score_article(x, {"protest": [{"protester": "VN", "target": "CN", "form": "complaint"}]}, score)
    tally = score.tallies["protests"]
    assert (tally.tp, tally.fp, tally.fn) == (1, 1, 0)  # VN->TH is not in the gold
    assert len(tally.false_hits) == 1 and tally.false_hits[0].startswith("t: (('VN',), ('TH',), 'complaint'")
    score = Score()  # each target is an item of its own: a gold with both finds both
    gold = [{"protester": "VN", "target": t, "form": "complaint"} for t in ("CN", "TH")]
    score_article(x, {"protest": gold}, score)
    assert (score.tallies["protests"].tp, score.tallies["protests"].fp) == (2, 0)
