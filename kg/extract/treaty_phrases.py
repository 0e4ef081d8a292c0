"""Stage 5a, one treaty phrase: what a sentence says of the treaty its noun phrase names.

Each treaty noun phrase ("perjanjian terbaru yang ditandatangani Moskow dan Pyongyang", "Perjanjian
tersebut", "perjanjian pertahanan bersama antara Rusia dan Korut dibatalkan pada 1996") is read into a
``_Reading``: its kind, parties ("antara A dan B", "ditandatangani A dan B", "A dan B menandatangani"),
signatories, signing date and place, end, status, name and named articles ("Pasal 4").
:mod:`kg.extract.treaties` groups the readings into treaties.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from kg.extract import clauses
from kg.extract.entities import Agent, Entities
from kg.extract.spans import Covering, ends_with
from kg.model import DatedSentence, DateValue, Mention, Sentence

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
    r"(?<![\w-])(?:ditandatangani|diteken|menandatangani|meneken|disepakati|menyepakati|dibuat|dicapai|mencapai"
    r"|menjalin"
    r"|penandatanganan|membubuhkan\s+tanda\s+tangan(?:nya)?\s+(?:pada|di))(?![\w-])",
    re.IGNORECASE,
)
_OBJECT_GAP = re.compile(
    r"\s*[\"“]?(?:(?:\d+|dua|tiga|empat|sebuah|suatu|beberapa|sejumlah|naskah|rancangan|kedua)\s+)*[\"“]?"
    r"(?:[A-Z][\w]*(?:-[A-Z][\w]*)+\s+)?"  # "menandatangani Indonesia-Chile CEPA": the parties first
    r"(?-i:(?:[A-Z][a-z]+\s+){0,5})",  # "menandatangani Reciprocal Access Agreement": an English name first
    re.IGNORECASE,
)
_DECLARE = re.compile(
    r"(?<![\w-])(?:mengumumkan|mengeluarkan|mengadopsi|mencetuskan)(?![\w-])", re.IGNORECASE
)
"""Verbs by which states make a declaration (for declarations only: "mengumumkan perjanjian" is news of
one, not its making)."""
_SIGNING_NOUNS = frozenset({"penandatanganan"})
"""Anaphors (treaties.toml) that name the signing of the treaty in focus: "Penandatanganan tersebut
dilaksanakan oleh A dan B di Manila, Jumat" dates, places and signs it."""
_BY = re.compile(r"[^.;]*?\s(?:oleh|antara)\s+", re.IGNORECASE)
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


_NEAR = 300
"""How far from a treaty noun (in characters) the words read with it are looked for: its verb before it
("menandatangani ... perjanjian"), its kind after it, the states named before it ("Indonesia-Chile
CEPA"). A window, not the sentence: a long sentence of many treaties costs linear time."""


class _SentenceSearch:
    """What the last sentence asked about gave (its text by identity): the first match of a pattern, and
    whether that verb reports an act done. Each treaty phrase of a sentence asks again."""

    text: str | None = None
    sentence: Sentence | None = None
    found: dict[re.Pattern[str], re.Match[str] | None] = {}  # noqa: RUF012 (replaced whole)
    done: dict[re.Pattern[str], bool] = {}  # noqa: RUF012 (replaced whole)


def _sentence_search(text: str, sentence: Sentence) -> type[_SentenceSearch]:
    if _SentenceSearch.text is not text or _SentenceSearch.sentence != sentence:
        _SentenceSearch.text, _SentenceSearch.sentence = text, sentence
        _SentenceSearch.found, _SentenceSearch.done = {}, {}
    return _SentenceSearch


def _in_sentence(pattern: re.Pattern[str], text: str, sentence: Sentence) -> re.Match[str] | None:
    """``pattern.search`` over the whole sentence, made once per sentence."""
    kept = _sentence_search(text, sentence)
    if pattern not in kept.found:
        kept.found[pattern] = pattern.search(text, sentence.start, sentence.end)
    return kept.found[pattern]


_NEXT_WORD = re.compile(r"\s*([\w-]+)")
_LEAD = 600
"""How far before a treaty's verb a negation, modal or condition is looked for, and after its noun its end
("... dibatalkan"): longer than a sentence of news, and a bound for a very long one."""


