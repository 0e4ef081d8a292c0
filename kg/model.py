"""Frozen records passed between the pipeline stages.

Offsets are character offsets into ``Article.text`` (the original text, unchanged), end-exclusive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Article:
    """One article: its original text and what its sidecar says about it."""

    stem: str
    text: str
    language: str = "id"
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the article body, by offsets into the article text."""

    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that names something.

    ``kind`` is one of: state, place, org, official, postref, person, pronoun, date, treaty, clause.
    ``key`` identifies what it names within its kind (an ISO code, an org key, a role id, a date ...).
    ``rule`` names the lexicon entry or pattern that produced it.
    """

    start: int
    end: int
    kind: str
    key: str
    rule: str
    sentence: int


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date as precise as the text allows: ``iso`` is YYYY-MM-DD, YYYY-MM or YYYY."""

    iso: str

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``."""
        return {10: "day", 7: "month", 4: "year"}[len(self.iso)]


@dataclass(frozen=True, slots=True)
class Official:
    """A person holding a post, recognized from a title and a name."""

    key: str
    name: str
    role: str
    state: str | None
    organization: str | None
    accredited_to: str | None
    mentions: tuple[Mention, ...]
    role_en: str = ""
    """The post's English name ("Foreign Minister", "State Minister of Environment"); the role id's when empty."""
    role_label: str = ""
    """The title as the text writes it, or as titles.toml labels it ("Menteri Negara Lingkungan Hidup")."""


@dataclass(frozen=True, slots=True)
class Organization:
    """An organization: from the lexicon (key) or a pattern (ministry or embassy of a state)."""

    key: str
    type: str
    state: str | None
    accredited_to: str | None
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Place:
    """A place named as a location (a capital after "di", a region)."""

    key: str
    name: str
    state: str | None
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Treaty:
    """A treaty or agreement, from all the mentions that refer to it."""

    key: str
    noun: str
    kind: str
    name: str
    parties: tuple[str, ...]
    signatories: tuple[str, ...]
    signed: DateValue | None
    place: str | None
    ended: DateValue | None
    status: str
    articles: tuple[tuple[str, str, Mention], ...]
    predecessor: str | None
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Topic:
    """What an act is about when it is no entity of its own: a phrase of the text."""

    key: str
    mention: Mention


@dataclass(frozen=True, slots=True)
class Event:
    """An act of diplomacy.

    Participants are entity references ``(kind, key)`` with kind in state, official, org, treaty, topic, place.
    """

    type: str
    trigger: Mention
    actors: tuple[tuple[str, str], ...]
    targets: tuple[tuple[str, str], ...] = ()
    about: tuple[tuple[str, str], ...] = ()
    official: str | None = None
    form: str | None = None
    date: DateValue | None = None
    place: str | None = None
    quotes: tuple[Mention, ...] = ()
    content: Mention | None = None
    source: str | None = None
    extra_mentions: tuple[Mention, ...] = field(default=())
    modality: str = "asserted"
    """Whether the text says the act was done ("asserted"), or only that it is "planned", "conditional",
    "requested" (asked of someone), "threatened" or "denied" (not done, refused, or denied): the markers
    of ``kg/data/modality.toml``. Only asserted acts are in :attr:`Extraction.events`."""


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the pipeline found in one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    states: tuple[tuple[str, tuple[Mention, ...]], ...]
    officials: tuple[Official, ...]
    organizations: tuple[Organization, ...]
    places: tuple[Place, ...]
    treaties: tuple[Treaty, ...]
    topics: tuple[Topic, ...]
    events: tuple[Event, ...]
    """The acts the text says were done (asserted)."""
    unasserted: tuple[Event, ...] = ()
    """The acts the text names as only planned, conditional, requested, threatened or denied, each with
    its :attr:`Event.modality`: in the graph, marked so, never counted as done."""


@dataclass(frozen=True, slots=True)
class DatedSentence:
    """A sentence's date expressions, resolved: ``(start, end, value)``."""

    dates: tuple[tuple[int, int, DateValue], ...]
