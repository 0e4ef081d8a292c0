"""Stage 4: decide which entity each mention refers to.

In: :class:`kg.extract.mentions.Mentions` and the sentences. Out: :class:`Entities` — the officials (one per
person, however often and however spelled), organizations, places, states with their mentions, and the
list of :class:`Agent` references (who or what each agent mention in the text denotes, in text order) that
the event stage reads.

Coreference rules, all general:
- a title without a state takes the state from the sentence ("sikap Korsel", "pemerintah Korsel"), else
  from the article's first state (the lede's subject), unless the official's own demand, accusation,
  warning or protest is aimed at that state ("Marty menuntut Australia"): then the other main state;
- a surname or given name alone ("Kim") is the most recently named person who bears it;
- "Ia"/"Dia"/"Beliau" is the last person who spoke;
- a post alone ("Dubes Rusia") is the person the article names in that post.

The people (the first three rules) are resolved in :mod:`kg.extract.people`; this module composes the
stage and finds the agents.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from kg.extract.mentions import NEWS_HOME, Mentions, dateline_state
from kg.extract.people import (
    _not_the_one_aimed_at,
    _partial_names,
    _people,
    _Person,
    _pronouns,
    slug,
)
from kg.extract.spans import LastBefore, Nesting
from kg.extract.titles import TitleMatch
from kg.lexicon.resources import Resources
from kg.model import Mention, Official, Organization, Place, Sentence

_PREPOSITIONS = frozenset(
    {"di", "ke", "dari", "dengan", "terhadap", "untuk", "kepada", "bagi", "oleh", "antara", "atas", "pada"}
)


@dataclass(frozen=True, slots=True)
class Agent:
    """An agent mention and what it denotes: ``ref`` is ``(kind, key)``, kind state|official|org|post."""

    mention: Mention
    ref: tuple[str, str]
    nested: bool
    before: str


@dataclass(frozen=True, slots=True)
class Entities:
    """The entities of one article and the agent references in text order."""

    states: tuple[tuple[str, tuple[Mention, ...]], ...]
    officials: tuple[Official, ...]
    organizations: tuple[Organization, ...]
    places: tuple[Place, ...]
    agents: tuple[Agent, ...]

    def official(self, key: str) -> Official:
        """The official with this key."""
        return next(o for o in self.officials if o.key == key)


def _word_before(text: str, pos: int, floor: int) -> str:
    """The word before ``pos``, looking through "pihak"/"pemerintah" ("dengan pihak China" -> "dengan").
    Read backwards from ``pos``, a word at a time: the cost is the few words looked through, not the
    length of the sentence before ``pos`` (read whole for each agent, quadratic in a long sentence)."""
    word = ""
    end = pos
    while end > floor:
        while end > floor and not _is_word_char(text[end - 1]):
            end -= 1
        start = end
        while start > floor and _is_word_char(text[start - 1]):
            start -= 1
        if start == end:
            break
        word = text[start:end].lower()
        if word not in {"pihak", "pemerintah"}:
            return word
        end = start
    return word


def _is_word_char(c: str) -> bool:
    """A character of ``[\\w'’-]``, what a word is made of in :func:`_word_before`."""
    return c.isalnum() or c in "_'’-"


def _organizations(mentions: Mentions, resources: Resources) -> list[Organization]:
    grouped: dict[str, list[Mention]] = {}
    for m in mentions.organizations:
        grouped.setdefault(m.key, []).append(m)
    orgs: list[Organization] = []
    for key, ms in sorted(grouped.items()):
        parts = key.split("/")
        if len(parts) == 1:
            orgs.append(Organization(key, resources.gazetteer.organization(key).type, None, None, tuple(ms)))
        elif parts[1] == "embassy":
            orgs.append(
                Organization(key, "Embassy", parts[0], parts[2] if len(parts) > 2 else None, tuple(ms))
            )
        elif parts[1] == "parliament":
            orgs.append(Organization(key, "Organization", parts[0], None, tuple(ms)))
        else:
            orgs.append(Organization(key, "Ministry", parts[0], None, tuple(ms)))
    return orgs


def _places(mentions: Mentions) -> list[Place]:
    grouped: dict[str, list[Mention]] = {}
    for m in mentions.places:
        grouped.setdefault(m.key, []).append(m)
    places = []
    for key, ms in sorted(grouped.items()):
        state, name = key.split("|", 1)
        places.append(Place(slug(name), re.sub(r"\s+", " ", name), state, tuple(ms)))
    return places


def _default_state(text: str, mentions: Mentions, resources: Resources) -> str | None:
    """The state of an official whose title names none. Where the lede's subject is a state named as
    itself ("Australia menyadap ..."), the dateline's state ("ANKARA - Belanda menolak ... Presiden
    X") or else that state. Otherwise Indonesia when the article names it (Indonesian news names its own
    officials without their state, also in a report from abroad: "Outlet, Moskow - Presiden Rusia X
    bertemu Wakil Presiden Y"); else the dateline's; else the lede's first state."""
    lede = sorted(
        [m for m in mentions.states if m.sentence == 0]
        + [t.mention for t in mentions.titles if t.mention.sentence == 0],
        key=lambda m: (m.start, -m.end),
    )
    dateline = dateline_state(text, resources)
    if lede and lede[0].kind == "state":  # the lede's subject, a state named as itself
        return dateline or lede[0].key
    if any(m.key == NEWS_HOME for m in mentions.states):
        return NEWS_HOME  # Indonesian news names its own officials without their state
    found = dateline
    if found is None:
        found = next((m.key for m in mentions.states if m.sentence == 0), None)
    if found is None and mentions.states:
        found = mentions.states[0].key
    return found


_POST_REACH = 600
"""How far before a person a post named without a holder may be his (longer than a sentence of news): a
bound, so that a long sentence of many posts and people costs linear time."""
_BESIDE = re.compile(r"(?<![\w-])(?:dan|serta|bersama|dengan|menerima|bertemu|menemui|menyambut)(?![\w-])")


def _one_holder_per_post(
    text: str, people: list[_Person], titles: tuple[TitleMatch, ...], ranked: list[str]
) -> None:
    """A post has one holder in a state at a time. A person whose state was guessed, not written, takes
    the state of a post named without a holder in the same sentence ("Raja Yordania ..., Raja Abdullah
    II"); and where the guess gives him a post that another person holds in that state ("Presiden Joko
    Widodo dan Presiden Mohamed bin Zayed"), the article's next main state in which nobody holds it."""
    unnamed: dict[tuple[int, str], list[tuple[int, str]]] = {}  # (sentence, post) -> (end, state) untitled
    for t in titles:
        if t.name is None and t.state is not None:
            unnamed.setdefault((t.mention.sentence, t.title.id), []).append((t.mention.end, t.state))
    by_role: dict[str, list[int]] = {}  # post -> the people who hold it, in order
    for j, p in enumerate(people):
        by_role.setdefault(p.role, []).append(j)
    for k, person in enumerate(people):
        if person.explicit or person.state is None or person.title.scope != "state":
            continue
        first = min(person.mentions, key=lambda m: m.start)
        named = unnamed.get((first.sentence, person.role), [])  # in text order
        near = named[
            bisect_left(named, (first.start - _POST_REACH,)) : bisect_right(named, (first.start, "\uffff"))
        ]
        posts = {  # named before him and not another one beside him ("Menlu X dan Menlu Timor Leste")
            state for end, state in near if end <= first.start and not _BESIDE.search(text, end, first.start)
        }
        held = {people[j].state for j in by_role[person.role] if j != k and (people[j].explicit or j < k)}
        free = sorted(s for s in posts if s not in held)
        if len(free) == 1:
            person.state = free[0]
        elif person.state in held:
            person.state = next((iso for iso in ranked if iso not in held), person.state)


def resolve_entities(
    text: str, sentences: tuple[Sentence, ...], mentions: Mentions, resources: Resources
) -> Entities:
    """Resolve the mentions of one article to entities."""
    default_state = _default_state(text, mentions, resources)
    people, owner = _people(text, sentences, mentions, default_state, resources)
    title_spans = [(t.mention.start, t.mention.end) for t in mentions.titles]
    named = [(m, k) for k, p in enumerate(people) for m in p.mentions]
    partial = _partial_names(text, sentences, people, title_spans, resources)
    person_mentions = sorted(named + partial, key=lambda x: x[0].start)
    pronouns = _pronouns(text, sentences, mentions.pronouns, person_mentions)
    for mention, k in partial:
        people[k].mentions.append(mention)
    ranked = rank_states((m.key, m.start) for m in mentions.states)
    _not_the_one_aimed_at(text, sentences, people, ranked, resources)
    _one_holder_per_post(text, people, mentions.titles, ranked)
    officials = []
    for p in people:
        if p.state is None and p.org is None:
            continue
        officials.append(
            Official(
                slug(p.name),
                p.name,
                p.role,
                p.state,
                p.org,
                p.accredited,
                tuple(sorted(p.mentions, key=lambda m: m.start)),
                p.title.en,
                p.title.label,
            )
        )
    agents = _agents(text, sentences, mentions, people, owner, partial + pronouns, title_spans)
    states: dict[str, list[Mention]] = {}
    for m in mentions.states:
        states.setdefault(m.key, []).append(m)
    for o in officials:
        for iso in (o.state, o.accredited_to):
            if iso is not None and iso not in states:
                states[iso] = [t.mention for t in mentions.titles if t.name and slug(t.name) == o.key]
    return Entities(
        tuple(sorted((k, tuple(v)) for k, v in states.items())),
        tuple(sorted(officials, key=lambda o: o.key)),
        tuple(_organizations(mentions, resources)),
        tuple(_places(mentions)),
        agents,
    )


def _post_holders(people: list[_Person]) -> dict[tuple[str, str], int]:
    """(post, state) -> the first person who holds it: whom a title without a name names."""
    holders: dict[tuple[str, str], int] = {}
    for k, p in enumerate(people):
        if p.state is not None:
            holders.setdefault((p.role, p.state), k)
    return holders


def _agents(
    text: str,
    sentences: tuple[Sentence, ...],
    mentions: Mentions,
    people: list[_Person],
    owner: dict[int, int],
    person_refs: list[tuple[Mention, int]],
    title_spans: list[tuple[int, int]],
) -> tuple[Agent, ...]:
    org_spans = [(m.start, m.end) for m in mentions.organizations]
    outer = Nesting(title_spans + org_spans)
    holders = _post_holders(people)
    raw: list[tuple[Mention, tuple[str, str]]] = []
    for m in mentions.states:
        raw.append((m, ("state", m.key)))
    for m in mentions.organizations:
        if m.sentence >= 0:  # dateline sources are no agents
            raw.append((m, ("org", m.key)))
    for i, match in enumerate(mentions.titles):
        k = owner.get(i)
        if k is None and match.state is not None:
            k = holders.get((match.title.id, match.state))
        if k is not None:
            raw.append((match.mention, ("official", slug(people[k].name))))
        elif match.state is not None:
            raw.append((match.mention, ("post", f"{match.state}/{match.title.id}")))
    for mention, k in person_refs:
        raw.append((mention, ("official", slug(people[k].name))))
    raw += _groups(text, sentences, mentions, raw)
    raw += _org_anaphors(text, sentences, mentions)
    state_of = {slug(p.name): p.state for p in people}
    raw += _own_state(text, sentences, raw, state_of)
    raw += _numbered(text, sentences, raw, state_of)
    agents = []
    for m, ref in sorted(raw, key=lambda x: (x[0].start, -x[0].end, x[1])):
        floor = sentences[m.sentence].start
        nested = outer(m) if ref[0] != "official" or m.kind != "person" else False
        agents.append(Agent(m, ref, nested, _word_before(text, m.start, floor)))
    return tuple(agents)


_NUMBERED = re.compile(
    r"(?<![\w-])(?:ke(?P<n>dua|tiga|empat|lima|enam)(?:nya|\s+(?P<states>negara|pihak))"
    r"|(?P<states2>(?P<m>trio|kuartet))\s+(?:itu|tersebut))(?![\w-])",
    re.IGNORECASE,
)
_NUMBERS = {"dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "trio": 3, "kuartet": 4}
_LIST_JOIN = re.compile(r"\s*(?:\([^)]*\))?\s*(?:,\s*)?(?:(?:dan|serta)\s+)?")


def _numbered(
    text: str,
    sentences: tuple[Sentence, ...],
    raw: list[tuple[Mention, tuple[str, str]]],
    state_of: dict[str, str | None],
) -> list[tuple[Mention, tuple[str, str]]]:
    """ "Keempatnya menuduh Doha": the last list of exactly four states (or officials) named before, in
    its sentence or the two before ("kuartet Arab, yaitu Arab Saudi, UEA, Bahrain, dan Mesir");
    "ketiga negara" (three or more: "kedua negara" is :func:`_groups`'): the states of the last such
    list anywhere before."""
    if _NUMBERED.search(text) is None:
        return []
    inside = Nesting((m.start, m.end) for m, _ in raw)
    top = sorted(
        ((m, ref) for m, ref in raw if ref[0] in {"state", "official"} and not inside(m)),
        key=lambda x: (x[0].start, x[0].end),
    )
    runs: list[list[tuple[Mention, tuple[str, str]]]] = []
    for m, ref in top:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and last[1][0] == ref[0]
            and last[0].end <= m.start
            and _LIST_JOIN.fullmatch(text, last[0].end, m.start)
            and text[last[0].end : m.start].strip()
        ):
            runs[-1].append((m, ref))
        else:
            runs.append([(m, ref)])
    found: list[tuple[Mention, tuple[str, str]]] = []
    # (as states, length) -> the runs of that many refs, (start, end, refs) in text order: the runs
    # follow the sorted mentions, so the last one before a match is a bisection away
    by_length: dict[tuple[bool, int], list[tuple[int, int, list[tuple[str, str]]]]] = {}
    for run in runs:
        for as_states in (False, True):
            listed = _listed(run, state_of if as_states else None)
            by_length.setdefault((as_states, len(listed)), []).append(
                (run[0][0].start, run[-1][0].end, listed)
            )
    starts = {key: [start for start, _, _ in rs] for key, rs in by_length.items()}
    for sentence in sentences:
        for match in _NUMBERED.finditer(text, sentence.start, sentence.end):
            n = _NUMBERS[(match.group("n") or match.group("m")).lower()]
            states = match.group("states") or match.group("states2")
            if states and n == 2:
                continue
            back = sentence.index if states else 2  # "ketiga negara", "kuartet itu": any list before
            floor = sentences[max(0, sentence.index - back)].start
            # the last run of n refs that starts at the floor or after and ends before the match (one
            # that starts after the match cannot end before it)
            runs_of_n = by_length.get((bool(states), n), [])
            at = starts.get((bool(states), n), [])
            refs: list[tuple[str, str]] | None = None
            for i in range(bisect_right(at, match.start()) - 1, bisect_left(at, floor) - 1, -1):
                if runs_of_n[i][1] <= match.start():
                    refs = runs_of_n[i][2]
                    break
            if refs:
                key = ",".join(r[1] for r in refs)
                m = Mention(
                    match.start(), match.end(), "group", key, "pattern:numbered-group", sentence.index
                )
                found += [(m, ref) for ref in refs]
    return found


def _listed(
    run: list[tuple[Mention, tuple[str, str]]], state_of: dict[str, str | None] | None
) -> list[tuple[str, str]]:
    """The distinct refs of a list; with ``state_of``, as states (an official stands for his state;
    a list with an official of unknown state stands for no states)."""
    refs = [ref for _, ref in run]
    if state_of is not None:
        states = [state_of.get(key) if kind == "official" else key for kind, key in refs]
        if any(s is None for s in states):
            return []
        refs = [("state", s) for s in states if s is not None]
    return list(dict.fromkeys(refs))


_OWN_STATE = re.compile(
    r"(?<![\w-])(?:bahwa|mengatakan|menyatakan|menegaskan|mengumumkan|menyebut|berkata)\s+(?P<noun>negaranya)(?![\w-])",
    re.IGNORECASE,
)


def _own_state(
    text: str,
    sentences: tuple[Sentence, ...],
    raw: list[tuple[Mention, tuple[str, str]]],
    state_of: dict[str, str | None],
) -> list[tuple[Mention, tuple[str, str]]]:
    """ "Petro mengumumkan bahwa negaranya akan ...": "negaranya" as the subject of reported words is the
    state of the official who reports them (the last one named before it in the sentence)."""
    found: list[tuple[Mention, tuple[str, str]]] = []
    named = sorted((m.end, ref[1], m.start) for m, ref in raw if ref[0] == "official")
    ends = [end for end, _, _ in named]
    for sentence in sentences:
        for match in _OWN_STATE.finditer(text, sentence.start, sentence.end):
            start = match.start("noun")
            # the official named last before the match in its sentence: the greatest (end, key) that
            # ends before the match and starts in the sentence, looked for from the match backwards
            last = None
            for i in range(bisect_right(ends, match.start()) - 1, bisect_left(ends, sentence.start) - 1, -1):
                if named[i][2] >= sentence.start:
                    last = named[i][1]
                    break
            iso = state_of.get(last) if last is not None else None
            if iso is not None:
                m = Mention(start, match.end(), "pronoun", "negaranya", "coref:own-state", sentence.index)
                found.append((m, ("state", iso)))
    return found


_ORG_ANAPHOR = re.compile(
    r"(?<![\w-])(?P<noun>kementerian|kemlu|kemenlu|kedutaan(?:\s+besar)?|kedubes)\s+(?:itu|tersebut)(?![\w-])",
    re.IGNORECASE,
)


def _org_anaphors(
    text: str, sentences: tuple[Sentence, ...], mentions: Mentions
) -> list[tuple[Mention, tuple[str, str]]]:
    """ "Kementerian itu", "kedutaan tersebut": the last ministry (embassy) the article named before."""
    found: list[tuple[Mention, tuple[str, str]]] = []
    orgs = mentions.organizations
    last_of = {  # the last of the orgs of each kind (in the order of mentions) that ends before a place
        part: LastBefore([(m.end, i) for i, m in enumerate(orgs) if part in m.key])
        for part in ("/embassy", "/ministry-")
    }
    for sentence in sentences:
        for match in _ORG_ANAPHOR.finditer(text, sentence.start, sentence.end):
            part = "/embassy" if match.group("noun").lower().startswith("ked") else "/ministry-"
            last = last_of[part].before(match.start())
            if last is not None:
                key = orgs[last].key
                m = Mention(match.start(), match.end(), "org", key, "pattern:org-anaphor", sentence.index)
                found.append((m, ("org", key)))
    return found


_GROUP = re.compile(
    r"(?<![\w-])(?:(?:kedua|dua)\s+(?:negara|pihak|pemerintah|belah\s+pihak|pemimpin|kepala\s+negara|presiden"
    r"|delegasi|menteri(?:\s+luar\s+negeri)?)|masing-masing\s+(?:negara|pihak|pemerintah))(?![\w-])",
    re.IGNORECASE,
)


_PERSONS = re.compile(r"pemimpin|kepala\s+negara|presiden|menteri|delegasi", re.IGNORECASE)


def rank_states(found: Iterable[tuple[str, int]]) -> list[str]:
    """States by ``(iso, offset)`` mentions, most mentioned first (ties: first mentioned first).

    >>> rank_states([("RU", 9), ("KR", 0), ("RU", 20)])
    ['RU', 'KR']
    """
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for iso, start in found:
        counts[iso] = counts.get(iso, 0) + 1
        first[iso] = min(start, first.get(iso, start))
    return sorted(counts, key=lambda iso: (-counts[iso], first[iso]))


def _groups(
    text: str,
    sentences: tuple[Sentence, ...],
    mentions: Mentions,
    raw: list[tuple[Mention, tuple[str, str]]],
) -> list[tuple[Mention, tuple[str, str]]]:
    """ "Kedua negara" / "kedua pihak": the article's two main states; "kedua pemimpin" after two
    officials named earlier in its sentence: those two ("Conte ... dengan Macron, tetapi kedua pemimpin
    akhirnya bertemu")."""
    ranked = rank_states((m.key, m.start) for m in mentions.states)[:2]
    if len(ranked) < 2:
        return []
    found = []
    named = sorted(((m, ref) for m, ref in raw if ref[0] == "official"), key=lambda x: x[0].start)
    starts = [m.start for m, _ in named]
    for sentence in sentences:
        for match in _GROUP.finditer(text, sentence.start, sentence.end):
            refs = None
            if _PERSONS.search(match.group(0)):  # the officials named before it in its sentence
                people = list(
                    dict.fromkeys(
                        ref
                        for m, ref in named[
                            bisect_left(starts, sentence.start) : bisect_left(starts, match.start())
                        ]
                        if m.end <= match.start()
                    )
                )
                refs = people[-2:] if len(people) >= 2 else None
            key = ",".join(r[1] for r in refs) if refs else ",".join(ranked)
            m = Mention(match.start(), match.end(), "group", key, "pattern:group", sentence.index)
            found += [(m, ref) for ref in refs] if refs else [(m, ("state", iso)) for iso in ranked]
    return found


def is_free(agent: Agent) -> bool:
    """An agent mention that can be a subject: not inside a title or org, not after a preposition."""
    return not agent.nested and agent.before not in _PREPOSITIONS
