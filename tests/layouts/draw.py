"""Draw rekap workbooks as plain data, together with their true counts by construction.

Written from the input contract (rekap-format.md) only. A workbook is first drawn as a *plan*
(tables, headings, activities, totals, footers: what a section typed and what it means), then
:func:`render` lays the plan out in cells and computes the truth from the plan, never from the
cells. The plan carries the meaning of every activity (its unit, evidence types, follow-up), so
the truth does not depend on parsing anything.

Two entry points draw plans: :func:`draw` takes a ``random.Random`` (seeded batches, no
hypothesis needed) and :func:`workbooks` is a hypothesis strategy (shrinks towards small, plain
layouts). Deterministic tests build plans by hand with the same dataclasses.

Only layouts a careful human reader counts unambiguously are drawn; every rule that keeps a case
out is marked "(ambiguous)" below.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from openpyxl.utils import get_column_letter

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

T = TypeVar("T")

# --------------------------------------------------------------------------------------------
# Vocabulary (from the contract's tables)
# --------------------------------------------------------------------------------------------

UNITS: tuple[str, ...] = (
    "Sekretariat Kecamatan",
    "Subbagian Umum dan Kepegawaian",
    "Subbagian Perencanaan dan Keuangan",
    "Seksi Pemerintahan",
    "Seksi Ketentraman dan Ketertiban Umum",
    "Seksi Pemberdayaan Masyarakat dan Desa",
    "Seksi Kesejahteraan Sosial",
    "Seksi Pelayanan Umum",
    "Seksi Ekonomi dan Pembangunan",
)
(SEKCAM, UMPEG, RENKEU, PEM, TRANTIB, PMD, KESOS, PELAYANAN, EKBANG) = UNITS

#: How a unit cell may name a unit (canonical name and the contract's "also written as").
UNIT_CELL: dict[str, tuple[str, ...]] = {
    SEKCAM: ("Sekretariat Kecamatan", "Sekretariat", "Sekcam"),
    UMPEG: ("Subbagian Umum dan Kepegawaian", "Umpeg", "Subbag Umpeg",
            "Sub Bagian Umum dan Kepegawaian"),
    RENKEU: ("Subbagian Perencanaan dan Keuangan", "Renkeu", "Subbag Renkeu"),
    PEM: ("Seksi Pemerintahan", "Pemerintahan", "Tapem", "Seksi Tata Pemerintahan",
          "Kasi Pemerintahan"),
    TRANTIB: ("Seksi Ketentraman dan Ketertiban Umum", "Trantib", "Trantibum",
              "Seksi Ketenteraman dan Ketertiban Umum"),
    PMD: ("Seksi Pemberdayaan Masyarakat dan Desa", "PMD", "Seksi PMD", "Pemberdayaan Masyarakat"),
    KESOS: ("Seksi Kesejahteraan Sosial", "Kesos", "Seksi Kesos"),
    PELAYANAN: ("Seksi Pelayanan Umum", "Pelayanan", "Pelum", "Seksi Pelayanan"),
    EKBANG: ("Seksi Ekonomi dan Pembangunan", "Ekbang", "Seksi Ekbang"),
}

#: How a unit heading row / a title line may name a unit.
UNIT_HEADING: dict[str, tuple[str, ...]] = {
    SEKCAM: ("Sekretariat Kecamatan", "SEKRETARIAT KECAMATAN", "SEKRETARIAT"),
    UMPEG: ("Subbagian Umum dan Kepegawaian", "SUBBAGIAN UMUM DAN KEPEGAWAIAN", "SUBBAG UMPEG"),
    RENKEU: ("Subbagian Perencanaan dan Keuangan", "SUBBAG RENKEU",
             "SUBBAGIAN PERENCANAAN DAN KEUANGAN"),
    PEM: ("Seksi Pemerintahan", "SEKSI PEMERINTAHAN"),
    TRANTIB: ("Seksi Ketentraman dan Ketertiban Umum", "SEKSI KETENTRAMAN DAN KETERTIBAN UMUM",
              "SEKSI TRANTIB"),
    PMD: ("Seksi Pemberdayaan Masyarakat dan Desa", "SEKSI PMD",
          "SEKSI PEMBERDAYAAN MASYARAKAT DAN DESA"),
    KESOS: ("Seksi Kesejahteraan Sosial", "SEKSI KESEJAHTERAAN SOSIAL", "SEKSI KESOS"),
    PELAYANAN: ("Seksi Pelayanan Umum", "SEKSI PELAYANAN UMUM", "SEKSI PELAYANAN"),
    EKBANG: ("Seksi Ekonomi dan Pembangunan", "SEKSI EKONOMI DAN PEMBANGUNAN", "SEKSI EKBANG"),
}

#: One-word names for sheet and file names.
UNIT_SHORT: dict[str, tuple[str, ...]] = {
    SEKCAM: ("Sekretariat", "Sekcam"),
    UMPEG: ("Umpeg",),
    RENKEU: ("Renkeu",),
    PEM: ("Pemerintahan", "Tapem"),
    TRANTIB: ("Trantib", "Trantibum"),
    PMD: ("PMD",),
    KESOS: ("Kesos",),
    PELAYANAN: ("Pelayanan", "Pelum"),
    EKBANG: ("Ekbang",),
}

_UNIT_BY_CELL: dict[str, str] = {v: u for u, vs in UNIT_CELL.items() for v in vs}

TYPES: tuple[str, ...] = (
    "Rapat Koordinasi", "Dokumen/Laporan", "SK Camat", "Rekomendasi", "Berita Acara")
RAKOR, DOKLAP, SK, REKOM, BA = TYPES
SHORT_TYPE: dict[str, str] = {RAKOR: "Rakor", DOKLAP: "DokLap", SK: "SK", REKOM: "Rekom",
                              BA: "BA"}


@dataclass(frozen=True)
class Ev:
    """An evidence cell as typed, and what it means."""

    text: str | None
    types: frozenset[str]
    warn: bool = False  # valid, plus a peringatan (a piece that is no type)


def _ev(text: str | None, *types: str, warn: bool = False) -> Ev:
    return Ev(text, frozenset(types), warn)


EV_SIMPLE: tuple[Ev, ...] = (
    _ev("Rakor", RAKOR), _ev("Berita Acara", BA), _ev("Rapat Koordinasi", RAKOR),
    _ev("RAKOR", RAKOR), _ev("rakor", RAKOR), _ev("Rapat", RAKOR), _ev("Notulen", RAKOR),
    _ev("Notulen Rapat", RAKOR), _ev("Rakor.", RAKOR), _ev("  Rakor  ", RAKOR),
    _ev("Dokumen/Laporan", DOKLAP), _ev("Dokumen", DOKLAP), _ev("Laporan", DOKLAP),
    _ev("Dokumen Laporan", DOKLAP), _ev("Dok/Lap", DOKLAP), _ev("Dok", DOKLAP),
    _ev("LAPORAN", DOKLAP),
    _ev("SK Camat", SK), _ev("SK", SK), _ev("Surat Keputusan Camat", SK),
    _ev("Keputusan Camat", SK), _ev("sk camat", SK),
    _ev("Rekomendasi", REKOM), _ev("Rekom", REKOM), _ev("Surat Rekomendasi", REKOM),
    _ev("REKOMENDASI", REKOM),
    _ev("BA", BA), _ev("B.A.", BA), _ev("ba", BA), _ev("berita acara", BA),
    _ev("BERITA ACARA", BA), _ev("Berita  Acara", BA),
)
EV_DESCRIBED: tuple[Ev, ...] = (
    _ev("Berita Acara Musdes", BA), _ev("SK Camat No. 12/2026", SK),
    _ev("Laporan Kegiatan", DOKLAP), _ev("Rakor Lintas Sektor", RAKOR),
    _ev("Surat Rekomendasi Camat", REKOM), _ev("Berita Acara Serah Terima", BA),
    _ev("Rapat Koordinasi Desa", RAKOR),
)
EV_NOTED: tuple[Ev, ...] = (
    _ev("BA (terlampir)", BA), _ev("Rakor (daring)", RAKOR), _ev("1. Rakor\n2. BA", RAKOR, BA),
    _ev("- Rakor\n- BA", RAKOR, BA), _ev("BA. Musdes", BA), _ev("Lap. Kegiatan", DOKLAP),
    _ev("1. Rapat Koordinasi\n2. Berita Acara\n3. SK Camat", RAKOR, BA, SK),
    _ev("- Dokumen\n- Rekomendasi", DOKLAP, REKOM), _ev("SK Camat (asli)", SK),
)
EV_WARN: tuple[Ev, ...] = (
    _ev("Rakor/Foto", RAKOR, warn=True), _ev("Rakor, Foto", RAKOR, warn=True),
    _ev("BA, Daftar Hadir", BA, warn=True), _ev("SK Camat dan Undangan", SK, warn=True),
    _ev("Berita Acara; Foto", BA, warn=True),
)
EV_GALAT: tuple[Ev, ...] = (
    _ev("Foto"), _ev("Daftar Hadir"), _ev(None), _ev("Undangan"), _ev("terlampir"), _ev("ada"),
    _ev("Berita Acra"), _ev("SK Kepala Desa"), _ev("Rapat internal"), _ev("IMG_2041.jpg"),
)
#: Pieces to join into a several-types cell; "/" joins only pieces without "/" of their own.
EV_PIECES: dict[str, tuple[str, ...]] = {
    RAKOR: ("Rakor", "Rapat Koordinasi", "Notulen"),
    DOKLAP: ("Dokumen", "Laporan", "Dokumen/Laporan"),
    SK: ("SK Camat", "SK"),
    REKOM: ("Rekomendasi", "Rekom"),
    BA: ("BA", "Berita Acara"),
}
EV_SEPARATORS: tuple[str, ...] = (", ", "; ", " & ", " + ", "\n", " dan ", ",", "/")

#: Tick column headers per type (any spelling of the type).
TICK_HEADS: dict[str, tuple[str, ...]] = {
    RAKOR: ("Rakor", "Rapat Koordinasi", "Notulen"),
    DOKLAP: ("Dok/Lap", "Dokumen/Laporan", "Laporan"),
    SK: ("SK", "SK Camat", "Keputusan Camat"),
    REKOM: ("Rekom", "Rekomendasi"),
    BA: ("BA", "Berita Acara", "B.A."),
}
TICK_MARKS: tuple[Any, ...] = ("✓", "√", "v", "V", "x", "X", 1, "1", "ya")
#: Ya | Tidak ticks: "x" and "ya" are left out (an "x" under "Ya" may read as "no"; ambiguous).
YT_MARKS: tuple[Any, ...] = ("✓", "√", "v", "V", 1)

STATUS_YES: tuple[Any, ...] = (
    "Ya", "ya", "YA", "Y", "y", "Sudah", "SUDAH", "sdh", "Sdh.", "Selesai", "Tuntas",
    "Ditindaklanjuti", "Sudah Ditindaklanjuti", "✓", "√", "v", "V", 1, "1", True, "Ya.",
    "Sudah!", " ya ",
)
STATUS_NO: tuple[Any, ...] = (
    "Tidak", "tidak", "T", "Belum", "BELUM", "blm", "Proses", "Dalam Proses",
    "Belum Ditindaklanjuti", "-", 0, "0", False, "Belum.",
)

HEADS: dict[str, tuple[str, ...]] = {
    "no": ("No", "No.", "NO", "No Urut", "Nomor"),
    "tanggal": ("Tanggal", "Tgl", "Tanggal Kegiatan", "Tanggal Pelaksanaan", "Waktu",
                "Hari/Tanggal", "Tgl.", "Tanggal Kegiatan (dd/mm/yyyy)"),
    "unit": ("Seksi", "Subbagian", "Sub Bagian", "Unit Kerja", "Unit", "Bidang",
             "Seksi/Subbagian", "Pelaksana"),
    "kegiatan": ("Uraian Kegiatan", "Kegiatan", "Nama Kegiatan", "Uraian",
                 "Uraian Fasilitasi dan Koordinasi", "Uraian\nKegiatan", "Nama  Kegiatan"),
    "bukti": ("Jenis Bukti Dukung", "Bukti Dukung", "Jenis Bukti", "Bukti", "Bukti Pendukung",
              "Jenis\nBukti Dukung"),
    "nomor": ("Nomor Bukti", "No Bukti", "Nomor Dokumen", "Nomor Surat", "Nomor SK"),
    "status": ("Ditindaklanjuti", "Ditindak Lanjuti", "Tindak Lanjut", "Status Tindak Lanjut",
               "Status", "Ditindaklanjuti (Ya/Tidak)", "Status\nTindak Lanjut"),
    "hasil": ("Hasil Tindak Lanjut", "Hasil", "Output", "Keluaran"),
    "ket": ("Keterangan", "Ket", "Ket.", "Catatan", "Keterangan:"),
    "decoy": ("Status Kegiatan",),
}
EV_GROUPS: tuple[str, ...] = ("Bukti Dukung", "BUKTI DUKUNG", "Bukti")
TL_GROUPS: tuple[str, ...] = ("Tindak Lanjut", "Ditindaklanjuti", "TINDAK LANJUT")
DECOY_VALUES: tuple[str, ...] = ("Terlaksana", "Dilaksanakan")

HASIL: tuple[str, ...] = (
    "Kesepakatan jadwal", "Data terverifikasi", "Terbit keputusan", "Sengketa selesai",
    "Usulan diteruskan ke kabupaten", "Tertangani", "Dana tersalur",
)
VILLAGES: tuple[str, ...] = (
    "Sombo", "Pakel", "Gucialit", "Dadapan", "Jeruk", "Kenongo", "Kertowono", "Tunjung",
    "Wonokerto",
)
ACTIVITIES: tuple[str, ...] = (
    "Koordinasi penanganan stunting", "Fasilitasi Musrenbang", "Koordinasi penyaluran BLT-DD",
    "Verifikasi DTKS", "Fasilitasi penyelesaian sengketa batas", "Monitoring Dana Desa",
    "Koordinasi pengamanan Idul Fitri", "Fasilitasi pembentukan Karang Taruna",
    "Pembinaan administrasi desa", "Koordinasi penanganan longsor",
    "Sosialisasi perda ketertiban", "Fasilitasi penyusunan APBDes", "Evaluasi RKPDes",
    "Koordinasi vaksinasi ternak", "Fasilitasi pelatihan BUMDes", "Koordinasi posyandu lansia",
    "Pendataan lansia", "Penertiban PKL pasar", "Fasilitasi izin keramaian",
    "Koordinasi pengelolaan sampah", "Fasilitasi pilkades antarwaktu",
    "Pengawasan pupuk bersubsidi", "Pembinaan linmas", "Fasilitasi pembangunan jalan usaha tani",
)
#: Activities whose text starts with a total word; they carry evidence/status, so they count.
TOTAL_WORD_ACTIVITIES: tuple[str, ...] = (
    "Rekapitulasi data penduduk", "Jumlah penerima bantuan diverifikasi",
    "Total luas lahan terdampak banjir", "Rekapitulasi usulan Musrenbang",
    "Jumlah KPM PKH dimutakhirkan", "Total produksi padi didata",
)
TITLES: tuple[str, ...] = (
    "REKAPITULASI FASILITASI DAN KOORDINASI", "Rekap Kegiatan Fasilitasi dan Koordinasi",
    "DATA FASILITASI DAN KOORDINASI KECAMATAN",
)
GENERIC_SHEETS: tuple[str, ...] = (
    "Sheet1", "Rekap", "Data", "Lembar1", "Sheet", "Rekapitulasi", "Rekap 2026", "TW I",
    "Triwulan I", "Data 2026", "Maret", "2026",
)
GENERIC_FILES: tuple[str, ...] = ("rekap.xlsx", "rekap_2026.xlsx", "Rekapitulasi 2026.xlsx")
NAMES: tuple[str, ...] = (
    "Drs. SUTRISNO, M.Si", "HARIYANTO, S.Sos", "SITI AMINAH, S.E.", "BAMBANG WIJAYA, S.IP",
)
NIPS: tuple[str, ...] = (
    "NIP. 19700101 199003 1 005", "NIP 19751212 200003 2 001", "NIP. 19800505 200501 1 012",
)

MONTHS_ID: tuple[str, ...] = (
    "", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember")
MONTHS_ID_SHORT: tuple[tuple[str, ...], ...] = (
    (), ("Jan",), ("Feb",), ("Mar",), ("Apr",), ("Mei",), ("Jun",), ("Jul",),
    ("Agu", "Agt", "Ags"), ("Sep", "Sept"), ("Okt",), ("Nov", "Nop"), ("Des",))
MONTHS_EN: tuple[str, ...] = tuple(calendar.month_name)
MONTHS_EN_SHORT: tuple[str, ...] = tuple(calendar.month_abbr)
DAYS_ID: tuple[str, ...] = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
ROMAN: tuple[str, ...] = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
LETTERS: tuple[str, ...] = tuple("ABCDEFGHIJ")
YEAR = 2026


class GeneratorError(AssertionError):
    """A plan that would not be counted unambiguously (a bug in the generator or a hand plan)."""


# --------------------------------------------------------------------------------------------
# The plan
# --------------------------------------------------------------------------------------------

FIELDS = ("no", "tanggal", "unit", "kegiatan", "bukti", "tick", "nomor", "status", "ya", "tidak",
          "hasil", "ket", "decoy")


@dataclass(frozen=True)
class Col:
    """One column of a table: its field, header text and (two-row headers) its group cell."""

    field: str
    head: str
    group: str | None = None  # group cell text above ``head`` (two-row headers only)
    type: str | None = None  # the evidence type of a tick column


@dataclass(frozen=True)
class Layout:
    """Columns and header shape of one table."""

    cols: tuple[Col, ...]
    two_row: bool = False
    merge_singles: bool = True  # two-row: a single column's header merged down over both rows
    merge_groups: bool = True  # two-row: a group cell merged across its sub-columns
    number_row: str | None = None  # None | "paren" ("(1) (2) …") | "plain" (1 2 …) | "text"

    def index(self, fld: str) -> int:
        for i, col in enumerate(self.cols):
            if col.field == fld:
                return i
        raise KeyError(fld)

    def has(self, fld: str) -> bool:
        return any(col.field == fld for col in self.cols)

    @property
    def tick_types(self) -> tuple[str, ...]:
        return tuple(c.type for c in self.cols if c.field == "tick" and c.type)

    @property
    def width(self) -> int:
        return len(self.cols)


@dataclass
class Act:
    """One activity row: what is typed and what it means."""

    text: str
    unit: str  # canonical unit this row belongs to (truth)
    date: Any  # the date cell as typed
    ev: Ev = field(default_factory=lambda: _ev("Rakor", RAKOR))  # text-evidence layouts
    marks: dict[str, Any] = field(default_factory=dict)  # tick layouts: type -> mark
    followed: bool = True
    status: Any = "Ya"  # text status cell
    yt_mark: Any = "✓"  # Ya | Tidak layouts: the mark in the ticked column
    unit_cell: str | None = None  # the unit column's cell (None = blank, fills down)
    hasil: str | None = None
    nomor: str | None = None
    ket: str | None = None
    decoy: str = "Terlaksana"
    hidden: bool = False
    blank_mark: Any = None  # how an unticked tick cell is written (None or "-")

    def types(self, layout: Layout) -> frozenset[str]:
        if layout.has("tick"):
            return frozenset(self.marks)
        return self.ev.types

    def warns(self, layout: Layout) -> bool:
        return not layout.has("tick") and self.ev.warn and bool(self.ev.types)


@dataclass(frozen=True)
class Heading:
    """A unit heading row: ``form`` is how prefix and name are typed."""

    unit: str
    name: str
    label: str = "A"
    #: two_cells "A." | name; pipe_two "A" | name; dotted "A. NAME"; paren "A) NAME";
    #: dash "A - NAME"; pipe_cell "A | NAME" (one cell); bare "NAME"; merged: dotted, merged
    #: across the table width.
    form: str = "two_cells"
    place: str = "first"  # first | kegiatan (one-cell forms only)


@dataclass(frozen=True)
class Section:
    """A section row that names no unit (TRIWULAN I, a month)."""

    text: str
    place: str = "first"  # first | kegiatan | merged


@dataclass(frozen=True)
class Blank:
    """A blank row between activities."""


Item = Act | Heading | Section | Blank


@dataclass(frozen=True)
class VMerge:
    """A data cell merged down over ``count`` consecutive activities from ``start`` (body index)."""

    field: str  # tanggal | unit | bukti
    start: int
    count: int


@dataclass(frozen=True)
class Total:
    """A total row: label in the kegiatan column (or merged from the first column up to it)."""

    label: str = "JUMLAH"
    number: int | None = None  # the number of activities listed in the table
    place: str = "kegiatan"  # kegiatan | merged


@dataclass
class Table:
    layout: Layout
    body: list[Item]
    heading: Heading | None = None  # unit heading above the header
    heading_gap: int = 0  # blank rows between heading and header
    total: Total | None = None
    merges: list[VMerge] = field(default_factory=list)
    gap_after: int = 1  # blank rows before the next table


@dataclass(frozen=True)
class Title:
    lines: tuple[str, ...]
    merged: bool = False
    gap_after: int = 1


@dataclass(frozen=True)
class Footer:
    """Signature blocks: (table column index, lines) typed from the same row; None = blank."""

    blocks: tuple[tuple[int, tuple[str | None, ...]], ...]
    gap_before: int = 1


@dataclass
class SheetPlan:
    name: str
    tables: list[Table] = field(default_factory=list)
    title: Title | None = None
    top_blank: int = 0
    start_col: int = 1
    footer: Footer | None = None
    #: The unit of rows that no unit cell or heading names, from the title line, sheet name or
    #: file name (``fallback_source``).
    fallback_unit: str | None = None
    fallback_source: str | None = None  # title | sheet | file
    #: A sheet that holds no table (cover, lookup list): these rows verbatim.
    plain_rows: list[list[Any]] | None = None


@dataclass
class WorkbookPlan:
    file_name: str
    sheets: list[SheetPlan]
    tahun: int | None = None  # pass Options(tahun=...) (year for dates typed without one)
    file_unit: str | None = None  # the unit the file name names


# --------------------------------------------------------------------------------------------
# Rendering and truth
# --------------------------------------------------------------------------------------------

Cell = tuple[int, int]
Merge = tuple[int, int, int, int]  # first row, first col, last row, last col (1-based)


@dataclass(frozen=True)
class RowTruth:
    sheet: str
    row: int
    unit: str
    types: frozenset[str]
    followed: bool
    warn: bool
    text: str


@dataclass
class DrawnSheet:
    name: str
    cells: dict[Cell, Any]
    merges: list[Merge]
    hidden_rows: set[int]
    rows: list[RowTruth]


@dataclass
class Truth:
    jumlah: int
    ditindaklanjuti: int
    unit: dict[str, tuple[int, int]]  # canonical -> (jumlah, ditindaklanjuti), contract order
    bukti: dict[str, int]  # types with a non-zero count
    galat: set[tuple[str, int]]  # (sheet, Excel row) of activity rows that must be galat
    peringatan: set[tuple[str, int]]  # (sheet, row) of planted peringatan rows


@dataclass
class DrawnWorkbook:
    file_name: str
    sheets: list[DrawnSheet]
    truth: Truth
    tahun: int | None = None
    plan: WorkbookPlan | None = None

    def dump(self) -> str:
        return dump(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # hypothesis' pretty printer
        printer.text(repr(self))

    def __repr__(self) -> str:  # printed for a failing example; the assertion shows dump()
        t = self.truth
        return (f"DrawnWorkbook({self.file_name!r}, sheets={[s.name for s in self.sheets]}, "
                f"total={t.jumlah}/{t.ditindaklanjuti})")


def _canon_unit_cell(value: str) -> str:
    try:
        return _UNIT_BY_CELL[value]
    except KeyError:
        raise GeneratorError(f"unit cell {value!r} is no known spelling") from None


def _heading_cells(h: Heading, layout: Layout) -> list[tuple[int, str]]:
    if h.form == "two_cells":
        return [(0, f"{h.label}."), (1, h.name)]
    if h.form == "pipe_two":
        return [(0, h.label), (1, h.name)]
    text = {
        "dotted": f"{h.label}. {h.name}", "merged": f"{h.label}. {h.name}",
        "paren": f"{h.label}) {h.name}", "dash": f"{h.label} - {h.name}",
        "pipe_cell": f"{h.label} | {h.name}", "bare": h.name,
    }[h.form]
    col = layout.index("kegiatan") if h.place == "kegiatan" else 0
    return [(col, text)]


class _Canvas:
    def __init__(self, name: str) -> None:
        self.name = name
        self.cells: dict[Cell, Any] = {}
        self.merges: list[Merge] = []
        self.hidden: set[int] = set()

    def put(self, row: int, col: int, value: Any) -> None:
        if value is None or value == "":
            return
        if (row, col) in self.cells:
            raise GeneratorError(f"{self.name}: cell {get_column_letter(col)}{row} written twice")
        self.cells[(row, col)] = value

    def merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        if (r1, c1) == (r2, c2):
            return
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1) and (r, c) in self.cells:
                    raise GeneratorError(f"{self.name}: merge over a filled cell at {r},{c}")
        self.merges.append((r1, c1, r2, c2))


def _render_header(cv: _Canvas, row: int, c0: int, layout: Layout) -> int:
    cols = layout.cols
    if not layout.two_row:
        for i, col in enumerate(cols):
            if col.group:
                raise GeneratorError("a group cell in a one-row header")
            cv.put(row, c0 + i, col.head)
        return row + 1
    if not any(col.group for col in cols):
        raise GeneratorError("a two-row header without a group cell")
    i = 0
    while i < len(cols):
        col = cols[i]
        if col.group:
            j = i
            while j < len(cols) and cols[j].group == col.group:
                j += 1
            cv.put(row, c0 + i, col.group)
            for k in range(i, j):
                cv.put(row + 1, c0 + k, cols[k].head)
            if layout.merge_groups and j - i > 1:
                cv.merge(row, c0 + i, row, c0 + j - 1)
            i = j
        else:
            cv.put(row, c0 + i, col.head)
            if layout.merge_singles:
                cv.merge(row, c0 + i, row + 1, c0 + i)
            i += 1
    return row + 2


def _act_cells(act: Act, layout: Layout, number: int) -> list[Any]:
    values: list[Any] = []
    for col in layout.cols:
        f = col.field
        value: Any = None
        if f == "no":
            value = number
        elif f == "tanggal":
            value = act.date
        elif f == "unit":
            value = act.unit_cell
        elif f == "kegiatan":
            value = act.text
        elif f == "bukti":
            value = act.ev.text
        elif f == "tick":
            value = act.marks.get(col.type or "", act.blank_mark)
        elif f == "nomor":
            value = act.nomor
        elif f == "status":
            value = act.status
        elif f == "ya":
            value = act.yt_mark if act.followed else act.blank_mark
        elif f == "tidak":
            value = act.blank_mark if act.followed else act.yt_mark
        elif f == "hasil":
            value = act.hasil
        elif f == "ket":
            value = act.ket
        elif f == "decoy":
            value = act.decoy
        values.append(value)
    return values


def status_says(value: Any) -> bool | None:
    """What a status cell of the contract's lists says (None: not in the lists)."""
    if isinstance(value, bool):
        return value
    if value in STATUS_YES:
        return True
    if value in STATUS_NO:
        return False
    return None


