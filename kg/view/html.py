"""A self-contained interactive HTML view of a diplograph graph (issue #4).

``render_html(graph, title=...)`` returns one HTML page that works opened from disk, offline: the
vis-network library (vendored from pyvis, see ``kg/view/templates/NOTICE.md``) and the page's own script are
inlined, a Content-Security-Policy forbids every network request and every script but those two, and
the graph travels as JSON inside a ``<script type="application/json">`` element, escaped so that no
``</script>`` or other markup in the data can leave it. The page builds every tooltip and panel with
DOM APIs and ``textContent`` only.

The view is extracted in one pass over the graph's triples. The vis-network node and edge dicts are
built directly: they are the ones a directed pyvis ``Network`` (which keeps parallel edges) makes, and
``to_pyvis(graph)`` gives notebook users that ``Network``, importing pyvis only then. Positions come
from a small pure-Python Fruchterman-Reingold layout started from a fixed ``random.Random`` seed, so the
same graph always gives byte-identical HTML. The page is ``kg/view/templates/view.html`` filled in with
``string.Template``. Rendering imports neither pyvis, networkx, numpy nor Jinja: together they cost a
cold ``kg build`` about half a second. pyvis' own templates are not used: they fetch bootstrap from a
CDN and execute HTML found in headings, node ids and titles.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import math
import random
import string
import tomllib
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple, ParamSpec, TypeAlias, TypeVar

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.errors import DataFileError

if TYPE_CHECKING:
    from pyvis.network import Network
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
    "to_pyvis",
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
_FACT_RANK = {k: i for i, k in enumerate(_FACT_ORDER)}
# The terms the view reads, looked up once (each attribute access of a Namespace makes a new URIRef).
_TYPE, _LABEL, _SAME_AS = RDF.type, RDFS.label, OWL.sameAs
_SENTENCE, _ANCHOR, _BEGIN, _END = NIF.sentence, NIF.anchorOf, NIF.beginIndex, NIF.endIndex
_REFERENCE_CONTEXT, _DENOTED_BY, _DERIVED_FROM = NIF.referenceContext, GAF.denotedBy, PROV.wasDerivedFrom
_TITLE = DCTERMS.title
_DG_STR = str(DG)
_DG_LEN = len(_DG_STR)
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


def _value_key(term: RdfNode) -> tuple[int, str, str]:
    return (1 if isinstance(term, BNode) else 0, str(term), term.n3())


#: What a view is drawn from: an rdflib graph, or a set of triples (what ``kg build`` made, what
#: :func:`kg.store.queries.load_triples` read; faster than a graph to read).
Triples: TypeAlias = "Graph | AbstractSet[tuple[RdfNode, RdfNode, RdfNode]]"
#: The triples of a graph by subject, then predicate: {s: {p: [o, ...]}}.
_Index: TypeAlias = "dict[RdfNode, dict[RdfNode, list[RdfNode]]]"
_NO_OBJECTS: tuple[RdfNode, ...] = ()
_NO_PREDICATES: dict[RdfNode, list[RdfNode]] = {}


def _index(graph: Triples) -> _Index:
    """The graph's triples by subject and predicate, read in one pass: several times faster than
    asking rdflib for each (subject, predicate) the view looks up."""
    out: _Index = {}
    for s, p, o in graph:
        po = out.get(s)
        if po is None:
            out[s] = {p: [o]}
            continue
        objects = po.get(p)
        if objects is None:
            po[p] = [o]
        else:
            objects.append(o)
    return out


def _node_key(out: _Index, term: RdfNode) -> str:
    if isinstance(term, BNode):
        outgoing = sorted(
            f"{p.n3()} {o.n3()}"
            for p, objects in out.get(term, _NO_PREDICATES).items()
            for o in objects
            if not isinstance(o, BNode)
        )
        return "_:" + hashlib.sha256("\n".join(outgoing).encode()).hexdigest()[:16]
    return str(term)


#: (group key, sentence text, sentence start or -1, mark or None) of one mention, see _Builder.mention.
_Evidence = tuple[str, str, int, tuple[int, int] | None]


class _Builder:
    """Extracts a View from a graph; one instance per call of extract_view."""

    def __init__(self, graph: Triples, style: Style) -> None:
        self.out = _index(graph)
        self.style = style
        self.legend_order = {k: i for i, k in enumerate(style.legend)}
        self.nodes: list[ViewNode] = []
        self.index: dict[RdfNode, int] = {}
        #: (extra, source, target, predicate IRI) of every edge; see edge() and build().
        self.edges: set[tuple[bool, int, int, str]] = set()
        self.predicates: dict[str, RdfNode] = {}
        self.prop_labels: dict[RdfNode, tuple[str, str, str | None]] = {}
        self.mentions: dict[RdfNode, tuple[RdfNode | None, _Evidence | None]] = {}
        self.sentences: dict[RdfNode, tuple[str, int | None] | None] = {}

    # -- the graph

    def objects(self, s: RdfNode, p: RdfNode) -> Sequence[RdfNode]:
        return self.out.get(s, _NO_PREDICATES).get(p, _NO_OBJECTS)

    def value(self, s: RdfNode, p: RdfNode) -> RdfNode | None:
        """One object of (s, p), or None; the smallest in a fixed order when there are several."""
        return _one(self.out.get(s, _NO_PREDICATES).get(p))

    def edge(self, extra: bool, s: int, p: RdfNode, o: int) -> None:
        iri = str(p)
        self.edges.add((extra, s, o, iri))
        self.predicates[iri] = p

    # -- labels

    def relation(self, p: RdfNode) -> tuple[str, str, str | None]:
        """(key, English label, Indonesian label) of a property: graph labels, else style.toml, else name."""
        found = self.prop_labels.get(p)
        if found is None:
            key = _local(str(p))
            for ns, prefix in _PREFIX_KEYS:
                if str(p).startswith(ns):
                    key = prefix + key
            en, idl, plain = self.labels(p)
            label_en = en or plain or self.style.relations.get(key) or _local(str(p))
            found = self.prop_labels[p] = (key, label_en, idl)
        return found

    def labels(self, s: RdfNode) -> tuple[str | None, str | None, str | None]:
        """The smallest English, Indonesian and language-less rdfs:label of a term."""
        en: list[str] = []
        idl: list[str] = []
        plain: list[str] = []
        for lab in self.objects(s, _LABEL):
            if not isinstance(lab, Literal):
                continue
            lang = (lab.language or "").lower()
            bucket = en if lang.startswith("en") else idl if lang == "id" else plain if not lang else None
            if bucket is not None:
                bucket.append(str(lab))
        return (min(en, default=None), min(idl, default=None), min(plain, default=None))

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

    def sentence(self, sent: RdfNode) -> tuple[str, int | None] | None:
        """The text and start offset of a nif:Context or sentence, or None when it has no nif:anchorOf."""
        if sent in self.sentences:
            return self.sentences[sent]
        po = self.out.get(sent, _NO_PREDICATES)
        anchor = _one(po.get(_ANCHOR))
        found = (str(anchor), _int(_one(po.get(_BEGIN)))) if anchor is not None else None
        self.sentences[sent] = found
        return found

    def mention(self, m: RdfNode) -> tuple[RdfNode | None, _Evidence | None]:
        """A mention's nif:sentence, and where it is: its sentence (else its own anchor) and its
        [begin, end) inside it."""
        found = self.mentions.get(m)
        if found is not None:
            return found
        po = self.out.get(m, _NO_PREDICATES)
        sent = _one(po.get(_SENTENCE))
        anchor = _one(po.get(_ANCHOR))
        sentence = self.sentence(sent) if sent is not None else None
        where: _Evidence | None
        if sent is not None and sentence is not None:
            text, start = sentence
            mark = _mark(text, start, _int(_one(po.get(_BEGIN))), _int(_one(po.get(_END))), anchor)
            where = (str(sent), text, start if start is not None else -1, mark)
        elif anchor is not None:
            start = _int(_one(po.get(_BEGIN)))
            where = (str(m), str(anchor), start if start is not None else -1, (0, len(str(anchor))))
        else:
            where = None
        found = self.mentions[m] = (sent, where)
        return found

    def evidence(self, mentions: Iterable[RdfNode]) -> list[dict[str, Any]]:
        """Sentences of the mentions, each with the mentions' offsets inside it, in text order."""
        groups: dict[str, dict[str, Any]] = {}
        for m in mentions:
            found = self.mention(m)[1]
            if found is None:
                continue
            key, text, start, mark = found
            group = groups.get(key)
            if group is None:
                group = groups[key] = {"text": text, "start": start, "marks": []}
            if mark is not None and list(mark) not in group["marks"]:
                group["marks"].append(list(mark))
        result = sorted(groups.values(), key=lambda d: (d["start"], d["text"]))
        for d in result:
            d["marks"] = _non_overlapping(d["marks"])
        return result

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


