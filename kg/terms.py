"""RDF terms made once each, shared by the writer (:mod:`kg.graph`) and the checks (:mod:`kg.validation`).

rdflib builds and checks a new ``URIRef`` on every namespace attribute access (``DG.Protest``), and
compares two equal ``URIRef`` objects in Python (``Identifier.__eq__``). A term that is the same object
everywhere is made once and found in a set or a dict by identity, in C. :func:`canonical` gives that
object for a term; :class:`Terms` is a namespace whose attributes and items are canonical terms.
"""

from __future__ import annotations

from typing import Any, TypeVar

from rdflib import URIRef
from rdflib.term import Node

_CANONICAL: dict[Node, Node] = {}
T = TypeVar("T", bound=Node)


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
