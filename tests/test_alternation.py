"""The lexicon alternations (``kg.lexicon.resources._alternation``) are compiled as tries for speed: they must
match exactly what the plain alternation of the same forms, longest first, matches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.body import find_body
from kg.extract.sentences import split_sentences
from kg.lexicon.resources import Resources, _alternation, _read, parse_name_heads

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    p.read_text(encoding="utf-8")
    for folder in ("tests/corpus", "tests/corpus-next", "seeds")
    for p in sorted((ROOT / folder).glob("*.txt"))
]


def plain(forms: list[str], flags: int = 0, guards: str = "") -> re.Pattern[str]:
    """The reference: every form, longest first, in one flat alternation."""
    ordered = sorted(set(forms), key=lambda f: (-len(f), f))
    body = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered)
    return re.compile(rf"{guards}(?<![\w])(?:{body})(?![\w])", flags)


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def starts(pattern: re.Pattern[str], text: str) -> list[tuple[int, int] | None]:
    """What ``match`` finds at each position, and ``finditer`` from each position (it may look back)."""
    found: list[tuple[int, int] | None] = []
    for pos in range(len(text) + 1):
        m = pattern.match(text, pos)
        found.append(m.span() if m else None)
        found.extend(m.span() for m in pattern.finditer(text, pos, min(len(text), pos + 12)))
    return found


ALPHABET = "aAbBkK éÉ-.\n\tİı"
FORMS = st.lists(
    st.text(ALPHABET, min_size=1, max_size=5).map(str.strip).filter(bool), min_size=1, max_size=8
)
SETTINGS = settings(max_examples=300, deadline=None, derandomize=True)


@SETTINGS
@given(forms=FORMS, text=st.text(ALPHABET, max_size=40))
def test_case_sensitive_trie_matches_as_the_plain_alternation(forms: list[str], text: str) -> None:
    assert starts(_alternation(forms), text) == starts(plain(forms), text)


@SETTINGS
@given(forms=FORMS, text=st.text(ALPHABET, max_size=40))
def test_any_case_trie_matches_as_the_plain_alternation(forms: list[str], text: str) -> None:
    assert starts(_alternation(forms, re.IGNORECASE), text) == starts(plain(forms, re.IGNORECASE), text)


@SETTINGS
@given(forms=FORMS, text=st.text(ALPHABET, max_size=40))
def test_guarded_trie_matches_as_the_plain_alternation(forms: list[str], text: str) -> None:
    guards = r"(?<!(?-i:Ab)\s)"
    assert starts(_alternation(forms, re.IGNORECASE, guards), text) == starts(
        plain(forms, re.IGNORECASE, guards), text
    )


def test_no_form_matches_nothing() -> None:
    assert _alternation([]).search("anything at all") is None
    assert _alternation([], re.IGNORECASE).search("anything at all") is None


def test_a_longer_form_wins_only_where_it_ends_a_word() -> None:
    pattern = _alternation(["Korea", "Korea Selatan", "Korea Sel"])
    assert spans(pattern, "Korea  Selatan.") == [(0, 14)]
    assert spans(pattern, "Korea Selatanku") == [(0, 5)]
    assert spans(pattern, "xKorea, Korea") == [(8, 13)]


@pytest.mark.parametrize("name", ["surface_re", "title_re", "treaty_re"])
def test_lexicon_tries_match_as_plain_alternations_on_the_corpora(resources: Resources, name: str) -> None:
    """The real lexicons (830 surface forms), on every sentence of the corpora and the seeds."""
    forms = {
        "surface_re": list(resources.surfaces),
        "title_re": list(resources.title_by_form),
        "treaty_re": [*resources.treaty_nouns, *resources.treaty_anaphors],
    }[name]
    compiled: re.Pattern[str] = getattr(resources, name)
    heads = parse_name_heads(_read("treaties.toml")) if name == "treaty_re" else []
    guards = "".join(rf"(?<!(?-i:{re.escape(h)})\s)" for h in heads)
    reference = plain(forms, compiled.flags & re.IGNORECASE, guards)
    assert len(TEXTS) > 40
    for text in TEXTS:
        for s in split_sentences(text, find_body(text), resources.abbreviations):
            got = [m.span() for m in compiled.finditer(text, s.start, s.end)]
            assert got == [m.span() for m in reference.finditer(text, s.start, s.end)], text[s.start : s.end]
