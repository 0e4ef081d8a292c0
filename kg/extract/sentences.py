"""Stage 2: split the body into sentences with character offsets.

In: the article text and its body spans (from :mod:`kg.extract.body`). Out: :class:`kg.model.Sentence` records.
A sentence ends at ``.``, ``!`` or ``?`` (with any closing quote) before white space and a capital letter,
a digit or an opening quote, and at the end of a paragraph; not after an abbreviation from
``kg/data/abbreviations.txt`` or initials ("Retno L. Marsudi", "S.V. Stepashin").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.model import Sentence

_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
_BOUNDARY = re.compile(r"[.!?]+[\"”’)]*(?=\s+[\"“(]?[A-Z0-9])")


def _ends_with_abbreviation(text: str, end: int, abbreviations: frozenset[str]) -> bool:
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start : end + 1].lstrip('"“(')
    if word in abbreviations:
        return True
    return _INITIALS.fullmatch(word) is not None  # "Retno L. Marsudi", "S.V. Stepashin"


def _split_span(text: str, start: int, end: int, abbreviations: frozenset[str]) -> Iterable[tuple[int, int]]:
    chunk_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        if _ends_with_abbreviation(text, match.start(), abbreviations):
            continue
        yield chunk_start, match.end()
        chunk_start = match.end()
        while chunk_start < end and text[chunk_start].isspace():
            chunk_start += 1
    if chunk_start < end:
        yield chunk_start, end


def split_sentences(
    text: str, body: Iterable[tuple[int, int]], abbreviations: frozenset[str]
) -> tuple[Sentence, ...]:
    """Split each body span of ``text`` into sentences.

    >>> t = "Dr. Retno tiba. Ia bertemu Menlu RI."
    >>> [t[s.start:s.end] for s in split_sentences(t, [(0, len(t))], frozenset({"Dr."}))]
    ['Dr. Retno tiba.', 'Ia bertemu Menlu RI.']
    """
    spans = [span for start, end in body for span in _split_span(text, start, end, abbreviations)]
    return tuple(Sentence(index=i, start=s, end=e) for i, (s, e) in enumerate(spans))