def _check_act(act: Act, layout: Layout, where: str) -> None:
    if layout.has("tick"):
        extra = set(act.marks) - set(layout.tick_types)
        if extra:
            raise GeneratorError(f"{where}: ticks for types without a column: {extra}")
    elif act.marks:
        raise GeneratorError(f"{where}: ticks in a text-evidence layout")
    if layout.has("hasil") and act.followed and not act.hasil:
        raise GeneratorError(f"{where}: followed up without hasil (a peringatan)")
    if not layout.has("ya") and not layout.has("status"):
        raise GeneratorError(f"{where}: no status column")
    if layout.has("status") and status_says(act.status) is not act.followed:
        raise GeneratorError(f"{where}: status {act.status!r} does not say {act.followed}")
    if act.date is None:
        raise GeneratorError(f"{where}: no date (a peringatan)")


def render(plan: WorkbookPlan) -> DrawnWorkbook:
    """Lay a plan out in cells; the truth comes from the plan (checked for consistency)."""
    sheets: list[DrawnSheet] = []
    galat: set[tuple[str, int]] = set()
    warn: set[tuple[str, int]] = set()
    per_unit: dict[str, list[int]] = {}
    bukti: dict[str, int] = {}
    names = [s.name for s in plan.sheets]
    if len(set(names)) != len(names):
        raise GeneratorError(f"duplicate sheet names {names}")
    texts: set[str] = set()
    for sp in plan.sheets:
        drawn = _render_sheet(sp, plan)
        sheets.append(drawn)
        for rt in drawn.rows:
            key = " ".join(rt.text.lower().split())
            if key in texts:
                raise GeneratorError(f"activity text {rt.text!r} twice")
            texts.add(key)
            counts = per_unit.setdefault(rt.unit, [0, 0])
            if not rt.types:
                galat.add((rt.sheet, rt.row))
                continue
            counts[0] += 1
            counts[1] += int(rt.followed)
            for t in rt.types:
                bukti[t] = bukti.get(t, 0) + 1
            if rt.warn:
                warn.add((rt.sheet, rt.row))
    unit = {u: (per_unit[u][0], per_unit[u][1]) for u in UNITS if u in per_unit}
    truth = Truth(
        jumlah=sum(j for j, _ in unit.values()),
        ditindaklanjuti=sum(d for _, d in unit.values()),
        unit=unit,
        bukti={t: bukti[t] for t in TYPES if bukti.get(t)},
        galat=galat,
        peringatan=warn,
    )
    return DrawnWorkbook(plan.file_name, sheets, truth, plan.tahun, plan)


