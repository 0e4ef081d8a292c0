"""The parts of titles of office, from ``data/title_parts.toml``, compiled.

A title nobody listed is read as ``[MODIFIER] HEAD [PORTFOLIO | BODY] ["(" ABBREVIATION ")"]`` by
:mod:`kg.extract.title_grammar`: heads ("Menteri", "Ketua", "Kepala"), modifiers ("Wakil"), portfolios
("Lingkungan Hidup" -> "Environment"), the nouns and words of bodies ("Badan Pemeriksa Keuangan"),
honorifics that stand before a name ("Dr.") and titles written as one word ("Mensesneg"). This module
only reads and checks the file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kg.errors import DataFileError

TAKES = frozenset({"portfolio", "body", "optional", "none"})
"""What follows a head: a portfolio, a body, either (optional), or nothing but the state and the name."""


@dataclass(frozen=True, slots=True)
class Head:
    """The head of a title ("Menteri", "Ketua"): its English, the word that joins its complement
    ("Minister *of* Trade", "Coordinating Minister *for* ..."), what must follow it, and its examples."""

    en: str
    of: str
    takes: str
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """A title written as one word ("Mensesneg"): the head and the portfolio it stands for."""

    head: str
    portfolio: str
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Home:
    """The institutions of one state that a title may name without the state ("Panglima TNI", "Menteri
    BUMN", "Ketua DPR"): their holder serves that state, unless the title names another."""

    state: str
    words: tuple[str, ...]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TitleGrammar:
    """The parts of titles, compiled. Keys of ``heads``, ``modifiers``, ``portfolio`` and
    ``abbreviations`` are lower case with single spaces."""

    heads: dict[str, Head]
    modifiers: dict[str, str]
    portfolio: dict[str, str]
    body_starts: frozenset[str]
    body_words: frozenset[str]
    honorifics: frozenset[str]
    abbreviations: dict[str, Abbreviation]
    start_re: re.Pattern[str]
    portfolio_re: re.Pattern[str]
    honorific_re: re.Pattern[str]
    """The honorifics, one or more words each ("Letnan Jenderal"), as written (case counts), each
    followed by white space."""
    homes: tuple[Home, ...] = ()
    home_re: re.Pattern[str] = re.compile("(?!)")
    """Any word of a :class:`Home`, as written (case counts: "BIN", not "bin")."""

    def home_of(self, title: str) -> str | None:
        """The state whose institution the text of a title names ("Panglima TNI": ID), if any."""
        found = self.home_re.search(title)
        if found is None:
            return None
        return next(h.state for h in self.homes if found.group(0) in h.words)


def norm(form: str) -> str:
    """A form as a key: lower case, single spaces."""
    return " ".join(form.lower().split())


def forms_re(forms: list[str]) -> re.Pattern[str]:
    """Any of ``forms`` as whole words, any case, the longest first; a space matches any white space."""
    return _words_re(forms, flags=re.IGNORECASE)


def strings(entry: dict[str, Any], key: str, file: str, name: str) -> tuple[str, ...]:
    """``entry[key]`` as a tuple of non-empty strings (none when absent), else a :class:`DataFileError`."""
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise DataFileError(file, name, f"{key!r} must be a list of non-empty strings")
    return tuple(value)


def check_keys(entry: dict[str, Any], allowed: set[str], required: set[str], file: str, name: str) -> None:
    """A :class:`DataFileError` naming ``entry`` if it has keys outside ``allowed`` or lacks one of
    ``required``."""
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise DataFileError(file, name, f"unknown keys {unknown}")
    missing = sorted(required - set(entry))
    if missing:
        raise DataFileError(file, name, f"missing keys {missing}")


def _heads(data: dict[str, Any], file: str) -> dict[str, Head]:
    heads: dict[str, Head] = {}
    allowed = {"forms", "en", "of", "takes", "examples", "counter_examples"}
    for entry in data.get("head", []):
        forms = strings(entry, "forms", file, "head")
        name = f"head {forms[0] if forms else '?'!r}"
        check_keys(entry, allowed, set(), file, name)
        if not forms or not isinstance(entry.get("en"), str) or not entry["en"]:
            raise DataFileError(file, name, "a head needs forms and en")
        if entry.get("takes") not in TAKES:
            raise DataFileError(file, name, f"takes must be one of {sorted(TAKES)}")
        head = Head(
            entry["en"],
            str(entry.get("of", "of")),
            entry["takes"],
            strings(entry, "examples", file, name),
            strings(entry, "counter_examples", file, name),
        )
        heads.update({norm(f): head for f in forms})
    return heads


def parse_title_parts(text: str, file: str = "title_parts.toml") -> TitleGrammar:
    """Parse and check the parts of titles."""
    data = tomllib.loads(text)
    heads = _heads(data, file)
    modifiers = {
        norm(f): str(m.get("en", ""))
        for m in data.get("modifier", [])
        for f in strings(m, "forms", file, "modifier")
    }
    portfolio = data.get("portfolio", {})
    if not isinstance(portfolio, dict) or not all(isinstance(v, str) and v for v in portfolio.values()):
        raise DataFileError(file, "portfolio", "must be a table of non-empty strings")
    by_key = {norm(k): v for k, v in portfolio.items()}
    abbreviations: dict[str, Abbreviation] = {}
    for entry in data.get("abbreviation", []):
        forms = strings(entry, "forms", file, "abbreviation")
        name = f"abbreviation {forms[0] if forms else '?'!r}"
        if (
            norm(str(entry.get("head", ""))) not in heads
            or norm(str(entry.get("portfolio", ""))) not in by_key
        ):
            raise DataFileError(file, name, "head and portfolio must be a listed head and portfolio")
        abbreviation = Abbreviation(
            norm(entry["head"]),
            norm(entry["portfolio"]),
            strings(entry, "examples", file, name),
            strings(entry, "counter_examples", file, name),
        )
        abbreviations.update({norm(f): abbreviation for f in forms})
    body = data.get("body", {})
    homes = _homes(data, file)
    return TitleGrammar(
        heads=heads,
        modifiers=modifiers,
        portfolio=by_key,
        body_starts=frozenset(strings(body, "starts", file, "body")),
        body_words=frozenset(strings(body, "words", file, "body")),
        honorifics=frozenset(strings(data.get("honorific", {}), "words", file, "honorific")),
        abbreviations=abbreviations,
        start_re=forms_re([*modifiers, *heads, *abbreviations]),
        portfolio_re=forms_re(list(portfolio)),
        honorific_re=_words_re(strings(data.get("honorific", {}), "words", file, "honorific"), r"\s+"),
        homes=homes,
        home_re=_words_re(w for h in homes for w in h.words),
    )


def _homes(data: dict[str, Any], file: str) -> tuple[Home, ...]:
    homes: list[Home] = []
    allowed = {"state", "words", "examples", "counter_examples"}
    for entry in data.get("home", []):
        name = f"home {entry.get('state', '?')!r}"
        check_keys(entry, allowed, set(), file, name)
        state = entry.get("state")
        if not isinstance(state, str) or not re.fullmatch(r"[A-Z]{2}", state):
            raise DataFileError(file, name, "state must be an ISO 3166-1 alpha-2 code")
        words = strings(entry, "words", file, name)
        examples = strings(entry, "examples", file, name)
        counter = strings(entry, "counter_examples", file, name)
        if not words or not examples or not counter:
            raise DataFileError(file, name, "needs words, examples and counter_examples")
        homes.append(Home(state, words, examples, counter))
    seen = [w for h in homes for w in h.words]
    if len(set(seen)) != len(seen):
        raise DataFileError(file, "home", "a word belongs to one state only")
    return tuple(homes)


def _words_re(words: Iterable[str], tail: str = r"(?![\w-])", flags: int = 0) -> re.Pattern[str]:
    """Any of ``words`` from a word's start, as written (unless ``flags`` say any case), the longest
    first, a space matching any white space, then ``tail`` (by default the word's end); no words, no
    match."""
    alternatives = sorted(set(words), key=lambda f: (-len(f), f))
    body = "|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in alternatives)
    return re.compile(rf"(?<![\w-])(?:{body}){tail}", flags) if body else re.compile("(?!)")
