"""The README's terminal session is real: each `kg query` shown prints exactly what the README says,
and the build line reports the triples a fresh build writes."""

from __future__ import annotations

import re
import shlex

import pytest
from click.testing import CliRunner

from kg.cli import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SESSION = README.split("```console", 1)[1].split("```", 1)[0]


def _commands():
    blocks = re.split(r"^\$ ", SESSION, flags=re.MULTILINE)[1:]
    for block in blocks:
        command, *output = block.rstrip("\n").split("\n")
        yield shlex.split(command)[1:], output


@pytest.mark.parametrize(("argv", "output"), [c for c in _commands() if c[0][0] == "query"])
def test_readme_query_output_is_real(argv, output, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, argv, catch_exceptions=False)
    assert result.output.rstrip("\n").split("\n") == output


def test_readme_build_line_reports_the_real_triple_count(seed_graph):
    ((_argv, output),) = [c for c in _commands() if c[0][0] == "build"]
    assert f"({len(seed_graph)} triples)" in output[0]
