"""Issue 7: interrupted and concurrent runs. ``kg build`` and ``kg merge`` killed with SIGKILL at random
(seeded) points leave every previous output byte-identical or replaced by the complete new one, and
only dot-file temporaries, which the next run removes; a rerun finishes the job. Two builds into one
folder at once give the bytes of one build.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.rdf.export import clean_stale_temp_files, temp_files, write_atomic

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
ENV = {**os.environ, "KG_TODAY": "2026-11-27"}
KG = [sys.executable, "-m", "kg"]


def kg(*args: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*KG, *map(str, args)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, cwd=ROOT
    )


def finish(proc: subprocess.Popen[bytes]) -> None:
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()


def kill_at(proc: subprocess.Popen[bytes], delay: float) -> None:
    """SIGKILL ``proc`` ``delay`` seconds from now (or let it end first); reap it."""
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    if proc.stderr is not None:
        proc.stderr.close()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def leftovers(folder: Path, outputs: set[str]) -> set[str]:
    """Files in ``folder`` that are not outputs: each must be a dot-file temporary of an output."""
    extra = {name for name in os.listdir(folder) if name not in outputs}
    for name in extra:
        assert name.startswith(".") and name.endswith(".tmp"), name
        assert any(name.startswith(f".{out}.") for out in outputs), name
    return extra


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for path in sorted(CORPUS.glob("*.txt"))[:3]:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


@pytest.fixture(scope="module")
def old_and_new(
    articles: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The outputs of an earlier build (another publication date) and those of the build under test."""
    old, new = tmp_path_factory.mktemp("old"), tmp_path_factory.mktemp("new")
    finish(kg("build", articles, "--out", old, "--published", "2001-02-03"))
    finish(kg("build", articles, "--out", new))
    before, after = snapshot(old), snapshot(new)
    assert set(before) == set(after) and len(after) == 6
    assert all(before[name] != after[name] for name in after if name.endswith(".ttl"))
    return before, after


def test_write_atomic_killed_before_the_rename_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")
    child = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "import kg.rdf.export\n"
        "def stuck(fd):\n"
        "    print('written', flush=True)\n"
        "    time.sleep(60)\n"
        "kg.rdf.export.os.fsync = stuck\n"
        f"kg.rdf.export.write_atomic(Path({str(target)!r}), b'new' * 1_000_000)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None
    assert proc.stdout.readline() == b"written\n"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    assert target.read_bytes() == b"old"
    (tmp,) = temp_files(target)
    assert tmp.name.startswith(f".out.ttl.{proc.pid}.") and tmp.stat().st_size == 3_000_000
    write_atomic(target, b"new")  # the next write removes what the dead process left
    assert target.read_bytes() == b"new" and sorted(os.listdir(tmp_path)) == ["out.ttl"]


def test_write_atomic_killed_at_random_points(tmp_path: Path) -> None:
    target = tmp_path / "big.bin"
    new = bytes(range(256)) * (256 * 1024)  # 64 MiB
    child = (
        "import sys\n"
        "from pathlib import Path\n"
        "import kg.rdf.export\n"
        "print('ready', flush=True)\n"
        f"kg.rdf.export.write_atomic(Path({str(target)!r}), bytes(range(256)) * (256 * 1024))\n"
    )
    rng = random.Random(7)
    for _ in range(6):
        target.write_bytes(b"old")
        proc = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, cwd=ROOT)
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        assert target.read_bytes() in (b"old", new)  # where the kill lands depends on the machine's load
        assert all(p.name.startswith(".big.bin.") for p in tmp_path.iterdir() if p != target)
    clean_stale_temp_files(target)
    assert sorted(os.listdir(tmp_path)) == ["big.bin"]


@pytest.mark.parametrize("seed", [1, 2])
def test_build_killed_at_random_points_keeps_old_or_new_outputs(
    articles: Path, old_and_new: tuple[dict[str, bytes], dict[str, bytes]], tmp_path: Path, seed: int
) -> None:
    old, new = old_and_new
    out = tmp_path / "out"
    out.mkdir()
    for name, data in old.items():
        (out / name).write_bytes(data)
    delay = random.Random(seed).uniform(0.2, 1.4)
    kill_at(kg("build", articles, "--out", out), delay)
    for name in new:
        assert (out / name).read_bytes() in (old[name], new[name]), (name, delay)
    leftovers(out, set(new))
    finish(kg("build", articles, "--out", out))  # the rerun finishes the job and cleans up
    assert snapshot(out) == new
    assert sorted(os.listdir(out)) == sorted(new)


