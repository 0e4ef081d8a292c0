"""Generate kg/data/states.toml from countries.csv, Babel (CLDR) and states_curated.toml.

Run by a developer, from the repository root, never at runtime::

    python -m tools.gen_states            # rewrite kg/data/states.toml
    python -m tools.gen_states --check    # exit 1 if the packaged file is out of date
    python -m tools.gen_states --stdout   # print the file instead of writing it

Inputs (all in kg/data):

- ``countries.csv``: ISO alpha-2/alpha-3 codes, Wikidata QIDs, English labels and aliases
  (Our World in Data, CC BY 4.0, see REFERENCE-LICENSE.md);
- the Indonesian territory names of CLDR, read through Babel: ``Locale("id").territories``;
- ``states_curated.toml``: hand curation per ISO code (English name, kind, extra names,
  abbreviations, capitals, demonyms, surface forms to drop) and the entries that are not in
  countries.csv (Kosovo, historical states).

The output is deterministic: entries sorted by iso2, list order fixed by the merge order below.
The tool fails when a surface form would belong to two entries, when a curated ``drop`` no longer
matches anything, or when the result does not parse with ``kg.lexicon.gazetteer.parse_states``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from babel import Locale

from kg.errors import DataFileError
from kg.lexicon.gazetteer import parse_states

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "kg" / "data"

# The 193 member states of the United Nations, by ISO 3166-1 alpha-2 code.
_UN_MEMBER_CODES = """
    AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF
    CG CH CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD
    GE GH GM GN GQ GR GT GW GY HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP
    KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML MM MN MR MT MU MV MW MX MY
    MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PT PW PY QA RO RS RU RW SA SB SC SD SE SG
    SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TZ UA UG US UY UZ VC VE
    VN VU WS YE ZA ZM ZW
