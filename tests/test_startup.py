"""Start-up stays light: help texts import none of the heavy libraries (checked by what Python
imports, not by timing anything)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

HEAVY = {"pandas", "numpy", "openpyxl", "python_calamine"}


@pytest.mark.parametrize("args", [["templat", "--help"], ["--version"]])
def test_help_and_version_import_no_heavy_library(args: list[str]) -> None:
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "iku_cli", *args],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": "100"}, check=True,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in completed.stderr.splitlines()}
    assert "iku_cli.cli" in imported
    assert imported.isdisjoint(HEAVY), imported & HEAVY


def test_the_pool_module_imports_no_heavy_library() -> None:
    """core imports parallel; parallel itself must not pull pandas or calamine in."""
    code = f"import sys, iku_cli.rekap.parallel; print(sorted(set(sys.modules) & {HEAVY!r}))"
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               check=True)
    assert completed.stdout.strip() == "[]"
