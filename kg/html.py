"""A self-contained interactive HTML view of a diplograph graph (issue #4).

``render_html(graph, title=...)`` returns one HTML page that works opened from disk, offline: the
vis-network library (vendored from pyvis, see ``kg/templates/NOTICE.md``) and the page's own script are
inlined, a Content-Security-Policy forbids every network request and every script but those two, and
the graph travels as JSON inside a ``<script type="application/json">`` element, escaped so that no
``</script>`` or other markup in the data can leave it. The page builds every tooltip and panel with
DOM APIs and ``textContent`` only.

The network itself is built with pyvis (a directed ``Network``: an undirected one drops parallel
edges) from a view extracted here; positions come from a networkx layout with a fixed seed, so the
same graph always gives byte-identical HTML. pyvis' own templates are not used: they fetch bootstrap
from a CDN and execute HTML found in headings, node ids and titles.

pyvis and networkx are imported lazily, inside the functions that need them.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import tomllib
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.errors import DataFileError

if TYPE_CHECKING:
    from jinja2 import Environment
    from rdflib.term import Node as RdfNode

__all__ = [
    "ClassStyle",
    "Style",
    "View",
    "ViewEdge",
    "ViewNode",
    "embed_json",
    "extract_view",
    "load_style",
    "render_html",
]

DG = Namespace("https://w3id.org/diplograph/ontology#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
GAF = Namespace("http://groundedannotationframework.org/gaf#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")

WIKIDATA_PREFIXES = ("http://www.wikidata.org/", "https://www.wikidata.org/")

#: Classes that are superclasses of others: a resource typed with both gets the more specific one.
_SUPERCLASSES = frozenset({"Organization", "DiplomaticEvent"})
#: Outgoing properties shown first in the panel, in this order (events: who, whom, what, when, words).
_FACT_ORDER = ("actor", "target", "about", "official", "form", "date", "place", "quote", "content", "source")
#: Properties that never become panel facts or edges (they are shown otherwise or are provenance).
_NOT_FACTS = frozenset({RDF.type, RDFS.label, OWL.sameAs, GAF.denotedBy, PROV.wasDerivedFrom})
#: Literal-valued properties of core nodes that do not become "value" nodes.
_NO_VALUE_NODE = frozenset({RDFS.label, DG.ruleId})
_PREFIX_KEYS = (
    (str(GAF), "gaf_"),
    (str(PROV), "prov_"),
    (str(NIF), "nif_"),
    (str(OWL), "owl_"),
    (str(DCTERMS), "dcterms_"),
)

#: Above this many visible nodes the page starts with physics off and keeps the Python layout.
PHYSICS_MAX_NODES = 800
#: Up to this many nodes the whole graph gets a spring layout; above, only a skeleton of the best
#: connected nodes does, and the rest are placed around their neighbours.
SPRING_MAX_NODES = 400
LAYOUT_SEED = 4
_VALUE_LABEL_MAX = 32


# --------------------------------------------------------------------------------------------- style


@dataclass(frozen=True)
class ClassStyle:
    """How one class of node looks: vis-network shape, colour, legend labels; extra = provenance/value."""

    key: str
    color: str
    shape: str
    en: str
    id: str
    extra: bool = False


@dataclass(frozen=True)
class Style:
    """The contents of ``kg/data/style.toml``."""

    classes: dict[str, ClassStyle]
    legend: tuple[str, ...]
    relations: dict[str, str]

    def of(self, key: str) -> ClassStyle:
        """The style of a class, or a grey dot for a dg: class the style file does not know yet."""
        found = self.classes.get(key)
        return found if found is not None else ClassStyle(key, "#9e9e9e", "dot", key, key)

    @property
    def node_classes(self) -> tuple[str, ...]:
        """The dg: classes (not the provenance kinds) that have a style, in legend order."""
        return tuple(k for k in self.legend if not self.classes[k].extra)


_SHAPES = frozenset(
    {"ellipse", "circle", "database", "box", "text", "diamond", "dot", "star"}
    | {"triangle", "triangleDown", "hexagon", "square"}
)


def _class_style(name: str, table: Any, extra: bool) -> ClassStyle:
    file = "kg/data/style.toml"
    if not isinstance(table, dict):
        raise DataFileError(file, name, "not a table")
    values = {k: table.get(k) for k in ("color", "shape", "en", "id")}
    for k, v in values.items():
        if not isinstance(v, str) or not v:
            raise DataFileError(file, name, f"missing or empty {k!r}")
    color = str(values["color"])
    if len(color) != 7 or color[0] != "#" or any(c not in "0123456789abcdefABCDEF" for c in color[1:]):
        raise DataFileError(file, name, f"colour {color!r} is not #rrggbb")
    if values["shape"] not in _SHAPES:
        raise DataFileError(file, name, f"unknown vis-network shape {values['shape']!r}")
    return ClassStyle(name, color.lower(), str(values["shape"]), str(values["en"]), str(values["id"]), extra)


@functools.cache
def load_style() -> Style:
    """Read and check ``kg/data/style.toml`` (cached); raises DataFileError when it is malformed."""
    file = "kg/data/style.toml"
    raw = tomllib.loads(resources.files("kg").joinpath("data/style.toml").read_text(encoding="utf-8"))
    classes: dict[str, ClassStyle] = {}
    for section, extra in (("classes", False), ("extra", True)):
        for name, table in dict(raw.get(section, {})).items():
            classes[name] = _class_style(name, table, extra)
    legend = raw.get("legend")
    if not isinstance(legend, list) or sorted(map(str, legend)) != sorted(classes):
        raise DataFileError(file, "legend", "must list every class of [classes] and [extra] once")
    relations = raw.get("relations", {})
    if not isinstance(relations, dict) or not all(isinstance(v, str) for v in relations.values()):
        raise DataFileError(file, "relations", "must map local names to strings")
    return Style(classes, tuple(str(x) for x in legend), {str(k): str(v) for k, v in relations.items()})


# ---------------------------------------------------------------------------------------------- view


@dataclass
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


@dataclass(frozen=True)
class ViewEdge:
    """A directed, labelled edge between two view nodes."""

    source: int
    target: int
    relation: str
    label_en: str
    label_id: str | None
    predicate: str
    extra: bool


@dataclass
class View:
    """The nodes and edges of the page, independent of pyvis and of the page itself."""

    nodes: list[ViewNode]
    edges: list[ViewEdge]

    @property
    def core_nodes(self) -> list[ViewNode]:
        return [n for n in self.nodes if not n.extra]

    @property
    def core_edges(self) -> list[ViewEdge]:
        return [e for e in self.edges if not e.extra]


def _local(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            tail = iri.rsplit(sep, 1)[1]
            if tail:
                return tail
    return iri


def _sort_key(term: RdfNode) -> tuple[int, str]:
    """A total, run-independent order on terms (blank nodes last; their labels are not stable)."""
    return (1 if isinstance(term, BNode) else 0, str(term))


def _node_key(graph: Graph, term: RdfNode) -> str:
    if isinstance(term, BNode):
        outgoing = sorted(
            f"{p.n3()} {o.n3()}" for p, o in graph.predicate_objects(term) if not isinstance(o, BNode)
        )
        return "_:" + hashlib.sha256("\n".join(outgoing).encode()).hexdigest()[:16]
    return str(term)


class _Builder:
    """Extracts a View from a graph; one instance per call of extract_view."""

    def __init__(self, graph: Graph, style: Style) -> None:
        self.g = graph
        self.style = style
        self.nodes: list[ViewNode] = []
        self.index: dict[RdfNode, int] = {}
        self.edges: set[ViewEdge] = set()
        self.prop_labels: dict[URIRef, tuple[str, str, str | None]] = {}

    # -- labels

    def relation(self, p: URIRef) -> tuple[str, str, str | None]:
        """(key, English label, Indonesian label) of a property: graph labels, else style.toml, else name."""
        if p not in self.prop_labels:
            key = _local(str(p))
            for ns, prefix in _PREFIX_KEYS:
                if str(p).startswith(ns):
                    key = prefix + key
            en, idl, plain = self.labels(p)
            label_en = en or plain or self.style.relations.get(key) or _local(str(p))
            self.prop_labels[p] = (key, label_en, idl)
        return self.prop_labels[p]

    def labels(self, s: RdfNode) -> tuple[str | None, str | None, str | None]:
        """The smallest English, Indonesian and language-less rdfs:label of a term."""
        en: list[str] = []
        idl: list[str] = []
        plain: list[str] = []
        for lab in self.g.objects(s, RDFS.label):
            if not isinstance(lab, Literal):
                continue
            lang = (lab.language or "").lower()
            bucket = en if lang.startswith("en") else idl if lang == "id" else plain if not lang else None
            if bucket is not None:
                bucket.append(str(lab))
        return (min(en, default=None), min(idl, default=None), min(plain, default=None))

    # -- nodes

    def core_class(self, s: RdfNode) -> str | None:
        found = [
            str(t)[len(str(DG)) :]
            for t in self.g.objects(s, RDF.type)
            if isinstance(t, URIRef) and str(t).startswith(str(DG))
        ]
        if not found:
            return None
        order = {k: i for i, k in enumerate(self.style.legend)}
        return min(found, key=lambda k: (k in _SUPERCLASSES, order.get(k, len(order)), k))

    def add(self, term: RdfNode, node: ViewNode) -> ViewNode:
        node.index = len(self.nodes)
        self.nodes.append(node)
        self.index[term] = node.index
        return node

    def add_core_nodes(self) -> None:
        typed = sorted(set(self.g.subjects(RDF.type, None)), key=_sort_key)
        found = [(s, c) for s in typed if (c := self.core_class(s)) is not None]
        found.sort(key=lambda sc: _node_key(self.g, sc[0]))
        for s, cls in found:
            en, idl, plain = self.labels(s)
            label_en = en or plain or idl or _local(str(s))
            wikidata = min(
                (str(o) for o in self.g.objects(s, OWL.sameAs) if str(o).startswith(WIKIDATA_PREFIXES)),
                default=None,
            )
            iri = str(s) if isinstance(s, URIRef) else None
            node = ViewNode(0, _node_key(self.g, s), cls, False, label_en, idl or plain, iri, wikidata)
            self.add(s, node)

    def label_of(self, o: RdfNode) -> list[Any]:
        """[English text, Indonesian text or None, node index or None] for a fact value."""
        if o in self.index:
            n = self.nodes[self.index[o]]
            return [n.label_en, n.label_id, n.index]
        if isinstance(o, Literal):
            return [str(o), None, None]
        en, idl, plain = self.labels(o)
        return [en or plain or _local(str(o)), idl, None]

    def add_facts(self, s: RdfNode, node: ViewNode) -> None:
        by_rel: dict[URIRef, list[list[Any]]] = {}
        for p, o in self.g.predicate_objects(s):
            if isinstance(p, URIRef) and p not in _NOT_FACTS:
                by_rel.setdefault(p, []).append(self.label_of(o))
        order = {k: i for i, k in enumerate(_FACT_ORDER)}
        rows = []
        for p, values in by_rel.items():
            key, en, idl = self.relation(p)
            rows.append((order.get(key, len(order)), en, key, [en, idl, sorted(values, key=str)]))
        node.facts = [r[3] for r in sorted(rows, key=lambda r: r[:3])]

    def add_core_edges(self) -> None:
        for s, i in list(self.index.items()):
            for p, o in self.g.predicate_objects(s):
                if isinstance(p, URIRef) and p != RDF.type and o in self.index:
                    key, en, idl = self.relation(p)
                    self.edges.add(ViewEdge(i, self.index[o], key, en, idl, str(p), False))

    # -- provenance

    def evidence(self, mentions: Iterable[RdfNode]) -> list[dict[str, Any]]:
        """Sentences of the mentions, each with the mentions' offsets inside it, in text order."""
        groups: dict[str, dict[str, Any]] = {}
        for m in mentions:
            sent = self.g.value(m, NIF.sentence)
            anchor = self.g.value(m, NIF.anchorOf)
            if sent is not None and self.g.value(sent, NIF.anchorOf) is not None:
                text = str(self.g.value(sent, NIF.anchorOf))
                start = _int(self.g.value(sent, NIF.beginIndex))
                mark = _mark(text, start, m, self.g, anchor)
                key = str(sent)
            elif anchor is not None:
                text, start, mark, key = (
                    str(anchor),
                    _int(self.g.value(m, NIF.beginIndex)),
                    (0, len(str(anchor))),
                    str(m),
                )
            else:
                continue
            group = groups.setdefault(
                key, {"text": text, "start": start if start is not None else -1, "marks": []}
            )
            if mark is not None and list(mark) not in group["marks"]:
                group["marks"].append(list(mark))
        result = sorted(groups.values(), key=lambda d: (d["start"], d["text"]))
        for d in result:
            d["marks"] = _non_overlapping(d["marks"])
        return result

    def add_extra(self, term: RdfNode, cls: str, owner: int, depth: int) -> int:
        if term in self.index:
            return self.index[term]
        g = self.g
        if cls == "Article":
            title = g.value(term, DCTERMS.title)
            label = str(title) if title is not None else _local(str(term))
            text = str(title) if title is not None else None
        else:
            anchor = g.value(term, NIF.anchorOf)
            label = str(anchor) if anchor is not None else _local(str(term))
            text = label
        node = ViewNode(0, str(term), cls, True, _short(label), None, str(term), text=text)
        node.owner, node.depth = owner, depth
        if cls == "Mention":
            node.evidence = self.evidence([term])
        return self.add(term, node).index

    def extra_edge(self, s: int, p: URIRef, o: int) -> None:
        key, en, idl = self.relation(p)
        self.edges.add(ViewEdge(s, o, key, en, idl, str(p), True))

    def add_provenance(self, core: list[tuple[RdfNode, ViewNode]]) -> None:
        g = self.g
        for s, node in core:
            mentions = sorted(g.objects(s, GAF.denotedBy), key=_sort_key)
            node.evidence = self.evidence(mentions)
            for m in mentions:
                mi = self.add_extra(m, "Mention", node.index, 1)
                self.extra_edge(node.index, GAF.denotedBy, mi)
                sent = g.value(m, NIF.sentence)
                if sent is not None:
                    si = self.add_extra(sent, "Sentence", mi, 2)
                    self.extra_edge(mi, NIF.sentence, si)
                    for art in sorted(g.objects(sent, NIF.referenceContext), key=_sort_key):
                        self.extra_edge(si, NIF.referenceContext, self.add_extra(art, "Article", si, 3))
            for art in sorted(g.objects(s, PROV.wasDerivedFrom), key=_sort_key):
                self.extra_edge(
                    node.index, PROV.wasDerivedFrom, self.add_extra(art, "Article", node.index, 3)
                )

    def add_values(self, core: list[tuple[RdfNode, ViewNode]]) -> None:
        for s, node in core:
            triples = [(p, o) for p, o in self.g.predicate_objects(s) if isinstance(o, Literal)]
            for p, o in sorted(triples, key=lambda po: (str(po[0]), po[1].n3())):
                if p in _NO_VALUE_NODE or not isinstance(p, URIRef):
                    continue
                digest = hashlib.sha256(f"{node.key}\n{p}\n{o.n3()}".encode()).hexdigest()[:16]
                vnode = ViewNode(0, "value:" + digest, "Value", True, _short(str(o)), None, text=str(o))
                vnode.owner, vnode.depth = node.index, 1
                self.nodes.append(vnode)
                vnode.index = len(self.nodes) - 1
                self.extra_edge(node.index, p, vnode.index)

    def build(self) -> View:
        self.add_core_nodes()
        core = [(t, self.nodes[i]) for t, i in self.index.items()]
        for s, node in core:
            self.add_facts(s, node)
        self.add_core_edges()
        self.add_provenance(core)
        self.add_values(core)
        edges = sorted(self.edges, key=lambda e: (e.extra, e.source, e.target, e.predicate))
        return View(self.nodes, edges)


