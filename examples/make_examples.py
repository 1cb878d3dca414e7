"""Regenerate the example rekap inputs of Kecamatan Gucialit and their expected results.

Run ``python examples/make_examples.py`` from any folder. It writes, next to this script:

- ``rekap_gucialit_2026.xlsx``: one workbook, seven unit sheets in varied office layouts;
- ``masuk/``: a folder as an operator receives it, one file per section (xlsx, xlsx, csv);
- ``expected.json`` and ``EXPECTED.md``: the ground truth, computed here by construction.

Every activity is one line of ``kegiatan.txt``, stating how the section wrote it and which
mistake, if any, it carries. The writer places it, knows its Excel row, and tallies it with the
counting rules of the contract (``shared/design/rekap-format.md``). The tally re-derives each row's
mistakes from the data and asserts they are exactly the declared ones, so an accidental mistake
(an unintended duplicate, say) stops the script instead of silently skewing the expected numbers.
"""

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from itertools import groupby
from math import ceil
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent
YEAR = 2026
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agt", "Sep", "Okt", "Nov", "Des")
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
QUARTERS = ("I", "II", "III", "IV")
UNITS = ("Subbagian Umum dan Kepegawaian", "Subbagian Perencanaan dan Keuangan",
         "Seksi Pemerintahan", "Seksi Ketentraman dan Ketertiban Umum",
         "Seksi Pemberdayaan Masyarakat dan Desa", "Seksi Kesejahteraan Sosial",
         "Seksi Pelayanan Umum")  # in the contract's order

# --- What each spelling means: the ground truth, declared here (no iku code is used) ---------

TYPES = ("Rapat Koordinasi", "Dokumen/Laporan", "SK Camat", "Rekomendasi", "Berita Acara")
RK, DL, SK, RE, BA = TYPES
EVIDENCE: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in {
    "Rakor": {RK}, "Rapat Koordinasi": {RK}, "Notulen": {RK},
    "Dok/Lap": {DL}, "Dokumen": {DL}, "Laporan": {DL}, "Laporan Kegiatan": {DL},
    "Dokumen/Laporan": {DL}, "SK Camat": {SK}, "SK Camat No. 12/2026": {SK},
    "SK Camat No. 27/2026": {SK}, "SK Camat No. 31/2026": {SK}, "Rekom": {RE}, "Rekomendasi": {RE},
    "BA": {BA}, "B.A.": {BA}, "Berita Acara": {BA}, "Berita Acara Musdes": {BA},
    "Rakor, BA": {RK, BA}, "Rapat Koordinasi dan Berita Acara": {RK, BA}, "Rakor/BA": {RK, BA},
    "Dok/Lap, BA": {DL, BA},
    "Foto": (), "Daftar Hadir": (), "Berita Acra": (), "": (),  # not evidence: galat
}.items()}
YES = frozenset({"Ya", "Sudah", "sdh", "Selesai", "✓"})
NO = frozenset({"Tidak", "Belum", "Proses", "-"})
SEVERITY = {"bukti-tidak-sah": "galat", "bukti-kosong": "galat"}  # the others: peringatan
# What a followed-up activity produced, by its first evidence type (fills Hasil/Output cells).
HASIL = {RK: "Kesepakatan rapat dilaksanakan", DL: "Laporan disampaikan ke Camat",
         SK: "SK ditetapkan dan dibagikan", RE: "Rekomendasi diterbitkan",
         BA: "Berita acara ditandatangani"}
# How a date cell is written; a sheet cycles through its styles row by row.
DATE_STYLES: dict[str, Callable[[date], date | str]] = {
    "cell": lambda day: day,  # a real date cell, shown dd/mm/yyyy
    "slash": lambda day: f"{day:%d/%m/%Y}",
    "dash": lambda day: f"{day:%d-%m-%Y}",
    "iso": lambda day: day.isoformat(),
    "long": lambda day: f"{day.day} {MONTHS[day.month - 1]} {day.year}",
    "day": lambda day: f"{DAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year}",
    "short": lambda day: f"{day.day} {SHORT_MONTHS[day.month - 1]} {day.year}",
}


