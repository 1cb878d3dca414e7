"""Earlier years and the Renstra (issue 15): [riwayat] in iku.toml, --riwayat files, years in
the inputs themselves, which one wins, and what the JSON carries."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import SheetSpec, simple_rekap, write_xlsx
from iku_cli.cli import app
from iku_cli.cli.config import ConfigError, load_config
from iku_cli.rekap.core import Options, hitung
from iku_cli.rekap.model import TRUST_CONFIG, EarlierYear, RenstraTarget

runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"})


def act(no: int, day: dt.date, status: str = "Ya", bukti: str = "Rakor") -> list[Any]:
    return [no, day, f"Kegiatan {no} {day:%d/%m/%Y}", bukti, None, status, None, None]


def year_rows(year: int, followed: int, listed: int, *, quarters: int = 4,
              start: int = 1) -> list[list[Any]]:
    """``listed`` activities of ``year`` spread over the first ``quarters`` quarters,
    ``followed`` of them followed up."""
    return [act(start + i, dt.date(year, 1 + 3 * (i % quarters), 10 + i % 15),
                "Ya" if i < followed else "Tidak") for i in range(listed)]


def workbook(tmp_path: Path, rows: list[list[Any]], name: str = "rekap.xlsx") -> Path:
    return write_xlsx(tmp_path / name, [SheetSpec("Kesos", simple_rekap(rows))])


def test_no_history_gives_empty_riwayat_and_null_renstra(tmp_path: Path) -> None:
    result = hitung([workbook(tmp_path, year_rows(2026, 3, 4))], Options(year=2026))
    data = result.to_dict()
    assert data["riwayat"] == [] and data["renstra"] is None


def test_config_years_come_oldest_first_then_this_year(tmp_path: Path) -> None:
    history = (EarlierYear(2025, 81.2, "iku.toml", 85.0, None, TRUST_CONFIG),
               EarlierYear(2024, 78.5, "iku.toml"))
    result = hitung([workbook(tmp_path, year_rows(2026, 9, 10))],
                    Options(year=2026, target=90, history=history))
    riwayat = result.to_dict()["riwayat"]
    assert [(r["tahun"], r["realisasi"], r["target"], r["capaian"], r["sumber"])
            for r in riwayat] == [
        (2024, 78.5, None, None, "iku.toml"),
        (2025, 81.2, 85.0, 95.53, "iku.toml"),  # 81,2 / 85 × 100 = 95,529… -> 95,53
        (2026, 90.0, 90.0, 100.0, "rekap"),
    ]
    assert riwayat[-1]["jumlah"] == 10 and riwayat[-1]["ditindaklanjuti"] == 9
    assert riwayat[1]["kategori"] == "Sangat Tinggi"


def test_earlier_year_in_the_inputs_is_counted_like_this_year(tmp_path: Path) -> None:
    rows = year_rows(2025, 6, 8) + year_rows(2026, 3, 4, start=9)
    rows.append(list(rows[0]))  # an exact duplicate of 2025 counts once there too
    result = hitung([workbook(tmp_path, rows)], Options(year=2026))
    assert (result.total.counted, result.total.followed_up) == (4, 3)
    riwayat = result.to_dict()["riwayat"]
    assert [(r["tahun"], r["jumlah"], r["ditindaklanjuti"], r["realisasi"], r["sumber"])
            for r in riwayat] == [(2025, 8, 6, 75.0, "rekap"), (2026, 4, 3, 75.0, "rekap")]
    info = [p for p in result.problems if p.code == "riwayat-dari-rekap"]
    assert len(info) == 1 and "6 dari 8 ditindaklanjuti (75,00%)" in info[0].message


def test_a_part_year_in_the_inputs_is_a_warning(tmp_path: Path) -> None:
    rows = year_rows(2025, 1, 2, quarters=1) + year_rows(2026, 3, 4, start=3)
    result = hitung([workbook(tmp_path, rows)], Options(year=2026))
    warned = [p for p in result.problems if p.code == "riwayat-tidak-setahun"]
    assert len(warned) == 1 and str(warned[0].severity) == "peringatan"
    assert "[riwayat] iku.toml" in warned[0].message


def test_config_wins_over_inputs_and_the_difference_is_named(tmp_path: Path) -> None:
    rows = year_rows(2025, 6, 8) + year_rows(2026, 3, 4, start=9)
    history = (EarlierYear(2025, 80.0, "iku.toml"),)
    result = hitung([workbook(tmp_path, rows)], Options(year=2026, history=history))
    assert [(r["tahun"], r["realisasi"], r["sumber"]) for r in result.to_dict()["riwayat"]] == [
        (2025, 80.0, "iku.toml"), (2026, 75.0, "rekap")]
    conflict = [p for p in result.problems if p.code == "riwayat-berbeda"]
    assert len(conflict) == 1
    assert "iku.toml menyebut 80,00%, rekap menyebut 75,00%" in conflict[0].message


def test_a_year_not_before_the_counted_one_is_ignored_with_a_warning(tmp_path: Path) -> None:
    history = (EarlierYear(2026, 70.0, "iku.toml"), EarlierYear(2025, 70.0, "iku.toml"))
    result = hitung([workbook(tmp_path, year_rows(2026, 3, 4))],
                    Options(year=2026, history=history))
    assert [r["tahun"] for r in result.to_dict()["riwayat"]] == [2025, 2026]
    assert [p.code for p in result.problems if p.code == "riwayat-bukan-tahun-lalu"] == [
        "riwayat-bukan-tahun-lalu"]


def test_renstra_final_target(tmp_path: Path) -> None:
    result = hitung([workbook(tmp_path, year_rows(2026, 9, 10))],
                    Options(year=2026, renstra=RenstraTarget(2026, 92.0)))
    assert result.to_dict()["renstra"] == {"tahun_akhir": 2026, "target_akhir": 92.0,
                                           "capaian": 97.83}  # 90 / 92 × 100
    ended = hitung([workbook(tmp_path, year_rows(2026, 9, 10), "b.xlsx")],
                   Options(year=2026, renstra=RenstraTarget(2025, 92.0)))
    assert [p.code for p in ended.problems if p.code == "renstra-berakhir"] == [
        "renstra-berakhir"]


# --- iku.toml --------------------------------------------------------------------------------


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "iku.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_config_reads_every_report_section(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path, """
[riwayat]
2024 = 78.5
2025 = { realisasi = "81,2", target = 85 }