def _done_in_sentence(pattern: re.Pattern[str], text: str, sentence: Sentence) -> bool:
    """:func:`_done` of the first ``pattern`` verb of the sentence, read once per sentence."""
    kept = _sentence_search(text, sentence)
    if pattern not in kept.done:
        kept.done[pattern] = _done(text, sentence, _in_sentence(pattern, text, sentence))
    return kept.done[pattern]


def _kind(text: str, pos: int, end: int, kinds: dict[str, str]) -> tuple[str, int]:
    """The longest known kind right after a treaty noun ("pertahanan bersama", "Pertahanan Bersama")."""
    words = list(re.finditer(r"[\w-]+", text[pos : min(end, pos + _NEAR)]))
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
    found = clauses.places_between(entities.places, pos, end)  # by bisection, not a scan of every place
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
    declaration: bool = False,
) -> None:
    """Fill parties, signatories, date, place and status from the signing verb around the noun."""
    after = _SIGN.search(text, r.mention.end, min(sentence.end, phrase_end + 80))
    before = None
    for m in _SIGN.finditer(text, max(sentence.start, r.mention.start - _NEAR), r.mention.start):
        if _OBJECT_GAP.fullmatch(text, m.end(), r.mention.start):
            before = m
    verb = after if after is not None and _joins(text[r.mention.end : after.start()]) else before
    if verb is None and declaration:  # "mengumumkan Deklarasi Panmunjeom": a declaration made
        verb = next(
            (
                m
                for m in _DECLARE.finditer(
                    text, max(sentence.start, r.mention.start - _NEAR), r.mention.start
                )
                if _OBJECT_GAP.fullmatch(text, m.end(), r.mention.start)
            ),
            None,
        )
    if verb is None:
        return
    lead = text[max(sentence.start, verb.start() - _LEAD) : verb.start()]
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


_LIGHT_VERB = re.compile(
    r"\s(?:melaksanakan|melakukan|menggelar|mengadakan|menyelenggarakan)\s+$", re.IGNORECASE
)
"""A verb that only carries the signing noun after it ("melaksanakan penandatanganan"): a plan before it
("akan melaksanakan ...") makes the signing planned."""


def _signing_noun(
    text: str, r: _Reading, sentence: Sentence, agents: list[Agent], entities: Entities, dates: DatedSentence
) -> None:
    """ "Penandatanganan tersebut dilaksanakan oleh A dan B di Manila, Jumat": the treaty in focus signed,
    by the officials after "oleh", at the place and on the date of the sentence (unless planned or denied)."""
    lead = text[max(sentence.start, r.mention.start - _LEAD) : r.mention.start]
    rest = text[r.mention.end : min(sentence.end, r.mention.end + _LEAD)]
    light = _LIGHT_VERB.search(lead)  # "akan melaksanakan penandatanganan tersebut": planned
    if (
        _NEGATION.search(lead)
        or _MODAL.search(lead)
        or (light is not None and _MODAL.search(lead, 0, light.start() + 1))
        or re.match(r"\s*(?:(?:tersebut|itu|ini)\s+)?(?:akan|belum|tidak|batal|gagal)\b", rest)
    ):
        return
    r.status = "signed"
    r.signed = _first_date(dates, r.mention.end, sentence.end) or _fronted_date(
        text, dates, sentence, r.mention.start
    )
    r.place = _place_after(entities, r.mention.end, sentence.end)
    by = _BY.match(text, r.mention.end, sentence.end)
    if by is not None:
        signers = clauses.agents_after(text, agents, by.end(), sentence.end)
        r.signatories |= {a.ref[1] for a in signers if a.ref[0] == "official"}


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
    next_word = _NEXT_WORD.match(text, pos, sentence.end)
    anaphoric = next_word is not None and next_word.group(1).lower() in _ANAPHOR
    mention = Mention(match.start(), pos, "treaty", noun_key, "treaties.toml#nouns", sentence.index)
    r = _Reading(mention, noun_key, kind, anaphoric, name=name, alias=alias.group(1) if alias else "")
    _parties_in_phrase(text, r, sentence, agents, entities, match.start(), pos)
    if anaphoric and noun_key in _SIGNING_NOUNS:
        _signing_noun(text, r, sentence, agents, entities, dates)
        return r
    declaration = nouns.get(noun_key) in {"declaration", "joint declaration"}
    _signing(text, r, sentence, agents, entities, dates, pos, declaration)
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


