"""What a run lets go is freed at once, or — in the one-command process only — held until the
next file or sheet is read, or the process's end (never two grids at once)."""

from __future__ import annotations

import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from iku_cli import lifetime


class _Grid(list):  # type: ignore[type-arg]  # (a list a weak reference can follow)
    pass


def test_a_library_caller_gets_its_memory_back_at_once() -> None:
    assert not lifetime.is_one_command_process()
    grid = _Grid([[1, 2]])
    gone = weakref.ref(grid)
    lifetime.let_go(grid)
    del grid
    assert gone() is None


_ONE_COMMAND = """
import weakref
from iku_cli import lifetime

class Grid(list):
    pass

lifetime.one_command_process()
first, second = Grid(), Grid()
refs = [weakref.ref(first), weakref.ref(second)]
lifetime.let_go(first)
del first
print(refs[0]() is not None)  # held: nothing was read since
lifetime.release()
print(refs[0]() is None)  # freed before the next is read
lifetime.let_go(second)
del second
print(refs[1]() is not None)  # the last one: left to the process's end
"""


def test_the_one_command_process_holds_the_last_grid_until_something_is_read() -> None:
    done = subprocess.run([sys.executable, "-c", _ONE_COMMAND], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["True", "True", "True"]


def test_a_workbook_of_several_sheets_never_holds_two_grids(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read as the one-command process reads (grids held): each sheet's grid is released
    before the next sheet is read — at most one grid held at any time."""
    from conftest import SheetSpec, write_xlsx
    from iku_cli.inputs import read as reading
    from iku_cli.rekap.core import hitung

    sheets = 3
    header = ["No", "Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung", "Ditindaklanjuti"]
    path = write_xlsx(tmp_path / "rekap.xlsx", [SheetSpec(f"S{s}", [header] + [
        [n, "05/03/2026", f"Rapat {s}-{n}", "Rapat Koordinasi", "Ya"] for n in range(1, 30)])
        for s in range(sheets)])
    monkeypatch.setattr(lifetime, "_one_command", True)
    held_when_read: list[bool] = []
    real = reading._iter_calamine

    def spy(*args: object, **kwargs: object) -> object:
        for sheet in real(*args, **kwargs):  # type: ignore[arg-type]
            held_when_read.append(lifetime._kept is not None)
            yield sheet

    monkeypatch.setattr(reading, "_iter_calamine", spy)
    result = hitung([path])
    assert result.total.counted == 29 * sheets
    assert held_when_read == [False] * sheets  # (released before each sheet was read)
    assert lifetime._kept is not None  # the last one: left to the process's end
    lifetime.release()