"""
UN_MEMBERS = frozenset(_UN_MEMBER_CODES.split())

# Characters that mark an alias of countries.csv as an inverted form ("Korea, Rep."), a
# parenthetical ("Niger (the)") or an odd abbreviation ("U.Arab Emirates", "St.Kitts & Nevis").
_ODD_ALIAS_CHARS = frozenset(".,&/()[]")
# Traces of a mis-decoded UTF-8 string ("CuraÃ§ao").
_MOJIBAKE = ("Ã", "Â", "\ufffd")

_CURATED_KEYS = frozenset(
    {
        "en",
        "kind",
        "names",
        "abbreviations",
        "capitals",
        "demonyms",
        "drop",
        "iso3",
        "wikidata",
        "id",
        "ended",
    }
)
_NEW_ENTRY_KEYS = ("iso3", "wikidata", "en", "id", "kind")


class GenerationError(Exception):
    """The inputs cannot be merged into a consistent states.toml."""


@dataclass
class Draft:
    iso2: str
    iso3: str
    wikidata: str
    en: str
    id: str
    kind: str
    names: list[str] = field(default_factory=list)
    abbreviations: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    ended: str | None = None


def _add(target: list[str], forms: Iterable[str]) -> None:
    for form in forms:
        if form not in target:
            target.append(form)


def split_aliases(aliases: str) -> tuple[list[str], list[str]]:
    """The usable names and abbreviations among the ``|``-joined aliases of countries.csv."""
    names: list[str] = []
    abbreviations: list[str] = []
    for alias in (part.strip() for part in aliases.split("|")):
        if not alias or any(mark in alias for mark in _MOJIBAKE):
            continue
        if any(char in _ODD_ALIAS_CHARS for char in alias):
            continue
        if alias.isupper() and " " not in alias:
            abbreviations.append(alias)
        else:
            names.append(alias)
    return names, abbreviations


def _strings(iso2: str, key: str, value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise GenerationError(f"states_curated.toml: [{iso2}] {key} must be a list of strings")
    return list(value)


def _string(iso2: str, key: str, value: object) -> str:
    if not isinstance(value, str):
        raise GenerationError(f"states_curated.toml: [{iso2}] {key} must be a string")
    return value


def _curated_table(iso2: str, table: object) -> dict[str, object]:
    if not isinstance(table, dict):
        raise GenerationError(f"states_curated.toml: [{iso2}] must be a table")
    unknown = sorted(set(table) - _CURATED_KEYS)
    if unknown:
        raise GenerationError(f"states_curated.toml: [{iso2}] unknown key {unknown[0]!r}")
    return table


def _from_csv(row: dict[str, str], babel_names: dict[str, str]) -> Draft:
    iso2 = row["iso2"]
    if iso2 not in babel_names:
        raise GenerationError(f"Babel has no Indonesian name for {iso2}")
    draft = Draft(
        iso2=iso2,
        iso3=row["iso3"],
        wikidata=row["wikidata"],
        en=row["wikidata_label"],
        id=babel_names[iso2],
        kind="state" if iso2 in UN_MEMBERS else "territory",
    )
    alias_names, alias_abbreviations = split_aliases(row["aliases"])
    _add(draft.names, [draft.id, row["wikidata_label"], *alias_names])
    _add(draft.abbreviations, alias_abbreviations)
    return draft


def _new_entry(iso2: str, table: dict[str, object], babel_names: dict[str, str]) -> Draft:
    if "id" not in table and iso2 in babel_names:
        table = {**table, "id": babel_names[iso2]}
    missing = [key for key in _NEW_ENTRY_KEYS if key not in table]
    if missing:
        raise GenerationError(
            f"states_curated.toml: [{iso2}] is not in countries.csv and lacks {missing[0]!r}"
        )
    values = {key: _string(iso2, key, table[key]) for key in _NEW_ENTRY_KEYS}
    draft = Draft(
        iso2=iso2,
        iso3=values["iso3"],
        wikidata=values["wikidata"],
        en=values["en"],
        id=values["id"],
        kind=values["kind"],
    )
    _add(draft.names, [draft.id, draft.en])
    return draft


def _apply(draft: Draft, table: dict[str, object]) -> None:
    iso2 = draft.iso2
    if "en" in table:
        draft.en = _string(iso2, "en", table["en"])
        _add(draft.names, [draft.en])
    if "kind" in table:
        draft.kind = _string(iso2, "kind", table["kind"])
    if "ended" in table:
        draft.ended = _string(iso2, "ended", table["ended"])
    for key in ("names", "abbreviations", "capitals", "demonyms"):
        if key in table:
            _add(getattr(draft, key), _strings(iso2, key, table[key]))
    for form in _strings(iso2, "drop", table.get("drop", [])):
        found = False
        for key in ("names", "abbreviations"):
            forms: list[str] = getattr(draft, key)
            if form in forms:
                forms.remove(form)
                found = True
        if not found:
            raise GenerationError(
                f"states_curated.toml: [{iso2}] drops {form!r}, which is not a surface form"
            )


def _check_conflicts(drafts: Iterable[Draft]) -> None:
    owner: dict[str, str] = {}
    for draft in drafts:
        if not draft.names:
            raise GenerationError(f"{draft.iso2} has no name left")
        for form in (*draft.names, *draft.abbreviations, *draft.capitals, *draft.demonyms):
            previous = owner.setdefault(form.casefold(), draft.iso2)
            if previous != draft.iso2:
                raise GenerationError(f"surface form {form!r} maps to both {previous} and {draft.iso2}")


def build(countries_csv: str, curated_toml: str, babel_names: dict[str, str]) -> list[Draft]:
    """Merge the three sources into one draft per entry, sorted by iso2."""
    curated = tomllib.loads(curated_toml)
    rows = list(csv.DictReader(io.StringIO(countries_csv)))
    missing_members = UN_MEMBERS - {row["iso2"] for row in rows}
    if len(UN_MEMBERS) != 193 or missing_members:
        raise GenerationError(
            f"UN member list is wrong: {len(UN_MEMBERS)} codes, missing {sorted(missing_members)}"
        )
    drafts = {row["iso2"]: _from_csv(row, babel_names) for row in rows}
    for iso2, raw in curated.items():
        table = _curated_table(iso2, raw)
        if iso2 not in drafts:
            drafts[iso2] = _new_entry(iso2, table, babel_names)
        _apply(drafts[iso2], table)
    result = [drafts[iso2] for iso2 in sorted(drafts)]
    _check_conflicts(result)
    return result


def _toml_string(value: str) -> str:
    # A JSON string (not ASCII-escaped) is a valid TOML basic string.
    return json.dumps(value, ensure_ascii=False)


def _toml_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(_toml_string(value) for value in values) + "]"


HEADER = """\
# GENERATED by tools/gen_states.py -- do not edit by hand; curate kg/data/states_curated.toml
# and run `python -m tools.gen_states` from the repository root.
# Sources: countries.csv (Our World in Data, CC BY 4.0), Indonesian names from CLDR via Babel
# (Unicode licence), hand curation in states_curated.toml. See REFERENCE-LICENSE.md.
"""


def render(drafts: Iterable[Draft]) -> str:
    """The text of states.toml."""
    out = [HEADER]
    for draft in drafts:
        out.append("\n[[state]]\n")
        for key in ("iso2", "iso3", "wikidata", "en", "id", "kind"):
            out.append(f"{key} = {_toml_string(getattr(draft, key))}\n")
        for key in ("names", "abbreviations", "capitals", "demonyms"):
            out.append(f"{key} = {_toml_list(getattr(draft, key))}\n")
        if draft.ended is not None:
            out.append(f"ended = {_toml_string(draft.ended)}\n")
    return "".join(out)


def generate(data_dir: Path = DATA) -> str:
    """Read the inputs from ``data_dir`` and return the text of states.toml, validated."""
    countries = (data_dir / "countries.csv").read_text(encoding="utf-8")
    curated = (data_dir / "states_curated.toml").read_text(encoding="utf-8")
    babel_names = {code: name for code, name in Locale("id").territories.items() if len(code) == 2}
    text = render(build(countries, curated, babel_names))
    parse_states(text, "states.toml (generated)")
    return text


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data-dir", type=Path, default=DATA, help="directory of the inputs and the output")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--stdout", action="store_true", help="print states.toml instead of writing it")
    mode.add_argument("--check", action="store_true", help="exit 1 if states.toml is not up to date")
    args = parser.parse_args(argv)
    out = stdout if stdout is not None else sys.stdout
    try:
        text = generate(args.data_dir)
    except (GenerationError, DataFileError) as err:
        print(f"gen_states: {err}", file=sys.stderr)
        return 2
    target: Path = args.data_dir / "states.toml"
    if args.stdout:
        out.write(text)
        return 0
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"gen_states: {target} is out of date", file=sys.stderr)
            return 1
        return 0
    with target.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
