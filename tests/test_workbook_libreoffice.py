"""The summary workbook opened by a real spreadsheet application: LibreOffice (headless)
converts it to CSV (the Ringkasan sheet) and to PDF, and what it shows must be our numbers,
printed A4 landscape, every column on the page width, the header row on every page.

Runs where `soffice` exists (.ci/run installs libreoffice-calc-nogui); the PDF checks also need
poppler (`pdfinfo`, `pdftotext`, `pdftoppm`).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from iku_cli.rekap.core import Options, hitung
from iku_cli.rekap.model import Result
from iku_cli.render.rekap.workbook import write_summary
from iku_cli.runinfo import RunInfo
from workbook_support import audit_rekap

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing")
poppler = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdfinfo", "pdftotext", "pdftoppm")),
    reason="poppler missing",
)


def soffice(source: Path, fmt: str, tmp_path: Path) -> Path:
    out = tmp_path / "lo-out"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
         "--convert-to", fmt, "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=240,
    )
    return out


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path, Path]:
    """A workbook with enough rows for Rincian to need several pages, as CSV and PDF."""
    tmp_path = tmp_path_factory.mktemp("lo")
    source = audit_rekap(tmp_path / "rekap.xlsx")
    many = tmp_path / "rekap_pelayanan.xlsx"
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "Pelayanan"
    ws.append(["No", "Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung", "Nomor Bukti",
               "Ditindaklanjuti", "Hasil Tindak Lanjut"])
    for i in range(1, 121):
        ws.append([i, dt.date(2026, 1 + i % 12, 1 + i % 27), f"Pelayanan terpadu keliling {i}",
                   "Berita Acara", f"BA-{i}", "Ya" if i % 4 else "Tidak", "Selesai"])
    workbook.save(many)
    result = hitung([source, many], Options(period="triwulan", target=90))
    target = tmp_path / "ringkasan.xlsx"
    write_summary(result, target, RunInfo(argv=("iku", "hitung"), started_at=dt.datetime(
        2026, 4, 2, 9, 30).astimezone()))
    csv_folder = soffice(
        target, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,1",
        tmp_path,
    )
    pdf_folder = soffice(target, "pdf", tmp_path)
    return result, next(csv_folder.glob("*.csv")), pdf_folder / "ringkasan.pdf"


def test_ringkasan_numbers_as_libreoffice_shows_them(converted: tuple[Result, Path, Path]) -> None:
    result, csv_path, _ = converted
    assert "Ringkasan" in csv_path.name
    rows = list(csv.reader(csv_path.read_text(encoding="utf-8").splitlines()))
    by_first = {row[0]: row for row in rows if row}
    for unit in result.units:
        shown = by_first[unit.unit]
        expected_percent = "" if unit.percent is None else f"{unit.percent:.2f}"
        assert shown[1:4] == [str(unit.counted), str(unit.followed_up), expected_percent]
    total = by_first["TOTAL"]
    expected = [str(result.total.counted), str(result.total.followed_up),
                f"{result.total.percent:.2f}"]
    assert total[1:4] == expected
    # the check formulas, computed by LibreOffice itself, agree with the values
    assert total[5:8] == expected
    assert by_first["Total"][1:4] == ["90.00", f"{result.total.percent:.2f}",
                                      f"{result.achievement.percent:.2f}"]
    # text that looks like a formula is shown as the text, not computed
    assert "=1+1" in by_first


@poppler
def test_pdf_prints_a4_landscape_fit_to_width_with_header_repeated(
    converted: tuple[Result, Path, Path], tmp_path: Path
) -> None:
    _, _, pdf = converted
    keep = os.environ.get("IKU_KEEP_PDF")  # a folder: keep the PDF there to look at it
    if keep:
        shutil.copy(pdf, keep)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    texts = [
        subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                       capture_output=True, text=True, check=True).stdout
        for n in range(1, pages + 1)
    ]
    footers = [text.strip().splitlines()[-1] for text in texts]
    assert all(f"dari {pages}" in footer for footer in footers)
    rincian = [text for text, footer in zip(texts, footers, strict=True)
               if footer.rstrip().endswith("Rincian")]
    assert len(rincian) >= 2
    for text in rincian:
        header = next(line for line in text.splitlines() if "Uraian kegiatan" in line)
        # every column of the header on every page: fit to width, header row repeated
        for column in ("No", "Unit kerja", "Tanggal", "Jenis bukti dukung", "Berkas", "Baris"):
            assert column in header
    first = texts[0]
    assert "Persentase hasil Fasilitas dan Koordinasi yang ditindaklanjuti" in first
    assert "TOTAL" in first
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True, timeout=120)
    (png,) = tmp_path.glob("page-*.png")
    assert png.stat().st_size > 5_000
