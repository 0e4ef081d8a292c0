"""Mentions and entities: states by every kind of name, capitals as governments or places, officials in
every order, coreference by surname, pronoun and post."""

from __future__ import annotations

import pytest

from kg.extract.entities import _word_before, rank_states
from kg.extract.people import slug


def states(x):
    return [iso for iso, _ in x.states]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Korea Selatan mendesak Korea Utara.", ["KP", "KR"]),
        ("Korsel dan Korut bertemu.", ["KP", "KR"]),
        ("AS dan RI sepakat.", ["ID", "US"]),
        ("RRT menolak UEA.", ["AE", "CN"]),
        ("Washington menolak usul Moskow.", ["RU", "US"]),
        ("Perdana Menteri itu tiba di Beijing kemarin.", []),
        ("Delegasi melakukan kunjungan ke Tokyo pekan lalu.", []),
        ("Bantuan dikirim ke Kiev.", ["UA"]),
        ("Perdamaian di Semenanjung Korea dibahas PBB.", []),
        ("Uni Afrika (AU) dan Hamas hadir.", []),
        ("Uni Soviet runtuh pada 1991.", ["SU"]),
    ],
)
def test_entities_states_by_name_abbreviation_and_capital(extract, text, expected):
    assert states(extract(text)) == expected


def test_entities_capital_as_place_is_a_place(extract):
    x = extract("Menlu RI Retno Marsudi tiba di Seoul, Korea Selatan.")
    assert [(p.name, p.state) for p in x.places] == [("Seoul", "KR")]
    assert "KR" in states(x)


@pytest.mark.parametrize(
    ("text", "name", "role", "state", "accredited"),
    [
        (
            "Menteri Luar Negeri Retno Marsudi berbicara kepada wartawan Indonesia.",
            "Retno Marsudi",
            "foreign-minister",
            "ID",
            None,
        ),
        (
            "Retno Marsudi, Menteri Luar Negeri Indonesia, berbicara.",
            "Retno Marsudi",
            "foreign-minister",
            "ID",
            None,
        ),
        ("Presiden Rusia Vladimir Putin tiba.", "Vladimir Putin", "president", "RU", None),
        ("Dubes RI untuk Jepang Heri Akhmadi hadir.", "Heri Akhmadi", "ambassador", "ID", "JP"),
        ("Wamenlu Korsel Kim Hong-kyun hadir.", "Kim Hong-kyun", "vice-foreign-minister", "KR", None),
        ("PM Jepang Fumio Kishida tiba.", "Fumio Kishida", "prime-minister", "JP", None),
        (
            "Putra Mahkota Arab Saudi Mohammed bin Salman tiba.",
            "Mohammed bin Salman",
            "crown-prince",
            "SA",
            None,
        ),
    ],
)
def test_entities_officials_in_every_order(extract, text, name, role, state, accredited):
    (o,) = extract(text).officials
    assert (o.name, o.role, o.state, o.accredited_to) == (name, role, state, accredited)


def test_entities_post_without_state_takes_it_from_the_sentence(extract):
    x = extract(
        "Korsel mendesak Rusia. Wakil Menteri Luar Negeri Pertama Kim Hong-kyun menyampaikan sikap Korsel."
    )
    assert [(o.name, o.state) for o in x.officials] == [("Kim Hong-kyun", "KR")]


def test_entities_organization_title_serves_the_organization(extract):
    (o,) = extract("Sekjen PBB Antonio Guterres menyerukan gencatan senjata.").officials
    assert (o.name, o.role, o.state, o.organization) == ("Antonio Guterres", "secretary-general", None, "un")


def test_entities_two_spellings_are_one_person(extract):
    x = extract("Menlu RI Retno LP Marsudi tiba. Menteri Luar Negeri Retno Marsudi lalu berbicara.")
    assert [o.name for o in x.officials] == ["Retno LP Marsudi"]
    assert len(x.officials[0].mentions) == 2


