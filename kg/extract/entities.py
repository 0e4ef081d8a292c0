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
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from kg.extract.mentions import NAME_STOP, Mentions, TitleMatch, dateline_state, surface_at
from kg.lexicon.resources import Resources
from kg.model import Mention, Official, Organization, Place, Sentence

_POSSESSIVE = re.compile(
    r"(?<![\w-])(?:sikap|pemerintah|posisi|kebijakan|pihak|delegasi|atas\s+nama|mewakili)\s+$", re.IGNORECASE
)
_SPEECH = re.compile(
    r"(?<![\w-])(?:mengatakan|menegaskan|menekankan|menyatakan|berkata|kata|ujar|ucap|tutur|menambahkan)(?![\w-])",
    re.IGNORECASE,
)
_CAPWORD = re.compile(r"(?<![\w'’-])(?:(?:al|el|ad|ar|as|ash)-)?[A-Z][\w'’-]*")
_PARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash)-")
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


def slug(name: str) -> str:
    """A lower-case ASCII slug of a name.

    >>> slug("Lee Sun-mi"), slug("Zürich  Ost")
    ('lee-sun-mi', 'zurich-ost')
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "x"


def _inside(m: Mention, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e in spans)


def _word_before(text: str, pos: int, floor: int) -> str:
    """The word before ``pos``, looking through "pihak"/"pemerintah" ("dengan pihak China" -> "dengan")."""
    words = [w.lower() for w in re.findall(r"[\w'’-]+", text[floor:pos])]
    while len(words) > 1 and words[-1] in {"pihak", "pemerintah"}:
        words.pop()
    return words[-1] if words else ""


_RELATIVE_CLAUSE = re.compile(r"(?<![\w-])yang(?![\w-])", re.IGNORECASE)
_CONTRAST = re.compile(r",\s*(?:sedangkan|sementara|tetapi|namun)(?![\w-])", re.IGNORECASE)


def _context_state(
    text: str,
    sentence: Sentence,
    mentions: Mentions,
    taken: list[tuple[int, int]],
    default: str | None,
    title: int,
) -> str | None:
    """ "sikap Korsel ... Menlu Cho": the state after a possessive word in the sentence, unless the title
    stands in a relative clause after it ("pemerintah Belanda mencabut izin pesawat yang membawa Menteri
    Luar Negeri Cavusoglu": he is not Dutch) or the possessive comes after a comma after the title;
    else ``default``."""
    for m in mentions.states:
        in_sentence = m.sentence == sentence.index and not _inside(m, taken)
        if in_sentence and _POSSESSIVE.search(text[sentence.start : m.start]):
            if m.end <= title and (
                _RELATIVE_CLAUSE.search(text, m.end, title) or _CONTRAST.search(text, m.end, title)
            ):
                continue  # "... untuk pihak Moskow, sedangkan dokumen Ukraina diteken Menteri X"
            if m.start > title and "," in text[title : m.start]:
                continue  # "Menlu Retno menilai ..., karena ... pemerintah Brasil": another clause
            return m.key
    return default


def _same_person(a: str, b: str) -> bool:
    ta, tb = a.split(), b.split()
    if ta == tb:
        return True
    return len(ta) > 1 and len(tb) > 1 and ta[0] == tb[0] and ta[-1] == tb[-1]


@dataclass(slots=True)
class _Person:
    name: str
    role: str
    state: str | None
    org: str | None
    accredited: str | None
    mentions: list[Mention]
    explicit: bool = True  # the state was written next to the title, not guessed from context


def _known_by_one_name(people: list[_Person], name: str, role: str, state: str | None) -> int | None:
    """The one person met before whose first or last name is ``name`` alone, with the same post and no
    other state ("Presiden Susilo Bambang Yudhoyono" ... "Presiden Yudhoyono"); None if there is no
    such person or more than one ("Presiden Kim" after Kim Jong Un and Kim Yo Jong)."""
    if " " in name:
        return None
    found = [
        k
        for k, p in enumerate(people)
        if name in {p.name.split()[0], p.name.split()[-1]} and " " in p.name and p.role == role
    ]
    if len(found) != 1 or state not in {None, people[found[0]].state}:
        return None
    return found[0]


_ANOTHER = re.compile(r"\slainnya\s*,\s*$")
_FROM_STATE = re.compile(r"\s+(?:dari|asal)\s+")


def _people(
    text: str,
    sentences: tuple[Sentence, ...],
    mentions: Mentions,
    default_state: str | None,
    resources: Resources,
) -> tuple[list[_Person], dict[int, int]]:
    people: list[_Person] = []
    owner: dict[int, int] = {}  # title match index -> person index
    spans = [(t.mention.start, t.mention.end) for t in mentions.titles]
    for i, match in enumerate(mentions.titles):
        if match.name is None:
            continue
        state, explicit = match.state, match.state is not None or match.organization is not None
        if state is None:  # "Menteri Luar Negeri Penny Wong dari Australia"
            after = _FROM_STATE.match(text, match.name_end)
            found = (
                surface_at(text, after.end(), sentences[match.mention.sentence].end, resources)
                if after
                else None
            )
            if found is not None and found[0].kind in {"state", "capital"}:
                state, explicit = found[0].key, True
        if state is None and _ANOTHER.search(text, match.mention.start, match.name_start):
            same = [p for p in people if p.role == match.title.id and p.state is not None]
            if same:  # "Wakil Perdana Menteri lainnya, Matteo Salvini": the other one of the same state
                state, explicit = same[-1].state, same[-1].explicit
        if state is None and match.organization is None:
            state = _context_state(
                text, sentences[match.mention.sentence], mentions, spans, default_state, match.mention.start
            )
        index = next((k for k, p in enumerate(people) if _same_person(p.name, match.name)), None)
        if index is None:
            index = _known_by_one_name(people, match.name, match.title.id, state if explicit else None)
        if index is None:
            people.append(
                _Person(
                    match.name, match.title.id, state, match.organization, match.accredited_to, [], explicit
                )
            )
            index = len(people) - 1
        person = people[index]
        if explicit and not person.explicit:  # a later "X, Menteri Luar Negeri Australia" settles it
            person.state, person.explicit = state, True
        person.mentions.append(
            Mention(
                match.name_start,
                match.name_end,
                "person",
                slug(person.name),
                match.mention.rule,
                match.mention.sentence,
            )
        )
        owner[i] = index
    return people, owner


_AIMED_AT = frozenset({"Demand", "Accusation", "Warning", "Protest"})
_BEFORE_VERB = re.compile(
    r"(?:\s*,[^,.]{1,80},)?(?:\s+(?:juga|pun|kembali|telah|sudah|lalu|kemudian|akan))*\s+"
)
_BEFORE_TARGET = re.compile(r"\s+(?:(?:kepada|terhadap)\s+)?(?:(?:pihak|pemerintah)\s+)?")


def _aims_at(text: str, m: Mention, end: int, resources: Resources) -> str | None:
    """The state an official's own verb is aimed at, right after the name ("Marty menuntut Australia",
    "Menlu X, Selasa, memprotes China"); None if the next words are no such act. A passive verb
    ("Dubes X dipanggil") makes the official its target, not its actor: no answer."""
    gap = _BEFORE_VERB.match(text, m.end, end)
    if gap is None:
        return None
    for trigger in resources.triggers:
        if trigger.event not in _AIMED_AT:
            continue
        verb = trigger.pattern.match(text, gap.end(), end)
        if verb is None or verb.group(0).lower().startswith("di"):
            continue
        before = _BEFORE_TARGET.match(text, verb.end(), end)
        found = surface_at(text, before.end() if before else verb.end(), end, resources)
        if found is not None and found[0].kind in {"state", "capital"}:
            return found[0].key
    return None


def _not_the_one_aimed_at(
    text: str, sentences: tuple[Sentence, ...], people: list[_Person], ranked: list[str], resources: Resources
) -> None:
    """A guessed state is not the state the official turns against: with Australia guessed for
    "Menteri Luar Negeri Marty Natalegawa", "Marty menuntut Australia ..." makes him an official of the
    article's other main state. A state written next to the title is never changed."""
    for person in people:
        if person.explicit or person.state is None:
            continue
        for m in person.mentions:
            end = sentences[m.sentence].end if m.sentence >= 0 else len(text)
            if _aims_at(text, m, end, resources) == person.state:
                other = next((iso for iso in ranked if iso != person.state), None)
                if other is not None:
                    person.state = other
                break


