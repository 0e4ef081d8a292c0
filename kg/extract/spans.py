"""Questions about spans of the text asked once per mention, answered in O(log n) instead of by a scan.

An article of 2 MB has tens of thousands of mentions; a stage that asks of each mention "is it inside a
title?" by looking at every title, or of each pronoun "who was named last before it?" by looking at every
name, costs the square of the length (issue #18). These indexes are built once per article, in
O(n log n), and answer the same question as the scan.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from kg.model import Mention


class Nesting:
    """Whether a mention lies inside one of ``spans`` and is not that span itself: some span starts at
    or before it and ends at or after it, and is not the same span. The spans are sorted by start, with
    the furthest end among those that start before each.

    >>> inside = Nesting([(0, 10), (20, 25)])
    >>> [inside(Mention(a, b, "state", "X", "r", 0)) for a, b in [(2, 5), (20, 25), (20, 24), (9, 12)]]
    [True, False, True, False]
    """

    __slots__ = ("_longest", "_reach", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(set(spans))
        self._starts = [s for s, _ in ordered]
        self._reach: list[int] = []  # the furthest end of the spans up to each, in start order
        self._longest: dict[int, int] = {}  # start -> the furthest end of the spans starting there
        furthest = -1
        for s, e in ordered:
            furthest = max(furthest, e)
            self._reach.append(furthest)
            self._longest[s] = max(self._longest.get(s, e), e)

    def __call__(self, m: Mention) -> bool:
        before = bisect_left(self._starts, m.start)  # the spans that start before the mention
        if before and self._reach[before - 1] >= m.end:
            return True
        return self._longest.get(m.start, -1) > m.end  # one that starts with it and ends after it


class Covering:
    """Whether a position falls in one of ``spans`` (``start <= pos < end``).

    >>> covers = Covering([(0, 10), (3, 4), (20, 25)])
    >>> [covers(p) for p in (0, 9, 10, 19, 20, 25)]
    [True, True, False, False, True, False]
    """

    __slots__ = ("_reach", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach: list[int] = []  # the furthest end of the spans up to each, in start order
        for _, e in ordered:
            self._reach.append(max(e, self._reach[-1]) if self._reach else e)

    def __call__(self, pos: int) -> bool:
        n = bisect_right(self._starts, pos)  # the spans that start at or before pos
        return bool(n) and self._reach[n - 1] > pos


class LastBefore:
    """Of items ``(end, index)``: the greatest index among those that end at or before a position ("the
    person named last before this pronoun", "the last ministry named before 'kementerian itu'").

    >>> last = LastBefore([(5, 0), (9, 1), (7, 2)])
    >>> [last.before(p) for p in (4, 5, 8, 9)]
    [None, 0, 2, 2]
    """

    __slots__ = ("_best", "_ends")

    def __init__(self, items: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(items)
        self._ends = [end for end, _ in ordered]
        self._best: list[int] = []  # the greatest index among the items up to each
        for _, index in ordered:
            self._best.append(max(index, self._best[-1]) if self._best else index)

    def before(self, pos: int) -> int | None:
        n = bisect_right(self._ends, pos)
        return self._best[n - 1] if n else None


def ends_with(pattern: re.Pattern[str], text: str, start: int, pos: int, reach: int) -> re.Match[str] | None:
    """``pattern.search(text, start, pos)`` for a pattern that ends in ``\\s+$`` (the words right before
    ``pos``: "tanpa ", "pihak "), looking back only over the white space before ``pos`` and ``reach``
    characters more, the longest the pattern's words can be: the cost is that, not the length of the
    text from ``start`` (asked for each mention of a long sentence, quadratic).

    >>> ends_with(re.compile(r"(?<![\\w-])(?:tanpa|belum\\s+ada)\\s+$"), "kata tanpa  X", 0, 12, 9).span()
    (5, 12)
    """
    end = pos
    while end > start and text[end - 1].isspace():
        end -= 1
    return pattern.search(text, max(start, end - reach), pos)
