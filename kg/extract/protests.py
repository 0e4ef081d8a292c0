"""Stage 5b, protests: who protests to whom, through which envoy, about what (:func:`_protest`), and the
summons that delivers a protest (:func:`_summons`). The frame comes from :mod:`kg.extract.frames`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract import clauses
from kg.extract.entities import Agent
from kg.extract.frames import (
    _ABOUT,
    _DEMANDED,
    _KEPADA,
    _SUMMONED,
    ENVOY_ROLES,
    Ref,
    _about,
    _content,
    _coordinated_with,
    _Ctx,
    _date,
    _object,
    _refs,
    _speaker,
    _state_of,
    _subject,
    _treaty_at,
    _trigger,
)
from kg.lexicon.resources import Trigger
from kg.model import Event


def _is_envoy(agent: Agent, ctx: _Ctx) -> bool:
    if agent.ref[0] == "post":
        return agent.ref[1].split("/", 1)[1] in ENVOY_ROLES
    if agent.ref[0] == "official":
        return ctx.entities.official(agent.ref[1]).role in ENVOY_ROLES
    return False


_LAST_WORD = 40
_DEMAND_REACH = 100
_CAUSE_REACH = 400
"""How far after an act its cause ("atas ...") and the cause's own clause ("... yang ...") are looked for."""
"""How far before a trigger frames._DEMANDED is looked for: its verb and at most 60 characters after it."""
"""How far before a trigger its last word is looked for (longer than any word it is compared with): a
window, not the sentence, so that a long sentence of many acts costs linear time."""


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
_FOR = re.compile(r"\s+untuk\s+")
_MUTUAL = re.compile(
    r"(?<![\w-])(?:saling|masing-masing\s+(?:negara|pihak|pemerintah)(?:\s+(?:juga|telah|sudah|pun))*)\s+$",
    re.IGNORECASE,
)
"""Two states acting against each other: "kedua negara saling mengusir", "masing-masing negara memanggil
pulang dubes mereka"."""
_CAUSE_CLAUSE = re.compile(
    r"(?<![\w-])(?:yang|bahwa|ketika|saat|sejak|setelah|sesudah)(?![\w-])", re.IGNORECASE
)
"""Where the cause of a protest becomes a clause of its own ("atas serangan yang ...", "atas kecurigaan
bahwa ..."): a date after it dates the cause, not the protest."""


def _place_state(ctx: _Ctx, pos: int) -> list[Agent]:
    """A capital named as a place right at ``pos`` ("dari Rabat"), as its state."""
    found = clauses.state_place_at(ctx.entities.places, pos)  # not a scan of every place, per act
    if found is None or found[0].state is None:
        return []
    return [Agent(found[1], ("state", found[0].state), False, "")]


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
    inner = _FOR.search(
        ctx.text, envoy.mention.start, envoy.mention.end
    )  # the post "Dubes X untuk Indonesia"
    if inner is not None:
        found = [a for a in ctx.agents if a.mention.start == inner.end() and a.ref[0] == "state"]
        if found:
            return found[:1]
    host = _FOR.match(ctx.text, envoy.mention.end)  # "Dubes Australia untuk Indonesia"
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
    before = re.findall(
        r"[\w-]+", ctx.text[max(ctx.sentence.start, trig.start() - _LAST_WORD) : trig.start()]
    )
    received = bool(before) and before[-1].lower() == "menerima" and rule.form in {"note", "complaint"}
    if received and _SUMMONED.search(ctx.text, ctx.sentence.start, trig.start()):
        return [], []  # "X dipanggil ... untuk menerima nota protes": the summons is the protest
    passive = trig.group(0).lower().startswith("di")
    if rule.form == "recall" and passive:  # "Dubes China untuk Lituania X ditarik pulang": by his own state
        envoy = _subject(ctx, trig)
        if not envoy or not _envoy_or_embassy(envoy[0], ctx):
            return [], []
        return envoy[:1], _posted_in(ctx, trig, envoy[0])
    if not (received or (rule.form in {"summons", "expulsion"} and passive)):
        return None
    envoy = _subject(ctx, trig)
    if not envoy or not (_envoy_or_embassy(envoy[0], ctx) or _diplomats_of(ctx, envoy[0], rule)):
        return [], []
    return _sender(ctx, trig, envoy[0]), envoy[:1]


_DIPLOMATS = re.compile(
    r"(?<![\w-])(?:diplomat|duta\s+besar|dubes|atase|konsul|kuasa\s+usaha|staf\s+kedutaan)(?:\s+asal)?\s+$",
    re.IGNORECASE,
)


def _diplomats_of(ctx: _Ctx, agent: Agent, rule: Trigger) -> bool:
    """ "Dua diplomat Kanada diusir ...": the state named right after the diplomats expelled."""
    start = max(ctx.sentence.start, agent.mention.start - 30)
    return (
        rule.form == "expulsion"
        and agent.ref[0] == "state"
        and _DIPLOMATS.search(ctx.text, start, agent.mention.start) is not None
    )


_DELIVERED = re.compile(
    r"(?:\s+[\w-]+){0,4}?\s+(?:telah\s+|sudah\s+|pun\s+)?"
    r"(?P<verb>disampaikan|dilayangkan|diserahkan|dikirim|dikirimkan|diajukan)(?![\w-])(?:\s+oleh)?",
    re.IGNORECASE,
)
"""A protest said to be delivered, in the passive: "Protes keras Indonesia disampaikan kepada ...",
"Nota protes itu diserahkan Kemlu RI kepada ..."."""


