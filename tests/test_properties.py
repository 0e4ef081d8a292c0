"""Issue 7: properties of the builder and the readers over generated input (hypothesis, derandomized).

For any Unicode text, and for articles of tests/corpus mutated (deletions, duplications, swapped
sentences, injected punctuation, HTML and quotes), the builder raises nothing but the project's own
errors, and the graph it gives parses with rdflib and with pyoxigraph (strict), conforms to the shapes,
has offsets that index its own text, and is byte-identical across runs and across PYTHONHASHSEED values.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg.errors import InputError, KgError
from kg.extract.pipeline import process
from kg.lexicon.resources import Resources
from kg.model import Article
from kg.rdf.export import serialize
from kg.rdf.graph import build_graph
from kg.rdf.iri import mint
from kg.rdf.validation import validate_graph
from kg.rdf.vocab import NIF
from kg.read import decode_text, html_to_text, looks_like_html, read_article

ROOT = Path(__file__).resolve().parent.parent
CORPUS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "corpus").glob("*.txt"))]
TODAY = dt.date(2026, 11, 27)
FAST = settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
INJECTED = ['"', "“", "”", "'", "‘", "’", "<b>", "</p>", "<script>x()</script>", "&amp;", "&#x3C;", "\n",
            "\r\n", "\u0000", ">", "<", "\\", ".", ",", ";", ":", "(", ")", " - ", "—", "\t", "\u200b",
            "\ufeff", "\u2028", "é", "Pasal 4", "Dubes ", "Menlu ", "Korsel", "(30/12)", "1.000", "  ",
            "\U0001f600", "\u0301"]  # fmt: skip


@st.composite
def mutated_articles(draw: st.DrawFn) -> str:
    """An article of the corpus with up to six random edits."""
    text = draw(st.sampled_from(CORPUS))
    for _ in range(draw(st.integers(1, 6))):
        if len(text) < 2:
            break
        i = draw(st.integers(0, len(text) - 1))
        j = min(len(text), i + draw(st.integers(1, 300)))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "inject"]))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "inject":
            text = text[:i] + draw(st.sampled_from(INJECTED)) + text[i:]
        else:
            sentences = re.split(r"(?<=[.!?])\s+", text)
            a = draw(st.integers(0, len(sentences) - 1))
            b = draw(st.integers(0, len(sentences) - 1))
            sentences[a], sentences[b] = sentences[b], sentences[a]
            text = " ".join(sentences)
    return text


def turtle_of(text: str, resources: Resources) -> tuple[Graph, bytes] | None:
    """The graph and Turtle of ``text``; None when the builder refuses it with one of its own errors."""
    try:
        graph = build_graph(process(Article("t", text), resources, TODAY), resources)
    except KgError:
        return None
    return graph, serialize(graph, "ttl", mint("graph", "t"))


def check_article(text: str, resources: Resources, shapes: tuple[Graph, Graph]) -> bool:
    """Check the graph of ``text``; False when the builder refused it (one of its own errors), True
    when it built and passed every check."""
    built = turtle_of(text, resources)
    if built is None:
        return False
    graph, data = built
    again = turtle_of(text, resources)
    assert again is not None and again[1] == data  # byte-identical across runs
    assert len(list(ox.parse(data, format=ox.RdfFormat.TURTLE))) == len(graph)
    back = Graph().parse(data=data, format="turtle")
    assert len(back) == len(graph)
    (stored,) = [str(o) for o in back.objects(None, NIF.isString)]
    assert stored == text
    for node in back.subjects(NIF.anchorOf, None):
        begin, end = back.value(node, NIF.beginIndex), back.value(node, NIF.endIndex)
        assert stored[int(begin) : int(end)] == str(back.value(node, NIF.anchorOf))  # type: ignore[arg-type]
    report = validate_graph(graph, *shapes)
    assert report.conforms, report.violations
    return True


def most_build(outcomes: list[bool], share: float) -> None:
    """At least ``share`` of the generated articles built (and so were checked): a property test whose
    every article is refused checks nothing."""
    assert outcomes, "no example was generated"
    assert sum(outcomes) >= share * len(outcomes), f"{sum(outcomes)} of {len(outcomes)} articles built"


def test_any_text_builds_a_valid_graph_or_a_clear_error(
    resources: Resources, shapes: tuple[Graph, Graph]
) -> None:
    outcomes: list[bool] = []

    @FAST
    @given(text=st.text(min_size=1, max_size=400))
    def run(text: str) -> None:
        outcomes.append(check_article(text, resources, shapes))

    run()
    most_build(outcomes, 0.5)  # any text: even noise is a (nearly empty) article, not an error


def test_mutated_articles_build_valid_graphs(resources: Resources, shapes: tuple[Graph, Graph]) -> None:
    outcomes: list[bool] = []

    @settings(FAST, max_examples=40)
    @given(text=mutated_articles())
    def run(text: str) -> None:
        outcomes.append(check_article(text, resources, shapes))

    run()
    most_build(outcomes, 0.9)


def test_hostile_characters_build_valid_graphs(resources: Resources, shapes: tuple[Graph, Graph]) -> None:
    outcomes: list[bool] = []

    @FAST
    @given(
        text=st.text(
            alphabet=st.sampled_from(list("Menteri Luar Negeri Retno Marsudi \"'<>&;\n\r\x00\\#{}.()-—“”")),
            max_size=200,
        )
    )
    def run(text: str) -> None:
        outcomes.append(
            check_article("Menteri Luar Negeri Retno Marsudi mengatakan " + text, resources, shapes)
        )

    run()
    most_build(outcomes, 0.9)


# -- readers ----------------------------------------------------------------------------------------
@FAST
@given(data=st.binary(max_size=2000))
def test_any_bytes_decode_or_are_refused_with_a_clear_error(data: bytes) -> None:
    try:
        text = decode_text(data, "x")
    except InputError as exc:
        assert str(exc).startswith("x: ") and "\n" not in str(exc)
    else:
        assert "\r" not in text and "\x00" not in text


@FAST
@given(text=st.text(max_size=300))
def test_every_unicode_encoding_with_a_bom_decodes_alike(text: str) -> None:
    def outcome(data: bytes) -> str:
        try:
            return decode_text(data, "x")
        except InputError:
            return "refused"

    expected = outcome(text.encode("utf-8"))
    for data in (
        codecs.BOM_UTF8 + text.encode("utf-8"),
        text.encode("utf-16"),
        codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        text.encode("utf-32"),
    ):
        if text.startswith("\ufeff"):  # a second BOM is text
            continue
        assert outcome(data) == expected


@FAST
@given(text=st.text(max_size=300))
def test_html_to_text_never_raises(text: str) -> None:
    stripped, title = html_to_text(text)
    assert title is None or "\n" not in title
    assert "\n\n" not in stripped and stripped == stripped.strip()
    looks_like_html(text)


@FAST
@given(text=mutated_articles())
def test_html_pages_lose_their_tags_and_scripts(text: str) -> None:
    page = f"<html><head><script>steal()</script></head><body><p>{text}</p><style>p{{}}</style></body></html>"
    assert looks_like_html(page)
    stripped, _ = html_to_text(page)
    assert "</p>" not in stripped and "steal()" not in stripped and "p{}" not in stripped
    assert "x()" not in stripped  # an injected <script>x()</script> is dropped too


@settings(max_examples=30, deadline=None, derandomize=True)
@given(data=st.binary(max_size=500), sidecar=st.binary(max_size=100) | st.none())
def test_read_article_raises_only_input_errors(tmp_path_factory: pytest.TempPathFactory, data: bytes,
                                               sidecar: bytes | None) -> None:  # fmt: skip
    folder = tmp_path_factory.mktemp("read")
    path = folder / "a.txt"
    path.write_bytes(data)
    if sidecar is not None:
        path.with_suffix(".json").write_bytes(sidecar)
    try:
        read_article(path)
    except InputError as exc:
        assert str(exc).startswith(str(folder)) and "\n" not in str(exc)


# -- across PYTHONHASHSEED ---------------------------------------------------------------------------
def test_output_is_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    rng = random.Random(3)
    inputs = tmp_path / "in"
    inputs.mkdir()
    for number in range(3):
        text = rng.choice(CORPUS)
        for _ in range(3):
            i = rng.randrange(len(text))
            text = text[:i] + rng.choice(INJECTED) + text[i + rng.randrange(20) :]
        (inputs / f"m{number}.txt").write_text(text.replace("\x00", ""), encoding="utf-8")
    (inputs / "u.txt").write_text(
        "Menlu RI “bertemu” Dubes <Rusia> & \\ 中国 " + chr(0x10FFFF), encoding="utf-8"
    )
    outputs = []
    for seed in ("0", "4242"):
        out = tmp_path / f"out-{seed}"
        subprocess.run(
            [sys.executable, "-m", "kg", "build", str(inputs), "--out", str(out)],
            check=True, capture_output=True, env={**os.environ, "KG_TODAY": "2026-11-27", "PYTHONHASHSEED": seed},
        )  # fmt: skip
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert len(outputs[0]) == 8
    assert outputs[0] == outputs[1]
