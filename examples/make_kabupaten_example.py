"""Regenerate the kabupaten example: what five kecamatan of Lumajang sent for 2026.

Run ``python examples/make_kabupaten_example.py`` (with iku installed). It writes, under
``examples/kabupaten/``:

- ``rekap/<Kecamatan>/rekap_<kecamatan>_2026.xlsx``: each kecamatan's rekap (one sheet per
  unit), drawn here with a fixed seed; the counts are known by construction;
- ``kiriman/``: what each kecamatan sent the kabupaten, made by running ``iku hitung`` on its
  rekap as the kecamatan would: Candipuro, Pasirian and Senduro a JSON result, Gucialit its
  summary workbook (``-o``), Tempeh twice (an early result after the third quarter, then the
  year's); Yosowilangun sent nothing; the operator's note ``catatan.txt`` lies there too;
- ``iku.toml``: the kabupaten's settings (``[kabupaten]`` with its six kecamatan, target 90);
- ``EXPECTED.md``: the counts by construction, per kecamatan and for the kabupaten.

The time each result records as made is fixed (the day it was "sent"), so the files are the
same on every run.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from make_examples import save_reproducibly
from openpyxl import Workbook

from iku_cli.rekap.core import Options, hitung
from iku_cli.render.rekap.tabular import result_json
from iku_cli.render.rekap.workbook import write_summary
from iku_cli.runinfo import RunInfo

HERE = Path(__file__).resolve().parent / "kabupaten"
YEAR = 2026
SEED = 20270110
WIB = dt.timezone(dt.timedelta(hours=7))
UNITS = ("Umpeg", "Renkeu", "Pemerintahan", "Trantib", "PMD", "Kesos", "Pelayanan")
UNIT_NAMES = {
    "Umpeg": "Subbagian Umum dan Kepegawaian", "Renkeu": "Subbagian Perencanaan dan Keuangan",
    "Pemerintahan": "Seksi Pemerintahan", "Trantib": "Seksi Ketentraman dan Ketertiban Umum",
    "PMD": "Seksi Pemberdayaan Masyarakat dan Desa", "Kesos": "Seksi Kesejahteraan Sosial",
    "Pelayanan": "Seksi Pelayanan Umum",
}
EVIDENCE = ("Rapat Koordinasi", "Dokumen/Laporan", "SK Camat", "Rekomendasi", "Berita Acara")
ACTIVITIES = ("Rapat koordinasi lintas sektor", "Fasilitasi musyawarah desa",
              "Verifikasi laporan desa", "Monitoring kegiatan", "Rekomendasi izin keramaian",
              "Koordinasi penanganan bencana", "Pembinaan aparatur desa",
              "Fasilitasi pelayanan administrasi", "Evaluasi program", "Sosialisasi peraturan")
HEADER = ["No", "Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung", "Ditindaklanjuti",
          "Hasil Tindak Lanjut"]


@dataclass(frozen=True)
class Kecamatan:
    name: str
    sent: str  # "json" | "ringkasan" | "twice" | "none"
    made: dt.datetime | None
    units: tuple[str, ...] = UNITS  # the units whose rekap is in the file
    required: bool = False  # its config lists every unit: a missing one has not reported
    foto: int = 0  # rows with 'Foto' as evidence: a galat, not counted


KECAMATAN = (
    Kecamatan("Candipuro", "json", dt.datetime(2027, 1, 8, 10, 15, tzinfo=WIB)),
    Kecamatan("Gucialit", "ringkasan", dt.datetime(2027, 1, 9, 8, 40, tzinfo=WIB)),
    Kecamatan("Pasirian", "json", dt.datetime(2027, 1, 9, 14, 5, tzinfo=WIB), foto=2),
    Kecamatan("Senduro", "json", dt.datetime(2027, 1, 11, 9, 0, tzinfo=WIB),
              units=UNITS[:-1], required=True),
    Kecamatan("Tempeh", "twice", dt.datetime(2027, 1, 12, 13, 30, tzinfo=WIB)),
    Kecamatan("Yosowilangun", "none", None),
)
TEMPEH_EARLY = dt.datetime(2026, 10, 5, 11, 0, tzinfo=WIB)  # sent after the third quarter


@dataclass
class Row:
    unit: str
    day: dt.date
    text: str
    evidence: str
    followed: bool


def draw(kecamatan: Kecamatan, rng: random.Random) -> list[Row]:
    rows = []
    for unit in kecamatan.units:
        for _ in range(rng.randint(8, 16)):
            day = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(365))
            rows.append(Row(unit, day, f"{rng.choice(ACTIVITIES)} {unit} {day:%d/%m}",
                            rng.choice(EVIDENCE), rng.random() < 0.82))
    for index in range(kecamatan.foto):
        rows[index * 5].evidence = "Foto"
    return rows


def write_rekap(path: Path, kecamatan: Kecamatan, rows: list[Row]) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for unit in kecamatan.units:
        ws = workbook.create_sheet(unit)
        ws.append([f"REKAP FASILITASI DAN KOORDINASI {UNIT_NAMES[unit].upper()}"])
        ws.append([f"KECAMATAN {kecamatan.name.upper()} KABUPATEN LUMAJANG TAHUN {YEAR}"])
        ws.append([])
        ws.append(HEADER)
        mine = sorted((r for r in rows if r.unit == unit), key=lambda r: r.day)
        for number, row in enumerate(mine, start=1):
            ws.append([number, row.day, row.text, row.evidence,
                       "Ya" if row.followed else "Belum",
                       "Ditindaklanjuti" if row.followed else None])
            ws.cell(ws.max_row, 2).number_format = "dd/mm/yyyy"
        for letter, width in zip("ABCDEF", (5, 12, 48, 20, 15, 22), strict=True):
            ws.column_dimensions[letter].width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    save_reproducibly(workbook, path)


def counted(rows: list[Row]) -> tuple[int, int]:
    valid = [r for r in rows if r.evidence != "Foto"]
    return len(valid), sum(r.followed for r in valid)


def send(kecamatan: Kecamatan, folder: Path, relative: str, made: dt.datetime,
         target: Path, kind: str) -> None:
    """Run `iku hitung` on the kecamatan's rekap as the kecamatan would, and save what it
    sends (the run time fixed to the day it was sent)."""
    options = Options(year=YEAR, subdistrict=kecamatan.name, regency="Lumajang", target=90)
    if kecamatan.required:
        from iku_cli.rekap.vocab import DEFAULT_VOCABULARY

        options.required_units = tuple(unit.name for unit in DEFAULT_VOCABULARY.units)
    cwd = Path.cwd()
    try:
        import os

        os.chdir(folder)  # the result names its rekap as the kecamatan's own path
        result = hitung([relative], options)
    finally:
        os.chdir(cwd)
    result.made_at = made.isoformat()
    if kind == "json":
        target.write_text(result_json(result), encoding="utf-8")
    else:
        run = RunInfo(argv=("iku", "hitung", relative, "-o", target.name), started_at=made,
                      cwd=f"C:\\Kecamatan {kecamatan.name}")
        write_summary(result, target, run)


def main() -> None:
    rng = random.Random(SEED)
    if HERE.exists():
        shutil.rmtree(HERE)
    (HERE / "kiriman").mkdir(parents=True)
    expected: list[tuple[str, int, int, str]] = []
    for kecamatan in KECAMATAN:
        rows = draw(kecamatan, rng)
        if kecamatan.sent == "none":
            continue
        slug = kecamatan.name.lower()
        relative = f"rekap/{kecamatan.name}/rekap_{slug}_{YEAR}.xlsx"
        write_rekap(HERE / relative, kecamatan, rows)
        assert kecamatan.made is not None
        kind = "ringkasan" if kecamatan.sent == "ringkasan" else "json"
        suffix = ".xlsx" if kind == "ringkasan" else ".json"
        send(kecamatan, HERE, relative, kecamatan.made,
             HERE / "kiriman" / f"{slug}_{YEAR}{suffix}", kind)
        if kecamatan.sent == "twice":  # the early result: only what was done by September
            early = [r for r in rows if r.day.month <= 9]
            with tempfile.TemporaryDirectory() as temp:
                write_rekap(Path(temp) / relative, kecamatan, early)
                send(kecamatan, Path(temp), relative, TEMPEH_EARLY,
                     HERE / "kiriman" / f"{slug}_{YEAR}_tw3.json", "json")
        total, done = counted(rows)
        expected.append((kecamatan.name, total, done, kecamatan.sent))
    (HERE / "kiriman" / "catatan.txt").write_text(
        "Kiriman hasil IKU kecamatan tahun 2026. Yosowilangun belum mengirim.\n",
        encoding="utf-8")
    (HERE / "iku.toml").write_text(CONFIG, encoding="utf-8")
    (HERE / "EXPECTED.md").write_text(markdown(expected), encoding="utf-8")


CONFIG = """# iku.toml kabupaten: pengaturan untuk `iku gabung`.
indikator = "Persentase hasil Fasilitas dan Koordinasi yang ditindaklanjuti"
tahun = 2026
target = 90

# Kecamatan yang wajib mengirim hasil; yang tidak mengirim disebut "belum mengirim".
[kabupaten]
nama = "Lumajang"
kecamatan = ["Candipuro", "Gucialit", "Pasirian", "Senduro", "Tempeh", "Yosowilangun"]
"""


def markdown(expected: list[tuple[str, int, int, str]]) -> str:
    lines = ["# Expected roll-up of the kabupaten example", "",
             "Generated by `make_kabupaten_example.py` (do not edit by hand). Counts by "
             "construction: an activity counts when its evidence is one of the five types "
             "('Foto' is not), and is followed up when its status is 'Ya'. Tempeh sent twice: "
             "its year result (the newer) is the one rolled up. Yosowilangun sent nothing.", "",
             "| Kecamatan | Jumlah | Ditindaklanjuti | Persentase | Sent as |",
             "|---|---:|---:|---:|---|"]
    for name, total, done, sent in expected:
        lines.append(f"| {name} | {total} | {done} | {100 * done / total:.2f} | {sent} |")
    total = sum(e[1] for e in expected)
    done = sum(e[2] for e in expected)
    lines.append(f"| **Kabupaten** | {total} | {done} | {100 * done / total:.2f} | |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
