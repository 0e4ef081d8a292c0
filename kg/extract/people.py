"""Stage 4, people: one official per person, however often and however spelled.

The people named with a title, the surnames and given names alone that stand for one of them, the
speakers "Ia"/"Dia" stand for, and the state a title without one takes from its sentence. What the
officials serve and the agents in text order are :mod:`kg.extract.entities`, which composes the stage.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kg.extract.mentions import Mentions
from kg.extract.spans import LastBefore, Nesting, ends_with
from kg.extract.surfaces import surface_at
from kg.extract.titles import NAME_STOP, TitleMatch
from kg.lexicon.resources import Resources, Title
from kg.model import Mention, Sentence

_POSSESSIVE = re.compile(
    r"(?<![\w-])(?:sikap|pemerintah|posisi|kebijakan|pihak|delegasi|atas\s+nama|mewakili)\s+$", re.IGNORECASE
)
_SPEECH = re.compile(
    r"(?<![\w-])(?:mengatakan|menegaskan|menekankan|menyatakan|berkata|kata|ujar|ucap|tutur|menambahkan)(?![\w-])",
    re.IGNORECASE,
)
_LONGEST_SPEECH = len("menambahkan")  # the longest verb of _SPEECH
_CAPWORD = re.compile(r"(?<![\w'’-])(?:(?:al|el|ad|ar|as|ash)-)?[A-Z][\w'’-]*")
_PARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash)-")


def slug(name: str) -> str:
    """A lower-case ASCII slug of a name.

    >>> slug("Lee Sun-mi"), slug("Zürich  Ost")
    ('lee-sun-mi', 'zurich-ost')
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "x"


_RELATIVE_CLAUSE = re.compile(r"(?<![\w-])yang(?![\w-])", re.IGNORECASE)
_CONTRAST = re.compile(r",\s*(?:sedangkan|sementara|tetapi|namun)(?![\w-])", re.IGNORECASE)
_LIST_INTRO = re.compile(
    r"(?<![\w-])(?:ialah|adalah|yakni|yaitu|terdiri\s+(?:atas|dari)|antara\s+lain|di\s+antaranya|meliputi)(?![\w-])"
    r"|:",
    re.IGNORECASE,
)
"""What opens a list of people: "delegasi Chile yang hadir ialah Menteri A, Menteri B": the relative
clause before it does not hold the titles of the list."""


_POSSESSIVE_REACH = 24
"""Characters before a state (less the spaces right before it) that can hold its possessive word: the
longest, "kebijakan" and "atas nama", with room to spare. Looking back only so far keeps one look-up
bounded however long the sentence is; a possessive further away is no possessive of this state."""


def _after_possessive(text: str, start: int, pos: int) -> bool:
    """Whether ``text[start:pos]`` ends with a possessive word and white space ("sikap ", "pihak ")."""
    end = pos
    while end > start and text[end - 1].isspace():
        end -= 1
    low = max(start, end - _POSSESSIVE_REACH)
    if low == start:
        return _POSSESSIVE.search(text[start:pos]) is not None
    return _POSSESSIVE.search(text, low, pos) is not None  # the look-behind sees the text before ``low``


@dataclass(slots=True)
class _Possessed:
    """The states of one sentence that follow a possessive word (outside titles), and where its
    relative clauses, contrasts and commas are: what :func:`_context_state` asks of the sentence, found
    once for all its titles."""

    states: list[Mention]
    clauses: list[tuple[int, int]]  # "yang", ", sedangkan": (start, end), in text order
    commas: list[int]
    intros: list[int]  # where "ialah", "terdiri dari", ":" end, in text order

    @classmethod
    def of(cls, text: str, sentence: Sentence, states: Iterable[Mention], inside: Nesting) -> _Possessed:
        found = [m for m in states if not inside(m) and _after_possessive(text, sentence.start, m.start)]
        clauses = sorted(
            (c.start(), c.end())
            for pattern in (_RELATIVE_CLAUSE, _CONTRAST)
            for c in pattern.finditer(text, sentence.start, sentence.end)
        )
        commas = [i for i in range(sentence.start, sentence.end) if text[i] == ","]
        intros = [m.end() for m in _LIST_INTRO.finditer(text, sentence.start, sentence.end)]
        return cls(found, clauses, commas, intros)

    def clause_between(self, start: int, end: int) -> bool:
        i = bisect_left(self.clauses, (start, -1))  # the first that starts at ``start`` or after
        return i < len(self.clauses) and self.clauses[i][1] <= end

    def comma_between(self, start: int, end: int) -> bool:
        i = bisect_left(self.commas, start)
        return i < len(self.commas) and self.commas[i] < end

    def list_between(self, start: int, end: int) -> bool:
        i = bisect_left(self.intros, start)
        return i < len(self.intros) and self.intros[i] <= end