def _render_sheet(sp: SheetPlan, plan: WorkbookPlan) -> DrawnSheet:
    cv = _Canvas(sp.name)
    rows: list[RowTruth] = []
    if sp.plain_rows is not None:
        for r, values in enumerate(sp.plain_rows, start=1):
            for c, value in enumerate(values, start=1):
                cv.put(r, c, value)
        return DrawnSheet(sp.name, cv.cells, cv.merges, cv.hidden, rows)
    _check_fallback(sp, plan)
    c0 = sp.start_col
    row = 1 + sp.top_blank
    width0 = sp.tables[0].layout.width if sp.tables else 1
    if sp.title:
        for line in sp.title.lines:
            cv.put(row, c0, line)
            if sp.title.merged and line:
                cv.merge(row, c0, row, c0 + width0 - 1)
            row += 1
        row += sp.title.gap_after
    headed = False
    heading_unit: str | None = None  # the last unit heading on the sheet
    for ti, table in enumerate(sp.tables):
        layout = table.layout
        w = layout.width
        if table.heading:
            row = _render_heading(cv, row, c0, table.heading, layout)
            row += table.heading_gap
            heading_unit = table.heading.unit
        table_has_heading = table.heading is not None or any(
            isinstance(it, Heading) for it in table.body)
        if headed and not table_has_heading and not layout.has("unit"):
            # (ambiguous) whether a heading of an earlier table carries over
            raise GeneratorError(f"{sp.name}: table {ti + 1} without its own unit after a heading")
        headed = headed or table_has_heading
        if not table_has_heading and not layout.has("unit"):
            if sp.fallback_unit is None:
                raise GeneratorError(f"{sp.name}: table {ti + 1} has no unit")
            if sp.fallback_source == "title" and ti > 0:
                raise GeneratorError("(ambiguous) a title unit line for a later stacked table")
        row = _render_header(cv, row, c0, layout)
        if layout.number_row:
            for i in range(w):
                label = {"paren": f"({i + 1})", "text": str(i + 1)}.get(layout.number_row, i + 1)
                cv.put(row, c0 + i, label)
            row += 1
        act_rows: dict[int, int] = {}
        context = table.heading.unit if table.heading else sp.fallback_unit
        fill: str | None = None
        number = 0
        listed = 0
        for idx, item in enumerate(table.body):
            if isinstance(item, Blank):
                row += 1
            elif isinstance(item, Heading):
                if layout.has("unit"):
                    raise GeneratorError("(ambiguous) an in-table unit heading with a unit column")
                if item.place == "kegiatan" and layout.has("no"):
                    raise GeneratorError("(ambiguous) a lone heading in kegiatan of a numbered "
                                         "table may read as a continuation row")
                row = _render_heading(cv, row, c0, item, layout)
                context = item.unit
                heading_unit = item.unit
            elif isinstance(item, Section):
                if item.place == "kegiatan" and layout.has("no"):
                    raise GeneratorError("(ambiguous) a lone section text in kegiatan of a "
                                         "numbered table may read as a continuation row")
                col = layout.index("kegiatan") if item.place == "kegiatan" else 0
                cv.put(row, c0 + col, item.text)
                if item.place == "merged":
                    cv.merge(row, c0, row, c0 + w - 1)
                row += 1
            else:
                number += 1
                listed += 1
                where = f"{sp.name}!{row}"
                _check_act(item, layout, where)
                if layout.has("unit"):
                    if item.unit_cell is not None:
                        fill = _canon_unit_cell(item.unit_cell)
                    if fill is None:
                        raise GeneratorError(f"{where}: blank unit cell with nothing above")
                    if item.unit_cell is None and heading_unit not in (None, fill):
                        # fill-down vs "a unit section row sets the unit until the next one"
                        raise GeneratorError(f"{where}: (ambiguous) a blank unit cell under a "
                                             f"heading of {heading_unit}")
                    unit = fill
                else:
                    if context is None:
                        raise GeneratorError(f"{where}: no unit")
                    unit = context
                if unit != item.unit:
                    raise GeneratorError(f"{where}: typed unit {unit} but truth {item.unit}")
                for i, value in enumerate(_act_cells(item, layout, number)):
                    cv.put(row, c0 + i, value)
                if item.hidden:
                    cv.hidden.add(row)
                act_rows[idx] = row
                rows.append(RowTruth(sp.name, row, item.unit, item.types(layout), item.followed,
                                     item.warns(layout), item.text))
                row += 1
        for vm in table.merges:
            _apply_vmerge(cv, c0, table, vm, act_rows)
        if table.total:
            tot = table.total
            k = layout.index("kegiatan")
            if tot.number is not None:
                galat_rows = [it for it in table.body
                              if isinstance(it, Act) and not it.types(layout)]
                if galat_rows:
                    raise GeneratorError("(ambiguous) a JUMLAH number in a table with galat rows")
                if tot.number != listed:
                    raise GeneratorError(f"JUMLAH says {tot.number}, {listed} listed")
                if k + 1 >= w:
                    raise GeneratorError("no column for the JUMLAH number")
            if tot.place == "merged" and k > 0:
                cv.put(row, c0, tot.label)
                cv.merge(row, c0, row, c0 + k)
            else:
                cv.put(row, c0 + k, tot.label)
            if tot.number is not None:
                cv.put(row, c0 + k + 1, tot.number)
            row += 1
        elif ti < len(sp.tables) - 1:
            # (ambiguous) without a total row the next header is a "repeated header row"
            raise GeneratorError(f"{sp.name}: stacked table {ti + 1} without a total row")
        if ti < len(sp.tables) - 1:
            row += table.gap_after
    if sp.footer:
        row += sp.footer.gap_before
        last = sp.tables[-1].layout
        for ci, lines in sp.footer.blocks:
            if ci >= last.width:
                raise GeneratorError("footer column outside the table")
            for k, line in enumerate(lines):
                if line is not None:
                    cv.put(row + k, c0 + ci, line)
    return DrawnSheet(sp.name, cv.cells, cv.merges, cv.hidden, rows)


