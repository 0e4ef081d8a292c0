"""Rules whose breakage nothing detected (issue 22: mutations of kg/ that survived the whole suite).

Each test below was checked to fail with its rule mutated, on a copy of the tree: the mutation is named
in the test's docstring. The sentences are written for these tests.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from kg.extract.dates import find_dates, resolve_date
from kg.model import Extraction

from .conftest import ROOT

Extract = Callable[..., Extraction]


def protests(x: Extraction) -> list[tuple[tuple[str, ...], tuple[str, ...], str | None, str | None]]:
    """(protesters, targets, form, date) of every protest, by key."""
    return [
        (
            tuple(r[1] for r in e.actors),
            tuple(r[1] for r in e.targets),
            e.form,
            e.date.iso if e.date else None,
        )
        for e in x.events
        if e.type == "Protest"
    ]


def test_a_recall_is_aimed_at_the_state_the_envoy_is_accredited_to(extract: Extract) -> None:
    """Mutation: the recall's target ignores the envoy's accreditation (``accredited_to``), and the
    place the envoy is called back from (Beijing) gives China."""
    x = extract(
        "Dubes Jepang untuk Korea Selatan, Koji Tomita, berada di China. "
        "Jepang memanggil pulang Koji Tomita dari Beijing."
    )
    assert [(o.name, o.state, o.accredited_to) for o in x.officials] == [("Koji Tomita", "JP", "KR")]
    assert protests(x) == [(("JP",), ("KR",), "recall", None)]


def test_a_protester_is_not_its_own_target(extract: Extract) -> None:
    """Mutation: the protester is not removed from the targets, so condemning a treaty one is a party
    to gives a protest of a state against itself."""
    for text, protester in (
        ("Mesir mengecam kesepakatan Yunani-Mesir yang ditandatangani di Kairo.", ("EG",)),
        ("Turki dan Mesir mengecam kesepakatan Yunani-Mesir.", ("TR", "EG")),
    ):
        found = protests(extract(text))
        assert found == [(protester, ("GR",), "condemnation", None)], text
        assert all(not set(actors) & set(targets) for actors, targets, _, _ in found)


def test_treaties_of_different_kinds_between_the_same_states_stay_apart(extract: Extract) -> None:
    """Mutation: two readings of different kinds (trade, extradition) are merged into one treaty."""
    x = extract(
        "Indonesia dan Malaysia menandatangani perjanjian perdagangan bebas pada 3 Mei 2021. "
        "Indonesia dan Malaysia juga menandatangani perjanjian ekstradisi pada 3 Mei 2021."
    )
    assert sorted((t.parties, t.kind) for t in x.treaties) == [
        (("ID", "MY"), "ekstradisi"),
        (("ID", "MY"), "perdagangan bebas"),
    ]


def test_a_day_soon_after_publication_is_in_the_publication_year(extract: Extract) -> None:
    """Mutation: the publication-date window set to 0 days: "Senin, 19 Agustus" in an article of
    2024-08-14 became 2023-08-19 (a Saturday) instead of the coming Monday."""
    x = extract("Menlu Korsel memanggil Dubes Jepang pada Senin, 19 Agustus.", published=dt.date(2024, 8, 14))
    (p,) = protests(x)
    assert p[3] == "2024-08-19"
    assert dt.date.fromisoformat(p[3]).weekday() == 0  # a Monday, as the text says


def test_a_weekday_never_gives_a_future_year(extract: Extract) -> None:
    """Mutation: the year a weekday fixes may lie after today (2026-11-27 in the tests): "Senin,
    7 Desember" without a publication date is 2020-12-07, not the Monday of 2026-12-07 ahead."""
    (p,) = protests(extract("Menlu Korsel memanggil Dubes Jepang pada Senin, 7 Desember."))
    assert p[3] == "2020-12-07"
    (p,) = protests(extract("Menlu Korsel memanggil Dubes Jepang pada Jumat, 27 November."))
    assert p[3] == "2026-11-27"  # today itself is not the future


# -- the page's script -------------------------------------------------------------------------------

SCRIPT = ROOT / "kg" / "view" / "templates" / "view.js"
HTML_SINKS = re.compile(
    r"\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|\.srcdoc\b|createContextualFragment"
    r"|DOMParser|\beval\s*\(|new\s+Function\b|setAttribute\(\s*[\"']on"
)


def script_code() -> str:
    """view.js without its comments (which say what it never does)."""
    text = SCRIPT.read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    return re.sub(r"(?m)^\s*//.*$", "", text)


def test_the_page_script_writes_text_only_as_text() -> None:
    """Mutation: a text of the graph written with ``innerHTML`` instead of ``textContent`` (only the
    Chromium tests saw it, and they are skipped without Chromium). The script builds every element with
    DOM calls and sets text through ``textContent``; no call of it parses a string as HTML."""
    code = script_code()
    assert not HTML_SINKS.findall(code), HTML_SINKS.findall(code)
    assert re.search(r"\.textContent\s*=\s*String\(text\)", code)  # the one helper that makes elements
    assert len(re.findall(r"\.textContent\s*=", code)) >= 5


# -- dates: survivors of scripts/mutants on kg/extract/dates.py --------------------------------------

PUBLISHED = dt.date(2024, 8, 14)  # a Wednesday


def resolved(text: str, published: dt.date | None = PUBLISHED) -> str | None:
    (expr,) = find_dates(text)
    value = resolve_date(expr, published, (), dt.date(2026, 11, 27))
    return value.iso if value else None


def test_a_day_up_to_31_days_after_publication_is_in_the_publication_year() -> None:
    """Mutations: the window's bound (> to >=, 31 to 32 days): the day 31 days after the publication
    date is still ahead in the same year; the day after it was last year's."""
    assert resolved("14 September") == "2024-09-14"  # 31 days after 2024-08-14
    assert resolved("15 September") == "2023-09-15"
    assert resolved("14 Agustus") == "2024-08-14"


def test_a_month_alone_is_the_last_such_month_up_to_publication() -> None:
    """Mutations: the year of "pada Agustus" (this year up to the publication month, else last year)."""
    assert resolved("pada Agustus") == "2024-08"  # the publication month itself
    assert resolved("pada Juli") == "2024-07"
    assert resolved("pada September") == "2023-09"
    assert resolved("pada Agustus", None) is None  # no publication date: the year is unknown
    assert resolved("Mei 2021", None) == "2021-05"
    assert resolved("31 Februari 2021", None) == "2021-02"  # no such day: the month the text gives


def test_a_weekday_alone_is_the_last_such_day_up_to_publication() -> None:
    """Mutations: the days back to a weekday (modulo 7; a week back for "Rabu lalu" on a Wednesday)."""
    assert resolved("pada Senin") == "2024-08-12"
    assert resolved("pada hari Kamis") == "2024-08-08"
    assert resolved("Rabu") == "2024-08-14"  # the publication day itself
    assert resolved("Rabu lalu") == "2024-08-07"
    assert resolved("Senin lalu") == "2024-08-12"
    assert resolved("pada Senin", None) is None


def test_a_two_digit_year_in_a_dateline_is_of_this_century() -> None:
    """Mutations: "(23/11/13)" read as 2013 (+ 2000 for two digits; 2001, or -2000, survived)."""
    assert resolved("Sabtu (23/11/13)", None) == "2013-11-23"
    assert resolved("Sabtu (23/11/2013)", None) == "2013-11-23"
