"""Stage 3: find what each sentence names — states, places, organizations, titles with names, pronouns.

In: the article text, its sentences and the compiled :class:`kg.lexicon.resources.Resources`. Out: a
:class:`Mentions` record of :class:`kg.model.Mention` lists and :class:`TitleMatch` records. Finding only:
which entity a person mention refers to is decided in :mod:`kg.extract.entities`.

The titles of office and the names after them are found by :mod:`kg.extract.titles`.

A capital names its state's government ("Moskow dan Pyongyang menandatangani") unless it is used as a
place: after "di", or after "ke"/"dari" next to a word of travel ("kunjungan ke Seoul").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.body import find_dateline
from kg.extract.surfaces import _norm_space, _state_after, surface_at
from kg.extract.titles import _MINISTRY, TitleMatch, _counterparts, _title_mentions
from kg.lexicon.resources import Resources
from kg.model import Mention, Sentence

_WORD = re.compile(r"[\w'’.-]+|[^\w\s]")
_TRAVEL = frozenset(
    [
        "kunjungan",
        "berkunjung",
        "tiba",
        "terbang",
        "pergi",
        "perjalanan",
        "kembali",
        "pulang",
        "lawatan",
        "bertolak",
        "berangkat",
        "datang",
        "menuju",
        "mengunjungi",
        "bertandang",
    ]
)
_PLACE_BEFORE = frozenset({"di", "kota", "dekat", "sekitar", "wilayah", "luar", "pinggiran"})
_MOTION_BEFORE = frozenset({"ke", "dari", "menuju"})
NEWS_HOME = "ID"
"""The state whose press this is: Indonesian news names its own government's ministries without the
state ("Kementerian Luar Negeri membentuk tim") and qualifies foreign ones."""
_PRONOUN = re.compile(r"(?<![\w-])(?:Ia|Dia|Beliau|ia|dia|beliau)(?![\w-])")
_EMBASSY = re.compile(r"(?<![\w-])(?:Kedutaan\s+Besar|Kedubes|Kedutaan)\s+", re.IGNORECASE)
_MINISTRY_KINDS = {
    "pertahanan": "ministry-of-defence",
    "kemhan": "ministry-of-defence",
    "kemenhan": "ministry-of-defence",
}
_PARLIAMENT = re.compile(
    r"(?<![\w-])(?:[Pp]arlemen(?:\s+Nasional)?|Kongres(?:\s+Nasional)?|Senat|Majelis\s+Nasional|Duma(?:\s+Negara)?"
    r"|Knesset|Dewan\s+Perwakilan\s+Rakyat|DPR)\s+"
)


@dataclass(frozen=True, slots=True)
class Mentions:
    """Everything found in the sentences of one article, in text order within each list."""

    states: tuple[Mention, ...]
    places: tuple[Mention, ...]
    organizations: tuple[Mention, ...]
    titles: tuple[TitleMatch, ...]
    pronouns: tuple[Mention, ...]


_PREV_WORDS_WINDOW = 64
"""Characters before a position first read for its last words; doubled until they hold more words than
asked for (the first may be cut) or reach the floor. Reading from the floor (the sentence start) each
time made a long sentence quadratic (issue #18); the words found are the same."""


def _prev_words(text: str, pos: int, floor: int, count: int) -> list[str]:
    width = _PREV_WORDS_WINDOW
    while True:
        low = max(floor, pos - width)
        words = _WORD.findall(text, low, pos)
        if low == floor or len(words) > count:
            return [w.lower() for w in words[-count:]]
        width *= 2


def _is_place_use(text: str, start: int, floor: int) -> bool:
    before = _prev_words(text, start, floor, 5)
    if not before:
        return False
    if before[-1] in _PLACE_BEFORE:
        return True
    return before[-1] in _MOTION_BEFORE and any(w in _TRAVEL for w in before[:-1])


def _lexicon_mentions(
    text: str, sentence: Sentence, resources: Resources
) -> tuple[list[Mention], list[Mention], list[Mention]]:
    states: list[Mention] = []
    places: list[Mention] = []
    orgs: list[Mention] = []
    for match in resources.surface_re.finditer(text, sentence.start, sentence.end):
        surface = resources.surfaces[_norm_space(match.group(0))]
        s, e, i = match.start(), match.end(), sentence.index
        if surface.kind != "org" and (
            _REGION_AFTER.match(text, e) or _REGION_BEFORE.search(text, max(0, s - 14), s)
        ):
            continue  # "Direktur Jenderal Amerika-Eropa", "kawasan Asia-Amerika": a region, not a state
        if surface.kind == "capital" and _in_treaty_name(text, s, e, sentence, resources):
            continue  # "Konvensi Wina", "Perjanjian Paris", "Paris Agreement": the name of a treaty
        if surface.kind == "org":
            orgs.append(Mention(s, e, "org", surface.key, surface.rule, i))
        elif surface.kind == "territory" or (
            surface.kind == "capital" and _is_place_use(text, s, sentence.start)
        ):
            places.append(Mention(s, e, "place", f"{surface.key}|{match.group(0)}", surface.rule, i))
        else:
            states.append(Mention(s, e, "state", surface.key, surface.rule, i))
    return states, places, orgs


def _in_treaty_name(text: str, start: int, end: int, sentence: Sentence, resources: Resources) -> bool:
    """A capital right after a capitalized treaty noun ("Konvensi Wina") or before an English one ("Paris
    Agreement")."""
    before, after = resources.treaty_name_res
    return (
        before.search(text, max(sentence.start, start - 40), start) is not None
        or after.match(text, end, min(sentence.end, end + 60)) is not None
    )


_REGIONS = r"(?:Eropa|Asia|Afrika|Pasifik|Oseania|Amerika|Timur\s+Tengah)"
_REGION_AFTER = re.compile(rf"-{_REGIONS}(?![\w-])")
_REGION_BEFORE = re.compile(rf"(?<![\w-]){_REGIONS}-$")
"""A state's name joined by a hyphen to a continent's ("Amerika-Eropa") names a region (a directorate
general's, a forum's), not the state; two states joined so ("Indonesia-Peru") are two states."""

_AT = re.compile(r"di\s+", re.IGNORECASE)


def _state_or_seat(text: str, pos: int, end: int, resources: Resources) -> tuple[str, int] | None:
    """The state named at ``pos`` ("Kementerian Luar Negeri Korsel"), or the state whose capital is the
    seat named there ("Kementerian Luar Negeri di Jakarta", "parlemen di Canberra")."""
    state = _state_after(text, pos, end, resources)
    if state is not None:
        return state
    at = _AT.match(text, pos, end)
    found = surface_at(text, at.end(), end, resources) if at else None
    if found is None or found[0].kind != "capital":
        return None
    return found[0].key, found[1]


def _pattern_orgs(text: str, sentence: Sentence, resources: Resources, home: str | None) -> list[Mention]:
    """Ministries, embassies and parliaments of a state. A ministry named without its state or seat is
    the ministry of the dateline's state, ``home`` ("BEIJING - ... Kementerian Luar Negeri menyatakan"),
    or, when the dateline names a place that is no capital ("TARAKAN -"), of :data:`NEWS_HOME` (with
    no dateline, of :data:`NEWS_HOME` when the article names it, else of no one); "DPR" without a
    state is Indonesia's House of Representatives."""
    orgs: list[Mention] = []
    for match in _MINISTRY.finditer(text, sentence.start, sentence.end):
        state = _state_or_seat(text, match.end(), sentence.end, resources)
        if state is None and home is not None and match.group("kind")[0].isupper():
            state = (home, match.start() + len(match.group(0).rstrip()))
        if state is not None:
            word = match.group("kind").split()[-1].lower()
            kind = _MINISTRY_KINDS.get(word, "ministry-of-foreign-affairs")
            orgs.append(
                Mention(
                    match.start(), state[1], "org", f"{state[0]}/{kind}", "pattern:ministry", sentence.index
                )
            )
    for match in _EMBASSY.finditer(text, sentence.start, sentence.end):
        state = _state_after(text, match.end(), sentence.end, resources)
        if state is None:
            continue
        end, host = state[1], ""
        where = re.compile(r"\s+(?:di|untuk)\s+").match(text, end, sentence.end)
        if where is not None:
            host_state = _state_after(text, where.end(), sentence.end, resources)
            if host_state is not None:
                end, host = host_state[1], f"/{host_state[0]}"
        key = f"{state[0]}/embassy{host}"
        orgs.append(Mention(match.start(), end, "org", key, "pattern:embassy", sentence.index))
    for match in _PARLIAMENT.finditer(text, sentence.start, sentence.end):
        state = _state_or_seat(text, match.end(), sentence.end, resources)
        if state is None and re.fullmatch(r"DPR|Dewan\s+Perwakilan\s+Rakyat", match.group(0).rstrip()):
            state = ("ID", match.start() + len(match.group(0).rstrip()))
        if state is not None:
            key = f"{state[0]}/parliament"
            orgs.append(Mention(match.start(), state[1], "org", key, "pattern:parliament", sentence.index))
    return orgs


def dateline_state(text: str, resources: Resources) -> str | None:
    """The state whose capital heads the dateline ("ANKARA -", "NEW DELHI:", "SEOUL (ANTARA) -")."""
    span = find_dateline(text)
    if span is None:
        return None
    for part in re.split(r"[,(]", text[span[0] : span[1]]):  # "TEMPO.CO, Teheran –": any part
        words = re.findall(r"[A-Za-z.'’-]+", part)
        for n in range(min(len(words), 4), 0, -1):
            surface = resources.surfaces.get(" ".join(words[:n]).title())
            if surface is not None and surface.kind == "capital":
                return surface.key
    return None


def _dateline_sources(text: str, resources: Resources) -> list[Mention]:
    """News agencies named in the dateline ("SEOUL (ANTARA) -"): the article's sources. Their mentions
    belong to no sentence (index -1)."""
    span = find_dateline(text)
    if span is None:
        return []
    found = []
    for match in resources.surface_re.finditer(text, *span):
        surface = resources.surfaces[_norm_space(match.group(0))]
        if surface.kind == "org" and resources.gazetteer.organization(surface.key).type == "NewsAgency":
            found.append(Mention(match.start(), match.end(), "org", surface.key, surface.rule, -1))
    return found


def _names_home(text: str, resources: Resources) -> bool:
    """Whether the article names :data:`NEWS_HOME` anywhere."""
    return any(
        resources.surfaces[_norm_space(m.group(0))].key == NEWS_HOME
        for m in resources.surface_re.finditer(text)
    )


def find_mentions(text: str, sentences: tuple[Sentence, ...], resources: Resources) -> Mentions:
    """Find the mentions of every sentence (and the news agencies of the dateline)."""
    states: list[Mention] = []
    places: list[Mention] = []
    orgs: list[Mention] = _dateline_sources(text, resources)
    titles: list[TitleMatch] = []
    pronouns: list[Mention] = []
    home = dateline_state(text, resources) or (NEWS_HOME if find_dateline(text) is not None else None)
    if home is None and _names_home(text, resources):
        home = NEWS_HOME  # "Kemlu memanggil ...": an article that names Indonesia means its ministry
    ministries = [m for m in orgs if "/ministry-" in m.key]  # the orgs so far that are ministries
    for sentence in sentences:
        s, p, o = _lexicon_mentions(text, sentence, resources)
        states += s
        places += p
        new = o + _pattern_orgs(text, sentence, resources, home)
        orgs += new
        ministries += [m for m in new if "/ministry-" in m.key]
        found = _title_mentions(text, sentence, resources, ministries)
        titles += sorted(
            found + _counterparts(text, sentence, resources, found), key=lambda t: t.mention.start
        )
        pronouns += [
            Mention(m.start(), m.end(), "pronoun", m.group(0).lower(), "pattern:pronoun", sentence.index)
            for m in _PRONOUN.finditer(text, sentence.start, sentence.end)
        ]
    orgs.sort(key=lambda m: (m.start, -m.end))
    return Mentions(tuple(states), tuple(places), tuple(orgs), tuple(titles), tuple(pronouns))