def _render_heading(cv: _Canvas, row: int, c0: int, h: Heading, layout: Layout) -> int:
    for col, text in _heading_cells(h, layout):
        cv.put(row, c0 + col, text)
    if h.form == "merged":
        cv.merge(row, c0, row, c0 + layout.width - 1)
    return row + 1


def _apply_vmerge(cv: _Canvas, c0: int, table: Table, vm: VMerge,
                  act_rows: dict[int, int]) -> None:
    idxs = list(range(vm.start, vm.start + vm.count))
    if vm.count < 2 or any(i not in act_rows for i in idxs):
        raise GeneratorError(f"merge {vm} not over consecutive activities")
    rows = [act_rows[i] for i in idxs]
    if rows != list(range(rows[0], rows[0] + vm.count)):
        raise GeneratorError(f"merge {vm} over non-adjacent rows")
    acts = [table.body[i] for i in idxs]
    assert all(isinstance(a, Act) for a in acts)
    first = acts[0]
    assert isinstance(first, Act)
    for a in acts:
        assert isinstance(a, Act)
        if a.hidden:
            raise GeneratorError("merge over a hidden row")
        same = {"tanggal": a.date == first.date, "unit": a.unit_cell == first.unit_cell,
                "bukti": a.ev == first.ev}[vm.field]
        if not same:
            raise GeneratorError(f"merge {vm}: rows typed differently")
        if vm.field == "bukti" and (not a.ev.types or a.ev.warn):
            raise GeneratorError("merge over a galat/peringatan evidence cell")
    col = c0 + table.layout.index(vm.field)
    for r in rows[1:]:
        cv.cells.pop((r, col), None)
    cv.merge(rows[0], col, rows[-1], col)