@dataclass(frozen=True)
class Act:
    """One activity row as a section writes it."""

    day: date | None  # None: the date cell holds `date_text`, which no reader can parse
    text: str
    bukti: str  # a key of EVIDENCE; tick layouts tick the columns of its types
    status: str
    mistake: str = ""  # the problem code this row must raise ("" = a clean row)
    nomor: str = ""  # evidence number; "" = numbered automatically where the sheet has a column
    hasil: str | None = None  # None = automatic (HASIL) when followed up
    ket: str = ""
    merge_next_date: bool = False  # the date cell is merged with the next row's
    date_text: str = ""


def load_activities(path: Path) -> dict[str, list[Act]]:
    """The tables of kegiatan.txt (its header says how to read a line), by ``[name]``."""
    lines: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            current = lines.setdefault(line.strip("[]"), [])
        elif line.strip() and not line.startswith("#"):
            current.append(line)
    return {name: [parse(line) for line in table] for name, table in lines.items()}


def parse(line: str) -> Act:
    when, kegiatan, bukti, status, *extras = (part.strip() for part in line.split("|"))
    opts: dict[str, Any] = {}
    for extra in extras:
        if extra.startswith("!"):
            opts["mistake"] = extra[1:]
        elif extra == "merge":
            opts["merge_next_date"] = True
        else:
            key, _, value = extra.partition("=")
            opts[key] = value
    if when.startswith("?"):
        return Act(None, kegiatan, bukti, status, date_text=when[1:], **opts)
    day = date(YEAR, int(when[3:]), int(when[:2]))
    assert day.weekday() < 5, f"{line}: offices do not meet at the weekend"
    return Act(day, kegiatan, bukti, status, **opts)


# --- Sheet layouts ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Col:
    field: str  # no tanggal kegiatan bukti nomor status hasil ket, or tick (one evidence type)
    label: str
    width: float
    group: str = ""  # a two-row header: this group cell is merged over the sub-headers
    type: str = ""  # a tick column: the evidence type it stands for


@dataclass(frozen=True)
class Sheet:
    name: str
    unit: str  # the unit the contract's rules must find (title line, sheet or file name)
    title: tuple[str, ...]
    header_row: int
    cols: tuple[Col, ...]
    acts: list[Act]
    signer: tuple[str, str, str, str]  # title, name, rank, NIP
    notes: str
    start_col: int = 1
    dates: tuple[str, ...] = ("cell",)
    sections: str = ""  # "triwulan": merged TRIWULAN rows; "bulan": month names in kegiatan
    numbers_row: bool = False
    total: str = ""  # "": plain JUMLAH; "angka": the count after it; "teks": "n kegiatan"
    nomor_code: str = "000"


def title(unit_line: str) -> tuple[str, ...]:
    return ("REKAPITULASI KEGIATAN FASILITASI DAN KOORDINASI", unit_line,
            "KECAMATAN GUCIALIT KABUPATEN LUMAJANG", f"TAHUN {YEAR}")


def cols(*spec: tuple[str, str, float] | Col) -> tuple[Col, ...]:
    return tuple(c if isinstance(c, Col) else Col(*c) for c in spec)


# --- Bookkeeping --------------------------------------------------------------------------------

def persen(done: int, total: int) -> float | None:
    if not total:
        return None  # undefined, never 0 or 100
    value = Decimal(100 * done) / Decimal(total)
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def counts(total: int, done: int) -> dict[str, Any]:
    return {"jumlah": total, "ditindaklanjuti": done, "persentase": persen(done, total)}