def _partial_names(
    text: str,
    sentences: tuple[Sentence, ...],
    people: list[_Person],
    taken: list[tuple[int, int]],
    resources: Resources,
) -> list[tuple[Mention, int]]:
    found: list[tuple[Mention, int]] = []
    alias_of = {a: e.name for e in resources.gazetteer.people for a in e.aliases}  # "Jokowi"
    bearing: dict[str, set[int]] = {}  # a word -> the people it may name: first or last name, alias
    for k, p in enumerate(people):
        words = p.name.split()
        for word in (words[0], words[-1], _PARTICLE.sub("", words[-1])):
            bearing.setdefault(word, set()).add(k)
    for alias, name in alias_of.items():
        bearing.setdefault(alias, set()).update(k for k, p in enumerate(people) if p.name == name)
    covered = {i for s, e in taken for i in range(s, e)}
    for sentence in sentences:
        for match in _CAPWORD.finditer(text, sentence.start, sentence.end):
            word = match.group(0)
            bearers = sorted(bearing.get(word, ()))
            if not bearers or word.lower() in NAME_STOP or match.start() in covered:
                continue
            if surface_at(text, match.start(), sentence.end, resources):
                continue  # "Israel" is the state, not Israel Katz
            before = [
                (max(m.end for m in people[k].mentions if m.end <= match.start()), k)
                for k in bearers
                if any(m.end <= match.start() for m in people[k].mentions)
            ]
            k = max(before)[1] if before else bearers[0]
            start = match.start()
            particle = _NAME_PARTICLE.search(text, sentence.start, start)
            if particle is not None and f"{particle.group(1)} {word}" in people[k].name:
                start = particle.start(1)  # "Di Maio", not the preposition "di" before "Maio"
            mention = Mention(
                start, match.end(), "person", slug(people[k].name), "coref:name", sentence.index
            )
            found.append((mention, k))
    return found


