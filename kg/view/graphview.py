"""The view of a graph, independent of the page: its nodes (dg:-typed resources, then provenance and
value nodes) and its labelled edges (:func:`extract_view`), extracted in one pass over the triples."""

from __future__ import annotations

import functools
import gc
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, ParamSpec, TypeVar

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.view.style import Style, load_style
from kg.view.triples import (
    _ANCHOR,
    _DENOTED_BY,
    _DERIVED_FROM,
    _NO_PREDICATES,
    _REFERENCE_CONTEXT,
    _SAME_AS,
    _SENTENCE,
    _TITLE,
    _TYPE,
    DG,
    GAF,
    PROV,
    Triples,
    _local,
    _node_key,
    _Reader,
    _sort_key,
)

if TYPE_CHECKING:
    from rdflib.term import Node as RdfNode


WIKIDATA_PREFIXES = ("http://www.wikidata.org/", "https://www.wikidata.org/")

#: Classes that are superclasses of others: a resource typed with both gets the more specific one.
_SUPERCLASSES = frozenset({"Organization", "DiplomaticEvent"})
#: Outgoing properties shown first in the panel, in this order (events: who, whom, what, when, words).
_FACT_ORDER = ("actor", "target", "about", "official", "form", "date", "place", "quote", "content", "source")
#: Properties that never become panel facts or edges (they are shown otherwise or are provenance).
_NOT_FACTS = frozenset({RDF.type, RDFS.label, OWL.sameAs, GAF.denotedBy, PROV.wasDerivedFrom})
#: Literal-valued properties of core nodes that do not become "value" nodes.
_NO_VALUE_NODE = frozenset({RDFS.label, DG.ruleId})
_FACT_RANK = {k: i for i, k in enumerate(_FACT_ORDER)}
_DG_STR = str(DG)
_DG_LEN = len(_DG_STR)


_VALUE_LABEL_MAX = 32


@dataclass(slots=True)
class ViewNode:
    """One node of the view. ``index`` is its id in the page; core nodes come first, sorted by IRI."""

    index: int
    key: str
    cls: str
    extra: bool
    label_en: str
    label_id: str | None = None
    iri: str | None = None
    wikidata: str | None = None
    text: str | None = None
    evidence: list[dict[str, Any]] = field(default_factory=list)
    facts: list[list[Any]] = field(default_factory=list)
    owner: int | None = None
    depth: int = 0


class ViewEdge(NamedTuple):
    """A directed, labelled edge between two view nodes (a named tuple: a big view has ~50,000)."""

    source: int
    target: int
    relation: str
    label_en: str
    label_id: str | None
    predicate: str
    extra: bool


