"""Stage 5b: the acts of diplomacy — who did what to whom, about what, when and where.

In: sentences, entities, treaties, resolved dates and the trigger patterns. Out: :class:`kg.model.Event`
records. Each trigger word (``kg/data/triggers.toml``) is read with the frame of its event type: the
subject before the verb (skipping asides such as ", yang ... ,"), the object after it, "kepada X", "atas Y",
"jika Z", quoted words, the date and place of the sentence. A trigger after "tidak", "akan", "jika",
"mendesak agar", "mengancam akan", "membantah" ... is read as any other and kept apart with its modality
(:mod:`kg.extract.modality`: denied, planned, conditional, requested, threatened), never among the acts
done. Reported speech: an accusation inside "Kim mengatakan Rusia melanggar ..." is Kim's.

This module finds the triggers of each sentence and assembles the article's events (statements merged,
protests completed and linked to the talks that delivered them, signings merged, topics); the frame
every reader shares is :mod:`kg.extract.frames`, the readers of each event type are :mod:`kg.extract.acts`
and, for protests and summons, :mod:`kg.extract.protests`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from kg.extract import clauses
from kg.extract.acts import _FRAMES, _signers
from kg.extract.dates import stem
from kg.extract.entities import Entities, rank_states
from kg.extract.frames import (
    _Ctx,
    _refs,
    _state_of,
)
from kg.extract.modality import modality_of
from kg.extract.protests import _summons
from kg.lexicon.modality import ASSERTED, MODALITIES, Marker
from kg.lexicon.resources import TRIGGER_AFTER, TRIGGER_BEFORE, Trigger
from kg.model import DatedSentence, Event, Mention, Sentence, Topic, Treaty


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


def _strongest(a: str, b: str) -> str:
    """Of two modalities, the one that wins (any marked one over asserted)."""
    if a == ASSERTED or b == ASSERTED:
        return b if a == ASSERTED else a
    return min(a, b, key=MODALITIES.index)


def _sentence_events(
    ctx: _Ctx, triggers: tuple[Trigger, ...], markers: tuple[Marker, ...], starts: list[int] | None = None
) -> list[Event]:
    """The acts of one sentence, in text order: the asserted ones (statements merged, ...), then the
    marked ones (each with its modality)."""
    found: list[tuple[int, int, Event]] = []
    taken: set[int] = set()  # the characters of the triggers read (a trigger is a few words long)
    for trigger in triggers:
        for trig in _matches(trigger, ctx, starts):
            if any(i in taken for i in range(trig.start(), trig.end())):
                continue
            event = _FRAMES[trigger.event](ctx, trig, trigger)
            if event is not None:
                modality = modality_of(markers, ctx.text, ctx.sentence, trig.start(), trig.end(), event.type)
                if _strongest(event.modality, modality) != event.modality:
                    event = replace(event, modality=modality)
                taken.update(range(trig.start(), trig.end()))
                if event.type == "Protest" and len(event.targets) > 1:  # one protest per state aimed at
                    found += [  # (by the others, when two states protest against each other)
                        (
                            trig.start(),
                            len(found) + i,
                            replace(event, targets=(t,), actors=tuple(a for a in event.actors if a != t)),
                        )
                        for i, t in enumerate(event.targets)
                    ]
                else:
                    found.append((trig.start(), len(found), event))
                summons = _summons(event, ctx) if event.type == "Protest" else None
                if summons is not None:  # carried as the protest is: done, or only planned ...
                    found.append((trig.start(), len(found), replace(summons, modality=event.modality)))
    events = [e for _, _, e in sorted(found, key=lambda x: (x[0], x[1]))]
    summits = {e.modality for e in events if e.type == "Summit"}
    events = [e for e in events if e.type != "Meeting" or e.modality not in summits]
    asserted = [e for e in events if e.modality == ASSERTED]
    return _merge_statements(_shared_addressee(asserted)) + [e for e in events if e.modality != ASSERTED]


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
    first: dict[tuple[tuple[str, str], ...], int] = {}  # actors -> where their first statement is in out
    for e in events:
        at = first.get(e.actors) if e.type == "Statement" else None
        if at is None:
            if e.type == "Statement":
                first[e.actors] = len(out)
            out.append(e)
            continue
        twin = out[at]
        out[at] = replace(
            twin,
            targets=twin.targets or e.targets,
            date=twin.date or e.date,
            extra_mentions=(*twin.extra_mentions, e.trigger),
        )
    return out


def _link_protests(events: list[Event], entities: Entities) -> list[Event]:
    """Give a summons-protest its official and date from the talk with the summoned envoy."""
    out = []
    summons_at: dict[Mention, Event] = {}  # trigger -> the first summons of that trigger
    aimed_at: dict[tuple[str, str], list[int]] = {}  # official -> the events that target him, in order
    for i, e in enumerate(events):
        if e.type == "Summons":
            summons_at.setdefault(e.trigger, e)
        for r in dict.fromkeys(e.targets):
            if r[0] == "official":
                aimed_at.setdefault(r, []).append(i)
    for e in events:
        if e.type in {"Protest", "Summons"} and (e.official is None or e.date is None):
            envoys = {r for r in (*e.targets,) if r[0] == "official"}
            summons = summons_at.get(e.trigger, e)
            envoys |= {r for r in summons.targets if r[0] == "official"}
            # the events that target one of the envoys, in order: the talks the summons may have been
            for other in (events[i] for i in sorted({i for r in envoys for i in aimed_at.get(r, ())})):
                if other is e:
                    continue
                speakers = [r for r in other.actors if r[0] == "official"]
                if speakers and _state_of(speakers[0], entities) in e.actors:
                    official = e.official or (speakers[0][1] if e.type == "Protest" else None)
                    e = replace(e, official=official, date=e.date or other.date, place=e.place or other.place)
                    break
        out.append(e)
    return out


def _merge_signings(events: list[Event], entities: Entities) -> list[Event]:
    out: list[Event] = []
    first: dict[tuple[tuple[str, str], ...], int] = {}  # what was signed -> where its signing is in out
    for e in events:
        at = first.get(e.about) if e.type == "Signing" else None
        if at is None:
            if e.type == "Signing":
                first[e.about] = len(out)
            out.append(e)
            continue
        twin = out[at]
        actors = tuple(dict.fromkeys((*twin.actors, *e.actors)))
        officials = tuple(k for kind, k in actors if kind == "official")
        actors = _signers(officials, tuple(k for kind, k in actors if kind == "state"), entities)
        out[at] = replace(twin, actors=actors, extra_mentions=(*twin.extra_mentions, e.trigger))
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
    markers: tuple[Marker, ...],
) -> tuple[tuple[Event, ...], tuple[Event, ...]]:
    """Find the events of every sentence, then link protests to the talks that delivered them: the
    acts done (asserted), and apart from them the acts only planned, conditional, requested,
    threatened or denied (each with its modality, read as the sentence gives it: neither completed,
    linked nor merged with the acts done)."""
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
        events += _sentence_events(ctx, triggers, markers, starts)
    marked = [e for e in events if e.modality != ASSERTED]
    events = _similar_steps([e for e in events if e.modality == ASSERTED], text, sentences, entities, markers)
    marked += [e for e in events if e.modality != ASSERTED]
    events = [e for e in events if e.modality == ASSERTED]
    derived: dict[int, frozenset[str]] = {}  # sentence -> the stems of its derived words, made once
    events = [_dated_by_context(e, text, sentences, dated, derived) for e in events]
    events = _merge_signings(_link_protests(_complete_protests(events, entities), entities), entities)
    # a protest still about nothing (its sentence too short to be a topic) is not written: the shapes
    # require what a protest is about, and the whole article would be refused
    done = tuple(e for e in _with_topics(events) if e.type != "Protest" or e.about)
    marked.sort(key=lambda e: e.trigger.start)
    return done, tuple(e for e in _with_topics(marked) if e.type != "Protest" or e.about)


_SIMILAR = re.compile(
    r"(?<![\w-])(?:mengambil|melakukan|menempuh|mengikuti)\s+(?:langkah|tindakan|jejak)\s+(?:serupa|yang\s+sama)"
    r"(?![\w-])",
    re.IGNORECASE,
)
_COPIED = frozenset({"Protest", "Suspension", "Withdrawal", "Annulment", "Demand", "Warning"})


def _similar_steps(
    events: list[Event],
    text: str,
    sentences: tuple[Sentence, ...],
    entities: Entities,
    markers: tuple[Marker, ...],
) -> list[Event]:
    """ "Brasil menarik duta besarnya ... Belanda mengambil langkah serupa": the act of the sentence before
    (or earlier in the same sentence), done again by the new subject against the same target; with the
    modality of the step ("Belanda tidak mengambil langkah serupa": denied)."""
    out = list(events)
    copied: dict[int, list[tuple[int, Event]]] = {}  # sentence -> its acts that can be copied, in order
    for i, e in enumerate(events):
        if e.type in _COPIED:
            copied.setdefault(e.trigger.sentence, []).append((i, e))
    for sentence in sentences:
        for match in _SIMILAR.finditer(text, sentence.start, sentence.end):
            modality = modality_of(markers, text, sentence, match.start(), match.end())
            agents = clauses.sentence_agents(entities.agents, sentence)
            subject = _refs(clauses.subject_before(text, agents, match.start(), sentence))
            near = sorted([*copied.get(sentence.index - 1, ()), *copied.get(sentence.index, ())])
            earlier = [e for _, e in near if e.trigger.start < match.start()]
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
                        e,
                        trigger=trigger,
                        actors=actors,
                        official=official,
                        quotes=(),
                        extra_mentions=(),
                        modality=modality,
                    )
                )
    return sorted(out, key=lambda e: e.trigger.start)


def _dated_by_context(
    e: Event,
    text: str,
    sentences: tuple[Sentence, ...],
    dated: dict[int, DatedSentence],
    derived: dict[int, frozenset[str]],
) -> Event:
    """A protest its sentence does not date takes the day (or month) the sentence before it in the same
    paragraph gives: "Kuala Lumpur membalas pada 20 Februari. Malaysia memanggil pulang duta besarnya
    ..." is the retaliation of that day. Else a summons, recall, expulsion or note takes the day of one
    of the next sentences of the paragraph that names the act again by a form of its word: "Ceko mengusir
    18 diplomat Rusia ... . Pengumuman pengusiran itu disampaikan pada Sabtu, 17 April."."""
    i = e.trigger.sentence
    if e.type not in {"Protest", "Summons"} or e.date is not None:
        return e  # (the summons that carried a protest is dated with it)
    before = sentences[i - 1] if i >= 1 else None
    if before is not None and "\n" not in text[before.end : sentences[i].start]:
        days = [v for _, _, v in dated[before.index].dates if v.precision != "year"]
        if days:
            return replace(e, date=days[-1])
    if e.type == "Protest" and e.form not in {"summons", "recall", "expulsion", "note"}:
        return e  # "menyampaikan protes", "mengecam": words too common to name one act again
    first = re.match(r"[\w-]+", text[e.trigger.start : e.trigger.end])
    root = stem(first.group(0).lower()) if first else ""
    for s in sentences[i + 1 : i + 1 + _NAMED_AGAIN]:
        if "\n" in text[sentences[s.index - 1].end : s.start]:
            break
        if s.index not in derived:  # a derived form ("pengusiran"), not the bare root ("usir")
            words = {w.lower() for w in re.findall(r"[\w-]+", text[s.start : s.end])}
            derived[s.index] = frozenset(r for w in words if (r := stem(w)) != w)
        if root in derived[s.index]:
            days = [v for _, _, v in dated[s.index].dates if v.precision == "day"]
            if days:
                return replace(e, date=days[0])
    return e


_NAMED_AGAIN = 2
"""How many sentences after an undated act may name it again and give its day."""


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
    # (targets, actors) -> the first protest of theirs with an explicit topic: what the others take
    # (one that took it earlier carries the same topic, so the first original one is the one to find)
    explicit: dict[tuple[object, ...], Event] = {}
    for e in out:
        if e.type == "Protest" and ("topic", "?") not in e.about:
            explicit.setdefault((e.targets, e.actors), e)
    for i, e in enumerate(out):
        if e.type != "Protest" or ("topic", "?") not in e.about:
            continue
        found = explicit.get((e.targets, e.actors))
        if found is not None:
            out[i] = replace(e, about=found.about, content=found.content)
    merged: list[Event] = []
    first: dict[tuple[object, ...], int] = {}  # (actors, targets, form) -> where the protest is in merged
    for e in out:
        key = (e.actors, e.targets, e.form)
        at = first.get(key) if e.type == "Protest" else None
        if at is None:
            if e.type == "Protest":
                first[key] = len(merged)
            merged.append(e)
        else:
            twin = merged[at]
            merged[at] = replace(
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
