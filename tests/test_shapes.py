"""The SHACL shapes (kg/ontology/shapes.ttl), Brick/DASH style.

Every fixture is validated together with tests/shapes/common.ttl, the way the shapes are meant to be run:
``pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs")``.
Files in tests/shapes/valid/ must conform; a file tests/shapes/invalid/<Shape>-NNN.ttl must fail, and every
result must come from dgsh:<Shape> (a result of a property shape counts for the node shape that has it).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyoxigraph
import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "kg" / "ontology" / "kg.ttl"
SHAPES = ROOT / "kg" / "ontology" / "shapes.ttl"
FIXTURES = ROOT / "tests" / "shapes"
COMMON = FIXTURES / "common.ttl"
VALID = sorted((FIXTURES / "valid").glob("*.ttl"))
INVALID = sorted((FIXTURES / "invalid").glob("*.ttl"))

DGSH = Namespace("https://w3id.org/diplograph/shapes#")

# Constraint parameters of SHACL Core: a shape that uses one of them must say why it failed.
CONSTRAINT_PARAMETERS = {
    SH["class"],
    SH.datatype,
    SH.nodeKind,
    SH.minCount,
    SH.maxCount,
    SH.minInclusive,
    SH.maxInclusive,
    SH.minExclusive,
    SH.maxExclusive,
    SH.minLength,
    SH.maxLength,
    SH.pattern,
    SH.languageIn,
    SH.uniqueLang,
    SH.equals,
    SH.disjoint,
    SH.lessThan,
    SH.lessThanOrEquals,
    SH["not"],
    SH["and"],
    SH["or"],
    SH.xone,
    SH.node,
    SH.qualifiedValueShape,
    SH.closed,
    SH.hasValue,
    SH["in"],
    SH.sparql,
}
TARGETS = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf}


@cache
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


@cache
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def load(fixture: Path) -> Graph:
    data = Graph().parse(COMMON, format="turtle")
    data.parse(fixture, format="turtle")
    return data


@cache
def validate_fixture(fixture: Path) -> tuple[bool, Graph, str]:
    """Validation of a fixture file (with the common prelude), computed once per test session."""
    return validate(load(fixture))


def validate(data: Graph, *, with_ontology: bool = True) -> tuple[bool, Graph, str]:
    conforms, report, text = pyshacl.validate(
        data,
        shacl_graph=shapes(),
        ont_graph=ontology() if with_ontology else None,
        inference="rdfs" if with_ontology else "none",
    )
    return bool(conforms), report, str(text)


def owner(shape: Node | None) -> Node | None:
    """The node shape a property shape belongs to (itself for a node shape)."""
    return next(shapes().subjects(SH.property, shape), shape) if shape is not None else None


def failing_shapes(report: Graph) -> set[Node | None]:
    """Source shapes of the top-level results (nested sh:detail results are not counted)."""
    return {owner(report.value(result, SH.sourceShape)) for result in report.objects(None, SH.result)}


def named_shapes() -> list[URIRef]:
    return sorted(s for s in shapes().subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))


def shape_nodes() -> list[Node]:
    """Every node shape and property shape."""
    graph = shapes()
    return [*graph.subjects(RDF.type, SH.NodeShape), *graph.objects(None, SH.property)]


# ----------------------------------------------------------------------------------------------- the file


def test_shapes_parse_with_rdflib_and_pyoxigraph() -> None:
    quads = list(pyoxigraph.parse(path=str(SHAPES), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(shapes()) > 50


def test_shapes_are_in_the_dgsh_namespace() -> None:
    assert named_shapes()
    assert all(str(s).startswith(str(DGSH)) for s in named_shapes())


@pytest.mark.parametrize("shape", shape_nodes(), ids=lambda s: str(s).rsplit("#", 1)[-1][:40])
def test_shapes_every_constraint_has_english_message(shape: Node) -> None:
    graph = shapes()
    if not set(graph.predicates(shape, None)) & CONSTRAINT_PARAMETERS:
        return
    messages = [m for m in graph.objects(shape, SH.message) if isinstance(m, Literal)]
    assert any(m.language == "en" and str(m) for m in messages), (
        f"{graph.value(shape, SH.path)} has no message"
    )


def test_shapes_every_shape_with_constraints_was_checked_for_a_message() -> None:
    graph = shapes()
    constrained = [s for s in shape_nodes() if set(graph.predicates(s, None)) & CONSTRAINT_PARAMETERS]
    assert len(constrained) >= 20


def targeted_shapes() -> list[URIRef]:
    return [s for s in named_shapes() if set(shapes().predicates(s, None)) & TARGETS]


def test_shapes_targeted_shapes_are_the_documented_ones() -> None:
    names = {str(s).rsplit("#", 1)[-1] for s in targeted_shapes()}
    assert names == {
        "EntityShape",
        "EventShape",
        "MentionShape",
        "StateShape",
        "OfficialShape",
        "TreatyShape",
        "TreatyArticleShape",
        "ProtestShape",
        "DateShape",
    }


@pytest.mark.parametrize("shape", targeted_shapes(), ids=lambda s: str(s).rsplit("#", 1)[-1])
def test_shapes_every_targeted_shape_has_an_invalid_fixture(shape: URIRef) -> None:
    name = str(shape).rsplit("#", 1)[-1]
    assert any(f.stem.rsplit("-", 1)[0] == name for f in INVALID), f"no tests/shapes/invalid/{name}-NNN.ttl"


def test_shapes_post_shape_is_reached_through_official_shape() -> None:
    graph = shapes()
    assert not set(graph.predicates(DGSH.PostShape, None)) & TARGETS
    holds = next(p for p in graph.objects(DGSH.OfficialShape, SH.property) if graph.value(p, SH.node))
    assert graph.value(holds, SH.node) == DGSH.PostShape


# ----------------------------------------------------------------------------------------------- fixtures


def test_shapes_fixture_names_name_existing_shapes() -> None:
    names = {str(s).rsplit("#", 1)[-1] for s in named_shapes()}
    for fixture in INVALID:
        shape, number = fixture.stem.rsplit("-", 1)
        assert shape in names, fixture.name
        assert len(number) == 3
        assert number.isdigit()


def test_shapes_common_prelude_conforms() -> None:
    conforms, _, text = validate(Graph().parse(COMMON, format="turtle"))
    assert conforms, text


@pytest.mark.parametrize("fixture", VALID, ids=lambda p: p.stem)
def test_shapes_valid_fixture_conforms(fixture: Path) -> None:
    conforms, _, text = validate_fixture(fixture)
    assert conforms, text


@pytest.mark.parametrize("fixture", INVALID, ids=lambda p: p.stem)
def test_shapes_invalid_fixture_fails_on_named_shape(fixture: Path) -> None:
    expected = DGSH[fixture.stem.rsplit("-", 1)[0]]
    conforms, report, text = validate_fixture(fixture)
    assert not conforms, f"{fixture.name} conforms but must violate {expected}"
    assert failing_shapes(report) == {expected}, text


@pytest.mark.parametrize("fixture", INVALID, ids=lambda p: p.stem)
def test_shapes_invalid_fixture_reports_the_shape_message(fixture: Path) -> None:
    _, report, text = validate_fixture(fixture)
    messages = {str(report.value(result, SH.resultMessage)) for result in report.objects(None, SH.result)}
    expected = {
        str(m)
        for shape in [DGSH[fixture.stem.rsplit("-", 1)[0]]]
        for node in [shape, *shapes().objects(shape, SH.property)]
        for m in shapes().objects(node, SH.message)
    }
    assert messages
    assert messages <= expected, text


def test_shapes_event_subclasses_need_the_ontology_graph() -> None:
    # Documented behaviour: without ont_graph pySHACL does not know dg:Summons ⊑ dg:DiplomaticEvent,
    # so an event without evidence slips through. Always validate with ont_graph=kg.ttl.
    data = load(FIXTURES / "invalid" / "EventShape-002.ttl")
    assert validate(data, with_ontology=False)[0]
    assert not validate(data)[0]


def test_shapes_seed_fixture_breaks_when_protest_loses_its_subject(tmp_path: Path) -> None:
    data = load(FIXTURES / "valid" / "seed-000.ttl")
    dg = Namespace("https://w3id.org/diplograph/ontology#")
    protest = next(data.subjects(RDF.type, dg.Protest))
    data.remove((protest, dg.about, None))
    conforms, report, text = validate(data)
    assert not conforms
    assert failing_shapes(report) == {DGSH.ProtestShape}, text