def test_build_killed_several_times_in_a_row_then_rerun(
    articles: Path, old_and_new: tuple[dict[str, bytes], dict[str, bytes]], tmp_path: Path
) -> None:
    old, new = old_and_new
    out = tmp_path / "out"
    out.mkdir()
    for name, data in old.items():
        (out / name).write_bytes(data)
    rng = random.Random(11)
    for _ in range(3):
        kill_at(kg("build", articles, "--out", out), rng.uniform(0.2, 1.4))
        for name in new:
            assert (out / name).read_bytes() in (old[name], new[name])
        leftovers(out, set(new))
    finish(kg("build", articles, "--out", out))
    assert snapshot(out) == new and sorted(os.listdir(out)) == sorted(new)


def test_merge_killed_at_random_points_keeps_the_old_merge(
    articles: Path, old_and_new: tuple[dict[str, bytes], dict[str, bytes]], tmp_path: Path
) -> None:
    _, new = old_and_new
    graphs = tmp_path / "graphs"
    graphs.mkdir()
    for name, data in new.items():
        if name.endswith(".ttl"):
            (graphs / name).write_bytes(data)
    ttl = sorted(graphs.glob("*.ttl"))
    out = tmp_path / "merged"
    out.mkdir()
    target = out / "all.trig"
    finish(kg("merge", ttl[0], "-o", target))
    previous = target.read_bytes()
    finish(kg("merge", *ttl, "-o", out / "expected.trig"))
    expected = (out / "expected.trig").read_bytes()
    (out / "expected.trig").unlink()
    rng = random.Random(5)
    for _ in range(3):
        kill_at(kg("merge", *ttl, "-o", target), rng.uniform(0.1, 1.0))
        assert target.read_bytes() in (previous, expected)
        leftovers(out, {"all.trig"})
    finish(kg("merge", *ttl, "-o", target))
    assert target.read_bytes() == expected and os.listdir(out) == ["all.trig"]


def test_concurrent_builds_into_one_folder_give_the_bytes_of_one_build(
    articles: Path, old_and_new: tuple[dict[str, bytes], dict[str, bytes]], tmp_path: Path
) -> None:
    _, new = old_and_new
    out = tmp_path / "out"
    runs = [kg("build", articles, "--out", out) for _ in range(2)]
    for proc in runs:
        finish(proc)
    assert snapshot(out) == new
    assert sorted(os.listdir(out)) == sorted(new)  # no temporary file left behind


def test_a_temp_file_of_a_running_writer_is_not_removed(tmp_path: Path) -> None:
    target = tmp_path / "x.ttl"
    mine = tmp_path / f".x.ttl.{os.getpid()}.abcd1234.tmp"
    parent = tmp_path / f".x.ttl.{os.getppid()}.abcd1234.tmp"
    dead = tmp_path / ".x.ttl.99999999.abcd1234.tmp"
    unrelated = tmp_path / ".x.ttl.notes.tmp"
    for path in (mine, parent, dead, unrelated):
        path.write_bytes(b"partial")
    assert clean_stale_temp_files(target) == [dead]
    assert sorted(p.name for p in temp_files(target)) == sorted([mine.name, parent.name])
    assert unrelated.exists()


def test_a_folder_is_cleaned_of_dead_writers_temp_files_in_one_pass(tmp_path: Path) -> None:
    # what kg build does once for its output folder before writing with clean=False
    from kg.rdf.export import clean_stale_temp_files_in

    names = {
        "mine": f".a.ttl.{os.getpid()}.abcd1234.tmp",
        "parent": f".b.v1.html.{os.getppid()}.x_y9.tmp",
        "dead": ".a.ttl.99999999.abcd1234.tmp",
        "dead-dotted": ".c.d.ttl.99999998.zz.tmp",
        "unrelated": ".a.ttl.notes.tmp",
        "article": "a.ttl",
    }
    for name in names.values():
        (tmp_path / name).write_bytes(b"partial")
    removed = clean_stale_temp_files_in(tmp_path)
    assert sorted(p.name for p in removed) == sorted([names["dead"], names["dead-dotted"]])
    assert sorted(os.listdir(tmp_path)) == sorted(v for k, v in names.items() if not k.startswith("dead"))
    assert clean_stale_temp_files_in(tmp_path / "missing") == []


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False).stdout
    return [int(child) for child in found.split()]


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process states from /proc (Linux)")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_when_the_build_is_killed(articles: Path, tmp_path: Path, how: signal.Signals) -> None:
    """A worker waiting for its next article sees the parent gone (its pipe ends) and ends too."""
    proc = kg("build", articles, "--out", tmp_path / "out", "--jobs", "2", "--no-html")
    workers: list[int] = []
    deadline = time.monotonic() + 30
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        time.sleep(0.01)
    assert len(workers) == 2, "the workers did not start"
    proc.send_signal(how)
    proc.wait(timeout=30)
    assert proc.stderr is not None
    proc.stderr.close()
    deadline = time.monotonic() + 10
    while any(map(_running, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_running, workers)), "a worker outlived the killed build"