[renstra]
tahun_akhir = 2026
target_akhir = 92

[penandatangan]
tempat = "Gucialit"
jabatan = "Camat Gucialit"
nama = "Drs. Contoh Nama, M.Si."
pangkat = "Pembina Tingkat I (IV/b)"
nip = "19700101 199001 1 001"

[lkjip]
penyebab = "Koordinasi lintas seksi berjalan baik."

[skm]
penutup = "Pelayanan baik."

[[skm.tindak_lanjut]]
unsur = "U8"
program = "Kotak saran daring"
waktu = "Triwulan I 2027"
penanggung_jawab = "Kasi Pelayanan"

[ikm]
urutan = "permen"

[ikm.riwayat]
2025 = 84.1
"""))
    assert [(e.year, e.realisation, e.target, e.source) for e in config.history] == [
        (2024, 78.5, None, "iku.toml"), (2025, 81.2, 85.0, "iku.toml")]
    assert config.renstra == RenstraTarget(2026, 92.0)
    assert config.signatory.name == "Drs. Contoh Nama, M.Si." and config.signatory.complete
    assert config.lkjip.causes == "Koordinasi lintas seksi berjalan baik."
    assert config.skm.closing == "Pelayanan baik."
    assert config.skm.actions[0].programme == "Kotak saran daring"
    assert [(e.year, e.ikm) for e in config.ikm_history] == [(2025, 84.1)]


@pytest.mark.parametrize(("text", "message"), [
    ("[riwayat]\ntahun_lalu = 78\n", "baris 2: kunci 'riwayat.tahun_lalu' harus tahun 4 angka"),
    ("[riwayat]\n2024 = 178\n", "baris 2: 'riwayat.2024' harus angka persen realisasi"),
    ("[riwayat]\n2024 = { target = 80 }\n", "'riwayat.2024' perlu 'realisasi'"),
    ("[renstra]\ntahun_akhir = 2026\n", "[renstra] perlu 'tahun_akhir' dan 'target_akhir'"),
    ("[penandatangan]\nnip = 19700101\n", "baris 2: 'penandatangan.nip' harus teks NIP"),
    ("[lkjip]\nanalisa = \"x\"\n", "kunci 'lkjip.analisa' tidak dikenal"),
    ("[ikm.riwayat]\n2025 = 8.4\n", "'ikm.riwayat.2025' harus nilai IKM 25–100"),
    ("[[skm.tindak_lanjut]]\nprogram = \"x\"\n", "setiap [[skm.tindak_lanjut]] perlu 'unsur'"),
])
def test_config_report_sections_are_checked(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_config(write_config(tmp_path, text))
    assert message in str(error.value)


# --- the command line -------------------------------------------------------------------------


def test_riwayat_file_from_last_year_and_its_own_history(tmp_path: Path) -> None:
    """Last year's JSON output is this year's history, with the years it carried itself."""
    (tmp_path / "2025").mkdir()
    (tmp_path / "2026").mkdir()
    workbook(tmp_path / "2025", year_rows(2025, 7, 10))
    workbook(tmp_path / "2026", year_rows(2026, 9, 10))
    config = write_config(tmp_path, "[riwayat]\n2024 = 78.5\n")
    last = runner.invoke(app, ["hitung", str(tmp_path / "2025"), "--tahun", "2025",
                               "--config", str(config), "-f", "json"])
    assert last.exit_code == 0, last.output
    saved = tmp_path / "hasil_2025.json"
    saved.write_text(last.stdout, encoding="utf-8")
    empty = write_config(tmp_path / "2026", "kecamatan = \"Gucialit\"\n")
    now = runner.invoke(app, ["hitung", str(tmp_path / "2026" / "rekap.xlsx"), "--tahun", "2026",
                              "--config", str(empty), "--riwayat", str(saved), "-f", "json"])
    assert now.exit_code == 0, now.output
    riwayat = json.loads(now.stdout)["riwayat"]
    assert [(r["tahun"], r["realisasi"], r["jumlah"], r["sumber"]) for r in riwayat] == [
        (2024, 78.5, None, "hasil_2025.json (iku.toml)"),
        (2025, 70.0, 10, "hasil_2025.json"),
        (2026, 90.0, 10, "rekap"),
    ]


@pytest.mark.parametrize(("content", "message"), [
    (b"not json", "bukan JSON hasil `iku hitung --format json`"),
    (b'{"versi_skema": 1, "responden": 3}', "JSON ini bukan hasil `iku hitung --format json`"),
    (b'{"versi_skema": 1, "tahun": null, "total": {"jumlah": 1, "ditindaklanjuti": 1, '
     b'"persentase": 100.0}}', "tidak menyebut tahunnya"),
])
def test_a_wrong_riwayat_file_is_a_usage_error(tmp_path: Path, content: bytes,
                                                message: str) -> None:
    rekap = workbook(tmp_path, year_rows(2026, 3, 4))
    bad = tmp_path / "lama.json"
    bad.write_bytes(content)
    result = runner.invoke(app, ["hitung", str(rekap), "--riwayat", str(bad)])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output
    missing = runner.invoke(app, ["hitung", str(rekap), "--riwayat", str(tmp_path / "x.json")])
    assert missing.exit_code == 2 and "tidak ditemukan" in missing.stderr
