"""Events and treaties: frames, negation and modality, reported speech, protest forms, treaty readings."""

from __future__ import annotations

import datetime as dt

import pytest


def acts(x):
    return [(e.type, e.actors, e.targets) for e in x.events]


def test_events_negated_triggers_yield_nothing(extract):
    assert acts(extract("Indonesia tidak mendesak Israel.")) == []
    assert acts(extract("Malaysia menolak mengecam Israel atas serangan itu.")) == []
    assert acts(extract("Australia tidak pernah menuduh Indonesia.")) == []
    assert acts(extract("Canberra tidak pernah membenarkan maupun membantah tuduhan tersebut.")) == []


def test_events_demand_frame(extract):
    (e,) = extract("Indonesia mendesak Israel untuk menghentikan serangan di Gaza.").events
    assert (e.type, e.actors, e.targets) == ("Demand", (("state", "ID"),), (("state", "IL"),))


def test_events_reported_accusation_belongs_to_the_speaker(extract):
    x = extract("Menlu Jepang Yoko Kamikawa mengatakan Korut melanggar resolusi DK PBB.")
    assert ("Accusation", (("official", "yoko-kamikawa"),), (("state", "KP"),)) in acts(x)
    (accusation,) = [e for e in x.events if e.type == "Accusation"]
    assert accusation.about == (("org", "un-security-council"),)


def test_events_subject_skips_a_relative_clause(extract):
    text = "Presiden China Xi Jinping, yang sedang berkunjung ke Prancis, memperingatkan AS agar tidak ikut campur."
    assert ("Warning", (("official", "xi-jinping"),), (("state", "US"),)) in acts(extract(text))


@pytest.mark.parametrize(
    ("text", "form", "protester", "target"),
    [
        ("Kemlu RI memanggil Duta Besar Australia atas penyadapan itu.", "summons", "ID", "AU"),
        ("Indonesia melayangkan nota protes kepada China atas masuknya kapal ke Natuna.", "note", "ID", "CN"),
        (
            "Jepang memanggil pulang duta besarnya dari Korsel sebagai protes atas patung itu.",
            "recall",
            "JP",
            "KR",
        ),
        ("Malaysia mengecam Israel atas serangan terhadap kapal bantuan.", "condemnation", "MY", "IL"),
        ("Vietnam memprotes China atas latihan militer di Paracel.", "complaint", "VN", "CN"),
    ],
)
def test_events_protest_forms(extract, text, form, protester, target):
    (p,) = [e for e in extract(text).events if e.type == "Protest"]
    assert (p.form, p.actors, p.targets) == (form, (("state", protester),), (("state", target),))
    assert p.about


@pytest.mark.parametrize(
    ("text", "form", "protester"),
    [
        # the envoy summoned or receiving the protest is its target: the protester is the state he is
        # accredited to, the one named after "oleh" / "dari", or the capital he is called to
        (
            "Duta Besar Australia untuk Indonesia Greg Moriarty dipanggil terkait penyadapan itu.",
            "summons",
            "ID",
        ),
        (
            "Dubes Australia dipanggil oleh Kementerian Luar Negeri Malaysia terkait penyadapan.",
            "summons",
            "MY",
        ),
        (
            "Duta Besar Australia dipanggil ke Kementerian Luar Negeri di Jakarta atas penyadapan itu.",
            "summons",
            "ID",
        ),
        (
            "Duta Besar Australia menerima nota protes dari Kementerian Luar Negeri Indonesia atas penyadapan.",
            "note",
            "ID",
        ),
        (
            "Dubes Australia untuk Indonesia dipanggil ke Jakarta untuk menerima nota protes atas penyadapan.",
            "summons",
            "ID",
        ),
    ],
)
def test_events_the_envoy_summoned_or_receiving_a_protest_is_its_target(extract, text, form, protester):
    (p,) = [e for e in extract(text).events if e.type == "Protest"]
    assert (p.form, p.actors, p.targets) == (form, (("state", protester),), (("state", "AU"),))


def test_events_a_passive_summons_with_no_one_to_protest_is_nothing(extract):
    assert acts(extract("Duta Besar Australia dipanggil terkait penyadapan itu.")) == []
    assert acts(extract("Para menteri dipanggil ke istana.")) == []


def test_events_a_second_demand_of_the_same_actor_shares_its_addressee(extract):
    x = extract("Indonesia meminta Australia memberikan penjelasan dan menuntut agar penyadapan dihentikan.")
    assert acts(x) == [("Demand", (("state", "ID"),), (("state", "AU"),))] * 2
    y = extract("Indonesia meminta penjelasan. Vietnam meminta China menarik kapalnya.")
    assert ("Demand", (("state", "ID"),), ()) in acts(y)


def test_events_summoning_someone_who_is_no_envoy_is_no_protest(extract):
    assert acts(extract("Presiden Prabowo memanggil para menteri ke istana atas banjir itu.")) == []


