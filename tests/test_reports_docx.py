"""The Word drafts (issue 15): LKjIP Bab III from `iku hitung -o laporan.docx` and the laporan
SKM from `iku ikm -o laporan_skm.docx`. Their tables are read back with python-docx and compared
with the JSON of the same run; LibreOffice opens both and prints them to PDF."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from typer.testing import CliRunner

from conftest import SheetSpec, simple_rekap, write_xlsx
from iku_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "rekap_gucialit_2026.xlsx"
EXAMPLE_CONFIG = ROOT / "examples" / "iku.toml"  # with every report section filled in
SURVEY = ROOT / "examples" / "ikm" / "survei_ikm_gucialit_2026.xlsx"
runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"})


def id_number(value: float | None, places: int = 2) -> str:
    """How the documents write a number: 86.36 -> '86,36'; None -> '–'."""
    if value is None:
        return "–"
    return f"{value:,.{places}f}".translate(str.maketrans(",.", ".,"))


def run_cli(*args: str) -> tuple[int, dict[str, Any], str]:
    result = runner.invoke(app, [*args, "-f", "json"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout), result.stderr


def tables(path: Path) -> dict[tuple[str, ...], list[list[str]]]:
    """Every table of a .docx, keyed by its header row: the rows below it as text."""
    document = Document(str(path))
    found = {}
    for table in document.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        found[tuple(rows[0])] = rows[1:]
    return found


def text_of(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def table_with(path: Path, first_header: str, second_header: str) -> list[list[str]]:
    for header, rows in tables(path).items():
        if header[:2] == (first_header, second_header):
            return rows
    raise AssertionError(f"no table {first_header} | {second_header} in {path}")


BARE_CONFIG = """kecamatan = "Gucialit"
kabupaten = "Lumajang"
tahun = 2026
target = 90
target_triwulan = [85, 87, 88, 90]
"""


@pytest.fixture(scope="module")
def lkjip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The example rekap with the example config's targets and none of its report sections
    (no [riwayat], [renstra], [penandatangan], [lkjip])."""
    folder = tmp_path_factory.mktemp("lkjip")
    config = folder / "iku.toml"
    config.write_text(BARE_CONFIG, encoding="utf-8")
    out = folder / "laporan.docx"
    _, data, stderr = run_cli("hitung", str(EXAMPLE), "--config", str(config), "-o", str(out))
    assert "Draf LKjIP Bab III ditulis ke" in stderr
    return out, data


def test_measurement_table_equals_the_json(lkjip: tuple[Path, dict[str, Any]]) -> None:
    path, data = lkjip
    total = data["total"]
    rows = table_with(path, "No", "Sasaran Strategis")
    assert rows == [["1", "Mengoptimalkan Fasilitas dan Koordinasi Kecamatan",
                     data["indikator"], "%", id_number(total["target"]),
                     id_number(total["persentase"]), id_number(total["capaian"]),
                     total["kategori"]]]
    assert (f"{total['ditindaklanjuti']} dari {total['jumlah']} kegiatan fasilitasi dan "
            "koordinasi") in text_of(path)


def test_unit_table_equals_the_json(lkjip: tuple[Path, dict[str, Any]]) -> None:
    path, data = lkjip
    rows = table_with(path, "No", "Unit kerja")
    expected = [[str(i), u["unit"], str(u["jumlah"]), str(u["ditindaklanjuti"]),
                 id_number(u["persentase"])] for i, u in enumerate(data["unit"], start=1)]
    total = data["total"]
    expected.append(["", "TOTAL", str(total["jumlah"]), str(total["ditindaklanjuti"]),
                     id_number(total["persentase"])])
    assert rows == expected


def test_quarter_table_equals_the_quarterly_json(lkjip: tuple[Path, dict[str, Any]]) -> None:
    path, _ = lkjip
    config = path.parent / "iku.toml"
    _, quarterly, _ = run_cli("hitung", str(EXAMPLE), "--config", str(config), "--periode",
                              "triwulan")
    office = [p for p in quarterly["periode"] if p["unit"] is None
              and p["kumulatif"] is not None]
    assert len(office) == 4
    expected = [[p["periode"], id_number(p["target"]), str(p["kumulatif"]["jumlah"]),
                 str(p["kumulatif"]["ditindaklanjuti"]), id_number(p["kumulatif"]["persentase"]),
                 id_number(p["capaian"])] for p in office]
    assert table_with(path, "Triwulan", "Target kumulatif (%)") == expected


def test_the_chart_is_a_picture_in_the_document(lkjip: tuple[Path, dict[str, Any]]) -> None:
    path, _ = lkjip
    document = Document(str(path))
    pictures = [shape for shape in document.inline_shapes]
    assert len(pictures) == 1  # the quarters (no earlier years in the example config)
    part = document.part.related_parts[
        pictures[0]._inline.graphic.graphicData.pic.blipFill.blip.embed]
    assert part.blob[:8] == b"\x89PNG\r\n\x1a\n" and len(part.blob) > 10_000