def _int(term: RdfNode | None) -> int | None:
    try:
        return int(str(term)) if term is not None else None
    except ValueError:
        return None


def _mark(
    text: str, start: int | None, m: RdfNode, g: Graph, anchor: RdfNode | None
) -> tuple[int, int] | None:
    """The mention's [begin, end) inside its sentence: from the NIF offsets, else by finding its anchor."""
    mb, me = _int(g.value(m, NIF.beginIndex)), _int(g.value(m, NIF.endIndex))
    if start is not None and mb is not None and me is not None:
        b, e = mb - start, me - start
        if 0 <= b < e <= len(text) and (anchor is None or text[b:e] == str(anchor)):
            return (b, e)
    if anchor is not None and str(anchor) and str(anchor) in text:
        b = text.index(str(anchor))
        return (b, b + len(str(anchor)))
    return None


def _non_overlapping(marks: list[list[int]]) -> list[list[int]]:
    out: list[list[int]] = []
    for b, e in sorted(marks):
        if out and b < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([b, e])
    return out


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


def extract_view(graph: Graph) -> View:
    """The nodes (dg:-typed resources, then provenance and value nodes) and edges to draw."""
    return _Builder(graph, load_style()).build()


# -------------------------------------------------------------------------------------------- layout


def _spring(n: int, edges: list[tuple[int, int]], seed: int) -> dict[int, tuple[float, float]]:
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from((a, b) for a, b in edges if a != b)
    pos = nx.spring_layout(g, seed=seed, iterations=100)
    return {int(k): (float(v[0]), float(v[1])) for k, v in pos.items()}


