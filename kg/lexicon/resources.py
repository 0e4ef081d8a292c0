"""Load the packaged lexicons and patterns once, and compile what the stages match with.

``load_resources()`` returns a :class:`Resources` that is passed explicitly to the pipeline; nothing is
cached at module level. Every data file is checked on load: a malformed entry raises
:class:`kg.errors.DataFileError` naming the file and the entry.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources as importlib_resources
from typing import Any

from kg.errors import DataFileError
from kg.lexicon.gazetteer import Gazetteer, load_gazetteer
from kg.lexicon.modality import MODALITIES, Marker, parse_modality
from kg.lexicon.title_parts import TitleGrammar, check_keys, parse_title_parts, strings

EVENT_TYPES = frozenset(
    {
        "Protest",
        "Demand",
        "Summons",
        "Accusation",
        "Warning",
        "Statement",
        "Signing",
        "Summit",
        "Meeting",
        "StateVisit",
        "PolicyReview",
        "Condemnation",
        "Recall",
        "Ratification",
        "Suspension",
        "Withdrawal",
        "Annulment",
    }
)
PROTEST_FORMS = frozenset({"summons", "note", "recall", "expulsion", "condemnation", "complaint"})
TITLE_SCOPES = frozenset({"state", "envoy", "organization"})


@dataclass(frozen=True, slots=True)
class Title:
    """A title of office: the role it names and the words that write it."""

    id: str
    en: str
    label: str
    forms: tuple[str, ...]
    scope: str
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Trigger:
    """Words that signal an act of diplomacy of one type."""

    id: str
    event: str
    pattern: re.Pattern[str]
    form: str | None
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Surface:
    """What a surface form in the text names: ``kind`` state|capital|territory|org, ``key`` the entry."""

    kind: str
    key: str
    rule: str


@dataclass(frozen=True, eq=False)
class Resources:
    """Everything the pipeline reads from data files, compiled."""

    gazetteer: Gazetteer
    titles: tuple[Title, ...]
    triggers: tuple[Trigger, ...]
    abbreviations: frozenset[str]
    surfaces: dict[str, Surface]
    surface_re: re.Pattern[str]
    title_by_form: dict[str, Title]
    title_re: re.Pattern[str]
    treaty_nouns: dict[str, str]
    treaty_kinds: dict[str, str]
    treaty_anaphors: frozenset[str]
    treaty_re: re.Pattern[str]
    labels: dict[str, dict[str, Any]]
    nonstates: frozenset[str]
    title_grammar: TitleGrammar
    modality: tuple[Marker, ...]
    """The words that make an act planned, conditional, requested, threatened or denied."""
    treaty_name_res: tuple[re.Pattern[str], re.Pattern[str]] = (re.compile("(?!)"), re.compile("(?!)"))
    """A capitalized treaty noun right before a position ("Konvensi |Wina", "Perjanjian |Paris": searched
    at the end of the text before it), and an English one right after it ("Paris| Agreement": matched at
    the position): a capital there is part of the treaty's name."""

    def title(self, role: str) -> Title:
        """The title whose role id is ``role``."""
        return next(t for t in self.titles if t.id == role)


def _read(name: str) -> str:
    return (importlib_resources.files("kg") / "data" / name).read_text(encoding="utf-8")


def parse_titles(text: str, file: str = "titles.toml") -> tuple[Title, ...]:
    """Parse and check a titles file."""
    allowed = {"id", "en", "label", "forms", "scope", "examples", "counter_examples"}
    titles: list[Title] = []
    seen_forms: dict[str, str] = {}
    for i, entry in enumerate(tomllib.loads(text).get("title", [])):
        name = f"title {entry.get('id', i)!r}"
        check_keys(entry, allowed, {"id", "en", "label", "forms", "scope"}, file, name)
        if entry["scope"] not in TITLE_SCOPES:
            raise DataFileError(file, name, f"scope must be one of {sorted(TITLE_SCOPES)}")
        forms = strings(entry, "forms", file, name)
        for form in forms:
            if seen_forms.setdefault(form.lower(), entry["id"]) != entry["id"]:
                raise DataFileError(
                    file, name, f"form {form!r} already belongs to {seen_forms[form.lower()]!r}"
                )
        titles.append(
            Title(
                entry["id"],
                entry["en"],
                entry["label"],
                forms,
                entry["scope"],
                strings(entry, "examples", file, name),
                strings(entry, "counter_examples", file, name),
            )
        )
    if len({t.id for t in titles}) != len(titles):
        raise DataFileError(file, "title", "duplicate ids")
    return tuple(titles)


