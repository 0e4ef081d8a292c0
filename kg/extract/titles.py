"""Stage 3, titles of office: "Menteri Luar Negeri Korsel Cho Tae-yul", "Dubes Rusia", "Duta Besar Jepang
untuk Indonesia Kenji Kanasugi" — the title, the state or organization it names (after it, or from the
ministry, the city or the host named with it), the holder's name when it is given (after the title, before
it, or in apposition) and the counterparts of a title ("rekan sejawatnya X"). Personal names are read
here too (:func:`read_name`). Out: :class:`TitleMatch` records, which :mod:`kg.extract.mentions` adds to
an article's mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.spans import ends_with
from kg.extract.surfaces import _norm_space, _state_after, surface_at
from kg.extract.title_grammar import english_titles, read_title
from kg.lexicon.resources import Resources, Title
from kg.model import Mention, Sentence

NAME_STOP = frozenset(
    [
        "yang",
        "dan",
        "di",
        "ke",
        "dari",
        "pada",
        "dalam",
        "untuk",
        "dengan",
        "itu",
        "ini",
        "tersebut",
        "juga",
        "pun",
        "namun",
        "sementara",
        "menurut",
        "kata",
        "ujar",
        "seperti",
        "sebagai",
        "bahwa",
        "jika",
        "saat",
        "ketika",
        "setelah",
        "sebelum",
        "secara",
        "selain",
        "para",
        "sang",
        "pihak",
        "pemerintah",
        "kementerian",
        "kedutaan",
        "presiden",
        "menteri",
        "wakil",
        "duta",
        "besar",
        "ia",
        "dia",
        "mereka",
        "kami",
        "kita",
        "beliau",
        "baca",
        "senin",
        "selasa",
        "rabu",
        "kamis",
        "jumat",
        "sabtu",
        "minggu",
        "januari",
        "februari",
        "maret",
        "april",
        "mei",
        "juni",
        "juli",
        "agustus",
        "september",
        "oktober",
        "november",
        "desember",
        "perjanjian",
        "pasal",
        "dewan",
        "keamanan",
        "majelis",
        "umum",
        "negara",
        "kerajaan",
        "republik",
        "uni",
    ]
)
_PARTICLES = frozenset(
    {
        "bin",
        "binti",
        "al",
        "el",
        "van",
        "von",
        "de",
        "da",
        "dos",
        "do",
        "du",
        "del",
        "der",
        "den",
        "la",
        "le",
        "ibn",
    }
)


_CAPITAL_PARTICLES = frozenset({"Di", "Del", "Della", "Dos", "Das"})
"""Particles that are names only when capitalized: "Luigi Di Maio" (lowercase "di" is a preposition)."""


_MINISTRY = re.compile(
    r"(?<![\w-])(?P<kind>Kementerian\s+Luar\s+Negeri|Kemlu|Kemenlu|Departemen\s+Luar\s+Negeri|Deplu"
    r"|Kementerian\s+Pertahanan|Kemhan|Kemenhan)\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """A title of office, with the state or organization it names and the holder's name when given.

    ``mention`` spans the whole phrase ("Duta Besar Jepang untuk Indonesia Kenji Kanasugi"); ``name`` is
    ``None`` for a reference to a post alone ("Dubes Rusia").
    """

    mention: Mention
    title: Title
    state: str | None
    organization: str | None
    accredited_to: str | None
    name: str | None
    name_start: int
    name_end: int


_HONORIFICS = frozenset({"pangeran", "putri", "dr", "prof", "jenderal", "marsekal", "laksamana", "syekh"})
_ARABIC_PARTICLE = re.compile(r"(?:al|el|ad|ar|as|ash|ibn|bin|abu)-[A-Z]")
_NAME_WORD = re.compile(r"[^\s,;:()\"“”]+")
_NICKNAME = re.compile(r"\s*[\"“][A-Z][\w'’-]*[\"”]")
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")


def _is_name_word(text: str, match: re.Match[str], end: int, resources: Resources, first: bool) -> bool:
    word = match.group(0).rstrip(".")
    if _ARABIC_PARTICLE.match(word) and not first:
        return True
    if not word[:1].isupper() or word.lower() in NAME_STOP or word in resources.nonstates:
        return False
    if first and word in resources.title_grammar.body_starts:
        return False  # "Sekjen Partai Komunis China": a body, not a person
    if resources.title_re.match(text, match.start()) is not None:
        return False
    head = resources.title_grammar.start_re.match(text, match.start())
    if head is not None:
        read = read_title(text, match.start(), end, resources)
        if read is not None and read[0] > head.end():
            return False  # "Ketua Badan ...", "Menteri Pariwisata ..." begin no name; "bin Sultan Al Nahyan" does
    surface = surface_at(text, match.start(), end, resources)
    if surface:
        # "Menteri Luar Negeri Israel Israel Katz": a state name may begin a name that goes on; an
        # organization's name does not ("para menteri luar negeri Liga Arab")
        follow = _NAME_WORD.match(text, match.end() + 1, end)
        return (
            surface[0].kind != "org"
            and first
            and follow is not None
            and follow.group(0)[:1].isupper()
            and not surface_at(text, follow.start(), end, resources)
        )
    return True


def read_name(text: str, pos: int, end: int, resources: Resources) -> tuple[int, int] | None:
    """The span of a personal name starting at ``pos``: one to five capitalised words (with particles
    such as "bin", "al-", and initials such as "S."), after an honorific such as "Pangeran".

    >>> from kg.lexicon.resources import load_resources
    >>> t = "Kim Jong Un dalam pertemuan"
    >>> read_name(t, 0, len(t), load_resources())
    (0, 11)
    """
    while pos < end and text[pos] == " ":
        pos += 1
    honorific = resources.title_grammar.honorific_re.match(text, pos, end)
    if honorific is not None:  # "Letnan Jenderal", "Yang Mulia": words of one honorific
        pos = honorific.end()
    start, last_end, words = pos, None, 0
    for match in _NAME_WORD.finditer(text, pos, end):
        if last_end is not None and _NICKNAME.match(text, pos, end) and match.start() > pos:
            pos = _NICKNAME.match(text, pos, end).end()  # type: ignore[union-attr]
            continue  # 'Joko "Jokowi" Widodo': the nickname in quotes inside the name
        if match.start() != pos and text[pos : match.start()].strip():
            break
        word = match.group(0).rstrip(".")
        if last_end is None and (
            word.lower() in _HONORIFICS or match.group(0) in resources.title_grammar.honorifics
        ):
            start = pos = match.end() + 1
            continue
        if last_end is not None and (word.lower() in _PARTICLES or word in _CAPITAL_PARTICLES):
            pos = match.end()
            continue
        if not _is_name_word(text, match, end, resources, last_end is None):
            break
        last_end, words = match.start() + len(word), words + 1
        pos = match.end()
        initial = _INITIALS.fullmatch(match.group(0)) is not None  # "S.", "S.V."
        if words == 5 or (match.group(0).endswith(".") and not initial):
            break
        if initial:
            last_end = match.end()
    if last_end is not None and text[start:last_end] in resources.nonstates:
        return None
    return (start, last_end) if last_end is not None else None


_NAME_BEFORE_WORDS = 12
"""The most words (particles included) a name before a comma is read back over: "Mohammed bin Rashid Al
Maktoum" has five. Without a bound, a run of capitalized words before a comma ("... Menteri Luar
Negeri Rusia, ...") was read back to its start for each title after it: quadratic in a long sentence."""


