"""Start-up stays light: help texts import none of the heavy libraries (checked by what Python
imports, not by timing anything)."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

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


def test_a_counting_run_loads_no_help_formatting_nor_the_ikm_model() -> None:
    """Typer's rich help module (rich.markdown, markdown-it: ~0.15 s) is localised when Typer
    imports it, not imported at start: counting never shows help."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "iku_cli", "hitung",
         "examples/rekap_gucialit_2026.xlsx", "-f", "json"],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": "100"},
        cwd=os.path.dirname(os.path.dirname(__file__)),
    )
    assert completed.returncode in (0, 1), completed.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in completed.stderr.splitlines()}
    assert "iku_cli.rekap.core" in imported
    assert imported.isdisjoint({"typer.rich_utils", "markdown_it", "rich.markdown"})
    # nor the IKM model (nine dataclasses, ~10 ms): only settings with [ikm.riwayat] need it
    assert "iku_cli.ikm.model" not in imported


@pytest.mark.parametrize("args", [["hitung", "--tidak-ada"], ["hitung", "-h"]])
def test_help_and_errors_are_still_in_indonesian_when_loaded_late(args: list[str]) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "iku_cli", *args], capture_output=True, text=True,
        env={**os.environ, "COLUMNS": "100"},
    )
    shown = completed.stdout + completed.stderr
    assert "Cara pakai: " in shown and " hitung [OPSI] BERKAS/FOLDER" in shown
    if args[1] == "--tidak-ada":
        assert completed.returncode == 2
        assert "Galat" in shown and "tidak dikenal" in shown and "Error" not in shown


def test_the_command_runs_without_the_cyclic_collector_and_the_tests_keep_theirs() -> None:
    """`iku` (main) runs its one command with the cyclic collector off — everything a run
    builds lives until the process ends; a caller of the app in-process (the tests through
    CliRunner) keeps its collector on."""
    code = ("import gc, sys, iku_cli.cli as cli\n"
            "cli.app = lambda: print(gc.isenabled())\n"
            "print(gc.isenabled()); cli.main()")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               check=True)
    assert completed.stdout.split() == ["True", "False"]
    import gc

    from typer.testing import CliRunner

    from iku_cli.cli import app

    done = CliRunner().invoke(app, ["hitung", "examples/rekap_gucialit_2026.xlsx", "-f", "json"])
    assert done.exit_code == 1 and gc.isenabled()  # (the example has a galat on purpose)


_BIG_BLOCKS = """
import ctypes, sys
import iku_cli.cli as cli

class Info(ctypes.Structure):  # glibc's mallinfo2
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = Info

def mapped_kb_of_a_new_block():
    big = b"x" * (30 << 20)  # a big block freed (as a sheet's XML is): glibc raises its
    del big                  # threshold for mapping blocks on their own to its size
    before = libc.mallinfo2().hblkhd
    block = b"x" * (3 << 19)  # 1.5 MB: mapped on its own (given back when freed), or not
    print((libc.mallinfo2().hblkhd - before) >> 10)

cli.app = mapped_kb_of_a_new_block
how = sys.argv.pop(1)  # (not an argument of the command)
cli.main() if how == "main" else mapped_kb_of_a_new_block()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_the_command_maps_big_blocks_on_their_own() -> None:
    """`iku` (main) has every block of 1 MB or more mapped on its own, so it leaves the process
    when freed (cli/memory.py) — even after a bigger block was freed, which makes glibc
    take later blocks of megabytes from the heap, where they stay resident. Asked of glibc
    (mallinfo2: bytes in blocks mapped on their own) in a child; without main's setting the
    same block is not mapped."""
    def mapped_kb(how: str) -> int:
        done = subprocess.run([sys.executable, "-c", _BIG_BLOCKS, how], capture_output=True,
                              text=True)
        if "mallinfo2" in done.stderr:
            pytest.skip("not glibc (no mallinfo2)")
        assert done.returncode == 0, done.stderr
        return int(done.stdout.split()[-1])

    assert mapped_kb("plain") == 0
    assert mapped_kb("main") >= 1024


_ONE_COMMAND = """
import atexit, sys
import iku_cli.cli as cli

atexit.register(lambda: print("finalised", file=sys.stderr))
sys.argv = ["iku", *sys.argv[1:]]
cli.main()
"""


def test_the_command_leaves_once_its_output_is_out_and_the_tests_stay() -> None:
    """`iku` (main) ends its process as soon as the command has flushed what it wrote: its
    output whole, its exit code kept, no interpreter finalisation after it (an exit handler
    never runs); in-process (CliRunner) the same command returns to its caller."""
    import json

    from typer.testing import CliRunner

    from iku_cli.cli import app

    args = ["hitung", "examples/rekap_gucialit_2026.xlsx", "-f", "json"]
    done = subprocess.run([sys.executable, "-c", _ONE_COMMAND, *args], capture_output=True,
                          text=True, encoding="utf-8")
    assert done.returncode == 1  # (the example has a galat on purpose)
    assert "finalised" not in done.stderr and "Jalankan `iku periksa" in done.stderr
    shown = CliRunner().invoke(app, args)
    assert shown.exit_code == 1
    child, here = json.loads(done.stdout), json.loads(shown.stdout)
    child.pop("dibuat"), here.pop("dibuat")
    assert child == here
    quiet = subprocess.run([sys.executable, "-c", _ONE_COMMAND, "--version"],
                           capture_output=True, text=True)
    assert quiet.returncode == 0 and quiet.stdout.strip()  # (a command without run_guarded)


@pytest.mark.parametrize(("args", "kept"), [
    (["Hitung", "masuk/"], ["hitung"]),  # (names in any case, as the app takes them)
    (["periksa", "-h"], ["periksa"]),
    (["bantuan", "hitung"], None),  # (it names the others)
    (["hitng", "masuk/"], None),  # (the error lists them all)
    (["--version"], None),
    ([], None),
])
def test_the_command_converts_only_the_command_asked(args: list[str], kept: Any) -> None:
    """Typer turns the parameters of every registered command into Click's before running
    one: `iku` (main) keeps only the command the first argument names; otherwise all."""
    code = ("import sys, iku_cli.cli as cli\n"
            "cli._only_the_command_asked(sys.argv[1:])\n"
            "print(' '.join(info.name for info in cli.app.registered_commands))")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          check=True)
    everything = ["init", "hitung", "periksa", "templat", "ikm", "gabung", "bantuan"]
    assert done.stdout.split() == (kept or everything)
