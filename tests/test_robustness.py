"""Issue 7: bad and hostile input. Every case is one clear line on stderr, a non-zero exit, no traceback,
no partial output and nothing already on disk lost; what is accepted with a doubt is a warning line.

Binary and big inputs are generated here in tmp_path; nothing big is committed.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import random
import re
import socket
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF

from kg.cli import cli
from kg.errors import InputError, OutputError
from kg.rdf.export import write_atomic
from kg.rdf.vocab import DG, NIF
from kg.read import MAX_ARTICLE_BYTES, decode_text, find_articles, html_to_text, looks_indonesian
from kg.store.queries import NAMED, check_read_only, format_rows, load_graphs, stream_rows

from .conftest import ROOT, SEED

CORPUS = ROOT / "tests" / "corpus"
ARTICLE = CORPUS / "001_natuna_nota_protes.txt"
FIXTURES = ROOT / "tests" / "fixtures"
ENV = {"KG_TODAY": "2026-11-27", "KG_DEBUG": ""}
KG = [sys.executable, "-m", "kg"]


def kg(*args: object, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, env={**ENV, **(env or {})})


def one_line(result: Result, message: str, code: int = 2, prefix: str = "kg: error: ") -> str:
    """The command failed with ``code`` and exactly one stderr line holding ``message``."""
    assert result.exit_code == code, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(prefix) and message in lines[0], lines[0]
    assert "Traceback" not in result.output
    return lines[0]


def files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (dot-files too), by relative path."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def article(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def build_bytes(path: Path, out: Path, *extra: str) -> bytes:
    result = kg("build", path, "--out", out, "--no-html", *extra)
    assert result.exit_code == 0, result.output
    return (out / f"{path.stem}.ttl").read_bytes()


def offsets_index_the_stored_text(graph: Graph) -> int:
    """Every nif:beginIndex/endIndex pair cuts its nif:anchorOf out of the article's nif:isString."""
    text = stored_text(graph)
    checked = 0
    for node in graph.subjects(NIF.anchorOf, None):
        begin = int(graph.value(node, NIF.beginIndex))  # type: ignore[arg-type]
        end = int(graph.value(node, NIF.endIndex))  # type: ignore[arg-type]
        assert text[begin:end] == str(graph.value(node, NIF.anchorOf)), node
        checked += 1
    return checked


def stored_text(graph: Graph) -> str:
    (text,) = [str(o) for o in graph.objects(None, NIF.isString)]
    return text


def strict_parse(data: bytes, fmt: ox.RdfFormat = ox.RdfFormat.TURTLE) -> list[ox.Quad]:
    return list(ox.parse(data, format=fmt))


# -- article files --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\t\r\n  \n", "is empty"),
        ("bom-only.txt", codecs.BOM_UTF8 + b" \n", "is empty"),
        (
            "nul.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
            "binary data (NUL bytes)",
        ),
        ("controls.txt", bytes(range(1, 9)) * 200 + b"teks", "binary data (control characters)"),
        ("random.txt", bytes(b or 1 for b in random.Random(7).randbytes(4096)), "binary data (control"),
        (
            "latin1.txt",
            "Menteri Luar Negeri menyatakan déjà vu à Jakarta".encode("latin-1"),
            "iconv -f latin1",
        ),
        (
            "utf16-no-bom.txt",
            "Menteri Luar Negeri Retno".encode("utf-16-le"),
            "UTF-16 without a byte order mark",
        ),
        ("bad-utf16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16"),
    ],
)
def test_unreadable_articles_are_one_line(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = article(tmp_path / "in", name, data)
    line = one_line(kg("build", path, "--out", tmp_path / "out"), message)
    assert line.startswith(f"kg: error: {path}: ")
    assert files(tmp_path / "out") == {}


def test_latin1_hint_names_the_byte(tmp_path: Path) -> None:
    path = article(tmp_path, "latin1.txt", "Kerja sama Rusia déjà".encode("latin-1"))
    line = one_line(kg("build", path, "--out", tmp_path / "out"), "is not UTF-8 (byte 18)")
    assert "convert it first" in line


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),  # with its BOM
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: t.encode("utf-32"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.replace("\n", "\r").encode("utf-8"),
        lambda t: codecs.BOM_UTF16_LE + t.replace("\n", "\r\n").encode("utf-16-le"),
    ],
    ids=["utf8-bom", "utf16-le-bom", "utf16-be-bom", "utf32-bom", "crlf", "cr", "utf16-crlf"],
)
def test_encodings_and_line_ends_give_the_same_graph(tmp_path: Path, encode) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    plain = build_bytes(article(tmp_path / "a", "x.txt", text.encode("utf-8")), tmp_path / "o1")
    other = build_bytes(article(tmp_path / "b", "x.txt", encode(text)), tmp_path / "o2")
    assert other == plain
    graph = Graph().parse(data=other, format="turtle")
    assert "\r" not in stored_text(graph) and "\ufeff" not in other.decode("utf-8")
    assert offsets_index_the_stored_text(graph) > 50


