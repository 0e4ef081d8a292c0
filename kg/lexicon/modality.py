"""The words that say an act is only planned, conditional, asked for, threatened or denied
(``kg/data/modality.toml``), checked and compiled.

A :class:`Marker` is read by :mod:`kg.extract.modality` with the text before a trigger: its pattern
must end where ``reach`` allows (right before the verb, in its clause, or in its sentence).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from kg.errors import DataFileError
from kg.lexicon.title_parts import check_keys, strings

ASSERTED = "asserted"
"""The modality of an act no marker governs: the text says it was done."""

MODALITIES = ("denied", "threatened", "requested", "conditional", "planned")
"""The modalities a marker gives, strongest first: when several govern one act, the first wins."""

REACHES = frozenset({"verb", "clause", "sentence"})

_HELPERS = (
    r"(?:akan|untuk|dapat|bisa|boleh|perlu|bersedia|mau|ingin|siap|pernah|telah|sudah|segera|kembali"
    r"|juga|pun|lagi|sempat)"
)
_GAPS = {
    # up to two helpers and one verb (with "maupun", "atau", "dan" after it: "membenarkan maupun")
    "verb": rf"\s+(?:{_HELPERS}\s+){{0,2}}(?:(?:me|ber)\w+\s+(?:(?:maupun|ataupun|atau|dan)\s+)?)?$",
    # no clause break between the marker and the trigger
    "clause": r"(?:(?![,;:]|\s(?:dan|serta|tetapi|namun|sementara|sedangkan|lalu|kemudian|karena|sehingga"
    r"|setelah)\s).)*$",
    # one comma at most between them ("Jika A, B ..." governs B), and no new main clause ("; B", ", tetapi
    # B"): "X menjamin Y jika terjadi Z, ketentuan yang ..., setelah W dibatalkan" does not govern W
    "sentence": r"[^,;]*(?:,(?!\s*(?:dan|serta|tetapi|namun|sedangkan|sementara|lalu|kemudian)\s)[^,;]*)?$",
}


@dataclass(frozen=True, slots=True)
class Marker:
    """Words before a trigger that give its act a modality."""

    id: str
    modality: str
    reach: str
    event: str
    pattern: re.Pattern[str]
    """The marker and the gap its reach allows up to the end of the text before the trigger."""
    word: re.Pattern[str]
    """The marker alone, as a whole word."""
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


def parse_modality(text: str, event_types: frozenset[str], file: str = "modality.toml") -> tuple[Marker, ...]:
    """Parse and check a modality file; ``event_types`` are the event types an example may name."""
    allowed = {"id", "modality", "reach", "event", "pattern", "examples", "counter_examples"}
    markers: list[Marker] = []
    for i, entry in enumerate(tomllib.loads(text).get("marker", [])):
        name = f"marker {entry.get('id', i)!r}"
        check_keys(entry, allowed, allowed, file, name)
        if entry["modality"] not in MODALITIES:
            raise DataFileError(file, name, f"modality must be one of {list(MODALITIES)}")
        if entry["reach"] not in REACHES:
            raise DataFileError(file, name, f"reach must be one of {sorted(REACHES)}")
        if entry["event"] not in event_types:
            raise DataFileError(file, name, f"unknown event type {entry['event']!r}")
        try:
            word = re.compile(rf"(?<![\w-])(?:{entry['pattern']})(?![\w-])", re.IGNORECASE)
            pattern = re.compile(word.pattern + _GAPS[entry["reach"]], re.IGNORECASE)
        except re.error as exc:
            raise DataFileError(file, name, f"bad pattern: {exc}") from None
        examples = strings(entry, "examples", file, name)
        counter = strings(entry, "counter_examples", file, name)
        if not examples or not counter:
            raise DataFileError(file, name, "needs examples and counter_examples")
        markers.append(
            Marker(
                entry["id"],
                entry["modality"],
                entry["reach"],
                entry["event"],
                pattern,
                word,
                examples,
                counter,
            )
        )
    if len({m.id for m in markers}) != len(markers):
        raise DataFileError(file, "marker", "duplicate ids")
    return tuple(markers)
