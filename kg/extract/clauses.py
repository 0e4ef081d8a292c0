"""Small helpers over a sentence: who is the subject before a word, which agents follow it, clause ends.

Shared by :mod:`kg.extract.treaties` and :mod:`kg.extract.events`. Pure functions over the article text and the agent
references of :mod:`kg.extract.entities`.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left

from kg.extract.entities import Agent, is_free
from kg.model import Mention, Place, Sentence, Treaty

_LIST_GAP = re.compile(r"^(?:\s*(?:,|dan|serta|&)\s*)+$|^\s+$", re.IGNORECASE)
_CONJ_GAP = re.compile(r"^\s*,?\s*(?:dan|serta|&)\s*$", re.IGNORECASE)
_COMMA_GAP = re.compile(r"^\s*,\s*$")
_DENGAN_GAP = re.compile(r"^\s*,?\s*(?:dan|dengan|bersama)\s*$", re.IGNORECASE)
_LEAD_GAP = re.compile(
    r"^\s*(?:oleh\s+)?(?:pihak\s+|pemerintah\s+|para\s+|(?:ke(?:dua|tiga|empat|lima|enam|tujuh)|semua)\s+anggota\s+)?$",
    re.IGNORECASE,
)
_NAMELY_GAP = re.compile(r"^\s*,\s*(?:yaitu|yakni)\s*$", re.IGNORECASE)
"""A body then its members: "keenam anggota GCC, yaitu A, B, ..." (the body, having no state, is no party)."""
_CLAUSE_END = re.compile(
    r"[,;:]|\s(?:yang|dan|tetapi|namun|sementara|karena|sehingga|jika|bila|apabila|setelah)\s"
)
_RELATIVE = re.compile(r",\s*(?:yang|sebagai|selaku|bersama)\b[^,]*,")
_PAREN = re.compile(r"\([^)]*\)")
_GROUP_GAP = re.compile(
    r"^\s*,?\s*(?:dan|serta)\s+(?:kelompok|negara-negara|anggota)\s+[^,]{1,30},\s*(?:yaitu|yakni)\s*$",
    re.IGNORECASE,
)
"""A group named and then listed: "Iran dan kelompok P5+1, yaitu A, B, dan C" are Iran, A, B and C."""
_ADVERBIAL = re.compile(r"\s*,?\s+(?:dalam|seusai|usai|saat|ketika|selama)\s[^,]*$", re.IGNORECASE)
_FRONTED = re.compile(r"(?:Di|Dari|Dalam|Melalui|Lewat)\s[^,]{1,80},")


NEGATION = re.compile(
    r"(?<![\w-])(?:tidak|tak|belum|bukan|gagal|menolak|enggan|batal)\s+(?:(?:akan|untuk|dapat|bisa|boleh|perlu|bersedia|mau|ingin|siap|pernah)\s+)?"
    r"(?:me\w+\s+(?:(?:maupun|ataupun|atau|dan)\s+)?)?$",
    re.IGNORECASE,
)
"""A negation right before a verb: "tidak menandatangani", "menolak mengecam", "belum mengirim nota",
"tidak pernah membantah"."""

MODAL = re.compile(
    r"(?<![\w-])(?:akan|berencana|rencana|direncanakan|dijadwalkan|hendak|bakal|siap|segera|ingin|mau"
    r"|berharap|berupaya|berusaha|menargetkan|ditargetkan|diharapkan)\s+"
    r"(?:untuk\s+)?(?:(?:dapat|bisa|segera)\s+)?$",
    re.IGNORECASE,
)
"""A plan, intention or hope right before a verb: "akan menandatangani", "dijadwalkan bertemu", "siap untuk",
"berharap dapat mencapai"."""


def hidden_spans(text: str, sentence: Sentence) -> list[tuple[int, int]]:
    """Spans of a sentence that hold asides: ", yang ... ,", ", sebagai ... ,", parentheses (a new list:
    the caller may change it). Found once per sentence: each act of a sentence asks for them, and a scan
    of the sentence for each act made a long sentence of many acts quadratic."""
    if _Hidden.text is not text or _Hidden.sentence != sentence:
        spans = [(m.start(), m.end()) for m in _RELATIVE.finditer(text, sentence.start, sentence.end)]
        spans += [(m.start(), m.end()) for m in _PAREN.finditer(text, sentence.start, sentence.end)]
        _Hidden.text, _Hidden.sentence, _Hidden.spans = text, sentence, spans
    return list(_Hidden.spans)


class _Hidden:
    """The asides of the last sentence asked about (its text by identity)."""

    text: str | None = None
    sentence: Sentence | None = None
    spans: list[tuple[int, int]] = []  # noqa: RUF012 (replaced whole)


def in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` falls inside one of ``spans``."""
    return any(s <= pos < e for s, e in spans)


