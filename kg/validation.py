"""Check a graph against the SHACL shapes in ``ontology/shapes.ttl`` (with the ontology for subclasses).

``validate_graph`` wraps ``pyshacl.validate`` and returns a :class:`Report`; the exit codes of
``kg validate`` follow pySHACL's: 0 conforms, 1 does not conform, 2 error.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources as importlib_resources

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH


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
    ontology = Graph().parse(data=ontology_file("kg.ttl"), format="turtle")
    shapes = Graph().parse(data=ontology_file("shapes.ttl"), format="turtle")
    return ontology, shapes


def _short(node: object, graph: Graph) -> str:
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(node)
        except ValueError:
            return str(node)
    return "" if node is None else str(node)


def validate_graph(graph: Graph, ontology: Graph, shapes: Graph) -> Report:
    """Validate ``graph`` against ``shapes``, with RDFS inference over ``ontology``."""
    import pyshacl  # heavy: imported only when validating

    conforms, results, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="rdfs",
        abort_on_first=False,
        allow_warnings=True,
    )
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
    return Report(bool(conforms), tuple(sorted(set(violations), key=str)))