def _one(found: list[RdfNode] | None) -> RdfNode | None:
    """One of the objects found, or None; the smallest in a fixed order when there are several."""
    if not found:
        return None
    return found[0] if len(found) == 1 else min(found, key=_value_key)


def _int(term: RdfNode | None) -> int | None:
    try:
        return int(str(term)) if term is not None else None
    except ValueError:
        return None


def _mark(
    text: str, start: int | None, mb: int | None, me: int | None, anchor: RdfNode | None
) -> tuple[int, int] | None:
    """The mention's [begin, end) inside its sentence: from the NIF offsets, else by finding its anchor."""
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


@_without_gc
def extract_view(graph: Triples) -> View:
    """The nodes (dg:-typed resources, then provenance and value nodes) and edges to draw."""
    return _Builder(graph, load_style()).build()


# -------------------------------------------------------------------------------------------- layout


#: Iterations of the spring layout; the step size cools linearly to zero over them.
SPRING_ITERATIONS = 50
#: The four neighbouring grid cells "after" a cell: with the cell itself they cover each pair once.
_HALF_NEIGHBOURHOOD = ((1, -1), (1, 0), (1, 1), (0, 1))


def _repel(xs: list[float], ys: list[float], dx: list[float], dy: list[float], k: float) -> None:
    """Add Fruchterman-Reingold repulsion (k²/d) between nodes closer than 2k, found with a 2k grid."""
    reach = 2.0 * k
    reach2, k2 = reach * reach, k * k
    cells: dict[tuple[int, int], list[int]] = {}
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        key = (math.floor(x / reach), math.floor(y / reach))
        members = cells.get(key)
        if members is None:
            cells[key] = [i]
        else:
            members.append(i)
    for (cx, cy), members in cells.items():
        others = [j for ox, oy in _HALF_NEIGHBOURHOOD for j in cells.get((cx + ox, cy + oy), ())]
        for a, i in enumerate(members):
            xi, yi = xs[i], ys[i]
            fx = fy = 0.0
            for j in members[a + 1 :] + others:
                ddx, ddy = xi - xs[j], yi - ys[j]
                d2 = ddx * ddx + ddy * ddy
                if d2 >= reach2:
                    continue
                if d2 < 1e-12:  # on top of each other: push apart along a fixed, index-given direction
                    ddx, ddy, d2 = 1e-6 * (1 + i % 7), 1e-6 * (1 + j % 5), 1e-12
                f = k2 / d2
                ddx, ddy = ddx * f, ddy * f
                fx += ddx
                fy += ddy
                dx[j] -= ddx
                dy[j] -= ddy
            dx[i] += fx
            dy[i] += fy