def _words_before(text: str, pos: int, floor: int, count: int) -> list[re.Match[str]]:
    """The last ``count`` words of ``text[floor:pos]`` (as ``_NAME_WORD`` reads them), from a window
    before ``pos`` that doubles until it holds more than ``count`` words or reaches ``floor``."""
    width = 16 * count
    while True:
        low = max(floor, pos - width)
        words = list(_NAME_WORD.finditer(text, low, pos))
        if low == floor or len(words) > count:
            return words[-count:]
        width *= 2


def _name_before(text: str, pos: int, floor: int, resources: Resources) -> tuple[int, int] | None:
    """The personal name that ends just before ``pos`` (which is at a comma)."""
    words = _words_before(text, pos, floor, _NAME_BEFORE_WORDS)
    start = None
    for match in reversed(words):
        word = match.group(0)
        if word.lower() in _PARTICLES and start is not None:
            continue
        if (
            not word[:1].isupper()
            or word.lower() in NAME_STOP
            or surface_at(text, match.start(), pos, resources)
        ):
            break
        if text[match.end() : pos].strip() and start is None:
            break
        start = match.start()
    if start is None:
        return None
    return start, pos


_TIME_WORDS = re.compile(r"\s+(?:(?:saat|kala|ketika|waktu)\s+itu\b|ke-(?:\d+|[a-z]+)(?=[\s,]))")


