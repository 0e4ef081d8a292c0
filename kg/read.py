"""Reading inputs: article files with their sidecars. The I/O boundary for inputs.

Every failure is a :class:`kg.errors.InputError` with one line naming the file. What is accepted but
suspicious (an HTML page, an article that does not look Indonesian) is reported on the ``kg`` logger as
a warning, one line naming the file, and the article is read on.

* Size: at most ``MAX_ARTICLE_BYTES``; a bigger file is refused before it is read (and reading stops
  at the limit if the file grows meanwhile), so memory stays bounded.
* Encoding: UTF-8 (with or without BOM), UTF-16 or UTF-32 *with* a BOM. Anything else is refused with
  a hint (``iconv``): a Latin-1 file is never guessed. NUL bytes or control characters mean binary data.
* Line ends: CRLF and CR become LF before anything else, so the offsets of the graph index the text
  it stores in ``nif:isString``.
* HTML: a page (``<html>``, ``<!DOCTYPE html>`` or several tags) is reduced to its text: tags removed,
  scripts, styles and the head dropped, entities unescaped, block elements ending lines; a warning says so.
* Names: the output files are named by the article's stem, so a stem that is empty or starts with a dot
  (hidden files; the temporary files of :func:`kg.rdf.export.write_atomic` are dot-files) is refused, dot-files
  in a folder are skipped, and two articles with the same stem are refused (one would overwrite the other).
"""

from __future__ import annotations

import codecs
import datetime as dt
import html
import json
import logging
import re
import stat
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import InputError
from kg.model import Article

MAX_ARTICLE_BYTES = 2_000_000
SIDECAR_KEYS = frozenset({"published", "url", "source", "title", "language"})
ARTICLE_SUFFIXES = (".txt",)
log = logging.getLogger("kg")

_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def parse_date(value: str, what: str) -> dt.date:
    """An ISO date (YYYY-MM-DD), or an InputError that says ``what`` was wrong."""
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InputError(f"{what}: {value!r} is not a date (YYYY-MM-DD)") from None


def _looks_binary(text: str) -> bool:
    """NUL characters, or more than 1% control characters (other than tab, newline, form feed, CR)."""
    return "\x00" in text or len(_CONTROL.findall(text[:65536])) * 100 > min(len(text), 65536)


def decode_text(data: bytes, name: str) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 or UTF-32 with a BOM; refuse the rest.

    Line ends come back as LF.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(
                    f"{name}: has a {codec.upper()} byte order mark but is not valid {codec.upper()}"
                ) from None
            text = text.removeprefix("\ufeff")
            break
    else:
        data = data.removeprefix(codecs.BOM_UTF8)
        if b"\x00" in data:
            head = data[:4096]
            if (
                len(head) >= 16
                and head.count(0) * 3 > len(head)
                and (head[0::2].count(0) == 0 or head[1::2].count(0) == 0)
            ):
                raise InputError(
                    f"{name}: looks like UTF-16 without a byte order mark; convert it first, "
                    "e.g. iconv -f utf-16le -t utf-8"
                )
            raise InputError(f"{name}: looks like binary data (NUL bytes), not an article")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if _looks_binary(data[:65536].decode("latin-1")):
                raise InputError(
                    f"{name}: looks like binary data (control characters), not an article"
                ) from None
            raise InputError(
                f"{name}: is not UTF-8 (byte {exc.start}); convert it first, e.g. iconv -f latin1 -t utf-8"
            ) from None
    if _looks_binary(text):
        raise InputError(f"{name}: looks like binary data (control characters), not an article")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# -- HTML -------------------------------------------------------------------------------------------
_HTML_START = re.compile(r"\A\s*<(?:!doctype\s+html|html)\b", re.IGNORECASE)
_TAG = re.compile(
    r"</?(?:p|div|br|span|a|body|head|script|style|h[1-6]|li|ul|ol|table|tr|td|article|section|"
    r"header|footer|nav|b|i|strong|em|meta|link|img|figure|figcaption|blockquote)\b[^<>]*>",
    re.IGNORECASE,
)
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "object"})
_BLOCK = frozenset(
    {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "article", "section", "header",
     "footer", "nav", "blockquote", "figure", "figcaption", "table", "ul", "ol", "hr", "title", "main",
     "aside", "pre", "dd", "dt"}
)  # fmt: skip


def looks_like_html(text: str) -> bool:
    """An HTML page: it starts with ``<!DOCTYPE html>`` or ``<html>``, or holds three or more tags."""
    return bool(_HTML_START.match(text)) or len(_TAG.findall(text[:200_000])) >= 3


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.skipping: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _SKIP:
            self.skipping.append(tag)
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _SKIP and tag in self.skipping:
            while self.skipping and self.skipping.pop() != tag:
                pass
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.parts.append(data)


