"""`iku gabung` (issue 16): the kabupaten rolls up the results its kecamatan sent — JSON and
summary workbooks made by `iku hitung` here, mixed — with every check, through the CLI and
the core."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import SheetSpec, simple_rekap, write_xlsx
from iku_cli.cli import app
from iku_cli.rollup.core import RollupOptions, gabung

runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"})
ROOT = Path(__file__).resolve().parents[1]


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args))


def rekap(folder: Path, kecamatan: str, followed: int, listed: int, *, year: int = 2026,
          foto: int = 0) -> Path:
    """A kecamatan's rekap: ``listed`` activities with valid evidence, ``followed`` of them
    followed up, plus ``foto`` rows whose evidence is no evidence (galat)."""
    rows = [[i + 1, dt.date(year, 1 + i % 12, 10), f"Kegiatan {kecamatan} {i}", "Rakor", None,
             "Ya" if i < followed else "Tidak", None, None] for i in range(listed)]
    rows += [[listed + i + 1, dt.date(year, 5, 5), f"Dokumentasi {i}", "Foto", None, "Ya", None,
              None] for i in range(foto)]
    title = [f"REKAP KECAMATAN {kecamatan.upper()} TAHUN {year}"]
    path = folder / f"rekap_{kecamatan.lower()}.xlsx"
    folder.mkdir(parents=True, exist_ok=True)
    return write_xlsx(path, [SheetSpec("Kesos", simple_rekap(rows, title=title))])


def send_json(rekap_path: Path, target: Path, *extra: str) -> Path:
    result = invoke("hitung", str(rekap_path), "-f", "json", *extra)
    assert result.exit_code in (0, 1), result.output
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(result.stdout, encoding="utf-8")
    return target


def send_workbook(rekap_path: Path, target: Path, *extra: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    result = invoke("hitung", str(rekap_path), "-o", str(target), *extra)
    assert result.exit_code in (0, 1), result.output
    return target


def with_time(path: Path, made: str) -> Path:
    """The result as if it had been made at ``made`` (ISO 8601)."""
    data = json.loads(path.read_text("utf-8"))
    data["dibuat"] = made
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def kiriman(tmp_path: Path) -> Path:
    """Three kecamatan: two JSON results and one summary workbook."""
    inbox = tmp_path / "kiriman"
    send_json(rekap(tmp_path / "a", "Gucialit", 8, 10), inbox / "gucialit.json")
    send_json(rekap(tmp_path / "b", "Senduro", 3, 4), inbox / "senduro.json")
    send_workbook(rekap(tmp_path / "c", "Pasirian", 5, 6), inbox / "pasirian.xlsx")
    return inbox


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_mixed_results_are_summed_never_averaged(kiriman: Path) -> None:
    result = invoke("gabung", str(kiriman), "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["versi_skema", "kabupaten", "tahun", "indikator", "lengkap", "total",
                          "kecamatan", "belum_mengirim", "masalah", "sumber"]
    rows = {row["kecamatan"]: row for row in data["kecamatan"]}
    assert {name: (row["jumlah"], row["ditindaklanjuti"]) for name, row in rows.items()} == {
        "Gucialit": (10, 8), "Senduro": (4, 3), "Pasirian": (6, 5)}
    # 16 / 20 = 80 %, not the mean of 80, 75 and 83.33 (79.44)
    assert data["total"] == {"jumlah": 20, "ditindaklanjuti": 16, "persentase": 80.0,
                             "target": None, "capaian": None, "kategori": None}
    assert data["tahun"] == 2026 and data["lengkap"] is True and data["belum_mengirim"] == []
    assert rows["Pasirian"]["sha256"] == sha(kiriman / "pasirian.xlsx")
    assert rows["Gucialit"]["sha256"] == sha(kiriman / "gucialit.json")
    # the audit trail: each kecamatan's own input files with their SHA-256
    sources = {Path(s["berkas"]).name: s for s in data["sumber"]}
    gucialit_rekap = kiriman.parent / "a" / "rekap_gucialit.xlsx"
    assert sources["gucialit.json"]["masukan"] == [
        {"berkas": str(gucialit_rekap), "sha256": sha(gucialit_rekap)}]
    assert sources["pasirian.xlsx"]["jenis"] == "ringkasan"
    core = gabung([kiriman]).to_dict()
    assert core == data  # --format json is the core result


def test_kabupaten_total_equals_hitung_per_kecamatan_on_the_example() -> None:
    """The roll-up of what was sent equals counting every kecamatan's spreadsheets at once."""
    example = ROOT / "examples" / "kabupaten"
    rolled = invoke("gabung", str(example / "kiriman"), "--config", str(example / "iku.toml"),
                    "-f", "json")
    counted = invoke("hitung", str(example / "rekap"), "--per", "kecamatan", "--tahun", "2026",
                     "-f", "json")
    rolled_data, counted_data = json.loads(rolled.stdout), json.loads(counted.stdout)
    total = {key: counted_data["total"][key] for key in ("jumlah", "ditindaklanjuti",
                                                         "persentase")}
    assert {key: rolled_data["total"][key] for key in total} == total
    per = {k["kecamatan"]: (k["jumlah"], k["ditindaklanjuti"])
           for k in counted_data["per_kecamatan"]}
    assert {r["kecamatan"]: (r["jumlah"], r["ditindaklanjuti"])
            for r in rolled_data["kecamatan"] if r["terkirim"]} == per
    assert rolled_data["belum_mengirim"] == ["Yosowilangun"]
    assert rolled.exit_code == 0  # peringatan only (galat in Pasirian's own data, a late one)


