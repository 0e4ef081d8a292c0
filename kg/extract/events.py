"""Stage 5b: the acts of diplomacy — who did what to whom, about what, when and where.

In: sentences, entities, treaties, resolved dates and the trigger patterns. Out: :class:`kg.model.Event`
records. Each trigger word (``kg/data/triggers.toml``) is read with the frame of its event type: the
subject before the verb (skipping asides such as ", yang ... ,"), the object after it, "kepada X", "atas Y",
"jika Z", quoted words, the date and place of the sentence. A negated trigger ("tidak mendesak") yields
nothing. Reported speech: an accusation inside "Kim mengatakan Rusia melanggar ..." is Kim's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from kg.extract import clauses
from kg.extract.entities import Agent, Entities, rank_states
from kg.extract.treaties import DatedSentence
from kg.lexicon.resources import TRIGGER_AFTER, TRIGGER_BEFORE, Trigger
from kg.model import DateValue, Event, Mention, Sentence, Topic, Treaty

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


def _date(ctx: _Ctx, pos: int, limit: int | None = None) -> DateValue | None:
    dates = [d for d in ctx.dates.dates if limit is None or d[0] < limit]
    if not dates:
        return None
    return min(dates, key=lambda d: (d[0] < pos, abs(d[0] - pos)))[2]


def _place(ctx: _Ctx, pos: int) -> str | None:
    found = [
        (m.start < pos, m.start, p.key)
        for p in ctx.entities.places
        for m in p.mentions
        if ctx.sentence.start <= m.start < ctx.sentence.end
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


def _content(ctx: _Ctx, start: int, end: int | None = None) -> Mention | None:
    lead = _CONTENT_LEAD.match(ctx.text, start, ctx.sentence.end)
    s = lead.end() if lead else start
    s, e = clauses.strip_span(ctx.text, s, end if end is not None else ctx.sentence.end)
    if e - s < 3:
        return None
    return Mention(s, e, "clause", "content", "pattern:content", ctx.sentence.index)


_ABOUT_TREATY_GAP = re.compile(
    r"\s*(?:(?:penandatanganan|ratifikasi|pembatalan|pelaksanaan|penangguhan|isi|naskah)\s+)?", re.IGNORECASE
)


def _treaty_at(ctx: _Ctx, pos: int) -> Treaty | None:
    """The treaty whose mention starts right at ``pos`` ("atas perjanjian ...", "atas ratifikasi perjanjian")."""
    for t in ctx.treaties:
        for m in t.mentions:
            if (
                m.sentence == ctx.sentence.index
                and m.start >= pos
                and _ABOUT_TREATY_GAP.fullmatch(ctx.text, pos, m.start)
            ):
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
    for m in re.finditer(
        r"(?<![\w-])(?:menurut|kata|ujar|ucap|tutur|ungkap)\s+", ctx.text[: ctx.sentence.end], re.IGNORECASE
    ):
        if ctx.sentence.start <= m.start():
            after = clauses.agents_after(ctx.text, ctx.agents, m.end(), ctx.sentence.end)
            if after and not best[0]:
                best = (after, ctx.sentence.start)
    return best


def _statement(ctx: _Ctx, trig: re.Match[str], _: Trigger) -> Event | None:
    word = trig.group(0).lower()
    if re.search(r"(?<![\w-])untuk\s+$", ctx.text[ctx.sentence.start : trig.start()], re.IGNORECASE):
        return None  # "dipanggil ... untuk menjelaskan ucapannya": a purpose, not words said
    if word in _POSTPOSED:
        speaker = clauses.agents_after(ctx.text, ctx.agents, trig.end(), ctx.sentence.end)[:1]
        content = _content(ctx, ctx.sentence.start, trig.start())
    else:
        coordinated = _coordinated_subject(ctx, trig) is not None  # "X menekankan ... dan mengatakan"
        for said in _SPEECH.finditer(ctx.text, ctx.sentence.start, trig.start()):
            if not coordinated and clauses.subject_before(ctx.text, ctx.agents, said.start(), ctx.sentence):
                return None  # "Jubir X mengatakan Seoul menyesalkan ...": words inside words reported
        speaker = _subject(ctx, trig)
        content = _content(ctx, trig.end())
    if not speaker:
        return None
    addressee = _KEPADA.search(ctx.text, trig.end(), ctx.sentence.end)
    targets = (
        clauses.agents_after(ctx.text, ctx.agents, addressee.end(), ctx.sentence.end) if addressee else []
    )
    return Event(
        "Statement",
        _trigger(ctx, trig, "statement"),
        _refs(speaker),
        _refs(targets),
        content=content,
        quotes=_quotes(ctx),
        date=_date(ctx, trig.start()),
        place=_place(ctx, trig.end()),
        source=_source(ctx),
    )


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
    starts = [
        m.start() for t in ctx.triggers for m in t.pattern.finditer(ctx.text, ctx.sentence.start, limit)
    ]
    starts += [m.start() for m in _SPEECH.finditer(ctx.text, ctx.sentence.start, limit)]
    first_agent = next((a for a in ctx.agents if not a.nested), None)
    if first_agent is not None:  # any active verb after the subject: "X mengusir Y dan menarik ..."
        verb = _ACTIVE_VERB.search(ctx.text, first_agent.mention.end, limit)
        if verb is not None:
            starts.append(verb.start())
    return min(starts) if starts else None


def _coordinated_subject(ctx: _Ctx, trig: re.Match[str]) -> list[Agent] | None:
    """The subject a verb shares with the first verb of its sentence ("X menuduh Y ... dan memperingatkan",
    "X memperingatkan Y ketika bertemu Z"), or of its head noun ("Front Polisario yang menuntut").
    ``None`` when the verb is not coordinated, subordinated or relative."""
    words = [w.lower() for w in re.findall(r"[\w-]+", ctx.text[ctx.sentence.start : trig.start()])]
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
_OWN_GOVERNMENT = re.compile(r"\s+(?:kepada\s+)?pemerintah(?:an)?(?:nya|\s+(?:sendiri|pusat))?\b(?!\s+[A-Z])")


def _demand(ctx: _Ctx, trig: re.Match[str], rule: Trigger) -> Event | None:
    subject = _subject(ctx, trig)
    if not subject:
        return None
    if _OWN_GOVERNMENT.match(ctx.text, trig.end(), ctx.sentence.end):
        return None  # "anggota DPR mendesak pemerintah mengkaji ulang ...": a domestic demand
    target = [t for t in _object(ctx, trig) if t.mention.kind != "pronoun"]  # not "dengan alasan ia ..."
    if target:
        target += _coordinated_with(ctx, target[0])  # "meminta Riyadh dan Ottawa menyelesaikan ..."
    start = target[-1].mention.end if target else trig.end()
    content = _content(ctx, start, clauses.clause_end(ctx.text, start + 1, ctx.sentence.end))
    return Event(
        "Demand",
        _trigger(ctx, trig, rule.id),
        _refs(subject),
        _refs(target),
        content=content,
        date=_date(ctx, trig.start()),
    )


def _is_envoy(agent: Agent, ctx: _Ctx) -> bool:
    if agent.ref[0] == "post":
        return agent.ref[1].split("/", 1)[1] in ENVOY_ROLES
    if agent.ref[0] == "official":
        return ctx.entities.official(agent.ref[1]).role in ENVOY_ROLES
    return False


def _protest_target(ctx: _Ctx, trig: re.Match[str], rule: Trigger) -> list[Agent]:
    """Whom a protest is aimed at, by form: "kepada X", the envoy summoned, "dari X" for a recall."""
    if rule.form == "note":
        kepada = _KEPADA.search(ctx.text, trig.end(), ctx.sentence.end)
        return (
            clauses.agents_after(ctx.text, ctx.agents, kepada.end(), ctx.sentence.end)[:1] if kepada else []
        )
    if rule.form == "recall":
        own = _object(ctx, trig)
        if own and own[0].ref[0] == "official":
            accredited = ctx.entities.official(own[0].ref[1]).accredited_to
            if accredited is not None:
                return [replace(own[0], ref=("state", accredited))]
        back = re.compile(r"[^,.]*?\b(?:dari|untuk|di)\s+").match(ctx.text, trig.end(), ctx.sentence.end)
        if back is None:
            return []
        found = clauses.agents_after(ctx.text, ctx.agents, back.end(), ctx.sentence.end)[:1]
        return found or _place_state(ctx, back.end())
    treaty = _treaty_at(ctx, trig.end())
    if treaty is not None:  # "mengecam kesepakatan Yunani-Mesir": the parties to what is condemned
        end = clauses.clause_end(ctx.text, trig.end(), ctx.sentence.end)
        parties = [
            a
            for a in ctx.agents
            if trig.end() <= a.mention.start < end and a.ref[0] == "state" and a.ref[1] in treaty.parties
        ]
        if parties:
            return parties
        if not _object(ctx, trig):  # "mengecam AUKUS": every party of the pact (the protester aside)
            named = next(
                m for m in treaty.mentions if m.sentence == ctx.sentence.index and m.start >= trig.end()
            )
            return [Agent(named, ("state", p), False, "") for p in treaty.parties]
    target = _object(ctx, trig)
    if target and target[0].ref[0] == "org" and rule.form == "complaint":  # "ke WTO terhadap Peru"
        against = _AGAINST.match(ctx.text, target[0].mention.end, ctx.sentence.end)
        states = (
            clauses.agents_after(ctx.text, ctx.agents, against.end(), ctx.sentence.end) if against else []
        )
        target = [a for a in states if a.ref[0] == "state"][:1] or target
    if target and rule.form in {"complaint", "condemnation"}:
        target += _coordinated_with(ctx, target[0])  # "mengecam langkah UEA dan Bahrain"
    if rule.form == "complaint" and not target:
        kepada = _KEPADA.search(ctx.text, trig.end(), ctx.sentence.end)
        target = (
            clauses.agents_after(ctx.text, ctx.agents, kepada.end(), ctx.sentence.end)[:1] if kepada else []
        )
    return target


_AGAINST = re.compile(r"\s*\([^)]*\)\s*terhadap\s+|\s+terhadap\s+")
_AND = re.compile(r"\s*(?:,\s*(?:dan\s+|serta\s+)?|\s+(?:dan|serta)\s+)")


def _coordinated_with(ctx: _Ctx, first: Agent) -> list[Agent]:
    """The states joined to ``first`` by "dan", "serta" or commas: "UEA dan Bahrain", "A, B, dan C"."""
    found: list[Agent] = []
    last = first
    while True:
        gap = _AND.match(ctx.text, last.mention.end, ctx.sentence.end)
        nxt = next((a for a in ctx.agents if gap and a.mention.start == gap.end() and not a.nested), None)
        if gap is None or nxt is None or nxt.ref[0] != "state" or first.ref[0] != "state":
            return found
        found.append(nxt)
        last = nxt


def _place_state(ctx: _Ctx, pos: int) -> list[Agent]:
    """A capital named as a place right at ``pos`` ("dari Rabat"), as its state."""
    for place in ctx.entities.places:
        for m in place.mentions:
            if m.start == pos and place.state is not None:
                return [Agent(m, ("state", place.state), False, "")]
    return []


def _envoy_or_embassy(agent: Agent, ctx: _Ctx) -> bool:
    if agent.ref[0] == "org":
        org = next((o for o in ctx.entities.organizations if o.key == agent.ref[1]), None)
        return org is not None and org.type == "Embassy"
    return _is_envoy(agent, ctx)


def _sender(ctx: _Ctx, trig: re.Match[str], envoy: Agent) -> list[Agent]:
    """Who protests to an envoy who is summoned or receives the protest (the envoy is the target):
    "oleh X" / "dari X" after the act, else the state the envoy is accredited to, else the capital
    the envoy is called to ("ke Kementerian Luar Negeri di Jakarta")."""
    by = re.compile(r"[^.;]*?\b(?:oleh|dari)\s+").match(ctx.text, trig.end(), ctx.sentence.end)
    if by is not None:
        found = clauses.agents_after(ctx.text, ctx.agents, by.end(), ctx.sentence.end)[:1]
        if found:
            return found
    if envoy.ref[0] == "official":
        accredited = ctx.entities.official(envoy.ref[1]).accredited_to
        if accredited is not None:
            return [replace(envoy, ref=("state", accredited))]
    host = re.compile(r"\s+untuk\s+").match(ctx.text, envoy.mention.end)  # "Dubes Australia untuk Indonesia"
    if host is not None:
        found = clauses.agents_after(ctx.text, ctx.agents, host.end(), ctx.sentence.end)[:1]
        if found and found[0].mention.start == host.end() and found[0].ref[0] == "state":
            return found
    for at in re.compile(r"\b(?:di|ke)\s+").finditer(ctx.text, trig.end(), ctx.sentence.end):
        found = _place_state(ctx, at.end()) or [
            a
            for a in ctx.agents
            if a.mention.start == at.end() and (a.ref[0] == "state" or _is_ministry(a.ref))
        ]
        if found:
            return found[:1]
    return []


def _is_ministry(ref: Ref) -> bool:
    """A state's ministry ("ke Kementerian Luar Negeri Turki"): the state that summons."""
    return ref[0] == "org" and "/ministry-" in ref[1]