def _check_fallback(sp: SheetPlan, plan: WorkbookPlan) -> None:
    if sp.fallback_unit is None:
        return
    u = sp.fallback_unit
    if sp.fallback_source == "title":
        names = {n.upper() for n in UNIT_HEADING[u]}
        if not sp.title or not any(any(n in line.upper() for n in names)
                                   for line in sp.title.lines):
            raise GeneratorError(f"{sp.name}: no title line names {u}")
    elif sp.fallback_source == "sheet":
        if not any(a.lower() in sp.name.lower() for a in UNIT_SHORT[u]):
            raise GeneratorError(f"{sp.name}: sheet name does not name {u}")
    elif sp.fallback_source == "file":
        if plan.file_unit != u:
            raise GeneratorError(f"{sp.name}: file name does not name {u}")
        if sp.name not in GENERIC_SHEETS:
            raise GeneratorError(f"{sp.name}: file-name unit under a non-generic sheet name")
    else:
        raise GeneratorError(f"{sp.name}: fallback unit without a source")


# --------------------------------------------------------------------------------------------
# Dump (assertion messages)
# --------------------------------------------------------------------------------------------


def _short(value: Any, limit: int = 28) -> str:
    if isinstance(value, dt.datetime | dt.date):
        text = f"<{value.isoformat()[:10]}>"
    elif isinstance(value, str):
        text = repr(value)
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def dump(wb: DrawnWorkbook) -> str:
    """A compact text picture of every sheet with the truth of each activity row."""
    out = [f"file {wb.file_name!r}" + (f" (Options tahun={wb.tahun})" if wb.tahun else "")]
    for sheet in wb.sheets:
        out.append(f"== sheet {sheet.name!r} ==")
        by_row: dict[int, list[tuple[int, Any]]] = {}
        for (r, c), v in sheet.cells.items():
            by_row.setdefault(r, []).append((c, v))
        truths = {rt.row: rt for rt in sheet.rows}
        last = max([*by_row, 0])
        for r in range(1, last + 1):
            cells = sorted(by_row.get(r, []))
            hid = "h" if r in sheet.hidden_rows else " "
            body = " | ".join(f"{get_column_letter(c)}={_short(v)}" for c, v in cells)
            note = ""
            if r in truths:
                rt = truths[r]
                if rt.types:
                    kinds = "+".join(SHORT_TYPE[t] for t in TYPES if t in rt.types)
                    note = (f"   # {UNIT_SHORT[rt.unit][0]} [{kinds}] "
                            f"{'ya' if rt.followed else 'tidak'}{' WARN' if rt.warn else ''}")
                else:
                    note = f"   # {UNIT_SHORT[rt.unit][0]} GALAT"
            if body or note:
                out.append(f"{r:>3}{hid} {body}{note}")
        if sheet.merges:
            out.append("   merges: " + ", ".join(
                f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"
                for r1, c1, r2, c2 in sheet.merges))
    t = wb.truth
    out.append(f"expected total {t.jumlah}/{t.ditindaklanjuti}, unit {t.unit}, bukti {t.bukti}, "
               f"galat {sorted(t.galat)}, peringatan {sorted(t.peringatan)}")
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# Drawing plans
# --------------------------------------------------------------------------------------------


class Chooser(Protocol):
    def integer(self, lo: int, hi: int) -> int: ...

    def choice(self, options: Sequence[T]) -> T: ...

    def chance(self, p: float) -> bool: ...


class RandomChooser:
    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd

    def integer(self, lo: int, hi: int) -> int:
        return self.rnd.randint(lo, hi)

    def choice(self, options: Sequence[T]) -> T:
        return options[self.rnd.randrange(len(options))]

    def chance(self, p: float) -> bool:
        return self.rnd.random() < p


class HypothesisChooser:
    """Draws through hypothesis; every choice shrinks towards the first option / "no"."""

    def __init__(self, draw: Callable[[Any], Any]) -> None:
        self._draw = draw

    def integer(self, lo: int, hi: int) -> int:
        from hypothesis import strategies as st

        return int(self._draw(st.integers(lo, hi)))

    def choice(self, options: Sequence[T]) -> T:
        return options[self.integer(0, len(options) - 1)]

    def chance(self, p: float) -> bool:
        return self.integer(0, 99) >= 100 - round(p * 100)


def _sample(ch: Chooser, options: Sequence[T], k: int) -> list[T]:
    pool = list(options)
    out: list[T] = []
    for _ in range(min(k, len(pool))):
        out.append(pool.pop(ch.integer(0, len(pool) - 1)))
    return out


@dataclass
class DrawOptions:
    max_sheets: int = 3
    max_tables: int = 3
    max_acts: int = 4  # per unit segment
    plant_galat: bool | None = None  # None: drawn
    plant_warn: bool | None = None


class _Texts:
    def __init__(self, ch: Chooser) -> None:
        self.ch = ch
        self.used: set[str] = set()

    def take(self, total_word: bool) -> str:
        pool = TOTAL_WORD_ACTIVITIES if total_word else ACTIVITIES
        for attempt in range(50):
            text = f"{self.ch.choice(pool)} Desa {self.ch.choice(VILLAGES)}"
            if attempt > 5:
                text += f" tahap {attempt}"
            if text not in self.used:
                self.used.add(text)
                return text
        raise GeneratorError("no unique activity text")  # pragma: no cover


