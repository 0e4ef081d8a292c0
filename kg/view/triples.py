"""Reading the triples a view is drawn from (an rdflib graph or a set of triples): indexed once by
subject and predicate, then asked for labels, property names, and the sentences and offsets of mentions
(the evidence a node's panel shows). :class:`_Reader` memoizes these lookups;
:class:`kg.view.graphview._Builder` builds the view's nodes and edges on top of it."""

from __future__ import annotations

import hashlib
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any, TypeAlias

from rdflib import BNode, Graph, Literal, Namespace
from rdflib.namespace import OWL, RDF, RDFS

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from rdflib.term import Node as RdfNode

    from kg.view.style import Style


DG = Namespace("https://w3id.org/diplograph/ontology#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
GAF = Namespace("http://groundedannotationframework.org/gaf#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")


# The terms the view reads, looked up once (each attribute access of a Namespace makes a new URIRef).
_TYPE, _LABEL, _SAME_AS = RDF.type, RDFS.label, OWL.sameAs
_SENTENCE, _ANCHOR, _BEGIN, _END = NIF.sentence, NIF.anchorOf, NIF.beginIndex, NIF.endIndex
_REFERENCE_CONTEXT, _DENOTED_BY, _DERIVED_FROM = NIF.referenceContext, GAF.denotedBy, PROV.wasDerivedFrom
_TITLE = DCTERMS.title


_PREFIX_KEYS = (
    (str(GAF), "gaf_"),
    (str(PROV), "prov_"),
    (str(NIF), "nif_"),
    (str(OWL), "owl_"),
    (str(DCTERMS), "dcterms_"),
)


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


class _Reader:
    """The triples of a graph, indexed once, and what a view reads of them: objects, labels, property
    names, and the sentence and offsets of each mention; every lookup that is asked again is kept."""

    def __init__(self, graph: Triples, style: Style) -> None:
        self.out = _index(graph)
        self.style = style
        self.prop_labels: dict[RdfNode, tuple[str, str, str | None]] = {}
        self.mentions: dict[RdfNode, tuple[RdfNode | None, _Evidence | None]] = {}
        self.sentences: dict[RdfNode, tuple[str, int | None] | None] = {}

    # -- the graph

    def objects(self, s: RdfNode, p: RdfNode) -> Sequence[RdfNode]:
        return self.out.get(s, _NO_PREDICATES).get(p, _NO_OBJECTS)

    def value(self, s: RdfNode, p: RdfNode) -> RdfNode | None:
        """One object of (s, p), or None; the smallest in a fixed order when there are several."""
        return _one(self.out.get(s, _NO_PREDICATES).get(p))

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