@dataclass
class Tally:
    """One run (a workbook, or a folder read in sorted order) counted by the contract's rules."""

    seen: dict[tuple[Any, ...], dict[str, Any]] = field(default_factory=dict)
    unit_of: dict[tuple[Any, ...], str] = field(default_factory=dict)  # first copy's unit
    units: dict[str, list[int]] = field(default_factory=dict)
    periods: dict[str, list[int]] = field(
        default_factory=lambda: {f"Triwulan {q}": [0, 0] for q in QUARTERS})
    bukti: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    sheets: list[dict[str, Any]] = field(default_factory=list)
    mistakes: list[dict[str, Any]] = field(default_factory=list)

    def add(self, act: Act, *, file: str, sheet: str | None, row: int, unit: str, nomor: str,
            hasil: str | None, bukti_cell: str) -> bool:
        """Tally one activity row (hasil None: the sheet has no result column); True if counted."""
        types = EVIDENCE[act.bukti]
        found: list[tuple[str, str]] = []  # (code, the cell's value)
        if not types:
            found.append(("bukti-tidak-sah" if act.bukti else "bukti-kosong", bukti_cell))
        if not act.status:
            found.append(("status-kosong", ""))
        elif act.status not in YES | NO:
            found.append(("status-tidak-dikenal", act.status))
        if act.day is None:
            found.append(("tanggal-tidak-terbaca", act.date_text))
        followed = act.status in YES
        if followed and hasil == "":  # also on an uncounted row: the contract does not say
            found.append(("hasil-kosong", ""))
        # an exact duplicate: same date, activity text, evidence types and evidence number
        key = (act.day, " ".join(act.text.casefold().split()), types, nomor)
        place = {"file": file, "sheet": sheet, "row": row}
        first = self.seen.get(key) if types else None
        if first:
            found.append(("duplikat", act.text))
        elif types:
            self.seen[key] = place
            self.unit_of[key] = unit
        declared = [act.mistake] if act.mistake else []
        assert [code for code, _ in found] == declared, f"{place}: {found} but {declared}"
        for code, value in found:
            entry = place | {"code": code, "severity": SEVERITY.get(code, "peringatan"),
                             "value": value}
            self.mistakes.append(entry | ({"first_copy": first} if first else {}))
        if first and (first["file"] != file or self.unit_of[key] != unit):
            # the first copy hears too where the credit went (another file or unit)
            self.mistakes.append(first | {"code": "duplikat-dikreditkan",
                                          "severity": "peringatan", "value": act.text})
        if not types or first:
            return False
        period = f"Triwulan {QUARTERS[(act.day.month - 1) // 3]}" if act.day else "Tanpa tanggal"
        for bucket in (self.units.setdefault(unit, [0, 0]),
                       self.periods.setdefault(period, [0, 0])):
            bucket[0] += 1
            bucket[1] += followed
        for kind in types:
            self.bukti[kind] += 1
        return True

    def summary(self) -> dict[str, Any]:
        order = sorted(self.units, key=lambda u: (UNITS.index(u) if u in UNITS else 99, u))
        return {
            "unit": {u: counts(*self.units[u]) for u in order},
            "total": counts(*(sum(v[i] for v in self.units.values()) for i in (0, 1))),
            "triwulan": {p: counts(*v) for p, v in self.periods.items()},
            "bukti": self.bukti,
            "sheet": self.sheets,
            "mistakes": self.mistakes,
        }


# --- Writing ------------------------------------------------------------------------------------

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
SECTION_FILL = PatternFill("solid", fgColor="FFF2CC")
TOTAL_FILL = PatternFill("solid", fgColor="E2EFDA")


def put(ws: Worksheet, row: int, col: int, value: object, *, bold: bool = False,
        center: bool = False, wrap: bool = True) -> None:
    cell = ws.cell(row, col, value)
    cell.font = Font(bold=bold)
    cell.alignment = Alignment(horizontal="center" if center else None, vertical="center",
                               wrap_text=wrap)
    if isinstance(value, date):
        cell.number_format = "DD/MM/YYYY"


def frame(ws: Worksheet, row: int, first: int, last: int, fill: PatternFill | None = None) -> None:
    """Borders (and a fill) on a table row; done before merging so merged cells keep them."""
    for col in range(first, last + 1):
        ws.cell(row, col).border = BOX
        if fill:
            ws.cell(row, col).fill = fill


def merge(ws: Worksheet, r1: int, c1: int, r2: int, c2: int) -> None:
    if (r1, c1) != (r2, c2):
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)