def test_crlf_offsets_index_the_stored_text(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("\n", "\r\n")
    data = build_bytes(article(tmp_path, "crlf.txt", text.encode("utf-8")), tmp_path / "out")
    graph = Graph().parse(data=data, format="turtle")
    assert offsets_index_the_stored_text(graph) > 100
    assert len(list(graph.subjects(RDF.type, DG.Protest))) >= 1


def test_html_is_stripped_with_a_warning(tmp_path: Path) -> None:
    body = "\n".join(f"<p>{line}</p>" for line in ARTICLE.read_text(encoding="utf-8").splitlines())
    page = (
        "<!DOCTYPE html>\n<html><head><title>RI panggil Dubes &amp; China</title>"
        "<style>p { color: red }</style><script>var kapal = '<p>Rusia menyerang</p>';</script></head>"
        f"<body><nav><a href='/'>Beranda</a></nav>{body.replace('&', '&amp;')}"
        "<script>alert('x')</script></body></html>"
    )
    path = article(tmp_path, "page.txt", page.encode("utf-8"))
    result = kg("build", path, "--out", tmp_path / "out", "--no-html")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        f"kg: warning: {path}: looks like HTML: tags, scripts and styles removed, entities unescaped"
    )
    graph = Graph().parse(tmp_path / "out" / "page.ttl")
    text = stored_text(graph)
    assert "<" not in text and "alert" not in text and "color" not in text and "Rusia menyerang" not in text
    assert "&amp;" not in text
    assert text.splitlines()[1:] == ARTICLE.read_text(encoding="utf-8").splitlines()
    assert [str(t) for t in graph.objects(None, DCTERMS.title)] == ["RI panggil Dubes & China"]
    assert offsets_index_the_stored_text(graph) > 50
    plain = build_bytes(ARTICLE, tmp_path / "plain")
    protests = len(list(Graph().parse(data=plain, format="turtle").subjects(RDF.type, DG.Protest)))
    assert len(list(graph.subjects(RDF.type, DG.Protest))) == protests >= 1


def test_html_to_text_never_keeps_scripts() -> None:
    text, title = html_to_text(
        "<html><head><title>T</title><script>x()</script></head><body>a<br>b &lt;c&gt;"
        "<script type='x'>y()</script><style>z{}</style><p>d</p></body></html>"
    )
    assert (text, title) == ("a\nb <c>\nd", "T")


def test_a_plain_text_article_with_a_less_than_sign_is_not_html(tmp_path: Path) -> None:
    text = ARTICLE.read_text(encoding="utf-8") + "\nNilai ekspor < 5 persen dan impor > 2 persen.\n"
    result = kg("build", article(tmp_path, "lt.txt", text.encode()), "--out", tmp_path / "out", "--no-html")
    assert result.exit_code == 0 and "warning" not in result.stderr, result.output


@pytest.mark.parametrize(
    "text",
    [
        "The United States and China signed a trade agreement in Washington on Monday, officials said. "
        "President Biden met Premier Li Qiang and both sides condemned the attacks on shipping.",
        "Der deutsche Außenminister traf am Montag seinen französischen Amtskollegen in Berlin. "
        "Beide Seiten unterzeichneten ein Abkommen über die Zusammenarbeit.",
        "Bộ trưởng Ngoại giao Việt Nam đã gặp người đồng cấp Trung Quốc tại Hà Nội vào thứ Hai.",
    ],
    ids=["english", "german", "vietnamese"],
)
def test_an_article_in_another_language_warns_and_gives_few_facts(tmp_path: Path, text: str) -> None:
    path = article(tmp_path, "foreign.txt", text.encode("utf-8"))
    result = kg("build", path, "--out", tmp_path / "out", "--no-html")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        f"kg: warning: {path}: does not look Indonesian; expect few or no facts"
    )
    graph = Graph().parse(tmp_path / "out" / "foreign.ttl")
    events = {s for c in ("Protest", "Signing", "Meeting", "Summit", "Condemnation") for s in
              graph.subjects(RDF.type, DG[c])}  # fmt: skip
    assert len(events) <= 2


