"""Stage 3, the titles nobody listed: composed from their parts.

``[MODIFIER] HEAD [PORTFOLIO | BODY]``, with the parts of
:mod:`kg.lexicon.title_parts`: "Menteri Negara Lingkungan Hidup" is the head *Menteri Negara* with the
portfolio *Lingkungan Hidup* (State Minister of Environment); "Wakil Direktur NSC" the modifier *Wakil*,
the head *Direktur* and the body *NSC* (Deputy Director of NSC); "Mensesneg" an abbreviation of a head
and a portfolio. The state, the organization and the name after a title are read by
:mod:`kg.extract.titles`, as for the listed titles.

Finding only: :func:`read_title` gives where a composed title ends and the :class:`Title` it makes
(``en`` composed from the parts, ``label`` the text's own words). Each read is bounded (at most
:data:`MAX_PARTS` portfolios, a body of at most :data:`MAX_BODY_WORDS` words), so a long run of
capitalized words costs what its length costs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.extract.surfaces import surface_at
from kg.lexicon.resources import Resources, Title
from kg.lexicon.title_parts import TitleGrammar, norm

MAX_PARTS = 4
"""Portfolios joined in one title ("Politik, Hukum, dan Keamanan"): real titles join at most three."""
MAX_BODY_WORDS = 6
"""Words of a body after its head ("Badan Pemeriksa Keuangan", "House of Representatives")."""

_SPACE = re.compile(r"\s+")
_JOIN = re.compile(r"\s*,\s*(?:dan\s+)?|\s+dan\s+|\s*&\s*")
_FIELD = re.compile(r"\s+(?:Urusan|Bidang)(?![\w-])", re.IGNORECASE)
_WORD = re.compile(r"\s+([^\s,;:()\"“”]+)")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&-]{1,7}")
_ROMAN = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})(?<=[IVX])")
_LINKS = frozenset({"of", "for", "the", "and", "dan"})
_MINISTRY_WORDS = frozenset({"Kementerian", "Departemen"})


def _english_list(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _portfolio(text: str, pos: int, end: int, grammar: TitleGrammar) -> tuple[str, int] | None:
    """The portfolio after ``pos``: one to :data:`MAX_PARTS` listed portfolios joined by commas or "dan",
    after an optional "Urusan"/"Bidang"."""
    field = _FIELD.match(text, pos, end)
    if field is not None:
        pos = field.end()
    space = _SPACE.match(text, pos, end)
    first = grammar.portfolio_re.match(text, space.end(), end) if space else None
    if first is None:
        return None
    parts, pos = [grammar.portfolio[norm(first.group(0))]], first.end()
    while len(parts) < MAX_PARTS:
        join = _JOIN.match(text, pos, end)
        more = grammar.portfolio_re.match(text, join.end(), end) if join else None
        if more is None:
            break
        parts.append(grammar.portfolio[norm(more.group(0))])
        pos = more.end()
    return _english_list(parts), pos


def _named(text: str, pos: int, end: int, resources: Resources) -> bool:
    return surface_at(text, pos, end, resources) is not None


def _body(text: str, pos: int, end: int, resources: Resources) -> tuple[str, int] | None:
    """The body after ``pos``: an acronym that names no state or organization ("NSC"), or an institution
    phrase that starts with a body noun ("Badan Pemeriksa Keuangan", "House of Representatives") and goes
    on while its words are body words or portfolios; it ends before a state or a name."""
    grammar = resources.title_grammar
    word = _WORD.match(text, pos, end)
    if word is None or _named(text, word.start(1), end, resources):
        return None
    first = word.group(1).rstrip(".")
    if _ACRONYM.fullmatch(first):
        return first, word.start(1) + len(first)
    if first not in grammar.body_starts:
        return None
    if first in _MINISTRY_WORDS:  # "Kementerian Dalam Negeri": the ministry of a listed portfolio
        portfolio = _portfolio(text, word.end(), end, grammar)
        if portfolio is not None:
            return f"the Ministry of {portfolio[0]}", portfolio[1]
    words, stop = [first], word.end()
    while len(words) < MAX_BODY_WORDS:
        nxt = _WORD.match(text, stop, end)
        if nxt is None or _named(text, nxt.start(1), end, resources):
            break
        listed = grammar.portfolio_re.match(text, nxt.start(1), end)
        if listed is not None and listed.end() >= nxt.end():
            words.append(_SPACE.sub(" ", listed.group(0)))
            stop = listed.end()
            continue
        numbered = _ACRONYM.fullmatch(nxt.group(1)) and _ROMAN.fullmatch(words[-1])  # "Komisi I DPR"
        if nxt.group(1) not in grammar.body_words and not _ROMAN.fullmatch(nxt.group(1)) and not numbered:
            break
        words.append(nxt.group(1))
        stop = nxt.end()
    while words[-1] in _LINKS:
        words.pop()
        stop = text.rindex(" ", 0, stop)
    return " ".join(words), stop


def read_title(text: str, start: int, end: int, resources: Resources) -> tuple[int, Title] | None:
    """The composed title that starts at ``start``: where it ends and the :class:`Title` it makes; None
    where the parts make no title ("Menteri itu", "Ketua panitia", "Kepala desa")."""
    grammar = resources.title_grammar
    match = grammar.start_re.match(text, start, end)
    if match is None:
        return None
    modifier = grammar.modifiers.get(norm(match.group(0)))
    if modifier is not None:
        space = _SPACE.match(text, match.end(), end)
        match = grammar.start_re.match(text, space.end(), end) if space else None
        if match is None or norm(match.group(0)) in grammar.modifiers:
            return None
    pos, form = match.end(), norm(match.group(0))
    abbreviation = grammar.abbreviations.get(form)
    complement: str | None
    if abbreviation is not None:
        head, complement = grammar.heads[abbreviation.head], grammar.portfolio[abbreviation.portfolio]
    else:
        head, complement = grammar.heads[form], None
        if head.takes in {"portfolio", "optional"}:
            found = _portfolio(text, pos, end, grammar)
            if found is not None:
                complement, pos = found
        if complement is None and head.takes in {"body", "optional"}:
            found = _body(text, pos, end, resources)
            if found is not None:
                complement, pos = found
        if complement is None and head.takes in {"portfolio", "body"}:
            return None
    en = head.en if complement is None else f"{head.en} {head.of} {complement}"
    if modifier is not None:
        en = f"{modifier} {en}"
    label = _SPACE.sub(" ", text[start:pos])
    label = label[:1].upper() + label[1:]
    role = re.sub(r"[^a-z0-9]+", "-", en.lower()).strip("-")
    return pos, Title(role, en, label, (label,), "state", (), ())


MAX_ENGLISH_WORDS = 16
"""Words of an English title before its holder's name ("Federal Councillor and Head of the Federal
Department of Economic Affairs, Education and Research"): the longest seen run to about a dozen."""
_ENGLISH_HEAD = re.compile(
    r"(?<![\w-])(?:(?:Deputy|Vice|Acting|Federal|State|Prime|Foreign|Trade|Senior|Special)\s+)*"
    r"(?:Minister|Ambassador|Secretary|Councillor|Counsellor|President|Chancellor|Commissioner|Envoy"
    r"|Director|Chairman|Chairperson|Governor)(?![\w-])"
)
_ENGLISH_WORD = re.compile(r"\s*(?:,\s*|/\s*)?([A-Z][\w.'’-]*|of|and|for|the|to|on)(?![\w-])")
_WORD_BEFORE = re.compile(r"([A-Z][\w-]*)\s+$")
_HOLDER_END = re.compile(r"\s*(?:;|\.(?:\s|$)|$)|\s+dan\s")

