"""How real Indonesian news tells the signing of an agreement (issue 17), each in a sentence written for
this test: the signing named by its noun in the next sentence, a signing witnessed, a declaration
announced, the parties written before the noun, a count before the noun, the day of the news for what
its lede says was signed, and two memoranda signed by the same states on one day."""

from __future__ import annotations

import datetime as dt


def _treaties(x):
    return [(t.parties, t.status, t.signed.iso if t.signed else None) for t in x.treaties]


def test_the_signing_named_by_its_noun_dates_places_and_signs_the_treaty(extract):
    x = extract(
        "Pemerintah Chile dan Peru menyelesaikan perjanjian batas laut kedua negara. "
        "Penandatanganan tersebut dilaksanakan di Jakarta oleh Menteri Luar Negeri Chile Ana Soto dan Menteri "
        "Luar Negeri Peru Juan Perez, Jumat.",
        dt.date(2020, 6, 6),
    )
    (t,) = x.treaties
    assert (t.parties, t.status, t.signed.iso if t.signed else None) == (("CL", "PE"), "signed", "2020-06-05")
    assert t.place == "jakarta"
    assert set(t.signatories) == {"ana-soto", "juan-perez"}


def test_a_signing_not_made_is_no_signing(extract):
    x = extract(
        "Pemerintah Chile dan Peru menyelesaikan perjanjian batas laut kedua negara. "
        "Penandatanganan tersebut belum dilaksanakan karena Menteri Luar Negeri Peru Juan Perez sakit."
    )
    assert [t[1] for t in _treaties(x)] == ["mentioned"]


def test_a_signing_witnessed_is_a_signing(extract):
    x = extract(
        "Presiden Chile dan Presiden Peru menyaksikan penandatanganan perjanjian perbatasan kedua negara."
    )
    assert [t[:2] for t in _treaties(x)] == [(("CL", "PE"), "signed")]


def test_a_declaration_announced_is_made_that_day(extract):
    x = extract(
        'Presiden Chile dan Presiden Peru mengumumkan "Deklarasi Lima untuk Perdamaian" pada Jumat (5/6/20).'
    )
    assert _treaties(x) == [(("CL", "PE"), "signed", "2020-06-05")]


def test_an_agreement_announced_is_not_signed(extract):
    x = extract(
        "Presiden Chile dan Presiden Peru mengumumkan perjanjian perbatasan kedua negara akan dirundingkan."
    )
    assert [t[1] for t in _treaties(x)] != ["signed"]


def test_the_parties_written_before_the_noun_of_a_signed_agreement(extract):
    x = extract(
        "Indonesia bersyukur karena setelah menandatangani Indonesia-Chile CEPA pada Desember 2017 di Santiago."
    )
    assert _treaties(x) == [(("CL", "ID"), "signed", "2017-12")]


def test_the_treaties_signed_in_the_news_of_a_day_are_signed_that_day(extract):
    x = extract(
        "Pemerintah Indonesia akhirnya meneken perjanjian dagang dengan Chile. Pertukaran dokumen itu terjadi pada "
        "Jumat, 5 Juni 2020 di Santiago."
    )
    assert _treaties(x) == [(("CL", "ID"), "signed", "2020-06-05")]


def test_a_treaty_signed_before_the_news_keeps_no_day_of_the_news(extract):
    # the lede reports no signing: a treaty said later to have been signed gets no day it was not given
    x = extract(
        "Presiden Chile tiba di Jakarta pada Jumat, 5 Juni 2020. Ia bertemu Presiden Indonesia. "
        "Kedua negara telah menandatangani perjanjian dagang."
    )
    assert _treaties(x) == [(("CL", "ID"), "signed", None)]


def test_two_treaties_signed_by_the_same_states_on_one_day_are_two_treaties(extract):
    x = extract(
        "Presiden Indonesia dan Presiden Chile menyaksikan upacara penandatanganan 2 perjanjian. "
        "Perjanjian ekstradisi ditandatangani Menteri Hukum Indonesia Budi Santoso dan Menteri Kehakiman Chile "
        "Ana Soto. Perjanjian perdagangan ditandatangani Menteri Perdagangan Indonesia Adi Wibowo dan Menteri "
        "Perdagangan Chile Juan Perez.",
        dt.date(2020, 6, 5),
    )
    keys = [t.key for t in x.treaties]
    assert len(keys) == len(set(keys)) == 2, keys
    assert {t[2] for t in _treaties(x)} == {"2020-06-05"}


