"""Stage 6: the graph. The only module that creates triples.

In: a :class:`kg.model.Extraction` and the resources. Out: its triples (:func:`build_triples`, a frozen
set of rdflib terms: what a batch validates and serializes) or an ``rdflib.Graph`` of them
(:func:`build_graph`, for the HTML view and the library). Every resource IRI comes
from :func:`kg.rdf.iri.mint`; there are no blank nodes. Every entity and event points to the mentions that
support it (``gaf:denotedBy``, NIF offsets into the article text) and to the article (PROV-O).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from typing import Any

from rdflib import Graph, Literal, URIRef, namespace
from rdflib.term import Node

from kg.lexicon.modality import ASSERTED
from kg.lexicon.resources import Resources
from kg.model import DateValue, Event, Extraction, Mention, Official, Organization, Treaty
from kg.rdf import vocab
from kg.rdf.iri import mint
from kg.rdf.terms import Terms

DG, GAF, NIF, SCHEMA, WD = (Terms(n) for n in (vocab.DG, vocab.GAF, vocab.NIF, vocab.SCHEMA, vocab.WD))
OWL, RDF, RDFS, XSD, DCTERMS, PROV = (
    Terms(n)
    for n in (namespace.OWL, namespace.RDF, namespace.RDFS, namespace.XSD, namespace.DCTERMS, namespace.PROV)
)

Triple = tuple[URIRef, URIRef, URIRef | Literal]
"""A triple of an article graph (no blank nodes)."""

_DATATYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


_BEGIN, _END, _LABEL = NIF.beginIndex, NIF.endIndex, RDFS.label
_ANCHOR, _CONTEXT, _SENTENCE, _PHRASE = NIF.anchorOf, NIF.referenceContext, NIF.sentence, NIF.Phrase
_TYPE, _RULE, _DENOTED_BY, _DERIVED_FROM = RDF.type, DG.ruleId, GAF.denotedBy, PROV.wasDerivedFrom
_same = str.__eq__  # two IRIs compared as strings, in C (rdflib's URIRef.__eq__ is Python)


@functools.lru_cache(maxsize=65536)
def _offset(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


@functools.lru_cache(maxsize=4096)
def _text(value: str, lang: str | None = None) -> Literal:
    """A plain or language-tagged string literal, one object per value: labels, rule ids and anchors
    recur within and across articles, and equal terms that are the same object compare in C."""
    return Literal(value, lang=lang)


def date_literal(value: DateValue) -> Literal:
    """A date as an ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear`` literal."""
    return Literal(value.iso, datatype=_DATATYPES[value.precision])


class _Writer:
    """Adds triples for one extraction; holds the graph being built and what it needs to mint IRIs."""

    def __init__(self, extraction: Extraction, resources: Resources) -> None:
        self.x = extraction
        self.r = resources
        self.triples: set[Triple] = set()
        self.label_index: dict[URIRef, list[Literal]] = {}
        self.mentions_written: dict[Mention, URIRef] = {}
        self.article = mint("article", extraction.article.stem)
        self.text = extraction.article.text
        self.states_written: set[str] = set()
        self.phrase = resources.labels["phrase"]
        self.spans: dict[tuple[int, int], URIRef] = {}

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.triples.add((s, p, o))
        if _same(p, _LABEL) and isinstance(o, Literal):
            self.label_index.setdefault(s, []).append(o)

    def labels(self, node: URIRef, en: str, id_: str | None = None) -> None:
        self.add(node, RDFS.label, _text(en, "en"))
        if id_ is not None:
            self.add(node, RDFS.label, _text(id_, "id"))

    # -- provenance -------------------------------------------------------------------------------
    def span(self, start: int, end: int) -> URIRef:
        node = self.spans.get((start, end))
        if node is None:
            node = self.spans[start, end] = URIRef(f"{self.article}#char={start},{end}")
        return node

    def offsets(self, node: URIRef, start: int, end: int) -> None:
        # no label among them: straight into the set, without add()'s label index
        self.triples.update(
            (
                (node, _BEGIN, _offset(start)),
                (node, _END, _offset(end)),
                (node, _ANCHOR, _text(self.text[start:end])),
                (node, _CONTEXT, self.article),
            )
        )

    def mention(self, m: Mention) -> URIRef:
        node = self.mentions_written.get(m)
        if node is not None:  # the same mention as evidence of several things: written once
            return node
        node = self.mentions_written[m] = self.span(m.start, m.end)
        self.triples.update(((node, _TYPE, _PHRASE), (node, _RULE, _text(m.rule))))
        self.offsets(node, m.start, m.end)
        if m.sentence >= 0:  # a dateline mention belongs to no sentence
            sentence = self.x.sentences[m.sentence]
            self.triples.add((node, _SENTENCE, self.span(sentence.start, sentence.end)))
        return node

    def evidence(self, node: URIRef, mentions: Iterable[Mention]) -> None:
        for m in mentions:
            self.triples.add((node, _DENOTED_BY, self.mention(m)))
        self.triples.add((node, _DERIVED_FROM, self.article))

    def write_article(self) -> None:
        a = self.x.article
        for t in (NIF.Context, PROV.Entity, SCHEMA.NewsArticle):
            self.add(self.article, RDF.type, t)
        self.add(self.article, NIF.isString, Literal(self.text))
        self.add(self.article, _BEGIN, _offset(0))
        self.add(self.article, _END, _offset(len(self.text)))
        self.add(self.article, DCTERMS.language, _text(a.language))
        self.add(self.article, DCTERMS.identifier, Literal(a.stem))
        if a.published is not None:
            self.add(self.article, DCTERMS.issued, Literal(a.published.isoformat(), datatype=XSD.date))
        if a.url is not None:
            self.add(self.article, DCTERMS.source, Literal(a.url, datatype=XSD.anyURI))
        if a.source is not None:
            self.add(self.article, DCTERMS.publisher, Literal(a.source))
        if a.title is not None:
            self.add(self.article, DCTERMS.title, Literal(a.title))
        for s in self.x.sentences:
            node = self.span(s.start, s.end)
            self.add(node, RDF.type, NIF.Sentence)
            self.offsets(node, s.start, s.end)

    # -- entities ---------------------------------------------------------------------------------
    def state(self, iso: str, mentions: Iterable[Mention] = ()) -> URIRef:
        node = mint("state", iso)
        if iso not in self.states_written:
            entry = self.r.gazetteer.state(iso)
            self.add(node, RDF.type, DG.State)
            self.labels(node, entry.en, entry.id)
            self.add(node, DG.iso2, _text(iso))
            self.add(node, OWL.sameAs, WD[entry.wikidata])
            if entry.ended is not None:
                self.add(node, DG.endedOn, Literal(entry.ended, datatype=XSD.date))
            self.states_written.add(iso)
        self.evidence(node, mentions)
        return node

    def state_name(self, iso: str, lang: int) -> str:
        entry = self.r.gazetteer.state(iso)
        return entry.en if lang == 0 else entry.id

    def org_node(self, key: str) -> URIRef:
        return mint("org", *key.split("/"))

    def organization(self, o: Organization) -> None:
        node = self.org_node(o.key)
        self.add(node, RDF.type, DG[o.type])
        if o.state is None:
            entry = self.r.gazetteer.organization(o.key)
            self.labels(node, entry.en, entry.id)
            if entry.wikidata:
                self.add(node, OWL.sameAs, WD[entry.wikidata])
        else:
            self.add(node, DG.ofState, self.state(o.state, o.mentions[:1]))
            kind = "embassy" if o.type == "Embassy" else o.key.split("/")[1]
            names = [
                self.phrase[kind][i] + " " + self.phrase["of"][i] + " " + self.state_name(o.state, i)
                for i in (0, 1)
            ]
            if o.accredited_to is not None:
                self.add(node, DG.accreditedTo, self.state(o.accredited_to, o.mentions[:1]))
                names = [
                    n + " " + self.phrase["in"][i] + " " + self.state_name(o.accredited_to, i)
                    for i, n in enumerate(names)
                ]
            self.labels(node, names[0], names[1])
        self.evidence(node, o.mentions)
        if any(m.sentence < 0 for m in o.mentions):
            self.add(self.article, PROV.wasAttributedTo, node)

    def official(self, o: Official) -> None:
        node = mint("person", o.key)
        en, label = (
            (o.role_en, o.role_label) if o.role_en else (self.r.title(o.role).en, self.r.title(o.role).label)
        )
        self.add(node, RDF.type, DG.Official)
        self.add(node, RDFS.label, _text(o.name))
        self.add(node, SCHEMA.name, _text(o.name))
        role = mint("role", o.role)
        self.add(role, RDF.type, DG.Role)
        self.labels(role, en, label)
        where = ("org", o.organization) if o.organization else ("state", o.state or "")
        post = mint(
            "post",
            *(where[1].split("/") if where[0] == "org" else [where[1]]),
            o.role,
            *([o.accredited_to] if o.accredited_to else []),
        )
        self.add(post, RDF.type, DG.Post)
        self.add(post, DG.role, role)
        if where[0] == "org":
            holder = self.org_node(where[1])
            entry = self.r.gazetteer.organization(where[1])
            self.add(holder, RDF.type, DG[entry.type])
            self.labels(holder, entry.en, entry.id)
            self.evidence(holder, o.mentions[:1])
            names = [f"{en} of {entry.en}", f"{label} {entry.id}"]
        else:
            holder = self.state(where[1], o.mentions[:1])
            names = [
                f"{en} of {self.state_name(where[1], 0)}",
                f"{label} {self.state_name(where[1], 1)}",
            ]
        if o.accredited_to is not None:
            self.add(post, DG.accreditedTo, self.state(o.accredited_to, o.mentions[:1]))
            names = [
                f"{names[0]} to {self.state_name(o.accredited_to, 0)}",
                f"{names[1]} untuk {self.state_name(o.accredited_to, 1)}",
            ]
        self.add(post, DG.postIn, holder)
        self.labels(post, names[0], names[1])
        self.add(node, DG.holds, post)
        self.add(node, DG.serves, holder)
        known = next((p for p in self.r.gazetteer.people if o.name in (p.name, *p.aliases)), None)
        if known is not None and known.wikidata:
            self.add(node, OWL.sameAs, WD[known.wikidata])
        self.evidence(node, o.mentions)

    def treaty(self, t: Treaty) -> None:
        node = mint("treaty", *t.key.split("/"))
        self.add(node, RDF.type, DG.Treaty)
        noun = self.r.treaty_nouns.get(t.noun, "treaty")
        kind = self.r.treaty_kinds.get(t.kind, "")
        parties_en = f" {self.phrase['and'][0]} ".join(self.state_name(p, 0) for p in t.parties)
        parties_id = f" {self.phrase['and'][1]} ".join(self.state_name(p, 1) for p in t.parties)
        when = f" ({t.signed.iso})" if t.signed else (f" (ended {t.ended.iso})" if t.ended else "")
        when_id = f" ({t.signed.iso})" if t.signed else (f" (berakhir {t.ended.iso})" if t.ended else "")
        en = f"{(kind + ' ' + noun) if kind else noun} between {parties_en}{when}"
        id_ = f"{t.noun} {t.kind + ' ' if t.kind else ''}antara {parties_id}{when_id}"
        if t.name:
            en, id_ = f"{t.name} ({noun}, {parties_en}){when}", f"{t.noun} {t.name} ({parties_id}){when_id}"
        self.labels(node, en[:1].upper() + en[1:], id_[:1].upper() + id_[1:])
        for p in t.parties:
            self.add(node, DG.party, self.state(p))
        for k in t.signatories:
            self.add(node, DG.signatory, mint("person", k))
        if t.signed is not None:
            self.add(node, DG.signedOn, date_literal(t.signed))
        if t.place is not None:
            self.add(node, DG.signedAt, mint("place", t.place))
        if t.ended is not None:
            self.add(node, DG.endedOn, date_literal(t.ended))
        status = self.r.labels["status"].get(t.status)
        if status is not None:
            self.add(node, DG.status, DG[status])
        for number, provision, m in t.articles:
            art = mint("treaty", *t.key.split("/"), "article", number)
            self.add(art, RDF.type, DG.TreatyArticle)
            self.labels(art, f"{self.phrase['article'][0]} {number}", f"{self.phrase['article'][1]} {number}")
            self.add(art, DG.articleNumber, Literal(number))
            self.add(art, DG.provision, Literal(provision, lang="id"))
            self.add(node, DG.hasArticle, art)
            self.evidence(art, [m])
        if t.predecessor is not None:
            self.add(node, DG.predecessor, mint("treaty", *t.predecessor.split("/")))
        self.evidence(node, t.mentions)

    # -- events -----------------------------------------------------------------------------------
    def ref(self, ref: tuple[str, str]) -> URIRef:
        kind, key = ref
        if kind == "state":
            return self.state(key)
        if kind == "official":
            return mint("person", key)
        if kind == "org":
            return self.org_node(key)
        if kind == "post":
            return self.state(key.split("/")[0])
        if kind == "topic":
            return mint("article", self.x.article.stem, "topic", key)
        return mint(kind, *key.split("/"))

    def ref_label(self, ref: tuple[str, str], lang: int) -> str:
        kind, key = ref
        if kind in {"state", "post"}:
            return self.state_name(key.split("/")[0], lang)
        if kind == "official":
            return next((o.name for o in self.x.officials if o.key == key), key)
        if kind == "org":
            return next(
                (
                    str(o)
                    for o in self.label_index.get(self.org_node(key), [])
                    if o.language == ("en", "id")[lang]
                ),
                key,
            )
        return key

    def event_labels(self, node: URIRef, e: Event) -> None:
        nouns = self.r.labels["event"][e.type]
        names = []
        for i in (0, 1):
            label = nouns[i]
            if e.actors:
                label += f" {self.phrase['by'][i]} " + f" {self.phrase['and'][i]} ".join(
                    self.ref_label(r, i) for r in e.actors
                )
            if e.targets:
                label += f" {self.phrase['against'][i]} " + self.ref_label(e.targets[-1], i)
            if e.date is not None:
                label += f" ({e.date.iso})"
            if e.modality != ASSERTED:  # "Protest by GH against TG (threatened)"
                label += f" ({self.r.labels['modality'][e.modality][1 + i]})"
            names.append(label)
        self.labels(node, names[0], names[1])

    def event(self, e: Event) -> None:
        node = mint("event", e.type.lower(), _event_key(e, self.text))
        self.add(node, RDF.type, DG[e.type])
        self.event_labels(node, e)
        for prop, refs in ((DG.actor, e.actors), (DG.target, e.targets), (DG.about, e.about)):
            for r in refs:
                self.add(node, prop, self.ref(r))
        if e.official is not None:
            self.add(node, DG.official, mint("person", e.official))
        if e.form is not None:
            form, en, id_ = self.r.labels["form"][e.form]
            self.add(node, DG.form, DG[form])
            self.labels(DG[form], en, id_)
        if e.modality != ASSERTED:  # only planned, conditional, requested, threatened or denied: not done
            modality, en, id_ = self.r.labels["modality"][e.modality]
            self.add(node, DG.modality, DG[modality])
            self.labels(DG[modality], en, id_)
        self.event_literals(node, e)
        self.evidence(node, (e.trigger, *e.extra_mentions))

    def event_literals(self, node: URIRef, e: Event) -> None:
        if e.date is not None:
            self.add(node, DG.date, date_literal(e.date))
        if e.place is not None:
            self.add(node, DG.place, mint("place", e.place))
        for q in e.quotes:
            self.add(node, DG.quote, Literal(self.text[q.start : q.end], lang="id"))
        if e.content is not None:
            self.add(node, DG.content, Literal(self.text[e.content.start : e.content.end], lang="id"))
        if e.source is not None:
            self.add(node, DG.source, self.org_node(e.source))
        self.add(node, DG.ruleId, _text(e.trigger.rule))

    def write(self) -> frozenset[Triple]:
        self.write_article()
        for iso, mentions in self.x.states:
            self.state(iso, mentions)
        for org in self.x.organizations:
            self.organization(org)
        for p in self.x.places:
            node = mint("place", p.key)
            self.add(node, RDF.type, DG.Place)
            self.add(node, RDFS.label, _text(p.name))
            if p.state is not None:
                self.add(node, DG.locatedIn, self.state(p.state, p.mentions[:1]))
            self.evidence(node, p.mentions)
        for official in self.x.officials:
            self.official(official)
        for t in self.x.treaties:
            self.treaty(t)
        for topic in self.x.topics:
            node = self.ref(("topic", topic.key))
            self.add(node, RDF.type, DG.Topic)
            self.add(node, RDFS.label, _text(self.text[topic.mention.start : topic.mention.end], "id"))
            self.evidence(node, [topic.mention])
        for e in (*self.x.events, *self.x.unasserted):
            self.event(e)
        return frozenset(self.triples)


def _event_key(e: Event, text: str) -> str:
    parts: list[Any] = [
        e.type,
        e.actors,
        e.targets,
        e.about,
        e.official,
        e.form,
        e.date.iso if e.date else None,
        text[e.content.start : e.content.end] if e.content else None,
        [text[q.start : q.end] for q in e.quotes],
    ]
    if e.modality != ASSERTED:  # (an asserted act's key is what it was before acts had a modality)
        parts.append(e.modality)
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:16]


PREFIXES = (
    ("dg", str(DG)),
    ("dgr", "https://w3id.org/diplograph/id/"),
    ("nif", str(NIF)),
    ("gaf", str(GAF)),
    ("wd", str(WD)),
    ("schema", str(SCHEMA)),
    ("prov", str(PROV)),
    ("dcterms", str(DCTERMS)),
    ("owl", str(OWL)),
)
"""The prefixes bound in an article's graph."""


def build_triples(extraction: Extraction, resources: Resources) -> frozenset[Triple]:
    """The triples of one article's extraction."""
    return _Writer(extraction, resources).write()


def graph_of(triples: Iterable[tuple[Node, Node, Node]]) -> Graph:
    """An rdflib graph holding ``triples``, with the article prefixes bound."""
    graph = Graph()
    graph.addN((s, p, o, graph) for s, p, o in triples)
    for prefix, ns in PREFIXES:
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def build_graph(extraction: Extraction, resources: Resources) -> Graph:
    """Write the triples of one article's extraction into a new graph."""
    return graph_of(build_triples(extraction, resources))
