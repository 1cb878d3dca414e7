"""The domain vocabulary as data: spellings offices use, and the keys they normalise to.

Adding a spelling is one line here (or in the config file), never a new branch in the code.
Every spelling is written the way a person types it; :func:`text_key` turns it into the key
that cell text is compared with, so the tables stay readable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from iku_cli.text import header_key, text_key

# --- The indicator (seed document: IKU Kecamatan Gucialit) ----------------------------------

INDICATOR_NAME = "Persentase hasil Fasilitas dan Koordinasi yang ditindaklanjuti"
INDICATOR_FORMULA = (
    "Jumlah hasil Fasilitas dan Koordinasi yang ditindaklanjuti / "
    "Jumlah Fasilitas dan Koordinasi x 100%"
)
SASARAN_STRATEGIS = "Mengoptimalkan Fasilitas dan Koordinasi Kecamatan"
DATA_SOURCE = "Seluruh Seksi dan seluruh Subbagian"
OWNER = "Camat"

# --- Evidence (jenis bukti dukung) ----------------------------------------------------------

EVIDENCE_TYPES: tuple[str, ...] = (
    "Rapat Koordinasi",
    "Dokumen/Laporan",
    "SK Camat",
    "Rekomendasi",
    "Berita Acara",
)

EVIDENCE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "Rapat Koordinasi": (
        "rapat koordinasi", "rakor", "rapat", "notulen", "notulen rapat", "notulensi",
        "notulensi rapat",
    ),
    "Dokumen/Laporan": (
        "dokumen/laporan", "dokumen", "laporan", "dokumen laporan", "dok/lap", "dok",
        "dokumen / laporan",
    ),
    "SK Camat": ("sk camat", "sk", "surat keputusan camat", "keputusan camat"),
    "Rekomendasi": ("rekomendasi", "rekom", "surat rekomendasi"),
    "Berita Acara": ("berita acara", "ba", "b.a."),
}

# Short forms that are a type only when they stand alone: "SK Kepala Desa" is not an SK Camat,
# "Rapat internal" is not a Rapat Koordinasi.
EVIDENCE_STANDALONE_ONLY: frozenset[str] = frozenset({"sk", "ba", "rapat", "rekom", "dok"})

# A cell may list several types: "Rakor, BA", "Rapat Koordinasi dan Berita Acara".
EVIDENCE_SEPARATORS = re.compile(r"\s*(?:[,;&+\n\r]|\bdan\b)\s*", re.IGNORECASE)

# Abbreviations written with a dot and followed by words: "BA. Musdes", "Lap. Kegiatan".
# ("Dok." is not one: it is as often short for dokumentasi, photos, which is no evidence.)
EVIDENCE_DOTTED_ABBREVIATIONS: dict[str, str] = {
    "ba.": "Berita Acara", "b.a.": "Berita Acara", "lap.": "Dokumen/Laporan",
}
# A list inside one cell: "1. Rakor", "2) BA", "- Rakor", "• BA" (the marker is dropped).
EVIDENCE_LIST_MARKER = re.compile(r"^\s*(?:\d{1,2}\s*[.)]|[a-e]\)|[-–•*·▪◦>])\s*")

# What marks a ticked box in a one-column-per-type (or Ya | Tidak) layout.
TICK_MARKS: frozenset[str] = frozenset(
    {"✓", "✔", "√", "☑", "v", "x", "1", "ya", "y", "true", "benar", "ada"}
)

# --- Follow-up status ------------------------------------------------------------------------

STATUS_YES: tuple[str, ...] = (
    "ya", "y", "sudah", "sdh", "selesai", "tuntas", "ditindaklanjuti", "sudah ditindaklanjuti",
    "sudah ditindak lanjuti", "ditindak lanjuti", "✓", "✔", "√", "v", "1", "true",
)
STATUS_NO: tuple[str, ...] = (
    "tidak", "t", "belum", "blm", "proses", "dalam proses", "belum ditindaklanjuti",
    "belum ditindak lanjuti", "tidak ditindaklanjuti", "-", "0", "false",
)

# --- Table headers -----------------------------------------------------------------------------

FIELDS: tuple[str, ...] = (
    "no", "tanggal", "unit", "kegiatan", "bukti", "nomor_bukti", "tindak_lanjut", "hasil",
    "keterangan",
)
REQUIRED_FIELDS: tuple[str, ...] = ("kegiatan", "bukti", "tindak_lanjut")

# How a field is named to the operator (Indonesian), e.g. in "kolom ... tidak ada".
FIELD_LABELS: dict[str, str] = {
    "no": "No",
    "tanggal": "Tanggal",
    "unit": "Unit Kerja",
    "kegiatan": "Uraian Kegiatan",
    "bukti": "Jenis Bukti Dukung",
    "nomor_bukti": "Nomor Bukti",
    "tindak_lanjut": "Ditindaklanjuti",
    "hasil": "Hasil Tindak Lanjut",
    "keterangan": "Keterangan",
}

HEADER_SPELLINGS: dict[str, tuple[str, ...]] = {
    "no": ("no", "no.", "no urut", "nomor", "nomor urut"),
    "tanggal": (
        "tanggal", "tgl", "tanggal kegiatan", "tanggal pelaksanaan", "waktu", "hari/tanggal",
        "hari, tanggal", "waktu pelaksanaan", "tgl kegiatan", "tgl pelaksanaan",
    ),
    "unit": (
        "seksi", "subbagian", "sub bagian", "unit kerja", "unit", "bidang", "seksi/subbagian",
        "seksi/sub bagian", "pelaksana", "unit pelaksana",
    ),
    "kegiatan": (
        "uraian kegiatan", "kegiatan", "nama kegiatan", "uraian",
        "uraian fasilitasi dan koordinasi", "uraian fasilitas dan koordinasi",
        "kegiatan fasilitasi dan koordinasi", "nama kegiatan fasilitasi dan koordinasi",
    ),
    "bukti": (
        "jenis bukti dukung", "bukti dukung", "jenis bukti", "bukti", "bukti pendukung",
        "jenis bukti pendukung",
    ),
    "nomor_bukti": (
        "nomor bukti", "no bukti", "nomor dokumen", "nomor surat", "nomor sk", "no. bukti",
        "no surat", "no dokumen", "no sk", "nomor bukti dukung", "no bukti dukung",
    ),
    "tindak_lanjut": (
        "ditindaklanjuti", "ditindak lanjuti", "tindak lanjut", "status tindak lanjut", "status",
        "sudah ditindaklanjuti", "status ditindaklanjuti",
    ),
    "hasil": ("hasil tindak lanjut", "hasil", "output", "keluaran", "hasil/output"),
    "keterangan": ("keterangan", "ket", "ket.", "catatan"),
}

# Two-row headers: a group cell merged over sub-headers. The field comes from both together.
EVIDENCE_GROUPS: tuple[str, ...] = (
    "bukti dukung", "bukti", "bukti pendukung", "jenis bukti dukung", "jenis bukti",
)
FOLLOWUP_GROUPS: tuple[str, ...] = (
    "tindak lanjut", "ditindaklanjuti", "ditindak lanjuti", "status tindak lanjut",
)
EVIDENCE_SUBHEADERS: dict[str, str] = {
    "jenis": "bukti", "jenis bukti": "bukti", "jenis bukti dukung": "bukti", "uraian": "bukti",
    "nomor": "nomor_bukti", "no": "nomor_bukti", "no.": "nomor_bukti", "nomor bukti": "nomor_bukti",
    "nomor/tanggal": "nomor_bukti", "no/tgl": "nomor_bukti",
}
FOLLOWUP_SUBHEADERS: dict[str, str] = {
    "status": "tindak_lanjut", "hasil": "hasil", "output": "hasil", "keluaran": "hasil",
    "hasil tindak lanjut": "hasil", "uraian": "hasil", "bentuk": "hasil",
}
# Ya | Tidak tick columns under a follow-up group.
FOLLOWUP_TICK_SUBHEADERS: dict[str, bool] = {
    "ya": True, "sudah": True, "tidak": False, "belum": False,
}

# --- Units (seksi / subbagian) --------------------------------------------------------------

# (canonical name, short name used for sheet names, other spellings)
DEFAULT_UNITS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Sekretariat Kecamatan", "Sekretariat", ("Sekcam", "Sekretaris Kecamatan")),
    (
        "Subbagian Umum dan Kepegawaian",
        "Umpeg",
        ("Subbag Umpeg", "Sub Bagian Umum dan Kepegawaian", "Subbagian Umum",
         "Umum dan Kepegawaian"),
    ),
    (
        "Subbagian Perencanaan dan Keuangan",
        "Renkeu",
        ("Subbag Renkeu", "Subbagian Program dan Keuangan", "Subbagian Keuangan",
         "Perencanaan dan Keuangan", "Program dan Keuangan", "Proker"),
    ),
    (
        "Seksi Pemerintahan",
        "Pemerintahan",
        ("Tapem", "Seksi Tata Pemerintahan", "Kasi Pemerintahan", "Tata Pemerintahan", "Pem"),
    ),
    (
        "Seksi Ketentraman dan Ketertiban Umum",
        "Trantib",
        ("Trantibum", "Seksi Ketenteraman dan Ketertiban Umum",
         "Ketentraman dan Ketertiban Umum", "Ketenteraman dan Ketertiban Umum",
         "Ketentraman dan Ketertiban"),
    ),
    (
        "Seksi Pemberdayaan Masyarakat dan Desa",
        "PMD",
        ("Seksi PMD", "Pemberdayaan Masyarakat", "Pemberdayaan Masyarakat dan Desa"),
    ),
    ("Seksi Kesejahteraan Sosial", "Kesos", ("Seksi Kesos", "Kesejahteraan Sosial")),
    ("Seksi Pelayanan Umum", "Pelayanan", ("Pelum", "Seksi Pelayanan", "Pelayanan Umum")),
    (
        "Seksi Ekonomi dan Pembangunan",
        "Ekbang",
        ("Seksi Ekbang", "Ekonomi dan Pembangunan", "Perekonomian dan Pembangunan"),
    ),
)
# Words in front of a unit name that do not change which unit it is.
UNIT_PREFIXES: tuple[str, ...] = (
    "kepala sub bagian", "kepala subbagian", "kepala seksi", "sub bagian", "subbagian", "subbag",
    "sub bag", "kasubbag", "kasubag", "subag", "seksi", "kasi", "sie", "bagian",
)
# Single-word unit names that are also ordinary words: in a title line they name a unit only
# after a prefix ("SEKSI PEMERINTAHAN"), never bare ("PELAYANAN PUBLIK").
ORDINARY_UNIT_WORDS: frozenset[str] = frozenset(
    {"pemerintahan", "pelayanan", "sekretariat", "pem", "umum", "keuangan", "proker"}
)
NO_UNIT = "Tanpa unit"

# --- Dates -----------------------------------------------------------------------------------


# --- Row kinds -------------------------------------------------------------------------------

# A row whose first text starts with one of these is a total row, never an activity.
TOTAL_WORDS: tuple[str, ...] = (
    "jumlah", "jml", "total", "sub total", "subtotal", "sub jumlah", "grand total",
    "rekapitulasi", "jumlah total", "total keseluruhan", "jumlah keseluruhan",
)
# Words that may follow a total word in a total row's label ("TOTAL KESELURUHAN", "Jumlah
# kegiatan TW I"); any other word makes the text an activity's that starts like a total.
TOTAL_TAIL_WORDS: frozenset[str] = frozenset({
    "keseluruhan", "seluruhnya", "semua", "akhir", "kegiatan", "keg", "fasilitasi",
    "koordinasi", "dan", "f&k", "tw", "triwulan", "semester", "smt", "bulan", "tahun", "ini",
    "sd", "s/d", "sampai", "dengan", "total", "jumlah", "sub", "grand", "per", "unit", "seksi",
    "subbag", "subbagian", "terhitung", "terlaksana", "ditindaklanjuti", "yang", "tahap",
})
# Period headings used as section rows.
PERIOD_HEADING = re.compile(
    r"^(?:(?:triwulan|tw|semester|smt|caturwulan|bulan)\s*[ivx\d]+\b.*"
    r"|bulan\s+\w+.*|(?:triwulan|semester)\s+(?:satu|dua|tiga|empat|pertama|kedua|ketiga|keempat)\b.*)$"
)
# A heading prefix: "A.", "I.", "B)", "II -".
HEADING_PREFIX = re.compile(r"^(?:[a-h]|[ivx]{1,5})\s*[.)\-:]\s*|^(?:[a-h]|[ivx]{1,5})$")

# Sheet names that say nothing about the unit.
GENERIC_SHEET_WORDS: tuple[str, ...] = (
    "sheet", "lembar", "data", "rekap", "rekapitulasi", "tw", "triwulan", "semester", "tahun",
    "lampiran", "laporan", "worksheet", "sheet1", "blad", "tabel", "table", "iku",
)
# Words dropped from a file name before it is read as a unit name.
FILE_NAME_NOISE: tuple[str, ...] = (
    "rekap", "rekapitulasi", "data", "iku", "final", "fix", "revisi",
)


# --- Normalisation helpers -------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """A seksi/subbagian: its canonical name and the other ways offices write it."""

    name: str
    short: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """All spellings in one object, so a config file can extend them without touching code."""

    evidence_spellings: dict[str, tuple[str, ...]] = field(
        default_factory=lambda: dict(EVIDENCE_SPELLINGS)
    )
    status_yes: tuple[str, ...] = STATUS_YES
    status_no: tuple[str, ...] = STATUS_NO
    header_spellings: dict[str, tuple[str, ...]] = field(
        default_factory=lambda: dict(HEADER_SPELLINGS)
    )
    units: tuple[Unit, ...] = tuple(Unit(*entry) for entry in DEFAULT_UNITS)

    def __hash__(self) -> int:  # used as an lru_cache key; identity is enough
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other

    @cached_property
    def evidence_keys(self) -> dict[str, str]:
        """spelling key -> canonical evidence type."""
        keys: dict[str, str] = {}
        for canonical, spellings in self.evidence_spellings.items():
            for spelling in (canonical, *spellings):
                keys.setdefault(text_key(spelling), canonical)
        return keys

    @cached_property
    def evidence_prefixes(self) -> tuple[tuple[str, str], ...]:
        """(key, canonical) that may start a longer description, longest first."""
        pairs = [
            (key, canonical)
            for key, canonical in self.evidence_keys.items()
            if key not in EVIDENCE_STANDALONE_ONLY
        ]
        return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))

    @cached_property
    def status_keys(self) -> dict[str, bool]:
        keys = {text_key(word): False for word in self.status_no}
        keys.update({text_key(word): True for word in self.status_yes})
        return keys

    @cached_property
    def header_keys(self) -> dict[str, str]:
        """header key -> field (the first field listing a spelling keeps it)."""
        keys: dict[str, str] = {}
        for name in FIELDS:
            for spelling in self.header_spellings.get(name, ()):
                keys.setdefault(header_key(spelling), name)
        return keys

    @cached_property
    def header_prefixes(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(self.header_keys.items(), key=lambda pair: -len(pair[0])))

    @cached_property
    def unit_keys(self) -> dict[str, str]:
        """unit key (prefix words removed) -> canonical unit name."""
        keys: dict[str, str] = {}
        for unit in self.units:
            for spelling in (unit.name, unit.short, *unit.aliases):
                keys.setdefault(strip_unit_prefix(text_key(spelling)), unit.name)
        return keys

    @cached_property
    def unit_keys_longest_first(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(self.unit_keys.items(), key=lambda pair: -len(pair[0])))

    @cached_property
    def unit_order(self) -> dict[str, int]:
        return {unit.name: index for index, unit in enumerate(self.units)}


UNIT_PREFIX = re.compile(r"^(?:" + "|".join(re.escape(p) for p in UNIT_PREFIXES) + r")\b\s*")


def strip_unit_prefix(key: str) -> str:
    """'seksi pmd' -> 'pmd'; a key that is only a prefix word stays as it is."""
    stripped = UNIT_PREFIX.sub("", key, count=1).strip()
    return stripped or key


DEFAULT_VOCABULARY = Vocabulary()