class _ContextStates:
    """The state a title without one takes from its sentence (:func:`_context_state`), with what each
    sentence holds found once, the first time one of its titles asks."""

    def __init__(self, text: str, sentences: tuple[Sentence, ...], mentions: Mentions) -> None:
        self.text, self.sentences = text, sentences
        self.inside = Nesting((t.mention.start, t.mention.end) for t in mentions.titles)
        self.states_in: dict[int, list[Mention]] = {}  # sentence -> its state mentions, in order
        for m in mentions.states:
            self.states_in.setdefault(m.sentence, []).append(m)
        self.possessed: dict[int, _Possessed] = {}
        self.quotes: dict[int, list[int]] = {}  # sentence -> where its quote marks are

    def state(self, sentence: int, default: str | None, title: int) -> str | None:
        subject = self._subject_spoken_for(sentence, title)
        if subject is not None:
            return subject
        if sentence not in self.possessed:
            self.possessed[sentence] = _Possessed.of(
                self.text, self.sentences[sentence], self.states_in.get(sentence, ()), self.inside
            )
        return _context_state(self.possessed[sentence], default, title)

    def _subject_spoken_for(self, sentence: int, title: int) -> str | None:
        """ "Australia memberikan visa itu, seperti dikatakan Menteri Imigrasi X": a title without a state,
        given as the source of what a state at the head of the sentence does, is that state's."""
        states = self.states_in.get(sentence, [])
        if not states or states[0].start > title:
            return None
        s = self.sentences[sentence]
        if not _SUBJECT_HEAD.fullmatch(self.text, s.start, states[0].start) or _PASSIVE_AFTER.match(
            self.text, states[0].end
        ):
            return None  # "Australia dikecam, kata Menteri X": the state is what is done to, not the actor
        if not ends_with(_SOURCE_BEFORE, self.text, s.start, title, 40):
            return None
        if sentence not in self.quotes:  # found once per sentence, not for each of its titles
            self.quotes[sentence] = [m.start() for m in _QUOTE_MARK.finditer(self.text, s.start, s.end)]
        marks = self.quotes[sentence]
        if marks and marks[0] < title:
            return None  # a speaker of a quote is not of the state his quote names
        return states[0].key


_QUOTE_MARK = re.compile(r"[\"“”]")
_PASSIVE_AFTER = re.compile(r"\s+(?:telah\s+|sudah\s+|akan\s+|juga\s+)*di[a-z]{3,}")
_SUBJECT_HEAD = re.compile(
    r"\s*(?:(?:Sebelumnya|Namun|Kini|Sementara\s+itu|Pemerintah|pemerintah|kemarin|hari\s+ini),?\s+)*"
)
"""What may stand before a state that is the subject of its sentence: adverbs, "Pemerintah"."""
_SOURCE_BEFORE = re.compile(
    r"(?<![\w-])(?:kata|ujar|ungkap|tutur|jelas|(?:seperti|sebagaimana)\s+(?:di)?katakan(?:\s+oleh)?"
    r"|(?:seperti|sebagaimana)\s+diungkapkan(?:\s+oleh)?)\s+$",
    re.IGNORECASE,
)
"""The words that give the source of a clause right before a title: ", kata Menteri X", "seperti dikatakan
oleh Menteri X"."""


