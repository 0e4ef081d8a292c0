"""Issue 18: an article costs what its length costs. No time is measured here (the curve is
``python -m bench.length``, recorded in BENCHMARKS.md): the tests count the work the pipeline does.

- *Lines*: the Python lines the pipeline runs (``sys.settrace``), a loop over all mentions inside a loop
  over mentions counts once per pair.
- *Characters scanned*: the characters each regular expression of :mod:`kg.extract` is handed (the span
  from ``pos`` to ``endpos``, or the slice): a pattern searched over the whole sentence before each
  mention counts the sentence each time.

Both are counted on 1, 2 and 4 copies of the same text, after a warm-up (patterns compiled on first
use). A linear stage costs as much for each copy: the work from 2 to 4 copies is twice the work from 1
to 2 (the fixed cost cancels). A stage that compares each copy with all the ones before costs more for
each new copy: with the code before issue 18, the ratio was 3.4 to 3.6 on these inputs. The bound is
2.5. And hypothesis draws long runs of capitalized words, titles, quotes and commas, which must give
a graph before the hang guard (``pytest.mark.timeout``) stops the test.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import kg.extract
from kg.extract.pipeline import process
from kg.lexicon.resources import Resources
from kg.model import Article
from kg.rdf.graph import build_triples

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 27)
LINEAR = 2.5  # (work(4 copies) - work(2)) / (work(2) - work(1)): 2 when linear; 3.4-3.6 before issue 18

ARTICLE = "\n".join(
    (ROOT / "tests" / "corpus" / name).read_text(encoding="utf-8").strip()
    for name in ("001_natuna_nota_protes.txt", "012_saudi_iran_beijing.txt")
)
OFFICIALS = (
    "Menteri Luar Negeri Rusia Sergei Lavrov, Menteri Pertahanan Korea Selatan Shin Won-sik, Presiden "
    "Prancis Emmanuel Macron, Duta Besar China untuk Indonesia Xiao Qian, Sekjen PBB Antonio Guterres, "
)
CAPITALS = (
    'Presiden Wakil "Menteri Luar Negeri" Korea Selatan “Duta Besar” Rusia, Kepala Staf Gedung Putih '
    'Indonesia Kanselir "Jerman '
)
ACTS = (
    "Ghana memprotes Togo atas insiden itu, Mali akan memanggil pulang duta besarnya dari Niger jika insiden "
    "itu terulang, Kemlu Benin memanggil Duta Besar Chad atas pernyataan itu, Kenya mengecam keras Somalia "
    "dan mendesak agar Somalia menarik pasukannya, Peru tidak mengusir diplomat Chile, Ghana dan Togo "
    "menandatangani perjanjian perdagangan, "
)
TEXTS: dict[str, Callable[[int], str]] = {
    "article": lambda k: "\n".join([ARTICLE] * (2 * k)) + "\n",  # a long article: the corpus again
    "officials": lambda k: "Pertemuan itu dihadiri " + OFFICIALS * (8 * k) + "di Jakarta.",  # one sentence
    "capitals": lambda k: "Menurut " + CAPITALS * (16 * k) + "kemarin.",  # one sentence, no full stop
    "acts": lambda k: "Pekan ini " + ACTS * (4 * k) + "kata pejabat itu.",  # one sentence of many acts
}


def run(text: str, resources: Resources) -> None:
    process(Article("t", text), resources, TODAY)


def lines_run(text: str, resources: Resources) -> int:
    """The Python lines (and calls) the pipeline runs over ``text``."""
    count = 0

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1
        return tracer

    sys.settrace(tracer)
    try:
        run(text, resources)
    finally:
        sys.settrace(None)
    return count


class _Counting:
    """A compiled pattern that counts the characters it reads, then answers as the pattern does: for a
    search or a match, up to the end of what it found (all of the span when a search finds nothing); for
    a fullmatch or findall, the span; for finditer, up to each match the caller takes."""

    def __init__(self, pattern: re.Pattern[str], tally: list[int]) -> None:
        self._pattern, self._tally = pattern, tally

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._pattern, name)
        tally = self._tally
        if name in {"search", "match", "fullmatch", "findall"}:

            def counted(string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
                found = attr(string, pos, endpos)
                end = min(endpos, len(string))
                if name in {"search", "match"} and found is not None:
                    end = found.end()
                elif name == "match":
                    end = pos
                tally[0] += max(0, end - pos)
                return found

            return counted
        if name == "finditer":

            def lazily(string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
                read = pos
                for found in attr(string, pos, endpos):
                    tally[0] += found.end() - read
                    read = found.end()
                    yield found
                tally[0] += max(0, min(endpos, len(string)) - read)

            return lazily
        if name in {"sub", "subn", "split"}:

            def whole(*args: Any, **kwargs: Any) -> Any:
                tally[0] += len(args[0 if name == "split" else 1])
                return attr(*args, **kwargs)

            return whole
        return attr


@contextmanager
def counting_scans(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Count the characters handed to the module-level patterns of kg.extract and to ``re``'s functions."""
    tally = [0]
    for info in pkgutil.iter_modules(kg.extract.__path__):
        module = importlib.import_module(f"kg.extract.{info.name}")
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                monkeypatch.setattr(module, name, _Counting(value, tally))
    for name in ("search", "match", "fullmatch", "finditer", "findall"):
        original = getattr(re, name)

        def counted(pattern: Any, string: str, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            tally[0] += len(string)
            return _original(pattern, string, *args, **kwargs)

        monkeypatch.setattr(re, name, counted)
    try:
        yield tally
    finally:
        monkeypatch.undo()


def growth(work: Callable[[str], int], make: Callable[[int], str]) -> float:
    work(make(1))  # warm-up: the patterns each stage compiles on first use
    one, two, four = (work(make(k)) for k in (1, 2, 4))
    assert one < two < four
    return (four - two) / (two - one)


@pytest.mark.parametrize("kind", sorted(TEXTS))
def test_length_python_work_grows_linearly(kind: str, resources: Resources) -> None:
    ratio = growth(lambda text: lines_run(text, resources), TEXTS[kind])
    assert ratio <= LINEAR, f"{kind}: twice the text costs {ratio:.2f}× the lines of the step before"


@pytest.mark.parametrize("kind", sorted(TEXTS))
def test_length_characters_scanned_grow_linearly(
    kind: str, resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    def scanned(text: str) -> int:
        with counting_scans(monkeypatch) as tally:
            run(text, resources)
        return tally[0]

    ratio = growth(scanned, TEXTS[kind])
    assert ratio <= LINEAR, f"{kind}: twice the text scans {ratio:.2f}× the characters of the step before"


@pytest.mark.parametrize("kind", sorted(TEXTS))
def test_length_the_graph_grows_linearly(kind: str, resources: Resources) -> None:
    # the characters of the graph's literals: an act's content is a phrase, not the rest of its sentence
    def written(text: str) -> int:
        triples = build_triples(process(Article("t", text), resources, TODAY), resources)
        return sum(len(str(o)) for _, _, o in triples if o.__class__.__name__ == "Literal")

    ratio = growth(written, TEXTS[kind])
    assert ratio <= LINEAR, f"{kind}: twice the text writes {ratio:.2f}× the characters of the step before"


def test_length_the_counter_sees_a_quadratic_scan(
    resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The character count is no constant: a stage that reads the whole text before each sentence (what
    frames.py's speaker finder did) makes it grow faster than linearly, and the test above would fail."""
    import kg.extract.pipeline as pipeline

    real = pipeline.split_sentences

    def rescanning(text: str, *args: Any) -> Any:
        found = real(text, *args)
        for s in found:
            re.findall(r"\w+", text[: s.start])  # every sentence reads all the text before it
        return found

    monkeypatch.setattr(pipeline, "split_sentences", rescanning)

    def scanned(text: str) -> int:
        with counting_scans(monkeypatch) as tally:
            monkeypatch.setattr(pipeline, "split_sentences", rescanning)
            run(text, resources)
        return tally[0]

    assert growth(scanned, TEXTS["article"]) > LINEAR


# ------------------------------------------------------------------------------ long runs (hypothesis)

WORDS = [
    "Presiden", "Wakil", "Menteri", "Luar", "Negeri", "Pertahanan", "Duta", "Besar", "Perdana", "Sekjen",
    "Menlu", "Dubes", "Raja", "Pangeran", "Kepala", "Staf", "Juru", "Bicara", "Kementerian", "Kedutaan",
    "Rusia", "China", "Korea", "Selatan", "Utara", "Amerika", "Serikat", "Indonesia", "Jepang", "PBB",
    "NATO", "Uni", "Eropa", "Arab", "Saudi", "Perjanjian", "Traktat", "Kesepakatan", "Konvensi", "Jakarta",
    "Moskow", "Di", "Van", "Al", "Kim", "Jong", "Un", "Retno", "Marsudi", "Sergei", "Lavrov", "SBY",
    "Jokowi", "pihak", "pemerintah", "dan", "kata", "mengatakan", "yang", "memprotes", "menandatangani",
    "ia", "kedua", "negara", "ketiga", "itu", "tersebut", "pada", "Senin", "21", "Juni",
]  # fmt: skip
PUNCTUATION = [",", '"', "“", "”", "(", ")", "'", "-", ":", ";"]  # no full stop: one sentence
token = st.sampled_from(WORDS * 6 + PUNCTUATION)  # mostly words: long runs between the punctuation
LONG = settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # a long failing input is shown as it is drawn
)


@st.composite
def long_runs(draw: st.DrawFn) -> str:
    """A run of 800 to 10,000 tokens (6 to 80 KB), mostly one sentence: capitalized words, titles,
    names, quotes and commas (a drawn phrase, repeated), with a block of one token repeated in it."""
    tokens = draw(st.lists(token, min_size=20, max_size=100)) * draw(st.integers(40, 80))
    repeated = draw(st.sampled_from(['"', ",", "Presiden", "Menteri Luar Negeri", "pihak Rusia", "“Korea”"]))
    at = draw(st.integers(0, len(tokens)))
    tokens[at:at] = [repeated] * draw(st.integers(0, 2000))
    return "JAKARTA - " + " ".join(tokens) + "."


@pytest.mark.timeout(60)  # the hang guard: the code before issue 18 took 95 s for these 8 inputs
@LONG
@given(text=long_runs())
def test_length_long_runs_of_capitals_quotes_and_commas_finish(text: str, resources: Resources) -> None:
    extraction = process(Article("t", text), resources, TODAY)
    triples = build_triples(extraction, resources)
    assert all(0 <= s.start <= s.end <= len(text) for s in extraction.sentences)
    assert triples