def test_no_indonesian_article_of_the_corpus_is_taken_for_a_foreign_one() -> None:
    texts = [p.read_text(encoding="utf-8") for p in [*sorted(CORPUS.glob("*.txt")), SEED]]
    assert all(looks_indonesian(t) for t in texts)
    assert looks_indonesian("Indonesia memprotes China.")  # too short to judge


def test_a_50_mb_article_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    line = ("Kementerian Luar Negeri RI memanggil Dubes RRT untuk Indonesia. " * 16 + "\n").encode()
    with big.open("wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    assert big.stat().st_size > 50 * 1024 * 1024
    # the size is read from the file's status, before it is opened: that check's message says how many
    # bytes the file has; a file read and found too long says "it grew while read" instead
    line = one_line(
        kg("build", big, "--out", tmp_path / "out"), f"bytes is over the {MAX_ARTICLE_BYTES}-byte limit"
    )
    assert f"{big}: {big.stat().st_size} bytes is over" in line and "grew while read" not in line
    assert files(tmp_path / "out") == {}


@pytest.mark.timeout(60)  # a read of the FIFO would block for ever, one of /dev/zero never end
def test_a_fifo_or_device_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    one_line(kg("build", fifo, "--out", tmp_path / "out"), f"{fifo}: not a regular file")
    one_line(kg("build", "/dev/zero", "--out", tmp_path / "out"), "/dev/zero: not a regular file")


def test_missing_file_and_folders_without_articles(tmp_path: Path) -> None:
    one_line(
        kg("build", tmp_path / "nope.txt", "--out", tmp_path / "out"), "nope.txt: no such file or folder"
    )
    (tmp_path / "empty").mkdir()
    one_line(kg("build", tmp_path / "empty", "--out", tmp_path / "out"), "no articles (*.txt) in this folder")
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.md").write_text("Menteri")
    (other / ".hidden.txt").write_text("Menteri Luar Negeri Retno Marsudi")
    (other / "sub.txt").mkdir()
    one_line(kg("build", other, "--out", tmp_path / "out"), "no articles")
    assert not (tmp_path / "out").exists()


def test_paths_with_spaces_and_non_ascii_names(tmp_path: Path) -> None:
    folder = tmp_path / "berita asing é"
    path = article(folder, "Nota protes – Natuna ü 中国.txt", ARTICLE.read_bytes())
    out = tmp_path / "keluaran ß"
    result = kg("build", folder, "--out", out)
    assert result.exit_code == 0, result.output
    assert sorted(files(out)) == [f"{path.stem}.html", f"{path.stem}.ttl"]
    data = (out / f"{path.stem}.ttl").read_bytes()
    quads = strict_parse(data)
    article_iri = "https://w3id.org/diplograph/id/article/Nota%20protes%20%E2%80%93%20Natuna%20%C3%BC%20"
    assert any(q.subject.value.startswith(article_iri) for q in quads)
    assert f"<title>{path.stem}</title>" in (out / f"{path.stem}.html").read_text(encoding="utf-8")
    merged = tmp_path / "gabungan é.trig"
    assert kg("merge", out / f"{path.stem}.ttl", "-o", merged).exit_code == 0
    assert kg("query", merged, "--name", "states", "--format", "csv").stdout.startswith("iso,label")


@pytest.mark.parametrize("where", ["file/sub", "file"])
def test_an_output_folder_that_cannot_be_made(tmp_path: Path, where: str) -> None:
    (tmp_path / "file").write_text("keep me")
    one_line(kg("build", ARTICLE, "--out", tmp_path / where), "cannot write here")
    assert (tmp_path / "file").read_text() == "keep me"
    assert sorted(os.listdir(tmp_path)) == ["file"]


def test_an_output_that_is_a_folder_keeps_it_and_what_is_inside(tmp_path: Path, seed_ttl: Path) -> None:
    out = tmp_path / "out"
    (out / f"{ARTICLE.stem}.ttl").mkdir(parents=True)
    (out / f"{ARTICLE.stem}.ttl" / "inside").write_text("keep")
    one_line(kg("build", ARTICLE, "--out", out), "it is a folder")
    assert files(out) == {f"{ARTICLE.stem}.ttl/inside": b"keep"}
    one_line(kg("view", seed_ttl, "-o", out / f"{ARTICLE.stem}.ttl"), "it is a folder")


@pytest.fixture(scope="module")
def seed_ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article's graph, built once (tests only read it)."""
    out = tmp_path_factory.mktemp("seed-out")
    assert kg("build", SEED, "--out", out, "--no-html").exit_code == 0
    return out / f"{SEED.stem}.ttl"


@pytest.mark.parametrize(
    ("errno_", "why"),
    [(28, "No space left on device"), (13, "Permission denied"), (122, "Disk quota exceeded")],
)
def test_a_full_disk_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errno_: int, why: str
) -> None:
    import kg.rdf.export as export_module

    out = tmp_path / "out"
    out.mkdir()
    old = out / f"{ARTICLE.stem}.ttl"
    old.write_bytes(b"previous")

    def full(fd: int) -> None:
        raise OSError(errno_, os.strerror(errno_))

    monkeypatch.setattr(export_module.os, "fsync", full)
    line = one_line(kg("build", ARTICLE, "--out", out, "--no-html"), why)
    assert line == f"kg: error: {old}: cannot write: {why}; the previous file is unchanged"
    assert files(out) == {old.name: b"previous"}
    with pytest.raises(OutputError, match=why):
        write_atomic(out / "x.bin", b"data")
    assert files(out) == {old.name: b"previous"}


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        (b"{bad", "malformed sidecar JSON: Expecting property name"),
        (b"\xff\xfe{}", "malformed sidecar JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "malformed sidecar JSON"),
        (b'["2024-01-01"]', "sidecar must be a JSON object"),
        (b'{"published": 20240101}', "sidecar values must be strings"),
        (b'{"publised": "2024-01-01"}', "unknown sidecar keys ['publised']"),
        (b'{"published": "kemarin"}', "published: 'kemarin' is not a date (YYYY-MM-DD)"),
        (b'{"published": "2024-02-30"}', "'2024-02-30' is not a date"),
        (b'{"published": "2024-01-01T10:00:00\\u0000"}', "is not a date"),
    ],
)
def test_bad_sidecars(tmp_path: Path, sidecar: bytes, message: str) -> None:
    path = article(tmp_path / "in", "a.txt", ARTICLE.read_bytes())
    path.with_suffix(".json").write_bytes(sidecar)
    line = one_line(kg("build", path, "--out", tmp_path / "out"), message)
    assert line.startswith(f"kg: error: {path.with_suffix('.json')}: ")
    assert files(tmp_path / "out") == {}