def _context_state(possessed: _Possessed, default: str | None, title: int) -> str | None:
    """ "sikap Korsel ... Menlu Cho": the state after a possessive word in the sentence, unless the title
    stands in a relative clause after it ("pemerintah Belanda mencabut izin pesawat yang membawa Menteri
    Luar Negeri Cavusoglu": he is not Dutch) unless a list opens after it ("delegasi Chile yang hadir
    ialah Menteri A, Menteri B"), or the possessive comes after a comma after the title; else
    ``default``."""
    for m in possessed.states:
        if (
            m.end <= title
            and possessed.clause_between(m.end, title)
            and not possessed.list_between(m.end, title)
        ):
            continue  # "... untuk pihak Moskow, sedangkan dokumen Ukraina diteken Menteri X"
        if m.start > title and possessed.comma_between(title, m.start):
            return default  # "Menlu Retno menilai ..., karena ... pemerintah Brasil": another clause
        return m.key
    return default


def _same_person(a: str, b: str) -> bool:
    ta, tb = fold_spelling(a).split(), fold_spelling(b).split()  # "Marsoedi" is "Marsudi"
    if ta == tb:
        return True
    if len(ta) > 1 and len(tb) > 1 and ta[0] == tb[0] and ta[-1] == tb[-1]:
        return True
    short, long = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    return (
        len(short) > 1 and long[: len(short)] == short
    )  # "Raja Abdullah II" ... "Abdullah II ibn Al Hussein"


@dataclass(slots=True)
class _Person:
    name: str
    role: str
    title: Title
    state: str | None
    org: str | None
    accredited: str | None
    mentions: list[Mention]
    explicit: bool = True  # the state was written next to the title, not guessed from context


def _known_by_one_name(
    people: list[_Person], name: str, role: str, state: str | None, met: Iterable[int]
) -> int | None:
    """The one person met before whose first or last name is ``name`` alone, with the same post and no
    other state ("Presiden Susilo Bambang Yudhoyono" ... "Presiden Yudhoyono"; the head alone for a post
    with its portfolio, "Dirjen Imigrasi Andi Rahman" ... "Dirjen Andi"); None if there is no
    such person or more than one ("Presiden Kim" after Kim Jong Un and Kim Yo Jong). ``met``: the people
    who may be that person (any other is not), in order."""
    if " " in name:
        return None
    found = [
        k
        for k in met
        if " " in (p := people[k]).name
        and (p.role == role or p.role.startswith(role + "-"))  # "Dirjen Umar" after "Dirjen Imigrasi Umar X"
        and any(
            w == name or (len(name) >= 4 and w.startswith(name))
            for w in (p.name.split()[0], p.name.split()[-1])
        )
    ]
    if len(found) != 1 or state not in {None, people[found[0]].state}:
        return None
    return found[0]


_ANOTHER = re.compile(r"\slainnya\s*,\s*$")
_FROM_STATE = re.compile(r"\s+(?:dari|asal)\s+")


def _person_named(people: list[_Person], match: TitleMatch, state: str | None, names: _Names) -> int | None:
    """The person met before whom a title's name names: the same name, one name alone with the same post,
    or a short form of either ("Jokowi", "SBY")."""
    assert match.name is not None
    index = next((k for k in names.same(match.name) if _same_person(people[k].name, match.name)), None)
    if index is None:
        index = _known_by_one_name(people, match.name, match.title.id, state, names.by_one(match))
    if index is None:
        index = next((k for k in names.short(match.name) if _short_form_of(people[k].name, match.name)), None)
    return index


