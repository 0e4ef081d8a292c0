"""Body, sentences and dates: golden tables of Indonesian news cases (pySBD style)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import dates
from kg.extract.body import find_body, find_dateline
from kg.extract.dates import anchor_years, find_dates, resolve_date
from kg.extract.sentences import split_sentences

from .conftest import TODAY

BODY_CASES = [
    ("JAKARTA - Indonesia memprotes.", ["Indonesia memprotes."]),
    ("SEOUL (ANTARA) - Korsel menolak.", ["Korsel menolak."]),
    ("JAKARTA, KOMPAS.com - RI mendesak.", ["RI mendesak."]),
    ("New Delhi: India menolak tuduhan itu.", ["India menolak tuduhan itu."]),
    ("Rusia menolak.\nBACA JUGA:\nJudul tautan\nAS mendesak.", ["Rusia menolak.", "AS mendesak."]),
    ("Rusia menolak.\nBaca juga: Judul tautan lain\nAS mendesak.", ["Rusia menolak.", "AS mendesak."]),
    ("Rusia menolak.\nFoto: Presiden tiba di Hanoi.\nAS mendesak.", ["Rusia menolak.", "AS mendesak."]),
    ("Rusia menolak.\nSub judul singkat\nAS mendesak.", ["Rusia menolak.", "AS mendesak."]),
    (
        "Korea Selatan mendesak Rusia - katanya - untuk berhenti.",
        ["Korea Selatan mendesak Rusia - katanya - untuk berhenti."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), BODY_CASES)
def test_body_drops_dateline_and_boilerplate(text, expected):
    assert [text[s:e] for s, e in find_body(text)] == expected


_LONG_HEAD = (  # nine capitalised words with a comma, 113 characters: longer than a dateline can be
    "Kementerian Perindustrian Perdagangan Kepariwisataan Kebudayaan Kepemudaan Keolahragaan "
    "Kesejahteraan, Pernyataan"
)
_TEN = "satu dua tiga empat lima enam tujuh delapan sembilan sepuluh"

BODY_EDGE_CASES = [
    # a dateline that names its outlet: a bracket, a comma or a dotted name, every word capitalised
    ("Jakarta (Kantor Berita) - Indonesia menolak.", ["Indonesia menolak."]),
    ("Jakarta, Kantor Berita - Indonesia menolak.", ["Indonesia menolak."]),
    ("Kabar.com - Indonesia menolak.", ["Indonesia menolak."]),
    ("Bogor, 2 Maret 2024 (Kantor) – Indonesia menolak.", ["Indonesia menolak."]),
    # ten words at most before the dash
    (
        "Kota Baru, 12 Rabiul Awal 1446/15 September 2024 (Kantor Berita) – Indonesia menolak.",
        ["Indonesia menolak."],
    ),
    (
        "Kota Baru Selatan, 12 Rabiul Awal 1446/15 September 2024 (Kantor Berita) – Indonesia menolak.",
        ["Kota Baru Selatan, 12 Rabiul Awal 1446/15 September 2024 (Kantor Berita) – Indonesia menolak."],
    ),
    # no dateline: mixed case without an outlet's mark (nor an upper-case share above 0.6), a lower-case
    # word, a dotted abbreviation, nothing before the dash, a dash past the longest dateline
    (
        "Korea Selatan - menurut kantor berita itu - menolak.",
        ["Korea Selatan - menurut kantor berita itu - menolak."],
    ),
    ("SEOUL Timur - Korsel menolak.", ["SEOUL Timur - Korsel menolak."]),
    (
        "Rusia, menurut laporan itu - yang dibantah - menolak.",
        ["Rusia, menurut laporan itu - yang dibantah - menolak."],
    ),
    ("Rusia,katanya - menolak usulan.", ["Rusia,katanya - menolak usulan."]),
    ("Dr. Wiranto - juru bicara itu - menolak.", ["Dr. Wiranto - juru bicara itu - menolak."]),
    (", – Rusia menolak.", [", – Rusia menolak."]),
    (f"{_LONG_HEAD} – Rusia menolak.", [f"{_LONG_HEAD} – Rusia menolak."]),
    # blank lines, white space round a line, a dateline alone, a dateline after blank lines
    ("Rusia menolak.\n\nAS mendesak.", ["Rusia menolak.", "AS mendesak."]),
    ("Rusia menolak. \n   AS mendesak. ", ["Rusia menolak.", "AS mendesak."]),
    ("Rusia menolak.\n AS mendesak.", ["Rusia menolak.", "AS mendesak."]),
    ("\n\nJAKARTA - Rusia menolak.", ["Rusia menolak."]),
    ("JAKARTA - ", []),
    ("JAKARTA - \nRusia menolak.", ["Rusia menolak."]),
    # the headline a "read also" links is left out even when it reads as a sentence
    ("Rusia menolak.\nBACA JUGA:\nMengapa Rusia menolak?\nAS mendesak.", ["Rusia menolak.", "AS mendesak."]),
    ("Rusia menolak.\nBaca juga: Mengapa Rusia menolak?\nAS mendesak.", ["Rusia menolak.", "AS mendesak."]),
    # a sub-heading: at most ten words, no closing mark, text after it; a short sentence is no sub-heading
    (
        "Rusia menolak.\nIni kalimat pendek.\nAS mendesak.",
        ["Rusia menolak.", "Ini kalimat pendek.", "AS mendesak."],
    ),
    (f"Rusia menolak.\n{_TEN}\nAS mendesak.", ["Rusia menolak.", "AS mendesak."]),
    (f"Rusia menolak.\n{_TEN} sebelas\nAS mendesak.", ["Rusia menolak.", f"{_TEN} sebelas", "AS mendesak."]),
    ("Rusia menolak.\nSub judul akhir", ["Rusia menolak.", "Sub judul akhir"]),
]


@pytest.mark.parametrize(("text", "expected"), BODY_EDGE_CASES)
def test_body_edges_of_datelines_lines_and_sub_headings(text, expected):
    """Written for the sixth mutation round (body.py): each row kills mutants of the dateline, line and
    sub-heading rules that the cases above left alive."""
    assert [text[s:e] for s, e in find_body(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  JAKARTA - Rusia menolak.\nKalimat kedua.", (2, 12)),
        ("JAKARTA - ", (0, 10)),  # a text that is its dateline: read to its last character
        ("\n\nJakarta, Kantor Berita - Rusia menolak.\nLain.", (2, 27)),
        ("Berita Dunia\nJakarta, Kantor - Rusia menolak.\nLain.", None),  # only the first line
        ("X\nJakarta, Kantor - Rusia menolak.", None),
    ],
)
def test_the_dateline_is_read_on_the_first_line_only(text, expected):
    assert find_dateline(text) == expected


SENTENCE_CASES = [
    ("Rusia menolak. AS mendesak.", ["Rusia menolak.", "AS mendesak."]),
    ("Dr. Retno tiba di Jakarta. Ia bertemu Menlu.", ["Dr. Retno tiba di Jakarta.", "Ia bertemu Menlu."]),
    ("Retno L. Marsudi tiba. Ia bicara.", ["Retno L. Marsudi tiba.", "Ia bicara."]),
    ('"Kami menolak," kata Lavrov. Ia pergi.', ['"Kami menolak," kata Lavrov.', "Ia pergi."]),
    ('Ia berkata "cukup." Rusia diam.', ['Ia berkata "cukup."', "Rusia diam."]),
    ("Nilainya 1.5 miliar dolar. AS setuju.", ["Nilainya 1.5 miliar dolar.", "AS setuju."]),
    ("Ferdinand Marcos Jr. tiba di Tokyo.", ["Ferdinand Marcos Jr. tiba di Tokyo."]),
    ("Apakah ini sah? Tidak!", ["Apakah ini sah?", "Tidak!"]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCE_CASES)
def test_sentences_split_indonesian_news(text, expected, resources):
    found = split_sentences(text, [(0, len(text))], resources.abbreviations)
    assert [text[s.start : s.end] for s in found] == expected


def test_sentences_offsets_index_the_original_text(resources):
    text = "JAKARTA - A menolak.\nB setuju. C diam."
    found = split_sentences(text, find_body(text), resources.abbreviations)
    assert [(s.index, text[s.start : s.end]) for s in found] == [
        (0, "A menolak."),
        (1, "B setuju."),
        (2, "C diam."),
    ]


DATE_CASES = [
    # text, published, expected iso
    ("di Seoul, Jumat, 21 Juni.", None, "2024-06-21"),
    ("di Pyongyang, Rabu (19/6).", None, "2024-06-19"),
    ("pada 30 Agustus 1951", None, "1951-08-30"),
    ("pada November 2024", None, "2024-11"),
    ("dibatalkan pada 1996", None, "1996"),
    ("Senin, 12 Agustus", dt.date(2024, 8, 14), "2024-08-12"),
    ("pada 28 Desember", dt.date(2025, 1, 3), "2024-12-28"),
    ("Selasa lalu", dt.date(2024, 8, 14), "2024-08-13"),
    ("pada Selasa", dt.date(2024, 8, 13), "2024-08-13"),
    ("Rabu (19/6/2019)", None, "2019-06-19"),
]


@pytest.mark.parametrize(("text", "published", "expected"), DATE_CASES)
def test_dates_resolve(text, published, expected):
    (expr,) = find_dates(text)
    value = resolve_date(expr, published, (), TODAY)
    assert value is not None and value.iso == expected


def test_dates_without_year_or_weekday_and_no_publication_date_stay_unknown():
    (expr,) = find_dates("pada 21 Juni")
    assert resolve_date(expr, None, (), TODAY) is None


def test_dates_anchor_year_wins_over_weekday_guess():
    # 21 June fell on a Friday in 2019 and in 2024: "28 tahun setelah ... 1996" says 2024.
    (expr,) = find_dates("Jumat, 21 Juni")
    anchors = anchor_years("28 tahun setelah perjanjian itu dibatalkan pada 1996")
    assert anchors == (2024,)
    assert resolve_date(expr, None, anchors, TODAY).iso == "2024-06-21"
    assert resolve_date(expr, None, (2019,), TODAY).iso == "2019-06-21"


def test_dates_weekday_year_is_never_after_today():
    (expr,) = find_dates("Minggu, 21 Juni")  # a Sunday: 2026, 2020 ...
    assert resolve_date(expr, None, (), dt.date(2026, 6, 1)).iso == "2020-06-21"


def test_dates_lowercase_minggu_is_a_week_not_a_day():
    assert find_dates("dua minggu lalu") == ()


def _all_sentences(resources):
    root = Path(__file__).resolve().parent.parent
    for folder in ("tests/corpus", "tests/corpus-next", "seeds"):
        for path in sorted((root / folder).glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            for s in split_sentences(text, find_body(text), resources.abbreviations):
                yield text, s


def _ungated(text):
    """find_dates trying every pattern, also those that need a digit on a text without one."""
    saved, dates._WITH_DIGITS = dates._WITH_DIGITS, 0
    try:
        return find_dates(text)
    finally:
        dates._WITH_DIGITS = saved


@given(text=st.text(alphabet="0123456789 /(),.Jumat21JuniMeiSeninpadatahun", max_size=60))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_dates_skipping_patterns_that_need_a_digit_changes_nothing(text):
    """find_dates skips the patterns that need a digit on a text without one: the same as trying all."""
    assert find_dates(text) == _ungated(text)


def test_dates_skipping_patterns_that_need_a_digit_changes_nothing_on_the_corpora(resources, monkeypatch):
    gated = [find_dates(text, s.start, s.end) for text, s in _all_sentences(resources)]
    monkeypatch.setattr(dates, "_WITH_DIGITS", 0)
    assert gated == [find_dates(text, s.start, s.end) for text, s in _all_sentences(resources)]
    assert sum(map(len, gated)) > 100