def _envoy_as_target(ctx: _Ctx, trig: re.Match[str], rule: Trigger) -> tuple[list[Agent], list[Agent]] | None:
    """(protester, target) when the subject is the envoy who is summoned ("Dubes X dipanggil ...") or
    receives the protest ("Dubes X menerima nota protes dari Y"); None when the subject is the protester.
    Either list empty: no protest can be read."""
    before = re.findall(r"[\w-]+", ctx.text[ctx.sentence.start : trig.start()])
    received = bool(before) and before[-1].lower() == "menerima" and rule.form in {"note", "complaint"}
    if received and _SUMMONED.search(ctx.text, ctx.sentence.start, trig.start()):
        return [], []  # "X dipanggil ... untuk menerima nota protes": the summons is the protest
    passive = trig.group(0).lower().startswith("di")
    if rule.form == "recall" and passive:  # "Dubes China untuk Lituania X ditarik pulang": by his own state
        envoy = _subject(ctx, trig)
        if not envoy or not _envoy_or_embassy(envoy[0], ctx):
            return [], []
        return envoy[:1], _posted_in(ctx, trig, envoy[0])
    if not (received or (rule.form == "summons" and passive)):
        return None
    envoy = _subject(ctx, trig)
    if not envoy or not _envoy_or_embassy(envoy[0], ctx):
        return [], []
    return _sender(ctx, trig, envoy[0]), envoy[:1]