def write_header(ws: Worksheet, sh: Sheet, first: int, last: int) -> int:
    """Title block, header (one or two rows), column-number row; returns the first data row."""
    for r, line in enumerate(sh.title, start=1):
        put(ws, r, first, line, bold=True, center=True, wrap=False)
        merge(ws, r, first, r, last)
    r = sh.header_row
    two_rows = any(c.group for c in sh.cols)
    for row in range(r, r + 1 + two_rows):
        frame(ws, row, first, last, HEADER_FILL)
    for i, c in enumerate(sh.cols):
        if c.group:
            put(ws, r + 1, first + i, c.label, bold=True, center=True)
        else:  # a single header spans both header rows
            put(ws, r, first + i, c.label, bold=True, center=True)
            merge(ws, r, first + i, r + two_rows, first + i)
    col = first
    for group, members in groupby(sh.cols, key=lambda c: c.group):
        span = len(list(members))
        if group:  # the group cell, merged over its sub-headers
            put(ws, r, col, group, bold=True, center=True)
            merge(ws, r, col, r, col + span - 1)
        col += span
    r += 1 + two_rows
    if sh.numbers_row:  # (1) (2) (3) ... as the office's forms print it
        frame(ws, r, first, last)
        for i in range(len(sh.cols)):
            put(ws, r, first + i, f"({i + 1})", center=True)
        r += 1
    ws.freeze_panes = ws.cell(r, first)
    return r


def section_of(kind: str, day: date | None) -> str:
    if not kind or day is None:
        return ""
    if kind == "triwulan":
        return f"TRIWULAN {QUARTERS[(day.month - 1) // 3]}"
    return MONTHS[day.month - 1].upper()


def write_sheet(ws: Worksheet, sh: Sheet, tally: Tally, file: str) -> None:
    first, last = sh.start_col, sh.start_col + len(sh.cols) - 1
    at = {c.field: first + i for i, c in enumerate(sh.cols)}
    ticks = {c.type: first + i for i, c in enumerate(sh.cols) if c.field == "tick"}
    for i, c in enumerate(sh.cols):
        ws.column_dimensions[get_column_letter(first + i)].width = c.width
    if first > 1:
        ws.column_dimensions["A"].width = 3
    r = write_header(ws, sh, first, last)
    section, listed, counted, numbers = "", 0, 0, {}
    for i, act in enumerate(sh.acts):
        heading = section_of(sh.sections, act.day)
        if heading and heading != section:
            section = heading
            frame(ws, r, first, last, SECTION_FILL if sh.sections == "triwulan" else None)
            if sh.sections == "triwulan":  # one cell merged across the table
                put(ws, r, first, heading, bold=True)
                merge(ws, r, first, r, last)
            else:  # a month name alone in the kegiatan column
                put(ws, r, at["kegiatan"], heading, bold=True)
            r += 1
        listed += 1
        frame(ws, r, first, last)
        put(ws, r, at["no"], listed, center=True)
        if i == 0 or not sh.acts[i - 1].merge_next_date:
            style = DATE_STYLES[sh.dates[(listed - 1) % len(sh.dates)]]
            put(ws, r, at["tanggal"], style(act.day) if act.day else act.date_text, center=True)
        if act.merge_next_date:  # one date cell over two consecutive activities
            assert sh.acts[i + 1].day == act.day
            merge(ws, r, at["tanggal"], r + 1, at["tanggal"])
        put(ws, r, at["kegiatan"], act.text)
        types = EVIDENCE[act.bukti]
        if ticks:
            for n, kind in enumerate(sorted(types, key=TYPES.index)):
                put(ws, r, ticks[kind], ("✓", "v", 1)[(listed + n) % 3], center=True)
        else:
            put(ws, r, at["bukti"], act.bukti)
        nomor = ""
        if "nomor" in at and types:  # a copied row (same date and text) keeps its number
            seq = numbers.setdefault((act.day, act.text), 11 + 7 * len(numbers))
            nomor = act.nomor or f"{sh.nomor_code}/{seq:03d}/427.82/{YEAR}"
            put(ws, r, at["nomor"], nomor, center=True)
        put(ws, r, at["status"], act.status, center=True)
        hasil = None
        if "hasil" in at:
            auto = HASIL[min(types, key=TYPES.index)] if types else "Kegiatan dilaksanakan"
            auto = auto if act.status in YES else ""
            hasil = auto if act.hasil is None else act.hasil
            put(ws, r, at["hasil"], hasil)
        if "ket" in at:
            put(ws, r, at["ket"], act.ket)
        counted += tally.add(act, file=file, sheet=ws.title, row=r, unit=sh.unit, nomor=nomor,
                             hasil=hasil, bukti_cell="" if ticks else act.bukti)
        r += 1
    # the JUMLAH row closing the table; a count only where every listed row counts, so it is
    # right whichever count ("terdaftar" or "terhitung") a reader compares it with
    kegiatan = at["kegiatan"]
    assert not sh.total or listed == counted, f"{sh.name}: {listed} listed, {counted} counted"
    frame(ws, r, first, last, TOTAL_FILL)
    put(ws, r, first, "JUMLAH", bold=True, center=True)
    if sh.total == "teks":
        merge(ws, r, first, r, kegiatan - 1)
        put(ws, r, kegiatan, f"{listed} kegiatan", bold=True)
    else:
        merge(ws, r, first, r, kegiatan)
        if sh.total == "angka":
            put(ws, r, kegiatan + 1, listed, bold=True, center=True)
    # the signature footer, in the right-hand columns as offices place it
    left = last - 2
    assert left > kegiatan, "the footer must not sit in the kegiatan column"
    role, name, rank, nip = sh.signer
    lines = (f"Gucialit, 31 Desember {YEAR}", "Mengetahui,", role, "", "", name, rank, nip)
    for n, line in enumerate(lines, start=r + 2):
        put(ws, n, left, line, bold=line == name, center=True, wrap=False)
        merge(ws, n, left, n, last)
    ws.cell(r + 2 + lines.index(name), left).font = Font(bold=True, underline="single")
    fit_heights(ws, range(sh.header_row, r + 1), first, [c.width for c in sh.cols])
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # print one page wide
    ws.page_setup.fitToHeight = 0
    tally.sheets.append({"file": file, "sheet": ws.title, "unit": sh.unit,
                         "baris_kegiatan": listed, "terhitung": counted, "layout": sh.notes})