def test_events_protest_date_skips_the_date_of_what_is_protested(extract):
    # the protest's own date stands before the verb, the treaty's after it (nearer, and after: the
    # side a date is looked for first): only the clause "yang ..." being skipped gives 21 Juni
    text = (
        "Korsel mendesak Rusia. Pada Jumat, 21 Juni, Menlu Korsel Cho Tae-yul memanggil Dubes Rusia Georgy "
        "Zinoviev atas perjanjian yang ditandatangani Rusia dan Korut pada Rabu, 19 Juni."
    )
    (p,) = [e for e in extract(text).events if e.type == "Protest"]
    assert p.date.iso == "2024-06-21"
    assert p.official == "cho-tae-yul"


def test_treaty_signing_by_officials_gives_parties_date_and_place(extract):
    text = (
        "Presiden Rusia Vladimir Putin dan Presiden China Xi Jinping menandatangani perjanjian kerja sama "
        "di Moskow, 21 Maret 2023."
    )
    (t,) = extract(text).treaties
    assert (t.parties, t.signatories, t.signed.iso, t.place, t.status) == (
        ("CN", "RU"),
        ("vladimir-putin", "xi-jinping"),
        "2023-03-21",
        "moskow",
        "signed",
    )


def test_treaty_planned_is_not_signed(extract):
    x = extract("Indonesia dan Australia akan menandatangani perjanjian pertahanan di Canberra tahun depan.")
    (t,) = x.treaties
    assert t.status == "planned" and t.signed is None
    assert not [e for e in x.events if e.type == "Signing"]


def test_treaty_refused_signature_is_no_signing(extract):
    x = extract("Indonesia dan Australia menolak menandatangani perjanjian pertahanan itu.")
    assert not [e for e in x.events if e.type == "Signing"]
    assert all(t.status != "signed" for t in x.treaties)


def test_treaty_named_with_a_party_and_suspended(extract):
    (t,) = extract("Rusia menangguhkan partisipasinya dalam perjanjian New START dengan AS.").treaties
    assert (t.name, t.parties, t.status) == ("New START", ("RU", "US"), "suspended")


def test_treaty_anaphora_and_article(extract):
    text = (
        "Jepang dan Filipina menandatangani pakta akses timbal balik di Manila pada 8 Juli 2024. "
        "Pasal 5 pakta tersebut mengatur kunjungan pasukan."
    )
    (t,) = extract(text).treaties
    assert [(n, p) for n, p, _ in t.articles] == [("5", "mengatur kunjungan pasukan")]


def test_treaty_earlier_treaty_between_same_parties_is_the_predecessor(extract):
    text = (
        "Rusia dan Korut menandatangani perjanjian di Pyongyang pada 19 Juni 2024. Perjanjian tersebut "
        "dibuat 28 tahun setelah perjanjian pertahanan bersama antara Rusia dan Korut dibatalkan pada 1996."
    )
    treaties = {t.key: t for t in extract(text).treaties}
    assert treaties["KP-RU/2024-06-19"].predecessor == "KP-RU/mutual-defence-ended-1996"


def test_events_published_date_resolves_weekday(extract):
    x = extract(
        "Kemlu RI memanggil Dubes China atas insiden itu pada Selasa lalu.", published=dt.date(2024, 8, 15)
    )
    (p,) = [e for e in x.events if e.type == "Protest"]
    assert p.date.iso == "2024-08-13"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # the same day as the main clause of the last current date, not its subordinate "hari Minggu"
        (
            "Filipina memanggil Dubes China pada Senin, 11 Desember 2023, atas serangan pada hari Minggu. "
            "Kemlu Filipina juga melayangkan nota protes kepada China pada hari yang sama.",
            "2023-12-11",
        ),
        # a background year between them is not "the same day"
        (
            "India menangguhkan perjanjian itu pada Rabu, 23 April 2025. Perjanjian itu diteken pada "
            "19 September 1960. Pada hari yang sama, India memanggil Kuasa Usaha Pakistan atas serangan itu.",
            "2025-04-23",
        ),
        (
            "Israel memanggil pulang dubesnya pada Oktober 2023. Pada bulan yang sama, Israel memanggil "
            "Duta Besar Kolombia atas pernyataan Petro.",
            "2023-10",
        ),
        (
            "Media melaporkan penyadapan pada Senin, 18 November 2013. Dua hari kemudian, Indonesia "
            "memanggil Dubes Australia atas penyadapan itu.",
            "2013-11-20",
        ),
        # "the same day" with no date before it: no date, not a guess
        ("Pada hari yang sama, Indonesia memanggil Dubes Australia atas penyadapan itu.", None),
        # the day of another event: the nearest sentence naming it (same stem or name) with a known day
        (
            "Kemlu Peru mengumumkan pembekuan kerja sama pada Senin, 3 Maret 2025. Kolombia mengkritik "
            "langkah itu pada 9 Maret 2025. Pada hari yang sama dengan pengumuman itu, Chile memanggil "
            "Dubes Peru atas keputusan tersebut.",
            "2025-03-03",
        ),
        (
            "Chile dan Bolivia meneken perjanjian di La Paz pada Kamis, 6 Maret 2025. Pada Desember 2024, "
            "La Paz menolak usulan itu. Beberapa jam setelah upacara di La Paz, Peru mengecam perjanjian "
            "Chile-Bolivia itu.",
            "2025-03-06",
        ),
        (
            "Menlu Peru Elmer Schialer berpidato pada Senin, 3 Maret 2025. Sehari setelah pidato Schialer, "
            "Chile memanggil Dubes Peru atas pidato itu.",
            "2025-03-04",
        ),
        # an event the article never dates: no date
        (
            "Peru membekukan kerja sama. Pada hari yang sama dengan pengumuman itu, Chile memanggil Dubes "
            "Peru atas keputusan tersebut.",
            None,
        ),
    ],
)
def test_events_relative_date_counts_from_the_date_before(extract, text, date):
    x = extract(text)
    last = len(x.sentences) - 1
    protests = [e for e in x.events if e.type == "Protest" and e.trigger.sentence == last]
    assert protests
    assert {p.date.iso if p.date else None for p in protests} == {date}