_NAME_PARTICLE = re.compile(r"(?<![\w-])(Di|De|Da|Del|Della|Dos|Das|Van|Von|Le|La)\s+$")
_SUBJECT_LEAD = re.compile(r"(?:(?:[A-Z][\w'’.-]*|untuk)\s+)*")


def _speakers(
    text: str, sentences: tuple[Sentence, ...], person_mentions: list[tuple[Mention, int]]
) -> list[int]:
    """Positions (by mention order) of person mentions that are followed by a speech verb in their sentence,
    or that open their sentence (after their title only): the persons a later "ia" can be."""
    spoke: list[int] = []
    for i, (m, _) in enumerate(person_mentions):
        sentence = sentences[m.sentence]
        if _SPEECH.search(text, m.end, sentence.end) or _SPEECH.search(text, sentence.start, m.start):
            spoke.append(i)
        elif _SUBJECT_LEAD.fullmatch(text, sentence.start, m.start):
            spoke.append(i)  # the subject of its sentence ("Presiden Erdogan melontarkan kecaman. Ia ...")
    return spoke


def _pronouns(
    text: str,
    sentences: tuple[Sentence, ...],
    pronouns: tuple[Mention, ...],
    person_mentions: list[tuple[Mention, int]],
) -> list[tuple[Mention, int]]:
    speakers = _speakers(text, sentences, person_mentions)
    found: list[tuple[Mention, int]] = []
    for pronoun in pronouns:
        earlier = [i for i in speakers if person_mentions[i][0].end <= pronoun.start]
        if not earlier:
            earlier = [i for i, (m, _) in enumerate(person_mentions) if m.end <= pronoun.start]
        if earlier:
            found.append((pronoun, person_mentions[earlier[-1]][1]))
    return found


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