class _BySentence:
    """The agents of an article grouped by sentence, for the last tuple of agents asked about: each stage
    asks for the agents of every sentence in turn, and a scan of all of them for each sentence made it
    quadratic in the length of the article (issue #18). Kept for one tuple (by identity, so that it is
    never mistaken for another equal one, and no hash of the tuple is taken each time)."""

    places_by_start_of: tuple[Place, ...] | None = None
    place_by_start: dict[int, tuple[Place, Mention]] = {}  # noqa: RUF012 (replaced whole)
    agents: tuple[Agent, ...] | None = None
    groups: dict[int, list[Agent]] = {}  # noqa: RUF012 (replaced whole, never changed in place)

    @classmethod
    def of(cls, agents: tuple[Agent, ...], index: int) -> list[Agent]:
        if agents is not cls.agents:
            groups: dict[int, list[Agent]] = {}
            for a in agents:
                groups.setdefault(a.mention.sentence, []).append(a)
            cls.agents, cls.groups = agents, groups
        return list(cls.groups.get(index, ()))


class _Kept:
    """One index per kind, for the last tuple it was built from (by identity, as :class:`_BySentence`)."""

    places: tuple[Place, ...] | None = None
    place_at: list[tuple[int, str]] = []  # noqa: RUF012 (replaced whole) (start, place key), sorted
    treaties: tuple[Treaty, ...] | None = None
    treaty_in: dict[int, list[tuple[Treaty, Mention]]] = {}  # noqa: RUF012 (replaced whole)
    places_by_start_of: tuple[Place, ...] | None = None
    place_by_start: dict[int, tuple[Place, Mention]] = {}  # noqa: RUF012 (replaced whole)
    agents: tuple[Agent, ...] | None = None
    agent_starts: list[int] = []  # noqa: RUF012 (replaced whole) where the agents start, sorted


def agent_starts_in(agents: tuple[Agent, ...], start: int, end: int) -> bool:
    """Whether an agent mention starts in ``[start, end)``, by bisection over where they start."""
    if agents is not _Kept.agents:
        _Kept.agents, _Kept.agent_starts = agents, sorted(a.mention.start for a in agents)
    at = _Kept.agent_starts
    i = bisect_left(at, start)
    return i < len(at) and at[i] < end


def state_place_at(places: tuple[Place, ...], pos: int) -> tuple[Place, Mention] | None:
    """The first mention (place by place, in order) of a place in a state that starts at ``pos``, with
    its place: what a scan of every place of the article gave, from a dict built once per article."""
    if places is not _Kept.places_by_start_of:
        first: dict[int, tuple[Place, Mention]] = {}
        for p in places:
            for m in p.mentions:
                if p.state is not None:
                    first.setdefault(m.start, (p, m))
        _Kept.places_by_start_of, _Kept.place_by_start = places, first
    return _Kept.place_by_start.get(pos)


def places_between(places: tuple[Place, ...], start: int, end: int) -> list[tuple[int, str]]:
    """``(start, key)`` of the place mentions that start in ``[start, end)``, in order of start then key:
    what a scan of every place of the article per act gave (its set), by bisection."""
    if places is not _Kept.places:
        _Kept.places, _Kept.place_at = places, sorted((m.start, p.key) for p in places for m in p.mentions)
    at = _Kept.place_at
    return at[bisect_left(at, (start, "")) : bisect_left(at, (end, ""))]


def sentence_treaties(treaties: tuple[Treaty, ...], sentence: Sentence) -> list[tuple[Treaty, Mention]]:
    """The treaty mentions of one sentence with their treaty, in the order of a scan of every treaty and
    its mentions (treaty by treaty), found once per article instead of by that scan per act."""
    if treaties is not _Kept.treaties:
        groups: dict[int, list[tuple[Treaty, Mention]]] = {}
        for t in treaties:
            for m in t.mentions:
                groups.setdefault(m.sentence, []).append((t, m))
        _Kept.treaties, _Kept.treaty_in = treaties, groups
    return _Kept.treaty_in.get(sentence.index, [])


def sentence_agents(agents: tuple[Agent, ...], sentence: Sentence) -> list[Agent]:
    """The agents of one sentence, in text order (a new list: the caller may change it)."""
    return _BySentence.of(agents, sentence.index)


def _agent_start(agent: Agent) -> int:
    return agent.mention.start


