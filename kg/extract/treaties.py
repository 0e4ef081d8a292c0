"""Stage 5a: treaties and agreements — which ones the article speaks of, and what it says of each.

In: sentences, agent references (:mod:`kg.extract.entities`), places, dates. Out: :class:`kg.model.Treaty`
records. Each treaty noun phrase ("perjanjian terbaru yang ditandatangani Moskow dan Pyongyang",
"Perjanjian tersebut", "perjanjian pertahanan bersama antara Rusia dan Korut dibatalkan pada 1996") is read
for its kind, parties ("antara A dan B", "ditandatangani A dan B", "A dan B menandatangani"), signatories,
signing date and place, end, status and named articles ("Pasal 4"); then the mentions are grouped: an
anaphor ("tersebut", "itu") is the treaty in focus, mentions with the same parties and no conflicting
dates are one treaty, and an earlier treaty between the same parties that the same sentence sets against
the later one is its predecessor.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass, field

from kg.extract import clauses
from kg.extract.entities import Agent, Entities, slug
from kg.model import DateValue, Mention, Sentence, Treaty

_ANAPHOR = frozenset({"tersebut", "itu", "ini"})
_NOT_KIND = frozenset(
    [
        "yang",
        "antara",
        "dengan",
        "tersebut",
        "itu",
        "ini",
        "untuk",
        "pada",
        "di",
        "dalam",
        "dan",
        "oleh",
        "ke",
        "dari",
        "sebagai",
        "terbaru",
        "baru",
        "lama",
        "sebelumnya",
        "terakhir",
        "bersejarah",
        "kedua",
        "negara",
        "atas",
        "tentang",
        "mengenai",
        "soal",
        "terkait",
    ]
)
_SIGN = re.compile(
    r"(?<![\w-])(?:ditandatangani|diteken|menandatangani|meneken|disepakati|menyepakati|dibuat|dicapai"
    r"|membubuhkan\s+tanda\s+tangan(?:nya)?\s+(?:pada|di))(?![\w-])",
    re.IGNORECASE,
)
_OBJECT_GAP = re.compile(
    r"\s*(?:(?:dua|tiga|empat|sebuah|suatu|beberapa|sejumlah|naskah|rancangan|kedua)\s+)*", re.IGNORECASE
)
_PARTNER = re.compile(r"(?:\s+(?!dengan\b|me|di|oleh\b|untuk\b|pada\b)[a-z]+){0,4}?\s+dengan\s+")
"""The partner after a signed instrument's modifiers: "menandatangani deklarasi yang lebih ringkas dengan B"."""
_SCOPE = re.compile(r"\s+(?:bilateral|trilateral|multilateral|regional)(?=\s+[A-Z])", re.IGNORECASE)
_LATE_BY = re.compile(r"\s+(?:di|pada)\s+[^,.;]{1,40}?\s+oleh\s+")
_PARTIES = re.compile(r"\s(?:di\s+)?(?:antara|dengan)\s+", re.IGNORECASE)
_PHRASE_YEAR = re.compile(r"(?<![\w-])(?:tahun\s+)?((?:19|20)\d\d)(?![\w-])(?!\s*-)")
_YEAR_AFTER = re.compile(r"\s+(?:tahun\s+)?((?:19|20)\d\d)\b")
_SUSPEND = re.compile(r"(?<![\w-])(?:menangguhkan|ditangguhkan|membekukan|dibekukan)(?![\w-])", re.IGNORECASE)
_RATIFY = re.compile(r"(?<![\w-])(?:meratifikasi|diratifikasi)(?![\w-])", re.IGNORECASE)
_MODAL = clauses.MODAL
_NEGATION = clauses.NEGATION
_ARTICLE = re.compile(r"(?<![\w-])Pasal\s+(?P<num>\d+[A-Za-z]?)\s+", re.IGNORECASE)
_PROVISION_LEAD = re.compile(r"\s*(?:dianggap|disebut|dinilai|yang|juga)?\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DatedSentence:
    """A sentence's date expressions, resolved: ``(start, end, value)``."""

    dates: tuple[tuple[int, int, DateValue], ...]


@dataclass(slots=True)
class _Cluster:
    mentions: list[Mention]
    noun: str
    kind: str
    name: str = ""
    parties: set[str] = field(default_factory=set)
    signatories: set[str] = field(default_factory=set)
    signed: DateValue | None = None
    place: str | None = None
    ended: DateValue | None = None
    status: str = "mentioned"
    articles: list[tuple[str, str, Mention]] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    predecessor: int | None = None
    alias: str = ""


@dataclass(slots=True)
class _Reading:
    mention: Mention
    noun: str
    kind: str
    anaphoric: bool
    parties: set[str] = field(default_factory=set)
    signatories: set[str] = field(default_factory=set)
    signed: DateValue | None = None
    place: str | None = None
    ended: DateValue | None = None
    status: str = "mentioned"
    article: tuple[str, str, Mention] | None = None
    name: str = ""
    alias: str = ""


def _party_refs(agents: list[Agent], entities: Entities, reading: _Reading) -> None:
    officials = {o.key: o for o in entities.officials}
    for agent in agents:
        kind, key = agent.ref
        if kind == "state":
            reading.parties.add(key)
        elif kind == "official" and key in officials:
            reading.signatories.add(key)
            state = officials[key].state
            if state is not None:
                reading.parties.add(state)
        elif kind == "post":
            reading.parties.add(key.split("/")[0])
        elif kind == "org":  # a state's parliament or ministry acts for the state
            org = next((o for o in entities.organizations if o.key == key), None)
            if org is not None and org.state is not None:
                reading.parties.add(org.state)


def _kind(text: str, pos: int, end: int, kinds: dict[str, str]) -> tuple[str, int]:
    """The longest known kind right after a treaty noun ("pertahanan bersama", "Pertahanan Bersama")."""
    words = list(re.finditer(r"[\w-]+", text[pos:end]))
    taken: list[tuple[str, int]] = []
    for w in words[:4]:
        if text[pos + w.start() - 1 : pos + w.start()] not in {" ", ""} or w.group(0).lower() in _NOT_KIND:
            break
        taken.append((w.group(0).lower(), pos + w.end()))
    while taken and " ".join(t[0] for t in taken) not in kinds:
        taken.pop()
    if not taken:
        return "", pos
    return " ".join(t[0] for t in taken), taken[-1][1]


def _first_date(dates: DatedSentence, pos: int, end: int) -> DateValue | None:
    return next((v for s, _, v in dates.dates if pos <= s < end), None)


_FRONTED = re.compile(r"\s*(?:Pada|Tanggal|Sejak)\s+$", re.IGNORECASE)


def _fronted_date(text: str, dates: DatedSentence, sentence: Sentence, verb: int) -> DateValue | None:
    """A date put first in the sentence, before its subject: "Pada 23 Maret 2015, A dan B menandatangani"."""
    first = next((d for d in dates.dates if d[0] < verb), None)
    if first is None or not _FRONTED.fullmatch(text, sentence.start, first[0]):
        return None
    return first[2]


def _place_after(entities: Entities, pos: int, end: int) -> str | None:
    found = [(m.start, p.key) for p in entities.places for m in p.mentions if pos <= m.start < end]
    return min(found)[1] if found else None


def _joins(between: str) -> bool:
    """Whether a signing verb after a noun phrase still belongs to it: no comma, or only an apposition
    comma right before "yang"/the verb ("Traktat Lombok, yang diteken", "traktat tentang ..., diteken")."""
    if "," not in between:
        return True
    tail = between[between.rfind(",") + 1 :]
    return bool(re.fullmatch(r"\s*(?:yang\s+)?(?:telah\s+|sudah\s+)?", tail))


def _signing(
    text: str,
    r: _Reading,
    sentence: Sentence,
    agents: list[Agent],
    entities: Entities,
    dates: DatedSentence,
    phrase_end: int,
) -> None:
    """Fill parties, signatories, date, place and status from the signing verb around the noun."""
    after = _SIGN.search(text, r.mention.end, min(sentence.end, phrase_end + 80))
    before = None
    for m in _SIGN.finditer(text, sentence.start, r.mention.start):
        if _OBJECT_GAP.fullmatch(text, m.end(), r.mention.start):
            before = m
    verb = after if after is not None and _joins(text[r.mention.end : after.start()]) else before
    if verb is None:
        return
    lead = text[sentence.start : verb.start()]
    if _NEGATION.search(lead):
        return
    if verb is after:
        by = re.compile(r"\s+oleh\s+").match(text, verb.end(), sentence.end)
        start = by.end() if by else verb.end()
        _party_refs(clauses.agents_after(text, agents, start, sentence.end, with_dengan=True), entities, r)
        late = _LATE_BY.match(text, verb.end(), sentence.end) if by is None and not r.parties else None
        if late is not None:  # "disepakati di Wina pada 14 Juli 2015 oleh Iran dan ...": states only
            found = [
                a for a in clauses.agents_after(text, agents, late.end(), sentence.end) if a.ref[0] != "org"
            ]
            if len(found) > 1 and all(a.ref[0] == "state" for a in found):
                _party_refs(found, entities, r)
    else:
        _party_refs(clauses.subject_before(text, agents, verb.start(), sentence), entities, r)
        partner = _PARTNER.match(text, phrase_end, sentence.end)  # "A menandatangani N ... dengan B"
        if r.parties and partner is not None:
            _party_refs(clauses.agents_after(text, agents, partner.end(), sentence.end), entities, r)
    if _MODAL.search(lead):
        r.status = "planned"
        return
    r.status = "signed"
    r.signed = _first_date(dates, verb.end(), sentence.end) or _fronted_date(
        text, dates, sentence, verb.start()
    )
    r.place = _place_after(entities, verb.end(), sentence.end)


def _treaty_name(text: str, pos: int, end: int) -> tuple[str, int]:
    """A proper name right after the noun or kind: "perjanjian New START", "Traktat Versailles"."""
    match = re.compile(r"\s+([A-Z][\w-]*(?:(?:\s+|,\s+|,?\s+dan\s+)[A-Z][\w-]*){0,7})").match(text, pos, end)
    if match is None:
        return "", pos
    return match.group(1), match.end()


def _read_phrase(
    text: str,
    match: re.Match[str],
    sentence: Sentence,
    agents: list[Agent],
    entities: Entities,
    dates: DatedSentence,
    nouns: dict[str, str],
    kinds: dict[str, str],
) -> _Reading:
    noun = re.sub(r"\s+", " ", match.group(0))
    noun_key = noun if noun in nouns else noun.lower()
    kind, pos = _kind(text, match.end(), sentence.end, kinds)
    name, named_end = _treaty_name(text, match.end(), sentence.end)
    if name and not any(a.mention.start < named_end and match.end() <= a.mention.start for a in agents):
        pos = named_end  # "Perjanjian Persahabatan, Kerja Sama, dan Bantuan Timbal Balik": a name
    else:
        scope = _SCOPE.match(text, pos, sentence.end)  # "pakta keamanan trilateral AUKUS"
        pos = scope.end() if scope else pos
        name, named_end = _treaty_name(text, pos, sentence.end)
        if name and not any(a.mention.start < named_end and pos <= a.mention.start for a in agents):
            pos = named_end
        else:
            name = ""
    alias = _ALIAS.match(text, pos, sentence.end)  # "Rencana Aksi Komprehensif Bersama (JCPOA)"
    pos = alias.end() if alias else pos
    year = _YEAR_AFTER.match(text, pos, sentence.end)
    if year is not None:
        pos = year.end()
    tail = text[pos : sentence.end]
    next_word = re.match(r"\s*([\w-]+)", tail)
    anaphoric = next_word is not None and next_word.group(1).lower() in _ANAPHOR
    mention = Mention(match.start(), pos, "treaty", noun_key, "treaties.toml#nouns", sentence.index)
    r = _Reading(mention, noun_key, kind, anaphoric, name=name, alias=alias.group(1) if alias else "")
    _parties_in_phrase(text, r, sentence, agents, entities, match.start(), pos)
    _signing(text, r, sentence, agents, entities, dates, pos)
    if year is None:
        year = _PHRASE_YEAR.search(text, pos, clauses.clause_end(text, pos, min(sentence.end, pos + 60)))
        if year is not None and any(s <= year.start() < e and len(v.iso) > 4 for s, e, v in dates.dates):
            year = None  # the year of a full date ("meratifikasi perjanjian itu pada 24 Oktober 2024")
    if r.signed is None and year is not None:
        r.signed = DateValue(year.group(1))
    if not r.parties and not anaphoric:
        group = [
            a for a in clauses.subject_before(text, agents, match.start(), sentence) if a.ref[0] == "state"
        ]
        if len(group) > 1:
            _party_refs(group, entities, r)
    _ending(text, r, sentence, dates, pos)
    return r


def _parties_in_phrase(
    text: str, r: _Reading, sentence: Sentence, agents: list[Agent], entities: Entities, start: int, pos: int
) -> None:
    """Parties named in the noun phrase: "antara A dan B", "dengan B" (and the subject), "A-B"."""
    comma = text.find(",", pos, min(sentence.end, pos + 90))
    stop = comma if comma != -1 else min(sentence.end, pos + 90)
    relative = re.compile(r"\s(?:yang|dan\s+yang)\s").search(text, pos, stop)
    between = _PARTIES.search(text, pos - 1, stop)
    if between is not None and relative is not None and between.start() > relative.start():
        between = between if between.group(0).strip().lower().endswith("antara") else None
    stop = relative.start() if relative else stop
    if between is not None:
        found = clauses.agents_after(text, agents, between.end(), sentence.end)
        _party_refs(found, entities, r)
        if between.group(0).strip().lower() == "dengan" and found:
            _party_refs(clauses.subject_before(text, agents, start, sentence), entities, r)
    window = [
        a for a in agents if start <= a.mention.start and a.mention.end <= stop + 30 and a.ref[0] == "state"
    ]
    for left, right in itertools.pairwise(window):
        if text[left.mention.end : right.mention.start] == "-":
            _party_refs([left, right], entities, r)


_END_AFTER = re.compile(
    r"(?<![\w-])(?:dibatalkan|diakhiri|berakhir|dihentikan|batal)(?![\w-])", re.IGNORECASE
)
_WITHDRAW = re.compile(r"(?<![\w-])(?:menarik\s+diri|keluar|mundur)\s+dari(?![\w-])", re.IGNORECASE)
_END_BEFORE = re.compile(r"(?<![\w-])(?:membatalkan|mengakhiri|menghentikan)(?![\w-])", re.IGNORECASE)


def _ending(text: str, r: _Reading, sentence: Sentence, dates: DatedSentence, pos: int) -> None:
    """Annulled ("perjanjian ... dibatalkan pada 1996", "membatalkan perjanjian"), suspended or ratified."""
    end = _END_AFTER.search(text, pos, sentence.end)
    if end is not None and not _joins(text[pos : end.start()]):
        end = None
    if end is None:
        end = next(
            (m for m in _END_BEFORE.finditer(text, sentence.start, r.mention.start)
             if _OBJECT_GAP.fullmatch(text, m.end(), r.mention.start)),
            None,
        )  # fmt: skip
    lead = text[sentence.start : end.start()] if end is not None else ""
    if end is not None and not _NEGATION.search(lead) and not _MODAL.search(lead):
        r.ended = _first_date(dates, end.end(), sentence.end)
        r.status = "annulled"
    elif any(
        _OBJECT_GAP.fullmatch(text, m.end(), r.mention.start)
        for m in _WITHDRAW.finditer(text, sentence.start, r.mention.start)
    ):
        r.status = "withdrawn"
    elif _done(text, sentence, _SUSPEND.search(text, sentence.start, sentence.end)):
        r.status = "suspended"
    elif (
        _done(text, sentence, _RATIFY.search(text, sentence.start, sentence.end)) and r.status == "mentioned"
    ):
        r.status = "ratified"


_CONDITION = re.compile(
    r"(?<![\w-])(?:setelah|jika|bila|apabila|sebelum|begitu|mengancam)\s+(?:akan\s+)?$", re.IGNORECASE
)


def _done(text: str, sentence: Sentence, verb: re.Match[str] | None) -> bool:
    """Whether a suspension or ratification verb reports an act done: not threatened, planned, denied or
    set as a condition ("mengancam akan menangguhkan", "tidak dapat ditangguhkan", "setelah
    diratifikasi")."""
    if verb is None:
        return False
    lead = text[sentence.start : verb.start()]
    return not (_MODAL.search(lead) or _NEGATION.search(lead) or _CONDITION.search(lead))


def _article(
    text: str, match: re.Match[str], treaty_re: re.Pattern[str], sentence: Sentence, kinds: dict[str, str]
) -> tuple[str, str, Mention, int] | None:
    noun = treaty_re.match(text, match.end(), sentence.end)
    pos = match.end()
    if noun is not None:
        _, pos = _kind(text, noun.end(), sentence.end, kinds)
        anaphor = re.compile(r"\s+(?:tersebut|itu|ini)\b").match(text, pos, sentence.end)
        pos = anaphor.end() if anaphor else pos
    lead = _PROVISION_LEAD.match(text, pos, sentence.end)
    start = lead.end() if lead else pos
    comma = text.find(",", start, sentence.end)
    start, end = clauses.strip_span(text, start, comma if comma != -1 else sentence.end)
    if end <= start:
        return None
    provision = Mention(start, end, "clause", match.group("num"), "pattern:treaty-article", sentence.index)
    return match.group("num"), text[start:end], provision, noun.start() if noun else -1


def _compatible(c: _Cluster, r: _Reading) -> bool:
    if not r.parties or c.parties != r.parties:
        return False
    if c.kind and r.kind and c.kind != r.kind:
        return False
    if c.name and r.name and c.name != r.name:
        return False
    if {c.status, r.status} == {"planned", "signed"} or (r.status == "planned" and c.signed is not None):
        return False
    if c.signed and r.signed and not _agree(c.signed, r.signed):
        return False
    for ended, signed in ((r.ended, c.signed), (c.ended, r.signed)):
        if ended and signed and ended.iso[:4] < signed.iso[:4]:
            return False
    return True


def _agree(a: DateValue, b: DateValue) -> bool:
    """Whether two dates can be the same day: "2024" and "2024-06-19" can, "2024-06" and "2024-07" not."""
    return a.iso.startswith(b.iso) or b.iso.startswith(a.iso)


def _finer(a: DateValue | None, b: DateValue | None) -> DateValue | None:
    """The more precise of two dates that agree; else the first one known."""
    if a is None or (b is not None and len(b.iso) > len(a.iso) and b.iso.startswith(a.iso)):
        return b
    return a


def _merge(c: _Cluster, r: _Reading) -> None:
    c.mentions.append(r.mention)
    c.noun = c.noun or r.noun  # a cluster begun by a name alone takes the first noun met
    c.kind = c.kind or r.kind
    c.name = c.name or r.name
    c.alias = c.alias or r.alias
    c.parties |= r.parties
    c.signatories |= r.signatories
    c.signed = _finer(c.signed, r.signed)
    c.place = c.place or r.place
    c.ended = c.ended or r.ended
    if r.status != "mentioned" and c.status in {"mentioned", "planned"}:
        c.status = r.status
    c.sentences.add(r.mention.sentence)


_SPECIFIC_NOUNS = frozenset(
    {
        "memorandum of understanding",
        "declaration",
        "joint declaration",
        "protocol",
        "convention",
        "joint understanding",
    }
)


def _same_instrument(c: _Cluster, r: _Reading, nouns: dict[str, str]) -> bool:
    """A memorandum, declaration, protocol or convention is not the same instrument as a treaty."""
    a, b = nouns.get(c.noun, c.noun), nouns.get(r.noun, r.noun)
    return a == b or not ({a, b} & _SPECIFIC_NOUNS)


def _compatible_named(c: _Cluster, r: _Reading) -> bool:
    """A reading with the name of a cluster is that treaty unless its parties say otherwise."""
    return not (r.parties and c.parties and r.parties != c.parties)


def _apposition(text: str, previous: _Reading, r: _Reading) -> bool:
    """A treaty phrase set right after another with only a comma between: the same instrument renamed."""
    return (
        previous.mention.sentence == r.mention.sentence
        and not r.anaphoric
        and text[previous.mention.end : r.mention.start] == ", "
    )


def _apart(c: _Cluster, r: _Reading) -> bool:
    """A second full noun phrase in a sentence that already names the treaty is another treaty: "A dan B
    menandatangani perjanjian pertukaran informasi, langkah pertama dalam pakta keamanan AUKUS"."""
    return r.mention.sentence not in c.sentences


def _cluster(
    text: str, readings: list[_Reading], nouns: dict[str, str], anaphors: frozenset[str]
) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    focal: _Cluster | None = None
    previous: tuple[_Reading, _Cluster] | None = None
    for r in readings:
        target = None
        if r.anaphoric:  # "Deklarasi tersebut": the latest declaration; "Kesepakatan itu": the one in focus
            same = [c for c in clusters if nouns.get(c.noun, c.noun) == nouns.get(r.noun, r.noun)]
            target = same[-1] if same and nouns.get(r.noun, r.noun) in _SPECIFIC_NOUNS else focal
        if r.noun in anaphors and target is None:  # "dokumen itu" with no treaty before it
            continue
        if target is None and previous is not None and _apposition(text, previous[0], r):
            target = previous[1]  # "Rencana Aksi Bersama, kesepakatan sementara yang ...": one instrument
        if target is None and r.name:  # "Pakta AUKUS" after "pakta keamanan trilateral AUKUS"
            target = next(
                (c for c in reversed(clusters) if r.name in (c.name, c.alias) and _compatible_named(c, r)),
                None,
            )
        if target is None:
            target = next(
                (
                    c
                    for c in reversed(clusters)
                    if _compatible(c, r) and _same_instrument(c, r, nouns) and _apart(c, r)
                ),
                None,
            )
        loose = (
            not r.parties
            and not r.ended
            and r.status == "mentioned"
            and r.kind in ("", focal.kind if focal else "")
        )
        if (
            target is None
            and loose
            and focal is not None
            and _same_instrument(focal, r, nouns)
            and _apart(focal, r)
            and not (r.name and focal.name and r.name != focal.name)
        ):
            target = focal
        if target is None:
            target = _Cluster([], r.noun, r.kind)
            clusters.append(target)
        _merge(target, r)
        if r.article is not None:
            target.articles.append(r.article)
        focal = target if not r.ended or focal is None else focal
        previous = (r, target)
    return clusters


_ACRONYM = r"[A-Z][A-Z0-9]{2,}(?:-[A-Z0-9]+)?"
_SHORT_NAME = rf"(?:[A-Z][a-z]+\s+)?{_ACRONYM}"
"""A treaty's short name: an acronym, perhaps after one capitalized word ("AUKUS", "New START")."""
_ALIAS = re.compile(rf"\s*\(({_ACRONYM})\)")


_NAME_BEFORE = re.compile(rf"(?<![\w-])({_SHORT_NAME}),\s+$")


def _with_names(
    text: str,
    sentences: tuple[Sentence, ...],
    entities: Entities,
    dated: dict[int, DatedSentence],
    readings: list[_Reading],
    org_spans: list[tuple[int, int]],
    nouns: dict[str, str],
    kinds: dict[str, str],
) -> list[_Reading]:
    """Readings for a treaty's short name where it stands alone ("New START ditandatangani Obama dan
    Medvedev di Praha pada 8 April 2010"), named by apposition before its noun ("New START, perjanjian
    ..."), in parentheses after it ("... Bersama (JCPOA)") or right after it ("pakta keamanan AUKUS")."""
    names: set[str] = set()
    for r in readings:
        sentence = sentences[r.mention.sentence]
        before = _NAME_BEFORE.search(text, sentence.start, r.mention.start) if not r.anaphoric else None
        if before is not None and not any(
            before.start(1) <= a.mention.start < before.end(1) for a in entities.agents
        ):
            r.alias = r.alias or before.group(1)
        names |= {n for n in (r.alias, r.name) if re.fullmatch(_SHORT_NAME, n)}
    if not names:
        return readings
    taken = org_spans + [(r.mention.start, r.mention.end) for r in readings]
    more: list[_Reading] = []
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        + r")(?![\w-])"
    )
    for sentence in sentences:
        agents = clauses.sentence_agents(entities.agents, sentence)
        for match in pattern.finditer(text, sentence.start, sentence.end):
            if any(s <= match.start() < e for s, e in taken):
                continue
            r = _read_phrase(text, match, sentence, agents, entities, dated[sentence.index], nouns, kinds)
            r.noun, r.name, r.alias, r.anaphoric = "", match.group(0), "", False
            more.append(r)
    return sorted(readings + more, key=lambda r: r.mention.start)


