"""A workbook opened by python-calamine from a file in memory (inputs/memory_file) reads exactly
as one opened from a file-like object — sheets, cells, merged ranges, refusals — in every
format; a system that refuses such a file, or a workbook calamine cannot open so, falls back to
the file-like way; and no descriptor or memory is left behind."""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import python_calamine as calamine

from conftest import SheetSpec, workbook_bytes, write_ods
from hardening_ii_support import biff_xls
from iku_cli.inputs import memory_file
from iku_cli.inputs.memory_file import open_workbook

needs_memory_files = pytest.mark.skipif(not memory_file.AVAILABLE,
                                        reason="no file in memory on this system (Linux only)")

SPEC = SheetSpec("Kesos", [["No", "Tanggal", "Kegiatan"], [1, dt.date(2026, 3, 12), "Rapat"],
                           [2, "13/03/2026", "Sosialisasi\nlanjutan"], [None, 3.5, True]],
                 ["A1:B1"], start_row=2, start_col=2)


def _contents(workbook: Any) -> list[tuple[str, list[list[Any]], Any]]:
    with workbook:
        return [(name, (sheet := workbook.get_sheet_by_name(name)).to_python(),
                 sheet.merged_cell_ranges) for name in workbook.sheet_names]


def _workbooks(tmp_path: Path) -> dict[str, bytes]:
    return {
        "xlsx": workbook_bytes([SPEC, SheetSpec("Umum", [["x"]])]),
        "ods": write_ods(tmp_path / "r.ods", [SPEC]).read_bytes(),
        "xls": biff_xls(tmp_path / "r.xls", {(0, 0): "Kegiatan", (1, 0): "Rapat"}).read_bytes(),
    }


def _from_path_spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    opened: list[str] = []
    original = calamine.CalamineWorkbook.from_path

    def spy(path: str) -> Any:
        opened.append(path)
        return original(path)

    monkeypatch.setattr(calamine.CalamineWorkbook, "from_path", spy)
    return opened


@needs_memory_files
@pytest.mark.parametrize("fmt", ["xlsx", "ods", "xls"])
def test_a_workbook_opened_from_memory_reads_as_from_a_file_like_object(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    data = _workbooks(tmp_path)[fmt]
    expected = _contents(calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)))
    opened = _from_path_spy(monkeypatch)
    monkeypatch.setattr(memory_file, "MIN_BYTES", 0)
    assert _contents(open_workbook(calamine, data)) == expected
    assert len(opened) == 1 and opened[0].startswith("/proc/self/fd/")


@needs_memory_files
def test_only_a_big_workbook_is_opened_from_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    data = workbook_bytes([SPEC])
    opened = _from_path_spy(monkeypatch)
    open_workbook(calamine, data).close()
    assert opened == []  # (a few KB: copied into calamine's buffer at once)
    monkeypatch.setattr(memory_file, "MIN_BYTES", len(data))
    open_workbook(calamine, data).close()
    assert len(opened) == 1


@pytest.mark.parametrize("refusal", ["no memory file", "no /proc", "not available"])
def test_a_refused_memory_file_falls_back_to_the_file_like_way(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refusal: str) -> None:
    data = _workbooks(tmp_path)["xlsx"]
    expected = _contents(calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)))
    monkeypatch.setattr(memory_file, "MIN_BYTES", 0)
    if refusal == "no memory file":
        monkeypatch.setattr(memory_file, "AVAILABLE", True)
        monkeypatch.setattr(memory_file, "_CREATE", mock.Mock(
            side_effect=OSError(errno.EMFILE, "Too many open files")))
    elif refusal == "no /proc":
        monkeypatch.setattr(calamine.CalamineWorkbook, "from_path", mock.Mock(
            side_effect=calamine.CalamineError("No such file or directory")))
    else:
        monkeypatch.setattr(memory_file, "AVAILABLE", False)
    assert _contents(open_workbook(calamine, data)) == expected


def _outcome(open_: Any, data: bytes) -> Any:
    """What opening gives: the workbook's contents, or the error as (type, words)."""
    try:
        workbook = open_(data)
    except Exception as error:
        return type(error), str(error)
    return _contents(workbook)


@pytest.mark.parametrize("damage", [b"", b"PK\x03\x04 not a zip", b"plain text, no workbook"])
def test_a_damaged_workbook_opens_or_is_refused_as_from_a_file_like_object(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes) -> None:
    """Cut short, or with bytes before it (a zip read from its end still opens): the same
    contents or the same refusal."""
    good = _workbooks(tmp_path)["xlsx"]
    monkeypatch.setattr(memory_file, "MIN_BYTES", 0)
    outcomes = []
    for data in (damage, good[: len(good) // 2], good[:-30], damage + good):
        outcomes.append(expected := _outcome(
            lambda data: calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)), data))
        assert _outcome(lambda data: open_workbook(calamine, data), data) == expected
    assert isinstance(outcomes[1], tuple) and isinstance(outcomes[-1], list)  # (both kinds)


@needs_memory_files
def test_no_descriptor_is_left_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _workbooks(tmp_path)["xlsx"]
    monkeypatch.setattr(memory_file, "MIN_BYTES", 0)
    before = set(os.listdir("/proc/self/fd"))
    for _ in range(20):
        with open_workbook(calamine, data) as workbook:
            workbook.get_sheet_by_index(0).to_python()
    with pytest.raises(calamine.CalamineError):  # (a refusal, through both ways)
        open_workbook(calamine, b"PK\x03\x04" + data[4:100])
    assert set(os.listdir("/proc/self/fd")) == before
