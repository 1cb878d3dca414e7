"""The number the Camat signs cannot change, or mislead, without a word (issue 13): iku's own
outputs, units that did not report, lock files, the same file twice, nothing to count, targets
as typed, undated activities, mixed years, duplicates across files, -o by extension, paths."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import SheetSpec, simple_rekap, write_xlsx
from ikm_support import survey
from iku_cli.cli import app
from iku_cli.cli.config import ConfigError, load_config
from iku_cli.ikm.core import IkmOptions, ikm
from iku_cli.marker import Kind, kind_in_custom_xml
from iku_cli.rekap.core import Options, hitung, periksa
from iku_cli.rekap.targets import parse_percent

runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"})
D = dt.date(2026, 3, 12)
KESOS = "Seksi Kesejahteraan Sosial"
TRANTIB = "Seksi Ketentraman dan Ketertiban Umum"


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args))


def act(no: int, text: str, bukti: str = "Rakor", status: str = "Ya",
        date: Any = D) -> list[Any]:
    return [no, date, text, bukti, None, status, "ok" if status == "Ya" else None, None]


def rekap(path: Path, sheet: str, *activities: list[Any], title: tuple[str, ...] = ()) -> Path:
    return write_xlsx(path, [SheetSpec(sheet, simple_rekap(list(activities), title=title))])


def folder_of_three(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rekap(folder / "rekap_kesos.xlsx", "Kesos", act(1, "Verifikasi DTKS"),
          act(2, "Rakor BLT", status="Tidak"))
    rekap(folder / "rekap_trantib.xlsx", "Trantib", act(1, "Patroli malam"))
    rekap(folder / "rekap_pmd.xlsx", "PMD", act(1, "Musdes"), act(2, "Pendampingan BUMDes"))
    return folder


def codes(result: Any, severity: str | None = None) -> list[str]:
    return [p.code for p in result.problems if severity is None or str(p.severity) == severity]


# -- 1. iku's own outputs are never inputs --------------------------------------------------------

def test_saving_the_summary_into_the_input_folder_never_changes_the_count(tmp_path: Path) -> None:
    folder = folder_of_three(tmp_path / "masuk")
    totals = []
    for _ in range(3):
        done = invoke("hitung", str(folder), "-o", str(folder / "ringkasan.xlsx"), "-f", "json")
        assert done.exit_code == 0, done.stderr
        data = json.loads(done.stdout)
        totals.append((data["total"]["jumlah"], data["total"]["ditindaklanjuti"]))
    assert totals == [(5, 4)] * 3
    skipped = [s for s in data["sumber"] if s["dilewati"]]
    assert [Path(s["berkas"]).name for s in skipped] == ["ringkasan.xlsx"]
    assert "ringkasan dari `iku hitung -o`" in skipped[0]["dilewati"]
    (said,) = [p for p in data["masalah"]["daftar"] if p["kode"] == "keluaran-iku-dilewati"]
    assert said["tingkat"] == "info" and said["berkas"].endswith("ringkasan.xlsx")


def test_a_problem_list_or_ikm_workbook_in_the_folder_is_skipped_too(tmp_path: Path) -> None:
    folder = folder_of_three(tmp_path / "masuk")
    assert invoke("periksa", str(folder), "-o", str(folder / "masalah.xlsx")).exit_code == 0
    survey_path = write_xlsx(tmp_path / "survei.xlsx",
                             [SheetSpec("Data", survey([[3] * 9, [4] * 9]))])
    assert invoke("ikm", str(survey_path), "-o", str(folder / "ikm.xlsx")).exit_code == 0
    result = hitung([folder])
    assert (result.total.counted, result.total.followed_up) == (5, 4)
    assert sorted(Path(s.display).name for s in result.sources if s.skipped) == [
        "ikm.xlsx", "masalah.xlsx"]
    assert ikm([folder / "ikm.xlsx"], IkmOptions()).responden == 0


def test_the_mark_decides_not_the_name(tmp_path: Path) -> None:
    """A summary renamed like a rekap is still skipped; a rekap named like a summary is read."""
    folder = folder_of_three(tmp_path / "masuk")
    invoke("hitung", str(folder), "-o", str(tmp_path / "x.xlsx"))
    shutil.copy(tmp_path / "x.xlsx", folder / "rekap_pelayanan.xlsx")
    rekap(folder / "ringkasan.xlsx", "Pelayanan", act(1, "Layanan KTP"))
    result = hitung([folder])
    assert result.total.counted == 6
    assert [Path(s.display).name for s in result.sources if s.skipped] == [
        "rekap_pelayanan.xlsx"]


@pytest.mark.parametrize(("command", "kind"), [("templat", Kind.TEMPLATE),
                                               ("templat --ikm", Kind.IKM_TEMPLATE)])
def test_templates_are_marked_and_stay_inputs(tmp_path: Path, command: str, kind: Kind) -> None:
    target = tmp_path / "t.xlsx"
    units = ["--unit", "Trantib"] if kind is Kind.TEMPLATE else []
    assert invoke(*command.split(), "-o", str(target), "--tahun", "2026", *units).exit_code == 0
    import zipfile

    with zipfile.ZipFile(target) as archive:
        assert kind_in_custom_xml(archive.read("docProps/custom.xml")) == kind
    if kind is Kind.TEMPLATE:  # filled in, it is counted
        workbook = openpyxl.load_workbook(target)
        sheet = workbook["Trantib"]
        for column, value in enumerate([1, D, "Patroli", "BA", None, "Ya", "ok"], start=1):
            sheet.cell(row=6, column=column, value=value)
        workbook.save(target)
        assert hitung([target]).total.counted == 1


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing")
@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_the_mark_survives_a_save_in_libreoffice(tmp_path: Path, fmt: str) -> None:
    folder = folder_of_three(tmp_path / "masuk")
    invoke("hitung", str(folder), "-o", str(tmp_path / "ringkasan.xlsx"))
    out = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'p'}", "--headless",
                    "--convert-to", fmt, "--outdir", str(out), str(tmp_path / "ringkasan.xlsx")],
                   check=True, capture_output=True, timeout=180)
    shutil.copy(out / f"ringkasan.{fmt}", folder / f"disimpan_ulang.{fmt}")
    result = hitung([folder])
    assert result.total.counted == 5
    assert [Path(s.display).name for s in result.sources if s.skipped] == [
        f"disimpan_ulang.{fmt}"]


# -- 2. units that must report --------------------------------------------------------------------

SEVEN = {"Subbagian Umum dan Kepegawaian": "Umpeg",
         "Subbagian Perencanaan dan Keuangan": "Renkeu", "Seksi Pemerintahan": "Pemerintahan",
         TRANTIB: "Trantib", "Seksi Pemberdayaan Masyarakat dan Desa": "PMD", KESOS: "Kesos",
         "Seksi Pelayanan Umum": "Pelayanan"}


def office_config(path: Path) -> Path:
    units = "".join(f'[[unit]]\nnama = "{name}"\nsingkat = "{short}"\n'
                    for name, short in SEVEN.items())
    path.write_text(f"unit_bawaan = false\n{units}", encoding="utf-8")
    return path


def test_units_that_sent_nothing_are_named_and_shown_as_zero(tmp_path: Path) -> None:
    folder = folder_of_three(tmp_path / "masuk")
    config = office_config(tmp_path / "iku.toml")
    done = invoke("hitung", str(folder), "--config", str(config), "-f", "json")
    assert done.exit_code == 0
    data = json.loads(done.stdout)
    missing = ["Subbagian Umum dan Kepegawaian", "Subbagian Perencanaan dan Keuangan",
               "Seksi Pemerintahan", "Seksi Pelayanan Umum"]
    assert data["belum_melapor"] == missing
    rows = {u["unit"]: (u["jumlah"], u["persentase"]) for u in data["unit"]}
    assert [name for name in rows] == list(SEVEN)  # the office's order
    assert all(rows[name] == (0, None) for name in missing)
    warned = [p for p in data["masalah"]["daftar"] if p["kode"] == "belum-melapor"]
    assert len(warned) == 4 and all(p["tingkat"] == "peringatan" for p in warned)
    table = invoke("hitung", str(folder), "--config", str(config))
    assert "Seksi Pemerintahan" in table.stdout and "4 unit belum melapor" in table.stdout
    assert table.stderr.count("belum melapor") == 4  # listed under the table like galat
    assert invoke("hitung", str(folder), "--config", str(config), "--ketat").exit_code == 1
    csv_text = invoke("hitung", str(folder), "--config", str(config), "-f", "csv").stdout
    assert "Seksi Pemerintahan,0,0,\n" in csv_text


def test_belum_melapor_is_always_in_the_json(tmp_path: Path) -> None:
    data = hitung([folder_of_three(tmp_path / "m")]).to_dict()
    assert data["belum_melapor"] == []


def test_belum_melapor_rows_in_the_workbook(tmp_path: Path) -> None:
    folder = folder_of_three(tmp_path / "masuk")
    config = office_config(tmp_path / "iku.toml")
    target = tmp_path / "r.xlsx"
    invoke("hitung", str(folder), "--config", str(config), "-o", str(target))
    values = [row for row in openpyxl.load_workbook(target)["Ringkasan"].iter_rows(
        values_only=True)]
    assert any(row[0] == "Seksi Pemerintahan" and row[1] == 0 for row in values)


# -- 3. lock files --------------------------------------------------------------------------------

def test_an_excel_lock_file_in_the_folder_names_the_open_workbook(tmp_path: Path) -> None:
    folder = folder_of_three(tmp_path / "masuk")
    (folder / "~$kap_trantib.xlsx").write_bytes(b"\x0bowner")  # as Excel writes it
    (folder / ".~lock.rekap_pmd.xlsx#").write_text("x,host,x;")  # as LibreOffice does
    result = hitung([folder])
    assert result.total.counted == 5 and result.complete
    warned = [p for p in result.problems if p.code == "berkas-sedang-dibuka"]
    assert [Path(p.file).name for p in warned] == [".~lock.rekap_pmd.xlsx#", "~$kap_trantib.xlsx"]
    assert "rekap_trantib.xlsx sedang dibuka di Excel" in warned[1].message
    assert "perubahan yang belum disimpan tidak ikut terbaca" in warned[1].message
    assert "rekap_pmd.xlsx sedang dibuka" in warned[0].message


def test_a_lock_file_given_directly_says_what_it_is(tmp_path: Path) -> None:
    folder = folder_of_three(tmp_path / "masuk")
    lock = folder / "~$kap_kesos.xlsx"
    lock.write_bytes(b"\x0bowner")
    done = invoke("hitung", str(lock))
    assert done.exit_code == 3
    assert "berkas kunci Excel" in done.stderr and "rekap_kesos.xlsx" in done.stderr
    assert "simpan sebagai .xlsx" not in done.stderr


# -- 4. the same file twice -----------------------------------------------------------------------

def test_the_same_file_sent_twice_is_read_once_and_said_once(tmp_path: Path) -> None:
    folder = folder_of_three(tmp_path / "masuk")
    shutil.copy(folder / "rekap_pmd.xlsx", folder / "rekap_pmd (1).xlsx")
    result = hitung([folder])
    assert (result.total.counted, result.total.followed_up) == (5, 4)
    assert "duplikat" not in codes(result)
    (said,) = [p for p in result.problems if p.code == "berkas-sama"]
    # files are read in sorted order: 'rekap_pmd (1).xlsx' comes first and keeps the credit
    assert said.file.endswith("/rekap_pmd.xlsx") and "rekap_pmd (1).xlsx" in said.message
    sources = {Path(s.display).name: s for s in result.sources}
    copy = sources["rekap_pmd.xlsx"]
    assert copy.same_as is not None and copy.same_as.endswith("rekap_pmd (1).xlsx")
    assert copy.to_dict()["sama_dengan"] == copy.same_as and copy.sheets == []
    assert [Path(s.display).name for s in result.sources] == sorted(sources)


# -- 5. nothing to count --------------------------------------------------------------------------

def test_an_unfilled_template_is_nothing_to_count(tmp_path: Path) -> None:
    template = tmp_path / "rekap_2026.xlsx"
    invoke("templat", "-o", str(template), "--tahun", "2026", "--unit", "Trantib", "--unit", "PMD")
    for command in ("hitung", "periksa"):
        done = invoke(command, str(template))
        assert done.exit_code == 3, command
        assert "Tidak ada satu pun baris kegiatan" in done.stderr
        assert "rekap_2026.xlsx › Trantib" in " ".join(done.stderr.split())


def test_an_empty_survey_is_nothing_to_count(tmp_path: Path) -> None:
    template = tmp_path / "survei.xlsx"
    invoke("templat", "--ikm", "-o", str(template), "--tahun", "2026")
    done = invoke("ikm", str(template))
    assert done.exit_code == 3
    assert "Tidak ada satu pun baris responden" in done.stderr


# -- 6. targets as typed --------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "value"), [("95,5", 95.5), ("95%", 95.0), ("95.5", 95.5),
                                              (" 90 % ", 90.0), (90, 90.0), (87.5, 87.5)])
def test_targets_as_people_type_them(typed: Any, value: float) -> None:
    assert parse_percent(typed) == value


@pytest.mark.parametrize("typed", ["120", "-5", "sembilan puluh", "95,5,1", True])
def test_targets_that_are_no_percentage(typed: Any) -> None:
    with pytest.raises(ValueError):
        parse_percent(typed)


def test_target_options_through_the_cli(tmp_path: Path) -> None:
    path = rekap(tmp_path / "r.xlsx", "Kesos", act(1, "a"), act(2, "b", status="Tidak"))
    comma = json.loads(invoke("hitung", str(path), "--target", "95,5", "-f", "json").stdout)
    assert comma["total"]["target"] == 95.5 and comma["total"]["capaian"] == 52.36
    assert invoke("hitung", str(path), "--target", "95%").exit_code == 0
    too_big = invoke("hitung", str(path), "--target", "120")
    assert too_big.exit_code == 2 and "di luar 0–100%" in too_big.stderr
    small = invoke("hitung", str(path), "--target", "0.9")
    assert small.exit_code == 0
    assert "target 0,9% sangat kecil — maksud Anda 90%?" in " ".join(small.stderr.split())


def test_targets_in_the_config_as_typed(tmp_path: Path) -> None:
    config = tmp_path / "iku.toml"
    config.write_text('target = "95,5"\ntarget_triwulan = ["80%", 85, "87,5", 90]\n')
    loaded = load_config(config)
    assert (loaded.target, loaded.quarter_targets) == (95.5, (80.0, 85.0, 87.5, 90.0))
    config.write_text("target = 150\n")
    with pytest.raises(ConfigError, match="baris 1: 'target' harus angka persen 0–100"):
        load_config(config)


# -- 7. undated activities and the two annual numbers ---------------------------------------------

def test_undated_activities_are_explained_where_the_numbers_stand(tmp_path: Path) -> None:
    path = rekap(tmp_path / "r.xlsx", "Kesos", act(1, "a"), act(2, "b", date=None),
                 act(3, "c", date=dt.date(2026, 11, 2), status="Tidak"))
    result = hitung([path], Options(period="triwulan"))
    assert result.to_dict()["tanpa_tanggal"] == {"jumlah": 1, "ditindaklanjuti": 1}
    note = result.undated_note()
    assert note is not None and "1 kegiatan tanpa tanggal" in note
    assert "kumulatif s.d. Triwulan IV (1/2) berbeda dari angka tahunan (2/3)" in note
    assert "Yang dilaporkan adalah angka tahunan" in note
    done = invoke("hitung", str(path), "--periode", "triwulan")
    assert "angka tahunan" in done.stdout
    target = tmp_path / "o.xlsx"
    invoke("hitung", str(path), "--periode", "triwulan", "-o", str(target))
    assert "1 kegiatan tanpa tanggal" in openpyxl.load_workbook(target)["Per Periode"]["A3"].value
    assert hitung([path]).undated_note() is None  # no breakdown: one number, nothing to explain


# -- 8. mixed years -------------------------------------------------------------------------------

def test_rows_of_another_year_are_named_per_sheet(tmp_path: Path) -> None:
    path = rekap(tmp_path / "r.xlsx", "Kesos", act(1, "a", date=dt.date(2027, 1, 5)),
                 act(2, "b", date=dt.date(2027, 2, 5)), act(3, "c", date=dt.date(2026, 12, 5)))
    result = hitung([path])
    assert result.year is None
    (year,) = [p for p in result.problems if p.code == "tahun-lain"]
    assert (year.sheet, "baris 4" in year.message, "tahun 2027" in year.message) == (
        "Kesos", True, True)


def test_a_title_block_year_is_the_sheets_year(tmp_path: Path) -> None:
    path = rekap(tmp_path / "r.xlsx", "Kesos", act(1, "a", date=dt.date(2027, 1, 5)),
                 act(2, "b", date=dt.date(2026, 2, 5)), title=("REKAP KESOS", "TAHUN 2027"))
    result = hitung([path])
    (year,) = [p for p in result.problems if p.code == "tahun-beda-judul"]
    assert "tahun 2027 yang tertulis di judul" in year.message and "baris 6" in year.message


def test_a_title_block_year_names_only_counted_rows_of_another_year(tmp_path: Path) -> None:
    """A row already not counted (no evidence) is not named again for its year."""
    path = rekap(tmp_path / "r.xlsx", "Kesos", act(1, "a", date=dt.date(2027, 1, 5)),
                 act(2, "b", date=dt.date(2026, 2, 5)),
                 act(3, "c", bukti="", date=dt.date(2026, 3, 5)),
                 title=("REKAP KESOS", "TAHUN 2027"))
    result = hitung([path])
    (year,) = [p for p in result.problems if p.code == "tahun-beda-judul"]
    assert year.message.startswith("1 kegiatan") and "(baris 6)" in year.message


# -- 9. duplicates across files -------------------------------------------------------------------

def test_a_duplicate_across_files_is_said_on_both_sides(tmp_path: Path) -> None:
    folder = tmp_path / "masuk"
    folder.mkdir()
    rekap(folder / "rekap_kesos.xlsx", "Kesos", act(1, "Rakor bansos gabungan"))
    rekap(folder / "rekap_trantib.xlsx", "Trantib", act(1, "Patroli"),
          act(2, "Rakor bansos gabungan"))
    result = hitung([folder])
    assert {u.unit: u.counted for u in result.units} == {TRANTIB: 1, KESOS: 1}
    copy = next(p for p in result.problems if p.code == "duplikat")
    first = next(p for p in result.problems if p.code == "duplikat-dikreditkan")
    assert copy.file.endswith("rekap_trantib.xlsx") and first.file.endswith("rekap_kesos.xlsx")
    assert f"untuk {KESOS}" in copy.message and "dibaca lebih dulu" in copy.message
    assert "hapus dari rekap unit yang tidak melaksanakannya" in copy.message
    assert TRANTIB in first.message and "rekap_trantib.xlsx" in first.message


# -- 10. -o by its extension ----------------------------------------------------------------------

def test_o_writes_what_its_extension_says(tmp_path: Path) -> None:
    folder = folder_of_three(tmp_path / "masuk")
    json_out, csv_out = tmp_path / "hasil.json", tmp_path / "hasil.csv"
    assert invoke("hitung", str(folder), "-o", str(json_out)).exit_code == 0
    written = json.loads(json_out.read_text("utf-8"))
    assert written == hitung([folder]).to_dict() | {"sumber": written["sumber"],
                                                    "dibuat": written["dibuat"]}
    made = dt.datetime.fromisoformat(written["dibuat"])  # when the command ran, with its zone
    assert abs((dt.datetime.now(dt.UTC) - made).total_seconds()) < 600
    invoke("hitung", str(folder), "-o", str(csv_out), "--pemisah", ";", "--desimal", ",")
    assert csv_out.read_text("utf-8").splitlines()[-1] == "TOTAL;5;4;80,00"
    problems = tmp_path / "masalah.json"
    invoke("periksa", str(folder), "-o", str(problems))
    assert json.loads(problems.read_text("utf-8")) == periksa([folder]).to_dict()


@pytest.mark.parametrize("args", [["hitung", "{folder}", "-o", "{tmp}/r.csvx"],
                                  ["hitung", "{folder}", "-o", "{tmp}/r.xls"],
                                  ["periksa", "{folder}", "-o", "{tmp}/m.ods"],
                                  ["templat", "-o", "{tmp}/t.xls"],
                                  ["ikm", "{folder}", "-o", "{tmp}/i.txt"]])
def test_o_with_another_extension_is_a_usage_error(tmp_path: Path, args: list[str]) -> None:
    folder = folder_of_three(tmp_path / "masuk")
    done = invoke(*(a.format(folder=folder, tmp=tmp_path) for a in args))
    assert done.exit_code == 2
    assert "jenis berkas ditentukan dari ekstensinya" in done.stderr and ".xlsx" in done.stderr
    assert not any(p.suffix in (".xls", ".csvx", ".ods", ".txt") for p in tmp_path.iterdir())


# -- 11. paths -------------------------------------------------------------------------------------

def test_a_mistyped_path_suggests_the_close_one_and_nothing_else(tmp_path: Path) -> None:
    folder_of_three(tmp_path / "examples" / "masuk")
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        done = invoke("hitung", "exmaples/masuk")
    finally:
        os.chdir(old)
    assert done.exit_code == 3
    assert "maksud Anda examples/masuk?" in done.stderr
    assert "judul kolom" not in done.stderr and "iku periksa" not in done.stderr