def test_treaty_withdrawal(extract):
    x = extract("Amerika Serikat menarik diri dari perjanjian nuklir dengan Iran pada Mei 2018.")
    (t,) = x.treaties
    assert (t.parties, t.status) == (("IR", "US"), "withdrawn")
    (w,) = [e for e in x.events if e.type == "Withdrawal"]
    assert (w.actors, w.targets, w.date.iso) == ((("state", "US"),), (("state", "IR"),), "2018-05")


def test_events_parliament_ratifies(extract):
    x = extract("Parlemen Turki meratifikasi protokol aksesi dengan Swedia pada Januari 2024.")
    assert [(o.key, o.state) for o in x.organizations] == [("TR/parliament", "TR")]
    (r,) = [e for e in x.events if e.type == "Ratification"]
    assert r.actors == (("org", "TR/parliament"),)


def test_treaties_a_document_named_by_an_anaphor_is_the_treaty_in_focus(extract):
    text = (
        "Indonesia dan Australia menandatangani kesepakatan kerja sama intelijen di Bali pada 28 Agustus 2014. "
        "Dokumen itu ditandatangani oleh Menlu RI Marty Natalegawa dan Menlu Australia Julie Bishop."
    )
    (t,) = extract(text).treaties
    assert (t.parties, t.signatories) == (("AU", "ID"), ("julie-bishop", "marty-natalegawa"))
    assert [m.key for m in t.mentions] == ["kesepakatan", "dokumen"]


@pytest.mark.parametrize(
    "text",
    [
        "Dokumen rahasia antara AS dan Inggris bocor ke media.",  # no anaphor: no treaty word
        "Dokumen itu ditandatangani oleh Menlu RI Retno Marsudi dan Menlu Australia Penny Wong.",  # no treaty before
    ],
)
def test_treaties_a_document_is_no_treaty_by_itself(extract, text):
    assert extract(text).treaties == ()


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # a date put first in the sentence dates the signing after it
        (
            "Pada 23 Maret 2015, Mesir dan Etiopia menandatangani perjanjian bendungan di Khartoum.",
            "2015-03-23",
        ),
        # a ratification date is not the year the treaty was signed; the signing day is found later
        (
            "Rusia dan Korut meneken perjanjian kemitraan. Duma meratifikasi perjanjian itu pada "
            "24 Oktober 2024. Perjanjian tersebut ditandatangani Putin dan Kim di Pyongyang pada 19 Juni 2024.",
            "2024-06-19",
        ),
        # a year first, the day later: the day
        (
            "Rusia dan Korut menandatangani perjanjian kemitraan pada 2024. Perjanjian itu "
            "ditandatangani di Pyongyang pada 19 Juni 2024.",
            "2024-06-19",
        ),
    ],
)
def test_treaty_signing_date_from_the_sentence_and_its_repeats(extract, text, date):
    (t,) = extract(text).treaties
    assert t.signed is not None and t.signed.iso == date


def test_events_that_ministry_is_the_ministry_named_before(extract):
    x = extract(
        "Kementerian Luar Negeri Turki mengecam kesepakatan Yunani dan Mesir itu. "
        "Kementerian itu juga memperingatkan Yunani agar tidak melanjutkan survei."
    )
    warnings = [e for e in x.events if e.type == "Warning"]
    assert [(w.actors, w.targets) for w in warnings] == [
        ((("org", "TR/ministry-of-foreign-affairs"),), (("state", "GR"),))
    ]
    # with no ministry before it, "kementerian itu" is nobody
    y = extract("Kementerian itu memperingatkan Yunani agar tidak melanjutkan survei.")
    assert [e for e in y.events if e.type == "Warning" and e.actors] == []


