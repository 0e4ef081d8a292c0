"""Check a graph against the SHACL shapes in ``ontology/shapes.ttl`` (with the ontology for subclasses).

The shapes are meant to be run as ``pyshacl.validate(data, shacl_graph=shapes, ont_graph=kg.ttl,
inference="rdfs")`` (:func:`validate_graph_reference` does exactly that). pySHACL then copies the
ontology's axioms into a clone of the data graph ("inoculation") and runs owlrl's RDFS closure over it,
which costs ~0.5 s for one article. :func:`validate_graph` computes the *same* closure itself (the
rules of pySHACL's RDFS semantics: rdf1, rdfs2-rdfs13, no axiomatic triples; see :class:`_Closure`),
with the ontology's part prepared once per process, and runs pySHACL with ``inference="none"`` over the
result: the shapes see the same graph, so they report the same violations (tests/test_validation.py
checks the two paths agree on every shape fixture and on broken article graphs). ``KG_VALIDATE_REFERENCE=1``
makes ``validate_graph`` take the documented path (bench/ measures the difference).

``validate_graph`` returns a :class:`Report`; the exit codes of ``kg validate`` follow pySHACL's:
0 conforms, 1 does not conform, 2 error.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources as importlib_resources
from typing import TYPE_CHECKING, Any, TypeVar, cast

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from kg.rdf.terms import Terms, canonical

if TYPE_CHECKING:
    from rdflib.term import Node

    from kg.rdf.shacl import CompiledShapes

    Triple = tuple[Node, Node, Node]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Violation:
    """One failed constraint: the shape, the node it failed on, and the shape's message."""

    shape: str
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        path = f" {self.path}" if self.path else ""
        return f"{self.shape} failed on <{self.focus}>{path}: {self.message}"


@dataclass(frozen=True, slots=True)
class Report:
    """Whether a graph conforms, and every violation (sorted, so reports are stable)."""

    conforms: bool
    violations: tuple[Violation, ...]


def ontology_file(name: str) -> str:
    """The text of a packaged ontology file (``kg.ttl``, ``shapes.ttl``, ``queries/...``)."""
    return (importlib_resources.files("kg") / "ontology" / name).read_text(encoding="utf-8")


def load_ontology() -> tuple[Graph, Graph]:
    """The ontology and the shapes, parsed."""
    ontology = _parse(ontology_file("kg.ttl"), "turtle")
    shapes = _parse(ontology_file("shapes.ttl"), "turtle")
    _PACKAGED[id(ontology)] = (ontology, len(ontology))
    return ontology, shapes


def _parse(text: str, fmt: str) -> Graph:
    """``Graph().parse(data=text, format=fmt)`` (``turtle`` or ``nt``), with pyoxigraph's parser: the
    packaged files are read at every start, and rdflib's parsers take three times as long."""
    import pyoxigraph as ox

    from kg.rdf.terms import FromOxigraph

    parser = ox.parse(text, {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}[fmt])
    graph = Graph()
    graph.addN((s, p, o, graph) for s, p, o in FromOxigraph().triples(parser))
    for prefix, namespace in parser.prefixes.items():
        graph.bind(prefix, namespace, override=False)
    return graph


_PACKAGED: dict[int, tuple[Graph, int]] = {}
"""The ontology graphs :func:`load_ontology` parsed, with their size then (a changed graph is not the
packaged ontology any more): their inoculated axioms are shipped (``kg-inoculated.nt``)."""


def _is_packaged(ontology: Graph) -> bool:
    found = _PACKAGED.get(id(ontology))
    return found is not None and found[0] is ontology and found[1] == len(ontology)


def _short(node: object, graph: Graph) -> str:
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(node)
        except ValueError:
            return str(node)
    return "" if node is None else str(node)


# ------------------------------------------------------------------------------------- RDFS closure


_RDF, _RDFS = Terms(RDF), Terms(RDFS)  # canonical terms: the writer's, found by identity
_TYPE = _RDF.type
_PROPERTY = _RDF.Property
_RESOURCE = _RDFS.Resource
_SUBCLASS = _RDFS.subClassOf
_SUBPROPERTY = _RDFS.subPropertyOf
_DOMAIN = _RDFS.domain
_RANGE = _RDFS.range
_CLASS_RULES = {  # rdfs6, rdfs8 + rdfs10, rdfs12, rdfs13: what typing a node with the class implies
    _RDF.Property: ((_SUBPROPERTY, None),),
    _RDFS.Class: ((_SUBCLASS, _RESOURCE), (_SUBCLASS, None)),
    _RDFS.ContainerMembershipProperty: ((_SUBPROPERTY, _RDFS.member),),
    _RDFS.Datatype: ((_SUBCLASS, _RDFS.Literal),),
}