def fit_heights(ws: Worksheet, rows: range, first: int, widths: list[float]) -> None:
    """openpyxl stores no row heights; estimate them so wrapped text shows in any viewer."""
    for r in rows:
        cells = [ws.cell(r, first + i) for i in range(len(widths))]
        lines = max(ceil(len(cell.value) / (width - 1))
                    if isinstance(cell.value, str) and cell.coordinate not in ws.merged_cells else 1
                    for cell, width in zip(cells, widths, strict=True))
        ws.row_dimensions[r].height = 15 * lines


def save_reproducibly(wb: Workbook, path: Path) -> None:
    """openpyxl stamps the save time into the file; fix it so a re-run changes no bytes."""
    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                              rb"\g<1>2026-12-31T00:00:00Z", data)
            dst.writestr(zipfile.ZipInfo(info.filename, (2026, 12, 31, 0, 0, 0)), data,
                         compress_type=zipfile.ZIP_DEFLATED)


def write_workbook(path: Path, sheets: list[Sheet], tally: Tally) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "Kecamatan Gucialit"
    for sh in sheets:
        write_sheet(wb.create_sheet(sh.name), sh, tally, path.name)
    save_reproducibly(wb, path)


def write_csv(path: Path, acts: list[Act], unit: str, notes: str, tally: Tally) -> None:
    """As Excel in an Indonesian locale saves CSV UTF-8: ';', a BOM, CRLF, dd/mm/yyyy text."""
    rows = [["No", "Tanggal", "Nama Kegiatan", "Jenis Bukti Dukung", "Ditindaklanjuti",
             "Keterangan"]]
    counted = 0
    for n, act in enumerate(acts, start=1):
        counted += tally.add(act, file=path.name, sheet=None, row=n + 1, unit=unit, nomor="",
                             hasil=None, bukti_cell=act.bukti)
        when = f"{act.day:%d/%m/%Y}" if act.day else act.date_text
        rows.append([str(n), when, act.text, act.bukti, act.status, act.ket])
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    tally.sheets.append({"file": path.name, "sheet": None, "unit": unit,
                         "baris_kegiatan": len(acts), "terhitung": counted, "layout": notes})