def test_entities_surname_alone_is_the_latest_bearer(extract):
    text = (
        "Wamenlu Korsel Kim Hong-kyun tiba. Kim menekankan sikap Seoul. "
        "Pemimpin Korut Kim Jong Un menolak. Kim juga mengecam latihan itu."
    )
    x = extract(text)
    by_name = {o.name: [text[m.start : m.end] for m in o.mentions] for o in x.officials}
    assert by_name == {"Kim Hong-kyun": ["Kim Hong-kyun", "Kim"], "Kim Jong Un": ["Kim Jong Un", "Kim"]}


def test_entities_pronoun_is_the_last_speaker(extract):
    text = "Presiden AS Joe Biden tiba. Menlu Rusia Sergei Lavrov mengatakan Rusia siap. Ia juga menegaskan hal itu."
    x = extract(text)
    statements = [e for e in x.events if e.type == "Statement"]
    assert [e.actors for e in statements] == [(("official", "sergei-lavrov"),)] * 2


def test_entities_post_reference_is_the_named_holder(extract):
    text = "Duta Besar Rusia untuk Jepang Nikolai Nozdrev tiba. Kemlu Jepang memanggil Dubes Rusia atas insiden itu."
    summons = [e for e in extract(text).events if e.type == "Summons"]
    assert summons and ("official", "nikolai-nozdrev") in summons[0].targets


def test_entities_ministries_and_embassies(extract):
    x = extract("Kementerian Luar Negeri Korsel dan Kedubes Rusia di Seoul saling membantah.")
    assert [(o.key, o.type, o.state, o.accredited_to) for o in x.organizations] == [
        ("KR/ministry-of-foreign-affairs", "Ministry", "KR", None),
        ("RU/embassy/KR", "Embassy", "RU", "KR"),
    ]


def test_entities_title_and_one_name_is_the_person_met_before(extract):
    text = "Presiden Korsel Yoon Suk Yeol tiba. Presiden Yoon lalu berbicara. Menlu Rusia Sergei Lavrov diam."
    x = extract(text)
    assert [(o.name, len(o.mentions)) for o in x.officials] == [("Sergei Lavrov", 1), ("Yoon Suk Yeol", 2)]


@pytest.mark.parametrize(
    "text",
    [
        # two bearers of the name: no guess
        "Pemimpin Korut Kim Jong Un tiba. Pemimpin Korut Kim Yo Jong tiba. Pemimpin Korut Kim berbicara.",
        # another post, or a state written next to it: another person
        "Presiden Korsel Yoon Suk Yeol tiba. Menteri Luar Negeri Yoon berbicara.",
        "Presiden Korsel Yoon Suk Yeol tiba. Presiden Korut Yoon berbicara.",
    ],
)
def test_entities_title_and_one_name_is_not_merged_when_unsure(extract, text):
    x = extract(text)
    assert sum(1 for o in x.officials if " " not in o.name) == 1


def test_entities_ministry_and_parliament_by_their_seat(extract):
    x = extract("Kementerian Luar Negeri di Jakarta dan parlemen di Canberra saling membantah.")
    assert [o.key for o in x.organizations] == ["AU/parliament", "ID/ministry-of-foreign-affairs"]
    y = extract("Kementerian Luar Negeri di Bali membantah.")  # Bali is no capital
    assert y.organizations == ()