def _neighbours(n: int, edges: list[tuple[int, int]]) -> list[list[int]]:
    adj: list[set[int]] = [set() for _ in range(n)]
    for a, b in edges:
        if a != b:
            adj[a].add(b)
            adj[b].add(a)
    return [sorted(s) for s in adj]


def _ring(center: tuple[float, float], k: int, radius: float) -> tuple[float, float]:
    """The k-th point of a sunflower spiral around center (golden angle), never on top of another."""
    angle = k * 2.399963229728653
    r = radius * (1.0 + 0.35 * math.sqrt(k))
    return (center[0] + r * math.cos(angle), center[1] + r * math.sin(angle))


def layout(n: int, edges: list[tuple[int, int]], *, seed: int = LAYOUT_SEED) -> list[tuple[float, float]]:
    """Deterministic positions (pixels) for nodes 0..n-1.

    Small graphs get a networkx spring layout. Big ones get it for a skeleton of the
    SPRING_MAX_NODES best-connected nodes; every other node is then put on a spiral around its first
    placed neighbour (breadth first), and nodes of components without a skeleton node around a root
    placed on an outer ring.
    """
    if n == 0:
        return []
    adj = _neighbours(n, edges)
    scale = 90.0 * math.sqrt(n) + 100.0
    if n <= SPRING_MAX_NODES:
        pos = _spring(n, edges, seed)
        return [(pos[i][0] * scale, pos[i][1] * scale) for i in range(n)]
    skeleton = sorted(range(n), key=lambda i: (-len(adj[i]), i))[:SPRING_MAX_NODES]
    local = {v: i for i, v in enumerate(skeleton)}
    sk_edges = [(local[a], local[b]) for a, b in edges if a in local and b in local]
    sk = _spring(len(skeleton), sk_edges, seed)
    placed: dict[int, tuple[float, float]] = {
        v: (sk[i][0] * scale, sk[i][1] * scale) for v, i in local.items()
    }
    children = [0] * n
    queue = deque(skeleton)
    roots = 0
    for start in range(n + 1):
        while queue:
            u = queue.popleft()
            for v in adj[u]:
                if v not in placed:
                    placed[v] = _ring(placed[u], children[u], 60.0)
                    children[u] += 1
                    queue.append(v)
        if start < n and start not in placed:
            angle = roots * 2.399963229728653
            placed[start] = (1.25 * scale * math.cos(angle), 1.25 * scale * math.sin(angle))
            roots += 1
            queue.append(start)
    return [placed[i] for i in range(n)]


