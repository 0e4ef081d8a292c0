"""Stage 5b, the frame of a trigger: what the words around a trigger say, for every event type.

:class:`_Ctx` is one sentence with what the earlier stages found in it; the readers of
:mod:`kg.extract.acts` and :mod:`kg.extract.protests` ask it for the subject before the verb (skipping
asides such as ", yang ... ,"), the object after it, "kepada X", "atas Y", quoted words, the content, the
date and place of the sentence and the news agency quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from kg.extract import clauses
from kg.extract.entities import Agent, Entities
from kg.lexicon.resources import Trigger
from kg.model import DatedSentence, DateValue, Mention, Sentence, Treaty

Ref = tuple[str, str]
_NEGATION = clauses.NEGATION
_MODAL = clauses.MODAL
_QUOTE = re.compile(r"[\"“]([^\"“”]{2,}?)[\"”]")
_POSTPOSED = frozenset({"kata", "ujar", "ucap", "tutur", "ungkap"})
_SPEECH = re.compile(
    r"(?<![\w-])(?:mengatakan|menegaskan|menekankan|menyatakan|mengungkapkan|menjelaskan|menambahkan|berkata)"
    r"(?![\w-])\s*(?:bahwa\s+)?",
    re.IGNORECASE,
)
_ABOUT = re.compile(
    r"\s*(?:untuk\s+(?:mengajukan|menyampaikan|melayangkan)\s+(?:protes|keberatan|teguran)(?:\s+keras)?\s+)?"
    r"(?:atas|terkait|soal|mengenai|tentang|menyusul|karena|untuk\s+memprotes|untuk\s+mengecam)\s+",
    re.IGNORECASE,
)
_SUMMONED = re.compile(r"(?<![\w-])(?:memanggil|dipanggil)(?![\w-])(?!\s+pulang)", re.IGNORECASE)
_KEPADA = re.compile(r"(?<![\w-])(?:kepada|terhadap)\s+", re.IGNORECASE)
_CONDITION = re.compile(r"(?<![\w-])(?:jika|bila|apabila|kalau|seandainya)\s+", re.IGNORECASE)
_SOURCE = re.compile(
    r"(?<![\w-])(?:dilansir|dikutip|dikutip\s+dari|mengutip|menurut|seperti\s+dilaporkan)\s+", re.IGNORECASE
)
_CONTENT_LEAD = re.compile(r"\s*(?:bahwa|untuk|agar|supaya|akan)?\s*", re.IGNORECASE)
_COORDINATORS = frozenset(
    {"dan", "serta", "lalu", "kemudian", "sambil", "seraya", "ketika", "saat", "sewaktu", "setelah", "sebelum",
     "usai", "seusai", "sekaligus"}
)  # fmt: skip
_ADVERBS = frozenset(
    {"juga", "pun", "telah", "sudah", "akan", "segera", "kembali", "balik", "bahkan", "pula", "turut"}
)
ENVOY_ROLES = frozenset({"ambassador", "charge-d-affaires", "consul-general"})


@dataclass(frozen=True)
class _Ctx:
    triggers: tuple[Trigger, ...]
    text: str
    sentence: Sentence
    agents: list[Agent]
    entities: Entities
    treaties: tuple[Treaty, ...]
    dates: DatedSentence

    @cached_property
    def first_verb(self) -> int | None:
        """Where the first act or speech verb of the sentence starts (read once per sentence: each act
        of a long sentence asked for it again, and the scan made it quadratic)."""
        return _first_verb_of(self)


def _date(ctx: _Ctx, pos: int, limit: int | None = None) -> DateValue | None:
    """The date of an act whose verb is at ``pos``: the nearest date after it in its own clause; else the
    nearest before it ("Mesir pada Sabtu (23/11) mengumumkan pengusiran ..., ketegangan yang dimulai pada
    Juli": Saturday, not July); else the nearest after it."""
    dates = [d for d in ctx.dates.dates if limit is None or d[0] < limit]
    if not dates:
        return None
    clause = clauses.clause_end(ctx.text, pos, ctx.sentence.end)
    return min(dates, key=lambda d: (not pos <= d[0] < clause, d[0] >= pos, abs(d[0] - pos)))[2]


def _place(ctx: _Ctx, pos: int) -> str | None:
    found = [  # the places of the sentence (every place of the article was scanned, for each act)
        (start < pos, start, key)
        for start, key in clauses.places_between(ctx.entities.places, ctx.sentence.start, ctx.sentence.end)
    ]
    return min(found)[2] if found else None


def _quotes(ctx: _Ctx) -> tuple[Mention, ...]:
    return tuple(
        Mention(m.start(1), m.end(1), "clause", "quote", "pattern:quote", ctx.sentence.index)
        for m in _QUOTE.finditer(ctx.text, ctx.sentence.start, ctx.sentence.end)
    )


def _refs(agents: list[Agent]) -> tuple[Ref, ...]:
    out: list[Ref] = []
    for a in agents:
        if a.ref not in out:
            out.append(a.ref)
    return tuple(out)


def _state_of(ref: Ref, entities: Entities) -> Ref:
    kind, key = ref
    if kind == "official":
        official = next((o for o in entities.officials if o.key == key), None)
        if official is not None and official.state is not None:
            return ("state", official.state)
    if kind == "org":
        org = next((o for o in entities.organizations if o.key == key), None)
        if org is not None and org.state is not None:
            return ("state", org.state)
    if kind == "post":
        return ("state", key.split("/")[0])
    return ref


_CONTENT_MAX = 1000
"""The longest a phrase of content may be, in characters (a sentence of news is seldom half as long):
cut at a word, so that a very long sentence does not give each of its acts the rest of it as content,
which made the graph quadratic in the sentence's length."""


def _content(ctx: _Ctx, start: int, end: int | None = None) -> Mention | None:
    lead = _CONTENT_LEAD.match(ctx.text, start, ctx.sentence.end)
    s = lead.end() if lead else start
    limit = ctx.sentence.end if end is None else end
    if limit - s > _CONTENT_MAX:
        cut = ctx.text.rfind(" ", s, s + _CONTENT_MAX)
        limit = cut if cut > s else s + _CONTENT_MAX
    s, e = clauses.strip_span(ctx.text, s, limit)
    if e - s < 3:
        return None
    return Mention(s, e, "clause", "content", "pattern:content", ctx.sentence.index)


_ABOUT_TREATY_GAP = re.compile(
    r"\s*(?:(?:penandatanganan|ratifikasi|pembatalan|pelaksanaan|penangguhan|isi|naskah)\s+)?", re.IGNORECASE
)


def _treaty_at(ctx: _Ctx, pos: int) -> Treaty | None:
    """The treaty whose mention starts right at ``pos`` ("atas perjanjian ...", "atas ratifikasi perjanjian")."""
    for t, m in clauses.sentence_treaties(ctx.treaties, ctx.sentence):  # its sentence's, in order
        if pos <= m.start <= pos + 40 and _ABOUT_TREATY_GAP.fullmatch(ctx.text, pos, m.start):
            return t
    return None


def _about(ctx: _Ctx, pos: int) -> tuple[tuple[Ref, ...], Mention | None]:
    """What follows "atas", "terkait", "soal" ... after ``pos``: a treaty, else a phrase of the text."""
    match = _ABOUT.match(ctx.text, pos, ctx.sentence.end)
    if match is None:
        search = _ABOUT.search(ctx.text, pos, ctx.sentence.end)
        match = search if search is not None and search.start() - pos < 60 else None
    if match is None:
        return (), None
    treaty = _treaty_at(ctx, match.end())
    if treaty is not None:
        return (("treaty", treaty.key),), None
    end = clauses.clause_end(ctx.text, match.end(), ctx.sentence.end)
    phrase = _content(ctx, match.end(), end)
    return ((("topic", ""),), phrase) if phrase else ((), None)


def _speaker(ctx: _Ctx, pos: int) -> tuple[list[Agent], int]:
    """The speaker of the reported speech that contains ``pos``, and where the speech starts."""
    best: tuple[list[Agent], int] = ([], ctx.sentence.start)
    for m in _SPEECH.finditer(ctx.text, ctx.sentence.start, pos):
        subject = clauses.subject_before(ctx.text, ctx.agents, m.start(), ctx.sentence)
        if subject:
            best = (subject, m.end())
    for m in _SAID_BY.finditer(ctx.text, ctx.sentence.start, ctx.sentence.end):
        after = clauses.agents_after(ctx.text, ctx.agents, m.end(), ctx.sentence.end)
        if after and not best[0]:
            best = (after, ctx.sentence.start)
    return best


_SAID_BY = re.compile(r"(?<![\w-])(?:menurut|kata|ujar|ucap|tutur|ungkap)\s+", re.IGNORECASE)
"""Read in the speaker's sentence only (the look-behind sees the text before it): reading the whole
article up to the sentence for each speech made a long article quadratic (issue #18)."""


_DATE_BEFORE = re.compile(r"(?:\s+pada)?\s*$", re.IGNORECASE)
_ACTIVE_VERB = re.compile(r"(?<![\w-])me(?:m|n|ng|ny)?[a-z]{3,}(?![\w-])")


def _without_date(ctx: _Ctx, pos: int) -> int:
    """Where a noun phrase ending before ``pos`` ends, less a date at its end: in "pernyataan Kemlu Kanada
    pada Jumat (3/8) yang mendesak", the relative clause belongs to the phrase ending at "Kanada"."""
    for start, end, _ in ctx.dates.dates:
        if end <= pos and not ctx.text[end:pos].strip(" ,"):
            cut = _DATE_BEFORE.search(ctx.text, ctx.sentence.start, start)
            return cut.start() + 1 if cut is not None else pos
    return pos


def _first_verb(ctx: _Ctx, limit: int) -> int | None:
    """Where the first act or speech verb of the sentence starts, if before ``limit``."""
    first = ctx.first_verb
    return first if first is not None and first < limit else None


def _first_verb_of(ctx: _Ctx) -> int | None:
    """Where the first act or speech verb of the sentence starts: the first match of each trigger and of
    the speech verbs, and the first active verb after the subject ("X mengusir Y dan menarik ...")."""
    text, sentence = ctx.text, ctx.sentence
    found = [t.pattern.search(text, sentence.start, sentence.end) for t in ctx.triggers]
    found.append(_SPEECH.search(text, sentence.start, sentence.end))
    first_agent = next((a for a in ctx.agents if not a.nested), None)
    if first_agent is not None:
        found.append(_ACTIVE_VERB.search(text, first_agent.mention.end, sentence.end))
    return min((m.start() for m in found if m is not None), default=None)


_WORDS_BEFORE = 200
"""How far before a verb its last words are read for a coordinator ("dan", "yang") behind adverbs: a
window, not the sentence, so that a long sentence of many acts costs linear time."""


def _coordinated_subject(ctx: _Ctx, trig: re.Match[str]) -> list[Agent] | None:
    """The subject a verb shares with the first verb of its sentence ("X menuduh Y ... dan memperingatkan",
    "X memperingatkan Y ketika bertemu Z"), or of its head noun ("Front Polisario yang menuntut").
    ``None`` when the verb is not coordinated, subordinated or relative."""
    lead = ctx.text[max(ctx.sentence.start, trig.start() - _WORDS_BEFORE) : trig.start()]
    words = [w.lower() for w in re.findall(r"[\w-]+", lead)]
    while words and words[-1] in _ADVERBS:
        words.pop()
    if not words:
        return None
    if words[-1] == "yang":
        head = ctx.text.rfind("yang", ctx.sentence.start, trig.start())
        head = _without_date(ctx, head)
        return [a for a in ctx.agents if a.mention.end in (head - 1, head - 2) and not a.nested][-1:]
    if words[-1] not in _COORDINATORS:
        return None
    first = _first_verb(ctx, trig.start())
    if first is None or first >= trig.start() - 1:
        return None
    return clauses.subject_before(ctx.text, ctx.agents, first, ctx.sentence)


def _source(ctx: _Ctx) -> str | None:
    for m in _SOURCE.finditer(ctx.text, ctx.sentence.start, ctx.sentence.end):
        agent = clauses.first_agent_after(ctx.text, ctx.agents, m.end(), ctx.sentence.end)
        if agent is not None and agent.ref[0] == "org":
            org = next(o for o in ctx.entities.organizations if o.key == agent.ref[1])
            if org.type == "NewsAgency":
                return org.key
    return None


def _trigger(ctx: _Ctx, trig: re.Match[str], rule: str) -> Mention:
    return Mention(trig.start(), trig.end(), "trigger", rule, f"triggers.toml#{rule}", ctx.sentence.index)


def _subject(ctx: _Ctx, trig: re.Match[str]) -> list[Agent]:
    shared = _coordinated_subject(ctx, trig)
    if shared is not None:
        return shared
    return clauses.subject_before(ctx.text, ctx.agents, trig.start(), ctx.sentence)


def _object(ctx: _Ctx, trig: re.Match[str]) -> list[Agent]:
    end = clauses.clause_end(ctx.text, trig.end(), ctx.sentence.end)
    first = clauses.first_agent_after(ctx.text, ctx.agents, trig.end(), end)
    return [first] if first is not None else []


_DEMANDED = re.compile(r"(?<![\w-])(?:mendesak|menuntut|meminta|menyerukan)\s+[^,.;]{0,60}$", re.IGNORECASE)


_AND = re.compile(r"\s*(?:,\s*(?:dan\s+|serta\s+)?|\s+(?:dan|serta)\s+)")


def _coordinated_with(ctx: _Ctx, first: Agent) -> list[Agent]:
    """The states joined to ``first`` by "dan", "serta" or commas: "UEA dan Bahrain", "A, B, dan C"."""
    found: list[Agent] = []
    last = first
    while True:
        gap = _AND.match(ctx.text, last.mention.end, ctx.sentence.end)
        nxt = (
            next((a for a in clauses.agents_from(ctx.agents, gap.end(), gap.end() + 1) if not a.nested), None)
            if gap
            else None
        )
        if gap is None or nxt is None or nxt.ref[0] != "state" or first.ref[0] != "state":
            return found
        found.append(nxt)
        last = nxt
