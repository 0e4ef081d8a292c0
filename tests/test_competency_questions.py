"""The competency questions (kg/ontology/queries/cq.toml) ask of any article (issue 22): neither a
question nor its query names a state, a year or an article number. Their answers on the seed are test
data, in tests/cq_answers.toml, checked by tests/test_ontology.py and tests/test_seed.py."""

from __future__ import annotations

import csv
import re
import tomllib

import pytest

from .conftest import ROOT

QUERIES = ROOT / "kg" / "ontology" / "queries"
CQS = tomllib.loads((QUERIES / "cq.toml").read_text(encoding="utf-8"))["cq"]


def state_names() -> set[str]:
    """Every state's English name, Wikidata label and alias, lower case (kg/data/countries.csv)."""
    with (ROOT / "kg" / "data" / "countries.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    names = {r["name"].lower() for r in rows} | {r["wikidata_label"].lower() for r in rows}
    names |= {a.strip().lower() for r in rows for a in r["aliases"].split("|") if a.strip()}
    return {n for n in names if len(n) > 3}


def test_the_state_names_are_read() -> None:
    assert {"russia", "north korea", "ukraine", "indonesia"} <= state_names()


@pytest.mark.parametrize("cq", CQS, ids=lambda cq: str(cq["id"]))
def test_a_competency_question_is_general(cq: dict[str, str]) -> None:
    words = f"{cq['question_en']} {cq['question_id']}".lower()
    named = sorted(n for n in state_names() if re.search(rf"\b{re.escape(n)}\b", words))
    assert not named, f"{cq['id']} names {named}"
    assert not re.search(r"\b\d+\b", words), f"{cq['id']} names a number: {words}"
    query = re.sub(r"(?m)#.*$", "", (QUERIES / cq["file"]).read_text(encoding="utf-8"))
    fitted = [x for x in re.findall(r'"([^"]*)"', query) if re.fullmatch(r"[A-Z]{2}|\d+|\d{4}(-\d\d)*", x)]
    assert not fitted, f"{cq['id']}'s query filters on {fitted}"
