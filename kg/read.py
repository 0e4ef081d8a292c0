"""Reading inputs: article files with their sidecars, and graph files. The I/O boundary for inputs.

Every failure is a :class:`kg.errors.InputError` with one line naming the file.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
from pathlib import Path

from kg.errors import InputError
from kg.model import Article

MAX_ARTICLE_BYTES = 2_000_000
SIDECAR_KEYS = frozenset({"published", "url", "source", "title", "language"})
ARTICLE_SUFFIXES = (".txt",)


def parse_date(value: str, what: str) -> dt.date:
    """An ISO date (YYYY-MM-DD), or an InputError that says ``what`` was wrong."""
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InputError(f"{what}: {value!r} is not a date (YYYY-MM-DD)") from None


def decode_text(data: bytes, name: str) -> str:
    """Decode article bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM; refuse anything else."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            raise InputError(f"{name}: has a UTF-16 byte order mark but is not valid UTF-16") from None
    if b"\x00" in data:
        raise InputError(f"{name}: looks like binary data (NUL bytes), not an article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: is not UTF-8 (byte {exc.start}); convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _sidecar(path: Path) -> dict[str, str]:
    side = path.with_suffix(".json")
    if not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{side}: malformed sidecar JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"{side}: sidecar must be a JSON object")
    unknown = sorted(set(data) - SIDECAR_KEYS)
    if unknown:
        raise InputError(f"{side}: unknown sidecar keys {unknown}; known: {sorted(SIDECAR_KEYS)}")
    if not all(isinstance(v, str) for v in data.values()):
        raise InputError(f"{side}: sidecar values must be strings")
    return data


def read_article(path: Path, published: dt.date | None = None) -> Article:
    """Read one article and its sidecar (``<stem>.json``); ``published`` overrides the sidecar's date."""
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise InputError(
                f"{path}: {size} bytes is over the {MAX_ARTICLE_BYTES}-byte limit for one article"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    text = decode_text(data, str(path))
    if not text.strip():
        raise InputError(f"{path}: is empty")
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
        title=meta.get("title"),
    )


def find_articles(paths: list[Path]) -> list[Path]:
    """The article files named by ``paths`` (files, or folders searched for ``*.txt``), sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix in ARTICLE_SUFFIXES and p.is_file())
            if not inside:
                raise InputError(f"{path}: no articles (*.txt) in this folder")
            found += inside
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return found