def _posted_in(ctx: _Ctx, trig: re.Match[str], envoy: Agent) -> list[Agent]:
    """The state an envoy recalled was posted to: accredited there ("untuk Lituania"), else "dari X"
    after the act; empty when the text does not say (the protest then takes the article's other state)."""
    if envoy.ref[0] == "official":
        accredited = ctx.entities.official(envoy.ref[1]).accredited_to
        if accredited is not None:
            return [replace(envoy, ref=("state", accredited))]
    back = re.compile(r"[^,.]*?\bdari\s+").match(ctx.text, trig.end(), ctx.sentence.end)
    if back is None:
        return []
    return clauses.agents_after(ctx.text, ctx.agents, back.end(), ctx.sentence.end)[:1] or _place_state(
        ctx, back.end()
    )


def _protest(ctx: _Ctx, trig: re.Match[str], rule: Trigger) -> Event | None:
    before = re.findall(r"[\w-]+", ctx.text[ctx.sentence.start : trig.start()])
    if before and before[-1].lower() == "untuk" and rule.form in {"complaint", "condemnation"}:
        return None  # "memanggil X untuk memprotes Y": the purpose of the summons, not an act of its own
    if rule.form in {"complaint", "condemnation"} and _DEMANDED.search(
        ctx.text, ctx.sentence.start, trig.start()
    ):
        return None  # "meminta Liga Arab mengutuk kesepakatan itu": asked for, not done
    reversed_roles = _envoy_as_target(ctx, trig, rule)
    if reversed_roles is not None:
        subject, target = reversed_roles
    else:
        subject, target = _subject(ctx, trig), _protest_target(ctx, trig, rule)
    if not subject:
        return None
    if rule.form == "summons" and not (target and _envoy_or_embassy(target[0], ctx)):
        return None
    about_from = (
        max(target[0].mention.end, trig.end())
        if target and rule.form in {"summons", "note", "recall"}
        else trig.end()
    )
    about, phrase = _about(ctx, about_from)
    if not about and rule.form in {"condemnation", "complaint"}:
        lead = re.compile(r"\s*(?:keras\s+)?").match(ctx.text, trig.end())
        start = lead.end() if lead else trig.end()
        phrase = _content(ctx, start, clauses.clause_end(ctx.text, start + 1, ctx.sentence.end))
        about = (("topic", ""),) if phrase else ()
    if not about:
        phrase = _content(ctx, about_from)
        about = (("topic", "?"),) if phrase else ()
    if not about:  # nothing after the act ("Israel menarik diplomatnya."): the sentence is its topic
        phrase = _content(ctx, ctx.sentence.start)
        about = (("topic", "?"),) if phrase else ()
    about_start = _ABOUT.search(ctx.text, about_from, ctx.sentence.end)
    relative = (
        re.compile(r"\byang\b").search(ctx.text, about_start.end(), ctx.sentence.end) if about_start else None
    )
    protester = tuple(dict.fromkeys(_state_of(r, ctx.entities) for r in _refs(subject)))
    targets = tuple(dict.fromkeys(_state_of(r, ctx.entities) for r in _refs(target)))
    targets = tuple(t for t in targets if t not in protester) or targets
    if any(_is_forum(r, ctx) for r in targets) and phrase is not None:
        named = tuple(
            a.ref for a in ctx.agents if phrase.start <= a.mention.start < phrase.end and a.ref[0] == "state"
        )
        targets = named or targets
    official = next((r[1] for r in _refs(subject) if r[0] == "official"), None)
    if rule.form == "recall" and len(target) == 1 and target[0].mention.kind == "state":
        more = clauses.agents_after(ctx.text, ctx.agents, target[0].mention.start, ctx.sentence.end)
        targets = tuple(dict.fromkeys(_state_of(r, ctx.entities) for r in _refs(more))) or targets
    return Event(
        "Protest",
        _trigger(ctx, trig, rule.id),
        protester,
        targets,
        about,
        official=official,
        form=rule.form,
        date=_date(ctx, trig.start(), relative.start() if relative else None),
        content=phrase,
        extra_mentions=tuple(a.mention for a in target),
    )