def _delivered(ctx: _Ctx, trig: re.Match[str], rule: Trigger) -> tuple[list[Agent], list[Agent]] | None:
    """(protester, target) of a protest delivered in the passive: the protester is the owner of the
    protest ("protes Indonesia") or named after the verb ("diserahkan Kemlu RI", "oleh X"), the target
    the one it is delivered to ("kepada Dubes China": China). None when the protest is not so written."""
    if rule.form not in {"note", "complaint"}:
        return None
    near = min(ctx.sentence.end, trig.end() + 200)  # the verb is a few words on: "Protes keras X disampaikan"
    verb = _DELIVERED.match(ctx.text, trig.end(), clauses.clause_end(ctx.text, trig.end(), near))
    if verb is None:
        return None
    lead = _OWNER_LEAD.match(ctx.text, trig.end())
    owner = [
        a
        for a in ctx.agents
        if lead and a.mention.start == lead.end() and a.mention.end <= verb.start("verb")
    ]
    by = clauses.agents_after(ctx.text, ctx.agents, verb.end(), ctx.sentence.end)[:1]
    kepada = _TO.match(ctx.text, by[0].mention.end if by else verb.end())
    target = clauses.agents_after(ctx.text, ctx.agents, kepada.end(), ctx.sentence.end)[:1] if kepada else []
    if not target:
        return [], []  # "disampaikan kepada bupati": delivered to no state, its envoy or its embassy
    return owner[:1] or by, target


_TO = re.compile(r"\s*(?:kepada|terhadap)\s+", re.IGNORECASE)
_OWNER_LEAD = re.compile(r"\s+(?:(?:keras|resmi|tertulis|diplomatik)\s+)*", re.IGNORECASE)
"""The words between "protes" and the state whose protest it is: "protes keras Indonesia"."""


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


def _mutual(ctx: _Ctx, trig: re.Match[str]) -> bool:
    """Whether the act is one two states do to each other ("saling memanggil duta besar masing-masing")."""
    return _MUTUAL.search(ctx.text, max(0, trig.start() - 40), trig.start()) is not None


def _roles(ctx: _Ctx, trig: re.Match[str], rule: Trigger) -> tuple[list[Agent], list[Agent]]:
    """(protester, target): of a protest delivered in the passive, of an envoy summoned or receiving it,
    else the subject and the form's target; a condemnation or complaint with no subject in reported
    speech is the speaker's ("“Kami mengecam ...,” kata Menlu X")."""
    delivered = _delivered(ctx, trig, rule)
    reversed_roles = delivered if delivered is not None else _envoy_as_target(ctx, trig, rule)
    if reversed_roles is not None:
        return reversed_roles
    subject, target = _subject(ctx, trig), _protest_target(ctx, trig, rule)
    if not subject and rule.form in {"complaint", "condemnation"}:
        subject = _speaker(ctx, trig.start())[0]
    return subject, target


def _protest(ctx: _Ctx, trig: re.Match[str], rule: Trigger) -> Event | None:
    before = re.findall(
        r"[\w-]+", ctx.text[max(ctx.sentence.start, trig.start() - _LAST_WORD) : trig.start()]
    )
    if before and before[-1].lower() == "untuk" and rule.form in {"complaint", "condemnation"}:
        return None  # "memanggil X untuk memprotes Y": the purpose of the summons, not an act of its own
    if rule.form in {"complaint", "condemnation"} and _DEMANDED.search(
        ctx.text, max(ctx.sentence.start, trig.start() - _DEMAND_REACH), trig.start()
    ):
        return None  # "meminta Liga Arab mengutuk kesepakatan itu": asked for, not done
    subject, target = _roles(ctx, trig, rule)
    if not subject:
        return None
    if (
        rule.form == "summons"
        and not (target and _envoy_or_embassy(target[0], ctx))
        and not _mutual(ctx, trig)
    ):
        return None  # (two states summoning each other's envoys name no envoy: "saling memanggil duta besar")
    about_from = (
        max(target[0].mention.end, trig.end())
        if target and rule.form in {"summons", "note", "recall", "expulsion"}
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
    about_start = _ABOUT.search(ctx.text, about_from, min(ctx.sentence.end, about_from + _CAUSE_REACH))
    relative = (  # the cause's own clause ("atas kecurigaan bahwa ... pada 2014"): its dates are not the act's
        _CAUSE_CLAUSE.search(
            ctx.text, about_start.end(), min(ctx.sentence.end, about_start.end() + _CAUSE_REACH)
        )
        if about_start
        else None
    )
    protester = tuple(dict.fromkeys(_state_of(r, ctx.entities) for r in _refs(subject)))
    targets = tuple(dict.fromkeys(_state_of(r, ctx.entities) for r in _refs(target)))
    targets = tuple(t for t in targets if t not in protester)  # "protes Indonesia terhadap ...": its owner
    if not targets and len(protester) > 1 and _mutual(ctx, trig):
        targets = protester  # "kedua negara saling mengusir diplomat": each against the other
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
    starts = [m.start for m in protest.extra_mentions]
    near = clauses.agents_from(ctx.agents, min(starts), max(starts) + 1) if starts else []
    envoy = [a.ref for a in near if a.mention in protest.extra_mentions]
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