def test_treaty_memorandum_of_understanding_and_a_body_named_for_an_agreement(extract):
    x = extract(
        "Presiden Turki Recep Tayyip Erdogan dan Perdana Menteri Libya Fayez al-Sarraj dari Pemerintah "
        "Kesepakatan Nasional meneken memorandum kesepahaman tentang yurisdiksi maritim di Istanbul pada "
        "November 2019. Memorandum itu ditolak Yunani."
    )
    (t,) = x.treaties
    assert (t.parties, t.signed.iso, t.name) == (("LY", "TR"), "2019-11", "")


def test_events_a_warning_with_a_condition_keeps_its_addressee(extract):
    x = extract("Turki mengancam Belanda dengan sanksi berat jika kunjungan menterinya dihalangi.")
    assert acts(x) == [("Warning", (("state", "TR"),), (("state", "NL"),))]


def test_events_suspending_ties_with_a_state_is_a_suspension(extract):
    x = extract("Riyadh membekukan semua perdagangan dan investasi baru dengan Kanada, sambil menunggu.")
    (e,) = [e for e in x.events if e.type == "Suspension"]
    assert (e.actors, e.targets) == ((("state", "SA"),), (("state", "CA"),))
    assert x.article.text[e.content.start : e.content.end] == "semua perdagangan dan investasi baru"
    # with no state it is suspended with, no suspension
    assert not [e for e in extract("Riyadh membekukan rekening itu.").events if e.type == "Suspension"]


def test_events_a_post_summoned_to_a_ministry_is_summoned_by_its_state(extract):
    x = extract("Kuasa Usaha Belanda di Ankara dipanggil ke Kementerian Luar Negeri Turki atas insiden itu.")
    (p,) = [e for e in x.events if e.type == "Protest"]
    assert (p.actors, p.targets, p.form) == ((("state", "TR"),), (("state", "NL"),), "summons")


def test_events_a_second_verb_shares_the_subject_of_any_first_verb(extract):
    x = extract(
        "Arab Saudi mengusir Duta Besar Kanada Dennis Horak dan menarik pulang duta besarnya sendiri dari "
        "Ottawa atas kritik itu."
    )
    protests = {e.form: (e.actors, e.targets) for e in x.events if e.type == "Protest"}
    # two acts: the expulsion of Canada's envoy and the recall of Saudi Arabia's own, both against Canada
    assert protests == {
        "expulsion": ((("state", "SA"),), (("state", "CA"),)),
        "recall": ((("state", "SA"),), (("state", "CA"),)),
    }


def test_events_condemning_an_agreement_targets_its_parties(extract):
    x = extract("Yunani dan Mesir meneken kesepakatan maritim. Turki mengecam kesepakatan Yunani-Mesir itu.")
    protests = [e for e in x.events if e.type == "Protest"]
    assert {p.actors for p in protests} == {(("state", "TR"),)}
    assert {t for p in protests for t in p.targets} == {("state", "GR"), ("state", "EG")}


def test_events_a_relative_clause_after_a_dated_noun_phrase_has_its_subject(extract):
    x = extract(
        "Pemicunya adalah pernyataan Kementerian Luar Negeri Kanada pada Jumat (3/8) yang mendesak "
        "Arab Saudi membebaskan para aktivis."
    )
    (d,) = [e for e in x.events if e.type == "Demand"]
    assert (d.actors, d.targets) == ((("org", "CA/ministry-of-foreign-affairs"),), (("state", "SA"),))


def test_events_an_envoy_recalled_in_the_passive_is_recalled_by_his_state(extract):
    x = extract("Duta Besar China untuk Lituania Shen Zhifei ditarik pulang atas pembukaan kantor Taiwan.")
    (p,) = [e for e in x.events if e.type == "Protest"]
    assert (p.actors, p.targets, p.form) == ((("state", "CN"),), (("state", "LT"),), "recall")


def test_events_a_speech_verb_of_purpose_is_no_statement(extract):
    x = extract(
        "Dubes Korut Kang Chol dipanggil ke Kementerian Luar Negeri Malaysia untuk menjelaskan ucapannya."
    )
    assert [e for e in x.events if e.type == "Statement"] == []


def test_events_an_undated_protest_takes_the_day_of_the_sentence_before_in_its_paragraph(extract):
    text = "Malaysia membalas pada 20 Februari 2017. Malaysia memanggil pulang duta besarnya dari Pyongyang."
    (p,) = [e for e in extract(text).events if e.type == "Protest"]
    assert p.date.iso == "2017-02-20"
    other = (
        "Malaysia membalas pada 20 Februari 2017.\nMalaysia memanggil pulang duta besarnya dari Pyongyang."
    )
    (q,) = [e for e in extract(other).events if e.type == "Protest"]
    assert q.date is None  # another paragraph: no date