def _is_forum(ref: Ref, ctx: _Ctx) -> bool:
    """An international organization that a complaint is taken to (not its target)."""
    org = next((o for o in ctx.entities.organizations if o.key == ref[1]), None) if ref[0] == "org" else None
    return org is not None and org.type == "InternationalOrganization"


def _summons(protest: Event, ctx: _Ctx) -> Event | None:
    """The act that carried a protest: the summons of an envoy (a recall is the protest's own form)."""
    if protest.form != "summons":
        return None
    envoy = [a.ref for a in ctx.agents if a.mention in protest.extra_mentions]
    summoner = (("official", protest.official),) if protest.official else ()
    return Event(
        "Summons",
        protest.trigger,
        summoner + protest.actors,
        tuple(envoy) + protest.targets,
        protest.about,
        date=protest.date,
        content=protest.content,
    )


def _accusation(ctx: _Ctx, trig: re.Match[str], rule: Trigger) -> Event | None:
    speaker, speech_start = _speaker(ctx, trig.start())
    subject = clauses.subject_before(ctx.text, ctx.agents, trig.start(), ctx.sentence, floor=speech_start)
    end = clauses.clause_end(ctx.text, trig.end(), ctx.sentence.end)
    if rule.id.endswith("violate"):
        if not speaker or not subject:
            return None
        actors, targets = speaker, subject
    else:
        shared = _coordinated_subject(ctx, trig)  # "Kyiv mengecam keputusan Moskow dan menuduh Rusia ..."
        actors = shared if shared else subject
        targets = [t for t in _object(ctx, trig) if t.ref not in {a.ref for a in actors}]
        if not actors:
            return None
    about = tuple(a.ref for a in ctx.agents if trig.end() <= a.mention.start < end and a.ref[0] == "org")
    return Event(
        "Accusation",
        _trigger(ctx, trig, rule.id),
        _refs(actors),
        _refs(targets),
        about,
        content=_content(ctx, trig.start(), end),
        date=_date(ctx, trig.start()),
    )


def _warning(ctx: _Ctx, trig: re.Match[str], rule: Trigger) -> Event | None:
    subject = _subject(ctx, trig)
    if not subject:
        return None
    condition = _CONDITION.search(ctx.text, trig.end(), ctx.sentence.end)
    target = []
    if condition is not None:
        target = clauses.agents_after(ctx.text, ctx.agents, condition.end(), ctx.sentence.end)[:1]
    if not target:  # "mengancam Belanda dengan sanksi ... jika kunjungannya dihalangi"
        target = _object(ctx, trig)
    return Event(
        "Warning",
        _trigger(ctx, trig, rule.id),
        _refs(subject),
        _refs(target),
        quotes=_quotes(ctx),
        content=_content(ctx, trig.end()),
        date=_date(ctx, trig.start()),
    )