def _skip_time_words(text: str, pos: int, end: int) -> int:
    """Skip "saat itu" / "kala itu" and an ordinal after a title ("Perdana Menteri Etiopia saat itu
    Hailemariam ...", "Presiden RI ke-7 Joko Widodo")."""
    match = _TIME_WORDS.match(text, pos, end)
    return match.end() if match else pos


_COMMA = re.compile(r"\s*,\s*")


def _institution(text: str, pos: int, end: int, resources: Resources) -> tuple[str, int] | None:
    """An institution between a title and a name, ending in a state: "Juru Bicara Kementerian Pertahanan
    Kamboja Maly Socheata", "Juru Bicara Penjaga Pantai China Gan Yu". Returns the state and where the
    name starts."""
    ministry = _MINISTRY.match(text, pos + 1 if text[pos : pos + 1] == " " else pos, end)
    if ministry is not None:  # "... Kemlu RI Budi", "... Kemlu RI, Budi, ...": the name set off or not
        state = _state_after(text, ministry.end(), end, resources)
        comma = _COMMA.match(text, state[1], end) if state is not None else None
        named = state is not None and (
            read_name(text, state[1], end, resources) is not None
            or (comma is not None and read_name(text, comma.end(), end, resources) is not None)
        )
        return state if named else None
    words = read_name(text, pos, end, resources)
    if words is None:
        return None
    state = _state_after(text, words[1], end, resources)
    if state is not None and read_name(text, state[1], end, resources) is not None:
        return state
    return None


def _after_city(text: str, pos: int, end: int, resources: Resources) -> tuple[int, tuple[int, int]] | None:
    """For "Konsul Jenderal Jepang di Surabaya Kenji Sato": skip the city, return the name after it."""
    words = read_name(text, pos, end, resources)
    if words is None:
        return None
    tokens = list(re.finditer(r"\S+", text[words[0] : words[1]]))
    if len(tokens) < 3:
        return None
    start = words[0] + tokens[1].start()
    return words[1], (start, words[1])


def _envoy_host(
    text: str, pos: int, end: int, resources: Resources
) -> tuple[str | None, int, tuple[int, tuple[int, int]] | None]:
    """After an envoy's title and state: the state he is accredited to ("untuk Korsel", "di Seoul"), where
    the name may start, and a name after a city ("di Surabaya Kenji Sato") when there is one."""
    where = re.compile(r"\s+(?:untuk|di)\s+").match(text, pos, end)
    if where is None:
        return None, pos, None
    host = _state_after(text, where.end(), end, resources)
    if host is not None:
        return host[0], host[1], None
    org = surface_at(text, where.end(), end, resources)
    if org is not None:
        return None, (org[1] if org[0].kind == "org" else pos), None
    if where.group(0).strip() == "di":
        return None, pos, _after_city(text, where.end(), end, resources)
    return None, pos, None