_SCHEMA_KIND: dict[Node, str] = {
    _TYPE: "type",
    _SUBCLASS: "sub",
    _SUBPROPERTY: "sub",
    _DOMAIN: "domain",
    _RANGE: "range",
}


class _Closure:
    """The RDFS closure pySHACL computes with ``inference="rdfs"`` (owlrl's RDFS_Semantics without
    its one-time literal rules, no axiomatic triples), as a semi-naive forward chainer over indexes.

    Rules: rdf1 (p a rdf:Property), rdfs2 (domain), rdfs3 (range, literal objects too, as owlrl),
    rdfs4a/b (subjects and objects of the *given* triples are rdfs:Resource), rdfs5 and rdfs11
    (transitivity), rdfs6, rdfs7 (sub-properties), rdfs8, rdfs9 (sub-classes), rdfs10, rdfs12 and
    rdfs13 (a datatype is a sub-class of rdfs:Literal).
    """

    def __init__(self) -> None:
        self.triples: set[Triple] = set()
        self.by_pred: dict[Node, list[tuple[Node, Node]]] = {}
        self.instances: dict[Node, set[Node]] = {}
        self.sub: dict[Node, dict[Node, set[Node]]] = {_SUBCLASS: {}, _SUBPROPERTY: {}}
        self.sup: dict[Node, dict[Node, set[Node]]] = {_SUBCLASS: {}, _SUBPROPERTY: {}}
        self.domain: dict[Node, set[Node]] = {}
        self.range: dict[Node, set[Node]] = {}
        self.nodes: set[Node] = set()  # subjects and objects of the given triples (rdfs4)
        self.predicates: set[Node] = set()  # predicates seen (rdf1)
        self._queue: deque[Triple] = deque()

    def copy(self) -> _Closure:
        new = _Closure()
        new.triples = set(self.triples)
        new.by_pred = {k: list(v) for k, v in self.by_pred.items()}
        new.instances = {k: set(v) for k, v in self.instances.items()}
        new.sub = {r: {k: set(v) for k, v in d.items()} for r, d in self.sub.items()}
        new.sup = {r: {k: set(v) for k, v in d.items()} for r, d in self.sup.items()}
        new.domain = {k: set(v) for k, v in self.domain.items()}
        new.range = {k: set(v) for k, v in self.range.items()}
        new.nodes = set(self.nodes)
        new.predicates = set(self.predicates)
        return new

    def add_given(self, triples: Iterable[Triple], *, trivia: bool = True) -> None:
        """Add asserted triples (rdfs4a/b apply to these) and run the rules to the fixpoint.

        Without ``trivia`` rdfs4a/b and rdf1 are left out: no ``rdf:type rdfs:Resource`` /
        ``rdf:Property`` triple is made (nor, then, a reflexive ``rdfs:subPropertyOf``). Only for when
        :meth:`trivia_are_inert`: then the closure is the full one less those triples.
        """
        put = self._put
        if trivia:
            nodes = self.nodes
            for s, p, o in triples:
                put((s, p, o))
                for node in (s, o):
                    if node not in nodes:
                        nodes.add(node)
                        put((node, _TYPE, _RESOURCE))
        else:
            for triple in triples:
                put(triple)
        self._run(trivia)

    def trivia_are_inert(self) -> bool:
        """Whether ``rdf:type rdfs:Resource`` / ``rdf:Property`` and reflexive sub-class / sub-property
        triples imply nothing here but more of themselves (no super-class of rdfs:Resource or
        rdf:Property, no domain, range or super-property of rdf:type or the sub-relations)."""
        subclass, subproperty = self.sup[_SUBCLASS], self.sup[_SUBPROPERTY]
        if subclass.get(_RESOURCE, set()) - {_RESOURCE}:
            return False
        if subclass.get(_PROPERTY, set()) - {_PROPERTY, _RESOURCE}:
            return False
        return not any(
            self.domain.get(p) or self.range.get(p) or subproperty.get(p, set()) - {p}
            for p in (_TYPE, _SUBCLASS, _SUBPROPERTY)
        )

    def _put(self, triple: Triple) -> None:
        if triple not in self.triples:
            self.triples.add(triple)
            self._queue.append(triple)

    def _run(self, trivia: bool = True) -> None:
        put, queue, predicates, by_pred = self._put, self._queue, self.predicates, self.by_pred
        domain, range_, sup_property = self.domain, self.range, self.sup[_SUBPROPERTY]
        while queue:
            s, p, o = queue.popleft()
            pairs = by_pred.get(p)
            if pairs is None:
                pairs = by_pred[p] = []
                if trivia and p not in predicates:  # rdf1
                    predicates.add(p)
                    put((p, _TYPE, _PROPERTY))
            pairs.append((s, o))
            for c in domain.get(p, ()):  # rdfs2
                put((s, _TYPE, c))
            for c in range_.get(p, ()):  # rdfs3
                put((o, _TYPE, c))
            for q in sup_property.get(p, ()):  # rdfs7
                put((s, q, o))
            kind = _SCHEMA_KIND.get(p)
            if kind == "type":
                self._type_rules(s, o)
            elif kind == "sub":
                self._sub_rules(s, p, o)
            elif kind is not None:
                self._domain_range_rules(kind, s, o)

    def _domain_range_rules(self, kind: str, s: Node, o: Node) -> None:
        """``s rdfs:domain o`` (rdfs2) or ``s rdfs:range o`` (rdfs3) met after triples using ``s``."""
        if kind == "domain":
            self.domain.setdefault(s, set()).add(o)
            for u, _ in self.by_pred.get(s, ()):
                self._put((u, _TYPE, o))
        else:
            self.range.setdefault(s, set()).add(o)
            for _, v in self.by_pred.get(s, ()):
                self._put((v, _TYPE, o))

    def _type_rules(self, s: Node, o: Node) -> None:
        self.instances.setdefault(o, set()).add(s)
        for c in self.sup[_SUBCLASS].get(o, ()):  # rdfs9
            self._put((s, _TYPE, c))
        for relation, value in _CLASS_RULES.get(o, ()):  # type: ignore[call-overload]
            self._put((s, relation, s if value is None else value))

    def _sub_rules(self, s: Node, p: Node, o: Node) -> None:
        self.sup[p].setdefault(s, set()).add(o)
        self.sub[p].setdefault(o, set()).add(s)
        for x in list(self.sup[p].get(o, ())):  # rdfs5 / rdfs11, s ⊑ o ⊑ x
            self._put((s, p, x))
        for z in list(self.sub[p].get(s, ())):  # z ⊑ s ⊑ o
            self._put((z, p, o))
        if p == _SUBCLASS:
            for v in list(self.instances.get(s, ())):  # rdfs9
                self._put((v, _TYPE, o))
        else:
            for z, w in list(self.by_pred.get(s, ())):  # rdfs7
                self._put((z, o, w))