def date_cell(ch: Chooser, d: dt.date, yearless_ok: bool) -> Any:
    """A date typed in one of the contract's forms."""
    forms = ["date", "long", "slash", "dash", "dot", "slash_yy", "iso", "short", "weekday",
             "serial", "english", "english_short", "datetime", "slash_unpadded"]
    if yearless_ok:
        forms.append("yearless")
    form = ch.choice(forms)
    day, month = d.day, d.month
    if form == "date":
        return d
    if form == "datetime":
        return dt.datetime(d.year, month, day)
    if form == "serial":
        return (d - dt.date(1899, 12, 30)).days
    if form == "long":
        return f"{day} {MONTHS_ID[month]} {d.year}"
    if form == "slash":
        return f"{day:02}/{month:02}/{d.year}"
    if form == "slash_unpadded":
        return f"{day}/{month}/{d.year}"
    if form == "dash":
        return f"{day:02}-{month:02}-{d.year}"
    if form == "dot":
        return f"{day:02}.{month:02}.{d.year}"
    if form == "slash_yy":
        return f"{day:02}/{month:02}/{d.year % 100:02}"
    if form == "iso":
        return d.isoformat()
    if form == "short":
        return f"{day} {ch.choice(MONTHS_ID_SHORT[month])} {d.year}"
    if form == "weekday":
        return f"{DAYS_ID[d.weekday()]}, {day} {MONTHS_ID[month]} {d.year}"
    if form == "english":
        return f"{day} {MONTHS_EN[month]} {d.year}"
    if form == "english_short":
        return f"{day} {MONTHS_EN_SHORT[month]} {d.year}"
    return f"{day} {MONTHS_ID[month]}"  # yearless


def _draw_ev(ch: Chooser) -> Ev:
    kind = ch.choice(["simple", "simple", "described", "noted", "multi"])
    if kind == "simple":
        return ch.choice(EV_SIMPLE)
    if kind == "described":
        return ch.choice(EV_DESCRIBED)
    if kind == "noted":
        return ch.choice(EV_NOTED)
    types = _sample(ch, TYPES, ch.integer(2, 3))
    sep = ch.choice(EV_SEPARATORS)
    pieces = [ch.choice(EV_PIECES[t]) for t in types]
    if sep == "/":
        pieces = [p for p in pieces if "/" not in p]
        if len(pieces) < 2:
            sep = ", "
            pieces = [ch.choice([p for p in EV_PIECES[t] if "/" not in p]) for t in types]
        types = [t for t in types if any(p in EV_PIECES[t] for p in pieces)]
    return Ev(sep.join(pieces), frozenset(types))


def _head(ch: Chooser, fld: str, upper: bool) -> str:
    text = ch.choice(HEADS[fld])
    return text.upper() if upper else text


def draw_layout(ch: Chooser, *, unit_col: bool) -> Layout:
    """A table layout: text or tick evidence, text or Ya|Tidak status, one- or two-row header."""
    ticks = ch.chance(0.3)
    yatidak = ch.chance(0.2)
    two = ticks or yatidak or ch.chance(0.35)
    upper = ch.chance(0.3)
    has_no = not ch.chance(0.15)
    date_after = ch.chance(0.15)
    has_nomor = ch.chance(0.4)
    has_hasil = ch.chance(0.5)
    has_ket = ch.chance(0.4)
    decoy = not yatidak and not two and ch.chance(0.2)
    cols: list[Col] = []
    if has_no:
        cols.append(Col("no", _head(ch, "no", upper)))
    if not date_after:
        cols.append(Col("tanggal", _head(ch, "tanggal", upper)))
    if unit_col:
        cols.append(Col("unit", _head(ch, "unit", upper)))
    cols.append(Col("kegiatan", _head(ch, "kegiatan", upper)))
    if date_after:
        cols.append(Col("tanggal", _head(ch, "tanggal", upper)))
    if ticks:
        group = ch.choice(EV_GROUPS)
        subset = TYPES if ch.chance(0.6) else _sample(ch, TYPES, ch.integer(3, 4))
        types = [t for t in TYPES if t in subset]  # (ambiguous below 3: a group over one
        # type name reads like a "Jenis" sub-header)
        style = ch.choice(["first", "any"])
        for t in types:
            head = TICK_HEADS[t][0] if style == "first" else ch.choice(TICK_HEADS[t])
            cols.append(Col("tick", head.upper() if upper else head, group=group, type=t))
        if has_nomor:
            cols.append(Col("nomor", _head(ch, "nomor", upper)))
    elif two and has_nomor and ch.chance(0.7):
        group = ch.choice(EV_GROUPS)
        cols.append(Col("bukti", ch.choice(["Jenis", "JENIS"]), group=group))
        cols.append(Col("nomor", ch.choice(["Nomor", "No"]), group=group))
    else:
        cols.append(Col("bukti", _head(ch, "bukti", upper)))
        if has_nomor:
            cols.append(Col("nomor", _head(ch, "nomor", upper)))
    decoy_before = ch.chance(0.7)
    if decoy and decoy_before:
        cols.append(Col("decoy", _head(ch, "decoy", upper)))
    if yatidak:
        group = ch.choice(("Ditindaklanjuti", "Tindak Lanjut"))
        cols.append(Col("ya", "Ya", group=group))
        cols.append(Col("tidak", "Tidak", group=group))
        if has_hasil:
            cols.append(Col("hasil", _head(ch, "hasil", upper)))
    elif two and has_hasil and ch.chance(0.7):
        group = ch.choice(TL_GROUPS)
        cols.append(Col("status", "Status", group=group))
        cols.append(Col("hasil", ch.choice(["Hasil", "Output"]), group=group))
    else:
        cols.append(Col("status", _head(ch, "status", upper)))
        if has_hasil:
            cols.append(Col("hasil", _head(ch, "hasil", upper)))
    if decoy and not decoy_before:
        cols.append(Col("decoy", _head(ch, "decoy", upper)))
    if has_ket:
        cols.append(Col("ket", _head(ch, "ket", upper)))
    if two and not any(c.group for c in cols):
        two = False
    return Layout(
        cols=tuple(cols),
        two_row=two,
        merge_singles=not ch.chance(0.3),
        merge_groups=not ch.chance(0.2),
        number_row=ch.choice([None, None, "paren", "plain", "text"]),
    )


def _with_unit_col(ch: Chooser, layout: Layout) -> Layout:
    if layout.has("unit"):
        return layout
    cols = list(layout.cols)
    at = layout.index("kegiatan")
    cols.insert(at, Col("unit", ch.choice(HEADS["unit"])))
    return replace(layout, cols=tuple(cols))


def _without_unit_col(layout: Layout) -> Layout:
    return replace(layout, cols=tuple(c for c in layout.cols if c.field != "unit"))


def _widen(ch: Chooser, layout: Layout) -> Layout | None:
    """The same layout with one more column (a later, wider table)."""
    cols = list(layout.cols)
    if not layout.has("ket"):
        cols.append(Col("ket", ch.choice(HEADS["ket"])))
    elif not layout.has("nomor") and not layout.has("tick"):
        cols.insert(layout.index("bukti") + 1, Col("nomor", ch.choice(HEADS["nomor"])))
    elif not layout.has("no"):
        cols.insert(0, Col("no", ch.choice(HEADS["no"])))
    else:
        return None
    return replace(layout, cols=tuple(cols))


@dataclass
class _SheetCtx:
    ch: Chooser
    opts: DrawOptions
    texts: _Texts
    galat: bool
    warn: bool
    tahun: int | None
    title_year: bool
    hidden_p: float
    labels: Sequence[str]
    label_i: int = 0

    def label(self) -> str:
        text = self.labels[self.label_i % len(self.labels)]
        self.label_i += 1
        return text


def _draw_heading(ctx: _SheetCtx, unit: str, *, in_table: bool, layout: Layout) -> Heading:
    ch = ctx.ch
    forms = ["two_cells", "dotted", "bare", "paren", "dash", "pipe_cell", "pipe_two", "merged"]
    form = ch.choice(forms)
    place = "first"
    if in_table and form in ("dotted", "bare", "paren", "dash", "pipe_cell") \
            and not layout.has("no") and ch.chance(0.5):
        place = "kegiatan"
    return Heading(unit, ch.choice(UNIT_HEADING[unit]), ctx.label(), form, place)


def _draw_act(ctx: _SheetCtx, layout: Layout, unit: str, date: Any) -> Act:
    ch = ctx.ch
    text = ctx.texts.take(ch.chance(0.12))
    is_galat = ctx.galat and ch.chance(0.15)
    marks: dict[str, Any] = {}
    ev = _ev("Rakor", RAKOR)
    if layout.has("tick"):
        if not is_galat:
            for t in _sample(ch, layout.tick_types, ch.choice([1, 1, 1, 2])):
                marks[t] = ch.choice(TICK_MARKS)
    elif is_galat:
        ev = ch.choice(EV_GALAT)
    elif ctx.warn and ch.chance(0.15):
        ev = ch.choice(EV_WARN)
    else:
        ev = _draw_ev(ch)
    followed = not ch.chance(0.3)
    return Act(
        text=text,
        unit=unit,
        date=date,
        ev=ev,
        marks=marks,
        followed=followed,
        status=ch.choice(STATUS_YES if followed else STATUS_NO),
        yt_mark=ch.choice(YT_MARKS),
        hasil=ch.choice(HASIL) if followed and layout.has("hasil") else None,
        nomor=(f"{ch.integer(1, 999):03}/{ch.integer(1, 99)}/435.{ch.integer(1, 9)}/{YEAR}"
               if layout.has("nomor") and ch.chance(0.7) else None),
        ket=f"Desa {ch.choice(VILLAGES)}" if layout.has("ket") and ch.chance(0.5) else None,
        decoy=ch.choice(DECOY_VALUES),
        hidden=ctx.hidden_p > 0 and ch.chance(ctx.hidden_p),
        blank_mark="-" if ch.chance(0.1) else None,
    )