@dataclass
class View:
    """The nodes and edges of the page, independent of the page itself."""

    nodes: list[ViewNode]
    edges: list[ViewEdge]

    @property
    def core_nodes(self) -> list[ViewNode]:
        return [n for n in self.nodes if not n.extra]

    @property
    def core_edges(self) -> list[ViewEdge]:
        return [e for e in self.edges if not e.extra]


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _without_gc(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run func with the cyclic garbage collector paused (and restored after, if it was on).

    Extracting the view of a big graph allocates about a million dicts and lists, none in a cycle;
    every full collection they trigger walks the whole heap, rdflib's graph included (~20% of the
    time of a 5,000-node view). Reference counting still frees everything as usual.
    """

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return wrapper


class _Builder(_Reader):
    """Extracts a View from a graph; one instance per call of extract_view. What it reads of the graph
    (labels, sentences, evidence) comes from :class:`kg.view.triples._Reader`."""

    def __init__(self, graph: Triples, style: Style) -> None:
        super().__init__(graph, style)
        self.legend_order = {k: i for i, k in enumerate(style.legend)}
        self.nodes: list[ViewNode] = []
        self.index: dict[RdfNode, int] = {}
        #: (extra, source, target, predicate IRI) of every edge; see edge() and build().
        self.edges: set[tuple[bool, int, int, str]] = set()
        self.predicates: dict[str, RdfNode] = {}

    # -- edges

    def edge(self, extra: bool, s: int, p: RdfNode, o: int) -> None:
        iri = str(p)
        self.edges.add((extra, s, o, iri))
        self.predicates[iri] = p

    # -- nodes

    def core_class(self, types: Iterable[RdfNode]) -> str | None:
        found = [t[_DG_LEN:] for t in types if isinstance(t, URIRef) and t.startswith(_DG_STR)]
        if not found:
            return None
        order = self.legend_order
        return min(found, key=lambda k: (k in _SUPERCLASSES, order.get(k, len(order)), k))

    def add(self, term: RdfNode, node: ViewNode) -> ViewNode:
        node.index = len(self.nodes)
        self.nodes.append(node)
        self.index[term] = node.index
        return node

    def add_core_nodes(self) -> None:
        found = [
            (_node_key(self.out, s), _sort_key(s), s, cls)
            for s, po in self.out.items()
            if _TYPE in po and (cls := self.core_class(po[_TYPE])) is not None
        ]
        found.sort(key=lambda f: (f[0], f[1]))
        for key, _, s, cls in found:
            en, idl, plain = self.labels(s)
            label_en = en or plain or idl or _local(str(s))
            wikidata = min(
                (str(o) for o in self.objects(s, _SAME_AS) if str(o).startswith(WIKIDATA_PREFIXES)),
                default=None,
            )
            iri = str(s) if isinstance(s, URIRef) else None
            self.add(s, ViewNode(0, key, cls, False, label_en, idl or plain, iri, wikidata))

    def label_of(self, o: RdfNode) -> list[Any]:
        """[English text, Indonesian text or None, node index or None] for a fact value."""
        i = self.index.get(o)
        if i is not None:
            n = self.nodes[i]
            return [n.label_en, n.label_id, n.index]
        if isinstance(o, Literal):
            return [str(o), None, None]
        en, idl, plain = self.labels(o)
        return [en or plain or _local(str(o)), idl, None]

    def add_facts(self, s: RdfNode, node: ViewNode) -> None:
        order = _FACT_RANK
        rows = []
        for p, objects in self.out.get(s, _NO_PREDICATES).items():
            if isinstance(p, URIRef) and p not in _NOT_FACTS:
                key, en, idl = self.relation(p)
                values = sorted((self.label_of(o) for o in objects), key=str)
                rows.append((order.get(key, len(order)), en, key, str(p), [en, idl, values]))
        node.facts = [r[4] for r in sorted(rows, key=lambda r: r[:4])]

    def add_core_edges(self) -> None:
        index = self.index
        for s, i in list(index.items()):
            for p, objects in self.out.get(s, _NO_PREDICATES).items():
                if not isinstance(p, URIRef) or p == _TYPE:
                    continue
                for o in objects:
                    j = index.get(o)
                    if j is not None:
                        self.edge(False, i, p, j)

    # -- provenance

    def add_extra(self, term: RdfNode, cls: str, owner: int, depth: int) -> int:
        found = self.index.get(term)
        if found is not None:
            return found
        if cls == "Article":
            title = self.value(term, _TITLE)
            label = str(title) if title is not None else _local(str(term))
            text = str(title) if title is not None else None
        else:
            if cls == "Sentence":
                sentence = self.sentence(term)
                anchor_text = sentence[0] if sentence is not None else None
            else:
                anchor = self.value(term, _ANCHOR)
                anchor_text = str(anchor) if anchor is not None else None
            label = anchor_text if anchor_text is not None else _local(str(term))
            text = label
        node = ViewNode(0, str(term), cls, True, _short(label), None, str(term), text=text)
        node.owner, node.depth = owner, depth
        if cls == "Mention":
            node.evidence = self.evidence([term])
        return self.add(term, node).index

    def add_provenance(self, core: list[tuple[RdfNode, ViewNode]]) -> None:
        for s, node in core:
            mentions = sorted(self.objects(s, _DENOTED_BY), key=_sort_key)
            node.evidence = self.evidence(mentions)
            for m in mentions:
                mi = self.add_extra(m, "Mention", node.index, 1)
                self.edge(True, node.index, _DENOTED_BY, mi)
                sent = self.mention(m)[0]
                if sent is not None:
                    si = self.add_extra(sent, "Sentence", mi, 2)
                    self.edge(True, mi, _SENTENCE, si)
                    for art in sorted(self.objects(sent, _REFERENCE_CONTEXT), key=_sort_key):
                        self.edge(True, si, _REFERENCE_CONTEXT, self.add_extra(art, "Article", si, 3))
            for art in sorted(self.objects(s, _DERIVED_FROM), key=_sort_key):
                self.edge(True, node.index, _DERIVED_FROM, self.add_extra(art, "Article", node.index, 3))

    def add_values(self, core: list[tuple[RdfNode, ViewNode]]) -> None:
        for s, node in core:
            triples = [
                (p, o)
                for p, objects in self.out.get(s, _NO_PREDICATES).items()
                if isinstance(p, URIRef) and p not in _NO_VALUE_NODE
                for o in objects
                if isinstance(o, Literal)
            ]
            for p, o in sorted(triples, key=lambda po: (str(po[0]), po[1].n3())):
                digest = hashlib.sha256(f"{node.key}\n{p}\n{o.n3()}".encode()).hexdigest()[:16]
                vnode = ViewNode(0, "value:" + digest, "Value", True, _short(str(o)), None, text=str(o))
                vnode.owner, vnode.depth = node.index, 1
                self.nodes.append(vnode)
                vnode.index = len(self.nodes) - 1
                self.edge(True, node.index, p, vnode.index)

    def build(self) -> View:
        self.add_core_nodes()
        core = [(t, self.nodes[i]) for t, i in self.index.items()]
        for s, node in core:
            self.add_facts(s, node)
        self.add_core_edges()
        self.add_provenance(core)
        self.add_values(core)
        edges = []
        for extra, source, target, iri in sorted(self.edges):
            key, en, idl = self.relation(self.predicates[iri])
            edges.append(ViewEdge(source, target, key, en, idl, iri, extra))
        return View(self.nodes, edges)


def canvas_label(text: str) -> str:
    """A node label short enough to draw (the panel shows the whole): at most 30 characters."""
    text = " ".join(text.split())
    if len(text) <= 30:
        return text
    cut = text[:29].rsplit(" ", 1)[0] if " " in text[:29] else text[:29]
    return cut + "…"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _VALUE_LABEL_MAX else text[: _VALUE_LABEL_MAX - 1] + "…"


@_without_gc
def extract_view(graph: Triples) -> View:
    """The nodes (dg:-typed resources, then provenance and value nodes) and edges to draw."""
    return _Builder(graph, load_style()).build()
