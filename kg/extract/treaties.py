"""Stage 5a: treaties and agreements — which ones the article speaks of, and what it says of each.

In: sentences, agent references (:mod:`kg.extract.entities`), places, dates. Out: :class:`kg.model.Treaty`
records. Each treaty noun phrase ("perjanjian terbaru yang ditandatangani Moskow dan Pyongyang",
"Perjanjian tersebut", "perjanjian pertahanan bersama antara Rusia dan Korut dibatalkan pada 1996") is read
for its kind, parties ("antara A dan B", "ditandatangani A dan B", "A dan B menandatangani"), signatories,
signing date and place, end, status and named articles ("Pasal 4"); then the mentions are grouped: an
anaphor ("tersebut", "itu") is the treaty in focus, mentions with the same parties and no conflicting
dates are one treaty, and an earlier treaty between the same parties that the same sentence sets against
the later one is its predecessor.

The reading of one phrase is :mod:`kg.extract.treaty_phrases`; the grouping is here.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace

from kg.extract import clauses
from kg.extract.entities import Entities
from kg.extract.people import slug
from kg.extract.spans import Covering, ends_with
from kg.extract.treaty_phrases import _ARTICLE, _article, _read_phrase, _Reading, _with_names
from kg.model import DatedSentence, DateValue, Mention, Sentence, Treaty


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


_NAMED_ONLY = "perjanjian"  # the noun of a treaty the article names only by its name: "treaty"


def _treaty_noun(text: str, match: re.Match[str], sentence: Sentence, in_org: Covering) -> bool:
    """Whether a treaty noun names an agreement: not inside an organization's name ("Pakta Pertahanan
    Atlantik Utara" is NATO) and not one that was not made ("tanpa kesepakatan yang mengikat")."""
    if in_org(match.start()):
        return False
    return ends_with(_NO_AGREEMENT, text, sentence.start, match.start(), _NO_AGREEMENT_REACH) is None


def _stacked(text: str, first: _Reading, second: _Reading) -> bool:
    """Two treaty nouns in a row name one instrument: "kesepakatan perjanjian dagang", "perjanjian
    kerja sama ekonomi (Economic Partnership Agreement)"."""
    same = first.mention.sentence == second.mention.sentence and not second.anaphoric
    gap = text[first.mention.end : second.mention.start]
    return same and first.mention.end < second.mention.start and gap.strip() in {"", "("}


def _restack(first: _Reading, second: _Reading) -> _Reading:
    """The one reading of two stacked nouns: the second's kind and name, the first's start, and what
    either says of parties, signing and status."""
    second.mention = replace(second.mention, start=first.mention.start)
    second.parties |= first.parties
    second.signatories |= first.signatories
    second.signed = second.signed or first.signed
    second.place = second.place or first.place
    if second.status == "mentioned":
        second.status = first.status
    return second


_NO_AGREEMENT = re.compile(
    r"(?<![\w-])(?:tanpa|(?:belum|tidak|tak)\s+(?:ada|mencapai|tercapai)|gagal\s+(?:mencapai|menyepakati))\s+$",
    re.IGNORECASE,
)
_NO_AGREEMENT_REACH = 40
"""How far before a treaty noun (less the spaces right before it) _NO_AGREEMENT is looked for: its longest
words, "gagal menyepakati", with room for the spaces between them. A bound, so that each noun costs the
same however long its sentence."""


def _sentence_parties(
    c: _Cluster, sentences: tuple[Sentence, ...], entities: Entities, nouns: dict[str, str]
) -> None:
    """A named treaty whose phrase names no party is between the states its first sentence names,
    itself or through its officials, when they are exactly two ("Presiden Korsel A dan Pemimpin Korut
    B mengumumkan Deklarasi X"). Not for a convention (its parties are many) nor for a treaty named
    only by an anaphor ("traktat baru ini": it is one met before)."""
    if c.parties or not (c.name or c.alias) or nouns.get(c.noun, c.noun) == "convention":
        return
    first = min(c.mentions, key=lambda m: m.start)
    found = set(c.parties)
    for agent in clauses.sentence_agents(entities.agents, sentences[first.sentence]):
        kind, key = agent.ref
        if kind == "state":
            found.add(key)
        elif kind == "official":
            state = entities.official(key).state
            if state is not None:
                found.add(state)
    if len(found) == 2:
        c.parties = found


def _generic(c: _Cluster, nouns: dict[str, str]) -> bool:
    """A treaty phrase that says only that there is an agreement: no name, no kind, a plain noun
    ("perjanjian", "kesepakatan", not "nota kesepahaman")."""
    return not c.name and not c.alias and not c.kind and nouns.get(c.noun, c.noun) not in _SPECIFIC_NOUNS