def test_entities_historical_state_has_its_end_date(graph_of):
    from kg.store.queries import run_query

    g = graph_of("Finlandia dan Uni Soviet menandatangani perjanjian persahabatan pada 1948.")
    q = """PREFIX dg: <https://w3id.org/diplograph/ontology#>
    SELECT ?iso ?end WHERE { ?s dg:iso2 ?iso ; dg:endedOn ?end }"""
    assert run_query(g, q)[1] == [["SU", "1991-12-26"]]


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Indonesia menyambut tamunya. Menteri Luar Negeri Penny Wong dari Australia tiba di Jakarta.", "AU"),
        (
            "Indonesia menyambut tamunya. Menteri Luar Negeri Penny Wong tiba di Jakarta. "
            "Penny Wong, Menteri Luar Negeri Australia, lalu berbicara.",
            "AU",
        ),
    ],
)
def test_entities_state_written_elsewhere_beats_the_guess(extract, text, state):
    (o,) = extract(text).officials
    assert (o.name, o.state) == ("Penny Wong", state)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        # guessed from the lede (Australia), but he demands of Australia: the other main state
        (
            "Australia menyadap telepon pejabat Indonesia. "
            "Menteri Luar Negeri Marty Natalegawa menuntut Australia menghentikan penyadapan itu.",
            "ID",
        ),
        # the same through a later surname and an inserted day
        (
            "Australia menyadap telepon pejabat Indonesia. Menteri Luar Negeri Marty Natalegawa tiba. "
            "Natalegawa, Selasa, memprotes Australia.",
            "ID",
        ),
        # aimed at another state: the guess stands
        (
            "Australia menyadap telepon pejabat Indonesia. "
            "Menteri Luar Negeri Julie Bishop menuduh China menyadap Indonesia.",
            "AU",
        ),
        # passive: the envoy is summoned, not summoning
        (
            "Australia menyadap telepon pejabat Indonesia. "
            "Duta Besar Greg Moriarty dipanggil Australia untuk konsultasi.",
            "AU",
        ),
        # a state written next to the title is never changed
        (
            "Australia menyadap telepon pejabat Indonesia. "
            "Menteri Luar Negeri Australia Julie Bishop mengecam Australia.",
            "AU",
        ),
    ],
)
def test_entities_a_guessed_state_is_not_the_one_the_official_aims_at(extract, text, state):
    (o,) = extract(text).officials
    assert o.state == state


def test_entities_a_national_parliament_of_a_state(extract):
    x = extract("Traktat itu harus diratifikasi Parlemen Australia dan Parlemen Nasional Timor-Leste.")
    assert [o.key for o in x.organizations] == ["AU/parliament", "TL/parliament"]


@pytest.mark.parametrize(
    ("text", "state"),
    [
        # a title with no state: the state of the dateline's capital before the lede's first state
        ("ANKARA - Belanda menolak pesawat itu. Presiden Recep Tayyip Erdogan lalu berpidato.", "TR"),
        ("NEW DELHI: Pakistan menolak tuduhan itu. Perdana Menteri Narendra Modi berbicara.", "IN"),
        # no dateline: the lede's first state
        ("Belanda menolak pesawat itu. Presiden Recep Tayyip Erdogan lalu berpidato.", "NL"),
        # "pemerintah Belanda" does not reach a title in a relative clause after it
        (
            "Pemerintah Turki marah setelah pemerintah Belanda menolak pesawat yang membawa Menteri Luar "
            "Negeri Mevlut Cavusoglu.",
            "TR",
        ),
        # ... but it does reach a title in the same clause
        ("Sikap pemerintah Belanda disampaikan Menteri Luar Negeri Bert Koenders.", "NL"),
    ],
)
def test_entities_a_title_without_a_state_in_context(extract, text, state):
    (o,) = extract(text).officials
    assert o.state == state


def test_entities_ia_is_the_subject_of_the_sentence_before(extract):
    x = extract(
        "Perdana Menteri Najib Razak mengatakan Malaysia tetap tenang. "
        "Duta Besar Korea Utara untuk Malaysia Kang Chol menolak penyelidikan polisi. "
        "Dalam jumpa pers, ia menuduh Malaysia menyembunyikan sesuatu."
    )
    (a,) = [e for e in x.events if e.type == "Accusation"]
    assert a.actors == (("official", "kang-chol"),)


def test_entities_a_ministry_without_its_state_is_the_datelines_and_dpr_is_indonesias(extract):
    x = extract(
        "JAKARTA - Kementerian Luar Negeri memanggil Duta Besar Brasil. Komisi I DPR mendesak pemerintah."
    )
    assert [o.key for o in x.organizations] == ["ID/ministry-of-foreign-affairs", "ID/parliament"]
    # no dateline: a ministry without its state is nobody's
    y = extract("Kementerian Luar Negeri memanggil Duta Besar Brasil.")
    assert [o.key for o in y.organizations] == []