def test_without_report_config_the_draft_shows_where_to_fill_in(
        lkjip: tuple[Path, dict[str, Any]]) -> None:
    path, _ = lkjip
    text = text_of(path)
    for expected in ("[nama penandatangan]", "NIP. [nomor induk pegawai]",
                     "isi [penandatangan] di iku.toml",
                     "[riwayat] 2024 = 78.5", "[renstra] tahun_akhir",
                     "Belum ada standar nasional untuk indikator ini",
                     "DRAF dari data — sunting atau ganti",
                     "[lkjip] penyebab", "[lkjip] efisiensi", "[lkjip] program",
                     "Camat Gucialit"):
        assert expected in text, expected
    # the example has galat: the signer is told before anything else
    assert "Periksa sebelum ditandatangani: 4 galat" in text


def rekap_over_years(folder: Path) -> Path:
    rows = []
    for i in range(12):  # 2026: 12 activities over four quarters, 9 followed up
        rows.append([i + 1, dt.date(2026, 1 + 3 * (i % 4), 5 + i), f"Kegiatan {i}", "Rakor",
                     None, "Ya" if i < 9 else "Tidak", None, None])
    return write_xlsx(folder / "rekap.xlsx", [SheetSpec("Kesos", simple_rekap(
        rows, title=["REKAP KECAMATAN GUCIALIT TAHUN 2026"]))])


FULL_CONFIG = """
kecamatan = "Gucialit"
tahun = 2026
target = 80
target_triwulan = [70, 75, 78, 80]

[riwayat]
2024 = 70.5
2025 = { realisasi = 72.25, target = 75 }

[renstra]
tahun_akhir = 2026
target_akhir = 85

[penandatangan]
tempat = "Gucialit"
jabatan = "Camat Gucialit"
nama = "Drs. Contoh Nama, M.Si."
pangkat = "Pembina Tingkat I (IV/b)"
nip = "19700101 199001 1 001"
tanggal = "31 Januari 2027"

[lkjip]
penyebab = \"\"\"Koordinasi lintas seksi berjalan baik.

Rapat minggon menjadi forum tindak lanjut.\"\"\"
"""


def test_history_renstra_signature_and_office_text(tmp_path: Path) -> None:
    rekap = rekap_over_years(tmp_path)
    config = tmp_path / "iku.toml"
    config.write_text(FULL_CONFIG, encoding="utf-8")
    out = tmp_path / "laporan.docx"
    code, data, _ = run_cli("hitung", str(rekap), "--config", str(config), "-o", str(out))
    assert code == 0
    history = table_with(out, "Tahun", "Target (%)")
    assert history == [[str(r["tahun"]), id_number(r["target"]), id_number(r["realisasi"]),
                        id_number(r["capaian"]),
                        "–" if r["jumlah"] is None else str(r["jumlah"]),
                        "–" if r["ditindaklanjuti"] is None else str(r["ditindaklanjuti"]),
                        r["sumber"]] for r in data["riwayat"]]
    assert [r[0] for r in history] == ["2024", "2025", "2026"]
    renstra = data["renstra"]
    assert table_with(out, "Target akhir Renstra", "Tahun akhir") == [[
        "85,00%", "2026", "75,00%", id_number(renstra["capaian"])]]
    assert renstra["capaian"] == 88.24  # 75 / 85 × 100
    text = text_of(out)
    assert "naik 2,75 poin dibanding tahun 2025 (72,25%)" in text
    assert "Gucialit, 31 Januari 2027" in text and "NIP. 19700101 199001 1 001" in text
    assert "[nama penandatangan]" not in text and "isi [penandatangan]" not in text
    # the office's own text, paragraph by paragraph, instead of the draft and its instruction
    assert "Koordinasi lintas seksi berjalan baik.\nRapat minggon menjadi forum tindak lanjut." \
        in text
    assert "[lkjip] penyebab" not in text and "[lkjip] efisiensi" in text
    assert len(Document(str(out)).inline_shapes) == 2  # quarters, and the years
    # a re-run keeps the office's text (it lives in iku.toml, not in the document)
    again = tmp_path / "laporan2.docx"
    run_cli("hitung", str(rekap), "--config", str(config), "-o", str(again))
    assert "Koordinasi lintas seksi berjalan baik." in text_of(again)


def test_the_example_config_fills_every_section(tmp_path: Path) -> None:
    out = tmp_path / "laporan.docx"
    _, data, _ = run_cli("hitung", str(EXAMPLE), "--config", str(EXAMPLE_CONFIG), "-o", str(out))
    assert [r["tahun"] for r in data["riwayat"]] == [2024, 2025, 2026]
    text = text_of(out)
    assert "[nama penandatangan]" not in text and "[riwayat]" not in text
    assert "[renstra]" not in text and "Target akhir Renstra tahun 2026 adalah 92,00%" in text