def _period_of(month: int, kind: str) -> int:
    return (month - 1) // 3 if kind == "triwulan" else month


def _section_text(ch: Chooser, period: int, kind: str) -> str:
    if kind == "triwulan":
        return ch.choice([f"TRIWULAN {ROMAN[period]}", f"Triwulan {ROMAN[period]}"])
    name = MONTHS_ID[period]
    return ch.choice([name.upper(), f"Bulan {name}"])


def _draw_table(ctx: _SheetCtx, layout: Layout, segments: list[str], *, style: str,
                first_table: bool, fill_ok: bool = True) -> Table:
    """A table whose body holds one run of activities per unit in ``segments``.

    style: heading (a heading above, one unit), intable (headings between activities),
    unitcol (the unit column names the units), plain (the sheet's fallback unit).
    """
    ch = ctx.ch
    body: list[Item] = []
    heading: Heading | None = None
    if style == "heading" or (style == "intable" and ch.chance(0.5)):
        heading = _draw_heading(ctx, segments[0], in_table=False, layout=layout)
    section_kind = ch.choice([None, None, "triwulan", "bulan"])
    section_place = "merged" if ch.chance(0.3) else (
        "kegiatan" if not layout.has("no") and ch.chance(0.5) else "first")
    unit_style = ch.choice(["every", "first", "merged"]) if fill_ok else "every"
    yearless_ok = ctx.tahun is not None or (ctx.title_year and first_table)
    seg_first: list[int] = []
    for si, unit in enumerate(segments):
        if style == "intable" and (si > 0 or heading is None):
            body.append(_draw_heading(ctx, unit, in_table=True, layout=layout))
        n = ch.integer(1, ctx.opts.max_acts)
        months = sorted(ch.integer(1, 12) for _ in range(n))
        current: int | None = None
        seg_first.append(len(body))
        for k, month in enumerate(months):
            if section_kind and _period_of(month, section_kind) != current:
                current = _period_of(month, section_kind)
                body.append(Section(_section_text(ch, current, section_kind), section_place))
            elif k and ch.chance(0.05):
                body.append(Blank())
            day = ch.integer(1, calendar.monthrange(YEAR, month)[1])
            act = _draw_act(ctx, layout, unit, date_cell(ch, dt.date(YEAR, month, day),
                                                         yearless_ok))
            if layout.has("unit") and (unit_style == "every" or k == 0):
                act.unit_cell = ch.choice(UNIT_CELL[unit])
            body.append(act)
    merges: list[VMerge] = []
    if layout.has("unit") and unit_style == "merged":
        for start in seg_first:
            while start < len(body) and not isinstance(body[start], Act):
                start += 1
            if start >= len(body):
                continue
            first = body[start]
            assert isinstance(first, Act)
            run = _run_from(body, start, lambda a, u=first.unit: not a.hidden and a.unit == u)
            if run >= 2:
                for i in range(start + 1, start + run):
                    it = body[i]
                    assert isinstance(it, Act)
                    it.unit_cell = first.unit_cell
                merges.append(VMerge("unit", start, run))
    if ch.chance(0.3):
        fields = ["tanggal"] + (["bukti"] if layout.has("bukti") else [])
        fld = ch.choice(fields)
        starts = [i for i in range(len(body)) if _mergeable(body, i, fld) and
                  _run_from(body, i, lambda a, f=fld: _mergeable_act(a, f)) >= 2]
        taken = {i for m in merges for i in range(m.start, m.start + m.count)}
        starts = [i for i in starts if i not in taken]
        if starts:
            start = ch.choice(starts)
            run = _run_from(body, start, lambda a, f=fld: _mergeable_act(a, f))
            count = ch.integer(2, min(run, 3))
            if all(i not in taken for i in range(start, start + count)):
                first = body[start]
                assert isinstance(first, Act)
                for i in range(start + 1, start + count):
                    it = body[i]
                    assert isinstance(it, Act)
                    if fld == "tanggal":
                        it.date = first.date
                    else:
                        it.ev = first.ev
                merges.append(VMerge(fld, start, count))
    return Table(layout=layout, body=body, heading=heading,
                 heading_gap=0 if ch.chance(0.5) else ch.integer(1, 2), merges=merges,
                 gap_after=ch.integer(0, 2))


def _mergeable_act(a: Act, fld: str) -> bool:
    return not a.hidden and (fld != "bukti" or (bool(a.ev.types) and not a.ev.warn))


def _mergeable(body: list[Item], i: int, fld: str) -> bool:
    it = body[i]
    return isinstance(it, Act) and _mergeable_act(it, fld)


def _run_from(body: list[Item], start: int, ok: Callable[[Act], bool]) -> int:
    n = 0
    while start + n < len(body):
        it = body[start + n]
        if not isinstance(it, Act) or not ok(it):
            break
        n += 1
    return n


def _draw_total(ch: Chooser, table: Table, *, last: bool) -> Total:
    labels = ["JUMLAH", "Jumlah", "TOTAL", "SUB TOTAL", "JML", "Sub Total", "REKAPITULASI"]
    units = {it.unit for it in table.body if isinstance(it, Act)}
    if len(units) == 1:
        labels.append(f"JUMLAH {ch.choice(UNIT_HEADING[next(iter(units))]).upper()}")
    if last:
        labels.append("TOTAL KESELURUHAN")
    label = ch.choice(labels)
    acts = [it for it in table.body if isinstance(it, Act)]
    k = table.layout.index("kegiatan")
    number: int | None = None
    if (label != "TOTAL KESELURUHAN" and k + 1 < table.layout.width
            and all(a.types(table.layout) for a in acts) and ch.chance(0.5)):
        number = len(acts)
    return Total(label, number, "merged" if k > 0 and ch.chance(0.5) else "kegiatan")


def _draw_footer(ch: Chooser, width: int, unit: str) -> Footer:
    name = ch.choice(UNIT_HEADING[unit])
    kepala = "Kepala " + (name if not name.isupper() else name.title())
    if ch.chance(0.5) or width < 2:
        camat = ch.chance(0.5)
        lines: tuple[str | None, ...] = (
            ("Mengetahui,", "Camat Gucialit") if camat
            else (f"Gucialit, {ch.integer(1, 31)} Desember {YEAR}", kepala))
        lines = (*lines, None, None, ch.choice(NAMES), ch.choice(NIPS))
        return Footer(((ch.integer(0, width - 1), lines),), gap_before=ch.integer(0, 2))
    left, right = sorted(_sample(ch, range(width), 2))
    left_lines: tuple[str | None, ...] = (
        "Mengetahui,", "Camat Gucialit", None, None, NAMES[0], NIPS[0])
    right_lines: tuple[str | None, ...] = (
        f"Gucialit, 31 Desember {YEAR}", kepala, None, None, NAMES[1], NIPS[1])
    return Footer(((left, left_lines), (right, right_lines)), gap_before=ch.integer(0, 2))


def _sheet_name(ch: Chooser, used: set[str], unit: str | None) -> str | None:
    if unit is None:
        options = [n for n in GENERIC_SHEETS if n not in used]
    else:
        options = [p.format(a) for a in UNIT_SHORT[unit]
                   for p in ("{} 2026", "{} TW I", "{} (revisi)", "{}_2026", "{}")]
        options = [n for n in options if n not in used]
    return ch.choice(options) if options else None


def draw_plan(ch: Chooser, opts: DrawOptions | None = None) -> WorkbookPlan:
    """Draw a workbook plan (see the module docstring for what is and is not drawn)."""
    opts = opts or DrawOptions()
    texts = _Texts(ch)
    file_unit = ch.choice(UNITS) if ch.chance(0.3) else None
    if file_unit:
        short = ch.choice(UNIT_SHORT[file_unit])
        file_name = ch.choice([f"rekap_{short.lower()}_2026.xlsx", f"Rekap {short} 2026.xlsx",
                               f"rekapitulasi_{short.lower()}.xlsx"])
    else:
        file_name = ch.choice(GENERIC_FILES)
    tahun = YEAR if ch.chance(0.2) else None
    galat = opts.plant_galat if opts.plant_galat is not None else ch.chance(0.3)
    warn = opts.plant_warn if opts.plant_warn is not None else ch.chance(0.25)
    used: set[str] = set()
    sheets: list[SheetPlan] = []
    for _ in range(ch.integer(1, opts.max_sheets)):
        sheet = _draw_sheet(ch, opts, texts, used, file_unit=file_unit, tahun=tahun, galat=galat,
                            warn=warn)
        used.add(sheet.name)
        sheets.append(sheet)
    if ch.chance(0.1):
        cover = _draw_cover(ch, used)
        sheets.insert(ch.integer(0, len(sheets)), cover)
    return WorkbookPlan(file_name, sheets, tahun=tahun, file_unit=file_unit)


