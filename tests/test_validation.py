"""The fast validation path (kg.rdf.validation.validate_graph) against the documented one.

``validate_graph`` computes the RDFS closure itself and runs pySHACL without inference;
``validate_graph_reference`` runs ``pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology,
inference="rdfs")``. They must report the same violations, on every shape fixture and on broken graphs.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SH

from kg.rdf.validation import rdfs_closure, validate_graph, validate_graph_reference

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


# ------------------------------------------------------------------ shapes compiled to checks (kg.rdf.shacl)

SHAPE_PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""
DATA = """
ex:a a ex:C ; ex:p "x" , "Yy"@en , 3 ; ex:q ex:b , ex:c ; ex:r "2024-13-01"^^xsd:date ;
    ex:s "Ab" ; ex:l "Zz"@de .
ex:b a ex:D ; ex:p "ab" .
ex:c a ex:Sub ; ex:p _:n .
ex:Sub rdfs:subClassOf ex:D .
_:n ex:p "blank" .
"""
# (name, the constraints of one property shape on ex:p / ex:q / ex:r / ex:s / ex:l of every ex:C, conforms)
CONSTRAINTS = [
    # one kind of value each, so that the constraint alone decides (the seventh mutation round: a
    # language-tagged string that is no rdf:langString, a flag of sh:flags not applied)
    (
        "datatype-langString-ok",
        "sh:path ex:l ; sh:datatype <http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>",
        True,
    ),
    ("datatype-string-ok", "sh:path ex:s ; sh:datatype xsd:string", True),
    ("datatype-string-not-a-tagged-one", "sh:path ex:l ; sh:datatype xsd:string", False),
    ("pattern-flags-ok", 'sh:path ex:s ; sh:pattern "^[a-z]+$" ; sh:flags "i"', True),
    ("pattern-case-fails", 'sh:path ex:s ; sh:pattern "^[a-z]+$"', False),
    ("minCount-ok", "sh:path ex:p ; sh:minCount 3", True),
    ("minCount-fails", "sh:path ex:p ; sh:minCount 4", False),
    ("maxCount-fails", "sh:path ex:q ; sh:maxCount 1", False),
    ("datatype-string", "sh:path ex:p ; sh:datatype xsd:string", False),
    (
        "datatype-langString",
        "sh:path ex:p ; sh:datatype <http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>",
        False,
    ),
    ("datatype-ill-typed-date", "sh:path ex:r ; sh:datatype xsd:date", False),
    ("datatype-literal", "sh:path ex:p ; sh:datatype rdfs:Literal", True),
    ("nodeKind-iri", "sh:path ex:q ; sh:nodeKind sh:IRI", True),
    ("nodeKind-literal-fails", "sh:path ex:q ; sh:nodeKind sh:Literal", False),
    ("pattern-flags", 'sh:path ex:p ; sh:pattern "^[a-z]+$" ; sh:flags "i"', False),
    ("pattern-fails", 'sh:path ex:p ; sh:pattern "^x$"', False),
    ("in", 'sh:path ex:p ; sh:in ( "x" "Yy"@en 3 )', True),
    ("in-fails", 'sh:path ex:p ; sh:in ( "x" )', False),
    ("class-subclass", "sh:path ex:q ; sh:class ex:D", True),
    ("class-fails", "sh:path ex:q ; sh:class ex:Sub", False),
    ("or", "sh:path ex:q ; sh:or ( [ sh:class ex:Sub ] [ sh:nodeKind sh:BlankNode ] )", False),
    ("node-details", "sh:path ex:q ; sh:node ex:Inner", False),
    (
        "qualified-min",
        "sh:path ex:q ; sh:qualifiedValueShape [ sh:class ex:Sub ] ; sh:qualifiedMinCount 2",
        False,
    ),
    (
        "qualified-max",
        "sh:path ex:q ; sh:qualifiedValueShape [ sh:class ex:D ] ; sh:qualifiedMaxCount 1",
        False,
    ),
]
INNER = """
ex:Inner a sh:NodeShape ; sh:class ex:Sub ; sh:message "inner node" ;
    sh:property [ sh:path ex:p ; sh:datatype xsd:string ; sh:message "inner p" ] .