# --- The sheets ---------------------------------------------------------------------------------

ACTS = load_activities(HERE / "kegiatan.txt")
NO_COL, DATE_COL = ("no", "No", 5), ("tanggal", "Tanggal", 13)
TICKS = tuple(Col("tick", label, 8, "Bukti Dukung", kind)
              for label, kind in zip(("Rakor", "Dok/Lap", "SK", "Rekom", "BA"), TYPES, strict=True))
SHEETS = [
    Sheet("Umpeg", UNITS[0], title("SUBBAGIAN UMUM DAN KEPEGAWAIAN"), 6,
          cols(NO_COL, ("tanggal", "Tgl", 13), ("kegiatan", "Kegiatan", 50),
               ("bukti", "Bukti Dukung", 22), ("nomor", "Nomor Bukti", 22),
               ("status", "Status (Ya/Tidak)", 12), ("hasil", "Output", 32), ("ket", "Ket", 20)),
          ACTS["Umpeg"], ("Kepala Subbagian Umum dan Kepegawaian", "DWI ARIYANTO, S.AP",
                          "Penata Tingkat I", "NIP. 19780315 200501 1 012"),
          "one-row header; column-number row; date cells", numbers_row=True, nomor_code="800"),
    Sheet("Renkeu", UNITS[1],
          ("REKAP FASILITASI DAN KOORDINASI SUBBAGIAN PERENCANAAN DAN KEUANGAN",
           "KECAMATAN GUCIALIT", f"TAHUN ANGGARAN {YEAR}"), 5,
          cols(NO_COL, ("tanggal", "Tanggal Kegiatan", 14), ("kegiatan", "Nama Kegiatan", 48),
               Col("bukti", "Jenis", 24, "Bukti Dukung"), Col("nomor", "Nomor", 22, "Bukti Dukung"),
               ("status", "Ditindaklanjuti", 15), ("ket", "Keterangan", 24)),
          ACTS["Renkeu"], ("Kepala Subbagian Perencanaan dan Keuangan", "SITI MUNAWAROH, S.E.",
                           "Penata", "NIP. 19850721 201001 2 021"),
          "from column B; two-row header Bukti Dukung = Jenis | Nomor; dates as text "
          "dd/mm/yyyy and dd-mm-yyyy", start_col=2, dates=("slash", "dash"), nomor_code="900"),
    Sheet("Pemerintahan", UNITS[2], title("SEKSI PEMERINTAHAN"), 7,
          cols(NO_COL, ("tanggal", "Tanggal", 22), ("kegiatan", "Uraian Kegiatan", 50),
               Col("bukti", "Jenis", 22, "Bukti Dukung"), Col("nomor", "Nomor", 22, "Bukti Dukung"),
               Col("status", "Status", 11, "Tindak Lanjut"),
               Col("hasil", "Hasil", 30, "Tindak Lanjut"), ("ket", "Keterangan", 18)),
          ACTS["Pemerintahan"], ("Kepala Seksi Pemerintahan", "SUPRIYADI, S.Sos",
                                 "Penata Tingkat I", "NIP. 19700512 199303 1 008"),
          "from column B; two-row header (Bukti Dukung = Jenis | Nomor, Tindak Lanjut = Status | "
          "Hasil); column-number row; merged TRIWULAN rows; a date merged over two rows; dates "
          "'12 Maret 2026', 'Kamis, 12 Maret 2026'", start_col=2, dates=("long", "long", "day"),
          sections="triwulan", numbers_row=True, nomor_code="140"),
    Sheet("Trantib", UNITS[3],
          ("PEMERINTAH KABUPATEN LUMAJANG", "KECAMATAN GUCIALIT",
           "REKAPITULASI FASILITASI DAN KOORDINASI", "SEKSI KETENTRAMAN DAN KETERTIBAN UMUM",
           f"TAHUN {YEAR}"), 8,
          cols(NO_COL, ("tanggal", "Hari/Tanggal", 26), ("kegiatan", "Uraian Kegiatan", 50),
               ("bukti", "Bukti", 20), ("nomor", "Nomor Surat", 22),
               ("status", "Tindak Lanjut", 13), ("hasil", "Hasil Tindak Lanjut", 30),
               ("ket", "Keterangan", 22)),
          ACTS["Trantib"], ("Kepala Seksi Ketentraman dan Ketertiban Umum", "MOCH. HASAN BASRI",
                            "Penata", "NIP. 19740909 199803 1 006"),
          "header on row 8; month headings (JANUARI ...) alone in the kegiatan column; dates "
          "'Senin, 16 Maret 2026'", dates=("day",), sections="bulan", nomor_code="300"),
    Sheet("PMD", UNITS[4], title("SEKSI PEMBERDAYAAN MASYARAKAT DAN DESA"), 6,
          cols(NO_COL, DATE_COL, ("kegiatan", "Uraian Kegiatan", 48), *TICKS,
               ("status", "Ditindaklanjuti", 15), ("hasil", "Hasil Tindak Lanjut", 30)),
          ACTS["PMD"], ("Kepala Seksi Pemberdayaan Masyarakat dan Desa",
                        "ENDAH PURWANINGSIH, S.IP", "Penata", "NIP. 19810430 200604 2 015"),
          "one column per evidence type under Bukti Dukung (Rakor | Dok/Lap | SK | Rekom | BA) "
          "ticked with ✓ / v / 1; dates as '2026-03-12' text and date cells; JUMLAH row "
          "'n kegiatan'", dates=("iso", "cell"), total="teks"),
    Sheet("Kesos", UNITS[5], title("SEKSI KESEJAHTERAAN SOSIAL"), 6,
          cols(NO_COL, DATE_COL, ("kegiatan", "Uraian Kegiatan", 50),
               ("bukti", "Jenis Bukti Dukung", 22), ("nomor", "Nomor Dokumen", 22),
               ("status", "Ditindaklanjuti", 15), ("ket", "Ket", 22)),
          ACTS["Kesos"], ("Kepala Seksi Kesejahteraan Sosial", "ABDUL ROKHIM, S.Ag",
                          "Penata Tingkat I", "NIP. 19760218 200212 1 005"),
          "from column B; dates '12 Mar 2026', '5 Agt 2026'", start_col=2, dates=("short",),
          nomor_code="400"),
    Sheet("Pelayanan", UNITS[6],
          ("REKAPITULASI KEGIATAN FASILITASI DAN KOORDINASI",
           "SEKSI PELAYANAN UMUM KECAMATAN GUCIALIT", f"TAHUN {YEAR}"), 5,
          cols(("no", "No.", 5), DATE_COL, ("kegiatan", "Nama Kegiatan", 50),
               ("bukti", "Jenis Bukti Dukung", 22), ("status", "Status (Ya/Tidak)", 14),
               ("ket", "Keterangan", 24)),
          ACTS["Pelayanan"], ("Kepala Seksi Pelayanan Umum", "RINA KUSUMAWATI, S.Kom", "Penata",
                              "NIP. 19870605 201101 2 009"),
          "date cells; JUMLAH row with the count in the evidence column", total="angka"),
]
CAMAT = ("Camat Gucialit", "Drs. BAMBANG SUTRISNO, M.Si", "Pembina Tingkat I",
         "NIP. 19690817 199003 1 004")
