"""The ontology (kg/ontology/kg.ttl), its competency questions and its named queries.

The queries are run on tests/shapes/valid/seed-000.ttl (a hand-modelled graph of the seed article) plus the
ontology, with rdflib and with pyoxigraph, and must give the same rows in both.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "kg" / "ontology"
ONTOLOGY = ONTOLOGY_DIR / "kg.ttl"
SHAPES = ONTOLOGY_DIR / "shapes.ttl"
QUERIES = ONTOLOGY_DIR / "queries"
CHECKS = QUERIES / "checks"
README = ONTOLOGY_DIR / "README.md"
DESIGN = ROOT / "docs" / "DESIGN.md"
FIXTURES = ROOT / "tests" / "shapes"
SEED = FIXTURES / "valid" / "seed-000.ttl"

DG = Namespace("https://w3id.org/diplograph/ontology#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")
DBO = Namespace("http://dbpedia.org/ontology/")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")

ONTOLOGY_IRI = URIRef("https://w3id.org/diplograph/ontology")
VERSION_IRI = URIRef("https://w3id.org/diplograph/ontology/0.1.0")

ENTITY_CLASSES = [
    "State",
    "Official",
    "Organization",
    "Ministry",
    "Embassy",
    "InternationalOrganization",
    "NewsAgency",
    "Post",
    "Role",
    "Place",
    "Treaty",
    "TreatyArticle",
    "ProtestForm",
    "TreatyStatus",
]
EVENT_CODES = {
    "Protest": "114",
    "Demand": "100",
    "Summons": "114",
    "Accusation": "112",
    "Warning": "130",
    "Statement": "010",
    "Signing": "057",
    "Summit": "043",
    "Meeting": "040",
    "StateVisit": "042",
    "PolicyReview": "014",
    "Condemnation": "111",
    "Recall": "161",
    "Ratification": "057",
    "Suspension": "163",
    "Withdrawal": "161",
    "Annulment": "161",
}
INDIVIDUALS = {
    "ProtestForm": [
        "FormSummons",
        "FormProtestNote",
        "FormRecall",
        "FormExpulsion",
        "FormCondemnation",
        "FormComplaint",
    ],
    "TreatyStatus": [
        "StatusSigned",
        "StatusPlanned",
        "StatusRatified",
        "StatusSuspended",
        "StatusWithdrawn",
        "StatusAnnulled",
    ],
}

NAMED_QUERY_COLUMNS = {
    "states": ["iso", "label", "wikidata"],
    "officials": ["name", "post", "state", "organization"],
    "treaties": ["treaty", "label", "parties", "signatories", "date", "place"],
    "protests": ["protest", "protester", "official", "target", "about", "date", "form"],
    "events": ["event", "type", "actor", "target", "date", "evidence", "modality"],
    "relations": ["actor", "target", "type", "count", "first", "last"],
}

Row = list[str]


# ----------------------------------------------------------------------------------------------- helpers


@cache
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def dg_terms() -> list[URIRef]:
    graph = ontology()
    return sorted(
        {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(str(DG))}
    )


def local(term: URIRef) -> str:
    return str(term)[len(str(DG)) :]


def properties(kind: URIRef) -> list[URIRef]:
    return sorted(s for s in ontology().subjects(RDF.type, kind) if isinstance(s, URIRef))


def load_cqs() -> list[dict[str, object]]:
    with (QUERIES / "cq.toml").open("rb") as f:
        cqs: list[dict[str, object]] = tomllib.load(f)["cq"]
    return cqs


def load_answers() -> dict[str, object]:
    """The answers of the CQs on the seed: test data, kept out of the package."""
    with (Path(__file__).parent / "cq_answers.toml").open("rb") as f:
        answers: dict[str, object] = tomllib.load(f)["answers"]
    return answers


def query_files() -> list[Path]:
    return sorted(QUERIES.glob("*.rq")) + sorted(CHECKS.glob("*.rq"))


def cell(value: str) -> str:
    """A multi-valued cell with its parts sorted (GROUP_CONCAT order is not guaranteed)."""
    return " ; ".join(sorted(value.split(" ; "))) if " ; " in value else value


@cache
def rdflib_graph(*files: Path) -> Graph:
    graph = Graph()
    for file in files:
        graph.parse(file, format="turtle")
    return graph


@cache
def oxigraph_store(*files: Path) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    for file in files:
        store.load(path=str(file), format=pyoxigraph.RdfFormat.TURTLE)
    return store


def run_rdflib(text: str, *files: Path) -> tuple[list[str], list[Row]]:
    result = rdflib_graph(*files).query(text)
    names = [str(v) for v in result.vars or []]
    rows = [[cell("" if v is None else str(v)) for v in row] for row in result]  # type: ignore[union-attr]
    return names, rows


def run_oxigraph(text: str, *files: Path) -> tuple[list[str], list[Row]]:
    result = oxigraph_store(*files).query(text)
    assert isinstance(result, pyoxigraph.QuerySolutions)
    names = [v.value for v in result.variables]
    rows = [[cell("" if s[v] is None else s[v].value) for v in result.variables] for s in result]
    return names, rows


def run_both(text: str, *files: Path) -> list[Row]:
    """Rows of a SELECT query, asserting rdflib and pyoxigraph agree."""
    names_r, rows_r = run_rdflib(text, *files)
    names_o, rows_o = run_oxigraph(text, *files)
    assert names_r == names_o
    assert rows_r == rows_o, f"rdflib {rows_r}\n!= pyoxigraph {rows_o}"
    return rows_r


SEED_DATA = (SEED, ONTOLOGY)


# ----------------------------------------------------------------------------------------------- parsing


def test_ontology_parses_with_rdflib_and_pyoxigraph_to_the_same_triples() -> None:
    graph = ontology()
    quads = list(pyoxigraph.parse(path=str(ONTOLOGY), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(graph) > 500
    assert len(quads) == len(graph)


def test_ontology_has_ontology_and_version_iri() -> None:
    graph = ontology()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in graph
    assert (ONTOLOGY_IRI, OWL.versionIRI, VERSION_IRI) in graph
    assert graph.value(ONTOLOGY_IRI, DCTERMS.title) is not None


# ----------------------------------------------------------------------------------------------- terms


@pytest.mark.parametrize("name", [*ENTITY_CLASSES, "DiplomaticEvent", *EVENT_CODES])
def test_ontology_declares_design_class(name: str) -> None:
    assert (DG[name], RDF.type, OWL.Class) in ontology()


@pytest.mark.parametrize("event", sorted(EVENT_CODES))
def test_ontology_event_class_is_a_diplomatic_event(event: str) -> None:
    assert (DG[event], RDFS.subClassOf, DG.DiplomaticEvent) in ontology()


@pytest.mark.parametrize(("cls", "individual"), [(c, i) for c, names in INDIVIDUALS.items() for i in names])
def test_ontology_declares_design_individual(cls: str, individual: str) -> None:
    graph = ontology()
    assert (DG[individual], RDF.type, DG[cls]) in graph
    assert (DG[individual], RDF.type, OWL.NamedIndividual) in graph


def design_property_names() -> list[str]:
    """The first column of the Properties table of docs/DESIGN.md."""
    text = DESIGN.read_text(encoding="utf-8")
    section = text.split("## Properties", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE)


@pytest.mark.parametrize("name", design_property_names())
def test_ontology_declares_design_property(name: str) -> None:
    graph = ontology()
    kinds = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    assert kinds & set(graph.objects(DG[name], RDF.type)), f"dg:{name} is not declared as a property"


def test_ontology_design_property_table_is_read() -> None:
    names = design_property_names()
    assert {"iso2", "holds", "party", "signatory", "actor", "cameoCode"} <= set(names)


@pytest.mark.parametrize("term", dg_terms(), ids=local)
def test_ontology_term_has_english_and_indonesian_label_and_comment(term: URIRef) -> None:
    graph = ontology()
    for predicate in (RDFS.label, RDFS.comment):
        languages = {o.language for o in graph.objects(term, predicate) if isinstance(o, Literal)}
        assert {"en", "id"} <= languages, f"{local(term)} {predicate}: languages {languages}"


def test_ontology_term_count_covers_design() -> None:
    assert len(dg_terms()) >= 14 + 18 + 11 + 30


@pytest.mark.parametrize(("event", "code"), sorted(EVENT_CODES.items()))
def test_ontology_event_class_has_cameo_code(event: str, code: str) -> None:
    assert list(ontology().objects(DG[event], DG.cameoCode)) == [Literal(code)]


def test_ontology_cameo_code_is_an_annotation_property() -> None:
    graph = ontology()
    assert (DG.cameoCode, RDF.type, OWL.AnnotationProperty) in graph
    assert (DG.ploverCode, RDF.type, OWL.AnnotationProperty) in graph


def test_ontology_protest_is_cameo_114_plover_accuse_not_street_protest() -> None:
    graph = ontology()
    assert (DG.Protest, DG.ploverCode, Literal("ACCUSE")) in graph
    english = next(
        str(c)
        for c in graph.objects(DG.Protest, RDFS.comment)
        if isinstance(c, Literal) and c.language == "en"
    )
    assert "114" in english
    assert "Complain officially" in english
    assert "14x" in english


@pytest.mark.parametrize("prop", properties(OWL.ObjectProperty) + properties(OWL.DatatypeProperty), ids=local)
def test_ontology_property_has_domain_and_range(prop: URIRef) -> None:
    graph = ontology()
    assert graph.value(prop, RDFS.domain) is not None, f"{local(prop)} has no rdfs:domain"
    assert graph.value(prop, RDFS.range) is not None, f"{local(prop)} has no rdfs:range"


@pytest.mark.parametrize("prop", properties(OWL.ObjectProperty) + properties(OWL.DatatypeProperty), ids=local)
def test_ontology_property_is_object_xor_datatype(prop: URIRef) -> None:
    types = set(ontology().objects(prop, RDF.type))
    assert (OWL.ObjectProperty in types) != (OWL.DatatypeProperty in types)


def union_members(node: Node | None) -> set[Node]:
    graph = ontology()
    members = graph.value(node, OWL.unionOf) if node is not None else None
    return set(graph.items(members)) if members is not None else set()


@pytest.mark.parametrize("prop", ["date", "signedOn", "endedOn"])
def test_ontology_date_property_range_is_date_gyearmonth_or_gyear(prop: str) -> None:
    assert union_members(ontology().value(DG[prop], RDFS.range)) == {XSD.date, XSD.gYearMonth, XSD.gYear}


@pytest.mark.parametrize(
    ("prop", "members"),
    [
        ("postIn", {DG.State, DG.Organization}),
        ("serves", {DG.State, DG.Organization}),
        ("actor", {DG.State, DG.Official, DG.Organization}),
        ("target", {DG.State, DG.Official, DG.Organization}),
    ],
)
def test_ontology_union_range_is_not_several_ranges(prop: str, members: set[Node]) -> None:
    # Several rdfs:range triples would make every value a member of all of them under RDFS inference.
    ranges = list(ontology().objects(DG[prop], RDFS.range))
    assert len(ranges) == 1
    assert union_members(ranges[0]) == members


ALIGNMENTS = [
    (DG.State, RDFS.subClassOf, SCHEMA.Country),
    (DG.Official, RDFS.subClassOf, SCHEMA.Person),
    (DG.Organization, RDFS.subClassOf, SCHEMA.Organization),
    (DG.Ministry, RDFS.subClassOf, SCHEMA.GovernmentOrganization),
    (DG.Embassy, RDFS.subClassOf, SCHEMA.GovernmentOrganization),
    (DG.DiplomaticEvent, RDFS.subClassOf, SCHEMA.Event),
    (DG.Post, RDFS.subClassOf, ORG.Post),
    (DG.holds, RDFS.subPropertyOf, ORG.holds),
    (DG.postIn, RDFS.subPropertyOf, ORG.postIn),
    (DG.Organization, RDFS.subClassOf, ORG.Organization),
    (DG.DiplomaticEvent, RDFS.subClassOf, SEM.Event),
    (DG.State, RDFS.subClassOf, SEM.Actor),
    (DG.Official, RDFS.subClassOf, SEM.Actor),
    (DG.Organization, RDFS.subClassOf, SEM.Actor),
    (DG.actor, RDFS.subPropertyOf, SEM.hasActor),
    (DG.date, RDFS.subPropertyOf, SEM.hasTimeStamp),
    (DG.place, RDFS.subPropertyOf, SEM.hasPlace),
    (DG.Place, RDFS.subClassOf, SEM.Place),
    (DG.State, RDFS.subClassOf, PROV.Entity),
    (DG.Treaty, RDFS.subClassOf, PROV.Entity),
    (DG.date, RDFS.seeAlso, TIME.inXSDDate),
    (DG.DiplomaticEvent, RDFS.subClassOf, TIME.TemporalEntity),
    (DG.Treaty, RDFS.subClassOf, DBO.Treaty),
    (DG.Treaty, OWL.equivalentClass, WD.Q131569),
    (DG.State, OWL.equivalentClass, WD.Q6256),
    (DG.signatory, OWL.equivalentProperty, WDT.P1891),
    (DG.date, OWL.equivalentProperty, WDT.P585),
    (DG.iso2, OWL.equivalentProperty, WDT.P297),
    (DG.endedOn, OWL.equivalentProperty, WDT.P576),
    (DG.predecessor, OWL.equivalentProperty, WDT.P155),
    (DG.locatedIn, RDFS.subPropertyOf, SCHEMA.containedInPlace),
]


@pytest.mark.parametrize("triple", ALIGNMENTS, ids=lambda t: f"{t[0].n3()}-{t[2].n3()}")
def test_ontology_alignment_present(triple: tuple[URIRef, URIRef, URIRef]) -> None:
    assert triple in ontology()


def test_ontology_diplomatic_event_is_not_a_prov_activity() -> None:
    assert (DG.DiplomaticEvent, RDFS.subClassOf, PROV.Activity) not in ontology()


def dg_names_used_in(path: Path) -> set[str]:
    return set(re.findall(r"\bdg:([A-Za-z][A-Za-z0-9]*)\b(?!\*)", path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", [SHAPES, *query_files()], ids=lambda p: p.name)
def test_ontology_declares_every_dg_term_used_in_shapes_and_queries(path: Path) -> None:
    declared = {local(t) for t in dg_terms()}
    assert dg_names_used_in(path) - declared == set()


# ----------------------------------------------------------------------------------------------- CQs


CQS = load_cqs()
ANSWERS = load_answers()


def test_cq_toml_has_at_least_eight_unique_questions() -> None:
    ids = [cq["id"] for cq in CQS]
    assert len(ids) >= 8
    assert len(set(ids)) == len(ids)
    assert set(ids) == set(ANSWERS)  # every question has its answer on the seed, and no answer is stray


@pytest.mark.parametrize("cq", CQS, ids=lambda cq: str(cq["id"]))
def test_cq_entry_is_complete_and_references_existing_file(cq: dict[str, object]) -> None:
    assert set(cq) == {"id", "question_en", "question_id", "file"}  # no answer in the package
    assert (QUERIES / str(cq["file"])).is_file()
    assert str(cq["file"]).startswith(str(cq["id"]).lower() + "-")
    expect = ANSWERS[str(cq["id"])]
    assert expect in ("nonEmpty", "empty") or (
        isinstance(expect, list)
        and all(isinstance(r, list) and all(isinstance(c, str) for c in r) for r in expect)
    )


@pytest.mark.parametrize("cq", CQS, ids=lambda cq: str(cq["id"]))
def test_cq_is_listed_in_readme(cq: dict[str, object]) -> None:
    readme = README.read_text(encoding="utf-8")
    line = next((ln for ln in readme.splitlines() if ln.startswith(f"| {cq['id']} |")), None)
    assert line is not None, f"{cq['id']} missing from README.md"
    assert str(cq["question_en"]) in line
    assert str(cq["question_id"]) in line
    assert str(cq["file"]) in line


@pytest.mark.parametrize("cq", CQS, ids=lambda cq: str(cq["id"]))
def test_cq_expected_answer_on_seed_fixture(cq: dict[str, object]) -> None:
    rows = run_both((QUERIES / str(cq["file"])).read_text(encoding="utf-8"), *SEED_DATA)
    expect = ANSWERS[str(cq["id"])]
    if expect == "empty":
        assert rows == []
    elif expect == "nonEmpty":
        assert rows
    else:
        assert isinstance(expect, list)
        assert rows == [[cell(c) for c in row] for row in expect]


def test_cq_question_in_query_header() -> None:
    for cq in CQS:
        first = (QUERIES / str(cq["file"])).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(f"# {cq['id']}: ")


# ----------------------------------------------------------------------------------------------- queries


@pytest.mark.parametrize("path", query_files(), ids=lambda p: p.name)
def test_query_parses_in_rdflib_and_pyoxigraph(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    prepared = prepareQuery(text)
    assert prepared.algebra.name == "SelectQuery"
    result = pyoxigraph.Store().query(text)
    assert isinstance(result, pyoxigraph.QuerySolutions)
    assert [v.value for v in result.variables] == [str(v) for v in prepared.algebra["PV"]]


@pytest.mark.parametrize(("name", "columns"), NAMED_QUERY_COLUMNS.items())
def test_named_query_projects_contract_variables(name: str, columns: list[str]) -> None:
    text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    assert [str(v) for v in prepareQuery(text).algebra["PV"]] == columns
    result = pyoxigraph.Store().query(text)
    assert isinstance(result, pyoxigraph.QuerySolutions)
    assert [v.value for v in result.variables] == columns


def test_named_queries_are_exactly_the_contract() -> None:
    named = {p.stem for p in QUERIES.glob("*.rq") if not p.stem.startswith("cq")}
    assert named == set(NAMED_QUERY_COLUMNS)


def test_named_query_states_on_seed_fixture() -> None:
    rows = run_both((QUERIES / "states.rq").read_text(encoding="utf-8"), *SEED_DATA)
    assert rows == [
        ["KP", "North Korea", "Q423"],
        ["KR", "South Korea", "Q884"],
        ["RU", "Russia", "Q159"],
        ["UA", "Ukraine", "Q212"],
        ["VN", "Vietnam", "Q881"],
    ]


def test_named_query_officials_on_seed_fixture() -> None:
    rows = run_both((QUERIES / "officials.rq").read_text(encoding="utf-8"), *SEED_DATA)
    assert rows == [
        ["Chang Ho-jin", "Security Adviser", "KR", ""],
        ["Georgy Zinoviev", "Ambassador", "RU", ""],
        ["Kim Hong-kyun", "First Vice Foreign Minister", "KR", ""],
        ["Kim Jong Un", "Leader", "KP", ""],
        ["Vladimir Putin", "President", "RU", ""],
    ]


def test_named_query_officials_gives_organization_label_for_post_in_organization() -> None:
    data = (FIXTURES / "valid" / "official-of-organization.ttl", FIXTURES / "common.ttl")
    rows = run_both((QUERIES / "officials.rq").read_text(encoding="utf-8"), *data)
    # a post in an organization: no state, the organization in its own column
    assert ["António Guterres", "Secretary-General", "", "United Nations"] in rows
    assert ["Kim Hong-kyun", "First Vice Foreign Minister", "KR", ""] in rows


def test_named_query_treaties_on_seed_fixture() -> None:
    rows = run_both((QUERIES / "treaties.rq").read_text(encoding="utf-8"), *SEED_DATA)
    assert rows == [
        [
            "https://w3id.org/diplograph/id/treaty/KP-RU/2024-06-19",
            "North Korea–Russia treaty of 19 June 2024",
            "KP ; RU",
            "Kim Jong Un ; Vladimir Putin",
            "2024-06-19",
            "Pyongyang",
        ],
        [
            "https://w3id.org/diplograph/id/treaty/KP-RU/mutual-defence-1996",
            "North Korea–Russia mutual defence treaty",
            "KP ; RU",
            "",
            "",
            "",
        ],
    ]


def test_named_query_protests_on_seed_fixture() -> None:
    rows = run_both((QUERIES / "protests.rq").read_text(encoding="utf-8"), *SEED_DATA)
    assert len(rows) == 1
    protest, *cells = rows[0]
    assert protest.startswith("https://w3id.org/diplograph/id/event/protest/")
    assert cells == [
        "KR",
        "Kim Hong-kyun",
        "RU",
        "North Korea–Russia treaty of 19 June 2024",
        "2024-06-21",
        "summons",
    ]


def test_named_query_protests_falls_back_to_form_local_name_without_ontology() -> None:
    rows = run_both((QUERIES / "protests.rq").read_text(encoding="utf-8"), SEED)
    assert [row[-1] for row in rows] == ["FormSummons"]


EXPECTED_EVENTS = [
    # type, actor, target, date, a phrase of the evidence sentence
    ("Accusation", "Kim Hong-kyun", "RU", "", "melanggar resolusi DK PBB"),
    ("Demand", "KR", "RU", "", "Korea Selatan mendesak Rusia"),
    ("PolicyReview", "Chang Ho-jin", "", "", "mempertimbangkan kembali"),
    ("Protest", "KR", "RU", "2024-06-21", "mengajukan protes"),
    ("Signing", "Kim Jong Un ; Vladimir Putin", "", "2024-06-19", "yang ditandatangani Presiden Rusia"),
    ("StateVisit", "Vladimir Putin", "VN", "", "kunjungan kenegaraan ke Vietnam"),
    ("Statement", "Georgy Zinoviev", "KR", "", "mengancam dan memeras"),
    ("Statement", "Kim Hong-kyun", "", "", "dilansir ANTARA"),
    ("Summit", "KP ; RU", "", "2024-06-19", "pertemuan puncak di Pyongyang"),
    (
        "Summons",
        "Ministry of Foreign Affairs of South Korea",
        "Georgy Zinoviev",
        "2024-06-21",
        "memanggil Dubes",
    ),
    ("Warning", "Vladimir Putin", "KR", "", "kesalahan yang sangat besar"),
]


def test_named_query_events_on_seed_fixture() -> None:
    rows = run_both((QUERIES / "events.rq").read_text(encoding="utf-8"), *SEED_DATA)
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
    assert all(r[0].startswith(f"https://w3id.org/diplograph/id/event/{r[1].lower()}/") for r in rows)
    got = sorted((r[1], r[2], r[3], r[4], r[5]) for r in rows)
    assert len(got) == len(EXPECTED_EVENTS)
    for (typ, actor, target, date, evidence), expected in zip(got, EXPECTED_EVENTS, strict=True):
        assert (typ, actor, target, date) == expected[:4]
        assert expected[4] in evidence


def test_named_query_events_type_is_most_specific_class(tmp_path: Path) -> None:
    data = tmp_path / "typed.ttl"
    data.write_text(
        (FIXTURES / "valid" / "protest-with-sentence-evidence.ttl").read_text(encoding="utf-8")
        + "\n<https://w3id.org/diplograph/id/event/protest/0000000000000001> a dg:DiplomaticEvent .\n"
        + "<https://w3id.org/diplograph/id/event/x/1> a dg:DiplomaticEvent .\n",
        encoding="utf-8",
    )
    rows = run_both((QUERIES / "events.rq").read_text(encoding="utf-8"), data, FIXTURES / "common.ttl")
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [
        ("Protest", "KR", "RU", "2024-06"),
        ("DiplomaticEvent", "", "", ""),
    ]
    assert rows[0][5] == "Korsel memprotes Rusia."


EVENT_CLASS_NAMES = {"DiplomaticEvent", *EVENT_CODES}


@pytest.mark.parametrize(
    "path",
    [p for p in query_files() if "VALUES ?cls" in p.read_text(encoding="utf-8")],
    ids=lambda p: p.name,
)
def test_query_event_class_list_matches_ontology(path: Path) -> None:
    ontology_events = {
        local(s) for s in ontology().subjects(RDFS.subClassOf, DG.DiplomaticEvent) if isinstance(s, URIRef)
    }
    assert ontology_events | {"DiplomaticEvent"} == EVENT_CLASS_NAMES
    values = re.search(r"VALUES \?cls \{([^}]*)\}", path.read_text(encoding="utf-8"))
    assert values is not None
    listed = set(re.findall(r"dg:(\w+)", values.group(1)))
    assert listed >= EVENT_CLASS_NAMES


# ----------------------------------------------------------------------------------------------- checks


CHECK_FILES = sorted(CHECKS.glob("*.rq"))
VALID_FIXTURES = sorted((FIXTURES / "valid").glob("*.ttl"))


def test_checks_exist_and_are_named_violation() -> None:
    assert len(CHECK_FILES) >= 3
    assert all(p.name.endswith("-violation.rq") for p in CHECK_FILES)


@pytest.mark.parametrize("fixture", VALID_FIXTURES, ids=lambda p: p.stem)
@pytest.mark.parametrize("check", CHECK_FILES, ids=lambda p: p.stem)
def test_check_returns_no_rows_on_valid_fixture(check: Path, fixture: Path) -> None:
    assert run_both(check.read_text(encoding="utf-8"), fixture, FIXTURES / "common.ttl", ONTOLOGY) == []


BAD_ANCHOR = """
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/diplograph/id/article/fixture#char=7,12> a nif:Phrase ;
    nif:beginIndex "7"^^xsd:nonNegativeInteger ; nif:endIndex "12"^^xsd:nonNegativeInteger ;
    nif:anchorOf "Rusia" ;
    nif:referenceContext <https://w3id.org/diplograph/id/article/fixture> .
