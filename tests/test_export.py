"""The serializers of kg.rdf.export: Turtle and N-Triples written by hand must mean the same triples."""

from __future__ import annotations

import random

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from kg.rdf.export import ntriples_lines, serialize, turtle
from kg.rdf.iri import mint

EX = "http://example.org/ns#"
PREFIXES = [("ex", EX), ("rdfs", str(RDFS)), ("xsd", str(XSD))]

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
literals = st.one_of(
    texts.map(Literal),
    st.tuples(texts, st.sampled_from(["en", "id", "zh-hant"])).map(lambda t: Literal(t[0], lang=t[1])),
    st.integers(-(10**12), 10**12).map(Literal),
    st.booleans().map(Literal),
    st.tuples(texts, st.sampled_from([XSD.string, XSD.gYear, XSD.anyURI, URIRef(EX + "custom")])).map(
        lambda t: Literal(t[0], datatype=t[1])
    ),
)
iris = st.one_of(
    st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_-]{0,8}", fullmatch=True).map(lambda local: URIRef(EX + local)),
    st.from_regex(r"[a-z0-9/=,.~-]{1,12}", fullmatch=True).map(lambda tail: URIRef(EX + tail)),
    st.just(RDF.type),
    st.just(RDFS.label),
)
subjects = st.one_of(iris, st.from_regex(r"b[0-9]{1,3}", fullmatch=True).map(BNode))
triples = st.sets(st.tuples(subjects, iris, st.one_of(iris, literals)), max_size=25)


def _oxigraph_triples(data: bytes, fmt: ox.RdfFormat) -> set[str]:
    return {str(q) for q in ox.parse(data, format=fmt)}


def _canonical(graph_triples: set[tuple[object, object, object]]) -> set[str]:
    """The triples as pyoxigraph prints them, via a round trip through rdflib's N-Triples."""
    g = Graph()
    for t in graph_triples:
        g.add(t)
    return _oxigraph_triples(g.serialize(format="nt").encode(), ox.RdfFormat.N_TRIPLES)


def _graph(ts: object) -> Graph:
    """A graph of the triples, an explicit xsd:string literal made simple (RDF 1.1: the same literal)."""
    g = Graph()
    for s, p, o in ts:  # type: ignore[attr-defined]
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        g.add((s, p, o))
    return g