"""


def _shapes_graph(body: str, target: str = "sh:targetClass ex:C") -> Graph:
    text = f"""{SHAPE_PREFIXES}
ex:S a sh:NodeShape ; {target} ;
    sh:property [ {body} ; sh:message "m" ] .
{INNER}"""
    return Graph().parse(data=text, format="turtle")


def _validate_both(shapes_graph: Graph) -> tuple[object, object]:
    from kg.rdf.validation import validate_triples

    data = Graph().parse(data=SHAPE_PREFIXES + DATA, format="turtle")
    ontology = Graph()
    return validate_triples(data, ontology, shapes_graph), validate_graph_reference(
        data, ontology, shapes_graph
    )


@pytest.mark.parametrize(("name", "body", "conforms"), CONSTRAINTS, ids=[c[0] for c in CONSTRAINTS])
def test_compiled_constraint_reports_what_pyshacl_reports(name, body, conforms):
    from kg.rdf.shacl import compile_shapes

    graph = _shapes_graph(body)
    assert compile_shapes(graph, str) is not None
    compiled, reference = _validate_both(graph)
    assert compiled == reference
    assert compiled.conforms == conforms


@pytest.mark.parametrize(
    "target", ["sh:targetSubjectsOf ex:q", "sh:targetObjectsOf ex:q", "sh:targetNode ex:b , ex:zzz"]
)
def test_compiled_targets_report_what_pyshacl_reports(target):
    compiled, reference = _validate_both(
        _shapes_graph("sh:path ex:p ; sh:minCount 1 ; sh:datatype xsd:string", target)
    )
    assert compiled == reference
    assert not compiled.conforms


@pytest.mark.parametrize(
    "body",
    [
        "sh:path [ sh:inversePath ex:q ] ; sh:minCount 1",  # a path expression
        "sh:path ex:p ; sh:hasValue 3",  # a constraint not compiled
        "sh:path ex:p ; sh:minCount 1 ; sh:severity sh:Warning",
    ],
)
def test_shapes_beyond_the_compiled_subset_fall_back_to_pyshacl(body):
    from kg.rdf.shacl import compile_shapes

    graph = _shapes_graph(body)
    assert compile_shapes(graph, str) is None
    compiled, reference = _validate_both(graph)
    assert compiled == reference


def test_shipped_shapes_compile(shapes):
    from kg.rdf.shacl import compile_shapes

    compiled = compile_shapes(shapes[1], str)
    assert compiled is not None
    assert (
        len(compiled.shapes) == len(set(shapes[1].subjects(RDF.type, SH.NodeShape))) - 1
    )  # PostShape: via sh:node


def test_validation_keeps_trivia_when_the_ontology_makes_them_matter():
    # rdfs:Resource ⊑ ex:Thing: every node becomes an ex:Thing, which a shape then checks
    ontology = Graph().parse(
        data=SHAPE_PREFIXES + "rdfs:Resource rdfs:subClassOf ex:Thing .", format="turtle"
    )
    shapes = _shapes_graph("sh:path ex:p ; sh:minCount 1", target="sh:targetClass ex:Thing")
    data = Graph().parse(data=SHAPE_PREFIXES + "ex:a ex:p 1 . ex:b ex:q ex:a .", format="turtle")
    from kg.rdf.validation import validate_triples

    compiled = validate_triples(data, ontology, shapes)
    assert compiled == validate_graph_reference(data, ontology, shapes)
    assert {v.focus for v in compiled.violations} >= {"http://example.org/b"}


# ------------------------------------------------------------- the shipped inoculated ontology axioms


def test_shipped_inoculated_axioms_are_pyshacls_inoculation_of_the_ontology():
    from rdflib.compare import isomorphic

    from kg.rdf.validation import ontology_file
    from tools.gen_inoculated import ONTOLOGY, inoculated, render

    ontology = Graph().parse(ONTOLOGY, format="turtle")
    shipped = Graph().parse(data=ontology_file("kg-inoculated.nt"), format="nt")
    assert isomorphic(shipped, inoculated(ontology))
    assert render(ontology) == ontology_file("kg-inoculated.nt")  # byte for byte: regenerate if stale


def test_building_an_article_does_not_import_pyshacl(tmp_path):
    import subprocess
    import sys

    from .conftest import SEED

    code = (
        "import sys, datetime as dt\n"
        "from pathlib import Path\n"
        "from kg.build import build\n"
        "from kg.lexicon.resources import load_resources\n"
        f"build([Path({str(SEED)!r})], Path({str(tmp_path)!r}), load_resources(), today=dt.date(2026, 11, 27),"
        " html=False)\n"
        "print(sorted(m for m in sys.modules if m.startswith('pyshacl')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / f"{SEED.stem}.ttl").exists()


def test_a_changed_ontology_is_inoculated_by_pyshacl_not_read_from_the_shipped_file(shapes):
    from kg.rdf.validation import _is_packaged, load_ontology

    ontology, shape_graph = load_ontology()
    assert _is_packaged(ontology)
    ontology.add((DG.Summons, RDFS.subClassOf, DG.Treaty))  # now a summons must have two parties
    assert not _is_packaged(ontology)
    data = _fixture(FIXTURES / "valid" / "seed-000.ttl")
    report = validate_graph(data, ontology, shape_graph)
    assert report == validate_graph_reference(data, ontology, shape_graph)
    assert any(v.shape == "dgsh:TreatyShape" for v in report.violations)


def test_kg_validate_reference_switches_triples_validation_to_the_documented_call(shapes, monkeypatch):
    import kg.rdf.validation
    from kg.rdf.validation import validate_triples

    calls = []
    real = kg.rdf.validation.validate_graph_reference
    monkeypatch.setattr(kg.rdf.validation, "validate_graph_reference", lambda *a: calls.append(a) or real(*a))
    data = _fixture(FIXTURES / "invalid" / "OfficialShape-002.ttl")
    fast = validate_triples(frozenset(data), *shapes)
    assert calls == []
    monkeypatch.setenv("KG_VALIDATE_REFERENCE", "1")
    assert validate_triples(frozenset(data), *shapes) == fast
    assert len(calls) == 1 and len(calls[0][0]) == len(data)


# ------------------------------------------------- the one-pass closure over the fixed ontology


def _as_sets(instances, by_pred):
    classes = {c: frozenset(m) for c, m in instances.items() if m}
    pairs = {p: frozenset(v) for p, v in by_pred.items() if v}
    return classes, pairs


@pytest.mark.parametrize(
    "article", sorted((ROOT / "tests" / "corpus").glob("*.txt"))[:12], ids=lambda p: p.stem
)
def test_one_pass_closure_derives_what_the_rule_engine_derives(shapes, resources, article):
    import datetime as dt

    from kg.build import article_triples
    from kg.rdf.validation import _compiled, _fixed, _ontology_closure, _prepared

    ontology = shapes[0]
    triples = article_triples(article, resources, dt.date(2026, 11, 27))
    closure = _ontology_closure(ontology).copy()
    closure.add_given(triples, trivia=False)
    index = _fixed(ontology).index(triples)
    assert index is not None
    assert _as_sets(*index) == _as_sets(closure.instances, closure.by_pred)
    assert len(_as_sets(*index)[0]) > 10  # the article's classes and the ontology's
    # what the compiled checks read, and only that, is indexed when they say what they read
    compiled = _prepared(shapes[1], _compiled)
    assert compiled is not None and compiled.predicates and compiled.classes
    reads = (compiled.predicates, compiled.classes)
    kept = _fixed(ontology).index(triples, reads)
    assert kept is not None
    classes, pairs = _as_sets(*index)
    kept_classes, kept_pairs = _as_sets(*kept)
    assert {c: v for c, v in kept_classes.items() if c in compiled.classes} == {
        c: v for c, v in classes.items() if c in compiled.classes
    }
    assert {p: v for p, v in kept_pairs.items() if p in compiled.predicates} == {
        p: v for p, v in pairs.items() if p in compiled.predicates
    }
    assert sum(map(len, kept_pairs.values())) < sum(map(len, pairs.values()))


@pytest.mark.parametrize(
    "extra",
    [
        "ex:Special rdfs:subClassOf dg:State .",  # the data states schema
        "ex:Kind a rdfs:Class .",  # an instance of rdfs:Class implies sub-class triples
    ],
)
def test_one_pass_closure_leaves_data_that_states_schema_to_the_rule_engine(shapes, seed_graph, extra):
    from kg.rdf.validation import _fixed, validate_triples

    ontology, shape_graph = shapes
    data = Graph()
    for triple in seed_graph:
        data.add(triple)
    data.parse(
        data=SHAPE_PREFIXES + "@prefix dg: <https://w3id.org/diplograph/ontology#> .\n" + extra,
        format="turtle",
    )
    assert _fixed(ontology).index(frozenset(data)) is None
    assert validate_triples(frozenset(data), ontology, shape_graph) == validate_graph_reference(
        data, ontology, shape_graph
    )


@pytest.mark.parametrize("name", ["kg.ttl", "shapes.ttl", "kg-inoculated.nt"])
def test_packaged_files_parse_as_rdflib_parses_them(name):
    from rdflib.compare import isomorphic

    from kg.rdf.validation import _parse, ontology_file

    fmt = "nt" if name.endswith(".nt") else "turtle"
    ours, rdflibs = _parse(ontology_file(name), fmt), Graph().parse(data=ontology_file(name), format=fmt)
    assert len(ours) == len(rdflibs) > 200
    assert isomorphic(ours, rdflibs)
    assert sorted(ours.namespaces()) == sorted(rdflibs.namespaces())


def test_compiled_datatype_test_kept_answers_are_each_literals_own():
    """sh:datatype answers are kept by the literal's identity (a batch meets the same offset literals
    again): the answer for a literal met again, or for a new literal, is what checking it gives."""
    import warnings

    from rdflib.namespace import XSD

    from kg.rdf.shacl import _datatype_test

    test = _datatype_test(XSD.date)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rdflib warns about the ill-typed dates
        good = [Literal(f"2024-01-{d:02d}", datatype=XSD.date) for d in range(1, 29)]
        bad = [Literal(f"2024-13-{d:02d}", datatype=XSD.date) for d in range(1, 29)]
    for _ in range(2):
        assert all(test(None, v) for v in good)
        assert not any(test(None, v) for v in bad)
    for n in range(200):  # made and dropped: a new literal is never given another one's answer
        assert test(None, Literal(f"2024-02-{n % 28 + 1:02d}", datatype=XSD.date)) is True
        assert test(None, Literal(f"x{n}", datatype=XSD.date)) is False
        assert test(None, Literal(f"2024-02-{n % 28 + 1:02d}")) is False


def test_compiled_data_gives_each_value_once():
    """A pair met twice (two sub-properties of one path) is one value: sh:maxCount counts values."""
    from kg.rdf.shacl import Data

    s, p = URIRef("urn:x:s"), URIRef("urn:x:p")
    one, again, other = Literal("a"), Literal("a"), Literal("b")
    data = Data({}, {p: [(s, one), (s, again), (s, other), (s, one), (URIRef("urn:x:t"), other)]})
    assert data.objects(s, p) == [one, other]
    assert data.objects(URIRef("urn:x:t"), p) == [other]
    assert data.objects(URIRef("urn:x:u"), p) == []