def test_a_result_of_another_year_is_a_galat_and_left_out(tmp_path: Path, kiriman: Path) -> None:
    send_json(rekap(tmp_path / "d", "Tempeh", 2, 2, year=2025), kiriman / "tempeh.json")
    result = invoke("gabung", str(kiriman), "-f", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [r["kecamatan"] for r in data["kecamatan"]] == ["Gucialit", "Pasirian", "Senduro"]
    assert data["total"]["jumlah"] == 20
    galat = [p for p in data["masalah"]["daftar"] if p["tingkat"] == "galat"]
    assert [p["kode"] for p in galat] == ["gabung-tahun-lain"]
    assert "untuk tahun 2025, bukan 2026: tidak digabung" in galat[0]["pesan"]
    # asked for 2025, the other three are the ones left out
    only = json.loads(invoke("gabung", str(kiriman), "--tahun", "2025", "-f", "json").stdout)
    assert [r["kecamatan"] for r in only["kecamatan"]] == ["Tempeh"]


def test_an_unknown_schema_version_is_a_galat(kiriman: Path) -> None:
    path = kiriman / "senduro.json"
    data = json.loads(path.read_text("utf-8"))
    data["versi_skema"] = 2
    path.write_text(json.dumps(data), encoding="utf-8")
    result = gabung([kiriman])
    assert "Senduro" not in [row.name for row in result.rows]
    problem = next(p for p in result.problems if p.code == "gabung-versi-skema")
    assert "versi skema 2" in problem.message and str(problem.severity) == "galat"


def test_a_kecamatan_sent_twice_counts_its_newer_result(tmp_path: Path, kiriman: Path) -> None:
    early = send_json(rekap(tmp_path / "e", "Senduro", 1, 2), kiriman / "senduro_tw1.json")
    with_time(early, "2026-04-05T10:00:00+07:00")
    with_time(kiriman / "senduro.json", "2027-01-10T09:00:00+07:00")
    result = gabung([kiriman])
    row = next(r for r in result.rows if r.name == "Senduro")
    assert row.sent is not None and row.sent.count.counted == 4  # the January one
    twice = [p for p in result.problems if p.code == "gabung-kiriman-ganda"]
    assert len(twice) == 1 and "senduro_tw1.json" in twice[0].message
    assert "senduro.json (dibuat 10/01/2027 09:00)" in twice[0].message
    # the same bytes twice are one file read once (the finder says so)
    shutil.copy(kiriman / "gucialit.json", kiriman / "gucialit (1).json")
    again = gabung([kiriman])
    assert [p.code for p in again.problems].count("berkas-sama") == 1
    assert again.total.counted == result.total.counted


def test_incomplete_or_galat_results_are_named_with_their_numbers(tmp_path: Path,
                                                                   kiriman: Path) -> None:
    send_json(rekap(tmp_path / "f", "Tempeh", 4, 5, foto=2), kiriman / "tempeh.json")
    path = kiriman / "senduro.json"
    data = json.loads(path.read_text("utf-8"))
    data["lengkap"] = False
    path.write_text(json.dumps(data), encoding="utf-8")
    result = invoke("gabung", str(kiriman), "-f", "json")
    assert result.exit_code == 1  # the kabupaten's figure is not complete
    data = json.loads(result.stdout)
    assert data["lengkap"] is False
    messages = {p["kode"]: p["pesan"] for p in data["masalah"]["daftar"]}
    assert "masih memuat 2 galat" in messages["gabung-masih-galat"]
    assert "yang digabung 4 dari 5 kegiatan" in messages["gabung-masih-galat"]
    assert "3 dari 4 kegiatan mungkin kurang" in messages["gabung-tidak-lengkap"]
    tempeh = next(r for r in data["kecamatan"] if r["kecamatan"] == "Tempeh")
    assert tempeh["galat"] == 2


def test_listed_kecamatan_that_sent_nothing(tmp_path: Path, kiriman: Path) -> None:
    config = tmp_path / "iku.toml"
    config.write_text('target = 80\n[kabupaten]\nnama = "Lumajang"\n'
                      'kecamatan = ["Senduro", "Gucialit", "Yosowilangun", "Pasirian"]\n',
                      encoding="utf-8")
    send_json(rekap(tmp_path / "g", "Tempeh", 1, 1), kiriman / "tempeh.json")
    result = invoke("gabung", str(kiriman), "--config", str(config), "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [r["kecamatan"] for r in data["kecamatan"]] == [
        "Senduro", "Gucialit", "Yosowilangun", "Pasirian", "Tempeh"]  # the config's order
    missing = data["kecamatan"][2]
    assert missing["terkirim"] is False and missing["jumlah"] is None
    assert data["belum_mengirim"] == ["Yosowilangun"] and data["kabupaten"] == "Lumajang"
    codes = [p["kode"] for p in data["masalah"]["daftar"]]
    assert "belum-mengirim" in codes and "gabung-tidak-di-daftar" in codes
    assert data["total"]["target"] == 80.0 and data["total"]["capaian"] == pytest.approx(
        round(17 / 21 * 100 / 80 * 100, 2))
    table = invoke("gabung", str(kiriman), "--config", str(config))
    assert "Yosowilangun" in table.stdout and "belum mengirim" in table.stdout
    assert "peringatan (semua berkas): Kecamatan Yosowilangun belum mengirim" in table.stderr


def test_other_files_are_named_and_skipped(tmp_path: Path, kiriman: Path) -> None:
    (kiriman / "catatan.txt").write_text("kiriman tahun ini", encoding="utf-8")
    (kiriman / "lain.json").write_text('{"nama": "bukan hasil"}', encoding="utf-8")
    shutil.copy(rekap(tmp_path / "h", "Tempeh", 1, 1), kiriman / "rekap_tempeh.xlsx")
    ikm = invoke("ikm", str(ROOT / "examples" / "ikm" / "survei_ikm_gucialit_2026.xlsx"), "-o",
                 str(kiriman / "ikm.xlsx"))
    assert ikm.exit_code == 1, ikm.output
    result = invoke("gabung", str(kiriman), "-f", "json", "-v")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    skipped = {Path(p["berkas"]).name: p["pesan"] for p in data["masalah"]["daftar"]
               if p["kode"] == "gabung-bukan-hasil"}
    assert set(skipped) == {"catatan.txt", "lain.json", "rekap_tempeh.xlsx", "ikm.xlsx"}
    assert "rekap dihitung di kecamatan" in skipped["rekap_tempeh.xlsx"]
    assert "buku kerja IKM" in skipped["ikm.xlsx"]
    assert data["total"]["jumlah"] == 20


def test_a_summary_workbook_without_its_result_sheet_is_a_galat(tmp_path: Path,
                                                                kiriman: Path) -> None:
    """A summary written before the result sheet existed: say how to send it again."""
    workbook = openpyxl.load_workbook(kiriman / "pasirian.xlsx")
    del workbook["iku_hasil"]
    workbook.save(kiriman / "pasirian.xlsx")
    result = gabung([kiriman])
    problem = next(p for p in result.problems if p.code == "gabung-ringkasan-lama")
    assert str(problem.severity) == "galat" and "mengirim hasil JSON-nya" in problem.message
    assert not result.complete and result.total.counted == 14


def test_kecamatan_from_the_folder_when_the_result_names_none(tmp_path: Path) -> None:
    inbox = tmp_path / "kiriman"
    path = send_json(rekap(tmp_path / "a", "Gucialit", 1, 2), inbox / "Kec. Senduro" / "h.json")
    data = json.loads(path.read_text("utf-8"))
    data["kecamatan"] = None
    path.write_text(json.dumps(data), encoding="utf-8")
    result = gabung([inbox])
    assert [row.name for row in result.rows] == ["Senduro"]
    alone = gabung([path])  # no folder given: it cannot be attributed
    assert [p.code for p in alone.problems] == ["gabung-tanpa-kecamatan"]


def test_another_indicator_is_left_out(tmp_path: Path, kiriman: Path) -> None:
    path = kiriman / "senduro.json"
    data = json.loads(path.read_text("utf-8"))
    data["indikator"] = "Indeks Kepuasan Masyarakat"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = gabung([kiriman], RollupOptions())
    assert [p.code for p in result.problems if str(p.severity) == "galat"] == [
        "gabung-indikator-lain"]
    assert result.total.counted == 16


def test_nothing_to_roll_up_exits_three(tmp_path: Path) -> None:
    folder = tmp_path / "kosong"
    folder.mkdir()
    (folder / "catatan.txt").write_text("belum ada", encoding="utf-8")
    result = invoke("gabung", str(folder))
    assert result.exit_code == 3 and result.stdout == ""
    assert "Tidak ada hasil kecamatan yang bisa digabung" in result.stderr


def test_csv_and_the_kabupaten_workbook(tmp_path: Path, kiriman: Path) -> None:
    csv_text = invoke("gabung", str(kiriman), "-f", "csv", "--pemisah", ";", "--desimal", ",")
    lines = csv_text.stdout.splitlines()
    assert lines[0] == "kecamatan;jumlah;ditindaklanjuti;persentase;target;capaian;kategori;" \
                       "belum_melapor;galat;sha256"
    assert lines[-1] == "TOTAL;20;16;80,00;;;;;;"
    out = tmp_path / "kabupaten.xlsx"
    result = invoke("gabung", str(kiriman), "-o", str(out), "--target", "90")
    assert result.exit_code == 0 and "Buku kerja kabupaten ditulis ke" in result.stderr
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Kabupaten", "Peringkat", "Masalah", "Sumber"]
    ranking = [row[:3] for row in workbook["Peringkat"].iter_rows(min_row=4, values_only=True)]
    assert ranking == [(1, "Pasirian", 83.33), (2, "Gucialit", 80.0), (3, "Senduro", 75.0)]
    with zipfile.ZipFile(out) as archive:
        assert any(name.startswith("xl/charts/") for name in archive.namelist())
    # the kabupaten workbook in the same folder is never read back as a result
    shutil.copy(out, kiriman / "kabupaten.xlsx")
    again = gabung([kiriman])
    assert again.total.counted == 20
    assert any(p.code == "gabung-bukan-hasil" and "gabung" in p.message
               for p in again.problems)