def _names_before(text: str, agent: Agent, start: int) -> bool:
    """Whether a state stands in a pair of states right before the noun ("Indonesia-Chile CEPA")."""
    gap = text[agent.mention.end : start]
    return agent.mention.end <= start and (gap.isspace() or (gap.startswith("-") and len(gap) < 40))


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
        antara = between.group(0).strip().lower().endswith("antara")
        found = clauses.agents_after(text, agents, between.end(), sentence.end, with_dengan=antara)
        _party_refs(found, entities, r)  # "antara A dan B", "antara pemerintah A dengan B"
        if between.group(0).strip().lower() == "dengan" and found:
            _party_refs(clauses.subject_before(text, agents, start, sentence), entities, r)
    window = [
        a
        for a in clauses.agents_from(agents, start - _NEAR, stop + 30)
        if (start <= a.mention.start or _names_before(text, a, start))
        and a.mention.end <= stop + 30
        and a.ref[0] == "state"
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
    end = _END_AFTER.search(text, pos, min(sentence.end, pos + _LEAD))
    if end is not None and not _joins(text[pos : end.start()]):
        end = None
    if end is None:
        end = next(
            (m for m in _END_BEFORE.finditer(text, max(sentence.start, r.mention.start - _NEAR), r.mention.start)
             if _OBJECT_GAP.fullmatch(text, m.end(), r.mention.start)),
            None,
        )  # fmt: skip
    lead = text[max(sentence.start, end.start() - _LEAD) : end.start()] if end is not None else ""
    if end is not None and not _NEGATION.search(lead) and not _MODAL.search(lead):
        r.ended = _first_date(dates, end.end(), sentence.end)
        r.status = "annulled"
    elif any(
        _OBJECT_GAP.fullmatch(text, m.end(), r.mention.start)
        for m in _WITHDRAW.finditer(text, max(sentence.start, r.mention.start - _NEAR), r.mention.start)
    ):
        r.status = "withdrawn"
    elif _done_in_sentence(_SUSPEND, text, sentence):
        r.status = "suspended"
    elif _done_in_sentence(_RATIFY, text, sentence) and r.status == "mentioned":
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
    lead = text[max(sentence.start, verb.start() - _LEAD) : verb.start()]
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


_ACRONYM = r"[A-Z][A-Z0-9]{2,}(?:-[A-Z0-9]+)?"
_SHORT_NAME = rf"(?:[A-Z][a-z]+\s+)?{_ACRONYM}"
"""A treaty's short name: an acronym, perhaps after one capitalized word ("AUKUS", "New START")."""
_ALIAS = re.compile(rf"\s*\(({_ACRONYM})\)")


_NAME_BEFORE = re.compile(rf"(?<![\w-])({_SHORT_NAME}),\s+$")
_NAME_BEFORE_REACH = 60
"""How far before a treaty noun (less the spaces right before it) its short name is looked for: "New
START, " is 11 characters, a capitalized word and an acronym of 20 letters each still fit. Searched from
the sentence start for each treaty noun, it made a long sentence quadratic."""


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
        before = (
            ends_with(_NAME_BEFORE, text, sentence.start, r.mention.start, _NAME_BEFORE_REACH)
            if not r.anaphoric
            else None
        )
        if before is not None and not clauses.agent_starts_in(
            entities.agents, before.start(1), before.end(1)
        ):
            r.alias = r.alias or before.group(1)
        names |= {n for n in (r.alias, r.name) if re.fullmatch(_SHORT_NAME, n)}
    if not names:
        return readings
    taken = Covering(org_spans + [(r.mention.start, r.mention.end) for r in readings])
    more: list[_Reading] = []
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        + r")(?![\w-])"
    )
    for sentence in sentences:
        agents = clauses.sentence_agents(entities.agents, sentence)
        for match in pattern.finditer(text, sentence.start, sentence.end):
            if taken(match.start()):
                continue
            r = _read_phrase(text, match, sentence, agents, entities, dated[sentence.index], nouns, kinds)
            r.noun, r.name, r.alias, r.anaphoric = "", match.group(0), "", False
            more.append(r)
    return sorted(readings + more, key=lambda r: r.mention.start)