def test_an_agreement_reached_is_made_and_one_hoped_for_is_planned(extract):
    reached = extract(
        "Chile dan Peru mencapai kesepakatan soal batas laut pada Kamis (4/6).", dt.date(2020, 6, 6)
    )
    assert _treaties(reached) == [(("CL", "PE"), "signed", "2020-06-04")]
    hoped = extract(
        "Chile dan Peru berharap dapat mencapai kesepakatan soal batas laut.", dt.date(2020, 6, 6)
    )
    assert [t[1] for t in _treaties(hoped)] == ["planned"]
    assert _treaties(extract("Chile dan Peru belum mencapai kesepakatan soal batas laut.")) == []


def test_an_english_plan_of_action_is_an_agreement(extract):
    x = extract("Chile dan Peru sepakat merundingkan Plan of Action kedua negara.")
    assert [t.parties for t in x.treaties] == [("CL", "PE")]


def test_an_acronym_in_brackets_after_an_agreement_is_its_alias_not_a_second_treaty(extract):
    # the acronym is itself an agreement noun (CEPA): still the one agreement the phrase names
    x = extract(
        "Ghana dan Togo menandatangani Persetujuan Kemitraan Ekonomi Komprehensif (CEPA) di Accra pada 2022."
    )
    assert _treaties(x) == [(("GH", "TG"), "signed", "2022")]
    # two agreements named side by side stay two
    x = extract("Ghana dan Togo menandatangani CEPA dan perjanjian ekstradisi di Accra pada 2022.")
    assert len(x.treaties) == 2


def test_an_agreement_under_its_english_name_is_signed_by_the_states_that_sign_it(extract):
    x = extract("Ghana dan Togo menandatangani Reciprocal Access Agreement (RAA) di Accra pada 3 Mei 2021.")
    assert _treaties(x) == [(("GH", "TG"), "signed", "2021-05-03")]
    # the signing verb reaches the English noun over the capitalized words of its name only
    x = extract("Ghana dan Togo menandatangani kontrak yang merujuk pada Trade Agreement lama pada 2021.")
    assert [t[1] for t in _treaties(x)] == ["mentioned"]


def test_a_capital_in_the_name_of_a_treaty_names_no_state(extract):
    def states(text):
        return sorted(s for s, _ in extract(text).states)

    assert states("Ghana menuduh Togo melanggar Konvensi Wina tentang Hubungan Diplomatik.") == ["GH", "TG"]
    assert states("Ghana keluar dari Perjanjian Paris tentang perubahan iklim.") == ["GH"]
    assert states("Ghana keluar dari Paris Agreement tentang perubahan iklim.") == ["GH"]
    # a capital that stands for its government is still its state, also near a treaty noun
    assert states("Wina menolak perjanjian itu.") == ["AT"]
    assert states("Ghana menandatangani perjanjian dengan Paris.") == ["FR", "GH"]


def test_a_treaty_signed_last_year_is_dated_by_the_year_before_publication(extract):
    x = extract(
        "Ghana dan Togo membahas perjanjian perdagangan bebas yang ditandatangani tahun lalu.",
        dt.date(2024, 6, 3),
    )
    assert _treaties(x) == [(("GH", "TG"), "signed", "2023")]
    x = extract("Ghana dan Togo meneken perjanjian ekstradisi dua tahun silam.", dt.date(2024, 6, 3))
    assert _treaties(x) == [(("GH", "TG"), "signed", "2022")]
    # decades ago is no year; without a publication day "tahun lalu" dates nothing
    x = extract("Ghana dan Togo meneken perjanjian ekstradisi puluhan tahun lalu.", dt.date(2024, 6, 3))
    assert [t[2] for t in _treaties(x)] != ["2023"]
    x = extract("Ghana dan Togo meneken perjanjian ekstradisi tahun lalu.")
    assert [t[2] for t in _treaties(x)] == [None]


def test_a_signing_to_be_carried_out_is_planned(extract):
    # "akan melaksanakan penandatanganan tersebut": the plan stands before the verb that carries the noun
    x = extract(
        "Ghana dan Togo menyelesaikan perjanjian perdagangan kedua negara. Kedua negara akan melaksanakan "
        "penandatanganan tersebut pada 3 Mei 2021."
    )
    assert [t[1:] for t in _treaties(x)] == [("mentioned", None)]
    x = extract(
        "Ghana dan Togo menyelesaikan perjanjian perdagangan kedua negara. Kedua negara melaksanakan "
        "penandatanganan tersebut pada 3 Mei 2021."
    )
    assert [t[1:] for t in _treaties(x)] == [("signed", "2021-05-03")]
