"""Phenomena of real Indonesian news that the extractor reads (issue 17), each in a sentence written for
this test: people named by a short form, a title in the home state's own style, agreements named twice,
one agreement under two stacked nouns, a declaration announced by two leaders, an agreement that was not
made, and an expulsion of an envoy as a protest."""

from __future__ import annotations

import pytest

from kg.extract.people import _short_form_of, fold_spelling


@pytest.mark.parametrize(
    ("short", "full", "same"),
    [
        ("Jokowi", "Joko Widodo", True),
        ("Jokowi", "Djoko Widodo", True),  # the old spelling of the full name
        ("SBY", "Susilo Bambang Yudhoyono", True),
        ("Gus Dur", "Abdurrahman Wahid", False),  # two words: no short form
        ("Joko", "Joko Widodo", False),  # a first name is not a short form (coreference handles it)
        ("SB", "Susilo Bambang Yudhoyono", False),  # initials must cover every word
        ("Jowi", "Joko Widodo", True),
        ("Widodo", "Joko Widodo", False),
        ("Kowi", "Joko Widodo", False),  # starts of the words, from the first word on
    ],
)
def test_real_news_short_forms_of_names(short, full, same):
    assert _short_form_of(short, full) is same
    assert _short_form_of(full, short) is same


def test_real_news_old_spelling_folds():
    assert fold_spelling("Djoko Soeharto Tjahjono") == "joko suharto cahjono"


def test_real_news_short_form_is_the_person_named_in_full(extract):
    x = extract("Presiden Indonesia Joko Widodo tiba di Tokyo. Presiden Jokowi lalu bertemu tamunya.")
    assert [(o.name, len(o.mentions)) for o in x.officials] == [("Joko Widodo", 2)]


def test_real_news_fuller_name_met_later_names_the_person(extract):
    x = extract(
        "Presiden SBY menerima tamu dari Jepang di Indonesia. Presiden Susilo Bambang Yudhoyono berbicara."
    )
    assert [o.name for o in x.officials] == ["Susilo Bambang Yudhoyono"]
    assert {m.key for o in x.officials for m in o.mentions} == {"susilo-bambang-yudhoyono"}


def test_real_news_nickname_in_quotes_inside_a_name(extract):
    x = extract('Indonesia dan Jepang bertemu. Presiden Joko "Jokowi" Widodo hadir di sana.')
    assert [o.name for o in x.officials] == ["Joko Widodo"]


def test_real_news_a_name_goes_on_through_a_title_word_after_a_particle(extract):
    x = extract("Indonesia menyambut Presiden UEA Hamdan bin Zayed bin Sultan Al Nahyan di Jakarta.")
    assert [o.name for o in x.officials] == ["Hamdan bin Zayed bin Sultan Al Nahyan"]


def test_real_news_a_name_extends_a_shorter_one(extract):
    x = extract(
        "Raja Yordania Faisal II ibn Al Hussein tiba. Raja Faisal II kemudian bertemu Presiden Indonesia."
    )
    assert [o.name for o in x.officials] == ["Faisal II ibn Al Hussein"]


def test_real_news_a_name_cut_short_is_the_person(extract):
    x = extract("Menteri Perdagangan Indonesia Enggarsono Lukita tiba. Mendag Enggar lalu berbicara.")
    assert [o.name for o in x.officials] == ["Enggarsono Lukita"]


def test_real_news_an_unqualified_title_serves_the_home_state(extract):
    # the lede names a foreign state only inside a title: an unqualified title is Indonesia's own
    x = extract(
        "Presiden Bima Arya menyambut Raja Yordania Faisal di Jakarta sebelum kembali ke Indonesia. "
        "Menlu Sari Ayu mendampingi."
    )
    states = {o.name: o.state for o in x.officials}
    assert states == {"Bima Arya": "ID", "Faisal": "JO", "Sari Ayu": "ID"}


def test_real_news_the_lede_subject_state_is_still_the_guess(extract):
    x = extract("Australia menahan kapal Indonesia. Menteri Luar Negeri Maria Payne membela langkah itu.")
    assert [(o.name, o.state) for o in x.officials] == [("Maria Payne", "AU")]


