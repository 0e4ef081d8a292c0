"""How real Indonesian news dates and words its protests (issue 17), each in a sentence written for this
test: "hari ini" and a weekday written alone, a day in the article's address, the date of a protest's
cause, an act named again by its noun in the next sentence, expulsions of a counted number of diplomats,
a condemnation said again, two states expelling each other's diplomats, and the protester's own name
after "protes"."""

from __future__ import annotations

import datetime as dt

from kg.extract.pipeline import process
from kg.model import Article
from tests.conftest import TODAY


def _protests(x):
    return sorted(
        (e.actors, e.targets, e.form, e.date.iso if e.date else None) for e in x.events if e.type == "Protest"
    )


def _one(key, x):
    found = [p for p in _protests(x) if p[:2] == ((("state", key[0]),), (("state", key[1]),))]
    assert len(found) == 1, _protests(x)
    return found[0]


def test_hari_ini_is_the_day_of_publication(extract):
    x = extract(
        "Pemerintah Malaysia hari ini menarik duta besarnya dari Filipina sebagai protes.",
        dt.date(2020, 5, 6),
    )
    assert _one(("MY", "PH"), x)[2:] == ("recall", "2020-05-06")


def test_hari_ini_without_a_publication_date_dates_nothing(extract):
    x = extract("Pemerintah Malaysia hari ini menarik duta besarnya dari Filipina sebagai protes.")
    assert _one(("MY", "PH"), x)[3] is None


def test_kemarin_is_the_day_before_publication(extract):
    x = extract("Kemlu Malaysia kemarin memanggil Duta Besar Filipina atas insiden itu.", dt.date(2020, 5, 6))
    assert _one(("MY", "PH"), x)[2:] == ("summons", "2020-05-05")


def test_a_weekday_alone_is_the_nearest_one_to_the_latest_day_the_text_dates(resources):
    # no publication date: the Saturday of the incident is the latest full date; "Senin" is two days later
    text = (
        "Kemlu Chile memanggil Duta Besar Peru atas insiden itu, Senin. "
        "Insiden itu terjadi pada Sabtu, 6 Juni 2020 di perbatasan."
    )
    x = process(Article("t", text), resources, TODAY)
    assert _one(("CL", "PE"), x)[2:] == ("summons", "2020-06-08")


def test_a_day_in_the_address_dates_the_week_of_the_article(resources):
    text = "Kemlu Chile memanggil Duta Besar Peru atas insiden itu, Kamis."
    x = process(Article("t", text, url="https://berita.example/read/20200606/12/345/judul"), resources, TODAY)
    assert _one(("CL", "PE"), x)[3] == "2020-06-04"  # the Thursday before Saturday 6 June 2020
    no_day = process(Article("t", text, url="https://berita.example/2020/06/judul"), resources, TODAY)
    assert _one(("CL", "PE"), no_day)[3] is None  # a month only: no day of writing


def test_the_date_inside_the_cause_of_a_protest_is_not_its_date(extract):
    x = extract(
        "Latvia mengusir dua diplomat Belarus atas dugaan bahwa agen Belarus merusak kabel laut pada 2019.",
        dt.date(2023, 3, 1),
    )
    assert _one(("LV", "BY"), x)[2:] == ("expulsion", None)


def test_a_protest_named_again_by_its_noun_takes_that_sentence_s_day(extract):
    x = extract(
        "Latvia mengusir dua diplomat Belarus atas dugaan bahwa agen Belarus merusak kabel laut pada 2019. "
        "Pengusiran itu diumumkan Menteri Luar Negeri Latvia pada Jumat, 3 Maret 2023."
    )
    assert _one(("LV", "BY"), x)[2:] == ("expulsion", "2023-03-03")


def test_a_common_verb_said_again_does_not_date_a_protest(extract):
    x = extract(
        "Latvia menyampaikan protes keras kepada Belarus atas insiden di perbatasan. "
        "Menteri itu juga menyampaikan ucapan selamat kepada Estonia pada Jumat, 3 Maret 2023."
    )
    assert [p[3] for p in _protests(x)] == [None]


def test_an_expulsion_of_a_counted_number_of_diplomats(extract):
    x = extract("Pada Jumat, Latvia juga mengusir tiga diplomat Belarus karena kegiatan mata-mata.")
    assert _one(("LV", "BY"), x)[2] == "expulsion"


def test_a_condemnation_said_again_is_a_protest(extract):
    x = extract("Presiden Brasil pada Rabu mengulang kembali kecamannya terhadap pemerintah Israel.")
    assert _one(("BR", "IL"), x)[2] == "condemnation"


def test_two_states_expelling_each_other_s_diplomats_are_two_protests(extract):
    x = extract("Hubungan Latvia dan Belarus memburuk setelah kedua negara saling mengusir lima diplomat.")
    assert [p[:3] for p in _protests(x)] == [
        ((("state", "BY"),), (("state", "LV"),), "expulsion"),
        ((("state", "LV"),), (("state", "BY"),), "expulsion"),
    ]


def test_the_protester_named_after_protes_is_not_its_target(extract):
    x = extract(
        "Kemlu Chile memanggil Duta Besar Peru dan menyampaikan protes Chile terhadap insiden di perbatasan."
    )
    assert [p[:3] for p in _protests(x)] == [
        ((("state", "CL"),), (("state", "PE"),), "complaint"),  # against the other state, not itself
        ((("state", "CL"),), (("state", "PE"),), "summons"),
    ]