PLAIN = cols(NO_COL, DATE_COL, ("kegiatan", "Uraian Kegiatan", 50), ("bukti", "Bukti Dukung", 22),
             ("status", "Ditindaklanjuti", 15), ("ket", "Keterangan", 24))
MASUK: dict[str, Sheet] = {  # the unit is set here; the inputs give it only as the notes say
    "rekap_trantib_2026.xlsx": Sheet(
        "Sheet1", UNITS[3], title("SEKSI KETENTRAMAN DAN KETERTIBAN UMUM"), 6, PLAIN,
        ACTS["masuk/rekap_trantib_2026.xlsx"], SHEETS[3].signer,
        "sheet 'Sheet1': the unit only from the title line"),
    "Rekap Kesos TW I.xlsx": Sheet(
        "Rekap", UNITS[5], ("REKAP KEGIATAN FASILITASI DAN KOORDINASI TRIWULAN I",
                            f"KECAMATAN GUCIALIT TAHUN {YEAR}"), 4, PLAIN,
        ACTS["masuk/Rekap Kesos TW I.xlsx"], CAMAT,
        "sheet 'Rekap', no unit in the title: the unit only from the file name"),
    "rekap_pelayanan_2026.csv": Sheet(  # only acts, unit and notes are used for a CSV
        "", UNITS[6], (), 1, PLAIN, ACTS["masuk/rekap_pelayanan_2026.csv"], CAMAT,
        "';' separated, UTF-8 with BOM, one-row header, dates dd/mm/yyyy text; the unit "
        "only from the file name"),
}