def test_events_an_accusation_after_a_condemnation_shares_its_subject(extract):
    x = extract("Kyiv mengecam keputusan Moskow dan menuduh Rusia menjadikan pangan sebagai senjata.")
    (a,) = [e for e in x.events if e.type == "Accusation"]
    assert (a.actors, a.targets) == ((("state", "UA"),), (("state", "RU"),))


def test_events_words_reported_inside_reported_words_are_one_statement(extract):
    x = extract("Juru Bicara Kremlin Dmitry Peskov mengatakan Moskow menyesalkan keputusan Helsinki.")
    assert [e.actors for e in x.events if e.type == "Statement"] == [(("official", "dmitry-peskov"),)]
    y = extract("Jerman, Prancis, dan Inggris menyesalkan keputusan itu.")
    assert [e.type for e in y.events] == ["Statement"]


def test_events_a_condemnation_asked_for_is_none_and_one_of_two_states_is_a_target(extract):
    x = extract("Palestina meminta Liga Arab mengutuk kesepakatan itu.")
    assert [e for e in x.events if e.type == "Protest"] == []
    y = extract("Palestina mengecam langkah UEA dan Bahrain atas normalisasi itu.")
    assert {t for e in y.events if e.type == "Protest" for t in e.targets} == {
        ("state", "AE"),
        ("state", "BH"),
    }


def test_events_a_demand_of_ones_own_government_is_domestic(extract):
    x = extract("Anggota DPR mendesak pemerintah mengkaji ulang pembelian senjata dari Brasil.")
    assert [e.type for e in x.events if e.type in {"Demand", "PolicyReview"}] == []
    y = extract("Indonesia mendesak pemerintah Brasil mengkaji ulang keputusan itu.")
    assert [(e.type, e.targets) for e in y.events if e.type == "Demand"] == [("Demand", (("state", "BR"),))]


def test_treaty_parties_listed_with_an_abbreviation_in_parentheses(extract):
    text = "Norwegia, Uni Emirat Arab (UEA), dan Peru menandatangani perjanjian perdagangan di Oslo pada 3 Mei 2021."
    (t,) = extract(text).treaties
    assert (t.parties, t.status, t.signed.iso) == (("AE", "NO", "PE"), "signed", "2021-05-03")


def test_treaty_partner_after_the_modifiers_of_a_signed_instrument(extract):
    x = extract("Chile menandatangani deklarasi perdamaian yang lebih ringkas dengan Bolivia.")
    assert [t.parties for t in x.treaties] == [("BO", "CL")]
    x = extract("Chile menandatangani deklarasi perdamaian yang lebih ringkas tanpa Bolivia.")
    assert x.treaties == ()


def test_treaty_a_place_set_before_the_subject_is_no_party(extract):
    text = (
        "Di halaman Gedung Putih, Perdana Menteri Kanada Mark Carney dan Presiden Meksiko Claudia Sheinbaum "
        "membubuhkan tanda tangan pada perjanjian perdagangan itu."
    )
    (t,) = extract(text).treaties
    assert (t.parties, t.signatories) == (("CA", "MX"), ("claudia-sheinbaum", "mark-carney"))


def test_events_negaranya_in_reported_words_is_the_speakers_state(extract):
    x = extract(
        "Presiden Chile Gabriel Boric mengumumkan bahwa negaranya keluar dari perjanjian dagang dengan Peru."
    )
    assert ("Withdrawal", (("state", "CL"),), ()) in [(a, b, ()) for a, b, _ in acts(x)]
    x = extract("Presiden Chile Gabriel Boric membela kedaulatan negaranya di hadapan Peru.")
    assert not [e for e in x.events if ("state", "CL") in e.actors and e.type == "Withdrawal"]


def test_entities_a_counterpart_from_a_state_holds_the_same_post_there(extract):
    x = extract(
        "Menteri Luar Negeri Chile Alberto van Klaveren bertemu mitranya dari Peru, Javier González-Olaechea, di Lima."
    )
    roles = {o.name: (o.role, o.state) for o in x.officials}
    assert roles["Javier González-Olaechea"] == ("foreign-minister", "PE")
    assert (
        "Meeting",
        (("official", "alberto-van-klaveren"),),
        (("official", "javier-gonzalez-olaechea"),),
    ) in acts(x)
    x = extract(
        "Menteri Luar Negeri Chile Alberto van Klaveren menyebut Peru mitra dari kawasan yang penting."
    )
    assert [o.name for o in x.officials] == ["Alberto van Klaveren"]


def test_events_receiving_a_named_official_is_a_meeting_receiving_an_envoy_or_a_letter_is_not(extract):
    x = extract("Presiden Prancis Emmanuel Macron menerima Kanselir Jerman Olaf Scholz di Istana Elysee.")
    assert ("Meeting", (("official", "emmanuel-macron"),), (("official", "olaf-scholz"),)) in acts(x)
    x = extract("Presiden Prancis Emmanuel Macron menerima Duta Besar Jerman Hans-Dieter Lucas di Paris.")
    assert not [e for e in x.events if e.type == "Meeting"]
    x = extract("Presiden Prancis Emmanuel Macron menerima Surat dari Kanselir Jerman Olaf Scholz.")
    assert not [e for e in x.events if e.type == "Meeting"]


