"""Regenerate the example IKM survey of Kecamatan Gucialit and its expected results.

Run ``python examples/make_ikm_example.py`` from any folder. It writes, under ``examples/ikm/``:

- ``survei_ikm_gucialit_2026.xlsx``: the 2026 Survei Kepuasan Masyarakat of the kecamatan's
  PATEN counter, as an office keeps it: a title block, a two-row header (the publisher's own
  order, with Sarana dan Prasarana as U8), a column-number row, 123 questionnaires (some
  transcribed with the letters a-d), the office's own summary rows and a signature footer;
- ``expected_ikm.json``: the ground truth, computed here from the answers with fractions
  (PermenPAN-RB No. 14 Tahun 2017), without any iku code.

Three questionnaires carry deliberate mistakes (an answer 5, the word "baik", a blank answer):
each is left out of every unsur, so 120 respondents are counted. Deterministic: a fixed seed.
"""

import json
import math
import random
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

from make_examples import save_reproducibly  # the same byte-stable save as the rekap example
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent / "ikm"
YEAR = 2026
SEED = 20260617

# The regulation's order (U1..U9) — the order results are reported in.
UNSUR = ("Persyaratan", "Sistem, Mekanisme, dan Prosedur", "Waktu Penyelesaian", "Biaya/Tarif",
         "Produk Spesifikasi Jenis Pelayanan", "Kompetensi Pelaksana", "Perilaku Pelaksana",
         "Penanganan Pengaduan, Saran dan Masukan", "Sarana dan Prasarana")
# The sheet's columns: this publisher asks about sarana before pengaduan (as the regulation's
# sample questionnaire does) and labels them U8 and U9 in that order.
SHEET_ORDER = (0, 1, 2, 3, 4, 5, 6, 8, 7)
# Chance of answering 1, 2, 3, 4 per unsur (regulation order): services are free (U4), the
# complaint channel (U8) and the waiting time (U3) are the weak points.
ANSWER_WEIGHTS = (
    (0.00, 0.06, 0.58, 0.36), (0.00, 0.08, 0.60, 0.32), (0.02, 0.20, 0.58, 0.20),
    (0.00, 0.00, 0.12, 0.88), (0.00, 0.05, 0.62, 0.33), (0.00, 0.04, 0.56, 0.40),
    (0.00, 0.03, 0.50, 0.47), (0.03, 0.24, 0.58, 0.15), (0.01, 0.15, 0.62, 0.22),
)
SERVICES = (("KTP-el", 34), ("Kartu Keluarga", 29), ("Surat Keterangan", 26),
            ("Legalisasi Dokumen", 14), ("IUMK", 11), ("Dispensasi Nikah", 9))
GENDER = (("L", 0.52), ("P", 0.48))
EDUCATION = (("SD", 0.18), ("SMP", 0.22), ("SMA", 0.30), ("SMK", 0.08), ("D3", 0.06),
             ("S1", 0.14), ("S2", 0.02))
OCCUPATION = (("Petani", 0.30), ("Wiraswasta", 0.18), ("Swasta", 0.12), ("Ibu Rumah Tangga", 0.14),
              ("Pelajar/Mahasiswa", 0.08), ("PNS", 0.06), ("Perangkat Desa", 0.05),
              ("Lainnya", 0.07))
# What reading the sheet must find in each column (the regulation's categories).
EDUCATION_CATEGORY = {"SD": "SD", "SMP": "SMP", "SMA": "SMA", "SMK": "SMA", "D3": "D1–D3",
                      "S1": "D4/S1", "S2": "S2"}
OCCUPATION_CATEGORY = {"Petani": "Petani/Pekebun", "Wiraswasta": "Wiraswasta",
                       "Swasta": "Pegawai Swasta", "Ibu Rumah Tangga": "Ibu Rumah Tangga",
                       "Pelajar/Mahasiswa": "Pelajar/Mahasiswa", "PNS": "PNS/ASN",
                       "Perangkat Desa": "Perangkat Desa", "Lainnya": "Lainnya"}
GENDER_CATEGORY = {"L": "Laki-laki", "P": "Perempuan"}
AGE_BANDS = (("< 20 tahun", 10, 19), ("20–29 tahun", 20, 29), ("30–39 tahun", 30, 39),
             ("40–49 tahun", 40, 49), ("50–59 tahun", 50, 59), ("≥ 60 tahun", 60, 120))
# Deliberate mistakes: (questionnaire number, unsur in regulation order (0-based), value, code)
MISTAKES = ((37, 2, 5, "ikm-jawaban-tidak-sah"), (71, 6, "baik", "ikm-jawaban-tidak-sah"),
            (104, 7, None, "ikm-jawaban-kosong"))
