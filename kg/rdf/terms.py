"""RDF terms made once each, shared by the writer (:mod:`kg.rdf.graph`) and the checks (:mod:`kg.rdf.validation`).

rdflib builds and checks a new ``URIRef`` on every namespace attribute access (``DG.Protest``), and
compares two equal ``URIRef`` objects in Python (``Identifier.__eq__``). A term that is the same object
everywhere is made once and found in a set or a dict by identity, in C. :func:`canonical` gives that
object for a term; :class:`Terms` is a namespace whose attributes and items are canonical terms.
:class:`KeptByIdentity` keeps what a function gives for a term by the term's identity (the Turtle
text of a literal, an ``sh:datatype`` answer). :class:`FromOxigraph` turns what pyoxigraph parsed into
rdflib terms.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier, Node

if TYPE_CHECKING:
    import pyoxigraph as ox

_CANONICAL: dict[Node, Node] = {}
T = TypeVar("T", bound=Node)
V = TypeVar("V")


def canonical(term: T) -> T:
    """The one object kept for ``term`` (``term`` itself, the first time)."""
    return _CANONICAL.setdefault(term, term)  # type: ignore[return-value]


class Terms:
    """A namespace (an rdflib ``Namespace`` or ``DefinedNamespace``) whose terms are canonical and kept:
    after the first access, ``DG.Protest`` is a plain attribute lookup."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace
        self._items: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        term = canonical(URIRef(getattr(self._namespace, name)))
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        term = self._items.get(name)
        if term is None:
            term = self._items[name] = canonical(URIRef(self._namespace[name]))
        return term

    def __str__(self) -> str:
        return str(self._namespace)


class KeptByIdentity(Generic[T, V]):
    """What a function gives for a term, kept by the term's identity across articles: a batch meets the
    same term objects again (the writer's offsets, labels and rule ids are made once each), and a
    literal's own hash is Python code, where ``id`` is not.

    Each entry holds a reference to its term, so that the term's ``id`` is not reused while it is kept.
    Terms longer than ``longest`` characters (a sentence, an article's text) are met once and not kept;
    the table is emptied when it holds ``limit`` entries.
    """

    def __init__(self, limit: int = 20_000, longest: int = 100) -> None:
        self.entries: dict[int, tuple[T, V]] = {}
        self.limit = limit
        self.longest = longest

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, term: T, make: Callable[[T], V]) -> V:
        """``make(term)``, or what it gave for this very object before."""
        found = self.entries.get(id(term))
        if found is not None and found[0] is term:
            return found[1]
        value = make(term)
        if not (isinstance(term, Identifier) and len(term) > self.longest):
            if len(self.entries) >= self.limit:
                self.entries.clear()
            self.entries[id(term)] = (term, value)
        return value


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class FromOxigraph:
    """pyoxigraph's terms as rdflib's: pyoxigraph parses several times faster than rdflib's parsers.

    An IRI is made once per text; a blank node once per label, so one converter per file keeps the
    blank nodes of different files apart; an ``xsd:string`` literal is a plain one, as rdflib makes it.
    """

    def __init__(self) -> None:
        import pyoxigraph as ox  # here, not at import: the build path does not need it

        self._types = (ox.NamedNode, ox.BlankNode, ox.Literal)
        self._iris: dict[str, URIRef] = {}
        self._blank: dict[str, BNode] = {}

    def term(self, node: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
        """The rdflib term; ValueError for an RDF-star triple term, which rdflib cannot hold."""
        named, blank, literal = self._types
        if isinstance(node, named):
            iri = self._iris.get(node.value)
            if iri is None:
                iri = self._iris[node.value] = URIRef(node.value)
            return iri
        if isinstance(node, blank):
            return self._blank.setdefault(node.value, BNode())
        if isinstance(node, literal):
            if node.language is not None:
                return Literal(node.value, lang=node.language)
            datatype = node.datatype.value
            return Literal(node.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
        raise ValueError(f"not RDF 1.1: {node}")

    def triples(self, quads: Iterable[ox.Quad]) -> Iterator[tuple[Node, Node, Node]]:
        """The triples of ``quads`` (their graph names dropped)."""
        term = self.term
        for quad in quads:
            yield term(quad.subject), term(quad.predicate), term(quad.object)