TRIGGER_BEFORE, TRIGGER_AFTER = r"(?<![\w-])(?:", r")(?![\w-])"
"""What a trigger's pattern is wrapped in: whole words only."""


def parse_triggers(text: str, file: str = "triggers.toml") -> tuple[Trigger, ...]:
    """Parse and check a triggers file."""
    allowed = {"id", "event", "pattern", "form", "examples", "counter_examples"}
    triggers: list[Trigger] = []
    for i, entry in enumerate(tomllib.loads(text).get("trigger", [])):
        name = f"trigger {entry.get('id', i)!r}"
        check_keys(entry, allowed, {"id", "event", "pattern"}, file, name)
        if entry["event"] not in EVENT_TYPES:
            raise DataFileError(file, name, f"unknown event type {entry['event']!r}")
        form = entry.get("form")
        if (form is None) != (entry["event"] != "Protest") or (
            form is not None and form not in PROTEST_FORMS
        ):
            raise DataFileError(file, name, f"a Protest needs a form in {sorted(PROTEST_FORMS)}, others none")
        try:
            pattern = re.compile(TRIGGER_BEFORE + entry["pattern"] + TRIGGER_AFTER, re.IGNORECASE)
        except re.error as exc:
            raise DataFileError(file, name, f"bad pattern: {exc}") from None
        triggers.append(
            Trigger(
                entry["id"],
                entry["event"],
                pattern,
                form,
                strings(entry, "examples", file, name),
                strings(entry, "counter_examples", file, name),
            )
        )
    if len({t.id for t in triggers}) != len(triggers):
        raise DataFileError(file, "trigger", "duplicate ids")
    return tuple(triggers)


def parse_abbreviations(text: str) -> frozenset[str]:
    """One abbreviation per line; ``#`` starts a comment."""
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _lowered(form: str) -> str:
    """``form`` in lower case, character by character (a character whose lower case is longer is kept)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in form)


def _trie(forms: Iterable[str]) -> dict[str, Any]:
    """The forms as a trie of characters; the key ``""`` marks the end of a form."""
    root: dict[str, Any] = {}
    for form in forms:
        node = root
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return root


def _char(char: str) -> str:
    return r"\s+" if char == " " else re.escape(char)


def _trie_pattern(node: dict[str, Any]) -> str:
    """A trie as a regular expression: at each character the longer forms are tried first, then the end
    of the shorter (the empty branch, last)."""
    branches = [_char(c) + _trie_pattern(child) for c, child in sorted(node.items()) if c]
    if "" in node:
        branches.append("")
    if not branches:
        return "(?!)"  # no form: nothing matches
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _alternation(forms: list[str], flags: int = 0, guards: str = "") -> re.Pattern[str]:
    r"""Any of ``forms`` as a whole word: where several start at one position, the longest that ends at
    a word's end. A space in a form matches any run of whitespace. ``guards``: lookbehind assertions at
    the start of a match.

    Compiled as a trie, so a position costs one branch per character read, not one per form (830
    surface forms). Case-sensitive and unguarded, each first character is a literal at the top, with the
    word-start check after it (``(?<!\w[\s\S])`` one character on is ``(?<!\w)`` at the start), so the engine
    skips the positions where no form can start. Any case (``re.IGNORECASE``): the trie is of the forms in
    lower case, so that forms differing only in case share their path.
    """
    if flags & re.IGNORECASE or guards:
        root = _trie({_lowered(f) for f in forms} if flags & re.IGNORECASE else set(forms))
        return re.compile(rf"(?<![\w]){guards}{_trie_pattern(root)}(?![\w])", flags)
    root = _trie(set(forms))
    if not root:
        return re.compile("(?!)")
    starts = "|".join(_char(c) + r"(?<!\w[\s\S])" + _trie_pattern(child) for c, child in sorted(root.items()))
    return re.compile(rf"(?:{starts})(?![\w])", flags)


def _surfaces(gazetteer: Gazetteer) -> dict[str, Surface]:
    surfaces: dict[str, Surface] = {}
    for state in gazetteer.states:
        kind = "state" if state.kind == "state" else "territory"
        for form in (*state.names, *state.demonyms):
            surfaces[form] = Surface(kind, state.iso2, f"states.toml#{state.iso2}/name")
        for form in state.abbreviations:
            surfaces[form] = Surface(kind, state.iso2, f"states.toml#{state.iso2}/abbreviation")
        for form in state.capitals:
            surfaces[form] = Surface("capital", state.iso2, f"states.toml#{state.iso2}/capital")
    for org in gazetteer.organizations:
        for form in (*org.names, *org.abbreviations):
            surfaces[form] = Surface("org", org.key, f"organizations.toml#{org.key}")
    return surfaces


def parse_treaty_words(text: str, file: str = "treaties.toml") -> tuple[dict[str, str], dict[str, str]]:
    """The treaty nouns and kinds, each mapped to English."""
    data = tomllib.loads(text)
    for table in ("nouns", "kinds"):
        value = data.get(table)
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise DataFileError(file, table, "must be a table of strings")
    return dict(data["nouns"]), dict(data["kinds"])


def parse_treaty_anaphors(text: str, file: str = "treaties.toml") -> dict[str, str]:
    """The nouns that name a treaty only with an anaphor after them, each mapped to English."""
    value = tomllib.loads(text).get("anaphors", {})
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise DataFileError(file, "anaphors", "must be a table of strings")
    return dict(value)


def parse_name_heads(text: str, file: str = "treaties.toml") -> list[str]:
    """Words that begin the proper name of a body: a treaty noun right after one is part of that name
    ("Pemerintah Kesepakatan Nasional", "Organisasi Perjanjian Atlantik Utara"), not a treaty."""
    value = tomllib.loads(text).get("name_heads", {}).get("words", [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.isalpha() for v in value):
        raise DataFileError(file, "name_heads", "words must be a list of single words")
    return list(value)


def _treaty_alternation(forms: list[str], heads: list[str]) -> re.Pattern[str]:
    """The treaty nouns, any case, but not right after a capitalized name head ("Pemerintah Kesepakatan")."""
    guards = "".join(rf"(?<!(?-i:{re.escape(h)})\s)" for h in heads)
    return _alternation(forms, re.IGNORECASE, guards)


def _treaty_name_alternations(nouns: list[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The treaty nouns that begin a treaty's name, capitalized ("Konvensi "), and those that end an
    English one (" Agreement")."""
    before = sorted({n[:1].upper() + n[1:] for n in nouns if n[:1].islower()}, key=lambda f: (-len(f), f))
    after = sorted({n for n in nouns if n[:1].isupper()}, key=lambda f: (-len(f), f))

    def words(forms: list[str]) -> str:
        return "|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in forms)

    return re.compile(rf"(?<![\w-])(?:{words(before)})\s+$"), re.compile(rf"\s+(?:{words(after)})(?![\w-])")