class _Fixed:
    """The closure of article triples over a fixed ontology, in one pass: what :class:`_Closure` derives
    when the data states no schema (no sub-class, sub-property, domain or range triple, no node typed a
    class whose instances imply schema triples) and the trivia are left out.

    Then nothing in the data changes what a predicate or a class implies, so each predicate's
    super-properties and the classes its domain and range give (closed under sub-classes) are computed
    once from the ontology's closure, as are each class's super-classes. :meth:`index` gives what the
    checks read (:class:`kg.rdf.shacl.Data`): the instances of each class and the pairs of each predicate,
    the ontology's shared and the article's added (the ontology's own sets and lists are not changed).
    ``tests/test_validation.py`` checks it against :class:`_Closure` on corpus articles.
    """

    def __init__(self, base: _Closure) -> None:
        self.base = base
        self.supers = base.sup[_SUBCLASS]
        self.predicates: dict[Node, tuple[tuple[Node, ...], tuple[Node, ...], tuple[Node, ...], bool]] = {}
        self.classes: dict[Node, tuple[Node, ...] | None] = {}
        self.kept: dict[
            tuple[frozenset[Node], frozenset[Node]] | None,
            dict[Node, tuple[tuple[Node, ...], tuple[Node, ...], tuple[Node, ...], bool] | None],
        ] = {}

    def _classes(self, c: Node) -> tuple[Node, ...] | None:
        """``c`` and its super-classes; ``None`` when an instance of ``c`` implies schema triples."""
        found = self.classes.get(c, ())
        if found == ():
            closed = {c, *self.supers.get(c, ())}
            found = None if any(k in _CLASS_RULES for k in closed) else tuple(closed)
            self.classes[c] = found
        return found

    def _predicate(self, p: Node) -> tuple[tuple[Node, ...], tuple[Node, ...], tuple[Node, ...], bool] | None:
        """``p``'s super-properties, the classes of its subjects and objects, and whether it types."""
        found = self.predicates.get(p)
        if found is None:
            supers = {p, *self.base.sup[_SUBPROPERTY].get(p, ())}
            if supers & _SCHEMA_PREDICATES:
                return None
            subject_types: set[Node] = set()
            object_types: set[Node] = set()
            for q in supers:
                for c in self.base.domain.get(q, ()):
                    closed = self._classes(c)
                    if closed is None:
                        return None
                    subject_types.update(closed)
                for c in self.base.range.get(q, ()):
                    closed = self._classes(c)
                    if closed is None:
                        return None
                    object_types.update(closed)
            found = self.predicates[p] = (
                tuple(supers),
                tuple(subject_types),
                tuple(object_types),
                _TYPE in supers,
            )
        return found

    def _kept(
        self, p: Node, reads: tuple[frozenset[Node], frozenset[Node]] | None
    ) -> tuple[tuple[Node, ...], tuple[Node, ...], tuple[Node, ...], bool] | None:
        """:meth:`_predicate`, keeping only the predicates and classes in ``reads`` (all when ``None``)."""
        found = self._predicate(p)
        if found is None or reads is None:
            return found
        predicates, classes = reads
        supers, subject_types, object_types, types = found
        return (
            tuple(q for q in supers if q in predicates),
            tuple(c for c in subject_types if c in classes),
            tuple(c for c in object_types if c in classes),
            types,
        )

    def index(
        self, triples: Iterable[Triple], reads: tuple[frozenset[Node], frozenset[Node]] | None = None
    ) -> tuple[dict[Node, set[Node]], dict[Node, list[tuple[Node, Node]]]] | None:
        """The instances of each class and the pairs of each predicate in the closure of the ontology and
        ``triples``; ``None`` when the triples state schema (then :class:`_Closure` is needed).

        ``reads``: the predicates and classes the checks read (:class:`kg.rdf.shacl.CompiledShapes`); only
        those are indexed (all when ``rdf:type`` is read, or ``reads`` is ``None``)."""
        if reads is not None and _TYPE in reads[0]:
            reads = None  # the rdf:type pairs name every class: nothing is left out
        kept = self.kept.setdefault(reads, {})
        added: dict[Node, set[Node]] = {}
        pairs: dict[Node, list[tuple[Node, Node]]] = {}  # a pair twice is harmless: Data counts it once
        for s, p, o in triples:
            found = kept.get(p, _UNKNOWN)
            if found is _UNKNOWN:
                found = kept[p] = self._kept(p, reads)
            if found is None:
                return None
            supers, subject_types, object_types, types = found
            for q in supers:
                pairs.setdefault(q, []).append((s, o))
            for c in subject_types:
                added.setdefault(c, set()).add(s)
            for c in object_types:
                added.setdefault(c, set()).add(o)
            if types:
                closed = self._classes(o)
                if closed is None:
                    return None
                for c in closed:
                    if reads is None or c in reads[1]:
                        added.setdefault(c, set()).add(s)
        return self._merged(added, pairs, typed=reads is None)

    def _merged(
        self, added: dict[Node, set[Node]], pairs: dict[Node, list[tuple[Node, Node]]], *, typed: bool
    ) -> tuple[dict[Node, set[Node]], dict[Node, list[tuple[Node, Node]]]]:
        """The ontology's instances and pairs with an article's ``added`` and ``pairs`` (and, when
        ``typed``, the ``rdf:type`` pairs of what was added), the ontology's own left unchanged."""
        base_instances, base_pairs = self.base.instances, self.base.by_pred
        if typed:
            types = pairs.setdefault(_TYPE, [])
            for c, members in added.items():
                types.extend((m, c) for m in members)
        instances = dict(base_instances)
        for c, members in added.items():
            instances[c] = base_instances.get(c, set()) | members
        by_pred = dict(base_pairs)
        for q, new in pairs.items():
            by_pred[q] = [*base_pairs.get(q, ()), *new]
        return instances, by_pred