def resolve_entities(
    text: str, sentences: tuple[Sentence, ...], mentions: Mentions, resources: Resources
) -> Entities:
    """Resolve the mentions of one article to entities."""
    default_state = dateline_state(text, resources)
    if default_state is None:
        default_state = next((m.key for m in mentions.states if m.sentence == 0), None)
    if default_state is None and mentions.states:
        default_state = mentions.states[0].key
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


def _post_holder(match: TitleMatch, people: list[_Person]) -> int | None:
    for k, p in enumerate(people):
        if p.role == match.title.id and p.state == match.state and match.state is not None:
            return k
    return None


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
    outer = title_spans + org_spans
    raw: list[tuple[Mention, tuple[str, str]]] = []
    for m in mentions.states:
        raw.append((m, ("state", m.key)))
    for m in mentions.organizations:
        if m.sentence >= 0:  # dateline sources are no agents
            raw.append((m, ("org", m.key)))
    for i, match in enumerate(mentions.titles):
        k = owner.get(i)
        if k is None:
            k = _post_holder(match, people)
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
        nested = _inside(m, outer) if ref[0] != "official" or m.kind != "person" else False
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
    spans = [(m.start, m.end) for m, _ in raw]
    top = sorted(
        ((m, ref) for m, ref in raw if ref[0] in {"state", "official"} and not _inside(m, spans)),
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
    for sentence in sentences:
        for match in _NUMBERED.finditer(text, sentence.start, sentence.end):
            n = _NUMBERS[(match.group("n") or match.group("m")).lower()]
            states = match.group("states") or match.group("states2")
            if states and n == 2:
                continue
            back = sentence.index if states else 2  # "ketiga negara", "kuartet itu": any list before
            floor = sentences[max(0, sentence.index - back)].start
            lists = [
                refs
                for run in runs
                if floor <= run[0][0].start
                and run[-1][0].end <= match.start()
                and len(refs := _listed(run, state_of if states else None)) == n
            ]
            if lists:
                refs = lists[-1]
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
    for sentence in sentences:
        for match in _OWN_STATE.finditer(text, sentence.start, sentence.end):
            start = match.start("noun")
            speakers = [
                (m.end, ref[1])
                for m, ref in raw
                if ref[0] == "official" and sentence.start <= m.start and m.end <= match.start()
            ]
            iso = state_of.get(max(speakers)[1]) if speakers else None
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
    for sentence in sentences:
        for match in _ORG_ANAPHOR.finditer(text, sentence.start, sentence.end):
            part = "/embassy" if match.group("noun").lower().startswith("ked") else "/ministry-"
            before = [m for m in mentions.organizations if m.end <= match.start() and part in m.key]
            if before:
                key = before[-1].key
                m = Mention(match.start(), match.end(), "org", key, "pattern:org-anaphor", sentence.index)
                found.append((m, ("org", key)))
    return found


_GROUP = re.compile(
    r"(?<![\w-])(?:kedua|dua)\s+(?:negara|pihak|pemerintah|belah\s+pihak|pemimpin|kepala\s+negara|presiden|delegasi"
    r"|menteri(?:\s+luar\s+negeri)?)(?![\w-])",
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
    for sentence in sentences:
        for match in _GROUP.finditer(text, sentence.start, sentence.end):
            people = list(
                dict.fromkeys(
                    ref
                    for m, ref in sorted(raw, key=lambda x: x[0].start)
                    if ref[0] == "official" and sentence.start <= m.start and m.end <= match.start()
                )
            )
            refs = people[-2:] if _PERSONS.search(match.group(0)) and len(people) >= 2 else None
            key = ",".join(r[1] for r in refs) if refs else ",".join(ranked)
            m = Mention(match.start(), match.end(), "group", key, "pattern:group", sentence.index)
            found += [(m, ref) for ref in refs] if refs else [(m, ("state", iso)) for iso in ranked]
    return found


def is_free(agent: Agent) -> bool:
    """An agent mention that can be a subject: not inside a title or org, not after a preposition."""
    return not agent.nested and agent.before not in _PREPOSITIONS
