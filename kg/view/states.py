"""The state-level network of a graph (issue #19): the states, the acts that passed between them, when.

This is what the ``relations`` named query counts (``kg/ontology/queries/relations.rq``), computed in
one pass over the triples, without a SPARQL engine, for the page's state view (:mod:`kg.view.html`)
and ``kg export --states`` (:mod:`kg.view.netexport`). :meth:`StateNetwork.relations` gives the rows
of that query on the same graph; the tests hold the two together.

The states of an act: each ``dg:actor`` or ``dg:target`` that is a state (``dg:iso2``), the states an
official ``dg:serves``, the state of an organization (``dg:ofState``: an embassy, a ministry). A
directed act relates each actor state to each target state; a symmetric act (signing, summit, meeting)
each ordered pair of its states, actors and targets alike. No state relates to itself. An act's type is
its most specific ``dg:`` event class, as the ``events`` query names it (an act asserted with two of
them, which kg never writes, is one act of each); a protest is one act whatever its forms. Its kind
follows the CAMEO class of its type (``kg.rdf.vocab.CAMEO``): hostile for CAMEO's conflict codes (10-20:
demands, accusations, protests, summons, warnings, recalls...), cooperative for its cooperation codes
(02-09: meetings, visits, signings, ratifications), neutral for statements (01).

Triples are read through a :class:`Collector` chunk by chunk (one article graph at a time): only the
few predicates the network needs are kept, and a chunk's mentions are resolved to their sentences when
the chunk ends (kg writes a mention, its sentence and its article into the same graph). An act with a
``dg:modality`` (only planned, conditional, requested, threatened or denied) relates no states, as in
the query. A state view
of 10,000 article files so never holds their triples at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.rdf.vocab import CAMEO
from kg.view.layout import layout

__all__ = [
    "KINDS",
    "SYMMETRIC",
    "Act",
    "Article",
    "Collector",
    "Evidence",
    "StateNetwork",
    "load_state_network",
    "state_network",
    "state_page_data",
]

_DG = "https://w3id.org/diplograph/ontology#"
_NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
_DCTERMS = "http://purl.org/dc/terms/"


def _kind(code: str) -> str:
    return "neutral" if code < "020" else "cooperative" if code < "100" else "hostile"


#: Each event type (a dg: class local name) and its kind of act.
KINDS: dict[str, str] = dict(
    sorted({"DiplomaticEvent": "neutral", **{str(c)[len(_DG) :]: _kind(v) for c, v in CAMEO.items()}}.items())
)
#: Acts between equals: each ordered pair of their states counts once.
SYMMETRIC = frozenset({"Signing", "Summit", "Meeting"})
#: The colour of an edge whose acts are mostly of a kind ("mixed": as many hostile as cooperative).
KIND_COLORS = {"hostile": "#c0392b", "cooperative": "#1e8449", "mixed": "#8e44ad", "neutral": "#7f8c8d"}
#: The most connected states, whose names the page draws at every zoom.
HUBS = 15

_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_DENOTED_BY = "http://groundedannotationframework.org/gaf#denotedBy"
_DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
_ACTOR, _TARGET, _DATE, _MODALITY = _DG + "actor", _DG + "target", _DG + "date", _DG + "modality"
_ISO, _SERVES, _OF_STATE = _DG + "iso2", _DG + "serves", _DG + "ofState"
_SENTENCE, _ANCHOR = _NIF + "sentence", _NIF + "anchorOf"
_BEGIN, _END, _CONTEXT = _NIF + "beginIndex", _NIF + "endIndex", _NIF + "referenceContext"
_TITLE, _SOURCE, _IDENTIFIER = _DCTERMS + "title", _DCTERMS + "source", _DCTERMS + "identifier"
_SENTENCE_CLASS, _STATE_CLASS = _NIF + "Sentence", _DG + "State"
_EVENT_CLASSES = {_DG + name: name for name in KINDS}
#: The predicates a chunk keeps; every other triple is dropped as it is read.
KEPT = frozenset(
    {_TYPE, _LABEL, _DENOTED_BY, _DERIVED_FROM, _ACTOR, _TARGET, _DATE, _MODALITY, _ISO, _SERVES, _OF_STATE}
    | {_SENTENCE, _ANCHOR, _BEGIN, _END, _CONTEXT, _TITLE, _SOURCE, _IDENTIFIER}
)

#: Indexed as they are read: the links between events, states, officials and articles (few triples).
_FIRST = frozenset(
    {_ACTOR, _TARGET, _DATE, _MODALITY, _ISO, _SERVES, _OF_STATE, _TITLE, _SOURCE, _IDENTIFIER}
)
#: The classes whose rdf:type triples are kept.
_TYPES_KEPT = frozenset({*_EVENT_CLASSES, _STATE_CLASS, _SENTENCE_CLASS})

#: One kept triple: subject, predicate and object as text, and the object's language tag (or None).
Row = tuple[str, str, str, "str | None"]
_Chunk = dict[str, dict[str, list[tuple[str, "str | None"]]]]


@dataclass(frozen=True)
class Evidence:
    """A sentence that reports an act, the act's words marked in it ([begin, end) in code points), and
    the IRI of the article it comes from ("" when unknown; an empty text when no sentence is known)."""

    text: str
    marks: tuple[tuple[int, int], ...]
    article: str


@dataclass(frozen=True)
class Act:
    """One act of one type, and the ordered state pairs (actor, target) it relates."""

    iri: str
    type: str
    dates: tuple[str, ...]  # ISO 8601 as written (2024-06-21, 2024-06, 2024), sorted; () when undated
    pairs: tuple[tuple[str, str], ...]  # sorted
    evidence: tuple[Evidence, ...]

    @property
    def date(self) -> str:
        """The earliest date, or ""."""
        return self.dates[0] if self.dates else ""


@dataclass(frozen=True)
class Article:
    label: str  # its title, else its identifier (the file stem)
    url: str | None  # the http(s) url of its sidecar, if any


@dataclass(frozen=True)
class StateNetwork:
    """The states that take part in acts between states, those acts, and the articles they come from."""

    states: dict[str, tuple[str, str | None]]  # ISO -> (English name, Indonesian name), sorted by ISO
    acts: tuple[Act, ...]  # sorted by IRI, then type; each with at least one pair
    articles: dict[str, Article]  # by IRI, sorted

    def relations(self) -> list[list[str]]:
        """The rows of the ``relations`` query: actor, target, type, count, first, last."""
        groups: dict[tuple[str, str, str], list[Any]] = {}
        for act in self.acts:
            for a, t in act.pairs:
                g = groups.get((a, t, act.type))
                if g is None:
                    g = groups[(a, t, act.type)] = [0, "~", ""]  # "~" sorts after every date
                g[0] += 1
                if act.dates:
                    g[1] = min(g[1], act.dates[0])
                    g[2] = max(g[2], act.dates[-1])
        return [
            [a, t, ty, str(n), "" if lo == "~" else lo, hi]
            for (a, t, ty), (n, lo, hi) in sorted(groups.items())
        ]

    def pairs(self) -> dict[tuple[str, str], list[int]]:
        """Each related pair of states (the smaller ISO code first) -> the indices of its acts."""
        found: dict[tuple[str, str], list[int]] = {}
        for i, act in enumerate(self.acts):
            for key in sorted({(a, t) if a < t else (t, a) for a, t in act.pairs}):
                found.setdefault(key, []).append(i)
        return dict(sorted(found.items()))


@dataclass
class _Raw:
    """What is known of one event so far, over the chunks read."""

    types: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    evidence: dict[str, tuple[str, int, set[tuple[int, int]], str]] = field(default_factory=dict)
    articles: set[str] = field(default_factory=set)
    not_done: bool = False  # a dg:modality: only planned, conditional, requested, threatened or denied


class Collector:
    """Reads kept triples chunk by chunk (:meth:`add`) and makes the :class:`StateNetwork` of them all."""

    def __init__(self) -> None:
        self.raw: dict[str, _Raw] = {}
        self.iso: dict[str, set[str]] = {}
        self.serves: dict[str, set[str]] = {}
        self.of_state: dict[str, set[str]] = {}
        self.names: dict[str, tuple[set[str], set[str], set[str]]] = {}  # by ISO: English, Indonesian, other
        self.sources: dict[str, tuple[set[str], set[str], set[str]]] = {}  # titles, urls, identifiers

    def add(self, rows: Iterable[Row]) -> None:
        """Add the kept triples of one chunk; its mentions are resolved within it.

        Most triples of an article are its mentions and sentences; only those of the events' mentions
        are indexed: the chunk is read once, then its NIF triples, labels and provenance are picked by
        subject (the events and states, then the events' mentions, then their sentences).
        """
        chunk, events = _pick(rows)
        articles: set[str] = set()
        for s, po in chunk.items():
            for key, links in ((_ISO, self.iso), (_SERVES, self.serves), (_OF_STATE, self.of_state)):
                if key in po:
                    links.setdefault(s, set()).update(o for o, _ in po[key])
            if s in events:
                types = {_EVENT_CLASSES[o] for o, _ in po[_TYPE] if o in _EVENT_CLASSES}
                articles |= self._event(chunk, s, po, types)
            elif _ISO in po:
                self._names(po)
        for a in articles:
            po = chunk.get(a, {})
            titles, urls, ids = self.sources.setdefault(a, (set(), set(), set()))
            titles.update(o for o, _ in po.get(_TITLE, ()))
            urls.update(o for o, _ in po.get(_SOURCE, ()))
            ids.update(o for o, _ in po.get(_IDENTIFIER, ()))

    def _names(self, po: dict[str, list[tuple[str, str | None]]]) -> None:
        for iso, _ in po[_ISO]:
            en, idl, other = self.names.setdefault(iso, (set(), set(), set()))
            for text, lang in po.get(_LABEL, ()):
                low = (lang or "").lower()
                (en if low.startswith("en") else idl if low == "id" else other).add(text)

    def _event(
        self, chunk: _Chunk, s: str, po: dict[str, list[tuple[str, str | None]]], types: set[str]
    ) -> set[str]:
        raw = self.raw.get(s)
        if raw is None:
            raw = self.raw[s] = _Raw()
        raw.types |= types
        raw.actors.update(o for o, _ in po.get(_ACTOR, ()))
        raw.targets.update(o for o, _ in po.get(_TARGET, ()))
        raw.dates.update(o for o, _ in po.get(_DATE, ()))
        raw.not_done |= _MODALITY in po
        articles = {o for o, _ in po.get(_DERIVED_FROM, ())}
        raw.articles |= articles
        for m, _ in po.get(_DENOTED_BY, ()):
            found = _sentence_of(chunk, m)
            if found is None:
                continue
            key, text, start, mark, article = found
            entry = raw.evidence.get(key)
            if entry is None:
                entry = raw.evidence[key] = (text, start, set(), article)
            if mark is not None:
                entry[2].add(mark)
            if article:
                articles.add(article)
        return articles

    def states_of(self, ref: str) -> set[str]:
        """The ISO codes of a state, of the states an official serves, of an organization's state."""
        found = set(self.iso.get(ref, ()))
        for key in (*self.serves.get(ref, ()), *self.of_state.get(ref, ())):
            found.update(self.iso.get(key, ()))
        return found

    def network(self) -> StateNetwork:
        """The network of every chunk added so far."""
        acts: list[Act] = []
        for iri in sorted(self.raw):
            raw = self.raw[iri]
            if raw.not_done:
                continue  # an act the news names as not done passed between no states
            actors = {iso for r in raw.actors for iso in self.states_of(r)}
            targets = {iso for r in raw.targets for iso in self.states_of(r)}
            evidence = tuple(
                Evidence(text, _non_overlapping(marks), article)
                for text, _, marks, article in sorted(raw.evidence.values(), key=lambda e: (e[3], e[1], e[0]))
            ) or tuple(Evidence("", (), a) for a in sorted(raw.articles))
            for t in sorted(raw.types - {"DiplomaticEvent"} or raw.types):
                both = actors | targets if t in SYMMETRIC else None
                if both is not None:
                    pairs = sorted((a, b) for a in both for b in both if a != b)
                else:
                    pairs = sorted((a, b) for a in actors for b in targets if a != b)
                if pairs:
                    acts.append(Act(iri, t, tuple(sorted(raw.dates)), tuple(pairs), evidence))
        states: dict[str, tuple[str, str | None]] = {}
        for iso in sorted({x for act in acts for pair in act.pairs for x in pair}):
            en, idl, other = self.names.get(iso, (set(), set(), set()))
            id_name = min(idl, default=None)
            states[iso] = (min(en, default=None) or min(other, default=None) or id_name or iso, id_name)
        articles: dict[str, Article] = {}
        for a in sorted({e.article for act in acts for e in act.evidence if e.article}):
            titles, urls, ids = self.sources.get(a, (set(), set(), set()))
            label = min(titles, default=None) or min(ids, default=None) or a.rsplit("/", 1)[-1]
            url = min((u for u in urls if u.startswith(("http://", "https://"))), default=None)
            articles[a] = Article(label, url)
        return StateNetwork(states, tuple(acts), articles)


def _pick(rows: Iterable[Row]) -> tuple[_Chunk, set[str]]:
    """The chunk's triples that matter, by subject and predicate, and its events.

    The links between events, states, officials and articles are indexed as they are read; the rest
    (labels, provenance, mentions, sentences) is kept aside and picked in three passes by subject: of
    the events and states, of the events' mentions, of those mentions' sentences.
    """
    chunk: _Chunk = {}
    later: list[Row] = []
    for row in rows:
        s, p, o, lang = row
        if p in _FIRST or (p == _TYPE and o in _TYPES_KEPT):
            _put(chunk, s, p, o, lang)
        elif p != _TYPE:
            later.append(row)
    events = {s for s, po in chunk.items() if any(o in _EVENT_CLASSES for o, _ in po.get(_TYPE, ()))}
    wanted = events | {s for s, po in chunk.items() if _ISO in po}
    done: set[str] = set()
    for step in (_DENOTED_BY, _SENTENCE, None):
        found: set[str] = set()
        for s, p, o, lang in later:
            if s in wanted:
                _put(chunk, s, p, o, lang)
                if p == step and (step != _DENOTED_BY or s in events):
                    found.add(o)
        done |= wanted
        wanted = found - done
    return chunk, events


def _put(chunk: _Chunk, s: str, p: str, o: str, lang: str | None) -> None:
    po = chunk.get(s)
    if po is None:
        chunk[s] = {p: [(o, lang)]}
        return
    objects = po.get(p)
    if objects is None:
        po[p] = [(o, lang)]
    else:
        objects.append((o, lang))


def _sentence_of(chunk: _Chunk, m: str) -> tuple[str, str, int, tuple[int, int] | None, str] | None:
    """(key, text, start, the mention inside the text, article IRI) of a mention's sentence, or None.

    As the ``events`` query finds it: the ``nif:sentence`` of the mention, or the mention itself when it
    is a ``nif:Sentence``.
    """
    po = chunk.get(m)
    if po is None:
        return None
    sent = _first(po.get(_SENTENCE))
    spo = chunk.get(sent) if sent is not None else None
    if sent is not None and spo is not None and _ANCHOR in spo:
        text = _first(spo[_ANCHOR]) or ""
        start = _int(_first(spo.get(_BEGIN)))
        begin, end = _int(_first(po.get(_BEGIN))), _int(_first(po.get(_END)))
        mark = None
        if start is not None and begin is not None and end is not None and 0 <= begin - start < end - start:
            mark = (begin - start, min(end - start, len(text)))
        article = _first(po.get(_CONTEXT)) or _first(spo.get(_CONTEXT)) or ""
        return sent, text, start if start is not None else -1, mark, article
    if _ANCHOR in po and any(o == _SENTENCE_CLASS for o, _ in po.get(_TYPE, ())):
        start = _int(_first(po.get(_BEGIN)))
        text = _first(po[_ANCHOR]) or ""
        return m, text, start if start is not None else -1, None, _first(po.get(_CONTEXT)) or ""
    return None


def _first(found: list[tuple[str, str | None]] | None) -> str | None:
    return min(o for o, _ in found) if found else None


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _non_overlapping(marks: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    result: list[tuple[int, int]] = []
    for b, e in sorted(marks):
        if not result or b >= result[-1][1]:
            result.append((b, e))
    return tuple(result)


# ------------------------------------------------------------------------------------------ reading


def rdflib_rows(triples: Iterable[tuple[Any, Any, Any]]) -> Iterator[Row]:
    """The kept triples of an rdflib ``Graph`` or set of rdflib triples, as text."""
    from rdflib import Literal, URIRef

    kept = frozenset(map(URIRef, KEPT))  # terms, not text: no str() of the triples left out
    rdf_type, types = URIRef(_TYPE), frozenset(map(URIRef, _TYPES_KEPT))
    for s, p, o in triples:
        if p in kept and (p != rdf_type or o in types):
            yield str(s), str(p), str(o), o.language if isinstance(o, Literal) else None


_EVENT_READS = (_TYPE, _ACTOR, _TARGET, _DATE, _MODALITY, _DENOTED_BY, _DERIVED_FROM)
_REF_READS = (_ISO, _SERVES, _OF_STATE)
_STATE_READS = (_TYPE, _ISO, _LABEL)
_MENTION_READS = (_TYPE, _SENTENCE, _ANCHOR, _BEGIN, _END, _CONTEXT)
_ARTICLE_READS = (_TITLE, _SOURCE, _IDENTIFIER)


def index_rows(out: Mapping[Any, Mapping[Any, Sequence[Any]]]) -> Iterator[Row]:
    """The kept triples of a graph already indexed by subject and predicate (``{s: {p: [o, ...]}}`` of
    rdflib terms, as :mod:`kg.view.triples` indexes it), as text: only those the network reads, found by
    following the events' links instead of reading every triple again. The network is the one
    :func:`rdflib_rows` gives (a test holds them together)."""
    from rdflib import Literal, URIRef

    terms = {name: URIRef(name) for name in KEPT}  # made once: a URIRef checks its IRI when made
    rdf_type, types = terms[_TYPE], frozenset(map(URIRef, _TYPES_KEPT))
    events = frozenset(map(URIRef, _EVENT_CLASSES))
    empty: Mapping[Any, Sequence[Any]] = {}
    reads: dict[Any, set[str]] = {}  # subject -> the predicates read of it

    def read(subjects: Iterable[Any], predicates: tuple[str, ...], follow: tuple[str, ...] = ()) -> set[Any]:
        """Mark the predicates to read of each subject; the objects of ``follow``."""
        found: set[Any] = set()
        for s in subjects:
            reads.setdefault(s, set()).update(predicates)
            po = out.get(s, empty)
            for name in follow:
                found.update(po.get(terms[name], ()))
        return found

    acts = [s for s, po in out.items() if any(o in events for o in po.get(rdf_type, ()))]
    refs = read(acts, _EVENT_READS, (_ACTOR, _TARGET))
    mentions = read(acts, (), (_DENOTED_BY,))
    articles = read(acts, (), (_DERIVED_FROM,))
    states = read(refs, _REF_READS, (_SERVES, _OF_STATE)) | refs
    read(states, _STATE_READS)
    sentences = read(mentions, _MENTION_READS, (_SENTENCE,))
    articles |= read(mentions | sentences, (), (_CONTEXT,))
    read(sentences, _MENTION_READS)
    read(articles, _ARTICLE_READS)
    for s, names in reads.items():
        po = out.get(s, empty)
        for name in sorted(names):
            for o in po.get(terms[name], ()):
                if name != _TYPE or o in types:
                    yield str(s), name, str(o), o.language if isinstance(o, Literal) else None


def oxigraph_rows(quads: Iterable[Any]) -> Iterator[Row]:
    """The kept triples of pyoxigraph quads or triples, as text (nothing else is converted)."""
    import pyoxigraph as ox

    kept, literal = KEPT, ox.Literal
    for q in quads:
        p = q.predicate.value
        if p in kept:
            o = q.object
            yield q.subject.value, p, o.value, o.language if isinstance(o, literal) else None


def state_network(triples: Iterable[tuple[Any, Any, Any]]) -> StateNetwork:
    """The state network of an rdflib ``Graph`` or a set of rdflib triples."""
    collector = Collector()
    collector.add(rdflib_rows(triples))
    return collector.network()


def indexed_state_network(out: Mapping[Any, Mapping[Any, Sequence[Any]]]) -> StateNetwork:
    """The state network of a graph indexed by subject and predicate (see :func:`index_rows`)."""
    collector = Collector()
    collector.add(index_rows(out))
    return collector.network()


def load_state_network(paths: Sequence[Path]) -> StateNetwork:
    """The state network of graph files (by extension; named graphs flattened), read one at a time
    with pyoxigraph: bad files raise an InputError naming the file and line."""
    import pyoxigraph as ox

    from kg.errors import InputError
    from kg.store.graphfiles import rdf_format, syntax_message

    collector = Collector()
    for path in paths:
        fmt = rdf_format(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror}") from None
        try:
            collector.add(oxigraph_rows(ox.parse(data, format=fmt)))
        except SyntaxError as exc:
            raise InputError(syntax_message(path, fmt, exc)) from None
    return collector.network()


# --------------------------------------------------------------------------------------------- page


def state_page_data(net: StateNetwork) -> dict[str, Any]:
    """The state view's part of the page's data: compact lists in a fixed order (the same network
    gives the same data). ``states`` rows are [ISO, English name, Indonesian name, x, y, partners];
    ``acts`` rows [type index, date, [a, b, a, b, ...] state indices of its ordered pairs, evidence
    [[sentence index, [begin, end, ...] marks, article index or -1], ...]]. The states are placed by
    :func:`kg.view.layout.layout` (deterministic), an edge between each related pair."""
    isos = list(net.states)
    index = {iso: i for i, iso in enumerate(isos)}
    types = sorted({a.type for a in net.acts})
    type_index = {t: i for i, t in enumerate(types)}
    article_index = {a: i for i, a in enumerate(net.articles)}
    sentences: dict[str, int] = {}
    acts = []
    for act in net.acts:
        evidence = [
            [
                sentences.setdefault(e.text, len(sentences)),
                [x for m in e.marks for x in m],
                article_index.get(e.article, -1),
            ]
            for e in act.evidence
        ]
        acts.append(
            [type_index[act.type], act.date, [index[x] for pair in act.pairs for x in pair], evidence]
        )
    pairs = net.pairs()
    partners = dict.fromkeys(isos, 0)
    for a, b in pairs:
        partners[a] += 1
        partners[b] += 1
    positions = layout(len(isos), [(index[a], index[b]) for a, b in pairs])
    hubs = sorted(isos, key=lambda iso: (-partners[iso], iso))[:HUBS]
    return {
        "states": [
            [iso, en, idl, round(x), round(y), partners[iso]]
            for (iso, (en, idl)), (x, y) in zip(net.states.items(), positions, strict=True)
        ],
        "hubs": sorted(index[h] for h in hubs),
        "types": [[t, KINDS[t]] for t in types],
        "kinds": KIND_COLORS,
        "symmetric": sorted(SYMMETRIC),
        "dates": sorted({a.date for a in net.acts if a.date}),
        "acts": acts,
        "sentences": list(sentences),
        "articles": [[a.label, a.url] for a in net.articles.values()],
    }