# --- Expected results ---------------------------------------------------------------------------

def markdown(expected: dict[str, dict[str, Any]]) -> str:
    out = [
        "# Expected results of the examples", "",
        "Generated by `make_examples.py` together with the inputs, from the activities in",
        "`kegiatan.txt` (do not edit by hand). Computed by construction from the contract",
        "(`rekap-format.md`), not by running `iku`: a row counts when its evidence is valid and",
        "it is not an exact duplicate of an earlier row (files in sorted path order, sheets in",
        "workbook order; the first copy keeps the credit). It is followed up only with an accepted",
        "yes word. Percentage = 100 x ditindaklanjuti / jumlah, rounded half-up to 2 decimals.",
        "", "Rows are 1-based Excel rows. The mistake lists hold every galat and peringatan that",
        "is expected (info-level problems are not listed). A CSV has no sheet (`null`",
        "in `expected.json`).", ""]
    for run, result in expected.items():
        out += [f"## `{run}`", "", "| Unit | Jumlah | Ditindaklanjuti | Persentase |",
                "|---|---:|---:|---:|"]
        for unit, c in [*result["unit"].items(), ("**Total**", result["total"])]:
            pct = "–" if c["persentase"] is None else f"{c['persentase']:.2f}"
            out.append(f"| {unit} | {c['jumlah']} | {c['ditindaklanjuti']} | {pct} |")
        out += ["", "| File | Sheet | Unit | Activity rows | Counted | Layout |",
                "|---|---|---|---:|---:|---|"]
        out += [f"| {s['file']} | {s['sheet'] or '–'} | {s['unit']} | {s['baris_kegiatan']} | "
                f"{s['terhitung']} | {s['layout'].replace('|', '&#124;')} |"
                for s in result["sheet"]]
        out += ["", "Deliberate mistakes:", "", "| File | Sheet | Row | Code | Severity | Value |",
                "|---|---|---:|---|---|---|"]
        for m in result["mistakes"]:
            value = f"`{m['value']}`" if m["value"] else "(empty)"
            if first := m.get("first_copy"):
                where = (first["file"], first["sheet"], "row", first["row"])
                value += "; first copy: " + " ".join(str(part) for part in where if part)
            out.append(f"| {m['file']} | {m['sheet'] or '–'} | {m['row']} | {m['code']} | "
                       f"{m['severity']} | {value} |")
        out.append("")
    return "\n".join(out)


def main() -> None:
    book = Tally()
    write_workbook(HERE / "rekap_gucialit_2026.xlsx", SHEETS, book)
    folder = Tally()
    (HERE / "masuk").mkdir(exist_ok=True)
    for name in sorted(MASUK):  # the order a folder is read in: the first copy keeps the credit
        spec = MASUK[name]
        if name.endswith(".csv"):
            write_csv(HERE / "masuk" / name, spec.acts, spec.unit, spec.notes, folder)
        else:
            write_workbook(HERE / "masuk" / name, [spec], folder)
    expected = {"rekap_gucialit_2026.xlsx": book.summary(), "masuk": folder.summary()}
    (HERE / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (HERE / "EXPECTED.md").write_text(markdown(expected), encoding="utf-8")
    for run, result in expected.items():
        print(f"{run}: {result['total']}, {len(result['mistakes'])} deliberate mistakes")


if __name__ == "__main__":
    main()
