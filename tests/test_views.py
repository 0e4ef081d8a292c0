"""The named queries' rows kept beside a persistent store (kg.store.views): served while the store is unchanged,
never after kg wrote to it, never when damaged or made by other query text, never half."""

from __future__ import annotations

import datetime as dt
import json
import logging
import marshal
import zlib
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kg.store.embedded
import kg.store.queries
from kg.build import build
from kg.cli import cli
from kg.lexicon.resources import load_resources
from kg.store.embedded import iter_query_files, load_file, open_store, query_files
from kg.store.queries import NAMED, named_query
from kg.store.views import FOLDER, TOKEN_PREFIX, forget_views, query, view_path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [
    ROOT / "seeds" / "000_0aaf1fdda57b71fa.txt",
    ROOT / "tests" / "articles" / "ph_cn_water_cannon.txt",
]
TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("graphs")
    build(ARTICLES, out, load_resources(), today=TODAY, validate=False, html=False)
    return [out / f"{article.stem}.ttl" for article in ARTICLES]


class Engine:
    """Counts the queries that reach Oxigraph (kg.store.queries.iter_store_query), and can refuse them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        self.refuse = False
        real = kg.store.queries.iter_store_query

        def counted(store: ox.Store, text: str) -> tuple[list[str], Iterator[list[str]]]:
            self.calls += 1
            if self.refuse:
                raise AssertionError("the engine was asked")
            return real(store, text)

        monkeypatch.setattr(kg.store.queries, "iter_store_query", counted)


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> Engine:
    return Engine(monkeypatch)


def token_graphs(store: ox.Store) -> list[str]:
    return [g.value for g in store.named_graphs() if g.value.startswith(TOKEN_PREFIX)]


@pytest.mark.parametrize("name", list(NAMED))
def test_a_named_query_is_kept_then_served_from_its_view(
    graphs: list[Path], tmp_path: Path, engine: Engine, name: str
) -> None:
    store_dir = tmp_path / "store"
    live = query_files(graphs, named_query(name))  # in memory: computed by Oxigraph, nothing kept
    assert not (tmp_path / FOLDER).exists()
    assert query_files(graphs, named_query(name), store_dir) == live
    assert view_path(store_dir, name).is_file()
    assert live[1], "the seed and the second article give rows for every named query"
    engine.refuse = True
    assert query_files([], named_query(name), store_dir) == live  # a new process would read the same


def test_loading_a_file_makes_the_views_stale(graphs: list[Path], tmp_path: Path, engine: Engine) -> None:
    store_dir = tmp_path / "store"
    first = query_files(graphs[:1], named_query("officials"), store_dir)
    query_files([], named_query("officials"), store_dir)
    assert engine.calls == 1
    after = query_files(graphs[1:], named_query("officials"), store_dir)
    assert engine.calls == 2
    assert after == query_files(graphs, named_query("officials"))
    assert len(after[1]) > len(first[1])


def test_a_bulk_load_makes_the_views_stale_and_the_store_survives_the_folder(
    graphs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store_dir = tmp_path / "store"
    query_files(graphs[:1], named_query("treaties"), store_dir)
    monkeypatch.setattr(kg.store.embedded, "ATOMIC_LIMIT", 0)  # bulk-loaded, then the store is optimized
    assert query_files(graphs[1:], named_query("treaties"), store_dir) == query_files(
        graphs, named_query("treaties")
    )
    assert query_files([], named_query("treaties"), store_dir) == query_files(graphs, named_query("treaties"))


def test_a_view_whose_token_is_gone_is_computed_again(
    graphs: list[Path], tmp_path: Path, engine: Engine
) -> None:
    store_dir = tmp_path / "store"
    expected = query_files(graphs, named_query("events"), store_dir)
    store = open_store(store_dir)
    forget_views(store)  # what a load does first: killed right after it, the data may be half written
    del store
    assert view_path(store_dir, "events").is_file()
    assert query_files([], named_query("events"), store_dir) == expected
    assert engine.calls == 2


def test_rows_read_only_in_part_are_not_kept(graphs: list[Path], tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    _, rows = iter_query_files(graphs, named_query("events"), store_dir)
    next(rows)  # kg query ... | head: the reader stopped
    del rows
    assert not view_path(store_dir, "events").exists()


def test_rows_read_while_the_store_changes_are_not_kept(graphs: list[Path], tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    store = open_store(store_dir)
    load_file(store, graphs[0])
    columns, rows = query(store, store_dir, named_query("events"))
    next(rows)
    load_file(store, graphs[1])
    list(rows)
    assert not view_path(store_dir, "events").exists()
    expected = query_files(graphs, named_query("events"))
    assert (columns, list(query(store, store_dir, named_query("events"))[1])) == expected
    assert view_path(store_dir, "events").is_file()


def _damage(path: Path, how: str) -> None:
    header, body = path.read_bytes().split(b"\n", 1)
    fields = json.loads(header)

    def write(body: bytes, **changes: object) -> None:
        fields.update(changes)
        path.write_bytes(json.dumps(fields).encode() + b"\n" + body)

    if how == "truncated":
        path.write_bytes(header + b"\n" + body[: len(body) // 2])
    elif how == "a byte changed":
        middle = len(body) // 2
        path.write_bytes(header + b"\n" + body[:middle] + bytes([body[middle] ^ 0x20]) + body[middle + 1 :])
    elif how == "header only":
        path.write_bytes(header)
    elif how == "not json":
        path.write_bytes(b"\x00garbage\n")
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "other query text":
        write(body, query="0" * 64)
    elif how == "other format":
        write(body, format=999)
    elif how == "another Python":
        write(body, python="cpython-399 marshal 4")
    elif how == "rows of another width":  # a whole file (its CRC right), the rows one cell short
        short = marshal.dumps([row[:-1] for row in marshal.loads(body)])
        write(short, crc=zlib.crc32(short))
    elif how == "not rows":
        other = marshal.dumps({"rows": 1})
        write(other, crc=zlib.crc32(other))


DAMAGES = [
    "truncated",
    "a byte changed",
    "header only",
    "not json",
    "empty",
    "other query text",
    "other format",
]
DAMAGES += ["another Python", "rows of another width", "not rows"]


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_or_foreign_view_is_computed_again(
    graphs: list[Path], tmp_path: Path, engine: Engine, how: str
) -> None:
    store_dir = tmp_path / "store"
    expected = query_files(graphs, named_query("protests"), store_dir)
    _damage(view_path(store_dir, "protests"), how)
    assert query_files([], named_query("protests"), store_dir) == expected
    assert engine.calls == 2
    engine.refuse = True  # and the view was written again, whole
    assert query_files([], named_query("protests"), store_dir) == expected


def test_a_view_that_cannot_be_written_is_a_warning(
    graphs: list[Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store_dir = tmp_path / "store"
    store_dir.mkdir()
    (store_dir / FOLDER).write_text("a file where the folder would be\n")
    expected = query_files(graphs, named_query("states"))
    with caplog.at_level(logging.WARNING, logger="kg"):
        assert query_files(graphs, named_query("states"), store_dir) == expected
    assert [r.message.split(":")[0] for r in caplog.records] == ["the rows are not kept for the next run"]


def test_other_queries_are_not_kept(graphs: list[Path], tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    text = named_query("states") + "\n# the same query, other text\n"
    assert query_files(graphs, text, store_dir) == query_files(graphs, named_query("states"))
    assert not (store_dir / FOLDER).exists()


def test_one_token_for_all_views_and_none_left_after_a_load(graphs: list[Path], tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    store = open_store(store_dir)
    load_file(store, graphs[0])
    for name in NAMED:
        list(query(store, store_dir, named_query(name))[1])
    assert len(token_graphs(store)) == 1
    load_file(store, graphs[1])
    assert token_graphs(store) == []


def test_the_command_line_serves_the_view(graphs: list[Path], tmp_path: Path, engine: Engine) -> None:
    store_dir = str(tmp_path / "store")
    args = ["--store", store_dir, "--name", "officials", "--format", "csv"]
    first = CliRunner().invoke(cli, ["query", *map(str, graphs), *args])
    assert first.exit_code == 0, first.output
    engine.refuse = True
    again = CliRunner().invoke(cli, ["query", *args])
    assert again.exit_code == 0, again.output
    assert again.output == first.output
    assert len(first.output.splitlines()) > 3