@pytest.mark.parametrize("value", ["kemarin", "2024-13-01", "31/12/2019", "", "2024-01-01; DROP"])
def test_published_option_that_is_not_a_date(tmp_path: Path, value: str) -> None:
    one_line(kg("build", ARTICLE, "--out", tmp_path / "out", "--published", value), "is not a date")
    assert not (tmp_path / "out").exists()


def test_kg_today_that_is_not_a_date(tmp_path: Path) -> None:
    one_line(kg("build", ARTICLE, "--out", tmp_path / "out", env={"KG_TODAY": "besok"}), "KG_TODAY: 'besok'")


# -- output names come from input names --------------------------------------------------------------
def test_relative_names_cannot_write_outside_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    article(tmp_path / "etc", "x.txt", ARTICLE.read_bytes())
    monkeypatch.chdir(tmp_path / "a" / "b")
    before = set(tmp_path.rglob("*"))
    result = kg("build", "../../etc/x.txt", "--out", "out")
    assert result.exit_code == 0, result.output
    new = {p.relative_to(tmp_path) for p in tmp_path.rglob("*")} - {p.relative_to(tmp_path) for p in before}
    assert new == {Path("a/b/out"), Path("a/b/out/x.ttl"), Path("a/b/out/x.html")}


@pytest.mark.parametrize("name", [".hidden.txt", "...txt", "..txt", ".txt"])
def test_hidden_or_dot_names_are_refused(tmp_path: Path, name: str) -> None:
    path = article(tmp_path / "in", name, ARTICLE.read_bytes())
    one_line(kg("build", path, "--out", tmp_path / "out"), "empty or hidden (a dot-file); rename it")
    assert files(tmp_path / "out") == {}