"""
NO_PROVENANCE = """
@prefix dg: <https://w3id.org/diplograph/ontology#> .
<https://w3id.org/diplograph/id/place/seoul> a dg:Place .
"""


@pytest.mark.parametrize(
    ("check", "fixture", "expected"),
    [
        ("event-without-evidence", "invalid/EventShape-002.ttl", "event/summons/0000000000000003"),
        ("official-without-post", "invalid/OfficialShape-001.ttl", "person/chang-ho-jin"),
        ("official-without-post", "invalid/OfficialShape-002.ttl", "person/kim-hong-kyun"),
        ("state-without-wikidata", "invalid/StateShape-002.ttl", "state/UA"),
        ("state-without-wikidata", "invalid/StateShape-004.ttl", "state/UA"),
        ("mention-anchor", BAD_ANCHOR, "article/fixture#char=7,12"),
        ("entity-without-provenance", NO_PROVENANCE, "place/seoul"),
    ],
    ids=lambda v: v if len(v) < 40 and "\n" not in v else "inline",
)
def test_check_reports_violation(check: str, fixture: str, expected: str, tmp_path: Path) -> None:
    if fixture.endswith(".ttl"):
        data = FIXTURES / fixture
    else:
        data = tmp_path / "bad.ttl"
        data.write_text(fixture, encoding="utf-8")
    rows = run_both(
        (CHECKS / f"{check}-violation.rq").read_text(encoding="utf-8"), data, FIXTURES / "common.ttl"
    )
    assert [row[0] for row in rows] == [f"https://w3id.org/diplograph/id/{expected}"]