LETTER_ROWS = frozenset(range(88, 100))  # questionnaires typed in as the form's letters a-d
WEIGHTS = {"0.111": Fraction(111, 1000), "1/9": Fraction(1, 9), "0.11": Fraction(11, 100)}
BANDS = ((Fraction(8831, 100), "A", "Sangat Baik"), (Fraction(7661, 100), "B", "Baik"),
         (Fraction(65), "C", "Kurang Baik"), (Fraction(0), "D", "Tidak Baik"))

TITLE = ("DATA SURVEI KEPUASAN MASYARAKAT (SKM)",
         "PELAYANAN ADMINISTRASI TERPADU KECAMATAN (PATEN)",
         "KECAMATAN GUCIALIT KABUPATEN LUMAJANG", f"TAHUN {YEAR}")
FIELDS = ("No", "Tanggal", "Jenis Layanan", "Jenis Kelamin", "Umur", "Pendidikan", "Pekerjaan")
HEADER_ROW = len(TITLE) + 2  # 6: field titles and the group cell; 7: U1..U9 with names
FIRST_ROW = HEADER_ROW + 3  # 8 holds the column numbers (1) (2) ...


def pick(rng: random.Random, choices: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def half_up(value: Fraction, places: int = 2) -> Fraction:
    scaled = value * 10**places
    return Fraction(math.floor(scaled + Fraction(1, 2)), 10**places)


def band(value: Fraction) -> tuple[str, str]:
    return next((mutu, kinerja) for lowest, mutu, kinerja in BANDS if value >= lowest)


def questionnaires(rng: random.Random) -> list[dict]:
    services = [name for name, count in SERVICES for _ in range(count)]
    rng.shuffle(services)
    start = date(YEAR, 1, 5)
    days = sorted(start + timedelta(days=rng.randrange(0, 355)) for _ in services)
    days = [d if d.weekday() < 5 else d - timedelta(days=d.weekday() - 4) for d in days]
    rows = []
    for number, (service, day) in enumerate(zip(services, days, strict=True), start=1):
        answers = [rng.choices((1, 2, 3, 4), weights=w)[0] for w in ANSWER_WEIGHTS]
        rows.append({
            "no": number, "tanggal": day, "layanan": service,
            "jk": pick(rng, GENDER), "umur": rng.randint(18, 72),
            "pendidikan": pick(rng, EDUCATION), "pekerjaan": pick(rng, OCCUPATION),
            "answers": answers, "cells": list(answers), "mistake": None,
        })
    for number, position, value, code in MISTAKES:
        row = rows[number - 1]
        row["cells"][position] = value
        row["mistake"] = (position, code)
    for number in LETTER_ROWS:
        row = rows[number - 1]
        row["cells"] = ["abcd"[a - 1] if isinstance(a, int) else a for a in row["cells"]]
    return rows


def index(rows: list[dict], weight: Fraction) -> dict:
    n = len(rows)
    sums = [sum(r["answers"][k] for r in rows) for k in range(9)]
    exact = sum(Fraction(s, n) * weight for s in sums) * 25
    rounded = half_up(exact)
    mutu, kinerja = band(rounded)
    return {"responden": n, "jumlah_nilai": sums, "ikm_exact": str(exact),
            "ikm": float(rounded), "mutu": mutu, "kinerja": kinerja}


def write_workbook(rows: list[dict], path: Path, counted: list[dict]) -> None:
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Data Responden"
    thin = Side(style="thin", color="000000")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="D9E1F2")
    width = len(FIELDS) + 9
    for r, text in enumerate(TITLE, start=1):
        cell = ws.cell(row=r, column=1, value=text)
        cell.font = Font(bold=True, size=13 if r == 1 else 11)
        cell.alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
    top, sub = HEADER_ROW, HEADER_ROW + 1
    for c, text in enumerate(FIELDS, start=1):
        ws.cell(row=top, column=c, value=text)
        ws.merge_cells(start_row=top, start_column=c, end_row=sub, end_column=c)
    ws.cell(row=top, column=len(FIELDS) + 1, value="NILAI UNSUR PELAYANAN")
    ws.merge_cells(start_row=top, start_column=len(FIELDS) + 1, end_row=top, end_column=width)
    for k, position in enumerate(SHEET_ORDER, start=1):
        ws.cell(row=sub, column=len(FIELDS) + k, value=f"U{k}\n{UNSUR[position]}")
    for r in (top, sub):
        for c in range(1, width + 1):
            cell = ws.cell(row=r, column=c)
            cell.font, cell.fill, cell.border = Font(bold=True), fill, grid
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[sub].height = 75
    for c in range(1, width + 1):
        cell = ws.cell(row=sub + 1, column=c, value=f"({c})")
        cell.alignment, cell.border = Alignment(horizontal="center"), grid

    for offset, row in enumerate(rows):
        r = FIRST_ROW + offset
        day = row["tanggal"]
        shown = day if row["no"] % 5 else f"{day:%d/%m/%Y}"  # some dates typed as text
        values = [row["no"], shown, row["layanan"], row["jk"], row["umur"], row["pendidikan"],
                  row["pekerjaan"], *(row["cells"][p] for p in SHEET_ORDER)]
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.border = grid
            if isinstance(value, date):
                cell.number_format = "dd/mm/yyyy"
            if c != 3:
                cell.alignment = Alignment(horizontal="center")
    last = FIRST_ROW + len(rows) - 1

    # The office's own summary under the table (values, as a hand-made sheet holds them).
    n = len(counted)
    sums = [sum(r["answers"][p] for r in counted) for p in SHEET_ORDER]
    summary = (("Σ Nilai/Unsur", sums),
               ("NRR/Unsur", [round(s / n, 3) for s in sums]),
               ("NRR tertimbang/Unsur", [round(s / n * 0.111, 3) for s in sums]))
    r = last + 2
    for label, values in summary:
        ws.cell(row=r, column=1, value=label).font = Font(bold=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(FIELDS))
        for k, value in enumerate(values, start=1):
            ws.cell(row=r, column=len(FIELDS) + k, value=value)
        r += 1
    ikm = half_up(sum(Fraction(s, n) for s in sums) * Fraction(111, 1000) * 25)
    ws.cell(row=r, column=1, value="IKM Unit Pelayanan").font = Font(bold=True)
    ws.cell(row=r, column=len(FIELDS) + 1, value=float(ikm))
    r += 3
    for text in (f"Gucialit, 31 Desember {YEAR}", "CAMAT GUCIALIT", "", "",
                 "Drs. HARTONO, M.Si", "Pembina Tingkat I", "NIP. 19700512 199303 1 007"):
        if text:
            ws.cell(row=r, column=width - 4, value=text).alignment = Alignment(
                horizontal="center")
        r += 1

    widths = [5, 12, 20, 9, 7, 11, 18] + [11] * 9
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=len(FIELDS) + 1)
    workbook.properties.creator = "Kecamatan Gucialit"
    save_reproducibly(workbook, path)


