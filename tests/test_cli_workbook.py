"""`iku hitung -o` and `--ke/--sheet/--paksa` from the command line: exit codes, stdout and
stderr separately, and what is (not) written."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from host_support import host_workbook, snapshot
from iku_cli.cli import app
from workbook_support import SHEETS, audit_rekap, label_values

runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"})


def invoke(*args: Any):
    return runner.invoke(app, [str(a) for a in args])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def rekap(tmp_path: Path) -> Path:
    return audit_rekap(tmp_path / "rekap.xlsx")


def test_o_writes_every_sheet_and_records_the_options(rekap: Path, tmp_path: Path) -> None:
    target = tmp_path / "ringkasan.xlsx"
    result = invoke("hitung", rekap, "-o", target, "--periode", "triwulan", "--target", "90",
                    "-f", "json")
    assert result.exit_code == 1  # two rows not evidence: galat
    data = json.loads(result.stdout)  # stdout still holds the JSON alone
    assert f"Ringkasan ditulis ke {target}" in result.stderr
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == [*SHEETS[:2], "Per Periode", *SHEETS[2:]]
    assert workbook["Rincian"].max_row - 1 == data["total"]["jumlah"]
    run = label_values(workbook["Sumber"])
    assert run["Opsi --periode"] == "triwulan"
    assert run["Opsi --target"] == "90"  # as typed
    assert run["Opsi --keluaran"] == str(target)
    assert run["Argumen PATHS"] == str(rekap)


def test_o_when_the_file_is_locked(rekap: Path, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "ringkasan.xlsx"
    target.write_bytes(b"lama")

    def locked(*args: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    result = invoke("hitung", rekap, "-o", target)
    assert result.exit_code == 1
    assert "tutup berkas di Excel lalu ulangi" in result.stderr
    assert result.stdout == ""
    assert target.read_bytes() == b"lama"
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_ke_writes_the_table_into_the_report(rekap: Path, tmp_path: Path) -> None:
    laporan = host_workbook(tmp_path / "laporan.xlsx")
    before = snapshot(laporan)
    result = invoke("hitung", rekap, "--ke", laporan, "--sheet", "IKU TW I")
    assert result.exit_code == 1
    assert "TOTAL" in result.stdout
    assert f"Tabel Ringkasan ditulis ke sheet IKU TW I di {laporan}" in result.stderr
    assert "cadangan" not in result.stderr
    workbook = openpyxl.load_workbook(laporan)
    assert workbook.sheetnames == ["Data", "Catatan", "IKU TW I"]
    assert snapshot(laporan, skip="IKU TW I") == before


def test_ke_refuses_what_would_be_lost_and_changes_nothing(rekap: Path,
                                                            tmp_path: Path) -> None:
    laporan = host_workbook(tmp_path / "laporan.xlsx", chart=True)
    original = digest(laporan)
    summary = tmp_path / "ringkasan.xlsx"
    result = invoke("hitung", rekap, "--ke", laporan, "-o", summary)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "tidak diubah" in result.stderr
    assert "grafik: 1 di sheet Data" in result.stderr
    assert "--paksa" in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(laporan) == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.xlsx", "rekap.xlsx"]


def test_ke_paksa_backs_up_then_writes(rekap: Path, tmp_path: Path) -> None:
    laporan = host_workbook(tmp_path / "laporan.xlsx", chart=True)
    original = laporan.read_bytes()
    before = snapshot(laporan)
    result = invoke("hitung", rekap, "--ke", laporan, "--paksa")
    assert result.exit_code == 1, result.stderr
    backups = [p for p in tmp_path.iterdir() if p.name.startswith("laporan.backup-")]
    assert len(backups) == 1 and backups[0].read_bytes() == original
    assert f"(cadangan: {backups[0]})" in result.stderr
    assert snapshot(laporan) == before
    workbook = openpyxl.load_workbook(laporan)
    assert workbook.sheetnames == ["Data", "Catatan", "IKU"]
    assert workbook.defined_names["TotalKegiatan"].attr_text == "Data!$B$4:$B$6"


@pytest.mark.parametrize(("args", "says"), [
    (["--paksa"], "--paksa hanya berlaku bersama --ke"),
    (["--ke", "{laporan}", "--sheet", "a/b"], "tidak sah"),
    (["--ke", "{tmp}/tidak-ada.xlsx"], "tidak ditemukan"),
    (["--ke", "{laporan}", "-o", "{laporan}"], "tidak boleh berkas yang sama"),
])
def test_ke_usage_errors_exit_2(rekap: Path, tmp_path: Path, args: list[str],
                                says: str) -> None:
    laporan = host_workbook(tmp_path / "laporan.xlsx")
    original = digest(laporan)
    filled = [a.format(laporan=laporan, tmp=tmp_path) for a in args]
    result = invoke("hitung", rekap, *filled)
    assert result.exit_code == 2
    assert says in result.stderr
    assert result.stdout == ""
    assert digest(laporan) == original


def test_ke_when_the_report_cannot_be_replaced(rekap: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    laporan = host_workbook(tmp_path / "laporan.xlsx")
    original = digest(laporan)

    def locked(*args: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    result = invoke("hitung", rekap, "--ke", laporan)
    assert result.exit_code == 1
    assert "tutup berkas di Excel lalu ulangi" in result.stderr
    assert digest(laporan) == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.xlsx", "rekap.xlsx"]


def test_help_lists_the_new_options() -> None:
    result = invoke("hitung", "--help")
    assert result.exit_code == 0
    for option in ("--ke", "--sheet", "--paksa"):
        assert option in result.stdout
