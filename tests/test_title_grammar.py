"""The title grammar (kg/data/title_parts.toml, kg.extract.title_grammar): every head and abbreviation finds its
examples through the whole pipeline (name, state and the English post composed from the parts) and none
of its counter-examples; the parts of real-news titles, in sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.errors import DataFileError
from kg.lexicon.resources import _read, load_resources
from kg.lexicon.title_parts import parse_title_parts

RES = load_resources()
GRAMMAR = RES.title_grammar
LEDE = "Indonesia menggelar pertemuan itu. "
"""Each sentence is read after a lede that names Indonesia, as an Indonesian article has one: an
official whose title names no state serves the article's home state, as Indonesian news writes its own."""


def _entries():
    heads = {id(h): h for h in GRAMMAR.heads.values()}
    abbreviations = {id(a): a for a in GRAMMAR.abbreviations.values()}
    return [*heads.values(), *abbreviations.values()]


EXAMPLES = [ex for entry in _entries() for ex in entry.examples]
COUNTER = [ex for entry in _entries() for ex in entry.counter_examples]


def test_titles_every_head_and_abbreviation_has_examples_and_counter_examples():
    for entry in _entries():
        assert entry.examples, entry
        assert entry.counter_examples, entry


@pytest.mark.parametrize("example", EXAMPLES)
def test_titles_head_finds_its_example(extract, example):
    text, expected = example.split(" => ")
    name, state, post = (s.strip() for s in expected.split("|"))
    found = {(o.name, o.state, o.role_en) for o in extract(LEDE + text).officials}
    assert (name, state, post) in found, found


@pytest.mark.parametrize("example", COUNTER)
def test_titles_head_ignores_its_counter_example(extract, example):
    assert not extract(LEDE + example).officials


@pytest.mark.parametrize(
    ("text", "name", "state", "post"),
    [
        # a listed title keeps its role; a longer composed one wins where it reads further
        ("Menteri Luar Negeri Ana Putri tiba di Tokyo.", "Ana Putri", "ID", "Foreign Minister"),
        (
            "Wakil Menteri Perdagangan Jepang Kenta Ono berbicara.",
            "Kenta Ono",
            "JP",
            "Deputy Minister of Trade",
        ),
        # the abbreviation in brackets is part of the title, not of the name
        ("Menteri Pertanian (Mentan) Adi Nugroho hadir.", "Adi Nugroho", "ID", "Minister of Agriculture"),
        # honorifics and initials
        ("Kepala Badan Audit Rusia Dr. A.B. Petrov hadir.", "A.B. Petrov", "RU", "Head of Badan Audit"),
        ("Wakil Direktur BDF Eng. Omar bin Said hadir.", "Omar bin Said", None, "Deputy Director of BDF"),
        # lower case, as real text writes a title inside a sentence
        ("Kata Omar Hadi, seorang wakil direktur NSC, kepada wartawan.", "Omar Hadi", None, None),
    ],
)
def test_titles_compose_real_news_titles(extract, text, name, state, post):
    officials = {o.name: o for o in extract(LEDE + text).officials}
    if post is None:
        return None if name in officials else pytest.fail(f"{name} not found in {sorted(officials)}")
    assert name in officials, sorted(officials)
    o = officials[name]
    assert o.role_en == post
    if state is not None:
        assert o.state == state


def test_titles_office_held_by_a_name_after_yang_dijabat(extract):
    text = "Presiden Brasil yang kini dijabat Carlos Souza menerima tamunya."
    assert ("Carlos Souza", "BR") in {(o.name, o.state) for o in extract(LEDE + text).officials}


def test_titles_list_of_officials_in_one_sentence(extract):
    text = (
        "Pertemuan itu dihadiri Mensesneg Tono Haryanto, Menlu Sari Ayu, Menteri Pariwisata Made Wirya, "
        "dan Seskab Rudi Wijaya."
    )
    names = {o.name for o in extract(LEDE + text).officials}
    assert {"Tono Haryanto", "Sari Ayu", "Made Wirya", "Rudi Wijaya"} <= names


def test_titles_a_body_ends_at_the_state_and_the_name_follows(extract):
    text = "Ketua Parlemen Malaysia Johari Abdul menerima kunjungan itu."
    officials = {o.name: o for o in extract(LEDE + text).officials}
    assert officials["Johari Abdul"].state == "MY"


def test_titles_bad_parts_file_names_file_and_entry():
    with pytest.raises(DataFileError, match="takes must be"):
        parse_title_parts('[[head]]\nforms = ["Ketua"]\nen = "Chairman"\ntakes = "anything"\n')
    with pytest.raises(DataFileError, match="listed head and portfolio"):
        parse_title_parts(
            '[[abbreviation]]\nforms = ["Menx"]\nhead = "Menteri"\nportfolio = "Nothing"\n'
            'examples = ["x"]\ncounter_examples = ["y"]\n'
        )


def test_titles_packaged_parts_parse():
    grammar = parse_title_parts(_read("title_parts.toml"))
    assert grammar.heads and grammar.portfolio and grammar.abbreviations


HOME_EXAMPLES = [ex for home in GRAMMAR.homes for ex in home.examples]
HOME_COUNTER = [ex for home in GRAMMAR.homes for ex in home.counter_examples]


def test_titles_every_home_has_words_examples_and_counter_examples():
    assert GRAMMAR.homes
    for home in GRAMMAR.homes:
        assert home.words and home.examples and home.counter_examples, home.state


@pytest.mark.parametrize("example", HOME_EXAMPLES + HOME_COUNTER)
def test_titles_an_institution_of_one_state_gives_its_holder_that_state(extract, example):
    # no lede: the sentence's own states come first, and the institution in the title must still win
    text, expected = example.split(" => ")
    name, state = (s.strip() for s in expected.split("|"))
    found = {(o.name, o.state) for o in extract(text).officials}
    assert (name, state) in found, found


def test_titles_an_institution_word_counts_only_as_written():
    # "bin" in a name is not BIN (the intelligence agency), nor "dpr" in a lower-case word
    assert GRAMMAR.home_of("Panglima TNI") == "ID"
    assert GRAMMAR.home_of("Kepala Badan Intelijen Negara (BIN)") == "ID"
    assert GRAMMAR.home_of("Putra Mahkota Mohammed bin Salman") is None
    assert GRAMMAR.home_of("Ketua Parlemen Malaysia") is None


def test_titles_bad_home_is_refused_naming_it():
    with pytest.raises(DataFileError, match=r"home 'Indonesia'.*ISO 3166-1"):
        parse_title_parts(
            '[[home]]\nstate = "Indonesia"\nwords = ["TNI"]\nexamples = ["x"]\ncounter_examples = ["y"]\n'
        )
    with pytest.raises(DataFileError, match="one state only"):
        parse_title_parts(
            '[[home]]\nstate = "ID"\nwords = ["TNI"]\nexamples = ["x"]\ncounter_examples = ["y"]\n'
            '[[home]]\nstate = "MY"\nwords = ["TNI"]\nexamples = ["x"]\ncounter_examples = ["y"]\n'
        )