def _policy_review(ctx: _Ctx, trig: re.Match[str], rule: Trigger) -> Event | None:
    if _DEMANDED.search(ctx.text, ctx.sentence.start, trig.start()):
        return None  # "mendesak pemerintah mengkaji ulang ...": asked for, not done
    speaker, speech_start = _speaker(ctx, trig.start())
    subject = clauses.subject_before(ctx.text, ctx.agents, trig.start(), ctx.sentence, floor=speech_start)
    actors = _refs(speaker + subject)
    if not actors:
        return None
    content = _content(ctx, trig.end())
    about = tuple(a.ref for a in ctx.agents if a.mention.start >= trig.end() and a.ref[0] == "state")
    return Event(
        "PolicyReview",
        _trigger(ctx, trig, rule.id),
        actors,
        (),
        about,
        content=content,
        date=_date(ctx, trig.start()),
    )


_ENVOYS = frozenset({"ambassador", "charge-d-affaires", "consul-general"})


def _received(ctx: _Ctx, targets: list[Agent]) -> bool:
    """ "menerima X" is a meeting when X is a named official and no envoy (an envoy received is
    usually handed a protest or credentials, which other frames read)."""
    officials = {o.key: o for o in ctx.entities.officials}
    return bool(targets) and all(
        t.ref[0] == "official" and t.ref[1] in officials and officials[t.ref[1]].role not in _ENVOYS
        for t in targets
    )


def _encounter(kind: str) -> Callable[[_Ctx, re.Match[str], Trigger], Event | None]:
    def frame(ctx: _Ctx, trig: re.Match[str], rule: Trigger) -> Event | None:
        if _MODAL.search(ctx.text[ctx.sentence.start : trig.start()]):
            return None  # "dijadwalkan bertemu": planned, not held
        visitor = clauses.agents_after(ctx.text, ctx.agents, trig.end(), ctx.sentence.end)[:1]
        if kind == "StateVisit" and visitor and visitor[0].ref[0] == "official":
            subject = visitor  # "kunjungan kenegaraan Presiden China Xi Jinping ke Arab Saudi"
            ke = re.compile(r"[^,.]*?\bke\s+").match(ctx.text, visitor[0].mention.end, ctx.sentence.end)
            targets = clauses.agents_after(ctx.text, ctx.agents, ke.end(), ctx.sentence.end)[:1] if ke else []
        elif kind == "StateVisit":
            subject = _subject(ctx, trig)
            ke = re.compile(r"[^,.]*?\bke\s+").match(ctx.text, trig.end(), ctx.sentence.end)
            targets = clauses.agents_after(ctx.text, ctx.agents, ke.end(), ctx.sentence.end)[:1] if ke else []
            targets = targets or _object(ctx, trig)
        else:
            subject = _subject(ctx, trig)
            targets = clauses.agents_after(ctx.text, ctx.agents, trig.end(), ctx.sentence.end)
        if rule.id == "meeting-receive" and not _received(ctx, targets):
            return None
        if not subject and not targets:
            return None
        return Event(
            kind,
            _trigger(ctx, trig, rule.id),
            _refs(subject),
            _refs(targets),
            date=_date(ctx, trig.start()),
            place=_place(ctx, trig.end()),
        )

    return frame


_TREATY_OBJECT_GAP = re.compile(
    r"\s*(?:(?:dengan\s+segera|secara\s+sepihak|untuk\s+sementara|sementara)\s+)?"
    r"(?:(?:partisipasinya|keanggotaannya|keikutsertaannya|pelaksanaan|implementasi)\s+(?:dalam|pada|di)\s+)?"
    r"(?:(?:dua|sebuah|semua|seluruh|naskah|kedua)\s+)*",
    re.IGNORECASE,
)


def _treaty_of_act(ctx: _Ctx, trig: re.Match[str]) -> Treaty | None:
    """The treaty an act governs: its object after an active verb ("menangguhkan perjanjian ..."), or the
    treaty before a passive one ("perjanjian ... dibatalkan")."""
    passive = trig.group(0).lower().startswith("di")
    for t in ctx.treaties:
        for m in t.mentions:
            if m.sentence != ctx.sentence.index:
                continue
            if not passive and _TREATY_OBJECT_GAP.fullmatch(ctx.text, trig.end(), m.start):
                return t
            if passive and m.end <= trig.start() and "," not in ctx.text[m.end : trig.start()]:
                between = ctx.text[m.end : trig.start()]
                if len(between) < 120 and not _SPEECH.search(between):
                    return t
    return None


_WITH = re.compile(
    r"(?<![\w-])(?:dengan|ke)\s+", re.IGNORECASE
)  # "... dengan Kanada", "pengiriman ... ke Filipina"
_WITH_GAP = re.compile(r"(?:(?:pihak|pemerintah(?:an)?)\s+)?", re.IGNORECASE)