def test_real_news_apposed_name_before_the_predicate(extract):
    x = extract("Sebelumnya, Kepala Sekretaris Kabinet Jepang, Taro Mori telah mengatakan hal itu.")
    assert [(o.name, o.state) for o in x.officials] == [("Taro Mori", "JP")]


def test_real_news_name_before_a_described_post(extract):
    x = extract('"Kami menolak," kata Omar Hadi, seorang wakil direktur NSC Korea Selatan.')
    assert [(o.name, o.state) for o in x.officials] == [("Omar Hadi", "KR")]


def test_real_news_a_body_word_begins_no_name(extract):
    x = extract("Sekjen Partai Komunis China itu menyambut tamunya dari Indonesia.")
    assert not x.officials


def test_real_news_state_abbreviation_in_brackets_after_the_envoy(extract):
    x = extract("China memanggil Duta Besar Amerika Serikat (AS) di Beijing Tom Reed, Selasa.")
    assert [(o.name, o.state, o.accredited_to) for o in x.officials] == [("Tom Reed", "US", "CN")]


def test_real_news_one_agreement_named_generically_and_by_name(extract):
    x = extract(
        "Korea Selatan akan membatalkan perjanjian berbagi informasi dengan Jepang. "
        "Perjanjian Keamanan Informasi Militer (GSOMIA) itu diperpanjang otomatis setiap tahun."
    )
    assert [t.parties for t in x.treaties] == [("JP", "KR")]


def test_real_news_two_treaties_named_in_one_sentence_stay_apart(extract):
    x = extract(
        "Australia, Inggris, dan Amerika Serikat menandatangani perjanjian pertukaran data di Canberra, "
        "langkah pertama dalam pakta keamanan trilateral AUKUS."
    )
    assert len(x.treaties) == 2


def test_real_news_stacked_agreement_nouns_are_one_agreement(extract):
    x = extract("Indonesia meneken kesepakatan perjanjian dagang dengan Chile. Kesepakatan itu berlaku 2026.")
    assert [(t.parties, t.status) for t in x.treaties] == [(("CL", "ID"), "signed")]


def test_real_news_named_declaration_between_the_leaders_who_announce_it(extract):
    x = extract(
        'Presiden Korea Selatan Lee Jun dan Pemimpin Korea Utara Kim Pyong mengumumkan "Deklarasi Kaesong" '
        "pada Jumat."
    )
    assert [t.parties for t in x.treaties] == [("KP", "KR")]


def test_real_news_unnamed_agreement_takes_no_parties_from_its_sentence(extract):
    x = extract("Menlu Jepang Aiko Sato bertemu Menlu Indonesia Sari Ayu dan membahas sebuah perjanjian.")
    assert not x.treaties


def test_real_news_an_agreement_that_was_not_made(extract):
    x = extract("Mesir memprotes rencana Etiopia mengisi waduk tanpa kesepakatan yang mengikat dengan Mesir.")
    assert not x.treaties


def test_real_news_expelling_an_ambassador_is_a_protest_against_his_state(extract):
    x = extract("Mesir pada Sabtu mengumumkan pengusiran duta besar Turki atas kecaman Ankara.")
    protests = [(e.actors, e.targets, e.form) for e in x.events if e.type == "Protest"]
    assert ((("state", "EG"),), (("state", "TR"),), "expulsion") in protests


def test_real_news_expelling_street_vendors_is_no_protest(extract):
    x = extract("Pemerintah Mesir mengusir pedagang kaki lima dari alun-alun Kairo.")
    assert not [e for e in x.events if e.type == "Protest"]


def test_real_news_an_agreement_named_by_its_acronym_after_its_parties(extract):
    x = extract("Setelah menandatangani Indonesia-Peru CEPA di Lima, Indonesia membuka pasar baru.")
    assert [(t.parties, t.noun) for t in x.treaties] == [(("ID", "PE"), "CEPA")]