def test_events_a_similar_step_repeats_the_act_before_for_the_new_subject(extract):
    text = (
        "Brasil menarik duta besarnya dari Jakarta pada 18 Januari 2015 sebagai protes atas eksekusi itu. "
        "Belanda, yang seorang warganya juga dieksekusi, mengambil langkah serupa."
    )
    protests = [
        (e.actors, e.targets, e.form, e.date.iso) for e in extract(text).events if e.type == "Protest"
    ]
    assert protests == [
        ((("state", "BR"),), (("state", "ID"),), "recall", "2015-01-18"),
        ((("state", "NL"),), (("state", "ID"),), "recall", "2015-01-18"),
    ]
    text = text.replace("mengambil langkah serupa", "tidak mengambil langkah serupa")
    assert len([e for e in extract(text).events if e.type == "Protest"]) == 1


def test_treaty_named_by_an_acronym_is_meant_where_the_acronym_stands_alone(extract):
    text = (
        "Jepang, Filipina, dan Vietnam menandatangani perjanjian pertukaran data maritim di Manila pada 4 Mei 2025, "
        "langkah pertama dalam pakta keamanan trilateral JAFIVI. "
        "China mengecam JAFIVI pada 6 Mei 2025 sebagai ancaman bagi stabilitas kawasan."
    )
    x = extract(text)
    names = {t.name: t for t in x.treaties}
    assert names["JAFIVI"].parties == ("JP", "PH", "VN")
    assert len(x.treaties) == 2  # the data exchange agreement and the pact are two instruments
    protests = {(e.actors, e.targets) for e in x.events if e.type == "Protest"}
    assert protests == {((("state", "CN"),), (("state", iso),)) for iso in ("JP", "PH", "VN")}


def test_dates_without_a_publication_date_take_their_year_from_the_latest_full_date(extract):
    text = (
        "Chile memanggil Dubes Peru pada Senin, 3 Maret 2025, atas pidato itu. "
        "Peru sudah melayangkan nota protes kepada Chile pada 17 Februari atas insiden di perbatasan."
    )
    x = extract(text)
    dates = sorted(e.date.iso for e in x.events if e.type == "Protest")
    assert dates == ["2025-02-17", "2025-03-03"]
    x = extract(text.replace("Senin, 3 Maret 2025", "Senin pagi"))  # nothing dates the text: no guess
    assert [e.date for e in x.events if e.type == "Protest" and e.form == "note"] == [None]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Chile menangguhkan perjanjian perdagangan dengan Peru pada 4 Mei 2021.", "suspended"),
        ("Chile mengancam akan menangguhkan perjanjian perdagangan dengan Peru.", "mentioned"),
        ("Peru menyatakan perjanjian perdagangan dengan Chile tidak dapat ditangguhkan.", "mentioned"),
        ("Parlemen Chile meratifikasi perjanjian perdagangan dengan Peru.", "ratified"),
        (
            "Kemlu Chile menyebut perjanjian perdagangan dengan Peru akan mengikat setelah diratifikasi kedua negara.",
            "mentioned",
        ),
    ],
)
def test_treaty_a_threatened_denied_or_conditional_suspension_or_ratification_is_not_done(
    extract, text, status
):
    (t,) = extract(text).treaties
    assert t.status == status


def test_events_an_agent_in_an_adverbial_phrase_after_the_subject_is_not_the_speaker(extract):
    text = (
        "Juru Bicara Kementerian Luar Negeri Peru Gabriela Pinto dalam jumpa pers rutin Kemlu Peru di Lima, "
        "Selasa (4/3), mengatakan bahwa Peru tidak akan mengubah sikapnya."
    )
    statements = [e.actors for e in extract(text).events if e.type == "Statement"]
    assert statements == [(("official", "gabriela-pinto"),)]


def test_treaty_a_group_named_then_listed_and_agreed_by_states_after_place_and_date(extract):
    text = (
        "Rencana Aksi Perdagangan Andes (RAPA) disepakati di Lima pada 4 Mei 2021 oleh Bolivia dan kelompok "
        "Pasifik, yaitu Chile, Kolombia, Meksiko, dan Peru. RAPA menggantikan Rencana Aksi Andes, kesepakatan "
        "sementara yang dicapai di Quito pada Maret 2019. Kesepakatan itu dinilai berhasil."
    )
    x = extract(text)
    (rapa,) = [t for t in x.treaties if t.signed and t.signed.iso == "2021-05-04"]
    assert rapa.parties == ("BO", "CL", "CO", "MX", "PE")
    texts = [text[m.start : m.end] for m in rapa.mentions]
    assert texts == ["Rencana Aksi Perdagangan Andes (RAPA)", "RAPA"]  # and where the acronym stands alone
    # "Rencana Aksi Andes, kesepakatan sementara ...": one instrument named twice, not two
    assert len([t for t in x.treaties if t is not rapa]) <= 1
    # officials after "oleh" past the place and date are not read as parties
    x = extract("Perjanjian dagang itu diteken di Lima pada 4 Mei 2021 oleh Menlu Chile dan Menlu Peru.")
    assert [t.parties for t in x.treaties] == []