def _absorb_generic(clusters: list[_Cluster], nouns: dict[str, str]) -> list[_Cluster]:
    """A generic treaty phrase is the one treaty between the same parties that the article names or
    kinds ("perjanjian dengan Jepang" ... "Perjanjian Keamanan Umum Informasi Militer (GSOMIA)"), or the
    first generic one between them ("kesepakatan dagang" ... "perjanjian tersebut"); where two named
    treaties share those parties, it stays apart (which one it is, is not said)."""
    kept: list[_Cluster] = []
    for c in clusters:
        if len(c.parties) < 2 or not _generic(c, nouns):
            kept.append(c)
            continue
        same = [k for k in kept if _may_absorb(k, c)]
        specific = [k for k in same if not _generic(k, nouns)]
        target = specific[0] if len(specific) == 1 else (same[0] if same and not specific else None)
        if target is None:
            kept.append(c)
            continue
        _absorb(target, c)
    for c in clusters:  # a generic phrase met before the named treaty it is: absorbed the other way
        if c in kept and _generic(c, nouns):
            later = [k for k in kept if k is not c and k.parties == c.parties and not _generic(k, nouns)]
            if len(later) == 1 and _may_absorb(later[0], c) and len(c.parties) >= 2:
                _absorb(later[0], c)
                later[0].mentions.sort(key=lambda m: m.start)
                kept.remove(c)
    return kept


def _may_absorb(into: _Cluster, c: _Cluster) -> bool:
    """Whether generic ``c`` can be ``into``: the same parties, no date of its own that ``into`` lacks or
    contradicts, and no sentence in common (a sentence that names two treaties keeps them apart)."""
    if into.parties != c.parties or into.sentences & c.sentences:
        return False
    return c.ended is None and (
        c.signed is None or (into.signed is not None and _agree(into.signed, c.signed))
    )


def _absorb(into: _Cluster, c: _Cluster) -> None:
    into.mentions.extend(c.mentions)
    into.signatories |= c.signatories
    into.signed = _finer(into.signed, c.signed)
    into.place = into.place or c.place
    into.ended = into.ended or c.ended
    if c.status != "mentioned" and into.status in {"mentioned", "planned"}:
        into.status = c.status
    into.sentences |= c.sentences
    into.articles.extend(c.articles)


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


def _signed_on(clusters: list[_Cluster], day: DateValue | None) -> None:
    """Date the treaties signed on no day the text gives with the day of the news that reports a signing
    ("Jokowi dan MBZ meneken CEPA." in the news of 1 July): what the lede says was signed, was signed
    then. A treaty dated by any of its mentions keeps that date."""
    for c in clusters:
        if day is not None and c.status == "signed" and c.signed is None:
            c.signed = day


def _unique(keys: list[str]) -> list[str]:
    """The keys, a repeated one numbered from its second use on: two memoranda signed by the same states on
    one day are two treaties ("ID-SA/2017-03-01", "ID-SA/2017-03-01-2")."""
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return out


LEDE = 2
"""Sentences at the start of a body that say what its news is."""


def _inside_last(readings: list[_Reading], match: re.Match[str]) -> bool:
    last = readings[-1].mention if readings else None
    return last is not None and last.start <= match.start() < last.end


def find_treaties(
    text: str,
    sentences: tuple[Sentence, ...],
    entities: Entities,
    dated: dict[int, DatedSentence],
    treaty_re: re.Pattern[str],
    nouns: dict[str, str],
    kinds: dict[str, str],
    anaphors: frozenset[str] = frozenset(),
    news_day: DateValue | None = None,
) -> tuple[Treaty, ...]:
    """Find the treaties of an article; only those with at least two known parties are returned.
    A noun of ``anaphors`` ("dokumen") is read only as "dokumen itu": the treaty in focus, if any.
    When the lede (the first :data:`LEDE` sentences) reports a signing, the treaties the article says were
    signed, on no day of their own, were signed on ``news_day``: the day the article reports."""
    readings: list[_Reading] = []
    org_spans = [(m.start, m.end) for o in entities.organizations for m in o.mentions]
    in_org = Covering(org_spans)
    for sentence in sentences:
        agents = clauses.sentence_agents(entities.agents, sentence)
        dates = dated[sentence.index]
        pending: dict[int, tuple[str, str, Mention]] = {}
        for match in _ARTICLE.finditer(text, sentence.start, sentence.end):
            found = _article(text, match, treaty_re, sentence, kinds)
            if found is not None:
                pending[found[3]] = found[:3]
        for match in treaty_re.finditer(text, sentence.start, sentence.end):
            # a noun inside the phrase read before ("Persetujuan Kemitraan ... (CEPA)": its alias) is no
            # phrase of its own
            if _inside_last(readings, match) or not _treaty_noun(text, match, sentence, in_org):
                continue
            r = _read_phrase(text, match, sentence, agents, entities, dates, nouns, kinds)
            if r.noun in anaphors and not r.anaphoric:
                continue
            r.article = pending.pop(match.start(), None)
            if readings and _stacked(text, readings[-1], r):
                r = _restack(readings.pop(), r)
            readings.append(r)
        if readings and pending:
            readings[-1].article = readings[-1].article or next(iter(pending.values()))
    lede_signs = any(r.status == "signed" and r.mention.sentence < LEDE for r in readings)
    readings = _with_names(text, sentences, entities, dated, readings, org_spans, nouns, kinds)
    clusters = _cluster(text, readings, nouns, anaphors)
    for c in clusters:
        _sentence_parties(c, sentences, entities, nouns)
    clusters = _absorb_generic(clusters, nouns)
    _signed_on(clusters, news_day if lede_signs else None)
    _link_predecessors(clusters)
    keys = _unique([_key(c, nouns, kinds) for c in clusters])
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