def _title_state(
    text: str, title: Title, pos: int, end: int, resources: Resources
) -> tuple[str | None, str | None, int]:
    """The state (or, for an organization's title, the organization) named after a title, and where
    the rest starts."""
    state, org = None, None
    pos = _skip_time_words(text, pos, end)  # "Presiden ke-7 RI Joko Widodo": the ordinal before the state
    after = surface_at(text, pos, end, resources)
    polity = _POLITY.match(text, pos, end) if after is None else None
    if polity is None and after is None and title.scope == "envoy":
        polity = _EMBASSY.match(text, pos, end)  # "Kuasa Usaha Kedutaan Besar AS": the embassy's state
    if polity is not None:  # "Raja Kerajaan Yordania", "Presiden Republik Ceko": the state after the word
        after = surface_at(text, polity.end(), end, resources)
    if after is not None and after[0].kind in {"state", "capital"}:
        state, pos = after[0].key, after[1]
    elif after is not None and after[0].kind == "org" and title.scope == "organization":
        org, pos = after[0].key, after[1]
    if state is not None or org is not None:
        bracket = _BRACKET.match(text, pos, end)
        inner = surface_at(text, bracket.start(1), bracket.end(1), resources) if bracket else None
        if bracket is not None and inner is not None and inner[0].key == (state or org):
            pos = bracket.end()  # "Duta Besar Amerika Serikat (AS) di Beijing X"
    pos = _skip_time_words(text, pos, end)
    if state is None:
        inst = _institution(text, pos, end, resources)
        if inst is not None:
            state, pos = inst
        else:  # "Dirjen Asia Pasifik Kementerian Luar Negeri X": a ministry of no state named, then the name
            ministry = _MINISTRY.match(text, pos + 1 if text[pos : pos + 1] == " " else pos, end)
            if ministry is not None and read_name(text, ministry.end(), end, resources) is not None:
                pos = ministry.end() - 1
    return state, org, pos


def _title_match(
    text: str,
    span: tuple[int, int],
    title: Title,
    sentence: Sentence,
    resources: Resources,
    ministries: list[Mention],
) -> TitleMatch | None:
    bracket = _BRACKET.match(text, span[1], sentence.end)
    after = span[1]
    if bracket is not None and surface_at(text, bracket.start(1), sentence.end, resources) is None:
        after = bracket.end()  # "Menteri Perdagangan (Mendag) X", "Ketua Badan Pemeriksa Keuangan (BPK) X"
    state, org, pos = _title_state(text, title, after, sentence.end, resources)
    if state is None and org is None:
        named = _that_ministry(text, pos, sentence.end, ministries)
        if named is not None:  # "Juru bicara kementerian itu, X": the ministry named before
            state, pos = named[0].split("/")[0], named[1]
            if title.id == "spokesperson" and "foreign-affairs" in named[0]:
                title = resources.title("foreign-ministry-spokesperson")
    if state is None and org is None:  # "Panglima TNI X", "Menteri BUMN X": an institution of one state
        state = resources.title_grammar.home_of(text[span[0] : after])
    accredited, city_skip = None, None
    if title.scope == "envoy":
        accredited, pos, city_skip = _envoy_host(text, pos, sentence.end, resources)
    name = read_name(text, pos, sentence.end, resources)
    if name is None and city_skip is not None:
        pos, name = city_skip
    if name is None:
        name = _apposed_name(text, pos, sentence.end, resources)
    if name is None:
        name = _held_by(text, pos, sentence.end, resources)
    start, end = span[0], pos
    if name is not None:
        end = name[1]
    else:
        name = _holder_before(text, span[0], sentence, resources)
        start = name[0] if name is not None else start
    if name is None and state is None and org is None:
        return None
    kind = "official" if name else "postref"
    listed = resources.title_by_form.get(title.forms[0].lower()) is title
    rule = f"titles.toml#{title.id}" if listed else f"title_parts.toml#{title.id}"
    mention = Mention(start, end, kind, title.id, rule, sentence.index)
    label = _NICKNAME.sub("", text[name[0] : name[1]]) if name else None
    return TitleMatch(
        mention, title, state, org, accredited, label, name[0] if name else -1, name[1] if name else -1
    )


_EMBASSY = re.compile(r"\s*(?:Kedutaan\s+Besar|Kedubes)(?=\s)", re.IGNORECASE)
_POLITY = re.compile(r"\s*(?:Kerajaan|Republik|Keamiran|Kesultanan|Federasi|Konfederasi)(?=\s)")
_BRACKET = re.compile(r"\s*\(([^()]{1,40})\)")
_HELD_BY = re.compile(
    r"\s+yang\s+(?:kini\s+|saat\s+ini\s+|sekarang\s+|ketika\s+itu\s+|saat\s+itu\s+)?dijabat(?:\s+oleh)?\s+"
)