def parse_labels(text: str, file: str = "labels.toml") -> dict[str, dict[str, Any]]:
    """Labels for event types, forms, modalities, statuses and label phrases."""
    data = tomllib.loads(text)
    missing = sorted({"event", "form", "status", "phrase"} - set(data))
    if missing:
        raise DataFileError(file, "tables", f"missing {missing}")
    unlabelled = sorted(EVENT_TYPES - set(data["event"]))
    if unlabelled:
        raise DataFileError(file, "event", f"no label for {unlabelled}")
    unnamed = sorted(set(MODALITIES) - set(data.get("modality", {})))
    if unnamed:
        raise DataFileError(file, "modality", f"no label for {unnamed}")
    return data


def load_resources(*, people: bool = True) -> Resources:
    """Load every packaged data file. ``people=False`` leaves the lexicon of known people empty."""
    gazetteer = load_gazetteer(people=people)
    titles = parse_titles(_read("titles.toml"))
    surfaces = _surfaces(gazetteer)
    title_by_form = {form.lower(): title for title in titles for form in title.forms}
    nouns, kinds = parse_treaty_words(_read("treaties.toml"))
    anaphors = parse_treaty_anaphors(_read("treaties.toml"))
    return Resources(
        gazetteer=gazetteer,
        titles=titles,
        triggers=parse_triggers(_read("triggers.toml")),
        abbreviations=parse_abbreviations(_read("abbreviations.txt")),
        surfaces=surfaces,
        surface_re=_alternation(list(surfaces)),
        title_by_form={re.sub(r"\s+", " ", k): v for k, v in title_by_form.items()},
        title_re=_alternation(list(title_by_form), re.IGNORECASE),
        treaty_nouns=nouns,
        treaty_kinds=kinds,
        treaty_anaphors=frozenset(anaphors),
        treaty_re=_treaty_alternation([*nouns, *anaphors], parse_name_heads(_read("treaties.toml"))),
        labels=parse_labels(_read("labels.toml")),
        nonstates=parse_abbreviations(_read("nonstates.txt")),
        title_grammar=parse_title_parts(_read("title_parts.toml")),
        modality=parse_modality(_read("modality.toml"), EVENT_TYPES),
        treaty_name_res=_treaty_name_alternations(list(nouns)),
    )