class _Names:
    """The people met so far, filed by what each test of :func:`_person_named` needs two names to share,
    so that a title looks at those people only, in the order met, instead of at everybody (titles ×
    people, issue #18). Each test is still made in full on the people found; a person is filed again
    when the name grows ("Jokowi" -> "Joko Widodo"), and is then found under both.

    - the same first word, folded (:func:`_same_person`: the same name, or the same first and last
      words, or the first words of the longer one; folded or not, the first words are the same);
    - (post, the first four letters of the first or last word) (:func:`_known_by_one_name`);
    - the initial of the full name's first word, folded, against the first letter of the short one,
      folded or not (:func:`_short_form_of`: initials, or the starts of the words run together).
    """

    def __init__(self, people: list[_Person]) -> None:
        self.people = people
        self.keys: dict[tuple[str, ...], list[int]] = {}

    def file(self, k: int) -> None:
        p = self.people[k]
        words = p.name.split()
        folded = fold_spelling(p.name).split()
        keys: list[tuple[str, ...]] = [("first", folded[0])] if folded else []
        if " " in p.name:
            parts = p.role.split("-")
            roles = ["-".join(parts[:n]) for n in range(1, len(parts) + 1)]  # the post and its heads
            keys += [("one", role, w[:4]) for role in roles for w in (words[0], words[-1])]
        keys += [("full", c) for c in _initials(p.name)] + [("short", c) for c in _letters(p.name)]
        for key in keys:
            ks = self.keys.setdefault(key, [])
            if k not in ks:
                ks.append(k)
                ks.sort()

    def _find(self, keys: Iterable[tuple[str, ...]]) -> list[int]:
        return sorted({k for key in keys for k in self.keys.get(key, ())})

    def same(self, name: str) -> list[int]:
        words = fold_spelling(name).split()
        return self._find([("first", words[0])]) if words else list(range(len(self.people)))

    def by_one(self, match: TitleMatch) -> list[int]:
        assert match.name is not None
        return self._find([("one", match.title.id, match.name[:4])])

    def short(self, name: str) -> list[int]:
        # the other one is the full name and this the short, or the other way round
        return self._find([("short", c) for c in _initials(name)] + [("full", c) for c in _letters(name)])


def _initials(name: str) -> set[str]:
    """The first letter of the first word of a name taken as the full form in :func:`_short_form_of`."""
    words = [w for w in fold_spelling(name).split() if w[:1].isalpha()]
    return {words[0][0]} if words else set()


def _letters(name: str) -> set[str]:
    """The first letter of a name taken as the short form in :func:`_short_form_of`, as its initials
    compare it (lower case) and as its blend does (folded)."""
    return {c for c in (name.lower()[:1], fold_spelling(name)[:1]) if c}


def _state_named(
    text: str, sentences: tuple[Sentence, ...], match: TitleMatch, people: list[_Person], resources: Resources
) -> tuple[str | None, bool]:
    """The state a title with a name names, and whether it is written (not taken from another person):
    after the title, after the name ("Menteri Luar Negeri Penny Wong dari Australia"), or that of the
    other holder of the same post ("Wakil Perdana Menteri lainnya, X")."""
    assert match.name is not None
    state, explicit = match.state, match.state is not None or match.organization is not None
    if state is None:
        after = _FROM_STATE.match(text, match.name_end)
        found = (
            surface_at(text, after.end(), sentences[match.mention.sentence].end, resources) if after else None
        )
        if found is not None and found[0].kind in {"state", "capital"}:
            state, explicit = found[0].key, True
    if state is None and _ANOTHER.search(text, match.mention.start, match.name_start):
        same = [p for p in people if p.role == match.title.id and p.state is not None]
        if same:
            state, explicit = same[-1].state, same[-1].explicit
    return state, explicit


