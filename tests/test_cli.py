"""The command line: every command has help and is documented; errors are one line and an exit code."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from kg.cli import cli

from .conftest import ROOT, SEED


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, list(args), catch_exceptions=False, env={"KG_TODAY": "2026-11-27"})

    return invoke


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(
        cli,
        ["build", str(SEED), "--out", str(out), "--no-html"],
        env={"KG_TODAY": "2026-11-27"},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return out / f"{SEED.stem}.ttl"


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_cli_every_command_has_help_and_is_in_the_readme(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"kg {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_cli_query_named_csv(run, built):
    result = run("query", str(built), "--name", "states", "--format", "csv")
    assert result.output.splitlines() == [
        "iso,label,wikidata",
        "KP,North Korea,Q423",
        "KR,South Korea,Q884",
        "RU,Russia,Q159",
        "UA,Ukraine,Q212",
        "VN,Vietnam,Q881",
    ]


def test_cli_query_json_and_string(run, built):
    q = "PREFIX dg: <https://w3id.org/diplograph/ontology#> SELECT ?iso WHERE { ?s dg:iso2 ?iso } ORDER BY ?iso"
    result = run("query", str(built), "--query", q, "--format", "json")
    assert [r["iso"] for r in json.loads(result.output)] == ["KP", "KR", "RU", "UA", "VN"]


def test_cli_queries_lists_the_contract(run):
    names = [line.split()[0] for line in run("queries").output.splitlines()]
    assert names == ["states", "officials", "treaties", "protests", "events", "relations"]


def test_cli_validate_exit_codes(run, built, tmp_path):
    assert run("validate", str(built)).exit_code == 0
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix dg: <https://w3id.org/diplograph/ontology#> .\n<https://w3id.org/diplograph/id/treaty/x> a dg:Treaty .\n"
    )
    result = run("validate", str(broken))
    assert result.exit_code == 1
    assert "TreatyShape" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "{graph}", "--name", "nope"], "unknown query 'nope'; known: states, officials"),
        (["query", "{graph}", "--query", "SELEKT ?x"], "SPARQL error"),
        (["query", "{graph}", "--query", "DELETE WHERE { ?s ?p ?o }"], "read-only"),
        (["query", "{missing}", "--name", "states"], "cannot read"),
        (["build", "{missing}"], "no such file or folder"),
        (["build", "{empty_dir}"], "no articles"),
        (["build", "{empty}"], "is empty"),
        (["build", "{binary}"], "binary"),
        (["build", "{latin1}"], "not UTF-8"),
        (["build", "{seed}", "--published", "kemarin"], "is not a date"),
        (["validate", "{bad_ttl}"], "not valid turtle"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(tmp_path, built, args, message):
    (tmp_path / "empty_dir").mkdir()
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "latin1.txt").write_bytes("Kerja sama Rusia–Korut déjà".encode("latin-1", "replace"))
    (tmp_path / "bad.ttl").write_text("<a> <b> .\n")
    names = {
        "graph": built,
        "missing": tmp_path / "missing.ttl",
        "empty_dir": tmp_path / "empty_dir",
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "binary.txt",
        "latin1": tmp_path / "latin1.txt",
        "seed": SEED,
        "bad_ttl": tmp_path / "bad.ttl",
    }
    argv = [str(names[a[1:-1]]) if a[1:-1] in names else a for a in args]
    result = CliRunner().invoke(cli, [*argv, "--out", str(tmp_path / "o")] if argv[0] == "build" else argv)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and message in lines[0], result.output
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").iterdir())


def test_cli_build_refuses_a_graph_that_does_not_conform_and_keeps_the_old_file(tmp_path, monkeypatch):
    import kg.build

    out = tmp_path / "out"
    out.mkdir()
    old = out / f"{SEED.stem}.ttl"
    old.write_text("previous")
    monkeypatch.setattr(kg.build, "build_triples", lambda x, r: frozenset(_treaty_with_one_party()))
    result = CliRunner().invoke(cli, ["build", str(SEED), "--out", str(out), "--no-html"])
    assert result.exit_code == 1
    assert "TreatyShape failed on <https://w3id.org/diplograph/id/treaty/x>" in result.output
    assert old.read_text() == "previous"


def _treaty_with_one_party():
    from rdflib import Graph

    return Graph().parse(
        data="@prefix dg: <https://w3id.org/diplograph/ontology#> .\n"
        "<https://w3id.org/diplograph/id/treaty/x> a dg:Treaty .",
        format="turtle",
    )


def test_cli_version(run):
    assert re.match(r"kg, version \d+\.\d+\.\d+", run("--version").output)


def test_cli_python_dash_m(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "kg", "queries"], capture_output=True, text=True, check=True
    )
    assert result.stdout == CliRunner().invoke(cli, ["queries"]).output  # the same command as kg
    assert "protests" in result.stdout
    wrong = subprocess.run(
        [sys.executable, "-m", "kg", "nonsense"], capture_output=True, text=True, check=False
    )
    assert wrong.returncode == 2 and "No such command 'nonsense'" in wrong.stderr
