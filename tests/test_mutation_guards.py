"""Rules whose breakage nothing detected (issue 22: mutations of kg/ that survived the whole suite).

Each test below was checked to fail with its rule mutated, on a copy of the tree: the mutation is named
in the test's docstring. The sentences are written for these tests.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from kg.extract.body import find_body
from kg.extract.clauses import agent_starts_in, hidden_spans, in_spans, places_between, strip_span
from kg.extract.dates import find_dates, resolve_date
from kg.extract.entities import Agent, _own_state
from kg.extract.people import _short_form_of
from kg.extract.pipeline import _dated, process
from kg.extract.sentences import split_sentences
from kg.extract.spans import ends_with
from kg.extract.title_grammar import english_titles, read_title
from kg.extract.titles import _name_before, read_name
from kg.extract.treaty_phrases import _joins
from kg.lexicon.resources import Resources, Title
from kg.model import Article, DateValue, Extraction, Mention, Place, Sentence, Treaty

from .conftest import ROOT, TODAY

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


# -- protests: survivors of scripts/mutants on kg/extract/protests.py ---------------------------------


def test_an_envoy_recalled_in_the_passive_is_called_back_from_his_post(extract: Extract) -> None:
    """Mutations of ``_posted_in``: the target of "Dubes X ... ditarik pulang" is the state the envoy is
    accredited to (not the place he is called back from), else the state or capital after "dari"; none
    of the three was tested."""
    x = extract("Duta Besar China untuk Lituania, Shen Zhifei, ditarik pulang dari Jerman.")
    assert protests(x) == [(("CN",), ("LT",), "recall", None)]
    for text in (
        "Dubes Jepang ditarik pulang dari Seoul sebagai protes atas patung itu.",
        "Dubes Jepang Koji Tomita ditarik pulang dari Korea Selatan sebagai protes atas patung itu.",
    ):
        assert protests(extract(text)) == [(("JP",), ("KR",), "recall", None)], text


def test_a_note_and_a_complaint_go_to_the_state_after_kepada(extract: Extract) -> None:
    """Mutations of ``_protest_target``: "kepada X" looked for after the act (``kepada = None``, its
    bounds), for a note whose cause comes first and for a complaint with no object ("memprotes keras
    kepada China"); the state named in the cause (Vietnam) is not the target."""
    x = extract("Indonesia melayangkan nota protes atas penangkapan nelayan Vietnam kepada China.")
    assert protests(x) == [(("ID",), ("CN",), "note", None)]
    x = extract("Filipina memprotes keras kepada China atas insiden di Scarborough.")
    assert protests(x) == [(("PH",), ("CN",), "complaint", None)]


def test_a_complaint_about_two_states_is_against_each(extract: Extract) -> None:
    """Mutation: the states coordinated with the target ("langkah China dan Filipina") only for a
    condemnation, not for a complaint."""
    x = extract("Vietnam memprotes langkah China dan Filipina di Laut China Selatan.")
    assert sorted(protests(x)) == [
        (("VN",), ("CN",), "complaint", None),
        (("VN",), ("PH",), "complaint", None),
    ]


def test_two_states_that_expel_each_other_protest_against_each_other(extract: Extract) -> None:
    """Mutations of the mutual rule ("saling mengusir"): two protesters and no target give a protest
    of each against the other (``len(protester) > 1`` to ``> 2``, the look-back before the act)."""
    for text in (
        "Rusia dan Ukraina saling mengusir diplomat.",
        "Kedua negara, Rusia dan Ukraina, saling mengusir diplomat pekan ini.",
    ):
        assert sorted(protests(extract(text))) == [
            (("RU",), ("UA",), "expulsion", None),
            (("UA",), ("RU",), "expulsion", None),
        ], text


def test_envoys_recalled_from_two_states_give_a_protest_against_each(extract: Extract) -> None:
    """Mutation: a recall "dari Qatar dan Bahrain" (one state found after "dari", then the states
    listed with it: ``len(target) == 1`` to ``== 2``, the form ``recall`` renamed) kept Qatar alone."""
    x = extract("Arab Saudi memanggil pulang duta besarnya dari Qatar dan Bahrain.")
    assert sorted(protests(x)) == [(("SA",), ("BH",), "recall", None), (("SA",), ("QA",), "recall", None)]


def test_a_condemnation_asked_for_or_the_purpose_of_a_summons_is_no_protest(extract: Extract) -> None:
    """Mutations: "untuk mengecam" after a summons and "meminta ASEAN memprotes" are no act of their own
    (the forms ``condemnation`` and ``complaint`` renamed in those two rules)."""
    x = extract("Kemlu RI memanggil Duta Besar Australia untuk mengecam penyadapan itu.")
    assert protests(x) == [(("ID",), ("AU",), "summons", None)]
    x = extract("Indonesia meminta ASEAN memprotes China atas insiden itu.")
    assert protests(x) == []


def test_an_embassy_summoned_is_the_target_of_the_summons(extract: Extract) -> None:
    """Mutations of ``_envoy_or_embassy``: an embassy (an organization of type Embassy) is summoned
    like an envoy; only envoys were tested."""
    x = extract(
        "Kedutaan Besar Australia di Jakarta dipanggil oleh Kementerian Luar Negeri Malaysia atas "
        "penyadapan itu."
    )
    assert protests(x) == [(("MY",), ("AU",), "summons", None)]


def test_a_complaint_taken_to_a_forum_is_against_the_state_it_names(extract: Extract) -> None:
    """Mutations of ``_is_forum`` and its rule in ``_protest``: a complaint to an international
    organization (PBB) is against the state the complaint names, not against the forum."""
    for text in (
        "Palestina mengajukan pengaduan ke PBB atas serangan Israel di Gaza.",
        "Palestina menyampaikan protes kepada PBB atas serangan Israel di Gaza.",
    ):
        assert protests(extract(text)) == [(("PS",), ("IL",), "complaint", None)], text


def test_a_summons_is_made_by_the_official_who_summons_on_the_protest_date(extract: Extract) -> None:
    """Mutations of ``_summons``: the summons event's actors start with the official who summons, and
    it has the protest's date."""
    x = extract("Menlu Malaysia Mohamad Hasan memanggil Duta Besar Australia pada Senin, 19 Agustus.")
    assert protests(x) == [(("MY",), ("AU",), "summons", "2024-08-19")]
    (s,) = [e for e in x.events if e.type == "Summons"]
    assert s.actors == (("official", "mohamad-hasan"), ("state", "MY"))
    assert s.targets == (("post", "AU/ambassador"), ("state", "AU"))
    assert s.date is not None and s.date.iso == "2024-08-19"


# -- treaties: survivors of scripts/mutants on kg/extract/treaties.py ---------------------------------


def treaties(x: Extraction) -> list[tuple[tuple[str, ...], str, str, str | None]]:
    """(parties, kind, status, signing date) of every treaty, sorted."""
    return sorted((t.parties, t.kind, t.status, t.signed.iso if t.signed else None) for t in x.treaties)


def test_a_named_declaration_is_between_the_states_of_the_officials_who_make_it(extract: Extract) -> None:
    """Mutations of ``_sentence_parties``: a named treaty whose phrase names no party takes the states
    of the officials of its sentence (``kind == "official"`` negated, their state dropped)."""
    x = extract("Presiden Korsel Moon Jae-in dan Pemimpin Korut Kim Jong Un mengumumkan Deklarasi Panmunjom.")
    assert [(t.name, t.parties) for t in x.treaties] == [("Panmunjom", ("KP", "KR"))]
    x = extract(  # the states only through the officials: their names alone in the treaty's sentence
        "Presiden Korsel Moon Jae-in bertemu Pemimpin Korut Kim Jong Un. "
        "Moon dan Kim mengumumkan Deklarasi Panmunjom."
    )
    assert [(t.name, t.parties) for t in x.treaties] == [("Panmunjom", ("KP", "KR"))]


def test_two_treaty_nouns_in_a_row_are_one_signed_treaty(extract: Extract) -> None:
    """Mutations of ``_stacked`` and ``_restack``: "kesepakatan perjanjian dagang" is one treaty, with
    the parties, date and status read from either noun."""
    x = extract("Indonesia dan Jepang menandatangani kesepakatan perjanjian dagang di Tokyo pada 3 Mei 2021.")
    assert treaties(x) == [(("ID", "JP"), "dagang", "signed", "2021-05-03")]
    (t,) = x.treaties
    assert t.place == "tokyo"
    assert x.article.text[t.mentions[0].start : t.mentions[0].end].startswith("kesepakatan")


def test_a_planned_treaty_is_not_the_one_signed_before(extract: Extract) -> None:
    """Mutations of ``_compatible``: a treaty "akan" be signed is not the one the same states signed
    in 2020 (the planned/signed rule and its strings)."""
    x = extract(
        "Indonesia dan Australia menandatangani perjanjian pertahanan pada 2020. "
        "Indonesia dan Australia akan menandatangani perjanjian pertahanan tahun depan."
    )
    assert treaties(x) == [
        (("AU", "ID"), "pertahanan", "planned", None),
        (("AU", "ID"), "pertahanan", "signed", "2020"),
    ]
    x = extract(  # the planned one first
        "Indonesia dan Australia akan menandatangani perjanjian pertahanan. "
        "Indonesia dan Australia menandatangani perjanjian pertahanan pada 2020."
    )
    assert treaties(x) == [
        (("AU", "ID"), "pertahanan", "planned", None),
        (("AU", "ID"), "pertahanan", "signed", "2020"),
    ]


def test_treaties_signed_on_dates_that_disagree_stay_apart(extract: Extract) -> None:
    """Mutations of ``_compatible``, ``_agree`` and ``_finer``: 1970 and 3 Mei 2021 are two treaties;
    Mei 2021 and 3 Mei 2021 can be one day, and the treaty keeps the finer date."""
    x = extract(
        "Indonesia dan Malaysia menandatangani perjanjian perbatasan pada 1970. "
        "Indonesia dan Malaysia menandatangani perjanjian perbatasan pada 3 Mei 2021."
    )
    assert treaties(x) == [
        (("ID", "MY"), "perbatasan", "signed", "1970"),
        (("ID", "MY"), "perbatasan", "signed", "2021-05-03"),
    ]
    x = extract(
        "Indonesia dan Malaysia menandatangani perjanjian perbatasan pada Mei 2021. "
        "Perjanjian perbatasan antara Indonesia dan Malaysia itu ditandatangani pada 3 Mei 2021."
    )
    assert treaties(x) == [(("ID", "MY"), "perbatasan", "signed", "2021-05-03")]


# -- people: survivors of scripts/mutants on kg/extract/people.py -------------------------------------


def test_a_guessed_state_is_not_the_capital_or_government_the_official_aims_at(extract: Extract) -> None:
    """Mutations of ``_aims_at``: the state an official's verb is aimed at is also read through its
    capital ("menuntut Canberra"), after "pemerintah" or "kepada", and for an accusation ("menuduh"),
    so a guessed Australia becomes the article's other state, Indonesia."""
    lede = "Australia menyadap telepon pejabat Indonesia. "
    for act in (
        "menuntut Canberra menghentikan penyadapan itu.",
        "menuntut pemerintah Australia menghentikan penyadapan itu.",
        "mengajukan protes kepada Australia atas penyadapan itu.",
        "menuduh Australia menyadap teleponnya.",
    ):
        (o,) = extract(lede + "Menteri Luar Negeri Marty Natalegawa " + act).officials
        assert (o.name, o.state) == ("Marty Natalegawa", "ID"), act


# -- treaties: survivors of the third round (scripts/mutants at 0477883, no time limit) ------------


def test_the_same_kind_of_treaty_between_other_states_is_another_treaty(extract: Extract) -> None:
    """Mutations of ``_compatible``'s parties rule (``or`` to ``and``, its ``return False`` to ``True``):
    a border treaty of Indonesia and Malaysia is not the one of Indonesia and Singapore."""
    x = extract(
        "Indonesia dan Malaysia menandatangani perjanjian perbatasan. "
        "Indonesia dan Singapura menandatangani perjanjian perbatasan."
    )
    assert treaties(x) == [
        (("ID", "MY"), "perbatasan", "signed", None),
        (("ID", "SG"), "perbatasan", "signed", None),
    ]


def test_treaties_with_other_names_stay_apart_and_a_name_joins_an_unnamed_one(extract: Extract) -> None:
    """Mutations of ``_compatible``'s name rule: two names (Garuda, Rajawali) are two treaties; a treaty
    named in one sentence and only kinded in the next (same states) is one."""
    x = extract(
        "Indonesia dan Malaysia menandatangani Perjanjian Garuda. "
        "Indonesia dan Malaysia menandatangani Perjanjian Rajawali."
    )
    assert sorted((t.name, t.parties) for t in x.treaties) == [
        ("Garuda", ("ID", "MY")),
        ("Rajawali", ("ID", "MY")),
    ]
    x = extract(
        "Indonesia dan Malaysia menandatangani Perjanjian Garuda. "
        "Indonesia dan Malaysia menandatangani perjanjian perbatasan."
    )
    assert [(t.name, t.kind, t.parties, len(t.mentions)) for t in x.treaties] == [
        ("Garuda", "perbatasan", ("ID", "MY"), 2)
    ]


def test_a_planned_treaty_is_not_one_dated_before(extract: Extract) -> None:
    """Mutations of ``_compatible``: a treaty to be signed ("akan menandatangani") is not the one of the
    same states the text dates to 1970, even where it does not say that one was signed (``r.status ==
    "planned" and c.signed is not None``: the string, ``is None``)."""
    x = extract(
        "Perjanjian perbatasan Indonesia-Malaysia tahun 1970 masih berlaku. "
        "Indonesia dan Malaysia akan menandatangani perjanjian perbatasan baru."
    )
    assert treaties(x) == [
        (("ID", "MY"), "perbatasan", "mentioned", "1970"),
        (("ID", "MY"), "perbatasan", "planned", None),
    ]


def dates(t: Treaty) -> tuple[str, str]:
    """(signing date, end date) of a treaty, "" where the text gives none."""
    return (t.signed.iso if t.signed else "", t.ended.iso if t.ended else "")


def test_a_treaty_ended_before_another_was_signed_is_another_treaty(extract: Extract) -> None:
    """Mutations of ``_compatible``'s end rule: a treaty annulled in 1960 is not the one signed in 1970
    (either first); one annulled in 1970 can be the one signed on 3 Mei 1970 (``<`` to ``<=``, the
    signing year cut at 5 characters)."""
    for text in (
        "Indonesia dan Malaysia menandatangani perjanjian perbatasan pada 1970. "
        "Perjanjian perbatasan antara Indonesia dan Malaysia dibatalkan pada 1960.",
        "Perjanjian perbatasan antara Indonesia dan Malaysia dibatalkan pada 1960. "
        "Indonesia dan Malaysia menandatangani perjanjian perbatasan pada 1970.",
    ):
        x = extract(text)
        assert sorted(dates(t) for t in x.treaties) == [("", "1960"), ("1970", "")], text
    x = extract(
        "Indonesia dan Malaysia menandatangani perjanjian perbatasan pada 3 Mei 1970. "
        "Perjanjian perbatasan antara Indonesia dan Malaysia dibatalkan pada 1970."
    )
    assert [dates(t) for t in x.treaties] == [("1970-05-03", "1970")]


def test_a_memorandum_is_not_the_treaty_but_two_plain_nouns_can_be_one(extract: Extract) -> None:
    """Mutations of ``_same_instrument``: a memorandum of understanding and a treaty of the same kind and
    states are two instruments (in either order: the nouns' English names looked up for each);
    "kesepakatan" and "perjanjian" (agreement, treaty) can be one, and so can "nota kesepahaman" and
    "MoU"."""
    for text in (
        "Indonesia dan Malaysia menandatangani nota kesepahaman perbatasan. "
        "Indonesia dan Malaysia menandatangani perjanjian perbatasan.",
        "Indonesia dan Malaysia menandatangani perjanjian perbatasan. "
        "Indonesia dan Malaysia menandatangani nota kesepahaman perbatasan.",
    ):
        assert sorted(t.noun for t in extract(text).treaties) == ["nota kesepahaman", "perjanjian"], text
    for text, noun in (
        (
            "Indonesia dan Malaysia menandatangani kesepakatan perbatasan. "
            "Indonesia dan Malaysia menandatangani perjanjian perbatasan.",
            "kesepakatan",
        ),
        (
            "Indonesia dan Malaysia menandatangani nota kesepahaman perbatasan. "
            "Indonesia dan Malaysia menandatangani MoU perbatasan.",
            "nota kesepahaman",
        ),
    ):
        assert [(t.noun, len(t.mentions)) for t in extract(text).treaties] == [(noun, 2)], text


def test_a_plain_treaty_noun_is_the_named_instrument_of_its_states_unless_its_date_says_no(
    extract: Extract,
) -> None:
    """Mutations of ``_may_absorb``: "perjanjian" alone (no kind, no name) is the memorandum of the same
    states signed on a day its year agrees with; not one of other states (Singapura), not one whose
    date disagrees (1980 and 1970), not one it says was annulled."""
    x = extract(
        "Indonesia dan Malaysia menandatangani nota kesepahaman perbatasan pada 3 Mei 2021. "
        "Indonesia dan Malaysia menandatangani perjanjian pada 2021."
    )
    assert [(t.noun, t.parties, t.signed.iso if t.signed else None, len(t.mentions)) for t in x.treaties] == [
        ("nota kesepahaman", ("ID", "MY"), "2021-05-03", 2)
    ]
    x = extract(
        "Indonesia dan Malaysia menandatangani nota kesepahaman perbatasan. "
        "Indonesia dan Malaysia menandatangani perjanjian."
    )
    assert [(t.noun, len(t.mentions)) for t in x.treaties] == [("nota kesepahaman", 2)]
    x = extract(
        "Indonesia dan Malaysia menandatangani nota kesepahaman perbatasan pada 3 Mei 2021. "
        "Indonesia dan Singapura menandatangani perjanjian pada 2021."
    )
    assert treaties(x) == [
        (("ID", "MY"), "perbatasan", "signed", "2021-05-03"),
        (("ID", "SG"), "", "signed", "2021"),
    ]
    x = extract(
        "Indonesia dan Malaysia menandatangani perjanjian perbatasan pada 1970. "
        "Indonesia dan Malaysia menandatangani perjanjian pada 1980."
    )
    assert treaties(x) == [
        (("ID", "MY"), "", "signed", "1980"),
        (("ID", "MY"), "perbatasan", "signed", "1970"),
    ]
    x = extract(
        "Indonesia dan Malaysia menandatangani nota kesepahaman perbatasan. "
        "Perjanjian antara Indonesia dan Malaysia dibatalkan pada 1980."
    )
    assert sorted((t.noun, t.status) for t in x.treaties) == [
        ("nota kesepahaman", "signed"),
        ("perjanjian", "annulled"),
    ]


def test_a_declaration_named_again_by_its_noun_is_the_latest_declaration(extract: Extract) -> None:
    """Mutations of ``_cluster``'s anaphor rule: "Deklarasi tersebut" is the latest declaration (the
    nouns' English names compared), not the treaty in focus (the border treaty signed after it)."""
    x = extract(
        "Indonesia dan Malaysia menandatangani Deklarasi Garuda. "
        "Indonesia dan Malaysia juga menandatangani perjanjian perbatasan. "
        "Deklarasi tersebut memuat lima pasal."
    )
    assert sorted((t.noun, t.name, len(t.mentions)) for t in x.treaties) == [
        ("deklarasi", "Garuda", 2),
        ("perjanjian", "", 1),
    ]


def test_a_document_with_no_treaty_before_it_does_not_end_the_reading(extract: Extract) -> None:
    """Mutation of ``_cluster``: "Dokumen itu" with no treaty before it is skipped (``continue`` to
    ``break`` lost every treaty after it)."""
    x = extract("Dokumen itu bocor. Indonesia dan Malaysia menandatangani perjanjian perbatasan.")
    assert treaties(x) == [(("ID", "MY"), "perbatasan", "signed", None)]


def test_a_treaty_noun_with_no_parties_is_the_treaty_in_focus(extract: Extract) -> None:
    """Mutations of ``_cluster``'s loose rule: a mention with no parties, no end and no status, of no kind
    or of the focal treaty's kind, is that treaty; one between other states is not."""
    for second in (
        "Perjanjian perbatasan sangat penting bagi kedua negara.",
        "Perjanjian sangat penting bagi kedua negara.",
    ):
        x = extract("Indonesia dan Malaysia menandatangani perjanjian perbatasan pada 1970. " + second)
        assert [(t.parties, t.signed.iso if t.signed else None, len(t.mentions)) for t in x.treaties] == [
            (("ID", "MY"), "1970", 2)
        ], second
    x = extract(
        "Indonesia dan Malaysia menandatangani perjanjian perbatasan pada 1970. "
        "Perjanjian perbatasan antara Indonesia dan Singapura juga penting."
    )
    assert treaties(x) == [
        (("ID", "MY"), "perbatasan", "signed", "1970"),
        (("ID", "SG"), "perbatasan", "mentioned", None),
    ]


def test_a_planned_treaty_keeps_its_status_until_it_is_signed(extract: Extract) -> None:
    """Mutations of ``_merge``'s status rule: a planned treaty mentioned again stays planned; signed later
    ("Perjanjian itu ditandatangani pada 3 Mei 2021") it is signed."""
    x = extract(
        "Indonesia dan Malaysia akan menandatangani perjanjian perbatasan. "
        "Perjanjian perbatasan antara Indonesia dan Malaysia sangat penting."
    )
    assert [(t.status, len(t.mentions)) for t in x.treaties] == [("planned", 2)]
    x = extract(
        "Indonesia dan Malaysia akan menandatangani perjanjian perbatasan. "
        "Perjanjian itu ditandatangani pada 3 Mei 2021."
    )
    assert treaties(x) == [(("ID", "MY"), "perbatasan", "signed", "2021-05-03")]


def test_a_named_treaty_planned_then_signed_is_one_treaty(extract: Extract) -> None:
    """Mutation of ``_compatible_named`` (``!=`` to ``==``): the same name and the same parties are the
    same treaty, even planned in one sentence and signed in the next."""
    x = extract(
        "Indonesia dan Malaysia akan menandatangani Perjanjian Garuda. "
        "Indonesia dan Malaysia menandatangani Perjanjian Garuda pada 2021."
    )
    assert [(t.name, t.status, t.signed.iso if t.signed else None) for t in x.treaties] == [
        ("Garuda", "signed", "2021")
    ]


def test_a_memorandum_of_no_kind_is_no_plain_agreement(extract: Extract) -> None:
    """Mutations of ``_generic``: a memorandum without a kind is still a specific instrument (its noun's
    English name looked up), so the plain "perjanjian" before it is that memorandum, not the reverse."""
    x = extract(
        "Indonesia dan Malaysia menandatangani perjanjian. Indonesia dan Malaysia menandatangani nota kesepahaman."
    )
    assert [(t.noun, t.parties, len(t.mentions)) for t in x.treaties] == [
        ("nota kesepahaman", ("ID", "MY"), 2)
    ]


# -- title_grammar: survivors of the third round (0477883) ------------------------------------------


def composed(text: str, resources: Resources) -> tuple[str, str, str, str] | None:
    """(the title's words, role, English post, label) of the composed title at the start of ``text``."""
    read = read_title(text, 0, len(text), resources)
    if read is None:
        return None
    end, title = read
    return text[:end], title.id, title.en, title.label


def test_three_portfolios_are_listed_in_english_with_and(resources: Resources) -> None:
    """Mutations of ``_english_list``: three portfolios are "A, B and C" (the separator, the slice before
    the last, the last one); a fifth portfolio is left out (``MAX_PARTS``, ``<`` to ``<=``)."""
    assert composed("Menteri Pendidikan, Kebudayaan, dan Riset Ratna Dewi", resources) == (
        "Menteri Pendidikan, Kebudayaan, dan Riset",
        "minister-of-education-culture-and-research",
        "Minister of Education, Culture and Research",
        "Menteri Pendidikan, Kebudayaan, dan Riset",
    )
    found = composed("Menteri Pendidikan, Kebudayaan, Riset, Teknologi, dan Kesehatan Ratna Dewi", resources)
    assert found is not None
    assert found[2] == "Minister of Education, Culture, Research and Technology"


def test_a_composed_title_has_a_role_slug_and_a_label_of_the_texts_words(resources: Resources) -> None:
    """Mutations of ``read_title``'s last lines: the role is the English post in lower case with hyphens;
    the label is the text's words with single spaces and a capital first letter; the title serves a
    state."""
    text = "wakil  menteri   perdagangan Kenta Ono"
    assert composed(text, resources) == (
        "wakil  menteri   perdagangan",
        "deputy-minister-of-trade",
        "Deputy Minister of Trade",
        "Wakil menteri perdagangan",
    )
    read = read_title(text, 0, len(text), resources)
    assert read is not None
    assert read[1].forms == ("Wakil menteri perdagangan",)
    assert read[1].scope == "state"
    assert read[1].examples == () and read[1].counter_examples == ()


def test_a_head_without_the_complement_it_needs_is_no_title(resources: Resources) -> None:
    """Mutations of ``read_title``: a head that must take a portfolio ("Menteri itu") or a body ("Ketua
    panitia", "Kepala desa") makes no title without it; a modifier alone neither."""
    for text in ("Menteri itu", "Ketua panitia", "Kepala desa", "Wakil", "Wakil itu"):
        assert composed(text, resources) is None, text


def test_a_body_is_cut_at_the_name_and_at_a_trailing_link_word(resources: Resources) -> None:
    """Mutations of ``_body``: the body ends at the first word that is no body word (the name), "dan"
    before the name is not part of it, an acronym at the sentence's end loses its full stop; an acronym
    that names an organization (ASEAN) is not read as a body."""
    assert composed("Ketua Senat Ratna Dewi", resources) == (
        "Ketua Senat",
        "chairman-of-senat",
        "Chairman of Senat",
        "Ketua Senat",
    )
    found = composed("Ketua Dewan Pertahanan dan Ratna Dewi", resources)
    assert found is not None and found[0] == "Ketua Dewan Pertahanan"
    assert composed("Kepala BIN.", resources) == ("Kepala BIN", "head-of-bin", "Head of BIN", "Kepala BIN")
    assert composed("Direktur ASEAN Ratna Dewi", resources) is None  # an organization is no body here


def test_a_body_takes_a_listed_portfolio_of_two_words_and_goes_on(resources: Resources) -> None:
    """Mutations of ``_body``'s portfolio branch: "Lingkungan Hidup" (a listed portfolio, not body words)
    is part of a body, and the body goes on after it ("Nasional")."""
    found = composed("Ketua Komisi Lingkungan Hidup Ratna Dewi", resources)
    assert found is not None and found[2] == "Chairman of Komisi Lingkungan Hidup"
    found = composed("Ketua Komisi  Lingkungan   Hidup Nasional Ratna Dewi", resources)
    assert found is not None
    assert found[2] == "Chairman of Komisi Lingkungan Hidup Nasional"


def test_a_numbered_commission_takes_the_acronym_of_its_parliament(resources: Resources) -> None:
    """Mutations of ``_body``'s numbered rule: "Komisi I DPR" (a Roman numeral, then an acronym) is one
    body; a name after the numeral ("Komisi I Ratna") is not part of it."""
    found = composed("Ketua Komisi I DPR Ratna Dewi", resources)
    assert found is not None and found[2] == "Chairman of Komisi I DPR"
    found = composed("Ketua Komisi I Ratna Dewi", resources)
    assert found is not None and found[2] == "Chairman of Komisi I"


def test_a_body_has_at_most_six_words(resources: Resources) -> None:
    """Mutation of ``_body``'s bound (``MAX_BODY_WORDS``, ``<`` to ``<=``)."""
    found = composed("Kepala Staf Angkatan Darat Militer Gabungan Nasional Pertahanan Ratna", resources)
    assert found is not None
    assert found[0] == "Kepala Staf Angkatan Darat Militer Gabungan Nasional"


# -- people: short forms and one-name mentions (mutants of 0477883 applied by hand) ------------------


def test_a_short_form_is_the_initials_or_the_starts_of_the_first_words_run_together() -> None:
    """Mutations of ``_short_form_of`` and ``_blend``: initials ("TPS", as many letters as words, a
    one-letter word counted), the starts of two or more words of two letters or more from the first
    word on ("Tepra", "Anso", "Josup" for the old spelling "Djoko Soeprapto"), either name first; no
    short form: a word of the name, a prefix of its first word, initials in lower case, fewer than three
    letters, a one-word full name, starts that do not run on."""
    for short, full in (
        ("TPS", "Teguh Prakoso Santos"),
        ("TAP", "Teguh A. Prakoso"),
        ("Tepra", "Teguh Prakoso"),
        ("Tepra", "Teguh Prakoso Santos"),
        ("Anso", "Ana Soto"),
        ("Josup", "Djoko Soeprapto"),
    ):
        assert _short_form_of(short, full), (short, full)
        assert _short_form_of(full, short), (full, short)
    for short, full in (
        ("TPX", "Teguh Prakoso Santos"),
        ("Tps", "Teguh Prakoso Santos"),
        ("TP", "Teguh Prakoso"),
        ("Teguh", "Teguh Prakoso"),
        ("Tegu", "Teguh Prakoso"),
        ("Tekus", "Teguh Prakoso"),
        ("Rudi", "Teguh Prakoso"),
        ("Tepra", "Teguh"),
    ):
        assert not _short_form_of(short, full), (short, full)
        assert not _short_form_of(full, short), (full, short)


def test_a_short_form_after_the_full_name_is_the_same_official(extract: Extract) -> None:
    """``_short_form_of`` through the pipeline: "Presiden TPS" and "Presiden Tepra" are the president
    named before."""
    for text, name in (
        (
            "Presiden Filipina Teguh Prakoso Santos tiba di Jakarta. Presiden TPS mengatakan itu.",
            "Teguh Prakoso Santos",
        ),
        ("Presiden Filipina Teguh Prakoso tiba di Jakarta. Presiden Tepra mengatakan itu.", "Teguh Prakoso"),
    ):
        (o,) = extract(text).officials
        assert (o.name, o.state, len(o.mentions)) == (name, "PH", 2), text


def test_one_name_after_a_post_is_the_one_official_of_that_post_with_that_name(extract: Extract) -> None:
    """Mutations of ``_known_by_one_name``: "Presiden Santos", "Presiden Teguh", "Presiden Ana" (a first
    name of three letters), "Presiden Sant" (four letters that begin the last name) and "Dirjen Andi" (the
    head of a post with its portfolio) are the official named in full before; not "Presiden Pra" (three
    letters that only begin it), not "Presiden Santiago" (a longer name that the last name
    does not begin), not another post, not another state's president, not a name two
    officials share."""
    lede = "Presiden Filipina Teguh Prakoso Santos tiba di Jakarta. "
    for text in (
        lede + "Presiden Santos mengatakan itu.",
        lede + "Presiden Teguh mengatakan itu.",
        lede + "Presiden Sant mengatakan itu.",
        "Presiden Filipina Ana Soto tiba di Jakarta. Presiden Ana mengatakan itu.",
        "Dirjen Imigrasi Filipina Andi Rahmat tiba di Jakarta. Dirjen Andi mengatakan itu.",
    ):
        (o,) = extract(text).officials
        assert (o.state, len(o.mentions)) == ("PH", 2), text
    for text in (
        lede + "Presiden Pra mengatakan itu.",
        lede + "Presiden Santiago mengatakan itu.",
        "Menteri Luar Negeri Filipina Teguh Prakoso tiba di Jakarta. Presiden Prakoso mengatakan itu.",
        "Presiden Filipina Teguh Prakoso tiba di Jakarta. Presiden Chile Prakoso mengatakan itu.",
        "Presiden Filipina Teguh Prakoso bertemu Presiden Chile Ratna Prakoso. Presiden Prakoso mengatakan itu.",
    ):
        officials = extract(text).officials
        assert all(len(o.mentions) == 1 for o in officials), text
        assert len(officials) == text.count("Presiden") + text.count("Menteri"), text


# -- frames and acts: an act's date and subject, a visit's visitor (mutants of 0477883, by hand) -----


def test_an_act_is_dated_by_its_own_clause_then_by_the_nearest_date_before_it(extract: Extract) -> None:
    """Mutations of ``_date``: the date after the verb in its own clause wins over one before it; a date
    before the verb wins over one after it in another clause; of two dates before it, the nearer; a
    date in the clause of the protest's cause ("bahwa ... pada 2014") is not the protest's."""
    for text, day in (
        (
            "Pada 1 Mei 2021 delegasi itu tiba, dan Indonesia memanggil Dubes Australia pada 3 Mei 2021.",
            "2021-05-03",
        ),
        (
            "Indonesia pada 3 Mei 2021 memanggil Dubes Australia, menyusul insiden yang terjadi pada 1 Juni 2021.",
            "2021-05-03",
        ),
        (
            "Setelah insiden pada 1 Mei 2021, Indonesia pada 3 Mei 2021 memanggil Dubes Australia.",
            "2021-05-03",
        ),
    ):
        assert protests(extract(text)) == [(("ID",), ("AU",), "summons", day)], text
    x = extract(  # a date with a comma in it ("Senin, 19 Agustus") is still in the verb's clause
        "Setelah insiden pada 1 Agustus, Menlu Malaysia memanggil Duta Besar Australia pada Senin, 19 Agustus.",
        published=PUBLISHED,
    )
    assert protests(x) == [(("MY",), ("AU",), "summons", "2024-08-19")]
    x = extract(
        "Indonesia memprotes Australia atas kecurigaan bahwa Canberra menyadap telepon presiden pada 2014."
    )
    assert protests(x) == [(("ID",), ("AU",), "complaint", None)]
    x = extract(
        "Indonesia pada 3 Mei 2021 memprotes Australia atas kecurigaan bahwa Canberra menyadap telepon "
        "presiden pada 2014."
    )
    assert protests(x) == [(("ID",), ("AU",), "complaint", "2021-05-03")]


def events(x: Extraction) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(type, actors, targets) of every event, keys only."""
    return [(e.type, tuple(r[1] for r in e.actors), tuple(r[1] for r in e.targets)) for e in x.events]


def test_a_coordinated_or_relative_verb_shares_the_subject_of_the_first(extract: Extract) -> None:
    """Mutations of ``_coordinated_subject``: a verb after "dan" (and an adverb) has the subject of the
    sentence's first verb; a verb after "yang" has the agent right before "yang" (a date between them
    left out; the agent right before it, not the sentence's subject); a verb after "ketika" has the subject of the verb it depends on."""
    for text in (
        "Indonesia menuduh Australia menyadap telepon presiden dan memperingatkan Australia soal hubungan itu.",
        "Indonesia menuduh Australia menyadap telepon presiden dan juga memperingatkan Australia soal hubungan itu.",
    ):
        assert events(extract(text)) == [("Accusation", ("ID",), ("AU",)), ("Warning", ("ID",), ("AU",))], (
            text
        )
    x = extract(
        "Malaysia, yang menuduh Australia menyadap telepon itu, memperingatkan Australia soal hubungan itu."
    )
    assert events(x) == [("Accusation", ("MY",), ("AU",)), ("Warning", ("MY",), ("AU",))]
    x = extract(
        "Pernyataan Malaysia pada Jumat (3/8) yang mendesak Australia menghentikan penyadapan itu dikecam "
        "Canberra.",
        published=PUBLISHED,
    )
    assert events(x) == [("Demand", ("MY",), ("AU",))]
    for text in (  # the agent before "yang", not the sentence's subject; the "yang" right before the verb
        "Indonesia mendukung Malaysia yang mendesak Australia menghentikan penyadapan itu.",
        "Indonesia mendukung Malaysia yang mendesak Australia menghentikan penyadapan yang merugikan itu.",
    ):
        assert events(extract(text)) == [("Demand", ("MY",), ("AU",))], text
    x = extract("Malaysia memperingatkan Australia ketika bertemu Indonesia di Jakarta.")
    assert events(x) == [("Warning", ("MY",), ("AU",)), ("Meeting", ("MY",), ("ID",))]


def test_a_state_visit_is_made_by_the_official_named_after_it(extract: Extract) -> None:
    """Mutations of ``_encounter`` (the visitor after "kunjungan kenegaraan"): the official named after
    the noun is the visitor, the state after "ke" the host."""
    x = extract(
        "Media menyoroti kunjungan kenegaraan Presiden Filipina Teguh Prakoso ke Indonesia pekan ini."
    )
    (e,) = x.events
    assert (e.type, e.actors, e.targets) == (
        "StateVisit",
        (("official", "teguh-prakoso"),),
        (("state", "ID"),),
    )


def test_a_body_takes_a_listed_portfolio_of_one_word(extract: Extract, resources: Resources) -> None:
    """A bug the mutation run showed (``_body``: ``listed.end() > nxt.end()`` survived as ``>=``): a
    one-word portfolio that is no body word ("Pariwisata") ended the body, so "Ketua Komisi Pariwisata"
    was the Chairman of "Komisi"; a portfolio is part of a body whatever its length."""
    found = composed("Ketua Komisi Pariwisata Ratna Dewi", resources)
    assert found is not None and found[2] == "Chairman of Komisi Pariwisata"
    (o,) = extract("Ketua Komisi Pariwisata Filipina Ana Soto tiba di Jakarta.").officials
    assert (o.name, o.state, o.role_en) == ("Ana Soto", "PH", "Chairman of Komisi Pariwisata")


def test_the_signing_of_the_treaty_in_focus_signs_it_by_whom_where_and_when(extract: Extract) -> None:
    """Mutations of ``treaty_phrases._signing_noun`` ("Penandatanganan tersebut dilaksanakan oleh A dan B
    di X pada D"): the treaty in focus is signed, by the officials after "oleh", at the place and on the
    date after the noun, or on the date put first in the sentence; not when the signing is denied or
    still to come ("tidak melaksanakan penandatanganan tersebut", "Penandatanganan tersebut akan ...")."""
    x = extract(
        "Menlu Ghana Ratna Dewi bertemu Menlu Togo Ana Soto. Ghana dan Togo membahas perjanjian ekstradisi. "
        "Penandatanganan tersebut dilaksanakan oleh Ratna Dewi dan Ana Soto di Accra pada 3 Mei 2021."
    )
    (t,) = x.treaties
    assert (t.parties, t.signatories, t.status, t.signed, t.place) == (
        ("GH", "TG"),
        ("ana-soto", "ratna-dewi"),
        "signed",
        DateValue("2021-05-03"),
        "accra",
    )
    (t,) = extract(
        "Ghana dan Togo membahas perjanjian ekstradisi. "
        "Pada 3 Mei 2021, penandatanganan tersebut dilaksanakan di Accra."
    ).treaties
    assert (t.status, t.signed, t.place, t.signatories) == ("signed", DateValue("2021-05-03"), "accra", ())
    for text in (
        "Ghana dan Togo membahas perjanjian ekstradisi. "
        "Penandatanganan tersebut akan dilaksanakan di Accra pada 3 Mei 2021.",
        "Ghana dan Togo membahas perjanjian ekstradisi. "
        "Kedua negara tidak melaksanakan penandatanganan tersebut pada 3 Mei 2021.",
    ):
        (t,) = extract(text).treaties
        assert (t.status, t.signed, t.place) == ("mentioned", None, None), text


def test_a_signing_verb_after_a_comma_belongs_to_the_noun_only_as_an_apposition() -> None:
    """Mutations of ``treaty_phrases._joins`` (what stands between a treaty noun and a signing verb after
    it): no comma, or only "yang", "telah", "sudah" after the last comma ("Perjanjian Ghana-Togo, yang
    telah diteken"); a comma typed without its space ("itu,yang") too; words after the last comma ("di
    Accra, kata Ratna Dewi, ") part it from the verb."""
    assert _joins("") and _joins(" ekstradisi Ghana-Togo ")
    assert _joins(" Ghana-Togo, yang ") and _joins(" Ghana-Togo, yang telah ") and _joins(" itu,yang ")
    assert _joins(" Ghana-Togo, di Accra, yang sudah ")  # the last comma, not the first
    assert not _joins(" Ghana-Togo, kata Ratna Dewi, ulang Ana Soto ")
    assert not _joins(" itu, ditolak Togo, dan ")


def test_states_joined_by_a_hyphen_are_parties_only_right_before_the_noun(extract: Extract) -> None:
    """Mutations of ``treaty_phrases._names_before``: a pair "Ghana-Togo" right before the noun ("Ghana-Togo
    CEPA") names the parties; a pair earlier in the sentence, parted from the noun by other words ("laga
    Ghana-Togo berakhir, ..."), does not."""
    (t,) = extract("Pemerintah membahas Ghana-Togo CEPA.").treaties
    assert t.parties == ("GH", "TG")
    for text in (
        "Setelah laga Ghana-Togo berakhir, Chile dan Peru menandatangani perjanjian perdagangan.",
        "Setelah laga Ghana-Togo, Chile meneken perjanjian perdagangan dengan Peru.",
    ):
        (t,) = extract(text).treaties
        assert t.parties == ("CL", "PE"), text


def test_posts_and_ministries_sign_for_their_states(extract: Extract) -> None:
    """Mutations of ``treaty_phrases._party_refs``: a post without a name ("Menlu Ghana") and a ministry
    sign for their states, not for the post's or ministry's own key."""
    for text in (
        "Menlu Ghana dan Menlu Togo menandatangani perjanjian ekstradisi di Accra.",
        "Kementerian Luar Negeri Ghana dan Togo menandatangani perjanjian ekstradisi.",
    ):
        (t,) = extract(text).treaties
        assert (t.parties, t.signatories, t.status) == (("GH", "TG"), (), "signed"), text
    (t,) = extract("Menlu Chile menandatangani perjanjian perdagangan dengan Menlu Peru.").treaties
    assert t.parties == ("CL", "PE")


def treaty_facts(x: Extraction) -> list[tuple[tuple[str, ...], tuple[str, ...], str, str | None, str | None]]:
    """(parties, signatories, status, signing date, end date) of every treaty."""
    return [
        (
            t.parties,
            t.signatories,
            t.status,
            t.signed.iso if t.signed else None,
            t.ended.iso if t.ended else None,
        )
        for t in x.treaties
    ]


def test_a_signing_verb_gives_the_parties_after_it_before_it_or_late_after_oleh(extract: Extract) -> None:
    """Mutations of ``treaty_phrases._signing``: "mengumumkan" makes a declaration (not a treaty, which it
    only reports); the parties after a passive verb, with "oleh" and "dengan" ("ditandatangani oleh Menlu
    Ghana Ratna Dewi dan Togo", "ditandatangani Ghana dengan Togo"); parties named late, after the place
    and date ("disepakati di Accra pada 3 Mei 2021 oleh Ghana dan Togo"), when they are two states or
    more; a date put first in the sentence ("Pada 3 Mei 2021, ...")."""
    x = extract("Ghana dan Togo mengumumkan Deklarasi Accra pada 3 Mei 2021.")
    assert treaty_facts(x) == [(("GH", "TG"), (), "signed", "2021-05-03", None)]
    x = extract("Ghana mengumumkan perjanjian ekstradisi dengan Togo pada 3 Mei 2021.")
    assert treaty_facts(x) == [(("GH", "TG"), (), "mentioned", None, None)]
    x = extract("Perjanjian ekstradisi ditandatangani oleh Menlu Ghana Ratna Dewi dan Togo.")
    assert treaty_facts(x) == [(("GH", "TG"), ("ratna-dewi",), "signed", None, None)]
    x = extract("Perjanjian ekstradisi ditandatangani Ghana dengan Togo pada 3 Mei 2021.")
    assert treaty_facts(x) == [(("GH", "TG"), (), "signed", "2021-05-03", None)]
    x = extract("Perjanjian ekstradisi disepakati di Accra pada 3 Mei 2021 oleh Ghana dan Togo.")
    assert treaty_facts(x) == [(("GH", "TG"), (), "signed", "2021-05-03", None)]
    assert x.treaties[0].place == "accra"
    assert extract("Perjanjian ekstradisi disepakati di Accra pada 3 Mei 2021 oleh Ghana.").treaties == ()
    x = extract("Pada 3 Mei 2021, Chile dan Peru menandatangani perjanjian perdagangan.")
    assert treaty_facts(x) == [(("CL", "PE"), (), "signed", "2021-05-03", None)]


def test_a_treaty_is_annulled_by_a_verb_before_it_unless_denied_and_withdrawn_from(extract: Extract) -> None:
    """Mutations of ``treaty_phrases._ending``: "membatalkan perjanjian" before the noun annuls it, on the
    date after the verb; "tidak membatalkan" does not; "menarik diri dari perjanjian" is a withdrawal."""
    x = extract("Ghana membatalkan perjanjian ekstradisi dengan Togo pada 3 Mei 2021.")
    assert treaty_facts(x) == [(("GH", "TG"), (), "annulled", None, "2021-05-03")]
    x = extract("Ghana tidak membatalkan perjanjian ekstradisi dengan Togo pada 3 Mei 2021.")
    assert treaty_facts(x) == [(("GH", "TG"), (), "mentioned", None, None)]
    x = extract("Ghana menarik diri dari perjanjian ekstradisi dengan Togo.")
    assert treaty_facts(x) == [(("GH", "TG"), (), "withdrawn", None, None)]


# -- title_grammar.english_titles: survivors of its mutants (fb6eace), English titles of signatories -


def english(
    text: str, resources: Resources, start: int = 0, end: int | None = None
) -> list[tuple[str, str, str, str | None]]:
    """(title, name, role slug, state) of every English title ``english_titles`` reads in ``text``."""
    found = english_titles(text, start, len(text) if end is None else end, resources, read_name)
    return [(text[a:b], text[c:d], title.id, state) for (a, b), (c, d), title, state in found]


def test_an_english_title_is_a_state_title_of_the_texts_own_words(resources: Resources) -> None:
    """Mutations of ``english_titles``: the :class:`Title` built (its label, forms, scope "state",
    examples and counter-examples replaced by None or another string) and its role slug (the pattern
    of what a hyphen replaces, the hyphen, ``lower`` made ``upper``); a title at the very start of the
    span read (``head.start() <= pos`` skipped it)."""
    text = "Ambassador of Iceland, Jon Einarsson."
    ((span, name, title, state),) = english_titles(text, 0, len(text), resources, read_name)
    assert (span, name, state) == ((0, 21), (23, 36), "IS")
    forms = ("Ambassador of Iceland",)
    assert title == Title("ambassador-of-iceland", forms[0], forms[0], forms, "state", (), ())


def test_an_english_title_ends_at_its_last_word_and_its_slug_has_no_edge_hyphen(resources: Resources) -> None:
    """Mutations of ``english_titles``: the title's text stripped of "X" as well as of spaces and commas
    (``strip("XX ,XX")``: "Region IX" lost its "X"), its role slug not stripped of a hyphen at its
    end (``strip(None)``: "the U.S." gave "...-u-s-")."""
    assert english("Diteken oleh Director of Region IX, Anna Berg.", resources) == [
        ("Director of Region IX", "Anna Berg", "director-of-region-ix", None)
    ]
    assert english("Diteken oleh Ambassador of the U.S., Anna Berg.", resources) == [
        ("Ambassador of the U.S.", "Anna Berg", "ambassador-of-the-u-s", None)
    ]


def test_only_an_adjective_of_nationality_before_the_head_joins_the_title(resources: Resources) -> None:
    """Mutations of ``english_titles``: the word before the head joins the title when it names a state
    ("Chilean Ambassador") and only then (``and`` made ``or``, ``before is None``, ``state is None``:
    "Hadir Ambassador ...", "EFTA Secretary General")."""
    assert english("Diteken oleh Chilean Ambassador, Ana Rojas.", resources) == [
        ("Chilean Ambassador", "Ana Rojas", "chilean-ambassador", "CL")
    ]
    assert english("Hadir Ambassador of Iceland, Jon Einarsson.", resources) == [
        ("Ambassador of Iceland", "Jon Einarsson", "ambassador-of-iceland", "IS")
    ]
    assert english("Diteken oleh EFTA Secretary General, Lars Dahl.", resources) == [
        ("Secretary General", "Lars Dahl", "secretary-general", None)
    ]


def test_the_state_of_an_english_title_outlives_the_words_after_it(resources: Resources) -> None:
    """Mutations of ``english_titles``: the state named by the adjective or the state is kept over the
    words after it (``state = None``, ``state and _demonym_state(...)``); a capital names its state
    (the kind "capital" misspelled)."""
    assert english("Diteken oleh Austrian Minister of Economy, Anna Berg.", resources) == [
        ("Austrian Minister of Economy", "Anna Berg", "austrian-minister-of-economy", "AT")
    ]
    assert english("Diteken oleh Ambassador of Iceland to ASEAN, Jon Einarsson.", resources) == [
        ("Ambassador of Iceland to ASEAN", "Jon Einarsson", "ambassador-of-iceland-to-asean", "IS")
    ]
    assert english("Diteken oleh Ambassador to Oslo, Lars Dahl.", resources) == [
        ("Ambassador to Oslo", "Lars Dahl", "ambassador-to-oslo", "NO")
    ]


def test_an_english_title_inside_a_title_read_does_not_end_the_list(resources: Resources) -> None:
    """Mutation of ``english_titles``: a head inside the title just read ("Special Envoy" in "Deputy
    Minister and Special Envoy of Norway") stopped the reading (``continue`` made ``break``), so the
    signatory after it was lost."""
    text = (
        "Diteken oleh Deputy Minister and Special Envoy of Norway, Lars Dahl; dan Ambassador of Iceland, "
        "Jon Einarsson."
    )
    assert [(name, state) for _, name, _, state in english(text, resources)] == [
        ("Lars Dahl", "NO"),
        ("Jon Einarsson", "IS"),
    ]


def test_the_comma_before_the_holder_may_have_a_space_before_it_or_none_after(resources: Resources) -> None:
    """Mutations of ``english_titles``: " ," before the name looked for at the start of the text or
    misspelled; the name read from two characters after the comma ("Iceland,Jon" gave "on")."""
    expected = [("Ambassador of Iceland", "Jon Einarsson", "ambassador-of-iceland", "IS")]
    assert english("Diteken oleh Ambassador of Iceland , Jon Einarsson.", resources) == expected
    assert english("Diteken oleh Ambassador of Iceland,Jon Einarsson.", resources) == expected


def test_the_holder_may_end_where_the_span_read_ends(resources: Resources) -> None:
    """Mutation of ``english_titles``: the end of the holder's item looked for in the whole text, not up
    to ``end`` (a name that ends the span was refused for the words after the span)."""
    text = "Diteken oleh Ambassador of Iceland, Jon Einarsson kemudian pulang."
    assert english(text, resources, end=text.index(" kemudian")) == [
        ("Ambassador of Iceland", "Jon Einarsson", "ambassador-of-iceland", "IS")
    ]


def test_an_english_title_has_at_most_fifteen_words_after_its_head(resources: Resources) -> None:
    """Mutations of ``english_titles``: the bound on the words read (``MAX_ENGLISH_WORDS``, 16 with the
    head): the count started at 1, compared with ``<=``, set to 1, decreased or increased by 2. Fifteen
    words after the head are read; sixteen are not."""
    fifteen = (
        "Minister for Trade, Industry and Energy and Deputy Head of the Office of the Federal Chancellery"
    )
    assert english(f"Diteken oleh {fifteen}, Anna Berg.", resources) == [
        (fifteen, "Anna Berg", re.sub(r"[^a-z0-9]+", "-", fifteen.lower()), None)
    ]
    sixteen = fifteen.replace("and Deputy Head", "and First Deputy Head")
    assert english(f"Diteken oleh {sixteen}, Anna Berg.", resources) == []


# entities._one_holder_per_post, entities._own_state, entities._default_state: which state an official
# serves, and which official holds a post.


def officials_of(x: Extraction) -> list[tuple[str, str, str | None]]:
    """(name, post, state) of every official, by key."""
    return [(o.name, o.role, o.state) for o in x.officials]


def test_a_post_named_without_holder_gives_its_state_to_the_holder_named_after_it(extract: Extract) -> None:
    """Mutations of ``entities._one_holder_per_post``: the posts named without a holder are kept by
    (sentence, post), with their state (not those with a name, nor those without a state); only people
    whose state was guessed and whose post is a state's take one (``continue``, not ``break``, after an
    explicit official); a post up to ``_POST_REACH`` before him, not after "dan" beside him ("Raja
    Yordania dan Raja X": two kings), and a "bertemu" after him does not count; the one free state is
    taken, not ``None``, not a held one."""
    x = extract(
        "Menlu Ghana Kofi Mensah tiba di Jakarta. Raja Yordania, Raja Hamdan Karim, bertemu Presiden "
        "Ratna Dewi di Istana Merdeka. Indonesia dan Yordania sepakat."
    )
    assert officials_of(x) == [
        ("Hamdan Karim", "king", "JO"),
        ("Kofi Mensah", "foreign-minister", "GH"),
        ("Ratna Dewi", "president", "ID"),
    ]
    x = extract("Raja Yordania dan Raja Hamdan Karim tiba di Jakarta. Indonesia dan Yordania sepakat.")
    assert officials_of(x) == [("Hamdan Karim", "king", "ID")]
    x = extract("Presiden tiba di Jakarta, kata Presiden Kofi Mensah. Indonesia dan Ghana sepakat.")
    assert officials_of(x) == [("Kofi Mensah", "president", "ID")]


def test_a_post_held_by_an_earlier_person_goes_to_the_next_main_state(extract: Extract) -> None:
    """Mutations of ``entities._one_holder_per_post``: a post is held by the others (not by the person
    himself) who were named before him or whose state is written; the second president whose state was
    guessed takes the next main state where nobody holds the post (Ghana), not a held one."""
    x = extract(
        "Presiden Ratna Dewi dan Presiden Kofi Mensah bertemu di Jakarta. Indonesia dan Ghana sepakat."
    )
    assert officials_of(x) == [("Kofi Mensah", "president", "GH"), ("Ratna Dewi", "president", "ID")]


def test_the_state_of_an_official_without_one_is_the_ledes_first_or_else_the_articles_first(
    extract: Extract,
) -> None:
    """Mutations of ``entities._default_state``: without a dateline, Indonesia or a state leading the lede,
    an official whose title names no state serves the first state of the lede (Ghana, not Togo of the
    next sentence); and where the lede names none, the article's first state (not none, not the
    second)."""
    x = extract("Menlu Ratna Dewi memuji Ghana. Togo menyambut kunjungan itu.")
    assert officials_of(x) == [("Ratna Dewi", "foreign-minister", "GH")]
    x = extract("Menlu Ratna Dewi tiba pada Senin. Ghana dan Togo menyambut kunjungan itu.")
    assert officials_of(x) == [("Ratna Dewi", "foreign-minister", "GH")]


def test_negaranya_reported_is_the_state_of_the_last_official_named_before_in_its_sentence() -> None:
    """Mutations of ``entities._own_state``: "mengatakan negaranya" is looked for within each sentence
    (not to the text's end, which finds it twice); the official is looked for back to the sentence's
    first one (not one further, which wraps to the text's last official, nor every other one, which
    skips the one that starts in the sentence); the mention is a pronoun "negaranya" of the rule
    "coref:own-state"."""
    text = "Juru bicara mengatakan negaranya hadir. Rina Kusuma mengatakan negaranya hadir."
    first, second = Sentence(0, 0, 39), Sentence(1, 40, len(text))
    rina = Mention(40, 51, "person", "rina-kusuma", "person", 1)
    across = Mention(30, 52, "official", "budi-santoso", "title", 1)  # starts before its sentence
    state_of: dict[str, str | None] = {"rina-kusuma": "GH", "budi-santoso": "TG"}
    raw = [(rina, ("official", "rina-kusuma")), (across, ("official", "budi-santoso"))]
    at = text.rindex("negaranya")
    own = Mention(at, at + 9, "pronoun", "negaranya", "coref:own-state", 1)
    assert _own_state(text, (first, second), raw, state_of) == [(own, ("state", "GH"))]


# ------------------------------------------------------------------ the sixth round (spans, clauses,
# modality, pipeline, titles): helpers asked once per mention, the quotes round an act, the dates of a
# sentence in their context


def test_words_before_a_position_are_read_back_over_its_white_space_and_no_further() -> None:
    """Mutations of ``spans.ends_with``: the white space before ``pos`` skipped one character short
    (``text[end - 2]``) or forward (``end += 1``), so words that fill the reach exactly were not seen."""
    pattern = re.compile(r"(?<![\w-])(?:tanpa|belum\s+ada)\s+$")
    text = "x belum ada  Y"
    found = ends_with(pattern, text, 0, 13, 9)
    assert found is not None and found.span() == (2, 13)
    assert ends_with(pattern, "x belum ada Y", 0, 12, 9) is not None
    assert ends_with(pattern, "x belum ada Y", 0, 12, 8) is None  # the words are longer than the reach


def test_a_position_is_in_a_span_from_its_start_up_to_its_end() -> None:
    """Mutations of ``clauses.in_spans``: ``s < pos`` and ``pos <= e``."""
    assert in_spans(3, [(3, 7)]) and in_spans(6, [(3, 7)])
    assert not in_spans(7, [(3, 7)]) and not in_spans(2, [(3, 7)])


def test_a_span_is_stripped_of_white_space_and_of_punctuation_at_its_edges_only() -> None:
    """Mutations of ``clauses.strip_span``: the bound ``start <= end`` (an index past the text), the
    white space ``and`` the marks, the start set to 1, moved back or by two, the characters stripped
    widened to "X", the end bound ``end >= start``."""
    assert strip_span("ab , Xi Jinping ;.", 2, 18) == (5, 15)
    assert strip_span(" ,", 0, 2) == (2, 2)
    assert strip_span("a,", 1, 2) == (2, 2)
    assert strip_span("Sidang ke-X", 0, 11) == (0, 11)
    assert strip_span("ab  X", 2, 5) == (4, 5)


def test_the_asides_of_a_sentence_are_its_own_and_of_the_text_asked_about() -> None:
    """Mutations of ``clauses.hidden_spans``: the cache kept for another text with an equal sentence
    (``is`` for ``is not``), and the asides looked for past the sentence's end."""
    sentence = Sentence(0, 0, 20)
    first = "Rusia, yang menolak. Kanada, Jepang setuju."
    assert hidden_spans(first, sentence) == []  # the aside would close in the next sentence
    paren = "Rusia (yang menolak. Kanada) setuju."
    assert hidden_spans(paren, sentence) == []
    second = "Rusia, yang marah, x"  # another text, a sentence equal to the one before
    assert hidden_spans(second, Sentence(0, 0, 20)) == [(5, 18)]


def _agent(start: int, end: int, key: str) -> Agent:
    return Agent(Mention(start, end, "state", key, "r", 0), ("state", key), False, "")


def test_whether_an_agent_starts_in_a_range_is_asked_of_the_agents_given() -> None:
    """Mutations of ``clauses.agent_starts_in``: the index of another tuple of agents kept (``is`` for
    ``is not``), ``i <= len(at)`` (an index past the list) and an agent starting at the range's end."""
    agents = (_agent(0, 5, "RU"), _agent(10, 15, "JP"))
    assert agent_starts_in(agents, 0, 1) and not agent_starts_in(agents, 1, 10)
    assert not agent_starts_in(agents, 11, 30)
    assert agent_starts_in((_agent(20, 25, "CA"),), 20, 21)


def test_the_places_between_two_positions_start_in_that_range() -> None:
    """Mutations of ``clauses.places_between``: the bounds ``(start, "XXXX")`` and ``(end, "XXXX")``
    (a place whose key sorts before "XXXX" starting at a bound)."""
    places = (
        Place("Berlin|DE", "Berlin", "DE", (Mention(4, 10, "place", "Berlin|DE", "r", 0),)),
        Place("Oslo|NO", "Oslo", "NO", (Mention(20, 24, "place", "Oslo|NO", "r", 0),)),
    )
    assert places_between(places, 4, 20) == [(4, "Berlin|DE")]
    assert places_between(places, 5, 21) == [(20, "Oslo|NO")]


def _recall_modality(extract: Extract, text: str) -> str:
    x = extract(text, dt.date(2024, 6, 1))
    (modality,) = [e.modality for e in (*x.events, *x.unasserted) if e.type == "Protest"]
    return modality


def test_only_the_words_on_the_acts_side_of_a_quote_and_in_its_sentence_govern_it(extract: Extract) -> None:
    """Mutations of ``modality.modality_of``: the last quotation mark before the trigger looked for past
    it or from the first (``rfind`` made ``find``, its end bound dropped), the first one after it from the
    start of the text, past the sentence or the last one (``rfind``), and the condition after a plan
    looked for past the sentence."""
    recall = "Rusia akan memanggil pulang duta besarnya untuk Jepang"
    assert _recall_modality(extract, f'{recall}. "Kami kecewa," kata Menlu Rusia.') == "planned"
    assert (
        _recall_modality(extract, 'Dengan dalih "jika perlu" Rusia memanggil pulang duta besarnya.')
        == "asserted"
    )
    assert (
        _recall_modality(extract, f'Menurut "sumber" itu, {recall} jika perundingan gagal.') == "conditional"
    )
    assert (
        _recall_modality(extract, f'{recall}. Jika perlu, "kami bertindak," kata Menlu Rusia.') == "planned"
    )
    assert _recall_modality(extract, f'{recall}, kata dia, "jika perlu," tambahnya.') == "planned"
    assert _recall_modality(extract, f"{recall}. Jika perlu, Kanada juga.") == "planned"


def test_a_subject_is_read_after_a_fronted_place_and_a_list_after_by_stops_at_its_end(
    extract: Extract,
) -> None:
    """Mutations of ``clauses.subject_before`` (the fronted place "Di ...," read past the verb, which hid
    the subject) and of ``clauses.agents_after`` (any agent after the first joined the list, "dengan"
    never joining the parties after "antara", the group mention of "kedua negara")."""
    assert protests(extract("Di Jenewa Rusia mengecam Ukraina, kata juru bicara itu.")) == [
        (("RU",), ("UA",), "condemnation", None)
    ]
    x = extract("Perjanjian antara pemerintah Rusia dengan Jepang ditandatangani di Tokyo.")
    assert [t.parties for t in x.treaties] == [("JP", "RU")]
    x = extract("Perjanjian itu dibuat Finlandia dengan Swedia.")
    assert [t.parties for t in x.treaties] == [("FI", "SE")]
    x = extract("Perjanjian itu ditandatangani oleh kedua negara, Rusia dan Jepang.")
    assert [t.parties for t in x.treaties] == [("JP", "RU")]
    x = extract("Presiden Rusia bertemu Presiden Jepang dan Presiden Kanada di Tokyo, kata Menlu Chile.")
    assert [(e.actors, e.targets) for e in x.events if e.type == "Meeting"] == [
        ((("post", "RU/president"),), (("post", "JP/president"), ("post", "CA/president")))
    ]


def _sentence_dates(
    resources: Resources, text: str, published: dt.date | None = None
) -> list[list[tuple[str, str]]]:
    """The dates of each sentence of ``text``, resolved in their context: (words, ISO date)."""
    sentences = split_sentences(text, find_body(text), resources.abbreviations)
    dated = _dated(Article("t", text, published=published), sentences, TODAY)
    return [[(text[a:b], v.iso) for a, b, v in dated[s.index].dates] for s in sentences]


def test_a_date_without_a_year_takes_it_from_the_latest_full_date_of_an_undated_article(
    resources: Resources,
) -> None:
    """Mutations of ``pipeline._latest_day``: which dates count as full (``or``/``and`` swapped, ``is``
    for ``is not``): "17 Juli 2019" fixes the year of "20 Agustus" (the last 20 August before it); an
    impossible day is a month, never the latest day."""
    assert _sentence_dates(
        resources, "Pada 17 Juli 2019 Rusia memprotes. Pada 20 Agustus Jepang memprotes."
    ) == [
        [("17 Juli 2019", "2019-07-17")],
        [("20 Agustus", "2018-08-20")],
    ]
    assert _sentence_dates(
        resources, "Pada 30 Februari 2019 Rusia memprotes. Pada 20 Agustus Jepang memprotes."
    ) == [
        [("30 Februari 2019", "2019-02")],
        [],
    ]


def test_a_relative_date_counts_from_the_date_before_it_in_its_sentence_else_the_last_current_one(
    resources: Resources,
) -> None:
    """Mutations of ``pipeline._dated``: the publication year not the main one (the text's first year
    was), the current window (``main - 2``, ``main - 1 <``), the date before it in its sentence skipped
    or another one taken (``values[+1]``, ``values[-2]``), relative dates looked for past the sentence."""
    pub = dt.date(2024, 6, 1)
    assert _sentence_dates(
        resources,
        "Perjanjian 1990 itu dibahas. Pada 3 Mei 2024 Rusia memprotes. Dua hari kemudian Jepang memprotes.",
        pub,
    ) == [[], [("3 Mei 2024", "2024-05-03")], [("Dua hari kemudian", "2024-05-05")]]
    assert _sentence_dates(
        resources,
        "Pada 1 Mei 2024 Rusia memprotes. Pada 10 Mei 2024, dan dua hari kemudian, Jepang memprotes.",
        pub,
    ) == [
        [("1 Mei 2024", "2024-05-01")],
        [("10 Mei 2024", "2024-05-10"), ("dua hari kemudian", "2024-05-12")],
    ]
    later = "Dua hari kemudian Jepang memprotes."
    assert _sentence_dates(
        resources, f"Pada 28 Desember 2023 Rusia memprotes. {later}", dt.date(2024, 1, 10)
    ) == [
        [("28 Desember 2023", "2023-12-28")],
        [("Dua hari kemudian", "2023-12-30")],
    ]
    assert _sentence_dates(resources, f"Pada 5 Mei 2022 Rusia memprotes. {later}", pub) == [
        [("5 Mei 2022", "2022-05-05")],
        [],
    ]


def test_the_same_day_as_an_event_is_the_day_of_the_sentence_that_names_it(resources: Resources) -> None:
    """Mutations of ``pipeline._dated``: a sentence's day taken from the last current date rather than
    its own (an old day is still its day), and a sentence without a date not on the day before it."""
    pub = dt.date(2024, 6, 1)
    same = "Pada hari yang sama dengan eksekusi itu"
    assert _sentence_dates(
        resources, f"Iran melakukan eksekusi itu pada 3 Mei 2019. {same}, Rusia memprotes.", pub
    ) == [
        [("3 Mei 2019", "2019-05-03")],
        [(same, "2019-05-03")],
    ]
    assert _sentence_dates(
        resources,
        f"Pada 3 Mei 2024 Rusia memprotes. Iran melakukan eksekusi itu kemudian. {same}, Jepang memprotes.",
        pub,
    ) == [[("3 Mei 2024", "2024-05-03")], [], [(same, "2024-05-03")]]


def test_an_article_without_a_publication_date_reports_the_day_of_its_address(resources: Resources) -> None:
    """Mutations of ``pipeline._news_day`` and ``process``: the address or ``today`` not passed to
    ``url_day``, so a signing the text does not date lost the day of the article's address."""
    text = "Rusia dan Jepang menandatangani perjanjian perdagangan."
    x = process(Article("t", text, url="https://example.org/2024/05/03/berita"), resources, TODAY)
    assert [(t.signed, t.status) for t in x.treaties] == [(DateValue("2024-05-03"), "signed")]


def _officials(extract: Extract, text: str) -> list[tuple[str, str, str | None, list[str]]]:
    """(name, role, state, the rules of its mentions) of every official of the text."""
    return [(o.name, o.role, o.state, [m.rule for m in o.mentions]) for o in extract(text).officials]


def test_a_counterpart_named_after_mitranya_holds_the_post_of_the_last_official_named_before(
    extract: Extract,
) -> None:
    """Mutations of ``titles._counterparts``: the rule of the mention ("pattern:counterpart", written to
    the graph as the phrase's rule) replaced; a title after "mitranya" taken as the one before it
    (``or``); a capital not naming the counterpart's state; ``continue`` made ``break`` (a "mitra" with
    no official before it, a counterpart without a name, ended the search); "mitranya dari Jepang." with
    nothing after it read as if a name followed (``comma or True``, ``name is None and ...``)."""

    ivanov = ("Sergei Ivanov", "foreign-minister", "RU", ["titles.toml#foreign-minister"])
    yamada = ("Taro Yamada", "foreign-minister", "JP", ["pattern:counterpart"])
    assert _officials(
        extract, "Menlu Rusia Sergei Ivanov bertemu mitranya dari Jepang, Taro Yamada, di Tokyo."
    ) == [
        ivanov,
        yamada,
    ]
    assert _officials(
        extract,
        "Menlu Rusia Sergei Ivanov bertemu mitranya dari Jepang, Taro Yamada, dan Presiden Kanada Anne Roy.",
    ) == [
        ("Anne Roy", "president", "CA", ["titles.toml#president"]),
        ivanov,
        yamada,
    ]
    assert _officials(extract, "Menlu Rusia Sergei Ivanov bertemu mitranya dari Tokyo, Taro Yamada.") == [
        ivanov,
        yamada,
    ]
    assert _officials(
        extract,
        "Bersama mitra lama, Menlu Rusia Sergei Ivanov bertemu mitranya dari Jepang, Taro Yamada.",
    ) == [
        ivanov,
        yamada,
    ]
    assert _officials(extract, "Menlu Rusia Sergei Ivanov bertemu mitranya dari Jepang.") == [ivanov]
    assert _officials(
        extract,
        "Menlu Rusia Sergei Ivanov menelepon mitranya dari Jepang, yang sakit, lalu mitranya dari Kanada, Anne Roy.",
    ) == [("Anne Roy", "foreign-minister", "CA", ["pattern:counterpart"]), ivanov]


def test_titles_read_on_after_a_name_holding_a_title_word_and_each_official_keeps_its_rule(
    extract: Extract,
) -> None:
    """Mutations of ``titles._title_mentions`` and ``titles._title_match``: ``continue`` made ``break``
    ("Sultan" inside a name ended the titles of the sentence), the rule of an English title
    ("title_parts.toml#english") and of a composed title ("title_parts.toml#<id>", not
    "titles.toml#<id>": ``listed or True``) replaced."""

    assert _officials(
        extract,
        "Presiden UEA Hamdan bin Saeed bin Sultan Al Falasi bertemu Menlu Rusia Sergei Ivanov.",
    ) == [
        ("Hamdan bin Saeed bin Sultan Al Falasi", "president", "AE", ["titles.toml#president"]),
        ("Sergei Ivanov", "foreign-minister", "RU", ["titles.toml#foreign-minister"]),
    ]
    assert _officials(extract, "Perjanjian itu diteken oleh Chilean Ambassador, Ana Rojas.") == [
        ("Ana Rojas", "chilean-ambassador", "CL", ["title_parts.toml#english"])
    ]
    assert _officials(extract, "Menteri Pariwisata Kanada Anne Roy tiba.") == [
        ("Anne Roy", "minister-of-tourism", "CA", ["title_parts.toml#minister-of-tourism"])
    ]


_TITLE_CASES = [
    # a weekday is no word of a name; five words at most
    ("Menlu Rusia Sergei Ivanov Senin (3/6) tiba di Tokyo.", [("Sergei Ivanov", "foreign-minister", "RU")]),
    (
        "Menlu Portugal Jose Maria Pedro Paulo Costa tiba.",
        [("Jose Maria Pedro Paulo Costa", "foreign-minister", "PT")],
    ),
    (
        "Menlu Portugal Jose Maria Pedro Paulo Costa Silva tiba.",
        [("Jose Maria Pedro Paulo Costa", "foreign-minister", "PT")],
    ),
    # an institution ending in a state between the title and the name
    ("Juru Bicara Penjaga Pantai Jepang Kenji Sato tiba.", [("Kenji Sato", "spokesperson", "JP")]),
    # an envoy to an organization: the name after it
    ("Duta Besar Rusia untuk ASEAN Ivan Petrov tiba.", [("Ivan Petrov", "ambassador", "RU")]),
    # the word of a polity before the state
    ("Raja Kerajaan Yordania Abdullah Hassan tiba.", [("Abdullah Hassan", "king", "JO")]),
    # "kementerian itu": the ministry named before, none when there is none; a spokesperson of another
    # ministry than foreign affairs stays a spokesperson
    ("Juru bicara kementerian itu, Maria Ivanova, hadir.", []),
    (
        "Kementerian Pertahanan Rusia mengecam Jepang. Juru bicara kementerian itu, Igor Petrov, hadir.",
        [("Igor Petrov", "spokesperson", "RU")],
    ),
    # the holder named before the title: particles inside the name, the comma after it
    ("Khalid bin Nasser, Menlu Rusia, tiba.", [("Khalid bin Nasser", "foreign-minister", "RU")]),
    ("Sergei Ivanov, Menlu Rusia, tiba di Tokyo.", [("Sergei Ivanov", "foreign-minister", "RU")]),
    (
        "Menlu Rusia saat itu, Sergei Ivanov, memperingatkan Jepang.",
        [("Sergei Ivanov", "foreign-minister", "RU")],
    ),
    ("Kwame Mensah yang menjabat Menlu Ghana tiba.", [("Kwame Mensah", "foreign-minister", "GH")]),
]


def test_the_holder_of_a_title_is_read_after_or_before_it_with_the_state_of_its_words(
    extract: Extract,
) -> None:
    """Mutations of ``titles`` (sixth round): ``_is_name_word`` (a stop word such as a weekday in a name:
    ``and``, ``upper``), ``read_name`` (the count of words started at 1, stepped by 2 or back, ``== 6``, a
    word ending in a full stop going on), ``_institution`` (the name or state after it dropped, ``is
    None`` for ``is not None``), ``_envoy_host`` (the organization an envoy is sent to), ``_title_state``
    (the polity word), ``_title_match`` (a spokesperson of "kementerian itu" always of foreign affairs;
    the start of a holder named before), ``_name_before`` (particles inside the name), ``_holder_before``
    (the clause's floor one character late) and ``_that_ministry`` (no ministry named before)."""
    for text, expected in _TITLE_CASES:
        officials = extract(text).officials
        assert [(o.name, o.role, o.state) for o in officials] == expected, text
        # each named once: no word of a holder named before the title read again as a short reference
        assert [[text[m.start : m.end] for m in o.mentions] for o in officials] == [
            [e[0]] for e in expected
        ], text


def test_a_name_before_a_comma_is_read_back_over_a_long_run_of_long_words(resources: Resources) -> None:
    """Mutations of ``titles._words_before``: the window set to 2 or halved instead of doubled, so that a
    window holding fewer words than the bound never reached the sentence's start (the build hung)."""
    text = " ".join(["pertanggungjawaban"] * 15) + " Sergei Ivanov, Menlu Rusia"
    assert _name_before(text, text.index(","), 0, resources) == (285, 298)


def test_repeats_of_one_protest_merge_and_a_protest_without_target_is_aimed_at_the_main_other_state(
    extract: Extract,
) -> None:
    """Mutations of ``events._complete_protests`` (the eighth round): the merge of a protest repeated
    with the same protester, target and form (its key, ``first`` set to None, the date of either, the
    repeat's trigger kept as a mention of the one protest), and the target of a protest that names none."""
    text = "Rusia mengecam Jepang pada 3 Mei 2024. Rusia kembali mengecam Jepang."
    (protest,) = [e for e in extract(text, dt.date(2024, 6, 1)).events if e.type == "Protest"]
    assert (protest.actors, protest.targets, protest.form) == (
        (("state", "RU"),),
        (("state", "JP"),),
        "condemnation",
    )
    assert protest.date == DateValue("2024-05-03")
    assert [text[m.start : m.end] for m in (protest.trigger, *protest.extra_mentions)] == [
        "mengecam",
        "Jepang",
        "mengecam",
    ]
    later = "Rusia mengecam Jepang. Rusia kembali mengecam Jepang pada 3 Mei 2024."
    (protest,) = [e for e in extract(later, dt.date(2024, 6, 1)).events if e.type == "Protest"]
    assert protest.date == DateValue("2024-05-03")  # the repeat's date, when the first has none
    assert protests(extract("Jepang hadir. Jepang berbicara. Rusia mengecam keras.")) == [
        (("RU",), ("JP",), "condemnation", None)
    ]
