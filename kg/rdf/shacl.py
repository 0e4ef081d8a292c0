"""SHACL Core shapes compiled once into Python checks, run over an RDFS-closed set of triples.

pySHACL builds its own view of the data graph and walks the shapes graph on every call: ~25 ms per
article even without inference. The shapes do not change during a build, so :func:`compile_shapes`
reads them once into :class:`CompiledShapes`, whose :meth:`~CompiledShapes.check` evaluates them over
the closed triples of one article with dictionaries (well under a millisecond for an article).

Only the part of SHACL Core that ``ontology/shapes.ttl`` uses is compiled: targets (``sh:targetClass``,
``sh:targetSubjectsOf``, ``sh:targetObjectsOf``, ``sh:targetNode``), property shapes whose ``sh:path``
is an IRI, and the constraints ``sh:minCount``, ``sh:maxCount``, ``sh:class``, ``sh:datatype``,
``sh:nodeKind``, ``sh:pattern`` (with ``sh:flags``), ``sh:in``, ``sh:or``, ``sh:node``,
``sh:qualifiedValueShape`` with ``sh:qualifiedMinCount`` / ``sh:qualifiedMaxCount``. Every shape that
reports must carry exactly one ``sh:message``. A shapes graph using anything else (a path expression,
SPARQL constraints, ``sh:closed``, a severity, a shape without its message, ...) does not compile:
:func:`compile_shapes` returns ``None`` and :mod:`kg.rdf.validation` falls back to pySHACL.

The semantics follow pySHACL's (e.g. its ``sh:datatype`` check of ill-typed literals); the results are
reported as pySHACL's are by :mod:`kg.rdf.validation`: one :class:`~kg.rdf.validation.Violation` per node shape,
focus node, path and message. tests/test_validation.py checks both give the same report on every shape
fixture and on randomly broken article graphs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from kg.rdf.terms import KeptByIdentity, canonical

if TYPE_CHECKING:
    from rdflib.term import Node

    Triple = tuple[Node, Node, Node]

_TYPE = canonical(URIRef(str(RDF.type)))
_LANG_STRING = URIRef(str(RDF.langString))
_STRING = URIRef(str(XSD.string))
_RDFS_LITERAL = URIRef(str(RDFS.Literal))
_RDFS_DATATYPE = URIRef(str(RDFS.Datatype))
_PYTHON_TYPES: dict[URIRef, type | tuple[type, ...]] = {  # pySHACL's _assert_actual_datatype
    URIRef(str(XSD.string)): (str, bytes),
    _LANG_STRING: (str, bytes),
    URIRef(str(XSD.integer)): int,
    URIRef(str(XSD.float)): float,
    URIRef(str(XSD.decimal)): Decimal,
    URIRef(str(XSD.boolean)): bool,
    URIRef(str(XSD.date)): dt.date,
    URIRef(str(XSD.time)): dt.time,
    URIRef(str(XSD.dateTime)): dt.datetime,
}
_NODE_KINDS: dict[URIRef, tuple[type, ...]] = {
    URIRef(str(SH.IRI)): (URIRef,),
    URIRef(str(SH.BlankNode)): (BNode,),
    URIRef(str(SH.Literal)): (Literal,),
    URIRef(str(SH.BlankNodeOrIRI)): (BNode, URIRef),
    URIRef(str(SH.BlankNodeOrLiteral)): (BNode, Literal),
    URIRef(str(SH.IRIOrLiteral)): (URIRef, Literal),
}
_TARGETS = {SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode}
_VALUE_PARAMETERS = {SH["class"], SH.datatype, SH.nodeKind, SH.pattern, SH.flags, SH["in"], SH["or"], SH.node}
_PROPERTY_PARAMETERS = _VALUE_PARAMETERS | {
    SH.path,
    SH.minCount,
    SH.maxCount,
    SH.qualifiedValueShape,
    SH.qualifiedMinCount,
    SH.qualifiedMaxCount,
}
_IGNORED = {RDF.type, RDFS.label, RDFS.comment, SH.name, SH.description, SH.message, SH.order, SH.group}
_RE_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}

Test = Callable[["Data", "Node"], bool]
"""Whether one value node satisfies a constraint (the data is needed for sh:class and shapes)."""


class NotCompiled(Exception):
    """The shapes use something this compiler does not know: validate them with pySHACL."""


class Data:
    """An RDFS-closed graph, indexed for the checks: the instances of each class, and the
    ``(subject, object)`` pairs of each predicate (``subject -> objects`` made when first asked)."""

    def __init__(
        self, instances: dict[Node, set[Node]], by_predicate: dict[Node, list[tuple[Node, Node]]]
    ) -> None:
        self.instances = instances
        self.by_predicate = by_predicate
        self._out: dict[Node, dict[Node, list[Node]]] = {}

    @classmethod
    def of(cls, triples: Iterable[Triple]) -> Data:
        instances: dict[Node, set[Node]] = {}
        by_predicate: dict[Node, list[tuple[Node, Node]]] = {}
        for s, p, o in triples:
            by_predicate.setdefault(p, []).append((s, o))
            if p == _TYPE:
                instances.setdefault(o, set()).add(s)
        return cls(instances, by_predicate)

    def objects(self, node: Node, predicate: Node) -> list[Node]:
        """The distinct objects of ``node``'s ``predicate``. Kept in lists: most nodes have one value
        for a path, which needs no hashing (a literal's hash is Python code); several are made
        distinct once, when the index is made."""
        index = self._out.get(predicate)
        if index is None:
            index = self._out[predicate] = {}
            several = []
            for s, o in self.by_predicate.get(predicate, ()):
                found = index.get(s)
                if found is None:
                    index[s] = [o]
                else:
                    if len(found) == 1:
                        several.append(s)
                    found.append(o)
            for s in several:
                index[s] = list(dict.fromkeys(index[s]))
        return index.get(node, _NO_VALUES)

    def has_type(self, node: Node, cls: Node) -> bool:
        """``node rdf:type cls`` (sub-classes are closed by RDFS inference before the check)."""
        return node in self.instances.get(cls, _NONE)


_NONE: set[Node] = set()
_NO_VALUES: list[Node] = []


@dataclass(frozen=True, slots=True)
class Failure:
    """One failed (node shape, focus node, path, message): what :mod:`kg.rdf.validation` reports."""

    shape: str
    focus: Node
    path: str
    message: str


@dataclass(frozen=True, slots=True)
class Shape:
    """A node shape: constraints on its focus node itself, and its property shapes.

    A failed ``sh:node`` brings the failures of the shape it names along (pySHACL's ``sh:detail``).
    """

    name: str
    message: str | None
    tests: tuple[Test, ...]
    nodes: tuple[Shape, ...]
    properties: tuple[PropertyShape, ...]

    def conforms(self, data: Data, node: Node) -> bool:
        return (
            all(test(data, node) for test in self.tests)
            and all(shape.conforms(data, node) for shape in self.nodes)
            and all(prop.conforms(data, node) for prop in self.properties)
        )

    def failures(self, data: Data, node: Node) -> list[Failure]:
        found: list[Failure] = []
        details = [d for shape in self.nodes for d in shape.failures(data, node)] if self.nodes else []
        if details or (self.tests and not all(test(data, node) for test in self.tests)):
            assert self.message is not None  # compile_shapes insists on one where it can be reported
            found.append(Failure(self.name, node, "", self.message))
        found.extend(details)
        for prop in self.properties:
            failed = prop.failures(data, node, self.name)
            if failed:
                found.extend(failed)
        return found


@dataclass(frozen=True, slots=True)
class PropertyShape:
    """Constraints on the values of one path, and the message to report when one fails."""

    path: URIRef
    min_count: int | None
    max_count: int | None
    tests: tuple[Test, ...]
    nodes: tuple[Shape, ...]
    qualified: tuple[Shape, int | None, int | None] | None
    message: str
    path_name: str

    def _values_ok(self, data: Data, values: list[Node]) -> bool:
        for test in self.tests:
            for v in values:
                if not test(data, v):
                    return False
        return True

    def _counts_ok(self, data: Data, values: list[Node]) -> bool:
        if self.min_count is not None and len(values) < self.min_count:
            return False
        if self.max_count is not None and len(values) > self.max_count:
            return False
        if self.qualified is not None:
            shape, low, high = self.qualified
            n = sum(1 for v in values if shape.conforms(data, v))
            if (low is not None and n < low) or (high is not None and n > high):
                return False
        return True

    def conforms(self, data: Data, focus: Node) -> bool:
        values = data.objects(focus, self.path)
        return (
            self._counts_ok(data, values)
            and all(test(data, v) for v in values for test in self.tests)
            and all(shape.conforms(data, v) for v in values for shape in self.nodes)
        )

    def failures(self, data: Data, focus: Node, owner: str) -> list[Failure]:
        values = data.objects(focus, self.path)
        details = (
            [d for v in values for shape in self.nodes for d in shape.failures(data, v)] if self.nodes else []
        )
        if details or not self._counts_ok(data, values) or not self._values_ok(data, values):
            return [Failure(owner, focus, self.path_name, self.message), *details]
        return []


@dataclass(frozen=True, slots=True)
class TargetShape:
    """A node shape with targets: whom it is checked on."""

    shape: Shape
    classes: tuple[URIRef, ...]
    subjects_of: tuple[URIRef, ...]
    objects_of: tuple[URIRef, ...]
    nodes: tuple[Node, ...]

    def focus_nodes(self, data: Data) -> set[Node]:
        found: set[Node] = set(self.nodes)
        for cls in self.classes:
            found.update(data.instances.get(cls, ()))
        for p in self.subjects_of:
            found.update(s for s, _ in data.by_predicate.get(p, ()))
        for p in self.objects_of:
            found.update(o for _, o in data.by_predicate.get(p, ()))
        return found


@dataclass(frozen=True, slots=True)
class CompiledShapes:
    """The shapes graph, compiled: :meth:`check` gives every failure on closed data."""

    shapes: tuple[TargetShape, ...]
    predicates: frozenset[Node] = frozenset()
    """Every predicate the checks read the pairs of: the paths, and those of sh:targetSubjectsOf and
    sh:targetObjectsOf."""
    classes: frozenset[Node] = frozenset()
    """Every class the checks read the instances of: sh:targetClass and sh:class."""

    def check(self, data: Data) -> list[Failure]:
        """Every failure on ``data`` (closed under RDFS: see :class:`Data`)."""
        return [
            failure
            for target in self.shapes
            for focus in target.focus_nodes(data)
            for failure in target.shape.failures(data, focus)
        ]


# ------------------------------------------------------------------------------------------ compiler


class _Compiler:
    def __init__(self, graph: Graph, short: Callable[[object], str]) -> None:
        self.g = graph
        self.short = short
        self.shapes: dict[tuple[Node, bool], Shape] = {}
        self.active: set[Node] = set()
        self.predicates: set[Node] = set()  # what the checks read: see CompiledShapes
        self.classes: set[Node] = set()

    def one(self, node: Node, predicate: URIRef) -> Node | None:
        values = list(self.g.objects(node, predicate))
        if len(values) > 1:
            raise NotCompiled(f"{node}: more than one {predicate}")
        return values[0] if values else None

    def integer(self, node: Node, predicate: URIRef) -> int | None:
        value = self.one(node, predicate)
        if value is None:
            return None
        if not isinstance(value, Literal) or not isinstance(value.value, int):
            raise NotCompiled(f"{node}: {predicate} is not an integer")
        return int(value.value)

    def message(self, node: Node) -> str | None:
        value = self.one(node, SH.message)
        return None if value is None else str(value)

    def check_keys(self, node: Node, allowed: set[URIRef]) -> None:
        for p in set(self.g.predicates(node, None)):
            if p not in allowed and p not in _IGNORED:
                raise NotCompiled(f"{node}: {p} is not compiled")
        for t in self.g.objects(node, RDF.type):
            if t not in {SH.NodeShape, SH.PropertyShape}:
                raise NotCompiled(f"{node}: a shape typed {t}")

    def value_tests(self, node: Node) -> tuple[Test, ...]:
        tests: list[Test] = []
        for cls in map(canonical, self.g.objects(node, SH["class"])):
            self.classes.add(cls)
            tests.append(_class_test(cls))
        datatype = self.one(node, SH.datatype)
        if datatype is not None:
            tests.append(_datatype_test(datatype))
        kind = self.one(node, SH.nodeKind)
        if kind is not None:
            if kind not in _NODE_KINDS:
                raise NotCompiled(f"{node}: unknown sh:nodeKind {kind}")
            kinds = _NODE_KINDS[URIRef(str(kind))]
            tests.append(lambda data, v: isinstance(v, kinds))
        pattern = self.one(node, SH.pattern)
        if pattern is not None:
            flags = self.one(node, SH.flags)
            tests.append(_pattern_test(str(pattern), str(flags or "")))
        members = self.one(node, SH["in"])
        if members is not None:
            allowed = frozenset(Collection(self.g, members))
            tests.append(lambda data, v: v in allowed)
        alternatives = self.one(node, SH["or"])
        if alternatives is not None:
            shapes = tuple(self.shape(m, reported=False) for m in Collection(self.g, alternatives))
            tests.append(lambda data, v: any(s.conforms(data, v) for s in shapes))
        return tuple(tests)

    def node_shapes(self, node: Node, reported: bool) -> tuple[Shape, ...]:
        return tuple(
            self.shape(other, reported=reported) for other in sorted(self.g.objects(node, SH.node), key=str)
        )

    def shape(self, node: Node, *, reported: bool, targeted: bool = False) -> Shape:
        """A node shape; ``reported`` when its failures reach the report (targets, sh:node)."""
        key = (node, reported)
        if key in self.shapes:
            return self.shapes[key]
        if node in self.active:
            raise NotCompiled(f"{node}: recursive shapes are not compiled")
        self.active.add(node)
        if not targeted and any((node, t, None) in self.g for t in _TARGETS):
            raise NotCompiled(f"{node}: a referenced shape with targets is not compiled")
        self.check_keys(node, _VALUE_PARAMETERS | {SH.property} | (_TARGETS if targeted else set()))
        tests = self.value_tests(node)
        nodes = self.node_shapes(node, reported)
        message = self.message(node)
        if reported and (tests or nodes) and message is None:
            raise NotCompiled(f"{node}: a node shape with constraints but no sh:message")
        properties = tuple(self.prop(p, reported) for p in sorted(self.g.objects(node, SH.property), key=str))
        shape = Shape(self.short(node), message, tests, nodes, properties)
        self.active.discard(node)
        self.shapes[key] = shape
        return shape

    def prop(self, node: Node, reported: bool) -> PropertyShape:
        self.check_keys(node, _PROPERTY_PARAMETERS)
        if len(set(self.g.subjects(SH.property, node))) != 1:
            raise NotCompiled(f"{node}: a property shape shared by several node shapes")
        path = self.one(node, SH.path)
        if not isinstance(path, URIRef):
            raise NotCompiled(f"{node}: only IRI paths are compiled")
        message = self.message(node)
        if message is None:
            raise NotCompiled(f"{node}: a property shape without sh:message")
        qualified = None
        q_shape = self.one(node, SH.qualifiedValueShape)
        if q_shape is not None:
            if (node, SH.qualifiedValueShapesDisjoint, None) in self.g:
                raise NotCompiled(f"{node}: sh:qualifiedValueShapesDisjoint is not compiled")
            low = self.integer(node, SH.qualifiedMinCount)
            high = self.integer(node, SH.qualifiedMaxCount)
            qualified = (self.shape(q_shape, reported=False), low, high)
        elif (node, SH.qualifiedMinCount, None) in self.g or (node, SH.qualifiedMaxCount, None) in self.g:
            raise NotCompiled(f"{node}: a qualified count without sh:qualifiedValueShape")
        path = canonical(URIRef(str(path)))
        self.predicates.add(path)
        return PropertyShape(
            path=path,
            min_count=self.integer(node, SH.minCount),
            max_count=self.integer(node, SH.maxCount),
            tests=self.value_tests(node),
            nodes=self.node_shapes(node, reported),
            qualified=qualified,
            message=message,
            path_name=self.short(path),
        )

    def target(self, node: Node) -> TargetShape:
        target = TargetShape(
            shape=self.shape(node, reported=True, targeted=True),
            classes=tuple(canonical(URIRef(str(c))) for c in self.g.objects(node, SH.targetClass)),
            subjects_of=tuple(canonical(URIRef(str(p))) for p in self.g.objects(node, SH.targetSubjectsOf)),
            objects_of=tuple(canonical(URIRef(str(p))) for p in self.g.objects(node, SH.targetObjectsOf)),
            nodes=tuple(self.g.objects(node, SH.targetNode)),
        )
        self.classes.update(target.classes)
        self.predicates.update(target.subjects_of, target.objects_of)
        return target


def _class_test(cls: Node) -> Test:
    def test(data: Data, v: Node) -> bool:
        return not isinstance(v, Literal) and data.has_type(v, cls)

    return test


def _datatype_test(datatype: Node) -> Test:
    python_type = _PYTHON_TYPES.get(URIRef(str(datatype)))

    def actual(v: Literal) -> bool:
        return python_type is None or isinstance(v.value, python_type)

    known: KeptByIdentity[Node, bool] = KeptByIdentity()  # a batch meets the same offset literals again

    def test(data: Data, v: Node) -> bool:
        return known.get(v, check)

    def check(v: Node) -> bool:
        if not isinstance(v, Literal):
            return False
        if v.datatype == datatype:
            return getattr(v, "ill_typed", None) is not True and actual(v)
        if datatype == _RDFS_LITERAL:
            return True
        if datatype == _RDFS_DATATYPE and v.datatype:
            return True
        if v.datatype is None and v.language is None and datatype == _STRING:
            return actual(v)
        return datatype == _LANG_STRING and bool(v.language) and actual(v)

    return test


def _pattern_test(pattern: str, flags: str) -> Test:
    value = 0
    for flag in flags:
        if flag not in _RE_FLAGS:
            raise NotCompiled(f"unknown sh:flags {flags!r}")
        value |= _RE_FLAGS[flag]
    regex = re.compile(pattern, value)

    def test(data: Data, v: Node) -> bool:
        return not isinstance(v, BNode) and regex.search(str(v)) is not None

    return test


def compile_shapes(shapes: Graph, short: Callable[[object], str]) -> CompiledShapes | None:
    """The shapes compiled to checks, or ``None`` when they use anything not compiled here.

    ``short`` names a shape or a path in reports (as :mod:`kg.rdf.validation` names pySHACL's).
    """
    compiler = _Compiler(shapes, short)
    targeted = sorted({s for t in _TARGETS for s in shapes.subjects(t, None)}, key=str)
    try:
        for kind in (RDFS.Class, SH.PropertyShape):  # implicit class targets, stray property shapes
            for node in shapes.subjects(RDF.type, kind):
                if kind == RDFS.Class or (None, SH.property, node) not in shapes:
                    raise NotCompiled(f"{node}: a {kind} is not compiled")
        for node in shapes.subjects(SH.severity, None):
            raise NotCompiled(f"{node}: sh:severity is not compiled")
        for node in shapes.subjects(SH.deactivated, None):
            raise NotCompiled(f"{node}: sh:deactivated is not compiled")
        targets = tuple(compiler.target(node) for node in targeted)
        return CompiledShapes(targets, frozenset(compiler.predicates), frozenset(compiler.classes))
    except NotCompiled:
        return None
