"""The fast validation path (kg.validation.validate_graph) against the documented one.

``validate_graph`` computes the RDFS closure itself and runs pySHACL without inference;
``validate_graph_reference`` runs ``pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology,
inference="rdfs")``. They must report the same violations, on every shape fixture and on broken graphs.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from kg.validation import rdfs_closure, validate_graph, validate_graph_reference

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "shapes"
DG = Namespace("https://w3id.org/diplograph/ontology#")
GAF = Namespace("http://groundedannotationframework.org/gaf#")


def _fixture(path: Path) -> Graph:
    data = Graph().parse(FIXTURES / "common.ttl", format="turtle")
    return data.parse(path, format="turtle")


@pytest.mark.parametrize(
    "fixture", sorted(FIXTURES.glob("*/*.ttl")), ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_validation_fast_path_reports_what_the_reference_reports(shapes, fixture):
    data = _fixture(fixture)
    fast = validate_graph(data, *shapes)
    assert fast == validate_graph_reference(data, *shapes)
    assert fast.conforms == (fixture.parent.name == "valid")


def test_validation_evidence_less_event_of_a_subclass_is_caught(shapes):
    # dg:Summons ⊑ dg:DiplomaticEvent only through the ontology: the fast path must infer it.
    data = Graph().parse(FIXTURES / "common.ttl", format="turtle")
    summons = URIRef("https://w3id.org/diplograph/id/event/summons/0000000000000009")
    data.add((summons, RDF.type, DG.Summons))
    data.add((summons, DG.actor, URIRef("https://w3id.org/diplograph/id/state/KR")))
    report = validate_graph(data, *shapes)
    assert not report.conforms
    assert [(v.shape, v.focus) for v in report.violations] == [("dgsh:EventShape", str(summons))]


def test_validation_range_typing_is_inferred(shapes):
    # rdfs:range makes a literal party a dg:State, which then fails StateShape (as with inference="rdfs")
    data = Graph().parse(FIXTURES / "valid" / "treaty-dates.ttl", format="turtle")
    data.parse(FIXTURES / "common.ttl", format="turtle")
    treaty = next(data.subjects(RDF.type, DG.Treaty))
    data.add((treaty, DG.party, Literal("Atlantis")))
    fast = validate_graph(data, *shapes)
    assert not fast.conforms
    assert fast == validate_graph_reference(data, *shapes)


@pytest.mark.parametrize("seed", range(6))
def test_validation_fast_path_agrees_on_broken_article_graphs(shapes, seed_graph, seed):
    rng = random.Random(seed)
    broken = Graph()
    triples = sorted(seed_graph)
    for triple in triples:
        if rng.random() > 0.04:
            broken.add(triple)
    fast = validate_graph(broken, *shapes)
    assert fast == validate_graph_reference(broken, *shapes)
    assert not fast.conforms


def test_validation_closure_is_owlrls_rdfs_closure(shapes, seed_graph):
    import owlrl
    from pyshacl.inference import CustomRDFSSemantics
    from pyshacl.rdfutil.inoculate import inoculate

    ontology = shapes[0]
    expected = Graph()
    for triple in seed_graph:
        expected.add(triple)
    inoculate(expected, ontology)
    owlrl.DeductiveClosure(CustomRDFSSemantics).expand(expected)

    def named(graph: Graph) -> set[tuple[object, ...]]:  # the inoculated blank nodes are copies
        return {t for t in graph if not any(isinstance(x, BNode) for x in t)}

    closed = rdfs_closure(seed_graph, ontology)
    assert len(closed) == len(expected)
    assert named(closed) == named(expected)