def test_entities_a_possessive_after_a_comma_does_not_reach_the_title(extract):
    x = extract(
        "JAKARTA - Menteri Luar Negeri Retno Marsudi menilai cara Brasil tidak dapat diterima, karena Toto "
        "datang atas undangan resmi pemerintah Brasil."
    )
    (o,) = x.officials
    assert o.state == "ID"


def test_entities_a_state_inside_an_organizations_name_is_no_state(extract):
    x = extract("Kolombia membawa sengketa itu ke Organisasi Negara-Negara Amerika (OAS) dan Unasur.")
    assert states(x) == ["CO"]
    assert [o.key for o in x.organizations] == ["oas", "unasur"]


def test_entities_an_organizations_name_after_a_plural_title_is_no_person(extract):
    x = extract("Rancangan itu ditolak dalam pertemuan para menteri luar negeri Liga Arab di Kairo.")
    assert x.officials == ()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a surname with an Arabic particle, with or without it
        (
            "Menlu Bahrain Abdullatif al-Zayani tiba. Zayani mengatakan perdamaian itu penting.",
            "Abdullatif al-Zayani",
        ),
        # a well-known alias from people.toml
        ("Presiden Joko Widodo tiba. Jokowi mengatakan hukuman itu tetap berlaku.", "Joko Widodo"),
    ],
)
def test_entities_a_person_named_again_by_a_short_name(extract, text, name):
    (s,) = [e for e in extract(text).events if e.type == "Statement"]
    assert s.actors == (("official", slug(name)),)


def test_entities_a_possessive_before_a_contrast_does_not_reach_the_title(extract):
    x = extract(
        "Ukraina dan Rusia meneken dua dokumen. Menhan Rusia Sergei Shoigu meneken untuk pihak Moskow, "
        "sedangkan dokumen Ukraina diteken Menteri Infrastruktur Oleksandr Kubrakov."
    )
    states_of = {o.name: o.state for o in x.officials}
    assert states_of == {"Sergei Shoigu": "RU", "Oleksandr Kubrakov": "UA"}


def _officials(extract, text):
    return {o.name: (o.role, o.state) for o in extract(text).officials}


def test_entities_a_name_set_off_by_commas_after_a_title(extract):
    found = _officials(extract, "Menteri Luar Negeri Chile saat itu, Heraldo Muñoz, memperingatkan Bolivia.")
    assert found == {"Heraldo Muñoz": ("foreign-minister", "CL")}
    text = (
        "Wakil Perdana Menteri Italia Luigi Di Maio bertemu tokoh oposisi Prancis. "
        "Di Roma, Wakil Perdana Menteri lainnya, Matteo Salvini, mengatakan ia tidak ingin bertengkar."
    )
    assert _officials(extract, text) == {
        "Luigi Di Maio": ("deputy-prime-minister", "IT"),  # capitalized "Di" inside a name
        "Matteo Salvini": ("deputy-prime-minister", "IT"),  # "lainnya": the other one, of the same state
    }
    # a name that goes on after the comma is no apposition of the title
    assert _officials(extract, "Ia bertemu Presiden Chile, Peru dan Bolivia.") == {}


def test_entities_the_spokesperson_of_that_ministry(extract):
    text = (
        "Kementerian Luar Negeri Peru memanggil Duta Besar Chile. "
        "Juru bicara kementerian itu, Gabriela Pinto, mengatakan protes itu sudah disampaikan."
    )
    assert _officials(extract, text)["Gabriela Pinto"] == ("foreign-ministry-spokesperson", "PE")


def test_entities_a_name_before_who_holds_a_post(extract):
    text = "Menlu Chile Alberto van Klaveren bertemu Elmer Schialer, yang baru sehari menjabat Menteri Luar Negeri Peru."
    assert _officials(extract, text)["Elmer Schialer"] == ("foreign-minister", "PE")
    assert _officials(extract, "Ia bertemu wartawan, yang adalah Menteri Luar Negeri Peru.") == {}


