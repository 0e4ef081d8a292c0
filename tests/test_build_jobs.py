"""``kg build --jobs N``: the same bytes for any N, the same errors, a progress bar only on a terminal;
and the benchmark corpus generator (bench/corpus.py) is deterministic."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.corpus import generate, load_templates
from kg.build import ProgressBar
from kg.cli import cli

ENV = {"KG_TODAY": "2026-11-27"}
# a few short articles of the evaluation corpus that conform to the shapes
STEMS = {"001_natuna_nota_protes", "002_dokdo_buku_pelajaran", "003_australia_china_dagang"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    generate(folder, 6, seed=3, templates=load_templates(STEMS))
    return folder


def _build(folder: Path, out: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["build", str(folder), "--out", str(out), *args], env=ENV)
    return result.exit_code, result.stdout, result.stderr


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_build_jobs_output_is_byte_identical_for_any_number_of_jobs(corpus, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert _build(corpus, one, "--jobs", "1")[0] == 0
    code, stdout, _ = _build(corpus, two, "--jobs", "2")
    assert code == 0
    assert _files(one) == _files(two)
    assert len(_files(one)) == 12  # .ttl and .html of each
    assert [line.split(" -> ")[0] for line in stdout.splitlines()] == [
        str(p) for p in sorted(corpus.glob("*.txt"))
    ]


def test_build_jobs_first_error_stops_the_build_as_with_one_job(corpus, tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(corpus, folder)
    bad = sorted(folder.glob("*.txt"))[2]
    bad.write_bytes(b"\x00\x01binary")
    results = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        code, _, stderr = _build(folder, out, "--jobs", jobs, "--no-html")
        lines = stderr.strip().splitlines()
        assert code == 2
        assert len(lines) == 1 and lines[0].startswith("kg: error: ") and bad.name in lines[0]
        assert not list(out.glob(".*.tmp"))  # nothing half-written
        results[jobs] = _files(out)
    assert results["1"] == results["2"]
    assert sorted(results["1"]) == [p.with_suffix(".ttl").name for p in sorted(folder.glob("*.txt"))[:2]]


def test_build_draws_no_progress_bar_when_stderr_is_not_a_terminal(corpus, tmp_path):
    code, stdout, stderr = _build(corpus, tmp_path / "out", "--jobs", "2", "--no-html")
    assert code == 0
    assert stderr == f"built 6 article(s) into {tmp_path / 'out'}/\n"
    assert "\r" not in stdout + stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_is_drawn_only_on_a_terminal():
    pipe, terminal = io.StringIO(), _Terminal()
    for stream in (pipe, terminal):
        bar = ProgressBar(4, stream)
        for _ in range(4):
            bar.clear()
            bar.update()
        bar.close()
    assert pipe.getvalue() == ""
    assert "4/4 articles" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\x1b[K")  # cleared at the end


def test_bench_corpus_generator_is_deterministic(tmp_path):
    templates = load_templates(STEMS)
    a = generate(tmp_path / "a", 9, seed=5, templates=templates)
    b = generate(tmp_path / "b", 9, seed=5, templates=templates)
    generate(tmp_path / "c", 9, seed=6, templates=templates)
    assert [p.name for p in a] == [p.name for p in b]
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")
    originals = {t.text for t in templates}
    assert not any(p.read_text(encoding="utf-8") in originals for p in a)  # every article was varied


def test_bench_background_generator_is_deterministic(tmp_path):
    from bench.background import write

    write(tmp_path / "a.nt", 5_000, seed=1)
    write(tmp_path / "b.nt", 5_000, seed=1)
    lines = (tmp_path / "a.nt").read_text(encoding="utf-8").splitlines()
    assert (tmp_path / "a.nt").read_bytes() == (tmp_path / "b.nt").read_bytes()
    assert len(lines) == len(set(lines)) == 5_000


def test_a_build_with_one_job_does_not_load_multiprocessing(corpus, tmp_path):
    """The workers' machinery (multiprocessing, sockets: ~12 ms) is imported only when there are workers."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    code = (
        "import sys; from kg.cli import cli\n"
        "try:\n    cli(sys.argv[1:])\nexcept SystemExit as exc:\n    status = exc.code\n"
        "print(status, 'multiprocessing' in sys.modules)"
    )
    for jobs, loaded in (("1", "False"), ("2", "True")):
        out_dir = tmp_path / jobs
        args = ["build", str(corpus), "--out", str(out_dir), "--no-html", "--jobs", jobs]
        out = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, cwd=root
        )
        assert out.stdout.strip().splitlines()[-1] == f"0 {loaded}", out.stderr  # the build succeeded
        assert len(list(out_dir.glob("*.ttl"))) == len(list(corpus.glob("*.txt")))


def test_a_failed_write_stops_the_workers_at_once(corpus, tmp_path):
    """The workers end when the build fails, not when the failed build's frames are collected."""
    import datetime as dt
    import multiprocessing

    from kg.build import build
    from kg.errors import OutputError
    from kg.lexicon.resources import load_resources

    out = tmp_path / "out"
    third = sorted(corpus.glob("*.txt"))[2]
    (out / f"{third.stem}.ttl").mkdir(parents=True)  # a folder where the third output goes
    with pytest.raises(OutputError, match="it is a folder") as failed:
        build([corpus], out, load_resources(), today=dt.date(2026, 11, 27), html=False, jobs=2)
    assert failed.traceback  # the frames are still held here
    assert multiprocessing.active_children() == []