_UNKNOWN: Any = object()


_PREPARED: dict[tuple[int, Callable[[Graph], Any]], tuple[Graph, int, Any]] = {}


def _prepared(graph: Graph, make: Callable[[Graph], T]) -> T:
    """``make(graph)``, computed once per graph (again if the graph's size changed)."""
    key = (id(graph), make)
    found = _PREPARED.get(key)
    if found is None or found[0] is not graph or found[1] != len(graph):
        found = _PREPARED[key] = (graph, len(graph), make(graph))
    return cast(T, found[2])


def _inoculated_closure(ontology: Graph) -> _Closure:
    """The ontology's axioms as pySHACL copies them into the data graph ("inoculation"), closed.

    For the packaged ontology they are read from ``kg-inoculated.nt`` (made by pySHACL's ``inoculate``
    by ``tools/gen_inoculated.py``; a test keeps it in step), which spares the import of pySHACL.
    """
    inoculated = Graph()
    if _is_packaged(ontology):
        inoculated = _parse(ontology_file("kg-inoculated.nt"), "nt")
    else:
        from pyshacl.graph_abstraction import DataGraph
        from pyshacl.rdfutil.inoculate import inoculate

        inoculate(DataGraph.from_rdflib(inoculated), ontology)
    closure = _Closure()
    closure.add_given((canonical(s), canonical(p), canonical(o)) for s, p, o in inoculated)
    return closure