@settings(max_examples=150, deadline=None)
@given(triples)
def test_turtle_means_the_same_triples_to_rdflib_and_oxigraph(ts):
    text = turtle(ts, PREFIXES)
    assert isomorphic(Graph().parse(data=text, format="turtle"), _graph(ts))
    via_oxigraph = ox.serialize(
        ox.parse(text.encode(), format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES
    )
    assert isomorphic(Graph().parse(data=via_oxigraph, format="nt"), _graph(ts))


@settings(max_examples=150, deadline=None)
@given(triples)
def test_ntriples_lines_are_oxigraphs_canonical_ntriples(ts):
    ours = ntriples_lines(ts)
    assert ours == sorted(set(ours))
    named = {t for t in ts if not any(isinstance(x, BNode) for x in t)}
    ox_lines = ox.serialize(
        [ox.Triple(*(_ox(x) for x in t)) for t in named], format=ox.RdfFormat.N_TRIPLES
    ).decode()
    # only "\n" ends a line in N-Triples (not U+0085 or U+2028, which str.splitlines would split at)
    assert sorted({line + "\n" for line in ox_lines.split("\n") if line}) == ntriples_lines(named)


def _ox(term: object) -> object:
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    return ox.NamedNode(str(term))


def test_turtle_is_the_same_whatever_the_order_of_the_triples(seed_graph):
    ts = list(seed_graph)
    first = turtle(ts, PREFIXES)
    random.Random(3).shuffle(ts)
    assert turtle(ts, PREFIXES) == first


def test_turtle_abbreviates_only_plain_local_names_and_declares_only_used_prefixes():
    s = mint("state", "KR")
    text = turtle(
        [
            (s, RDF.type, URIRef(EX + "State")),
            (s, URIRef(EX + "a/b"), Literal(3)),
            (s, RDFS.label, Literal("x")),
        ],
        PREFIXES,
    )
    assert text.splitlines()[:2] == [f"@prefix ex: <{EX}> .", f"@prefix rdfs: <{RDFS}> ."]
    assert "xsd:" not in text  # an integer is written bare
    assert f"<{s}> a ex:State ;" in text  # the dgr: IRI has a '/' in its local part: written in full
    assert f"<{EX}a/b> 3" in text
    assert text.index("rdfs:label") < text.index(f"<{EX}a/b>")  # a, then labels, then the rest


def test_turtle_texts_kept_across_calls_change_nothing(seed_graph, monkeypatch):
    """The texts kept from one call to the next (and dropped when a table is full) give what new
    ones give: the prefixes each call declares are its own, and a kept literal is the same object."""
    from kg.rdf import export

    ts = list(seed_graph)
    fresh = turtle(ts, PREFIXES)
    assert turtle(ts, PREFIXES) == fresh  # the second time from kept texts
    small = export._Texts(tuple(PREFIXES), limit=5)  # emptied again and again
    monkeypatch.setitem(export._TEXTS, tuple(PREFIXES), small)
    assert turtle(ts, PREFIXES) == fresh
    assert len(small.iris) <= 5 and len(small.literals) <= 5
    s = mint("state", "KR")
    assert turtle([(s, RDFS.label, Literal("x"))], PREFIXES).startswith("@prefix rdfs:")
    assert "xsd:" not in turtle([(s, RDFS.label, Literal("x"))], PREFIXES)  # only what this call used
    for n in range(50):  # literals made and dropped: a kept text is never another literal's
        value = Literal(f"{n}", datatype=XSD.date if n % 2 else None)
        assert turtle([(s, RDFS.label, value)], PREFIXES).endswith(
            f'"{n}"^^xsd:date .\n' if n % 2 else f'"{n}" .\n'
        )


def test_serialize_formats_agree_on_the_seed(seed_graph):
    name = mint("graph", "seed")
    expected = _canonical(set(seed_graph))
    assert _oxigraph_triples(serialize(seed_graph, "ttl", name), ox.RdfFormat.TURTLE) == expected
    assert _oxigraph_triples(serialize(seed_graph, "nt", name), ox.RdfFormat.N_TRIPLES) == expected
    quads = list(ox.parse(serialize(seed_graph, "trig", name), format=ox.RdfFormat.TRIG))
    assert {str(q.graph_name) for q in quads} == {f"<{name}>"}
    assert {str(q.triple) for q in quads} == expected


def test_write_atomic_streams_chunks_and_keeps_the_old_file_when_they_fail(tmp_path):
    import pytest

    from kg.rdf.export import temp_files, write_atomic

    target = tmp_path / "merged.nq"
    write_atomic(target, (part for part in [b"a\n", b"b\n"]))
    assert target.read_bytes() == b"a\nb\n"

    def failing():
        yield b"c\n"
        raise RuntimeError("the merge failed half-way")

    with pytest.raises(RuntimeError):
        write_atomic(target, failing())
    assert target.read_bytes() == b"a\nb\n"
    assert temp_files(target) == []


def test_kept_by_identity_gives_each_term_its_own_value():
    from kg.rdf.terms import KeptByIdentity

    calls: list[object] = []

    def make(term: Literal) -> str:
        calls.append(term)
        return f"<{term}>"

    kept: KeptByIdentity[Literal, str] = KeptByIdentity(limit=3, longest=5)
    one = Literal("one")
    assert kept.get(one, make) == "<one>" and kept.get(one, make) == "<one>"
    assert calls == [one]  # the same object: made once
    assert kept.get(Literal("one"), make) == "<one>" and len(calls) == 2  # an equal one is another term
    long = Literal("a whole sentence")
    assert kept.get(long, make) == "<a whole sentence>" and kept.get(long, make) == "<a whole sentence>"
    assert len(calls) == 4  # longer than 5 characters: not kept
    for n in range(10):
        assert kept.get(Literal(str(n)), make) == f"<{n}>"
        assert len(kept) <= 3
