"""Stage 1: find the body of an article, leaving out what is not news text.

In: the article text. Out: the spans of text that hold sentences, as ``(start, end)`` offsets into the
original text. Left out: a dateline ("JAKARTA -", "SEOUL (ANTARA) -", "New Delhi:"), "BACA JUGA:" lines with
the headline they link, photo captions and credits ("Foto: ...", "Editor: ..."), and one-line sub-headings.
Nothing is removed from the text itself, so every offset stays an offset into the original.
"""

from __future__ import annotations

import re

_READ_ALSO = re.compile(r"^\s*(?:baca\s+juga|lihat\s+juga|simak\s+juga)\b\s*:?\s*(.*)$", re.IGNORECASE)
_CREDIT = re.compile(
    r"^\s*[\(\[]?\s*(?:foto|editor|pewarta|penulis|reporter|sumber|keterangan\s+foto|caption|video)\s*:",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"""^\s*
    (?:[A-Z][A-Za-z.'’]*(?:\s+[A-Z][A-Za-z.'’]*){0,3})       # city, one to four capitalised words
    (?:\s*,\s*[A-Za-z.]+(?:\s+[A-Za-z.]+)?)?                   # ", KOMPAS.com"
    (?:\s*\([A-Za-z .]+\))?                                    # "(ANTARA)"
    \s*(?:[-–—]\s+|:\s+)                                       # " - " or ": "
    """,
    re.VERBOSE,
)
_END_PUNCT = re.compile(r"[.!?\"”’)]\s*$")


def _lines(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _is_subheading(line: str, next_line: str | None) -> bool:
    words = line.split()
    if not words or len(words) > 10 or _END_PUNCT.search(line):
        return False
    return next_line is not None and bool(next_line.strip())


def _dateline_end(line: str) -> int:
    match = _DATELINE.match(line)
    if match is None:
        return _outlet_dateline_end(line)
    head = line[: match.end()]
    letters = [c for c in head if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    # "JAKARTA -" is upper case; a mixed-case head must end with a colon ("New Delhi:").
    if letters and (upper / len(letters) > 0.6 or head.rstrip().endswith(":")):
        return match.end()
    return _outlet_dateline_end(line)


_SEPARATOR = re.compile(r"\s+[-–—]{1,2}\s*|\s*[–—]\s*|--")
_MAX_HEAD = 90
"""A dateline is at most this long ("Bogor, 2 Jumadil Akhir 1438/1 Maret 2017 (MINA) –")."""


def _outlet_dateline_end(line: str) -> int:
    """Where a dateline that names its outlet ends: "Jakarta (ANTARA News) -", "TEMPO.CO, Teheran –",
    "Bisnis.com, KAIRO--", "Jakarta, IDN Times -". Its words all begin with a capital, a digit or a
    bracket, and it holds a comma, a bracket or an outlet's dotted name."""
    sep = _SEPARATOR.search(line, 0, _MAX_HEAD)
    if sep is None or sep.start() == 0:
        return 0
    head = line[: sep.start()]
    words = head.replace(",", " ").split()
    if (
        not words
        or len(words) > 10
        or not all(w[0].isupper() or w[0].isdigit() or w[0] == "(" for w in words)
    ):
        return 0
    outlet = any("." in w.strip(".,()")[1:] for w in words)
    if "," in head or "(" in head or outlet:
        return sep.end()
    return 0


def find_dateline(text: str) -> tuple[int, int] | None:
    """The span of the dateline at the head of the article ("SEOUL (ANTARA) -"), if there is one.

    >>> find_dateline("SEOUL (ANTARA) - Korsel menolak.")
    (0, 17)
    """
    start = len(text) - len(text.lstrip())
    line_end = text.find("\n", start)
    line = text[start : line_end if line_end != -1 else len(text)]
    end = _dateline_end(line)
    return (start, start + end) if end else None


def find_body(text: str) -> tuple[tuple[int, int], ...]:
    """Return the spans of ``text`` that hold the article's sentences.

    >>> text = "JAKARTA - Indonesia memprotes.\\nBACA JUGA:\\nJudul lain\\nRusia menolak."
    >>> [text[s:e] for s, e in find_body(text)]
    ['Indonesia memprotes.', 'Rusia menolak.']
    """
    lines = _lines(text)
    body: list[tuple[int, int]] = []
    skip_next = False
    first = True
    for i, (start, end) in enumerate(lines):
        line = text[start:end]
        if skip_next:
            skip_next = False
            continue
        if not line.strip():
            continue
        read_also = _READ_ALSO.match(line)
        if read_also is not None:
            skip_next = not read_also.group(1).strip()
            continue
        if _CREDIT.match(line):
            continue
        following = next((text[s:e] for s, e in lines[i + 1 :] if text[s:e].strip()), None)
        if not first and _is_subheading(line, following):
            continue
        if first:
            start += _dateline_end(line)
            first = False
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            body.append((start, end))
    return tuple(body)