def test_dot_files_in_a_folder_are_skipped(tmp_path: Path) -> None:
    article(tmp_path / "in", ".x.txt.1234.abcd.tmp", b"half")
    article(tmp_path / "in", ".draft.txt", ARTICLE.read_bytes())
    path = article(tmp_path / "in", "a.txt", ARTICLE.read_bytes())
    assert find_articles([tmp_path / "in"]) == [path]


def test_two_articles_with_one_name_are_refused_and_one_named_twice_is_read_once(tmp_path: Path) -> None:
    a = article(tmp_path / "a", "x.txt", ARTICLE.read_bytes())
    b = article(tmp_path / "b", "x.txt", SEED.read_bytes())
    one_line(
        kg("build", tmp_path / "a", tmp_path / "b", "--out", tmp_path / "out"), "would both be written as x.*"
    )
    assert not (tmp_path / "out").exists()
    assert find_articles([a, tmp_path / "a", a]) == [a]
    assert b.exists()


def test_names_that_are_hostile_to_iris_and_html(tmp_path: Path) -> None:
    name = 'a"b<script>alert(1)<script> {x} > y\\z\n%00#?.txt'
    path = article(tmp_path / "in", name, ARTICLE.read_bytes())
    path.with_suffix(".json").write_text(
        json.dumps(
            {
                "title": 'Judul "kutip" </script><script>alert(2)</script>\n\u0000 > <',
                "source": "ANTARA\u0000\r\n\"'<>",
                "url": 'http://x.invalid/a b"><script>alert(3)</script>',
                "published": "2019-12-31",
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    for fmt, oxfmt in [("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES), ("trig", ox.RdfFormat.TRIG),
                       ("jsonld", ox.RdfFormat.JSON_LD)]:  # fmt: skip
        result = kg("build", path, "--out", out, "--format", fmt)
        assert result.exit_code == 0, result.output
        data = (out / f"{path.stem}.{fmt}").read_bytes()
        quads = strict_parse(data, oxfmt)
        titles = [q.object.value for q in quads if q.predicate.value == str(DCTERMS.title)]
        assert titles == ['Judul "kutip" </script><script>alert(2)</script>\n\u0000 > <']
        assert set(load_graphs([out / f"{path.stem}.{fmt}"]).objects(None, DCTERMS.publisher)) == {
            Literal("ANTARA\u0000\r\n\"'<>")
        }
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{path.stem}.{f}" for f in
                                                           ("ttl", "nt", "trig", "jsonld", "html"))  # fmt: skip
    empty = article(tmp_path / "in", "kosong\n\u0000x.txt".replace("\u0000", "\x1b"), b"")
    one_line(kg("build", empty, "--out", out), "kosong\\n\\x1bx.txt: is empty")
    page = (out / f"{path.stem}.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "</script><script>" not in page
    assert kg("build", ARTICLE, "--out", tmp_path / "plain").exit_code == 0
    plain = (tmp_path / "plain" / f"{ARTICLE.stem}.html").read_text(encoding="utf-8")
    assert page.count("<script") == plain.count("<script") and page.count("</script") == plain.count(
        "</script"
    )
    assert "<title>a&#34;b&lt;script&gt;alert(1)&lt;script&gt;" in page


def test_hostile_graph_names_are_not_spliced_into_sparql(tmp_path: Path, seed_ttl: Path) -> None:
    store = tmp_path / "store"
    good = seed_ttl
    assert kg("query", good, "--store", store, "--name", "states").exit_code == 0
    hostile = tmp_path / "x> } ; DROP ALL ; INSERT DATA { GRAPH <http:y> { <a> <b> <c> } } #.ttl"
    hostile.write_text('<http://e.invalid/s> <http://e.invalid/p> "} ; DROP ALL ; #" .\n')
    result = kg(
        "query",
        hostile,
        "--store",
        store,
        "--query",
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
        "--format",
        "csv",
    )
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()[1:]
    assert len(rows) == 2
    assert rows[0].startswith("https://w3id.org/diplograph/id/graph/000_0aaf1fdda57b71fa,")
    assert (
        rows[1]
        == "https://w3id.org/diplograph/id/graph/x%3E%20%7D%20%3B%20DROP%20ALL%20%3B%20INSERT%20DATA%20%7B%20GRAPH%20%3Chttp%3Ay%3E%20%7B%20%3Ca%3E%20%3Cb%3E%20%3Cc%3E%20%7D%20%7D%20%23,1"
    )


def test_no_sparql_text_is_built_from_values_by_formatting() -> None:
    """Every f-string or format() that writes SPARQL in kg/ is known and uses escaped terms only."""
    sparql = re.compile(r"(?:SELECT|INSERT|DELETE|DROP|GRAPH|WHERE|FILTER|VALUES)\b[^\n]*\{")
    found = []
    for path in sorted((ROOT / "kg").rglob("*.py")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.search(r"\bf\"|\bf'|\.format\(|%\s*\(", line) and sparql.search(line):
                found.append(f"{path.name}:{line.strip()}")
    assert found == [
        'embedded.py:f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "',
        'embedded.py:f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }} }} ;\\n"',
        'embedded.py:f"DROP SILENT GRAPH {graph}"',
        'embedded.py:inserts.append(f"GRAPH {graph} {{\\n{body}}}\\n{body}")',
        'embedded.py:f"DELETE {{ GRAPH {graph} {{ ?s ?p ?o }} ?only ?p ?o }} WHERE {{ "',
        'embedded.py:f"{{ SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }} LIMIT {CHUNK:d} }} "',
        'embedded.py:f"BIND(IF(EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }}, ?held, ?s) AS ?only) }}"',
    ]


# -- graph files and queries -------------------------------------------------------------------------
BAD_GRAPHS = {
    "bad.ttl": b'@prefix a: <http://a.invalid/> .\na:x a:y a:z .\na:x a:y "unterminated .\n',
    "bad.trig": b"<http://a.invalid/g> {\n <http://a.invalid/s> <http://a.invalid/p> <http://a.invalid/o> .\n",
    "bad.nt": b"<http://a.invalid/s> <http://a.invalid/p> <http://a.invalid/o> .\n<s> <p> <o> .\n",
    "bad.nq": b"<http://a.invalid/s> <http://a.invalid/p> <http://a.invalid/o> <g> .\n",
    "bad.jsonld": b'{"@id": "http://a.invalid/s",\n "http://a.invalid/p": ',
}
BAD_LINE = {"bad.ttl": 3, "bad.trig": 3, "bad.nt": 2, "bad.nq": 1, "bad.jsonld": 2}


@pytest.mark.parametrize("name", sorted(BAD_GRAPHS))
@pytest.mark.parametrize("command", ["query", "merge", "view", "validate", "export", "push"])
def test_malformed_graph_files_name_the_file_and_line(tmp_path: Path, command: str, name: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(BAD_GRAPHS[name])
    args = {
        "query": ["--name", "states"],
        "merge": ["-o", tmp_path / "m.trig"],
        "view": ["-o", tmp_path / "v.html"],
        "validate": [],
        "export": ["--format", "gexf", "-o", tmp_path / "x.gexf"],
        "push": ["--store", "http://127.0.0.1:9/store"],  # refused before anything is sent
    }[command]
    line = one_line(kg(command, bad, *args), "not valid")
    assert line.startswith(f"kg: error: {bad}:{BAD_LINE[name]}: not valid "), line
    assert sorted(os.listdir(tmp_path)) == [name]


def test_sparql_syntax_error_gives_the_position(tmp_path: Path, seed_ttl: Path) -> None:
    line = one_line(kg("query", seed_ttl, "--query", "SELECT ?x WHERE { ?x ?y }"), "SPARQL error")
    assert "1:26" in line


def test_unknown_named_query_lists_the_known_ones(tmp_path: Path, seed_ttl: Path) -> None:
    line = one_line(kg("query", seed_ttl, "--name", "spies"), "unknown query 'spies'")
    assert line.endswith("known: " + ", ".join(NAMED))


@pytest.mark.parametrize(
    "update",
    [
        "DELETE WHERE { ?s ?p ?o }",
        "# a comment first\nINSERT DATA { <http://a.invalid/s> <http://a.invalid/p> 1 }",
        "PREFIX a: <http://a.invalid/#> INSERT DATA { a:s a:p 1 }",
        "prefix : <http://a.invalid/> base <http://b.invalid/>\n  drop all",
        "  CLEAR DEFAULT",
        "LOAD <http://a.invalid/x.ttl>",
        "WITH <http://g.invalid/> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_sparql_update_is_refused(tmp_path: Path, update: str, seed_ttl: Path) -> None:
    graph = seed_ttl
    before = graph.read_bytes()
    one_line(kg("query", graph, "--query", update), "SPARQL UPDATE is refused: kg query is read-only")
    one_line(kg("query", graph, "--store", tmp_path / "store", "--query", update), "read-only")
    one_line(kg("query", "--endpoint", "http://127.0.0.1:9/q", "--query", update), "read-only")
    assert graph.read_bytes() == before and not (tmp_path / "store").exists()
    check_read_only("PREFIX a: <http://a.invalid/#insert>\nSELECT ?delete WHERE { ?delete ?p ?o }")


@pytest.mark.timeout(120)  # rows are streamed: all the million rows first would take far longer
def test_query_limit_and_rows_streamed(tmp_path: Path, seed_ttl: Path) -> None:
    graph = seed_ttl
    everything = "SELECT ?a ?b ?c ?d ?e ?f WHERE { ?a ?b ?c . ?d ?e ?f }"  # over a million rows
    for fmt in ("csv", "json", "table"):
        result = kg("query", graph, "--query", everything, "--limit", "7", "--format", fmt)
        assert result.exit_code == 0, result.output
        if fmt == "csv":  # a cell may hold a newline (nif:isString): count CSV records, not lines
            assert len(list(csv.reader(io.StringIO(result.stdout)))) == 8
        elif fmt == "json":
            assert len(json.loads(result.stdout)) == 7
        else:
            assert len(result.stdout.splitlines()) == 9
    result = kg("query", graph, "--name", "states", "--limit", "0", "--format", "json")
    assert result.stdout == "[]\n"
    assert kg("query", graph, "--name", "states", "--limit", "-1").exit_code == 2


def test_csv_and_json_rows_are_written_before_the_last_one_is_found() -> None:
    def rows():
        yield ["1", "a"]
        yield ["2", "b"]
        raise AssertionError("read too far")

    for fmt in ("csv", "json"):
        chunks = stream_rows(["n", "x"], rows(), fmt)
        assert "1" in next(chunks)
    rows_ = [["1", 'a "q"\nb'], ["2", "é"]]
    for fmt in ("csv", "json", "table"):
        assert "".join(stream_rows(["n", "x"], iter(rows_), fmt)) == format_rows(["n", "x"], rows_, fmt)


# -- push: credentials ------------------------------------------------------------------------------
PASSWORD = "s3cret-Pa55word"


def test_push_refuses_plain_http_credentials_from_netrc_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_ttl: Path
) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine store.example.invalid login bob password {PASSWORD}\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.delenv("KG_STORE_USER", raising=False)
    monkeypatch.delenv("KG_STORE_PASSWORD", raising=False)

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a request was sent")

    monkeypatch.setattr(socket, "create_connection", no_network)
    line = one_line(
        kg("push", seed_ttl, "--store", "http://store.example.invalid/store"),
        "refusing to send credentials over plain http to store.example.invalid",
    )
    assert PASSWORD not in line and "bob" not in line


def test_push_with_allow_insecure_sends_and_never_prints_credentials(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_ttl: Path
) -> None:
    monkeypatch.setenv("KG_STORE_USER", "alice")
    monkeypatch.setenv("KG_STORE_PASSWORD", PASSWORD)
    tried = []

    def refused(address: tuple[str, int], *args: object, **kwargs: object) -> None:
        tried.append(address)
        raise ConnectionRefusedError(111, f"Connection refused {PASSWORD}")

    monkeypatch.setattr(socket, "create_connection", refused)
    result = kg("push", seed_ttl, "--store", "http://store.example.invalid:7878/store",
                "--allow-insecure")  # fmt: skip
    one_line(result, "cannot reach http://store.example.invalid:7878/store: connection refused")
    assert tried == [("store.example.invalid", 7878)]
    assert PASSWORD not in result.output and "alice" not in result.output


# -- the catch-all -----------------------------------------------------------------------------------
def test_an_internal_error_is_one_line_and_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_ttl: Path
) -> None:
    import kg.store.queries as queries_module

    def broken(name: str) -> str:
        raise ZeroDivisionError("division by zero\nin a bug")

    monkeypatch.setattr(queries_module, "named_query", broken)
    result = kg("query", seed_ttl, "--name", "states")
    assert result.exit_code == 3
    assert result.stderr == (
        "kg: internal error: ZeroDivisionError: division by zero in a bug "
        "(run with KG_DEBUG=1 for the traceback)\n"
    )
    result = kg("query", seed_ttl, "--name", "states", env={"KG_DEBUG": "1"})
    assert result.exit_code == 3
    assert "Traceback (most recent call last)" in result.stderr and "ZeroDivisionError" in result.stderr


def test_an_oserror_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_ttl: Path
) -> None:
    import kg.store.queries as queries_module

    def denied(name: str) -> str:
        raise PermissionError(13, "Permission denied", "/srv/kg/queries")

    monkeypatch.setattr(queries_module, "named_query", denied)
    line = one_line(kg("query", seed_ttl, "--name", "states"), "")
    assert line == "kg: error: /srv/kg/queries: Permission denied"


def test_a_real_process_prints_no_traceback(tmp_path: Path, seed_ttl: Path) -> None:
    """The same, through ``python -m kg`` (no CliRunner): errors, an internal error, KG_DEBUG."""
    binary = article(tmp_path, "b.txt", b"\x00\x01")
    env = {**os.environ, **ENV}
    run = subprocess.run([*KG, "build", str(binary), "--out", str(tmp_path / "o")], capture_output=True,
                         text=True, env=env)  # fmt: skip
    assert (
        run.returncode == 2
        and run.stderr == f"kg: error: {binary}: looks like binary data (NUL bytes), not an article\n"
    )
    crash = (
        "import sys, kg.store.queries\n"
        "def boom(name): raise KeyError('x')\n"
        "kg.store.queries.named_query = boom\n"
        "from kg.cli import cli\n"
        f"cli(['query', {str(seed_ttl)!r}, '--name', 'states'])\n"
    )
    run = subprocess.run([sys.executable, "-c", crash], capture_output=True, text=True, env=env)
    assert run.returncode == 3 and run.stderr == (
        "kg: internal error: KeyError: 'x' (run with KG_DEBUG=1 for the traceback)\n"
    )
    run = subprocess.run([sys.executable, "-c", crash], capture_output=True, text=True,
                         env={**env, "KG_DEBUG": "1"})  # fmt: skip
    assert run.returncode == 3 and "Traceback" in run.stderr and run.stderr.rstrip().endswith("KeyError: 'x'")


def test_a_closed_stdout_is_not_an_error_story(tmp_path: Path, seed_ttl: Path) -> None:
    graph = seed_ttl
    query = "SELECT ?a ?b ?c ?d WHERE { ?a ?b ?c . ?d ?e ?f }"  # over a million rows
    proc = subprocess.Popen([*KG, "query", str(graph), "--query", query, "--format", "csv"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **ENV})  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) != 0
    assert b"Traceback" not in err and b"Exception ignored" not in err, err


# -- library level -----------------------------------------------------------------------------------
def test_decode_text_refuses_what_it_is_not_sure_of() -> None:
    assert decode_text(b"Menteri\r\nLuar\rNegeri\n", "x") == "Menteri\nLuar\nNegeri\n"
    assert decode_text(codecs.BOM_UTF32_LE + "Retno".encode("utf-32-le"), "x") == "Retno"
    for data in (b"\xe9t\xe9", b"caf\xc3", b"\xff\xfe\x00"):
        with pytest.raises(InputError, match=r"^x: "):
            decode_text(data, "x")


def test_fixtures_folder_holds_only_small_files() -> None:
    """The big and hostile inputs of these tests are made at run time; the fixtures kept in the
    repository are small files."""
    kept = [p for p in FIXTURES.rglob("*") if p.is_file()]
    assert len(kept) >= 3, f"{FIXTURES}: expected the kept fixtures (hostile.ttl, ...)"
    assert {p.name: p.stat().st_size for p in kept if p.stat().st_size >= 100_000} == {}


def test_every_article_of_the_corpora_builds_a_conforming_graph(tmp_path: Path) -> None:
    """A regression found by the property tests: a protest with nothing after it ("Israel menarik
    diplomatnya.") had no dg:about, so kg build refused tests/corpus/019 as a whole."""
    folders = [CORPUS, ROOT / "tests" / "heldout", ROOT / "tests" / "articles", ROOT / "seeds"]
    for folder in (f for f in folders if f.is_dir()):
        result = kg("build", folder, "--out", tmp_path / folder.name, "--no-html")
        assert result.exit_code == 0, result.output
