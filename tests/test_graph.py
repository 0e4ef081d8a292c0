"""The graph writer: IRIs, no blank nodes, strict parsers, hostile names."""

from __future__ import annotations

import pyoxigraph
import pytest
from rdflib import BNode, URIRef

from kg.rdf.export import serialize
from kg.rdf.iri import check_iri, mint


def test_graph_has_no_blank_nodes_and_every_iri_is_absolute(seed_graph):
    for triple in seed_graph:
        assert not any(isinstance(term, BNode) for term in triple)
        for term in triple:
            if isinstance(term, URIRef):
                pyoxigraph.NamedNode(str(term))


@pytest.mark.parametrize("fmt", ["ttl", "nt", "trig", "jsonld"])
def test_graph_serializations_parse_with_a_strict_parser_and_are_stable(seed_graph, fmt):
    data = serialize(seed_graph, fmt, mint("graph", "seed"))
    assert data == serialize(seed_graph, fmt, mint("graph", "seed"))
    if fmt == "jsonld":
        return
    oxi = {
        "ttl": pyoxigraph.RdfFormat.TURTLE,
        "nt": pyoxigraph.RdfFormat.N_TRIPLES,
        "trig": pyoxigraph.RdfFormat.TRIG,
    }[fmt]
    assert len(list(pyoxigraph.parse(data, format=oxi))) == len(seed_graph)


def test_graph_iri_minting_percent_encodes_and_rejects():
    assert mint("person", 'a>b"c\nd') == URIRef("https://w3id.org/diplograph/id/person/a%3Eb%22c%0Ad")
    with pytest.raises(ValueError, match="empty"):
        mint("person", "")
    with pytest.raises(ValueError, match="not an absolute IRI"):
        check_iri("no scheme")
    # a no-break space is an IRI character that pyoxigraph accepts, and no character of an identifier
    with pytest.raises(ValueError, match="not an absolute IRI"):
        check_iri("https://a\u00a0b")


def test_graph_hostile_name_yields_valid_turtle(graph_of):
    text = 'Presiden Rusia Vladimir <b>"Putin\x00 tiba. "Kami </script> menolak," kata Presiden Rusia Vladimir <b>"Putin.'
    graph = graph_of(text)
    data = serialize(graph, "ttl", mint("graph", "t"))
    assert len(list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE))) == len(graph)


def test_graph_stable_iris_across_articles(graph_of):
    a = graph_of("Presiden Rusia Vladimir Putin tiba di Hanoi.", stem="a")
    b = graph_of("Vladimir Putin, Presiden Rusia, tiba.", stem="b")
    people = {s for g in (a, b) for s in g.subjects() if "/person/" in str(s)}
    assert people == {URIRef("https://w3id.org/diplograph/id/person/vladimir-putin")}