def _spring(n: int, edges: list[tuple[int, int]], seed: int) -> list[tuple[float, float]]:
    """A Fruchterman-Reingold layout of nodes 0..n-1 in [-1, 1]², the same for the same input.

    Starts from uniform random positions of a ``random.Random(seed)``; runs SPRING_ITERATIONS steps
    of attraction d²/k along edges and repulsion k²/d between nodes closer than 2k (the grid variant
    of the paper), each node moving at most the temperature, which cools linearly from 0.1.
    """
    if n == 1:
        return [(0.0, 0.0)]
    rng = random.Random(seed)
    xs = [rng.random() for _ in range(n)]
    ys = [rng.random() for _ in range(n)]
    pairs = sorted({(a, b) if a < b else (b, a) for a, b in edges if a != b})
    k = math.sqrt(1.0 / n)
    temperature = 0.1
    cooling = temperature / SPRING_ITERATIONS
    for _ in range(SPRING_ITERATIONS):
        dx = [0.0] * n
        dy = [0.0] * n
        _repel(xs, ys, dx, dy, k)
        for a, b in pairs:
            ddx, ddy = xs[a] - xs[b], ys[a] - ys[b]
            f = math.sqrt(ddx * ddx + ddy * ddy) / k
            ddx, ddy = ddx * f, ddy * f
            dx[a] -= ddx
            dy[a] -= ddy
            dx[b] += ddx
            dy[b] += ddy
        for i in range(n):
            length = math.hypot(dx[i], dy[i])
            if length > temperature:
                s = temperature / length
                xs[i] += dx[i] * s
                ys[i] += dy[i] * s
            else:
                xs[i] += dx[i]
                ys[i] += dy[i]
        temperature -= cooling
    mx, my = sum(xs) / n, sum(ys) / n
    half = max(max(abs(x - mx) for x in xs), max(abs(y - my) for y in ys)) or 1.0
    return [((x - mx) / half, (y - my) / half) for x, y in zip(xs, ys, strict=True)]


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

    Small graphs get a spring layout (``_spring``). Big ones get it for a skeleton of the
    SPRING_MAX_NODES best-connected nodes; every other node is then put on a spiral around its first
    placed neighbour (breadth first), and nodes of components without a skeleton node around a root
    placed on an outer ring.
    """
    if n == 0:
        return []
    scale = 90.0 * math.sqrt(n) + 100.0
    if n <= SPRING_MAX_NODES:
        return [(x * scale, y * scale) for x, y in _spring(n, edges, seed)]
    adj = _neighbours(n, edges)
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


def _network(view: View, style: Style) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The vis-network node and edge dicts, laid out.

    They are the dicts a directed pyvis ``Network`` makes with ``add_node(index, label=..., shape=...,
    color=..., **options)`` and ``add_edge(source, target, **options)`` (pyvis adds ``arrows: "to"``
    and uses the id as label when the label is empty); ``to_pyvis`` turns them back into one.
    """
    core_edges = [(e.source, e.target) for e in view.core_edges]
    pos = dict(enumerate(layout(len(view.core_nodes), core_edges)))
    offsets = _place_extra(view, pos)
    nodes: list[dict[str, Any]] = []
    for node in view.nodes:
        st = style.of(node.cls)
        x, y = pos[node.index]
        d: dict[str, Any] = {
            "id": node.index,
            "label": canvas_label(node.label_en) or node.index,
            "shape": st.shape,
            "color": st.color,
            "cls": node.cls,
            "extra": node.extra,
            "x": round(x),
            "y": round(y),
        }
        if node.extra:
            ox, oy = offsets[node.index]
            d.update(owner=node.owner, depth=node.depth, ox=ox, oy=oy, size=10)
            d["font"] = {"size": 11, "color": "#222222"}
        else:
            d["size"] = 20 if st.shape == "star" else 15
        nodes.append(d)
    edges: list[dict[str, Any]] = []
    for i, e in enumerate(view.edges):
        d = {"id": i, "from": e.source, "to": e.target, "label": e.label_en, "rel": e.relation}
        d.update(extra=e.extra, arrows="to")
        if e.extra:
            d.update(dashes=True, color={"color": "#b0b0b0"})
        edges.append(d)
    return nodes, edges


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