def _suspended_ties(ctx: _Ctx, trig: re.Match[str], rule: Trigger) -> Event | None:
    """A state suspending ties rather than a treaty: "Riyadh membekukan perdagangan baru dengan Kanada",
    "menghentikan sementara pengiriman batu bara ke Filipina". Needs the state the ties are with ("dengan
    X", "ke X", in the same clause); what is suspended is the content."""
    if trig.group(0).lower().startswith("di"):
        return None
    subject = _subject(ctx, trig)
    comma = re.compile(r"[,;]").search(ctx.text, trig.end(), ctx.sentence.end)
    end = comma.start() if comma else ctx.sentence.end  # "perdagangan dan investasi ... dengan Kanada,"
    with_ = _WITH.search(ctx.text, trig.end(), end)
    if not subject or with_ is None:
        return None
    other = clauses.first_agent_after(ctx.text, ctx.agents, with_.end(), end)
    if other is None or not _WITH_GAP.fullmatch(ctx.text, with_.end(), other.mention.start):
        return None
    return Event(
        "Suspension",
        _trigger(ctx, trig, rule.id),
        _refs(subject),
        _refs([other]),
        content=_content(ctx, trig.end(), with_.start()),
        date=_date(ctx, trig.start()),
    )


def _treaty_act(kind: str) -> Callable[[_Ctx, re.Match[str], Trigger], Event | None]:
    def frame(ctx: _Ctx, trig: re.Match[str], rule: Trigger) -> Event | None:
        lead = ctx.text[ctx.sentence.start : trig.start()]
        if _MODAL.search(lead) or re.search(r"mengancam\s+akan\s+$", lead):
            return None
        treaty = _treaty_of_act(ctx, trig)
        if treaty is None:
            return _suspended_ties(ctx, trig, rule) if kind == "Suspension" else None
        if kind == "Signing":
            actors = _signers(treaty.signatories, treaty.parties, ctx.entities)
            return Event(
                kind,
                _trigger(ctx, trig, rule.id),
                actors,
                (),
                (("treaty", treaty.key),),
                date=treaty.signed,
                place=treaty.place,
            )
        if trig.group(0).lower().startswith("di"):
            by = re.compile(r"\s+oleh\s+").match(ctx.text, trig.end(), ctx.sentence.end)
            subject = clauses.agents_after(ctx.text, ctx.agents, by.end(), ctx.sentence.end) if by else []
        else:
            subject = _subject(ctx, trig)
        date = treaty.ended if kind == "Annulment" and treaty.ended else _date(ctx, trig.start())
        actors = _refs(subject)
        acting = {_state_of(r, ctx.entities) for r in actors}
        others = tuple(("state", p) for p in treaty.parties if ("state", p) not in acting) if acting else ()
        return Event(kind, _trigger(ctx, trig, rule.id), actors, others, (("treaty", treaty.key),), date=date)

    return frame


_FRAMES: dict[str, Callable[[_Ctx, re.Match[str], Trigger], Event | None]] = {
    "Statement": _statement,
    "Demand": _demand,
    "Protest": _protest,
    "Accusation": _accusation,
    "Warning": _warning,
    "PolicyReview": _policy_review,
    "Summit": _encounter("Summit"),
    "Meeting": _encounter("Meeting"),
    "StateVisit": _encounter("StateVisit"),
    "Signing": _treaty_act("Signing"),
    "Ratification": _treaty_act("Ratification"),
    "Suspension": _treaty_act("Suspension"),
    "Annulment": _treaty_act("Annulment"),
    "Withdrawal": _treaty_act("Withdrawal"),
}


def _matches(trigger: Trigger, ctx: _Ctx, starts: list[int] | None) -> list[re.Match[str]]:
    """What ``trigger.pattern.finditer`` finds in the sentence, tried only at ``starts``: the positions
    where some trigger matches (all positions when ``None``). A match of this trigger starts at one of
    them, so the leftmost match from any point on is found there."""
    text, end = ctx.text, ctx.sentence.end
    if starts is None:
        return list(trigger.pattern.finditer(text, ctx.sentence.start, end))
    found: list[re.Match[str]] = []
    after = -1
    for pos in starts:
        if pos < after:
            continue
        match = trigger.pattern.match(text, pos, end)
        if match is None:
            continue
        if match.end() == pos:  # an empty match: finditer's own rules for those apply
            return list(trigger.pattern.finditer(text, ctx.sentence.start, end))
        found.append(match)
        after = match.end()
    return found


def _sentence_events(
    ctx: _Ctx, triggers: tuple[Trigger, ...], starts: list[int] | None = None
) -> list[Event]:
    found: list[tuple[int, int, Event]] = []
    taken: list[tuple[int, int]] = []
    for trigger in triggers:
        for trig in _matches(trigger, ctx, starts):
            if any(s < trig.end() and trig.start() < e for s, e in taken):
                continue
            if _NEGATION.search(ctx.text[ctx.sentence.start : trig.start()]):
                continue
            event = _FRAMES[trigger.event](ctx, trig, trigger)
            if event is not None:
                taken.append((trig.start(), trig.end()))
                if event.type == "Protest" and len(event.targets) > 1:  # one protest per state aimed at
                    found += [
                        (trig.start(), len(found) + i, replace(event, targets=(t,)))
                        for i, t in enumerate(event.targets)
                    ]
                else:
                    found.append((trig.start(), len(found), event))
                summons = _summons(event, ctx) if event.type == "Protest" else None
                if summons is not None:
                    found.append((trig.start(), len(found), summons))
    events = [e for _, _, e in sorted(found, key=lambda x: (x[0], x[1]))]
    if any(e.type == "Summit" for e in events):
        events = [e for e in events if e.type != "Meeting"]
    return _merge_statements(_shared_addressee(events))


_AIMED = frozenset({"Demand", "Warning", "Accusation"})


