"""Stage 5b, the modality of an act: whether the text says it was done, or only that it is planned,
conditional, asked for, threatened or denied.

Read from the words before the trigger in its sentence (the markers of ``kg/data/modality.toml``,
:mod:`kg.lexicon.modality`): "akan menandatangani" is planned, "Jika A, B memanggil pulang ..."
conditional, "mendesak agar Kemlu memanggil ..." requested, "mengancam akan menarik ..." threatened,
"tidak memprotes", "membantah telah memanggil ..." denied. When several markers govern one act the
strongest wins (:data:`kg.lexicon.modality.MODALITIES`); a planned act followed in its sentence by a
condition ("akan menarik ... jika ...") is conditional. Only the words on the trigger's side of a quotation
mark count. An act no marker governs is asserted, and so is
a policy review said to come ("akan meninjau kembali"): the announcement of a review to come is the act.
"""

from __future__ import annotations

from kg.lexicon.modality import ASSERTED, MODALITIES, Marker
from kg.model import Sentence

_RANK = {m: i for i, m in enumerate(MODALITIES)}
_QUOTES = ('"', "\u201c", "\u201d")
"""Quotation marks: words quoted before or after a trigger ("“... jika kita bekerja sama,” kata X") do
not govern it, nor words outside a quote the trigger is in."""


REACH = 300
"""How far from a trigger (in characters) its markers are looked for, in its sentence: more than a
clause of news is long ("Jika ..., X akan memanggil ..." fits), and a bound, so that a long sentence of
many acts costs time linear in its length."""

_FUTURE_BY_NATURE = frozenset({"PolicyReview"})
"""Acts that are announcements of what is to come: "planned" does not apply to them."""


def modality_of(
    markers: tuple[Marker, ...], text: str, sentence: Sentence, start: int, end: int, event: str = ""
) -> str:
    """The modality of the act (of type ``event``) whose trigger spans ``[start, end)`` in ``sentence``."""
    floor = max(sentence.start, start - REACH)
    lead = max(floor, *(text.rfind(q, floor, start) + 1 for q in _QUOTES))
    found = [m.modality for m in markers if m.pattern.search(text, lead, start)]
    if event in _FUTURE_BY_NATURE:
        found = [m for m in found if m != "planned"]
    if not found:
        return ASSERTED
    modality = min(found, key=_RANK.__getitem__)
    ceiling = min(sentence.end, end + REACH)
    tail = min((i for q in _QUOTES if (i := text.find(q, end, ceiling)) >= 0), default=ceiling)
    if modality == "planned" and any(
        m.word.search(text, end, tail) for m in markers if m.modality == "conditional"
    ):
        return "conditional"  # "Indonesia akan menarik duta besarnya jika ..."
    return modality
