"""The wheel carries everything kg reads at run time (data, ontology, shapes, queries, templates)."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from .conftest import ROOT


def test_packaging_wheel_contains_every_runtime_file(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("diplograph-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    package = ROOT / "kg"
    needed = {
        str(p.relative_to(ROOT))
        for folder in ("data", "ontology", "view/templates")
        for p in (package / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert needed, "no runtime files found"
    assert needed <= names, sorted(needed - names)