def test_a_document_in_the_input_folder_changes_nothing(tmp_path: Path) -> None:
    rekap_over_years(tmp_path)
    _, before, _ = run_cli("hitung", str(tmp_path), "-o", str(tmp_path / "laporan.docx"))
    _, after, _ = run_cli("hitung", str(tmp_path))
    assert after["total"] == before["total"]
    assert [s["berkas"] for s in after["sumber"]] == [s["berkas"] for s in before["sumber"]]


# --- laporan SKM ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def skm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("skm")
    config = folder / "iku.toml"
    config.write_text('kecamatan = "Gucialit"\n[ikm.riwayat]\n2024 = 78.9\n2025 = 80.12\n'
                      '[[skm.tindak_lanjut]]\nunsur = "U8 Penanganan Pengaduan"\n'
                      'program = "Kotak saran daring"\n', encoding="utf-8")
    out = folder / "laporan_skm.docx"
    _, data, stderr = run_cli("ikm", str(SURVEY), "--populasi", "150", "--config", str(config),
                              "-o", str(out))
    assert "Draf laporan SKM ditulis ke" in stderr
    return out, data


def test_skm_unsur_table_equals_the_json(skm: tuple[Path, dict[str, Any]]) -> None:
    path, data = skm
    rows = table_with(path, "No", "Unsur pelayanan")
    assert [r[:2] + r[3:] for r in rows[:9]] == [
        [u["kode"], u["nama"], id_number(u["nrr"], 3), id_number(u["nrr_tertimbang"], 4),
         u["mutu"]] for u in data["unsur"]]
    assert [int(r[2].replace(".", "")) for r in rows[:9]] == [
        u["jumlah_nilai"] for u in data["unsur"]]
    assert rows[-1][4:] == [id_number(data["ikm"]), data["mutu"]]


def test_skm_sample_services_trend_and_actions(skm: tuple[Path, dict[str, Any]]) -> None:
    path, data = skm
    sample = data["sampel"]
    assert sample == {"populasi": 150, "minimum": 108, "cukup": data["responden"] >= 108}
    assert table_with(path, "Populasi", "Sampel minimum (Krejcie–Morgan)") == [[
        "150", "108", str(data["responden"]), "cukup" if sample["cukup"] else "kurang"]]
    assert table_with(path, "Jenis layanan", "Responden") == [
        [s["layanan"], str(s["responden"]), id_number(s["ikm"]), s["mutu"], s["kinerja"]]
        for s in data["per_layanan"]]
    trend = table_with(path, "Tahun", "IKM")
    assert [row[:3] for row in trend] == [
        [str(r["tahun"]), id_number(r["ikm"]), r["mutu"]] for r in data["riwayat"]]
    assert [r["tahun"] for r in data["riwayat"]] == [2024, 2025, 2026]
    actions = table_with(path, "No", "Prioritas unsur")
    assert actions == [["1", "U8 Penanganan Pengaduan", "Kotak saran daring", "[waktu]",
                        "[penanggung jawab]"]]
    text = text_of(path)
    assert f"sampel minimum untuk populasi itu {sample['minimum']} responden" in text
    assert "[nama penandatangan]" in text  # no [penandatangan] in this config


def test_skm_without_actions_lists_the_priorities(tmp_path: Path) -> None:
    out = tmp_path / "skm.docx"
    _, data, _ = run_cli("ikm", str(SURVEY), "-o", str(out))
    rows = table_with(out, "No", "Prioritas unsur")
    assert [row[1].split(" (NRR")[0] for row in rows] == [
        f"{p['kode']} {p['nama']}" for p in data["prioritas"]]
    assert all(row[2:] == ["[program/kegiatan]", "[waktu]", "[penanggung jawab]"]
               for row in rows)
    text = text_of(out)
    assert data["sampel"] is None and "--populasi N" in text
    assert "[ikm.riwayat] 2024 = 82.5" in text


# --- real office applications ---------------------------------------------------------------

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None or
                                   shutil.which("pdftotext") is None,
                                   reason="LibreOffice/poppler tidak terpasang")


def to_pdf_text(tmp_path: Path, document: Path) -> tuple[int, str]:
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(document)],
                   capture_output=True, timeout=240, check=False)
    pdf = tmp_path / "pdf" / f"{document.stem}.pdf"
    assert pdf.exists(), "LibreOffice could not open the document"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(line.split()[-1] for line in info.stdout.splitlines()
                     if line.startswith("Pages:")))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return pages, text


@needs_soffice
def test_libreoffice_opens_and_prints_both_documents(
        tmp_path: Path, lkjip: tuple[Path, dict[str, Any]],
        skm: tuple[Path, dict[str, Any]]) -> None:
    path, data = lkjip
    pages, text = to_pdf_text(tmp_path, path)
    assert 2 <= pages <= 6
    assert "AKUNTABILITAS KINERJA" in text and "Tabel 3.1 Pengukuran Kinerja" in text
    assert id_number(data["total"]["persentase"]) in text
    path, data = skm
    pages, text = to_pdf_text(tmp_path, path)
    assert 3 <= pages <= 10
    assert "SURVEI KEPUASAN MASYARAKAT" in text and id_number(data["ikm"]) in text
