"""The modality of an act (issue #17, "Real news, read well"): an act the news names as only planned,
conditional, requested, threatened or denied is kept, marked so on the event in the graph
(dg:modality) and in the ``events`` query, and never counted as done (``protests``, ``relations``, the
competency questions, the state view). The markers are kg/data/modality.toml; every sentence here is
our own."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Graph
from rdflib.namespace import RDFS

from kg.errors import DataFileError
from kg.extract.pipeline import process
from kg.lexicon.modality import ASSERTED, MODALITIES, parse_modality
from kg.lexicon.resources import EVENT_TYPES, load_resources
from kg.model import Article, Event, Extraction
from kg.rdf.export import serialize
from kg.rdf.graph import build_graph, build_triples
from kg.rdf.iri import mint
from kg.rdf.validation import load_ontology, validate_triples
from kg.rdf.vocab import DG
from kg.store.queries import named_query, run_query
from kg.view.states import state_network

from .conftest import ROOT

RES = load_resources()
TODAY = dt.date(2024, 6, 1)
MARKER_EXAMPLES = [(m.id, m.event, m.modality, ex) for m in RES.modality for ex in m.examples]
MARKER_COUNTER = [(m.id, m.event, ex) for m in RES.modality for ex in m.counter_examples]
CQ = ROOT / "kg" / "ontology" / "queries"


def _x(text: str) -> Extraction:
    return process(Article("t", text, published=TODAY), RES, TODAY)


def _acts(x: Extraction) -> list[tuple[str, str]]:
    return [(e.type, e.modality) for e in (*x.events, *x.unasserted)]


def _graph(text: str) -> Graph:
    return build_graph(_x(text), RES)


def _rows(graph: Graph, name: str) -> list[dict[str, str]]:
    columns, rows = run_query(graph, named_query(name))
    return [dict(zip(columns, r, strict=True)) for r in rows]


# ----------------------------------------------------------------------------------- the data file


def test_every_modality_has_a_marker_and_every_marker_examples_and_counter_examples() -> None:
    assert {m.modality for m in RES.modality} == set(MODALITIES)
    for m in RES.modality:
        assert m.examples and m.counter_examples, m.id


@pytest.mark.parametrize(("marker", "event", "modality", "example"), MARKER_EXAMPLES)
def test_marker_gives_its_example_its_modality(marker: str, event: str, modality: str, example: str) -> None:
    x = _x(example)
    assert (event, modality) in [(e.type, e.modality) for e in x.unasserted], _acts(x)
    assert all(e.modality == ASSERTED for e in x.events)
    assert not any(e.type == event for e in x.events), x.events  # never also done


@pytest.mark.parametrize(("marker", "event", "example"), MARKER_COUNTER)
def test_marker_leaves_its_counter_example_asserted(marker: str, event: str, example: str) -> None:
    x = _x(example)
    assert any(e.type == event for e in x.events), _acts(x)
    assert not any(e.type == event for e in x.unasserted), _acts(x)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('modality = "planned"', 'modality = "hoped"'), "modality must be one of"),
        (('reach = "verb"', 'reach = "word"'), "reach must be one of"),
        (('event = "Signing"', 'event = "Party"'), "unknown event type"),
        (("pattern = '(?:akan|", "pattern = '(?:akan|("), "bad pattern"),
        (('counter_examples = ["Indonesia dan Chile menandatangani', 'counter = ["x'), "unknown keys"),
    ],
)
def test_a_malformed_marker_is_refused_naming_it(change: tuple[str, str], message: str) -> None:
    text = (ROOT / "kg" / "data" / "modality.toml").read_text(encoding="utf-8")
    assert change[0] in text
    with pytest.raises(DataFileError) as info:
        parse_modality(text.replace(change[0], change[1], 1), EVENT_TYPES)
    assert message in str(info.value) and "marker 'akan'" in str(info.value)


# ------------------------------------------------------------------------------ readings, own sentences


@pytest.mark.parametrize(
    ("text", "event", "modality"),
    [
        ("Indonesia akan menandatangani Perjanjian Perdagangan Bebas Indonesia-Chile pekan depan.", "Signing", "planned"),
        ("Menteri Luar Negeri Indonesia Ratna Dewi dijadwalkan akan bertemu Menteri Luar Negeri Chile Ana Soto.", "Meeting", "planned"),
        ("Ghana berencana mengirim nota protes kepada Togo atas insiden itu.", "Protest", "planned"),
        ("Bila kapal itu kembali, Indonesia akan memanggil pulang duta besarnya dari Beijing.", "Protest", "conditional"),
        ("Indonesia akan memanggil pulang duta besarnya dari Beijing jika kapal itu kembali.", "Protest", "conditional"),
        ("Para aktivis menyerukan agar Ghana mengusir duta besar Togo atas insiden itu.", "Protest", "requested"),
        ("Ghana mengancam akan mengusir duta besar Togo atas insiden itu.", "Protest", "threatened"),
        ("Ghana mengancam akan memanggil pulang duta besarnya dari Togo jika insiden itu terulang.", "Protest", "threatened"),
        ("Ghana tidak akan memanggil pulang duta besarnya dari Togo atas insiden itu.", "Protest", "denied"),
        ("Kemlu Ghana menampik telah mengirim nota protes kepada Togo atas insiden itu.", "Protest", "denied"),
        ("Menteri Luar Negeri Indonesia Ratna Dewi batal bertemu Menteri Luar Negeri Chile Ana Soto di Santiago.", "Meeting", "denied"),
    ],
)  # fmt: skip
def test_an_act_not_done_keeps_its_reading_with_its_modality(text: str, event: str, modality: str) -> None:
    x = _x(text)
    assert (event, modality) in [(e.type, e.modality) for e in x.unasserted], _acts(x)
    assert not any(e.type == event for e in x.events), _acts(x)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Indonesia menandatangani Perjanjian Perdagangan Bebas Indonesia-Chile di Santiago.", "Signing"),
        ("Ghana memanggil pulang duta besarnya dari Togo atas insiden itu.", "Protest"),
        ("Ghana mengusir duta besar Togo atas insiden yang akan diselidiki itu.", "Protest"),
        ("Jepang akan meninjau kembali kebijakan ekspornya ke Korsel.", "PolicyReview"),  # the announcement
    ],
)
def test_an_act_done_is_asserted(text: str, event: str) -> None:
    x = _x(text)
    assert any(e.type == event for e in x.events), _acts(x)
    assert not any(e.type == event for e in x.unasserted), _acts(x)


def test_words_quoted_before_a_speech_verb_do_not_govern_it() -> None:
    x = _x(
        "\u201cGhana akan lebih kuat jika kita bersatu, dan tidak terpecah,\u201d kata Menteri Luar Negeri Ghana Ama Owusu."
    )
    assert [(e.type, e.modality) for e in x.events] == [("Statement", "asserted")]
    assert not x.unasserted


def test_a_threat_is_a_warning_done_and_the_act_threatened_is_not() -> None:
    x = _x("Ghana mengancam akan menarik duta besarnya dari Togo atas insiden di perbatasan.")
    assert [e.type for e in x.events] == ["Warning"]
    [protest] = x.unasserted
    assert (protest.type, protest.form, protest.modality) == ("Protest", "recall", "threatened")
    assert protest.actors == (("state", "GH"),) and protest.targets == (("state", "TG"),)


def test_a_summons_carried_by_a_protest_not_done_is_not_done_either() -> None:
    x = _x("Kemlu Ghana membantah telah memanggil Duta Besar Togo atas insiden itu.")
    assert [e.type for e in x.events] == ["Statement"]  # the denial is said
    assert {(e.type, e.modality) for e in x.unasserted} == {("Protest", "denied"), ("Summons", "denied")}


def test_a_similar_step_not_taken_is_denied() -> None:
    text = (
        "Ghana memanggil pulang duta besarnya dari Togo atas insiden itu. "
        "Nigeria tidak mengambil langkah serupa."
    )
    x = _x(text)
    assert [(e.type, e.actors) for e in x.events] == [("Protest", (("state", "GH"),))]
    assert [(e.type, e.actors, e.modality) for e in x.unasserted] == [
        ("Protest", (("state", "NG"),), "denied")
    ]


# ------------------------------------------------------------------------------ the graph and queries

THREAT = (
    "Ghana mengancam akan memanggil pulang duta besarnya dari Togo atas insiden di perbatasan. "
    "Ghana mengecam Mali atas serangan itu."
)


def test_a_threatened_protest_is_not_in_protests_but_in_events_with_its_modality() -> None:
    graph = _graph(THREAT)
    assert [(r["protester"], r["target"]) for r in _rows(graph, "protests")] == [("GH", "ML")]
    events = {(r["type"], r["actor"], r["target"], r["modality"]) for r in _rows(graph, "events")}
    assert ("Protest", "GH", "TG", "threatened") in events
    assert ("Protest", "GH", "ML", "asserted") in events
    assert ("Warning", "asserted") in {(t, m) for t, _, _, m in events}
    relations = {(r["actor"], r["target"], r["type"]) for r in _rows(graph, "relations")}
    assert ("GH", "ML", "Protest") in relations
    assert ("GH", "TG", "Protest") not in relations


def test_the_modality_is_written_only_for_acts_not_done() -> None:
    graph = _graph(THREAT)
    marked = set(graph.subject_objects(DG.modality))
    assert [str(o) for _, o in marked] == [str(DG.ModalityThreatened)]
    [(event, _)] = marked
    labels = {str(o) for o in graph.objects(event, RDFS.label)}
    assert any(label.endswith("(threatened)") for label in labels), labels
    done = _graph("Ghana mengecam Mali atas serangan itu.")
    assert not set(done.subject_objects(DG.modality))


def test_a_denied_signing_is_no_signing_done() -> None:
    graph = _graph(
        "Ghana menolak menandatangani Perjanjian Perdagangan Bebas Ghana-Togo dengan Togo di Accra."
    )
    signings = [r for r in _rows(graph, "events") if r["type"] == "Signing"]
    assert signings and {r["modality"] for r in signings} == {"denied"}
    assert not [r for r in _rows(graph, "relations") if r["type"] == "Signing"]


def test_a_conditional_recall_is_no_protest_and_no_relation() -> None:
    graph = _graph(
        "Jika kapal itu kembali masuk, Indonesia akan memanggil pulang duta besarnya dari Beijing."
    )
    assert not _rows(graph, "protests")
    assert not _rows(graph, "relations")
    [row] = [r for r in _rows(graph, "events") if r["type"] == "Protest"]
    assert (row["actor"], row["target"], row["modality"]) == ("ID", "CN", "conditional")


def test_a_planned_summit_is_no_summit_held_for_the_competency_question() -> None:
    held = "KTT ASEAN digelar di Jakarta pada 5 September 2023."
    planned = "Para pemimpin ASEAN akan menggelar KTT di Jakarta pada 5 September 2025."
    cq11 = (CQ / "cq11-summit-place-date.rq").read_text(encoding="utf-8")
    x = _x(f"{held} {planned}")
    assert {(e.type, e.modality) for e in (*x.events, *x.unasserted)} >= {
        ("Summit", "asserted"),
        ("Summit", "planned"),
    }
    _, rows = run_query(_graph(f"{held} {planned}"), cq11)
    assert [r[1] for r in rows] == ["2023-09-05"]


def test_the_state_view_counts_what_the_relations_query_counts() -> None:
    triples = build_triples(_x(THREAT), RES)
    graph = _graph(THREAT)
    assert state_network(triples).relations() == run_query(graph, named_query("relations"))[1]


def test_a_graph_with_acts_not_done_conforms_to_the_shapes() -> None:
    ontology, shapes = load_ontology()
    text = f"{THREAT} Kemlu Ghana membantah telah memanggil Duta Besar Mali atas insiden itu."
    report = validate_triples(build_triples(_x(text), RES), ontology, shapes)
    assert report.conforms, report.violations


# --------------------------------------------------------------------------------------- determinism


def test_acts_not_done_give_byte_identical_turtle() -> None:
    text = (
        f"{THREAT} Menteri Luar Negeri Ghana Ama Owusu dijadwalkan bertemu Menteri Luar Negeri Togo Ana Soto."
    )
    assert len(_x(text).unasserted) == 2
    first = serialize(_graph(text), "ttl", mint("graph", "t"))
    assert serialize(_graph(text), "ttl", mint("graph", "t")) == first
    again = load_resources()
    assert serialize(build_graph(process(Article("t", text, published=TODAY), again, TODAY), again), "ttl", mint("graph", "t")) == first  # fmt: skip


def test_an_act_done_keeps_its_iri_beside_its_denial() -> None:
    done = "Ghana mengecam Mali atas serangan itu."
    alone = set(_graph(done).subjects(predicate=DG.actor))
    both = _graph(f"{done} Togo tidak mengecam Mali atas serangan itu.")
    denied = set(both.subjects(DG.modality, DG.ModalityDenied))
    assert len(denied) == 1 and not denied & alone
    assert alone < set(both.subjects(predicate=DG.actor))


def _events_of(x: Extraction) -> tuple[Event, ...]:
    return (*x.events, *x.unasserted)


def test_the_events_are_the_same_from_one_run_to_the_next() -> None:
    text = (
        f"{THREAT} Menteri Luar Negeri Ghana Ama Owusu dijadwalkan bertemu Menteri Luar Negeri Togo Ana Soto."
    )
    assert _events_of(_x(text)) == _events_of(_x(text))


def test_a_marker_further_than_the_reach_from_its_act_does_not_govern_it() -> None:
    # the markers are looked for within REACH characters of the trigger: a bound that keeps a long
    # sentence of many acts linear in its length
    from kg.extract.modality import REACH

    filler = " ".join(["kabar yang beredar luas di kalangan para pejabat senior"] * (REACH // 50))
    near = _x(
        "Kemlu Ghana membantah kabar yang beredar bahwa Ghana memanggil Duta Besar Togo atas insiden itu."
    )
    far = _x(f"Kemlu Ghana membantah {filler} bahwa Ghana memanggil Duta Besar Togo atas insiden itu.")
    assert ("Protest", "denied") in _acts(near)
    assert ("Protest", "asserted") in _acts(far)