def _place_extra(view: View, pos: dict[int, tuple[float, float]]) -> dict[int, tuple[int, int]]:
    """Offsets of provenance/value nodes from their owner, and their absolute positions in pos."""
    children: dict[int, int] = {}
    offsets: dict[int, tuple[int, int]] = {}
    for node in sorted((n for n in view.nodes if n.extra), key=lambda n: (n.depth, n.index)):
        owner = node.owner if node.owner is not None else 0
        k = children.get(owner, 0)
        children[owner] = k + 1
        ox, oy = _ring((0.0, 0.0), k + 1, 70.0)
        offsets[node.index] = (round(ox), round(oy))
        base = pos.get(owner, (0.0, 0.0))
        pos[node.index] = (base[0] + ox, base[1] + oy)
    return offsets


# ------------------------------------------------------------------------------------------ network


class _IdList(list[Any]):
    """pyvis keeps node ids in a list and tests membership for every node and edge: make that O(1)."""

    def __init__(self) -> None:
        super().__init__()
        self._set: set[Any] = set()

    def append(self, item: Any) -> None:
        super().append(item)
        self._set.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._set


def _build_network(view: View, style: Style) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The vis-network node and edge dicts, built with a directed pyvis Network."""
    from pyvis.network import Network

    net = Network(directed=True)
    net.node_ids = _IdList()
    core = view.core_nodes
    core_edges = [(e.source, e.target) for e in view.core_edges]
    pos = dict(enumerate(layout(len(core), core_edges)))
    offsets = _place_extra(view, pos)
    for node in view.nodes:
        st = style.of(node.cls)
        opts: dict[str, Any] = {"cls": node.cls, "extra": node.extra, "x": round(pos[node.index][0])}
        opts["y"] = round(pos[node.index][1])
        if node.extra:
            opts.update(
                owner=node.owner, depth=node.depth, ox=offsets[node.index][0], oy=offsets[node.index][1]
            )
            opts.update(size=10, font={"size": 11, "color": "#222222"})
        else:
            opts.update(size=20 if st.shape == "star" else 15)
        net.add_node(node.index, label=canvas_label(node.label_en), shape=st.shape, color=st.color, **opts)
    for i, e in enumerate(view.edges):
        extra = {"dashes": True, "color": {"color": "#b0b0b0"}} if e.extra else {}
        net.add_edge(e.source, e.target, id=i, label=e.label_en, rel=e.relation, extra=e.extra, **extra)
    return list(net.nodes), list(net.edges)


def _info(node: ViewNode) -> dict[str, Any]:
    return {
        "cls": node.cls,
        "en": node.label_en,
        "id": node.label_id,
        "iri": node.iri,
        "wd": node.wikidata,
        "text": node.text,
        "evidence": node.evidence,
        "facts": node.facts,
    }


def _vis_options(physics: bool) -> dict[str, Any]:
    return {
        "autoResize": True,
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "color": {"color": "#8a8a8a", "highlight": "#333333", "hover": "#333333"},
            "font": {"size": 11, "align": "middle", "color": "#555555", "strokeWidth": 3},
            "smooth": {"enabled": True, "type": "dynamic"} if physics else False,
            "width": 1,
        },
        "interaction": {"hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": not physics},
        "layout": {"improvedLayout": False, "randomSeed": LAYOUT_SEED},
        "nodes": {"font": {"size": 16, "color": "#1a1a1a", "strokeWidth": 4, "strokeColor": "#ffffff"}},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -3500,
                "centralGravity": 0.4,
                "springLength": 110,
                "avoidOverlap": 0.5,
            },
            "stabilization": {"enabled": physics, "iterations": 400, "updateInterval": 50, "fit": True},
        },
    }


def page_data(graph: Graph) -> dict[str, Any]:
    """Everything the page's script needs, as plain JSON-able data."""
    style = load_style()
    view = extract_view(graph)
    nodes, edges = _build_network(view, style)
    physics = len(view.core_nodes) <= PHYSICS_MAX_NODES
    counts: dict[str, int] = {}
    for n in view.nodes:
        counts[n.cls] = counts.get(n.cls, 0) + 1
    order = [k for k in style.legend if k in counts] + sorted(k for k in counts if k not in style.classes)
    classes = [
        {
            "key": k,
            "en": s.en,
            "id": s.id,
            "color": s.color,
            "shape": s.shape,
            "extra": s.extra,
            "count": counts[k],
        }
        for k in order
        for s in [style.of(k)]
    ]
    edge_labels = {e.relation: e.label_id for e in view.edges if e.label_id}
    return {
        "nodes": nodes,
        "edges": edges,
        "info": [_info(n) for n in view.nodes],
        "classes": classes,
        "edgeLabelsId": edge_labels,
        "physics": physics,
        "options": _vis_options(physics),
        "counts": {
            "nodes": len(view.core_nodes),
            "edges": len(view.core_edges),
            "extraNodes": len(view.nodes) - len(view.core_nodes),
            "extraEdges": len(view.edges) - len(view.core_edges),
        },
    }


