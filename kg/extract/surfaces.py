"""Stage 3, the lexicon at one position: which surface form of a state, capital, territory or
organization (:attr:`kg.lexicon.resources.Resources.surfaces`) starts exactly there. Shared by the
finders of :mod:`kg.extract.mentions` and :mod:`kg.extract.titles` and by :mod:`kg.extract.entities`.
"""

from __future__ import annotations

import re

from kg.lexicon.resources import Resources, Surface


def surface_at(text: str, pos: int, end: int, resources: Resources) -> tuple[Surface, int] | None:
    """The lexicon surface form that starts exactly at ``pos`` (after white space), with its end."""
    while pos < end and text[pos] == " ":
        pos += 1
    match = resources.surface_re.match(text, pos, end)
    if match is None:
        return None
    return resources.surfaces[_norm_space(match.group(0))], match.end()


def _norm_space(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def _state_after(text: str, pos: int, end: int, resources: Resources) -> tuple[str, int] | None:
    found = surface_at(text, pos, end, resources)
    if found is None or found[0].kind not in {"state", "capital"}:
        return None
    return found[0].key, found[1]