def test_real_news_an_agreement_and_its_english_name_in_brackets_are_one(extract):
    x = extract(
        "Menurut menteri itu, akan ditandatangani perjanjian kerja sama ekonomi (Economic Partnership "
        "Agreement/EPA) antara pemerintah Jepang dan Indonesia."
    )
    assert [t.parties for t in x.treaties] == [("ID", "JP")]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Indonesia menolak klaim itu. Kemlu memanggil perwakilan Kedutaan Besar Vietnam di Jakarta.", "VN"),
        ("Kementerian Luar Negeri RI memanggil Kuasa Usaha Kedutaan Besar Israel di Jakarta.", "IL"),
        ("Jepang memanggil Wakil Duta Besar China di Tokyo atas insiden itu.", "CN"),
    ],
)
def test_real_news_summons_of_an_envoy_below_the_ambassador(extract, text, target):
    protests = {(e.actors, e.targets) for e in extract(text).events if e.type == "Protest"}
    assert any(t == (("state", target),) for _, t in protests), protests


def test_real_news_an_unqualified_ministry_is_indonesias_in_an_article_that_names_indonesia(extract):
    x = extract("Indonesia menolak klaim itu. Kementerian Luar Negeri menyatakan sikapnya.")
    assert "ID/ministry-of-foreign-affairs" in {o.key for o in x.organizations}
    assert not extract("Kementerian Luar Negeri menyatakan sikapnya.").organizations


def test_real_news_a_name_in_the_old_spelling_is_the_same_person(extract):
    x = extract("Menteri Luar Negeri Indonesia Sari Soekarno tiba. Menlu Sari Sukarno lalu berbicara.")
    assert [o.name for o in x.officials] == ["Sari Soekarno"]


def test_real_news_a_numbered_body_of_an_institution(extract):
    x = extract("Indonesia menggelar rapat itu. Ketua Komisi II DPR Rina Sari hadir.")
    assert [(o.name, o.role_en) for o in x.officials] == [("Rina Sari", "Chairman of Komisi II DPR")]


def test_real_news_a_diplomatic_note_sent_is_a_protest_note(extract):
    x = extract("Filipina melayangkan nota diplomatik kepada China atas insiden di perairan itu.")
    assert [(e.actors, e.targets, e.form) for e in x.events if e.type == "Protest"] == [
        ((("state", "PH"),), (("state", "CN"),), "note")
    ]


def test_real_news_english_titles_of_a_signatory_list(extract):
    x = extract(
        "Indonesia dan keempat negara itu meneken perjanjian tersebut. Penandatanganan dilakukan Menteri "
        "Perdagangan Indonesia Budi Karsa; Minister of Economy and Trade of Austria, Anna Berg; Federal "
        "Councillor and Head of the Department of Finance, Paul Meier; State Secretary, Kingdom of Norway, "
        "Lars Dahl; dan Ambassador of Iceland, Jon Einarsson."
    )
    found = {o.name: (o.state, o.role_en) for o in x.officials}
    assert found["Anna Berg"] == ("AT", "Minister of Economy and Trade of Austria")
    assert found["Lars Dahl"] == ("NO", "State Secretary, Kingdom of Norway")
    assert found["Jon Einarsson"] == ("IS", "Ambassador of Iceland")
    assert found["Paul Meier"][1] == "Federal Councillor and Head of the Department of Finance"
    assert found["Budi Karsa"] == ("ID", "Trade Minister")


def test_real_news_an_english_title_needs_its_holder_to_end_the_item(extract):
    x = extract("Indonesia menyambut Minister of Finance, Education and Research dalam rapat itu.")
    assert not x.officials


def test_real_news_an_english_adjective_of_nationality_names_the_state(extract):
    x = extract(
        "Perjanjian itu diteken oleh Menteri Luar Negeri Indonesia Sari Ayu; dan Chilean Ambassador, Ana Rojas."
    )
    assert {o.name: o.state for o in x.officials} == {"Sari Ayu": "ID", "Ana Rojas": "CL"}


def test_real_news_a_state_joined_to_a_continent_names_a_region(extract):
    x = extract(
        "Indonesia kecewa, kata Direktur Jenderal Amerika-Eropa Kemlu RI, Budi Santoso, di forum Asia-Amerika."
    )
    assert [key for key, _ in x.states] == ["ID"]
    assert [key for key, _ in extract("Perjanjian Indonesia-Peru itu diteken di Lima.").states] == [
        "ID",
        "PE",
    ]