def _draw_cover(ch: Chooser, used: set[str]) -> SheetPlan:
    if ch.chance(0.5):
        rows: list[list[Any]] = [
            ["PETUNJUK PENGISIAN REKAP"], [],
            ["1. Isi satu baris untuk setiap kegiatan."],
            ["2. Tulis jenis bukti dukung sesuai daftar referensi."],
        ]
        name = "Petunjuk"
    else:
        rows = [["No", "Jenis Bukti", "Keterangan"]] + [
            [i + 1, t, "contoh"] for i, t in enumerate(TYPES)]
        name = "Referensi"
    if name in used:
        name += " 2"
    return SheetPlan(name=name, plain_rows=rows)


def _draw_sheet(ch: Chooser, opts: DrawOptions, texts: _Texts, used: set[str], *,
                file_unit: str | None, tahun: int | None, galat: bool,
                warn: bool) -> SheetPlan:
    modes = ["headed", "sheet", "title"] + (["file"] if file_unit else [])
    mode = ch.choice(modes)
    fallback: str | None = None
    name: str | None = None
    if mode == "sheet":
        fallback = ch.choice(UNITS)
        name = _sheet_name(ch, used, fallback)
        if name is None:
            mode, fallback = "headed", None
    elif mode == "file":
        fallback = file_unit
    elif mode == "title":
        fallback = ch.choice(UNITS)
    if name is None:
        name = _sheet_name(ch, used, None) or f"Lembar{len(used) + 2}"
    title: Title | None = None
    if mode == "title" or ch.chance(0.6):
        lines: list[str] = [ch.choice(TITLES)]
        if mode == "title":
            unit_line = ch.choice(UNIT_HEADING[fallback or PEM]).upper()
            if ch.chance(0.5) and fallback != SEKCAM:
                unit_line += " KECAMATAN GUCIALIT"
            lines.append(unit_line)
        if ch.chance(0.5):
            lines.append("KECAMATAN GUCIALIT")
        if ch.chance(0.2):
            lines.append("KABUPATEN LUMAJANG")
        if ch.chance(0.6):
            lines.append(f"TAHUN {YEAR}")
        title = Title(tuple(lines), merged=ch.chance(0.4), gap_after=ch.integer(1, 2))
    ctx = _SheetCtx(
        ch=ch, opts=opts, texts=texts, galat=galat, warn=warn, tahun=tahun,
        title_year=title is not None and f"TAHUN {YEAR}" in title.lines,
        hidden_p=0.15 if ch.chance(0.3) else 0.0,
        labels=ch.choice([LETTERS, ROMAN]),
    )
    n_tables = 1 if mode == "title" else ch.integer(1, opts.max_tables)
    table_units = _sample(ch, UNITS, n_tables) if mode == "headed" else [fallback] * n_tables
    tables: list[Table] = []
    prev: Layout | None = None
    headed_before = False  # a unit heading stands above: blank unit cells would be ambiguous
    for ti in range(n_tables):
        unit = table_units[ti]
        assert unit is not None
        if mode == "headed":
            style = ch.choice(["heading", "heading", "intable", "unitcol"])
        else:
            style = "plain"
        if style in ("intable", "unitcol"):
            others = [u for u in UNITS if u != unit]
            segments = [unit, *_sample(ch, others, ch.integer(0 if style == "unitcol" else 1, 2))]
        else:
            segments = [unit]
        want_unit = style == "unitcol" or (style in ("plain", "heading") and ch.chance(0.15))
        layout = _next_layout(ch, prev, unit_col=want_unit)
        if style == "intable":
            layout = _without_unit_col(layout)
        elif want_unit:
            layout = _with_unit_col(ch, layout)
        else:
            layout = _without_unit_col(layout)
        table = _draw_table(ctx, layout, segments, style=style, first_table=ti == 0,
                            fill_ok=not headed_before or style == "heading")
        headed_before = headed_before or table.heading is not None or any(
            isinstance(it, Heading) for it in table.body)
        last = ti == n_tables - 1
        if not last or ch.chance(0.6):
            table.total = _draw_total(ch, table, last=last)
        tables.append(table)
        prev = layout
    footer: Footer | None = None
    if ch.chance(0.35):
        last_units = [it.unit for it in tables[-1].body if isinstance(it, Act)]
        footer = _draw_footer(ch, tables[-1].layout.width, last_units[-1])
    return SheetPlan(
        name=name, tables=tables, title=title,
        top_blank=ch.integer(0, 2) if ch.chance(0.3) else 0,
        start_col=2 if ch.chance(0.2) else 1, footer=footer,
        fallback_unit=fallback if mode != "headed" else None,
        fallback_source=mode if mode != "headed" else None,
    )


def _next_layout(ch: Chooser, prev: Layout | None, *, unit_col: bool) -> Layout:
    if prev is None:
        return draw_layout(ch, unit_col=unit_col)
    pick = ch.choice(["same", "same", "wider", "fresh"])
    if pick == "same":
        return prev
    if pick == "wider":
        wider = _widen(ch, prev)
        if wider is not None:
            return wider
    return draw_layout(ch, unit_col=unit_col)


def draw(rnd: random.Random, opts: DrawOptions | None = None) -> DrawnWorkbook:
    """Draw one workbook with a plain ``random.Random`` (no hypothesis needed)."""
    return render(draw_plan(RandomChooser(rnd), opts))


def workbooks(opts: DrawOptions | None = None) -> SearchStrategy[DrawnWorkbook]:
    """A hypothesis strategy of :class:`DrawnWorkbook`."""
    from hypothesis import strategies as st

    @st.composite
    def _strategy(draw_fn: Callable[[Any], Any]) -> DrawnWorkbook:
        return render(draw_plan(HypothesisChooser(draw_fn), opts))

    return _strategy()


# --------------------------------------------------------------------------------------------
# Helpers for hand-written plans
# --------------------------------------------------------------------------------------------

#: A plain one-row layout: No | Tanggal | Uraian Kegiatan | Jenis Bukti Dukung | Ditindaklanjuti
#: | Hasil Tindak Lanjut.
PLAIN = Layout((
    Col("no", "No"), Col("tanggal", "Tanggal"), Col("kegiatan", "Uraian Kegiatan"),
    Col("bukti", "Jenis Bukti Dukung"), Col("status", "Ditindaklanjuti"),
    Col("hasil", "Hasil Tindak Lanjut"),
))


def layout_of(*cols: Col, **kwargs: Any) -> Layout:
    return Layout(tuple(cols), **kwargs)


def act(text: str, unit: str, *, day: int = 1, month: int = 3, date: Any = None,
        ev: Ev | str | None = "Rakor", types: Sequence[str] | None = None, followed: bool = True,
        status: Any = None, marks: dict[str, Any] | None = None, hidden: bool = False,
        unit_cell: str | None = None, hasil: str | None = None, warn: bool = False,
        yt_mark: Any = "✓", ket: str | None = None, nomor: str | None = None) -> Act:
    """An activity for a hand plan; ``ev`` given as text needs ``types`` (its true meaning)."""
    if isinstance(ev, Ev):
        evidence = ev
    elif ev == "Rakor" and types is None:
        evidence = _ev("Rakor", RAKOR)
    else:
        evidence = Ev(ev, frozenset(types or ()), warn)
    return Act(
        text=text, unit=unit,
        date=date if date is not None else dt.date(YEAR, month, day),
        ev=evidence, marks=dict(marks or {}), followed=followed,
        status=status if status is not None else ("Ya" if followed else "Belum"),
        yt_mark=yt_mark, unit_cell=unit_cell,
        hasil=hasil if hasil is not None else ("Selesai dikoordinasikan" if followed else None),
        hidden=hidden, ket=ket, nomor=nomor,
    )


def sheet(name: str, *tables: Table, **kwargs: Any) -> SheetPlan:
    return SheetPlan(name=name, tables=list(tables), **kwargs)


def workbook(*sheets: SheetPlan, file_name: str = "rekap.xlsx", **kwargs: Any) -> DrawnWorkbook:
    return render(WorkbookPlan(file_name, list(sheets), **kwargs))