def _shared_addressee(events: list[Event]) -> list[Event]:
    """A demand or warning with no one named after it, coordinated with an earlier demand, warning or
    accusation of the same actors in the sentence, is aimed at the same ("meminta Australia menjelaskan
    dan menuntut agar ...", "menuduh Finlandia ... dan memperingatkan bahwa ...")."""
    out: list[Event] = []
    for e in events:
        if e.type in {"Demand", "Warning"} and not e.targets:
            first = next(
                (o for o in out if o.type in _AIMED and o.actors == e.actors and o.targets),
                None,
            )  # "menuduh Finlandia ... dan memperingatkan bahwa ..." warns Finland
            if first is not None:
                e = replace(e, targets=first.targets)
        out.append(e)
    return out


def _merge_statements(events: list[Event]) -> list[Event]:
    out: list[Event] = []
    for e in events:
        twin = next((o for o in out if o.type == "Statement" == e.type and o.actors == e.actors), None)
        if twin is None:
            out.append(e)
            continue
        merged = replace(
            twin,
            targets=twin.targets or e.targets,
            date=twin.date or e.date,
            extra_mentions=(*twin.extra_mentions, e.trigger),
        )
        out[out.index(twin)] = merged
    return out


def _link_protests(events: list[Event], entities: Entities) -> list[Event]:
    """Give a summons-protest its official and date from the talk with the summoned envoy."""
    out = []
    for e in events:
        if e.type in {"Protest", "Summons"} and (e.official is None or e.date is None):
            envoys = {r for r in (*e.targets,) if r[0] == "official"}
            summons = next((s for s in events if s.type == "Summons" and s.trigger == e.trigger), e)
            envoys |= {r for r in summons.targets if r[0] == "official"}
            for other in events:
                if other is e or not envoys & set(other.targets):
                    continue
                speakers = [r for r in other.actors if r[0] == "official"]
                if speakers and _state_of(speakers[0], entities) in e.actors:
                    official = e.official or (speakers[0][1] if e.type == "Protest" else None)
                    e = replace(e, official=official, date=e.date or other.date, place=e.place or other.place)
                    break
        out.append(e)
    return out


def _signers(officials: tuple[str, ...], parties: tuple[str, ...], entities: Entities) -> tuple[Ref, ...]:
    """Who signed: the officials who did, and the parties none of them signed for ("Deklarasi itu diteken
    keenam anggota GCC ... Untuk pihak Mesir, dokumen itu ditandatangani Menlu Sameh Shoukry")."""
    covered = {_state_of(("official", k), entities) for k in officials}
    return tuple(("official", k) for k in officials) + tuple(
        ("state", p) for p in parties if ("state", p) not in covered
    )


def _merge_signings(events: list[Event], entities: Entities) -> list[Event]:
    out: list[Event] = []
    for e in events:
        twin = next((o for o in out if o.type == "Signing" == e.type and o.about == e.about), None)
        if twin is None:
            out.append(e)
            continue
        actors = tuple(dict.fromkeys((*twin.actors, *e.actors)))
        officials = tuple(k for kind, k in actors if kind == "official")
        actors = _signers(officials, tuple(k for kind, k in actors if kind == "state"), entities)
        out[out.index(twin)] = replace(twin, actors=actors, extra_mentions=(*twin.extra_mentions, e.trigger))
    return out


_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


@functools.lru_cache(maxsize=8)
def _any_trigger(triggers: tuple[Trigger, ...]) -> re.Pattern[str] | None:
    """A pattern whose (empty) matches are the positions where any of ``triggers`` matches, found in
    one scan: their whole-word checks are shared, done once per position. ``None`` when they cannot be
    joined (different flags or wrappers, a group name used twice, a back-reference: joined, its group
    would be another's)."""
    sources = [t.pattern.pattern for t in triggers]
    if (
        not triggers
        or len({t.pattern.flags for t in triggers}) != 1
        or not all(s.startswith(TRIGGER_BEFORE) and s.endswith(TRIGGER_AFTER) for s in sources)
        or any(_BACKREFERENCE.search(s) for s in sources)
    ):
        return None
    bodies = "|".join(f"(?:{s[len(TRIGGER_BEFORE) : -len(TRIGGER_AFTER)]})" for s in sources)
    try:
        return re.compile(f"(?={TRIGGER_BEFORE}{bodies}{TRIGGER_AFTER})", triggers[0].pattern.flags)
    except re.error:
        return None


def extract_events(
    text: str,
    sentences: tuple[Sentence, ...],
    entities: Entities,
    treaties: tuple[Treaty, ...],
    dated: dict[int, DatedSentence],
    triggers: tuple[Trigger, ...],
) -> tuple[Event, ...]:
    """Find the events of every sentence, then link protests to the talks that delivered them."""
    events: list[Event] = []
    anywhere = _any_trigger(triggers)
    for sentence in sentences:
        starts = None
        if anywhere is not None:
            starts = [m.start() for m in anywhere.finditer(text, sentence.start, sentence.end)]
            if not starts:
                continue  # no trigger in this sentence (one in three): no event
        ctx = _Ctx(
            triggers,
            text,
            sentence,
            clauses.sentence_agents(entities.agents, sentence),
            entities,
            treaties,
            dated[sentence.index],
        )
        events += _sentence_events(ctx, triggers, starts)
    events = _similar_steps(events, text, sentences, entities)
    events = [_dated_by_context(e, text, sentences, dated) for e in events]
    events = _merge_signings(_link_protests(_complete_protests(events, entities), entities), entities)
    # a protest still about nothing (its sentence too short to be a topic) is not written: the shapes
    # require what a protest is about, and the whole article would be refused
    return tuple(e for e in _with_topics(events) if e.type != "Protest" or e.about)


