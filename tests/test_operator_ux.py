"""For the operator who is not a programmer (issue 17): help in plain Indonesian at 80 and 120
columns, commands and values in any case, `iku bantuan`, `iku init`, the CSV switch for Excel,
`--rincian`, periksa naming each sheet's unit, wide period tables that stay whole, templates
that do not invent units."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import SheetSpec, simple_rekap, write_xlsx
from iku_cli.cli import app
from iku_cli.cli.config import load_config

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "rekap_gucialit_2026.xlsx"
COMMANDS = ["init", "hitung", "periksa", "templat", "ikm", "gabung", "bantuan"]
JARGON = ("Usage", "usage:", "<list[str]>", "<str>", "<int>", "[x>=", "<=x<=", "stdout",
          "traceback", "Traceback", "{PATH}", "PATH...", "FILE.xlsx", "YYYY", "Options",
          "Arguments", "Commands")


def invoke(*args: str, width: int = 120, **kwargs: Any) -> Any:
    runner = CliRunner(env={"COLUMNS": str(width), "NO_COLOR": "1"})
    return runner.invoke(app, list(args), **kwargs)


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)],
                         ids=["iku", *COMMANDS])
def test_help_is_plain_indonesian_and_fits_the_terminal(command: list[str], width: int) -> None:
    result = invoke(*command, "--help", width=width)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("Cara pakai: iku")
    assert not [word for word in JARGON if word in text], text
    assert max(len(line) for line in text.splitlines()) <= width
    lines = text.splitlines()
    if "Contoh:" in lines:  # one example per line, each a whole command
        start = lines.index("Contoh:") + 1
        examples = lines[start:lines.index("", start)]
        assert examples and all(line.startswith("  iku ") for line in examples)
    assert len(lines) <= 80  # hitung, the longest, was ~95 lines at 80 columns


def test_the_common_options_come_first_and_the_rare_ones_after() -> None:
    text = invoke("hitung", "--help", width=80).stdout
    panels = [line for line in text.splitlines() if re.fullmatch(r"[A-Z][a-z ]+:", line)]
    assert panels == ["Contoh:", "Argumen:", "Opsi:", "Keluaran:", "Opsi lain:"]
    common, rare = text.split("Opsi lain:")
    assert "--periode PERIODE" in common and "Pilihan: tahun, semester, triwulan, bulan." in \
        " ".join(common.split())
    assert "--tahun TAHUN" in common and "--target PERSEN" in common
    assert "--ke BERKAS.xlsx" in rare and "--sertakan-tersembunyi" in rare


def test_bare_iku_and_bantuan_show_the_help() -> None:
    bare = invoke(width=80)
    assert bare.exit_code == 0 and bare.stdout.startswith("Cara pakai: iku PERINTAH")
    assert "Perintah:" in bare.stdout and "  gabung" in bare.stdout
    assert "Pasang pelengkapan otomatis" in bare.stdout  # --install-completion, in Indonesian
    assert invoke("bantuan", width=80).stdout == bare.stdout
    one = invoke("bantuan", "Hitung", width=80)
    assert one.exit_code == 0 and one.stdout == invoke("hitung", "-h", width=80).stdout
    unknown = invoke("bantuan", "hitungg")
    assert unknown.exit_code == 2 and "perintah 'hitungg' tidak dikenal" in unknown.stderr


def test_commands_and_values_in_any_case() -> None:
    result = invoke("Hitung", str(EXAMPLE), "--periode", "Triwulan", "-f", "JSON")
    assert result.exit_code == 1, result.output
    assert '"periode": "Triwulan I"' in result.stdout
    assert invoke("PERIKSA", str(EXAMPLE), "-f", "Csv").exit_code == 1


def test_the_csv_switch_for_excel_in_indonesian() -> None:
    switch = invoke("hitung", str(EXAMPLE), "-f", "csv", "--excel")
    assert switch.stdout.splitlines()[-1] == "TOTAL;132;114;86,36"
    semicolon = invoke("hitung", str(EXAMPLE), "-f", "csv", "--pemisah", ";")
    assert semicolon.stdout == switch.stdout  # a ';' separator alone takes ',' decimals
    dot = invoke("hitung", str(EXAMPLE), "-f", "csv", "--pemisah", ";", "--desimal", ".")
    assert dot.stdout.splitlines()[-1] == "TOTAL;132;114;86.36"
    clash = invoke("hitung", str(EXAMPLE), "-f", "csv", "--excel", "--desimal", ".")
    assert clash.exit_code == 2 and "--excel sudah berarti" in clash.stderr


def test_rincian_lists_the_rows_counted_for_one_unit() -> None:
    result = invoke("hitung", str(EXAMPLE), "--rincian", "kesos", width=120)
    assert result.exit_code == 1
    assert "Rincian Seksi Kesejahteraan Sosial: 17 kegiatan dihitung, 14 ditindaklanjuti" in \
        result.stdout
    rows = [line for line in result.stdout.splitlines() if re.match(r"\s+\d+\s+Kesos \d+", line)]
    assert len(rows) == 17
    assert "Kesos 24" in result.stdout and "10/12/2026" in result.stdout
    unknown = invoke("hitung", str(EXAMPLE), "--rincian", "Pariwisata")
    assert unknown.exit_code == 2 and "unit yang ada: Subbagian Umum" in unknown.stderr
    assert invoke("hitung", str(EXAMPLE), "--rincian", "Kesos", "-f", "json").exit_code == 2


def test_periksa_says_which_unit_each_sheet_was_counted_for() -> None:
    result = invoke("periksa", str(ROOT / "examples" / "masuk"))
    assert "  Sheet1 → Seksi Ketentraman dan Ketertiban Umum (8 baris, 7 terhitung)" in \
        result.stderr
    assert "  (CSV) → Seksi Pelayanan Umum (10 baris, 8 terhitung)" in result.stderr


@pytest.mark.parametrize("width", [80, 120])
def test_the_monthly_table_keeps_every_number_whole(width: int) -> None:
    result = invoke("hitung", str(EXAMPLE), "--periode", "bulan", "--config",
                    str(ROOT / "examples" / "iku.toml"), width=width)
    text = result.stdout
    assert "…" not in text
    assert "Desember" in text and "113/131" in text and "86,26%" in text
    assert "-o ringkasan.xlsx, atau -f csv" in " ".join(text.split())
    assert max(len(line) for line in text.splitlines()) <= width


def test_init_writes_a_config_that_reads_back(tmp_path: Path) -> None:
    target = tmp_path / "iku.toml"
    result = invoke("init", "--kecamatan", "Gucialit", "--kabupaten", "Lumajang", "--tahun",
                    "2026", "--target", "90", "--unit", "Umpeg", "--unit", "Seksi Kesos",
                    "--unit", "Seksi Pariwisata", "-o", str(target))
    assert result.exit_code == 0, result.output
    config = load_config(target)
    assert (config.subdistrict, config.regency, config.year, config.target) == (
        "Gucialit", "Lumajang", 2026, 90.0)
    assert config.required_units == ("Subbagian Umum dan Kepegawaian",
                                     "Seksi Kesejahteraan Sosial", "Seksi Pariwisata")
    # a known unit keeps every spelling iku knows for it
    umpeg = next(u for u in config.vocab.units if u.short == "Umpeg")
    assert "Subbag Umpeg" in umpeg.aliases
    before = target.read_bytes()
    again = invoke("init", "--kecamatan", "Senduro", "-o", str(target))
    assert again.exit_code == 1 and "sudah ada" in again.stderr
    assert target.read_bytes() == before
    assert invoke("init", "--kecamatan", "Senduro", "-o", str(target), "--timpa").exit_code == 0
    assert load_config(target).subdistrict == "Senduro"
    missing = invoke("init", "-o", str(tmp_path / "lain.toml"))
    assert missing.exit_code == 2 and "--kecamatan" in missing.stderr


def test_init_asks_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from iku_cli.cli import init

    monkeypatch.setattr(init, "interactive", lambda: True)
    target = tmp_path / "iku.toml"
    answers = "Gucialit\nLumajang\n2027\n92,5\nUmpeg, Kesos\n"
    result = invoke("init", "-o", str(target), input=answers)
    assert result.exit_code == 0, result.output
    config = load_config(target)
    assert (config.subdistrict, config.year, config.target) == ("Gucialit", 2027, 92.5)
    assert config.required_units == ("Subbagian Umum dan Kepegawaian",
                                     "Seksi Kesejahteraan Sosial")


def test_a_template_does_not_invent_the_offices_units(tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    asked = invoke("templat", "-o", str(target))  # a script, no config: name them
    assert asked.exit_code == 2 and "--unit NAMA" in asked.stderr and not target.exists()
    named = invoke("templat", "-o", str(target), "--unit", "Kesos", "--unit", "Kesoss",
                   "--kecamatan", "Gucialit", "--tahun", "2027")
    assert named.exit_code == 0
    assert "unit 'Kesoss' tidak dikenal" in named.stderr and "maksud Anda Kesos?" in named.stderr
    config = tmp_path / "iku.toml"
    config.write_text('kecamatan = "Gucialit"\nunit_bawaan = false\n[[unit]]\nnama = "PMD"\n'
                      '[[unit]]\nnama = "Seksi Trantib"\nsingkat = "Trantib"\n',
                      encoding="utf-8")
    from_config = invoke("templat", "-o", str(tmp_path / "c.xlsx"), "--config", str(config),
                         "--tahun", "2027")
    assert from_config.exit_code == 0, from_config.output
    workbook = openpyxl.load_workbook(tmp_path / "c.xlsx")
    assert workbook.sheetnames == ["Petunjuk", "PMD", "Trantib"]
    title = [c.value for c in workbook["PMD"]["A"][:4] if c.value]
    assert any("GUCIALIT" in str(value).upper() for value in title)


def test_a_dated_activity_from_the_example_reads_like_one(tmp_path: Path) -> None:
    """The rincian names the sheet and row the operator opens (a workbook built here)."""
    rows = [[1, dt.date(2026, 3, 4), "Rakor linmas", "Rakor", None, "Ya", None, None]]
    path = write_xlsx(tmp_path / "r.xlsx", [SheetSpec("Trantib", simple_rekap(rows))])
    result = invoke("hitung", str(path), "--rincian", "trantib")
    assert "Trantib 2" in result.stdout and "04/03/2026" in result.stdout


def test_periksa_at_80_columns_lists_problems_as_blocks_whole() -> None:
    narrow = invoke("periksa", str(ROOT / "examples" / "masuk"), width=80)
    assert "…" not in narrow.stdout and "┃" not in narrow.stdout
    assert "  galat  D8  Jenis Bukti Dukung: Foto" in narrow.stdout
    assert "Rapat Koordinasi, Dokumen/Laporan, SK Camat, Rekomendasi" in " ".join(
        narrow.stdout.split())
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 80
    wide = invoke("periksa", str(ROOT / "examples" / "masuk"), width=120)
    assert "Masalah dan perbaikannya" in wide.stdout  # the table where it fits