def _ontology_closure(ontology: Graph) -> _Closure:
    return _prepared(ontology, _inoculated_closure)


def _fixed(ontology: Graph) -> _Fixed:
    return _Fixed(_ontology_closure(ontology))


def _trivia_are_inert(ontology: Graph) -> bool:
    return _ontology_closure(ontology).trivia_are_inert()


_SCHEMA_PREDICATES = {_SUBCLASS, _SUBPROPERTY, _DOMAIN, _RANGE}


_SHACL_BEYOND_CORE = {SH.sparql, SH.closed, SH.rule, SH.js, SH.select, SH.ask, SH.validator}
_SCHEMA_TERMS = {_TYPE, _PROPERTY, _RESOURCE, _SUBCLASS, _SUBPROPERTY}


def _blind_to_trivia(shapes: Graph) -> bool:
    """True when no shape can see rdf:type rdfs:Resource / rdf:Property or reflexive rdfs:subClassOf /
    rdfs:subPropertyOf triples: none of those terms is an object in the shapes graph (no sh:class
    rdfs:Resource, no path through rdf:type, no sh:in / sh:hasValue of them) and only SHACL Core
    constraints are used (no SPARQL, no sh:closed, no rules). Then those triples may be left out."""
    if any(p in _SHACL_BEYOND_CORE for p in shapes.predicates(None, None, unique=True)):
        return False
    return not any(o in _SCHEMA_TERMS for o in shapes.objects(None, None, unique=True))


def _trivial(triple: Triple) -> bool:
    s, p, o = triple
    if p == _TYPE:
        return o in (_RESOURCE, _PROPERTY)
    return s == o and p in (_SUBCLASS, _SUBPROPERTY)


def rdfs_closure(graph: Graph, ontology: Graph, *, trivia: bool = True) -> Graph:
    """The data graph with the ontology's axioms mixed in and its RDFS closure, as pySHACL makes it.

    Without ``trivia`` the closure leaves out what RDFS says of every node and property (``rdf:type
    rdfs:Resource``, ``rdf:type rdf:Property``) and the reflexive sub-class / sub-property triples.
    """
    closure = _ontology_closure(ontology).copy()
    closure.add_given(graph)
    return _closed_graph(closure, trivia=trivia, namespaces=graph.namespaces())


def _closed_graph(closure: _Closure, *, trivia: bool, namespaces: Iterable[tuple[str, URIRef]] = ()) -> Graph:
    """The closure's triples as a graph, without the trivia unless ``trivia``."""
    closed = Graph()
    for prefix, namespace in namespaces:
        closed.bind(prefix, namespace, override=False)
    triples = closure.triples if trivia else (t for t in closure.triples if not _trivial(t))
    closed.addN((s, p, o, closed) for s, p, o in triples)
    return closed