# --------------------------------------------------------------------------------------------- page


_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def embed_json(data: Any) -> str:
    """JSON that is safe inside a <script> element: no <, >, & or line separators appear literally."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return "".join(_JSON_ESCAPES.get(c, c) for c in text) if any(c in text for c in _JSON_ESCAPES) else text


@functools.cache
def _asset(name: str) -> str:
    text = resources.files("kg").joinpath("templates", name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "<!--" in text:
        raise DataFileError(f"kg/templates/{name}", "text", "contains </script or <!-- and cannot be inlined")
    return text


def _csp_hash(script: str) -> str:
    import base64

    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"
    )


@functools.cache
def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader

    return Environment(
        loader=PackageLoader("kg", "templates"),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(graph: Graph, *, title: str) -> str:
    """One self-contained, offline HTML page showing the graph; the same graph gives the same bytes."""
    from markupsafe import Markup

    data = page_data(graph)
    vis_js, app_js = _asset("vis-network.min.js"), _asset("view.js")
    csp = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; base-uri 'none'; form-action 'none'"
    )
    template = _environment().get_template("view.html.j2")
    return template.render(
        title=title,
        csp=csp,
        vis_js=Markup(vis_js),  # vendored file, checked by _asset to hold no </script
        app_js=Markup(app_js),  # our own script, same check
        data_json=Markup(embed_json(data)),  # escaped by embed_json: no <, > or & left
        counts=data["counts"],
    )