def subject_before(
    text: str, agents: list[Agent], pos: int, sentence: Sentence, floor: int | None = None
) -> list[Agent]:
    """The subject of a verb at ``pos``: the nearest free agent before it (outside asides), with any agents
    joined to it by "dan" or commas ("Moskow dan Pyongyang")."""
    hidden = hidden_spans(text, sentence)
    fronted = _FRONTED.match(text, sentence.start, pos)
    if fronted is not None:  # "Di halaman Gedung Putih, A dan B ...": a place set before the subject
        hidden.append((sentence.start, fronted.end()))
    low = sentence.start if floor is None else floor
    before = (  # nearest first, read only as far as needed: a long sentence of many acts stays linear
        a
        for i in range(bisect_left(agents, pos, key=_agent_start) - 1, -1, -1)
        if low <= (a := agents[i]).mention.start
        and a.mention.end <= pos
        and is_free(a)
        and not in_spans(a.mention.start, hidden)
    )
    last = next(before, None)
    if last is None:
        return []
    earlier = next(before, None)
    while earlier is not None and _ADVERBIAL.match(text[earlier.mention.end : last.mention.start]):
        # "Geng Shuang dalam jumpa pers rutin Kemlu China ... mengatakan": the speaker, not the host
        last, earlier = earlier, next(before, None)
    chosen = [last]
    joined = False
    for agent in itertools.chain([earlier] if earlier is not None else [], before):
        gap = _PAREN.sub("", text[agent.mention.end : chosen[0].mention.start])
        if agent.mention.start == chosen[0].mention.start and agent.mention.end == chosen[0].mention.end:
            pass  # a group mention ("kedua negara") stands for several agents
        elif _CONJ_GAP.match(gap) or _GROUP_GAP.match(gap):
            joined = True
        elif not (joined and _COMMA_GAP.match(gap)):
            break
        chosen.insert(0, agent)
    return chosen


def agents_after(
    text: str, agents: list[Agent], pos: int, end: int, *, with_dengan: bool = False
) -> list[Agent]:
    """The agents that directly follow ``pos`` ("oleh A dan B"), joined by "dan" or commas (and "dengan"
    when ``with_dengan``: "dibuat Finlandia dengan Uni Soviet")."""
    chosen: list[Agent] = []
    cursor = pos
    joiner = _DENGAN_GAP if with_dengan else _LIST_GAP
    for agent in agents:
        if chosen and agent.mention.start == chosen[-1].mention.start and agent.mention.end == cursor:
            chosen.append(agent)  # a group mention ("kedua negara") stands for several agents
            continue
        if agent.mention.start < cursor or agent.nested or agent.mention.end > end:
            continue
        gap = text[cursor : agent.mention.start]
        if chosen and agent.ref == chosen[-1].ref and re.fullmatch(r"\s*\(", gap):
            continue  # the abbreviation of the one before: "Uni Emirat Arab (UEA)"
        if chosen:  # "Uni Emirat Arab (UEA), dan Bahrain": an abbreviation in parentheses is no break
            gap = _PAREN.sub("", gap)
        if (not chosen and _LEAD_GAP.match(gap)) or (
            chosen
            and (
                _LIST_GAP.match(gap)
                or joiner.match(gap)
                or _GROUP_GAP.match(gap)
                or (_NAMELY_GAP.match(gap) and chosen[-1].ref[0] == "org")
            )
        ):
            chosen.append(agent)
            cursor = agent.mention.end
        else:
            break
    return chosen


def agents_from(agents: list[Agent], start: int, end: int) -> list[Agent]:
    """The agents (in text order) that start in ``[start, end)``, found by bisection."""
    return agents[bisect_left(agents, start, key=_agent_start) : bisect_left(agents, end, key=_agent_start)]


def first_agent_after(
    text: str, agents: list[Agent], pos: int, end: int, *, free_only: bool = False
) -> Agent | None:
    """The first top-level agent that starts after ``pos`` and before ``end`` (it may reach past ``end``: a
    title with its holder set off by commas, "memanggil Duta Besar Swedia, Marina Berg, terkait ...")."""
    for agent in agents_from(agents, pos, end):
        inside = pos <= agent.mention.start < end and not agent.nested
        if inside and (not free_only or is_free(agent)):
            return agent
    return None


def clause_end(text: str, pos: int, end: int) -> int:
    """Where the clause that starts at ``pos`` ends (a comma, semicolon or a new conjunction)."""
    match = _CLAUSE_END.search(text, pos, end)
    return match.start() if match else end


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim white space and trailing punctuation off a span."""
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:."):
        end -= 1
    return start, end