def test_a_summoned_envoy_named_in_apposition_is_the_target(extract):
    x = extract("Kemlu Chile memanggil Duta Besar Peru, Juan Perez, terkait insiden di perbatasan.")
    assert [p[:3] for p in _protests(x)] == [((("state", "CL"),), (("state", "PE"),), "summons")]


def test_each_of_two_states_recalling_its_envoy_are_two_recalls(extract):
    x = extract(
        "Latvia mengusir duta besar Belarus. Masing-masing negara memanggil pulang dubes mereka bulan lalu."
    )
    assert ((("state", "LV"),), (("state", "BY"),), "recall") in [p[:3] for p in _protests(x)]
    assert ((("state", "BY"),), (("state", "LV"),), "recall") in [p[:3] for p in _protests(x)]


def test_an_envoy_post_summoned_in_the_passive_is_summoned_by_his_host(extract):
    x = extract("Dubes Chile untuk Peru dipanggil terkait insiden di perbatasan.")
    assert [p[:3] for p in _protests(x)] == [((("state", "PE"),), (("state", "CL"),), "summons")]


def test_a_state_named_by_its_nickname_is_the_target(extract):
    # "Negeri Tirai Bambu" (China), "negeri jiran" (Malaysia) as Indonesian news writes them, any case
    x = extract("Kemlu Ghana menyampaikan protes keras kepada Negeri Tirai Bambu atas insiden kapal itu.")
    assert _one(("GH", "CN"), x)[2] == "complaint"
    x = extract("Pemerintah negeri jiran memanggil Duta Besar Ghana atas pembakaran bendera itu.")
    assert _one(("MY", "GH"), x)[2] == "summons"


def test_diplomats_expelled_in_the_passive_are_expelled_by_the_state_after_oleh_or_dari(extract):
    x = extract("Tiga diplomat Togo diusir dari Ghana atas kegiatan mata-mata itu.")
    assert _one(("GH", "TG"), x)[2] == "expulsion"
    x = extract("Seorang diplomat Togo dinyatakan persona non grata oleh pemerintah Ghana.")
    assert _one(("GH", "TG"), x)[2] == "expulsion"
    x = extract("Dua atase Togo diusir oleh Ghana pada Senin.")
    assert _one(("GH", "TG"), x)[2] == "expulsion"


def test_people_expelled_in_the_passive_who_are_no_diplomats_are_no_protest(extract):
    assert not _protests(extract("Para pengungsi Togo diusir dari Ghana oleh petugas perbatasan."))
    assert not _protests(extract("Wartawan Togo diusir oleh Ghana dari ruang sidang."))


def test_persona_non_grata_declared_against_a_diplomat_is_an_expulsion(extract):
    x = extract("Kemlu Ghana menyatakan persona non grata terhadap dua diplomat Togo pada Jumat.")
    assert _one(("GH", "TG"), x)[2] == "expulsion"


def test_an_objection_stated_against_a_state_s_act_is_a_protest(extract):
    x = extract("Kemlu Ghana menyatakan keberatan atas klaim Togo terhadap pulau itu.")
    assert _one(("GH", "TG"), x)[2] == "complaint"
    assert not _protests(extract("Menteri Ghana itu menyatakan keberatannya untuk hadir di sidang."))


def test_a_protest_delivered_in_the_passive_is_the_owner_s_against_the_one_it_is_delivered_to(extract):
    x = extract("Protes keras Ghana disampaikan kepada Duta Besar Togo di Accra pada Senin.")
    assert _one(("GH", "TG"), x)[2] == "complaint"
    x = extract("Nota protes itu diserahkan Kemlu Ghana kepada Kedutaan Besar Togo di Accra.")
    assert _one(("GH", "TG"), x)[2] == "note"
    x = extract("Protes Ghana telah disampaikan oleh Menteri Luar Negeri Ama Owusu kepada Duta Besar Togo.")
    assert _one(("GH", "TG"), x)[2] == "complaint"


def test_a_protest_delivered_to_no_state_is_no_protest(extract):
    assert not _protests(extract("Protes warga Ghana disampaikan kepada bupati di Accra."))


def test_a_protest_stated_is_a_protest(extract):
    x = extract("Accra menyatakan protes keras kepada Lome atas penahanan kapal itu.")
    assert _one(("GH", "TG"), x)[2] == "complaint"


def test_a_condemnation_quoted_in_the_first_person_is_the_speaker_s(extract):
    x = extract(
        '"Kami mengecam keras tindakan Togo di perbatasan," ujar Juru Bicara Kemlu Ghana Kofi Mensah.'
    )
    assert _one(("GH", "TG"), x)[2] == "condemnation"
    # a speaker who is no state's official gives no protest
    assert not _protests(extract('"Kami mengecam keras tindakan Togo," kata seorang warga di perbatasan.'))


def test_two_states_summoning_each_other_s_envoys_are_two_summons(extract):
    x = extract("Ghana dan Togo saling memanggil duta besar masing-masing atas insiden di perbatasan.")
    assert _one(("GH", "TG"), x)[2] == "summons"
    assert _one(("TG", "GH"), x)[2] == "summons"
    # an envoy named by no state, summoned by one state, is still no protest
    assert not _protests(extract("Ghana memanggil duta besar atas insiden di perbatasan."))