_SIMILAR = re.compile(
    r"(?<![\w-])(?:mengambil|melakukan|menempuh|mengikuti)\s+(?:langkah|tindakan|jejak)\s+(?:serupa|yang\s+sama)"
    r"(?![\w-])",
    re.IGNORECASE,
)
_COPIED = frozenset({"Protest", "Suspension", "Withdrawal", "Annulment", "Demand", "Warning"})


def _similar_steps(
    events: list[Event], text: str, sentences: tuple[Sentence, ...], entities: Entities
) -> list[Event]:
    """ "Brasil menarik duta besarnya ... Belanda mengambil langkah serupa": the act of the sentence before
    (or earlier in the same sentence), done again by the new subject against the same target."""
    out = list(events)
    for sentence in sentences:
        for match in _SIMILAR.finditer(text, sentence.start, sentence.end):
            if _NEGATION.search(text[sentence.start : match.start()]):
                continue
            agents = clauses.sentence_agents(entities.agents, sentence)
            subject = _refs(clauses.subject_before(text, agents, match.start(), sentence))
            earlier = [
                e
                for e in events
                if e.type in _COPIED
                and sentence.index - 1 <= e.trigger.sentence <= sentence.index
                and e.trigger.start < match.start()
            ]
            if not subject or not earlier:
                continue
            model = earlier[-1]
            group = [e for e in earlier if e.trigger == model.trigger]  # one protest per target
            trigger = Mention(
                match.start(),
                match.end(),
                "trigger",
                model.trigger.key,
                "pattern:similar-step",
                sentence.index,
            )
            for e in group:
                actors = tuple(_state_of(r, entities) for r in subject) if e.type == "Protest" else subject
                official = (
                    next((k for kind, k in subject if kind == "official"), None) if e.official else None
                )
                if set(actors) & set(e.targets) or set(actors) == set(e.actors):
                    continue
                out.append(
                    replace(
                        e, trigger=trigger, actors=actors, official=official, quotes=(), extra_mentions=()
                    )
                )
    return sorted(out, key=lambda e: e.trigger.start)


def _dated_by_context(
    e: Event, text: str, sentences: tuple[Sentence, ...], dated: dict[int, DatedSentence]
) -> Event:
    """A protest its sentence does not date takes the day (or month) the sentence before it in the same
    paragraph gives: "Kuala Lumpur membalas pada 20 Februari. Malaysia memanggil pulang duta besarnya
    ..." is the retaliation of that day."""
    i = e.trigger.sentence
    if e.type != "Protest" or e.date is not None or i < 1:
        return e
    before = sentences[i - 1]
    if "\n" in text[before.end : sentences[i].start]:
        return e
    days = [v for _, _, v in dated[before.index].dates if v.precision != "year"]
    return replace(e, date=days[-1]) if days else e


def _complete_protests(events: list[Event], entities: Entities) -> list[Event]:
    """Fill what a protest sentence leaves to its context, and merge repeats of one protest.

    - no target: the article's most mentioned state other than the protester;
    - no explicit "atas ..." topic: the topic of another protest by the same protester against the same
      target in the article (else the words after the act stay its topic).
    """
    ranked = rank_states((iso, m.start) for iso, ms in entities.states for m in ms)
    out: list[Event] = []
    for e in events:
        if e.type in {"Protest", "Recall"} and not e.targets:
            other = next((iso for iso in ranked if ("state", iso) not in e.actors), None)
            e = replace(e, targets=(("state", other),)) if other else e
        out.append(e)
    for i, e in enumerate(out):
        if e.type != "Protest" or ("topic", "?") not in e.about:
            continue
        siblings = [o for o in out if o.type == "Protest" and o.targets == e.targets and o.actors == e.actors]
        explicit = next((o for o in siblings if ("topic", "?") not in o.about), None)
        if explicit is not None:
            out[i] = replace(e, about=explicit.about, content=explicit.content)
    merged: list[Event] = []
    for e in out:
        twin = next(
            (
                m
                for m in merged
                if m.type == "Protest" == e.type
                and (m.actors, m.targets, m.form) == (e.actors, e.targets, e.form)
            ),
            None,
        )
        if twin is None:
            merged.append(e)
        else:
            merged[merged.index(twin)] = replace(
                twin, date=twin.date or e.date, extra_mentions=(*twin.extra_mentions, e.trigger)
            )
    return merged


def _with_topics(events: list[Event]) -> list[Event]:
    """Replace the placeholder ``("topic", "")`` by a key derived from the phrase's offsets."""
    out = []
    for e in events:
        if {("topic", ""), ("topic", "?")} & set(e.about) and e.content is not None:
            key = f"{e.content.start}-{e.content.end}"
            e = replace(
                e,
                about=tuple(("topic", key) if r[0] == "topic" and r[1] in {"", "?"} else r for r in e.about),
            )
        out.append(e)
    return out


def topics(events: tuple[Event, ...]) -> tuple[Topic, ...]:
    """The topics events are about, one per phrase."""
    seen: dict[str, Topic] = {}
    for e in events:
        for kind, key in e.about:
            if kind == "topic" and e.content is not None and key not in seen:
                seen[key] = Topic(key, e.content)
    return tuple(seen[k] for k in sorted(seen))