def _people(
    text: str,
    sentences: tuple[Sentence, ...],
    mentions: Mentions,
    default_state: str | None,
    resources: Resources,
) -> tuple[list[_Person], dict[int, int]]:
    people: list[_Person] = []
    owner: dict[int, int] = {}  # title match index -> person index
    context = _ContextStates(text, sentences, mentions)
    names = _Names(people)
    envoy_posts: dict[str, str] = {}  # an envoy's role -> the state of its last post named without a holder
    for i, match in enumerate(mentions.titles):
        if match.name is None:
            if match.title.scope == "envoy" and match.state is not None:
                envoy_posts[match.title.id] = match.state  # "mengusir duta besar Turki"
            continue
        state, explicit = _state_named(text, sentences, match, people, resources)
        if state is None and match.organization is None and match.title.id in envoy_posts:
            state = envoy_posts[match.title.id]  # ... "Dubes Ahmet Yilmaz": the envoy of that post
        if state is None and match.organization is None:
            state = context.state(match.mention.sentence, default_state, match.mention.start)
        index = _person_named(people, match, state if explicit else None, names)
        if index is None:
            people.append(
                _Person(
                    match.name,
                    match.title.id,
                    match.title,
                    state,
                    match.organization,
                    match.accredited_to,
                    [],
                    explicit,
                )
            )
            index = len(people) - 1
            names.file(index)
        person = people[index]
        if len(match.name.split()) > len(person.name.split()) and _short_form_of(person.name, match.name):
            person.name = match.name  # "Presiden Jokowi" ... "Joko Widodo": the fullest form names him
            names.file(index)
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
    for person in people:  # a name made fuller later: every mention carries the person's final key
        person.mentions = [replace(m, key=slug(person.name)) for m in person.mentions]
    return people, owner


def _blend(short: str, words: list[str]) -> bool:
    """Whether ``short`` is the starts of two or more ``words`` run together, each of two letters or
    more, from the first word on: "jokowi" from "joko widodo" (jo-ko + wi)."""
    if not words:
        return not short
    first = words[0]
    return any(
        short.startswith(first[:k]) and _blend(short[k:], words[1:]) if len(words) > 1 else short == first[:k]
        for k in range(min(len(first), len(short)), 1, -1)
    )


def fold_spelling(name: str) -> str:
    """A name in lower case with the old (pre-1972) spelling folded: "Djoko Soeharto" -> "joko suharto"."""
    low = name.lower()
    for old, new in _OLD_SPELLING:
        low = low.replace(old, new)
    return low


_OLD_SPELLING = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("sj", "sy"), ("nj", "ny"))


def _short_form_of(a: str, b: str) -> bool:
    """Whether one of two names is a one-word short form of the other: its initials ("SBY" for Susilo
    Bambang Yudhoyono) or the starts of its words run together ("Jokowi" for Joko or Djoko Widodo)."""
    short, full = (a, b) if len(a.split()) < len(b.split()) else (b, a)
    words = [w for w in fold_spelling(full).split() if w[:1].isalpha()]
    if " " in short or len(words) < 2 or len(short) < 3:
        return False
    if short.isupper() and len(short) == len(words):
        return short.lower() == "".join(w[0] for w in words)
    low = fold_spelling(short)
    return low not in words and any(_blend(low, words[: n + 1]) for n in range(1, len(words)))


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
        if found is None and trigger.event == "Protest":  # "mengecam keras serangan Israel": its owner
            owner = _OWNED_OBJECT.match(text, verb.end(), end)
            found = surface_at(text, owner.end(), end, resources) if owner else None
        if found is not None and found[0].kind in {"state", "capital"}:
            return found[0].key
    return None


_OWNED_OBJECT = re.compile(
    r"\s+(?:keras\s+)?(?:(?:serangan|tindakan|agresi|kebijakan|langkah|keputusan|sikap|pernyataan|klaim"
    r"|operasi|pelanggaran|invasi|pendudukan|blokade|latihan|uji\s+coba|peluncuran|penangkapan|penahanan)"
    r"(?:\s+(?:militer|udara|brutal|terbaru|sepihak|rudal|nuklir))?\s+(?:oleh\s+)?)",
    re.IGNORECASE,
)
"""The object of a protest that names whose act it is right after it: "mengecam keras serangan militer
Israel", "memprotes klaim China", "mengecam tindakan oleh Israel"."""


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
    ends = [sorted(m.end for m in p.mentions) for p in people]  # where each person's mentions end
    for sentence in sentences:
        for match in _CAPWORD.finditer(text, sentence.start, sentence.end):
            word = match.group(0)
            bearers = sorted(bearing.get(word, ()))
            if not bearers or word.lower() in NAME_STOP or match.start() in covered:
                continue
            if surface_at(text, match.start(), sentence.end, resources):
                continue  # "Israel" is the state, not Israel Katz
            before = [  # the bearers named before, with where they were last named
                (ends[k][n - 1], k) for k in bearers if (n := bisect_right(ends[k], match.start()))
            ]
            k = max(before)[1] if before else bearers[0]
            start = match.start()
            particle = ends_with(_NAME_PARTICLE, text, sentence.start, start, _LONGEST_PARTICLE)
            if particle is not None and f"{particle.group(1)} {word}" in people[k].name:
                start = particle.start(1)  # "Di Maio", not the preposition "di" before "Maio"
            mention = Mention(
                start, match.end(), "person", slug(people[k].name), "coref:name", sentence.index
            )
            found.append((mention, k))
    return found


