"""Stage 5b, the readers of each event type but protests (:mod:`kg.extract.protests`): statements,
demands, accusations, warnings, policy reviews, summits, meetings and visits, and the acts on treaties
(signing, ratification, suspension, annulment, withdrawal). ``_FRAMES`` maps every event type to its
reader; each takes the sentence's :class:`kg.extract.frames._Ctx`, the trigger's match and the trigger.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from kg.extract import clauses
from kg.extract.entities import Agent, Entities
from kg.extract.frames import (
    _CONDITION,
    _DEMANDED,
    _KEPADA,
    _POSTPOSED,
    _SPEECH,
    Ref,
    _content,
    _coordinated_subject,
    _coordinated_with,
    _Ctx,
    _date,
    _object,
    _place,
    _quotes,
    _refs,
    _source,
    _speaker,
    _state_of,
    _subject,
    _trigger,
)
from kg.extract.protests import _protest
from kg.lexicon.resources import Trigger
from kg.model import Event, Treaty


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
    # "mendesak pemerintah mengkaji ulang ...": asked for, not done
    requested = _DEMANDED.search(ctx.text, ctx.sentence.start, trig.start()) is not None
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
        modality="requested" if requested else "asserted",
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


_KE = re.compile(r"[^,.]*?\bke\s+")  # "... ke Arab Saudi": what a visit is to, in its clause


def _encounter(kind: str, ctx: _Ctx, trig: re.Match[str], rule: Trigger) -> Event | None:
    """A summit, meeting or state visit (``kind``): who meets whom, or who visits which state."""
    visitor = clauses.agents_after(ctx.text, ctx.agents, trig.end(), ctx.sentence.end)[:1]
    if kind == "StateVisit" and visitor and visitor[0].ref[0] == "official":
        subject = visitor  # "kunjungan kenegaraan Presiden China Xi Jinping ke Arab Saudi"
        ke = _KE.match(ctx.text, visitor[0].mention.end, ctx.sentence.end)
        targets = clauses.agents_after(ctx.text, ctx.agents, ke.end(), ctx.sentence.end)[:1] if ke else []
    elif kind == "StateVisit":
        subject = _subject(ctx, trig)
        ke = _KE.match(ctx.text, trig.end(), ctx.sentence.end)
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
    for t, m in clauses.sentence_treaties(ctx.treaties, ctx.sentence):  # its sentence's, in order
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


def _treaty_act(kind: str, ctx: _Ctx, trig: re.Match[str], rule: Trigger) -> Event | None:
    """A signing, ratification, suspension, annulment or withdrawal (``kind``) of the treaty the act governs."""
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


_FRAMES: dict[str, Callable[[_Ctx, re.Match[str], Trigger], Event | None]] = {
    "Statement": _statement,
    "Demand": _demand,
    "Protest": _protest,
    "Accusation": _accusation,
    "Warning": _warning,
    "PolicyReview": _policy_review,
    "Summit": partial(_encounter, "Summit"),
    "Meeting": partial(_encounter, "Meeting"),
    "StateVisit": partial(_encounter, "StateVisit"),
    "Signing": partial(_treaty_act, "Signing"),
    "Ratification": partial(_treaty_act, "Ratification"),
    "Suspension": partial(_treaty_act, "Suspension"),
    "Annulment": partial(_treaty_act, "Annulment"),
    "Withdrawal": partial(_treaty_act, "Withdrawal"),
}


def _signers(officials: tuple[str, ...], parties: tuple[str, ...], entities: Entities) -> tuple[Ref, ...]:
    """Who signed: the officials who did, and the parties none of them signed for ("Deklarasi itu diteken
    keenam anggota GCC ... Untuk pihak Mesir, dokumen itu ditandatangani Menlu Sameh Shoukry")."""
    covered = {_state_of(("official", k), entities) for k in officials}
    return tuple(("official", k) for k in officials) + tuple(
        ("state", p) for p in parties if ("state", p) not in covered
    )