_NAMED_ONLY = "perjanjian"  # the noun of a treaty the article names only by its name: "treaty"


def _link_predecessors(clusters: list[_Cluster]) -> None:
    for i, later in enumerate(clusters):
        if later.signed is None:
            continue
        for j, earlier in enumerate(clusters):
            end = earlier.ended or earlier.signed
            if (
                i == j
                or end is None
                or earlier.parties != later.parties
                or not (later.sentences & earlier.sentences)
            ):
                continue
            if end.iso[:4] <= later.signed.iso[:4] and earlier.signed != later.signed:
                later.predecessor = j


def _key(c: _Cluster, nouns: dict[str, str], kinds: dict[str, str]) -> str:
    parties = "-".join(sorted(c.parties))
    if c.signed is not None:
        return f"{parties}/{c.signed.iso}"
    parts = [slug(c.name) if c.name else slug(kinds[c.kind]) if c.kind else slug(nouns.get(c.noun, c.noun))]
    if c.ended is not None:
        parts.append(f"ended-{c.ended.iso}")
    if len(parts) == 1:
        parts.append(hashlib.sha256(c.status.encode()).hexdigest()[:8])
    return f"{parties}/{'-'.join(parts)}"


def find_treaties(
    text: str,
    sentences: tuple[Sentence, ...],
    entities: Entities,
    dated: dict[int, DatedSentence],
    treaty_re: re.Pattern[str],
    nouns: dict[str, str],
    kinds: dict[str, str],
    anaphors: frozenset[str] = frozenset(),
) -> tuple[Treaty, ...]:
    """Find the treaties of an article; only those with at least two known parties are returned.
    A noun of ``anaphors`` ("dokumen") is read only as "dokumen itu": the treaty in focus, if any."""
    readings: list[_Reading] = []
    org_spans = [(m.start, m.end) for o in entities.organizations for m in o.mentions]
    for sentence in sentences:
        agents = clauses.sentence_agents(entities.agents, sentence)
        dates = dated[sentence.index]
        pending: dict[int, tuple[str, str, Mention]] = {}
        for match in _ARTICLE.finditer(text, sentence.start, sentence.end):
            found = _article(text, match, treaty_re, sentence, kinds)
            if found is not None:
                pending[found[3]] = found[:3]
        for match in treaty_re.finditer(text, sentence.start, sentence.end):
            if any(s <= match.start() < e for s, e in org_spans):
                continue  # "Pakta Pertahanan Atlantik Utara" is NATO, an organization
            r = _read_phrase(text, match, sentence, agents, entities, dates, nouns, kinds)
            if r.noun in anaphors and not r.anaphoric:
                continue
            r.article = pending.pop(match.start(), None)
            readings.append(r)
        if readings and pending:
            readings[-1].article = readings[-1].article or next(iter(pending.values()))
    readings = _with_names(text, sentences, entities, dated, readings, org_spans, nouns, kinds)
    clusters = _cluster(text, readings, nouns, anaphors)
    _link_predecessors(clusters)
    keys = [_key(c, nouns, kinds) for c in clusters]
    treaties = []
    for c in clusters:
        if len(c.parties) < 2:
            continue
        pred = (
            keys[c.predecessor]
            if c.predecessor is not None and len(clusters[c.predecessor].parties) > 1
            else None
        )
        treaties.append(
            Treaty(
                keys[clusters.index(c)],
                c.noun or _NAMED_ONLY,
                c.kind,
                c.name,
                tuple(sorted(c.parties)),
                tuple(sorted(c.signatories)),
                c.signed,
                c.place,
                c.ended,
                c.status,
                tuple(c.articles),
                pred,
                tuple(sorted(c.mentions, key=lambda m: m.start)),
            )
        )
    return tuple(treaties)