def _held_by(text: str, pos: int, end: int, resources: Resources) -> tuple[int, int] | None:
    """The holder named after "yang (kini) dijabat": "Presiden Brasil yang kini dijabat X"."""
    held = _HELD_BY.match(text, pos, end)
    return read_name(text, held.end(), end, resources) if held else None


_DESCRIBED = re.compile(r",\s+(?:seorang|sang|selaku|sebagai)\s+$|(?<=[a-z])\s+selaku\s+$", re.IGNORECASE)
_HOLDER = re.compile(
    r",\s+yang\s+(?:[a-z]+\s+){0,3}?(?:menjabat|adalah|merupakan)(?:\s+sebagai)?\s+$"
    r"|(?<=[a-z])\s+yang\s+(?:kini\s+|saat\s+ini\s+|sekarang\s+|ketika\s+itu\s+|saat\s+itu\s+)?menjabat(?:\s+sebagai)?\s+$"
)  # ", yang baru sehari menjabat sebagai ", and "Kwame Mensah yang menjabat " without the comma
_APPOSITION_REACH = 100
"""How far before a title (less the spaces right before it) _DESCRIBED and _HOLDER are looked for: ", yang
baru sehari menjabat sebagai " is 33 characters; three long words more still fit. Searched from the
sentence start for each title, they made a long sentence quadratic."""
_THAT_MINISTRY = re.compile(r"\s+kementerian\s+(?:itu|tersebut)\b", re.IGNORECASE)
_APPOSED_END = re.compile(
    r"\s*(?:,|\.|$)|\s+(?:telah|sudah|akan|juga|pun|kembali|dan|serta|[a-z]+(?:kan|i)\b|me[a-z]+|ber[a-z]+"
    r"|di[a-z]+)"
)
"""What may follow a name in apposition: a comma, the end, the predicate ("..., X telah mengatakan"), or
the next of a list ("Menteri Dalam Negeri Chile, X dan mitranya ...")."""
_APPOSED = re.compile(r"(?:\s+(?:lainnya|itu|tersebut))?,\s+")


def _holder_before(text: str, pos: int, sentence: Sentence, resources: Resources) -> tuple[int, int] | None:
    """The holder named before a title at ``pos``: "Sergei Lavrov, Menteri Luar Negeri Rusia",
    "Perfecto Yasay, yang baru sehari menjabat Menteri Luar Negeri Filipina"."""
    if text[pos - 2 : pos] == ", ":
        return _name_before(text, pos - 2, sentence.start, resources)
    # "kata X, seorang wakil direktur NSC", "X, yang baru sehari menjabat ...", "X selaku Menteri ..."
    lead = ends_with(_DESCRIBED, text, sentence.start, pos, _APPOSITION_REACH) or ends_with(
        _HOLDER, text, sentence.start, pos, _APPOSITION_REACH
    )
    if lead is None:
        return None
    if lead.group(0).startswith(","):
        return _name_before(text, lead.start(), sentence.start, resources)
    # no comma ("Kwame Mensah yang menjabat ..."): a name of two words or more, in its own clause
    floor = max(sentence.start, *(text.rfind(c, sentence.start, lead.start()) + 1 for c in ",;:"))
    name = _name_before(text, lead.start(), floor, resources)
    return name if name is not None and len(text[name[0] : name[1]].split()) >= 2 else None


def _that_ministry(text: str, pos: int, end: int, ministries: list[Mention]) -> tuple[str, int] | None:
    """The ministry meant by "kementerian itu" right at ``pos``: the last one named before it."""
    match = _THAT_MINISTRY.match(text, pos, end)
    if match is None:
        return None
    last = next((m for m in reversed(ministries) if m.end <= pos), None)  # the last named before it
    return (last.key, match.end()) if last is not None else None


def _apposed_name(text: str, pos: int, end: int, resources: Resources) -> tuple[int, int] | None:
    """A name set off by commas after a title with nothing else after it: "Menteri Luar Negeri Arab
    Saudi saat itu, Adel al-Jubeir, memperingatkan", "Wakil Perdana Menteri lainnya, Matteo Salvini,"."""
    comma = _APPOSED.match(text, pos, end)
    name = read_name(text, comma.end(), end, resources) if comma else None
    if name is None or not _APPOSED_END.match(text, name[1], end):
        return None
    return name