# --------------------------------------------------------------------------------------- validation


def _compiled(shapes: Graph) -> CompiledShapes | None:
    from kg.rdf.shacl import compile_shapes

    return compile_shapes(shapes, lambda node: _short(node, shapes))


def prepare(ontology: Graph, shapes: Graph) -> None:
    """Do now, once, what the first validation would: compile the shapes (or import pySHACL when they
    do not compile), close the ontology's axioms."""
    if _prepared(shapes, _compiled) is None:
        import pyshacl  # noqa: F401

    _ontology_closure(ontology)
    _prepared(ontology, _trivia_are_inert)
    _prepared(ontology, _fixed)
    _prepared(shapes, _blind_to_trivia)


def validate_graph(graph: Graph, ontology: Graph, shapes: Graph) -> Report:
    """Validate ``graph`` against ``shapes``, with RDFS inference over ``ontology`` (computed here)."""
    if graph.context_aware:
        return validate_graph_reference(graph, ontology, shapes)  # a dataset
    return validate_triples(graph, ontology, shapes)


def validate_triples(triples: Iterable[Triple], ontology: Graph, shapes: Graph) -> Report:
    """:func:`validate_graph` for a set of triples: the RDFS closure, then the shapes compiled to checks
    (:mod:`kg.rdf.shacl`), or pySHACL without inference over the closure when they do not compile.

    ``KG_VALIDATE_REFERENCE=1`` takes the documented path instead (:func:`validate_graph_reference`:
    bench/ measures the difference)."""
    if os.environ.get("KG_VALIDATE_REFERENCE", "") not in {"", "0"}:
        from kg.rdf.graph import graph_of

        graph = triples if isinstance(triples, Graph) else graph_of(triples)
        return validate_graph_reference(graph, ontology, shapes)
    compiled = _prepared(shapes, _compiled)
    base = _ontology_closure(ontology)
    if not isinstance(triples, set | frozenset):
        triples = set(triples)
    quiet = (  # the trivia may be left out, unless the data states schema
        compiled is not None
        and _prepared(shapes, _blind_to_trivia)
        and _prepared(ontology, _trivia_are_inert)
    )
    reads = (compiled.predicates, compiled.classes) if compiled is not None else None
    index = _prepared(ontology, _fixed).index(triples, reads) if quiet else None  # None: it states schema
    if index is None:
        closure = base.copy()
        closure.add_given(
            triples, trivia=not (quiet and not any(p in _SCHEMA_PREDICATES for _, p, _ in triples))
        )
        index = closure.instances, closure.by_pred
    if compiled is not None:
        from kg.rdf.shacl import Data

        violations = {
            Violation(f.shape, str(f.focus), f.path, f.message) for f in compiled.check(Data(*index))
        }
        return Report(not violations, tuple(sorted(violations, key=str)))
    import pyshacl  # heavy: imported only when the shapes do not compile

    conforms, results, _ = pyshacl.validate(
        _closed_graph(closure, trivia=not _prepared(shapes, _blind_to_trivia)),
        shacl_graph=shapes,
        inference="none",
        inplace=True,
        abort_on_first=False,
        allow_warnings=True,
    )
    return _report(bool(conforms), results, shapes)


def validate_graph_reference(graph: Graph, ontology: Graph, shapes: Graph) -> Report:
    """The documented, slow way: pySHACL with ``ont_graph=ontology, inference="rdfs"`` (tests, bench)."""
    import pyshacl

    conforms, results, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="rdfs",
        abort_on_first=False,
        allow_warnings=True,
    )
    return _report(bool(conforms), results, shapes)


def _report(conforms: bool, results: Graph, shapes: Graph) -> Report:
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        shape = results.value(result, SH.sourceShape)
        if isinstance(shape, BNode):
            shape = shapes.value(predicate=SH.property, object=shape) or shape
        violations.append(
            Violation(
                shape=_short(shape, shapes),
                focus=str(results.value(result, SH.focusNode)),
                path=_short(results.value(result, SH.resultPath), shapes),
                message=str(results.value(result, SH.resultMessage) or ""),
            )
        )
    return Report(conforms, tuple(sorted(set(violations), key=str)))