def test_events_a_warning_coordinated_with_an_accusation_is_aimed_at_its_target(extract):
    text = "Menlu Peru Elmer Schialer menuduh Chile melanggar perjanjian itu dan memperingatkan bahwa langkah itu akan dibalas."
    x = extract(text)
    warnings = [e.targets for e in x.events if e.type == "Warning"]
    assert warnings == [(("state", "CL"),)]


def test_events_a_demand_of_two_states_is_aimed_at_both(extract):
    x = extract(
        "Menlu Brasil Mauro Vieira meminta Peru dan Chile menyelesaikan perselisihan itu secara damai."
    )
    (d,) = [e for e in x.events if e.type == "Demand"]
    assert d.targets == (("state", "PE"), ("state", "CL"))
    assert x.article.text[d.content.start : d.content.end].startswith("menyelesaikan")


def test_events_a_surname_with_a_capitalized_particle_is_the_subject(extract):
    text = (
        "Wakil Perdana Menteri Italia Luigi Di Maio bertemu tokoh oposisi. Prancis memanggil Duta Besar "
        "Italia untuk Prancis Teresa Castaldo setelah Di Maio menuduh Paris memiskinkan Afrika."
    )
    accusations = [(e.actors, e.targets) for e in extract(text).events if e.type == "Accusation"]
    assert accusations == [((("official", "luigi-di-maio"),), (("state", "FR"),))]


def test_events_both_leaders_after_two_officials_are_those_two(extract):
    text = (
        "Perdana Menteri Italia Giuseppe Conte sempat mengancam membatalkan pertemuan dengan Presiden Prancis "
        "Emmanuel Macron, tetapi kedua pemimpin akhirnya bertemu di Paris."
    )
    meetings = [set(e.actors + e.targets) for e in extract(text).events if e.type == "Meeting"]
    assert meetings == [{("official", "giuseppe-conte"), ("official", "emmanuel-macron")}]
    text = "Italia dan Prancis berselisih. Kedua negara akhirnya bertemu di Paris."
    meetings = [set(e.actors + e.targets) for e in extract(text).events if e.type == "Meeting"]
    assert meetings == [{("state", "IT"), ("state", "FR")}]


def test_events_the_four_of_them_are_the_last_list_of_four(extract):
    text = (
        "Pada 2017, kelompok itu, yaitu Chile, Peru, Kolombia, dan Meksiko, memutus hubungan dengan Bolivia. "
        "Keempatnya menuduh La Paz mendukung penyelundupan, tuduhan yang dibantah Bolivia."
    )
    accusations = [(set(e.actors), e.targets) for e in extract(text).events if e.type == "Accusation"]
    assert accusations == [({("state", iso) for iso in ("CL", "PE", "CO", "MX")}, (("state", "BO"),))]
    # a number that fits no list before it stands for nobody
    text = "Chile dan Peru memutus hubungan dengan Bolivia. Ketiganya menuduh La Paz mendukung penyelundupan."
    assert [e.actors for e in extract(text).events if e.type == "Accusation"] == []


@pytest.mark.parametrize(
    ("text", "kind", "targets"),
    [
        ("Peru menangguhkan dengan segera perjanjian perdagangan dengan Chile.", "Suspension", ("CL",)),
        ("Pada hari yang sama, Chile menarik pulang sang duta besar dari Bogota.", "Protest", ("CO",)),
        (
            "Chile mengajukan pengaduan ke Organisasi Perdagangan Dunia (WTO) terhadap Peru atas bea masuk itu.",
            "Protest",
            ("PE",),
        ),
    ],
)
def test_events_adverbs_articles_and_complaints_lodged(extract, text, kind, targets):
    events = [e for e in extract(text).events if e.type == kind]
    assert [tuple(t[1] for t in e.targets) for e in events] == [targets]


def test_treaty_members_listed_after_a_body_and_a_signatory_for_one_of_them(extract):
    text = (
        "Deklarasi Manama diteken pada 4 Mei 2021 oleh keenam anggota GCC, yaitu Oman, Uni Emirat Arab "
        "(UEA), Kuwait, Qatar, Bahrain, dan Arab Saudi, bersama Yordania. Untuk pihak Yordania, dokumen itu "
        "ditandatangani Menteri Luar Negeri Yordania Ayman Safadi."
    )
    x = extract(text)
    (t,) = x.treaties
    assert t.parties == ("AE", "BH", "JO", "KW", "OM", "QA", "SA")
    (signing,) = [e for e in x.events if e.type == "Signing"]
    # the signatory, and the parties no named signatory signed for
    assert set(signing.actors) == {("official", "ayman-safadi")} | {
        ("state", iso) for iso in ("AE", "BH", "KW", "OM", "QA", "SA")
    }