@_without_gc
def page_data(graph: Triples) -> dict[str, Any]:
    """Everything the page's script needs, as plain JSON-able data."""
    style = load_style()
    view = extract_view(graph)
    nodes, edges = _network(view, style)
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


def to_pyvis(graph: Triples) -> Network:
    """The page's network as a directed pyvis ``Network``, for notebooks and pyvis' own tools.

    Its nodes, edges (directed: parallel edges are kept) and vis-network options are those of
    ``render_html``'s page, positions included. pyvis is imported here only; note that pyvis' own
    templates (``Network.show``, ``write_html``) load their scripts from CDNs, unlike the page.
    """
    from pyvis.network import Network

    data = page_data(graph)
    net = Network(directed=True)
    net.node_ids = _IdList()
    for node in data["nodes"]:
        options = dict(node)
        net.add_node(options.pop("id"), **options)
    for edge in data["edges"]:
        options = dict(edge)
        net.add_edge(options.pop("from"), options.pop("to"), **options)
    net.options = data["options"]
    return net


# --------------------------------------------------------------------------------------------- page


_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def embed_json(data: Any, *, sort_keys: bool = True) -> str:
    """JSON that is safe inside a <script> element: no <, >, & or line separators appear literally.

    The page's own data is embedded with ``sort_keys=False`` (sorting is ~15% of the time it takes to
    encode a big view): it is built in a fixed order, so the output is just as deterministic.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=sort_keys, separators=(",", ":"), allow_nan=False)
    for c, escaped in _JSON_ESCAPES.items():
        if c in text:
            text = text.replace(c, escaped)
    return text


@functools.cache
def _asset(name: str) -> str:
    text = resources.files("kg.view").joinpath("templates", name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "<!--" in text:
        raise DataFileError(
            f"kg/view/templates/{name}", "text", "contains </script or <!-- and cannot be inlined"
        )
    return text


@functools.cache
def _csp_hash(script: str) -> str:
    import base64

    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"
    )


#: What Jinja's autoescape (markupsafe) does to text put into HTML, for the same bytes.
_HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})


def _escape(text: str) -> str:
    return text.translate(_HTML_ESCAPES)


@functools.cache
def _page() -> string.Template:
    """``kg/view/templates/view.html``: plain HTML with ``$name`` placeholders (stdlib ``string.Template``:
    the page needs no more, and Jinja would cost a cold ``kg build`` ~20 ms of imports)."""
    return string.Template(
        resources.files("kg.view").joinpath("templates", "view.html").read_text(encoding="utf-8")
    )


def render_html(graph: Triples, *, title: str) -> str:
    """One self-contained, offline HTML page showing the graph; the same graph gives the same bytes."""
    data = page_data(graph)
    vis_js, app_js = _asset("vis-network.min.js"), _asset("view.js")
    csp = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; base-uri 'none'; form-action 'none'"
    )
    counts = data["counts"]
    return _page().substitute(
        title=_escape(title),
        csp=_escape(csp),
        nodes=counts["nodes"],
        edges=counts["edges"],
        vis_js=vis_js,  # vendored file, checked by _asset to hold no </script
        app_js=app_js,  # our own script, same check
        data_json=embed_json(data, sort_keys=False),  # escaped by embed_json: no <, > or & left
    )