def test_entities_a_ministry_without_a_state_or_capital_dateline_is_the_home_press_states(extract):
    x = extract("TARAKAN - Kementerian Luar Negeri membentuk tim untuk membebaskan sandera.")
    assert [o.key for o in x.organizations] == ["ID/ministry-of-foreign-affairs"]
    x = extract("BEIJING - Kementerian Luar Negeri membentuk tim untuk membebaskan sandera.")
    assert [o.key for o in x.organizations] == ["CN/ministry-of-foreign-affairs"]


# Guards found by the fifth mutation round (issue 22, scripts/mutants on entities.py and mentions.py):
# each test fails with the mutants its docstring names, applied by hand.


def test_entities_organizations_found_by_pattern_keep_their_kind_rule_and_sentence(extract):
    """The provenance of an organization found by a pattern (the rule is written to the graph as the
    mention's rule; a news agency of the dateline belongs to no sentence). Kills the mutants of
    ``_pattern_orgs``, ``_dateline_sources`` and ``_organizations`` that rename the kind, the rule or the
    type ("XXorgXX", "PATTERN:PARLIAMENT", "organization"), move the dateline to a sentence or find the
    agency without its dateline."""
    x = extract(
        "JAKARTA, ANTARA - Kementerian Luar Negeri Indonesia memanggil Duta Besar Jepang. Kedutaan Besar "
        "Jepang di Jakarta belum menjawab. Ketua DPR Ani Lestari mendukung langkah itu."
    )
    found = {o.key: (o.type, [(m.kind, m.rule, m.sentence) for m in o.mentions]) for o in x.organizations}
    assert found == {
        "ID/ministry-of-foreign-affairs": ("Ministry", [("org", "pattern:ministry", 0)]),
        "JP/embassy/ID": ("Embassy", [("org", "pattern:embassy", 1)]),
        "ID/parliament": ("Organization", [("org", "pattern:parliament", 2)]),
        "antara": ("NewsAgency", [("org", "organizations.toml#antara", -1)]),
    }


def test_entities_a_place_name_is_written_with_single_spaces(extract):
    """``_places`` folds the white space of the name as written ("Kuala  Lumpur"); kills the mutants of
    its ``re.sub``."""
    x = extract("Menteri Luar Negeri Malaysia Ana Rahim tiba di Kuala  Lumpur kemarin.")
    assert [(p.key, p.name, p.state) for p in x.places] == [("kuala-lumpur", "Kuala Lumpur", "MY")]


def test_entities_states_tied_in_count_rank_by_their_first_mention():
    """Kills ``rank_states``'s ``first[iso] = None`` (ties then cannot be ordered) and ``first.get(None,
    start)`` (the last mention would decide)."""
    assert rank_states([("JP", 0), ("CN", 5), ("JP", 20), ("CN", 8)]) == ["JP", "CN"]
    assert rank_states([("CN", 5), ("JP", 0), ("CN", 8), ("JP", 20)]) == ["JP", "CN"]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("bertemu dengan pihak China", "dengan"),  # looks through "pihak"
        ("bertemu dengan pemerintah China", "dengan"),  # and "pemerintah"
        ("bertemu dengan pihak pemerintah China", "dengan"),
        ("Menurut China", "menurut"),  # lower case
        ("kerja sama antar-negara, China", "antar-negara"),  # a hyphenated word, punctuation skipped
        ("kata Lee, China", "lee"),  # a word of three letters, whole
        ("( pihak China", "pihak"),  # nothing but "pihak" before: the last word read
        ("China", ""),  # nothing before
    ],
)
def test_entities_word_before_an_agent(text, word):
    """``_word_before``, the word that decides whether an agent is free (after a preposition it is not):
    kills the mutants of its loops (``>=``, ``or``, ``+ 1``, ``- 2``, ``+= 1``, ``-= 2``), its start (``None``,
    ``"XXXX"``), ``upper()``, ``return`` for ``break``, and the look-through set."""
    assert _word_before(text, text.rindex("China"), 0) == word


def test_entities_word_before_stops_at_its_floor():
    """The floor (the sentence's start) bounds the look back: kills ``>=`` for ``>`` in the outer loop."""
    text = "Dengan China"
    assert _word_before(text, 7, 7) == ""
    assert _word_before(text, 7, 3) == "gan"