def test_treaty_the_three_states_are_the_last_list_of_three_even_of_their_ministers(extract):
    text = (
        "Pada 5 Mei 2016, Menlu Chile Heraldo Muñoz, Menlu Peru Ricardo Luna, dan Menlu Kolombia María Holguín "
        "menandatangani deklarasi bersama di Lima. Patroli pertama digelar sebulan kemudian. Penyelundupan tetap "
        "berulang. Ketiga negara kemudian meneken kerangka pengaturan kerja sama trilateral di Bogota pada "
        "14 Juli 2016."
    )
    x = extract(text)
    framework = [t for t in x.treaties if t.noun == "kerangka pengaturan"]
    assert [(t.parties, t.signed.iso) for t in framework] == [(("CL", "CO", "PE"), "2016-07-14")]


def test_events_suspending_shipments_to_a_state_is_a_suspension(extract):
    x = extract("Pemerintah Chile menghentikan sementara pengiriman tembaga ke Peru sampai jalur itu aman.")
    assert [(e.actors, e.targets) for e in x.events if e.type == "Suspension"] == [
        ((("state", "CL"),), (("state", "PE"),))
    ]
    x = extract("Pemerintah Chile menghentikan sementara pengiriman tembaga ke pelabuhan utara.")
    assert [e for e in x.events if e.type == "Suspension"] == []


def test_events_demands_handed_over_by_the_quartet(extract):
    text = (
        "Pada 2017, kelompok itu, yaitu Chile, Peru, Kolombia, dan Meksiko, memutus hubungan dengan Bolivia. "
        "Melalui Ekuador, kuartet itu kemudian menyodorkan 13 tuntutan kepada Bolivia."
    )
    demands = [(set(e.actors), e.targets) for e in extract(text).events if e.type == "Demand"]
    assert demands == [({("state", iso) for iso in ("CL", "PE", "CO", "MX")}, (("state", "BO"),))]


def test_treaty_known_by_its_short_name_where_the_name_stands_alone(extract):
    text = (
        "Peru menangguhkan partisipasinya dalam ANDEX, perjanjian perdagangan antara Chile dan Peru. "
        "ANDEX ditandatangani Presiden Chile Michelle Bachelet dan Presiden Peru Ollanta Humala di Lima "
        "pada 8 April 2012."
    )
    x = extract(text)
    (t,) = x.treaties
    assert (t.name, t.parties, t.signed.iso, t.noun) == ("ANDEX", ("CL", "PE"), "2012-04-08", "perjanjian")
    assert t.signatories == ("michelle-bachelet", "ollanta-humala")
    (signing,) = [e for e in x.events if e.type == "Signing"]
    assert signing.about == (("treaty", t.key),)


def test_events_sentences_without_a_trigger_are_skipped_without_changing_anything(resources, monkeypatch):
    """extract_events skips a sentence where the joined trigger pattern finds nothing; trying every
    trigger on every sentence gives the same events on every corpus article."""
    from pathlib import Path

    from kg.extract import events
    from kg.extract.pipeline import process
    from kg.read import read_article

    from .conftest import TODAY

    root = Path(__file__).resolve().parent.parent
    paths = [
        p for d in ("tests/corpus", "tests/corpus-next", "seeds") for p in sorted((root / d).glob("*.txt"))
    ]
    assert events._any_trigger(resources.triggers) is not None
    gated = [process(read_article(p), resources, TODAY).events for p in paths]
    monkeypatch.setattr(events, "_any_trigger", lambda triggers: None)
    assert gated == [process(read_article(p), resources, TODAY).events for p in paths]
    assert sum(map(len, gated)) > 100


def test_events_triggers_with_back_references_are_not_joined():
    """A back-reference would name another trigger's group once the patterns are joined: such triggers
    are scanned one by one."""
    import re

    from kg.extract.events import _any_trigger
    from kg.lexicon.resources import TRIGGER_AFTER, TRIGGER_BEFORE, Trigger

    def trigger(name: str, body: str) -> Trigger:
        return Trigger(
            name, "Protest", re.compile(TRIGGER_BEFORE + body + TRIGGER_AFTER, re.I), "note", (), ()
        )

    plain = (trigger("a", "mengecam"), trigger("b", "(me)ng(?:utuk)"))
    assert _any_trigger(plain) is not None
    assert _any_trigger((*plain, trigger("c", r"(nota)\s+\1"))) is None
    assert _any_trigger((*plain, trigger("d", r"(?P<w>nota)\s+(?P=w)"))) is None
