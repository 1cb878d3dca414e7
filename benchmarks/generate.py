"""Seeded benchmark inputs: rekap workbooks as offices fill them, at any size.

``python benchmarks/generate.py DIR`` writes ``big_100000.xlsx`` (100 000 activities),
``many_200x1000/`` (200 files × 1 000 activities) and ``kabupaten_21x7x3/`` (a kabupaten's
quarter: 441 files of 15 activities) into DIR. The same seed always gives the same files, so runs on
different machines (or before/after a change) read the same bytes.

Each sheet has a title block, an 8-column header (No, Tanggal, Uraian Kegiatan, Jenis Bukti
Dukung, Nomor Bukti, Ditindaklanjuti, Hasil Tindak Lanjut, Keterangan), TRIWULAN section rows,
a JUMLAH row and a signature footer. The cells mix what real sheets hold: date cells and dates
written as text in several forms, evidence spellings (several per cell, descriptions, a few
invalid ones), status words, a few blanks and duplicates — so every rule's code path runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

from openpyxl import Workbook

HEADER = ["No", "Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung", "Nomor Bukti",
          "Ditindaklanjuti", "Hasil Tindak Lanjut", "Keterangan"]
UNITS = (  # (sheet and file name, title line)
    ("Umpeg", "SUBBAGIAN UMUM DAN KEPEGAWAIAN"),
    ("Renkeu", "SUBBAGIAN PERENCANAAN DAN KEUANGAN"),
    ("Pemerintahan", "SEKSI PEMERINTAHAN"),
    ("Trantib", "SEKSI KETENTRAMAN DAN KETERTIBAN UMUM"),
    ("PMD", "SEKSI PEMBERDAYAAN MASYARAKAT DAN DESA"),
    ("Kesos", "SEKSI KESEJAHTERAAN SOSIAL"),
    ("Pelayanan", "SEKSI PELAYANAN UMUM"),
)
QUARTERS = ("I", "II", "III", "IV")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
VERBS = ("Rapat koordinasi", "Fasilitasi", "Monitoring", "Pembinaan", "Verifikasi",
         "Sosialisasi", "Evaluasi", "Pendampingan", "Koordinasi lintas sektor", "Musyawarah")
TOPICS = ("penyaluran BLT Dana Desa", "pelaksanaan Musrenbang", "data kependudukan",
          "penanganan bencana", "ketertiban pasar", "Posyandu dan stunting", "administrasi desa",
          "pengelolaan aset desa", "program PKH", "pajak bumi dan bangunan", "kegiatan PKK",
          "keamanan lingkungan", "perizinan usaha mikro", "laporan keuangan desa")
DESA = ("Gucialit", "Tunjung", "Wonokerto", "Dadapan", "Kenongo", "Sombo", "Kertowono",
        "Pakel", "Jeruk")
# (weight, text): most cells are clean spellings; some list several types or describe one;
# a few are not evidence at all (galat) or are blank.
EVIDENCE = ((30, "Berita Acara"), (20, "Rakor"), (15, "Dokumen/Laporan"), (8, "SK Camat"),
            (6, "Rekomendasi"), (5, "BA"), (4, "Rakor, BA"), (3, "Laporan Kegiatan"),
            (2, "Notulen"), (2, "Dok/Lap"), (1, "Rapat Koordinasi dan Berita Acara"),
            (1, "Foto"), (1, "Daftar Hadir"), (1, ""))
STATUS = ((45, "Ya"), (20, "Sudah"), (10, "Selesai"), (12, "Tidak"), (6, "Belum"),
          (5, "Proses"), (1, ""), (1, "menunggu"))
HASIL = ("Kesepakatan rapat dilaksanakan", "Laporan disampaikan ke Camat",
         "SK ditetapkan dan dibagikan", "Berita acara ditandatangani")


def _pick(rng: random.Random, table: tuple[tuple[int, str], ...]) -> str:
    return rng.choices([text for _, text in table], [weight for weight, _ in table])[0]


def _date_cell(rng: random.Random, day: dt.date) -> object:
    """Two in three as date cells; the rest as text in the forms offices type."""
    style = rng.randrange(9)
    if style < 6:
        return dt.datetime(day.year, day.month, day.day)
    if style == 6:
        return f"{day:%d/%m/%Y}"
    if style == 7:
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{DAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year}"


def rekap_rows(n: int, seed: int, unit_title: str, first_year: int = 2026,
               years: int = 1) -> list[list[object]]:
    """The rows of one rekap sheet with ``n`` activity rows (title, header, sections, total)."""
    rng = random.Random(seed)
    rows: list[list[object]] = [
        ["REKAPITULASI KEGIATAN FASILITASI DAN KOORDINASI"],
        [unit_title],
        ["KECAMATAN GUCIALIT KABUPATEN LUMAJANG"],
        [f"TAHUN {first_year}" if years == 1 else f"TAHUN {first_year}-{first_year + years - 1}"],
        [],
        list(HEADER),
    ]
    span = 365 * years
    start = dt.date(first_year, 1, 1)
    days = sorted(start + dt.timedelta(days=rng.randrange(span)) for _ in range(n))
    quarter = None
    previous: list[object] | None = None
    for index, day in enumerate(days, start=1):
        q = (day.year, (day.month - 1) // 3)
        if q != quarter:
            quarter = q
            rows.append([None, None, f"TRIWULAN {QUARTERS[q[1]]} {day.year}"])
        if previous is not None and rng.random() < 0.003:  # an exact duplicate of the row above
            rows.append([index, *previous[1:]])
            continue
        evidence = _pick(rng, EVIDENCE)
        status = _pick(rng, STATUS)
        followed = status in ("Ya", "Sudah", "Selesai")
        if rng.random() < 0.15:  # short activity texts exist too
            text = f"{rng.choice(VERBS)} {rng.choice(DESA)}"
        else:
            text = (f"{rng.choice(VERBS)} {rng.choice(TOPICS)} Desa {rng.choice(DESA)} "
                    f"ke-{rng.randrange(1, 60)}")
        number = f"{rng.randrange(1, 999):03d}/{rng.randrange(100, 999)}.{index % 97}/{day.year}" \
            if evidence and rng.random() < 0.6 else None
        hasil = rng.choice(HASIL) if followed and rng.random() < 0.98 else None
        keterangan = "terlampir" if rng.random() < 0.05 else None
        row = [index, _date_cell(rng, day), text, evidence or None, number, status or None,
               hasil, keterangan]
        rows.append(row)
        previous = row
    rows.append([None, None, f"JUMLAH {n} kegiatan"])
    rows.append([])
    rows.append([None, None, None, None, None, "Gucialit, 31 Desember 2026"])
    rows.append([None, None, None, None, None, "Kepala Seksi"])
    rows.append([None, None, None, None, None, "NIP. 19700101 199003 1 001"])
    return rows


def write_workbook(path: Path, sheets: list[tuple[str, list[list[object]]]]) -> Path:
    """Write-only openpyxl: fast, and date cells get a date format."""
    workbook = Workbook(write_only=True)
    for name, rows in sheets:
        ws = workbook.create_sheet(name)
        for row in rows:
            ws.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def big_workbook(folder: Path, n: int = 100_000, seed: int = 7) -> Path:
    """One sheet, ``n`` activities over six years (a big office's whole archive)."""
    path = folder / f"big_{n}.xlsx"
    if not path.exists():
        rows = rekap_rows(n, seed, "SEKSI PEMERINTAHAN", first_year=2021, years=6)
        write_workbook(path, [("Pemerintahan", rows)])
    return path


def many_files(folder: Path, files: int = 200, n: int = 1_000, seed: int = 11) -> Path:
    """``files`` workbooks of ``n`` activities each, one unit each, as a kabupaten collects."""
    target = folder / f"many_{files}x{n}"
    for index in range(files):
        short, title = UNITS[index % len(UNITS)]
        path = target / f"rekap_{short.lower()}_{index:03d}.xlsx"
        if not path.exists():
            rows = rekap_rows(n, seed * 100_003 + index, title)
            write_workbook(path, [(short, rows)])
    return target


def kabupaten_quarter(folder: Path, kecamatan: int = 21, months: int = 3, n: int = 15,
                      seed: int = 13) -> Path:
    """A kabupaten's quarter as it arrives: a folder per kecamatan, one small workbook per unit
    per month (``n`` activities each)."""
    target = folder / f"kabupaten_{kecamatan}x{len(UNITS)}x{months}"
    for kec in range(kecamatan):
        for unit, (short, title) in enumerate(UNITS):
            for month in range(months):
                path = target / f"kec_{kec:02d}" / f"rekap_{short.lower()}_bulan{month + 1}.xlsx"
                if not path.exists():
                    rows = rekap_rows(n, seed * 100_003 + kec * 1000 + unit * 10 + month, title)
                    write_workbook(path, [(short, rows)])
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--file-rows", type=int, default=1_000)
    args = parser.parse_args()
    print(big_workbook(args.folder, args.rows))
    print(many_files(args.folder, args.files, args.file_rows))
    print(kabupaten_quarter(args.folder))


if __name__ == "__main__":
    main()
