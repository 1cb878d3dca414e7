"""Issue 8, nothing lost: no command changes an input, and an output is never half-written —
a write killed midway leaves the previous file exactly as it was."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import HEADER, SheetSpec, simple_rekap, write_csv, write_ods, write_xlsx
from host_support import host_workbook
from hostile_support import TITLE, act, invoke
from ikm_support import HAND, survey


def fingerprint(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Every file under ``folder``: its SHA-256, size and modification time (ns)."""
    return {
        str(path.relative_to(folder)): (hashlib.sha256(path.read_bytes()).hexdigest(),
                                        path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A folder of every input format, a survey, and a config file."""
    folder = tmp_path / "masuk"
    folder.mkdir()
    rows = simple_rekap([act(1), act(2, status="Belum"), act(3, bukti="Foto")], title=TITLE)
    write_xlsx(folder / "pemerintahan.xlsx", [SheetSpec("Pemerintahan", rows)])
    write_xlsx(folder / "trantib.xlsm", [SheetSpec("Trantib", rows)])
    write_ods(folder / "kesos.ods", [SheetSpec("Kesos", rows)])
    write_csv(folder / "rekap_pelayanan.csv", [list(HEADER), act(7), act(8)], separator=";")
    (folder / "rusak.xlsx").write_bytes(b"PK\x03\x04 terpotong")
    write_xlsx(folder / "survei_ikm.xlsx", [SheetSpec("Survei", survey(HAND))])
    (folder / "iku.toml").write_text('kecamatan = "Gucialit"\ntarget = 90\n')
    return folder


def test_no_command_changes_an_input(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "keluaran"
    out.mkdir()
    report = host_workbook(out / "laporan.xlsx")  # an output: --ke writes into a copy
    before = fingerprint(inputs)
    config = str(inputs / "iku.toml")
    runs = [
        ("hitung", str(inputs), "--config", config, "-o", str(out / "ringkasan.xlsx"),
         "--ke", str(report), "--periode", "triwulan"),
        ("hitung", str(inputs), "-f", "json"),
        ("hitung", str(inputs / "*.xlsx"), "-f", "csv", "--per", "kecamatan"),
        ("periksa", str(inputs), "-o", str(out / "masalah.xlsx"), "-f", "csv"),
        ("ikm", str(inputs / "survei_ikm.xlsx"), "-o", str(out / "ikm.xlsx"), "-f", "json"),
        ("templat", "-o", str(out / "templat.xlsx"), "--config", config, "--unit", "Kesos"),
    ]
    for args in runs:
        result = invoke(*args)
        assert result.exit_code in (0, 1), (args, result.stderr[-300:])
    assert fingerprint(inputs) == before  # same bytes, same times, no file added or removed
    assert {p.name for p in out.iterdir()} >= {"ringkasan.xlsx", "masalah.xlsx", "ikm.xlsx",
                                                "templat.xlsx", "laporan.xlsx"}


WRITER = """
import sys
from iku_cli.cli import main
sys.argv = ["iku", "hitung", sys.argv[1], "-o", sys.argv[2], "-f", "json"]
main()
"""


def _big_csv(path: Path, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(1, rows + 1):
            writer.writerow([number, f"{number % 28 + 1}/03/2026", f"Koordinasi kegiatan {number}",
                             "Rakor", f"005/{number}", "Ya", "Notulen", ""])
    return path


def test_a_write_killed_midway_leaves_the_old_file_intact(tmp_path: Path) -> None:
    """`iku hitung -o ringkasan.xlsx` over an existing summary, killed (SIGKILL: no clean-up
    at all) once it has started writing its temporary file: the old summary is untouched."""
    source = _big_csv(tmp_path / "rekap_pemerintahan.csv", 60_000)
    target = tmp_path / "keluaran" / "ringkasan.xlsx"
    target.parent.mkdir()
    shutil.copy(Path(__file__).parent.parent / "examples" / "rekap_gucialit_2026.xlsx", target)
    old = target.read_bytes()
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(source), str(target)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        temps: list[Path] = []
        while not temps and process.poll() is None and time.monotonic() < deadline:
            temps = list(target.parent.glob(".ringkasan.xlsx.*.tmp"))
            time.sleep(0.002)
        assert temps, "the temporary file never appeared"
        time.sleep(0.05)  # well inside the write (it takes about a second)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(30)
    assert process.returncode == -signal.SIGKILL  # killed, not finished
    assert target.read_bytes() == old
    # the temporary file may stay behind: hidden, and never read as an input
    leftovers = [p.name for p in target.parent.iterdir() if p.name != "ringkasan.xlsx"]
    assert all(name.startswith(".") and name.endswith(".tmp") for name in leftovers)
    result = invoke("hitung", str(target.parent), "-f", "json")
    assert result.exit_code == 1 and '"berkas": "' + str(temps[0]) not in result.stdout