def html_to_text(page: str) -> tuple[str, str | None]:
    """The text of an HTML page (one line per block) and its ``<title>``, entities unescaped."""
    parser = _TextOf()
    parser.feed(page)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    text = "\n".join(line for line in lines if line)
    title = " ".join(html.unescape("".join(parser.title)).split()) or None
    return text, title


# -- language ---------------------------------------------------------------------------------------
_FUNCTION_WORDS = """yang dan di ke dari untuk dengan ini itu dalam tidak pada akan juga adalah oleh sebagai
telah atau karena bahwa mereka kata tersebut para kami kita ia dia saat setelah sudah bagi secara antara
namun serta hingga menurut masih lebih belum agar dapat bisa harus"""
INDONESIAN_WORDS = frozenset(_FUNCTION_WORDS.split())
MIN_INDONESIAN_RATIO = 0.05
_WORD = re.compile(r"[^\W\d_]+")


def looks_indonesian(text: str) -> bool:
    """Whether ``text`` looks Indonesian: at least 5% of its words are common Indonesian function words.

    Texts of fewer than five words are given the benefit of the doubt. Indonesian news runs at 15-25%.
    """
    words = _WORD.findall(text[:200_000].lower())
    if len(words) < 5:
        return True
    return sum(map(INDONESIAN_WORDS.__contains__, words)) >= MIN_INDONESIAN_RATIO * len(words)


# -- files ------------------------------------------------------------------------------------------
def _sidecar(path: Path) -> dict[str, str]:
    side = path.with_suffix(".json")
    if not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{side}: cannot read: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{side}: malformed sidecar JSON: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise InputError(f"{side}: malformed sidecar JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise InputError(f"{side}: sidecar must be a JSON object")
    unknown = sorted(set(data) - SIDECAR_KEYS)
    if unknown:
        raise InputError(f"{side}: unknown sidecar keys {unknown}; known: {sorted(SIDECAR_KEYS)}")
    if not all(isinstance(v, str) for v in data.values()):
        raise InputError(f"{side}: sidecar values must be strings")
    return data


def read_bytes_bounded(path: Path, limit: int = MAX_ARTICLE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; refused before reading when bigger."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{path}: is a folder, not an article")
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
            raise InputError(f"{path}: not a regular file")
        if info.st_size > limit:
            raise InputError(f"{path}: {info.st_size} bytes is over the {limit}-byte limit for one article")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InputError(f"{path}: over the {limit}-byte limit for one article (it grew while read)")
    return data


def check_stem(path: Path) -> None:
    """Refuse an article whose output names (``<stem>.<format>``) would be hidden or empty."""
    if not path.stem or path.stem.startswith("."):
        raise InputError(
            f"{path}: its name gives the output name {path.stem!r}, empty or hidden (a dot-file); rename it"
        )


def read_article(path: Path, published: dt.date | None = None) -> Article:
    """Read one article and its sidecar (``<stem>.json``); ``published`` overrides the sidecar's date."""
    check_stem(path)
    text = decode_text(read_bytes_bounded(path), str(path))
    html_title = None
    if looks_like_html(text):
        text, html_title = html_to_text(text)
        log.warning("%s: looks like HTML: tags, scripts and styles removed, entities unescaped", path)
    if not text.strip():
        raise InputError(f"{path}: is empty")
    if not looks_indonesian(text):
        log.warning("%s: does not look Indonesian; expect few or no facts", path)
    meta = _sidecar(path)
    if published is None and "published" in meta:
        published = parse_date(meta["published"], f"{path.with_suffix('.json')}: published")
    return Article(
        stem=path.stem,
        text=text,
        language=meta.get("language", "id"),
        published=published,
        url=meta.get("url"),
        source=meta.get("source"),
        title=meta.get("title", html_title),
    )


def _folder(path: Path) -> list[Path]:
    try:
        inside = sorted(
            p
            for p in path.iterdir()
            if p.suffix in ARTICLE_SUFFIXES and not p.name.startswith(".") and p.is_file()
        )
    except OSError as exc:
        raise InputError(f"{path}: cannot read the folder: {exc.strerror or exc}") from None
    if not inside:
        raise InputError(f"{path}: no articles (*.txt) in this folder")
    return inside


def find_articles(paths: list[Path]) -> list[Path]:
    """The article files named by ``paths`` (files, or folders searched for ``*.txt``), sorted.

    A file named twice is read once; two different files with the same stem are refused.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += _folder(path)
        elif path.is_file():
            check_stem(path)
            found.append(path)
        elif path.exists():
            raise InputError(f"{path}: not a regular file")
        else:
            raise InputError(f"{path}: no such file or folder")
    unique: dict[Path, Path] = {}
    stems: dict[str, Path] = {}
    for path in found:
        key = path.resolve()
        if key in unique:
            continue
        unique[key] = path
        if path.stem in stems:
            raise InputError(
                f"{stems[path.stem]} and {path} would both be written as {path.stem}.*; rename one"
            )
        stems[path.stem] = path
    return list(unique.values())