_DEMONYM_END = re.compile(r"(?:ic|ian|ish|ese|i|an|n)$")
"""How English adjectives of nationality end ("Icelandic", "Chilean", "Japanese", "Indian")."""


def _demonym_state(word: str, resources: Resources) -> str | None:
    """The state an English adjective of nationality names, made from its English name ("Icelandic",
    "Japanese", "Indian", "Austrian"); None for any other word."""
    if not word[:1].isupper() or _DEMONYM_END.search(word) is None:
        return None
    for cut in (1, 2, 3):
        stem = word[:-cut]
        for name in (stem, stem + "a", stem + "y"):
            surface = resources.surfaces.get(name) if len(name) >= 4 else None
            if surface is not None and surface.kind == "state":
                return surface.key
    return None


NameReader = Callable[[str, int, int, Resources], "tuple[int, int] | None"]


def english_titles(
    text: str, start: int, end: int, resources: Resources, read_name: NameReader
) -> list[tuple[tuple[int, int], tuple[int, int], Title, str | None]]:
    """English titles in an Indonesian sentence, each set off from its holder by a comma, as press
    releases list foreign signatories ("..., Minister of Foreign Affairs and Trade Ruritania, Anna Berg;
    ..."): the title's span, the name's, the :class:`Title` (its English the text's own words) and the
    state the title names, if any. A holder counts only where the name ends the list item (a semicolon, a
    full stop, "dan")."""
    found: list[tuple[tuple[int, int], tuple[int, int], Title, str | None]] = []
    pos = start
    for head in _ENGLISH_HEAD.finditer(text, start, end):
        if head.start() < pos:
            continue
        cursor, words = head.end(), 0
        before = _WORD_BEFORE.search(text, max(start, head.start() - 30), head.start())
        first = head.start()
        state = _demonym_state(before.group(1), resources) if before is not None else None
        if before is not None and state is not None:
            first = before.start(1)  # "Icelandic Ambassador": the adjective is part of the title
        while words < MAX_ENGLISH_WORDS:
            if text.startswith(",", cursor) or text.startswith(" ,", cursor):
                comma = text.index(",", cursor) + 1
                name = read_name(text, comma, end, resources)
                if name is not None and _HOLDER_END.match(text, name[1], end):
                    title_text = _SPACE.sub(" ", text[first:cursor]).strip(" ,")
                    role = re.sub(r"[^a-z0-9]+", "-", title_text.lower()).strip("-")
                    title = Title(role, title_text, title_text, (title_text,), "state", (), ())
                    found.append(((first, cursor), name, title, state))
                    pos = name[1]
                    break
            word = _ENGLISH_WORD.match(text, cursor, end)
            if word is None:
                break
            named = surface_at(text, word.start(1), end, resources)
            if named is not None and named[0].kind in {"state", "capital"}:
                state = named[0].key
                cursor = named[1]
            else:
                state = state or _demonym_state(word.group(1), resources)
                cursor = word.end()
            words += 1
    return found