def profile(counted: list[dict]) -> dict:
    def tally(categories: list[str], order: list[str]) -> list[dict]:
        n = len(categories)
        return [{"kategori": c, "jumlah": categories.count(c),
                 "persen": float(half_up(Fraction(categories.count(c) * 100, n)))}
                for c in order if c in categories]

    ages = [next(b for b, lo, hi in AGE_BANDS if lo <= r["umur"] <= hi) for r in counted]
    return {
        "jenis_kelamin": tally([GENDER_CATEGORY[r["jk"]] for r in counted],
                               ["Laki-laki", "Perempuan"]),
        "umur": tally(ages, [b for b, _, _ in AGE_BANDS]),
        "pendidikan": tally([EDUCATION_CATEGORY[r["pendidikan"]] for r in counted],
                            ["SD", "SMP", "SMA", "D1–D3", "D4/S1", "S2", "S3"]),
        "pekerjaan": tally([OCCUPATION_CATEGORY[r["pekerjaan"]] for r in counted],
                           ["PNS/ASN", "TNI/Polri", "Pegawai Swasta", "Wiraswasta",
                            "Petani/Pekebun", "Pelajar/Mahasiswa", "Ibu Rumah Tangga",
                            "Perangkat Desa", "Tidak bekerja", "Lainnya"]),
    }


def main() -> None:
    HERE.mkdir(exist_ok=True)
    rng = random.Random(SEED)
    rows = questionnaires(rng)
    counted = [r for r in rows if r["mistake"] is None]
    write_workbook(rows, HERE / "survei_ikm_gucialit_2026.xlsx", counted)
    by_service: dict[str, list[dict]] = {}
    for row in counted:
        by_service.setdefault(row["layanan"], []).append(row)
    expected = {
        "berkas": "survei_ikm_gucialit_2026.xlsx",
        "responden": len(counted),
        "baris_responden": len(rows),
        "bobot": {key: index(counted, weight) for key, weight in WEIGHTS.items()},
        "per_layanan": {name: index(group, WEIGHTS["0.111"])
                        for name, group in sorted(by_service.items())},
        "profil": profile(counted),
        "mistakes": [
            {"sheet": "Data Responden", "row": FIRST_ROW + number - 1,
             "column": get_column_letter(len(FIELDS) + 1 + SHEET_ORDER.index(position)),
             "code": code}
            for number, position, _, code in MISTAKES
        ],
    }
    (HERE / "expected_ikm.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    summary = expected["bobot"]["0.111"]
    print(f"{len(rows)} kuesioner, {len(counted)} terhitung: IKM {summary['ikm']} "
          f"({summary['mutu']}, {summary['kinerja']})")


if __name__ == "__main__":
    main()