_NAME_PARTICLE = re.compile(r"(?<![\w-])(Di|De|Da|Del|Della|Dos|Das|Van|Von|Le|La)\s+$")
_LONGEST_PARTICLE = 5  # "Della": where _NAME_PARTICLE can start, before the spaces before the name


_SUBJECT_LEAD = re.compile(r"(?:(?:[A-Z][\w'’.-]*|untuk)\s+)*")


def _leads(text: str, start: int, pos: int, lead_end: int) -> bool:
    """``_SUBJECT_LEAD.fullmatch(text, start, pos)``: only capitalized words (or "untuk") before ``pos``
    in its sentence, from where they end at the sentence start (``lead_end``, read once per sentence;
    read again for each name, a sentence of capitalized words was quadratic). The words are runs of
    letters and white space, so the run reaches ``pos`` when ``pos`` follows white space within it."""
    return pos == start or (pos <= lead_end and text[pos - 1].isspace())


def _speakers(
    text: str, sentences: tuple[Sentence, ...], person_mentions: list[tuple[Mention, int]]
) -> list[int]:
    """Positions (by mention order) of person mentions that are followed by a speech verb in their sentence,
    or that open their sentence (after their title only): the persons a later "ia" can be."""
    spoke: list[int] = []
    leads: dict[int, int] = {}  # sentence -> where the capitalized words at its start end

    def lead_end(n: int) -> int:
        if n not in leads:
            leads[n] = _SUBJECT_LEAD.match(text, sentences[n].start, sentences[n].end).end()  # type: ignore[union-attr]
        return leads[n]

    verbs: dict[int, tuple[int, int]] = {}  # sentence -> (end of its first speech verb, start of its last)
    for i, (m, _) in enumerate(person_mentions):
        sentence = sentences[m.sentence]
        if m.sentence not in verbs:
            found = [(v.start(), v.end()) for v in _SPEECH.finditer(text, sentence.start, sentence.end)]
            verbs[m.sentence] = (found[0][1], found[-1][0]) if found else (sentence.end + 1, -1)
        first_end, last_start = verbs[m.sentence]
        if (
            last_start >= m.end  # a verb after the name
            or first_end <= m.start  # a verb before it
            or _SPEECH.search(text, max(sentence.start, m.start - _LONGEST_SPEECH), m.start)  # cut by it
        ):
            spoke.append(i)
        elif _leads(text, sentence.start, m.start, lead_end(m.sentence)):
            spoke.append(i)  # the subject of its sentence ("Presiden Erdogan melontarkan kecaman. Ia ...")
    return spoke


def _pronouns(
    text: str,
    sentences: tuple[Sentence, ...],
    pronouns: tuple[Mention, ...],
    person_mentions: list[tuple[Mention, int]],
) -> list[tuple[Mention, int]]:
    speakers = _speakers(text, sentences, person_mentions)
    spoke = LastBefore([(person_mentions[i][0].end, i) for i in speakers])
    named = LastBefore([(m.end, i) for i, (m, _) in enumerate(person_mentions)])
    found: list[tuple[Mention, int]] = []
    for pronoun in pronouns:
        last = spoke.before(pronoun.start)
        if last is None:
            last = named.before(pronoun.start)
        if last is not None:
            found.append((pronoun, person_mentions[last][1]))
    return found