def _title_mentions(
    text: str, sentence: Sentence, resources: Resources, ministries: list[Mention]
) -> list[TitleMatch]:
    found: list[TitleMatch] = []
    for (start, end), title in _titles(text, sentence, resources):
        if found and found[-1].name_start <= start < found[-1].name_end:
            continue  # "Presiden Mohamed bin Zayed bin Sultan Al Nahyan": "Sultan" inside a name
        title_match = _title_match(text, (start, end), title, sentence, resources, ministries)
        if (
            title_match is not None
            and found
            and title_match.name is not None
            and found[-1].mention.start <= title_match.name_start < found[-1].mention.end
        ):
            continue  # "Menteri Luar Negeri X, dubes ...": a holder before it that is the last title's words
        if title_match is not None:
            found.append(title_match)
    for (start, _), (name_start, name_end), title, state in english_titles(
        text, sentence.start, sentence.end, resources, read_name
    ):
        if any(t.mention.start < name_end and start < t.mention.end for t in found):
            continue  # read already as an Indonesian title
        mention = Mention(start, name_end, "official", title.id, "title_parts.toml#english", sentence.index)
        name = text[name_start:name_end]
        found.append(TitleMatch(mention, title, state, None, None, name, name_start, name_end))
    return sorted(found, key=lambda t: t.mention.start)


def _titles(text: str, sentence: Sentence, resources: Resources) -> list[tuple[tuple[int, int], Title]]:
    """The titles of a sentence, in text order: the listed ones (titles.toml) and the composed ones
    (:mod:`kg.extract.title_grammar`). Where both start at one word, the one that reads further wins (a
    listed title on a tie); a title inside a chosen one is part of it ("Menteri Negara Urusan Luar
    Negeri" holds no "Menteri Luar Negeri" of its own)."""
    listed = {
        m.start(): ((m.start(), m.end()), resources.title_by_form[_norm_space(m.group(0)).lower()])
        for m in resources.title_re.finditer(text, sentence.start, sentence.end)
    }
    composed: dict[int, tuple[tuple[int, int], Title]] = {}
    for m in resources.title_grammar.start_re.finditer(text, sentence.start, sentence.end):
        read = read_title(text, m.start(), sentence.end, resources)
        if read is not None:
            composed[m.start()] = ((m.start(), read[0]), read[1])
    chosen: list[tuple[tuple[int, int], Title]] = []
    covered = -1
    for start in sorted(set(listed) | set(composed)):
        if start < covered:
            continue
        one, other = listed.get(start), composed.get(start)
        pick = one if other is None or (one is not None and one[0][1] >= other[0][1]) else other
        assert pick is not None
        chosen.append(pick)
        covered = pick[0][1]
    return chosen


_COUNTERPART = re.compile(r"(?<![\w-])mitra(?:nya)?\s+(?:dari\s+)?", re.IGNORECASE)
_COUNTERPART_COMMA = re.compile(r",?\s+")


def _counterparts(
    text: str, sentence: Sentence, resources: Resources, titles: list[TitleMatch]
) -> list[TitleMatch]:
    """ "Menlu Kolombia X bertemu mitranya dari Venezuela, Y" (or "... Venezuela Y"): Y holds the same post
    for Venezuela as the official named before "mitranya" holds for his own state."""
    found = []
    for match in _COUNTERPART.finditer(text, sentence.start, sentence.end):
        before = [t for t in titles if t.name and t.mention.end <= match.start()]
        after = surface_at(text, match.end(), sentence.end, resources)
        if not before or after is None or after[0].kind not in {"state", "capital"}:
            continue
        comma = _COUNTERPART_COMMA.match(text, after[1], sentence.end)
        name = read_name(text, comma.end(), sentence.end, resources) if comma else None
        if name is None or after[0].key == before[-1].state:
            continue
        title = before[-1].title
        mention = Mention(match.start(), name[1], "official", title.id, "pattern:counterpart", sentence.index)
        found.append(
            TitleMatch(mention, title, after[0].key, None, None, text[name[0] : name[1]], name[0], name[1])
        )
    return found
