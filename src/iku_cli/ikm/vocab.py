"""The IKM vocabulary as data: the nine unsur of PermenPAN-RB No. 14 Tahun 2017, how survey
sheets name them, the answers, the profile categories, and the regulation's conversion table.

Adding a spelling is one line here, never a new branch in the code. Spellings are written the
way a person types them; :func:`iku_cli.text.header_key` / :func:`iku_cli.text.text_key` turn
them into the keys cell text is compared with.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

REGULATION = "PermenPAN-RB No. 14 Tahun 2017"
INDEX_NAME = "Indeks Kepuasan Masyarakat"

# --- The nine unsur ---------------------------------------------------------------------------

# Canonical names, in the regulation's order (U1..U9).
UNSUR: tuple[str, ...] = (
    "Persyaratan",
    "Sistem, Mekanisme, dan Prosedur",
    "Waktu Penyelesaian",
    "Biaya/Tarif",
    "Produk Spesifikasi Jenis Pelayanan",
    "Kompetensi Pelaksana",
    "Perilaku Pelaksana",
    "Penanganan Pengaduan, Saran dan Masukan",
    "Sarana dan Prasarana",
)
UNSUR_COUNT = len(UNSUR)
PENGADUAN, SARANA = UNSUR[7], UNSUR[8]


@dataclass(frozen=True)
class Order:
    """Which unsur a bare U1..U9 column holds."""

    key: str  # the --urutan value
    names: tuple[str, ...]  # names[k] is U(k+1)
    description: str  # said to the operator


# Publishers disagree on the last two (the regulation's sample questionnaire asks about sarana
# before pengaduan): `--urutan sarana-u8` for their sheets.
ORDERS: dict[str, Order] = {
    "permen": Order(
        "permen", UNSUR,
        f"urutan {REGULATION} (U8 {PENGADUAN}, U9 {SARANA})",
    ),
    "sarana-u8": Order(
        "sarana-u8", (*UNSUR[:7], SARANA, PENGADUAN),
        f"urutan dengan U8 {SARANA}, U9 {PENGADUAN} (--urutan sarana-u8)",
    ),
}
DEFAULT_ORDER = "permen"

# How header cells name each unsur. Exact spellings first; a header that starts with one of
# them ("Persyaratan Pelayanan") also matches.
UNSUR_SPELLINGS: dict[str, tuple[str, ...]] = {
    "Persyaratan": (
        "persyaratan", "persyaratan pelayanan", "kesesuaian persyaratan", "syarat",
        "persyaratan layanan",
    ),
    "Sistem, Mekanisme, dan Prosedur": (
        "sistem, mekanisme, dan prosedur", "sistem mekanisme dan prosedur",
        "sistem, mekanisme dan prosedur", "sistem mekanisme prosedur", "prosedur",
        "prosedur pelayanan", "kemudahan prosedur", "mekanisme dan prosedur", "sistem",
        "alur pelayanan",
    ),
    "Waktu Penyelesaian": (
        "waktu penyelesaian", "waktu", "waktu pelayanan", "kecepatan waktu",
        "kecepatan pelayanan", "jangka waktu", "jangka waktu pelayanan",
    ),
    "Biaya/Tarif": (
        "biaya/tarif", "biaya", "tarif", "biaya tarif", "kewajaran biaya", "biaya pelayanan",
    ),
    "Produk Spesifikasi Jenis Pelayanan": (
        "produk spesifikasi jenis pelayanan", "produk spesifikasi jenis layanan", "produk",
        "produk layanan", "produk pelayanan", "spesifikasi produk", "kesesuaian produk",
        "produk spesifikasi",
    ),
    "Kompetensi Pelaksana": (
        "kompetensi pelaksana", "kompetensi", "kompetensi petugas", "kemampuan petugas",
        "kompetensi pelayanan",
    ),
    "Perilaku Pelaksana": (
        "perilaku pelaksana", "perilaku", "perilaku petugas", "kesopanan petugas",
        "kesopanan dan keramahan", "sikap petugas",
    ),
    "Penanganan Pengaduan, Saran dan Masukan": (
        "penanganan pengaduan, saran dan masukan", "penanganan pengaduan saran dan masukan",
        "penanganan pengaduan, saran, dan masukan", "penanganan pengaduan", "pengaduan",
        "penanganan pengaduan pengguna layanan", "pengaduan, saran dan masukan",
    ),
    "Sarana dan Prasarana": (
        "sarana dan prasarana", "sarana prasarana", "sarana & prasarana", "sarana/prasarana",
        "sarana", "sarpras", "kualitas sarana dan prasarana",
    ),
}

# One word that names an unsur inside a longer header, e.g. the question itself ("Bagaimana
# pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?"). Used only when a
# header names exactly one of them.
UNSUR_KEYWORDS: dict[str, str] = {
    "persyaratan": "Persyaratan",
    "prosedur": "Sistem, Mekanisme, dan Prosedur",
    "waktu": "Waktu Penyelesaian",
    "biaya": "Biaya/Tarif",
    "tarif": "Biaya/Tarif",
    "produk": "Produk Spesifikasi Jenis Pelayanan",
    "kompetensi": "Kompetensi Pelaksana",
    "perilaku": "Perilaku Pelaksana",
    "pengaduan": "Penanganan Pengaduan, Saran dan Masukan",
    "sarana": "Sarana dan Prasarana",
    "prasarana": "Sarana dan Prasarana",
}

# A code in a header: "U1", "U 1", "U-1", "U.1", "Unsur 1", "Unsur ke-1", "Q1", "P1".
UNSUR_CODE_PATTERN = (
    r"^(?:u|unsur(?:\s*ke)?|q|p|pertanyaan)\s*[-.]?\s*(\d{1,2})(?![\d])\s*[.:)\-]?\s*(.*)$"
)

# What a respondent's answer may be: 1..4, or the questionnaire's letters a..d.
ANSWER_LETTERS: dict[str, int] = {"a": 1, "b": 2, "c": 3, "d": 4}
ANSWER_MIN, ANSWER_MAX = 1, 4

# The answer scale of each unsur as the regulation's sample questionnaire words it
# (1, 2, 3, 4), for the template's instructions.
ANSWER_SCALE: dict[str, tuple[str, str, str, str]] = {
    "Persyaratan": ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    "Sistem, Mekanisme, dan Prosedur": (
        "Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah",
    ),
    "Waktu Penyelesaian": ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    "Biaya/Tarif": ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    "Produk Spesifikasi Jenis Pelayanan": (
        "Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai",
    ),
    "Kompetensi Pelaksana": (
        "Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten",
    ),
    "Perilaku Pelaksana": (
        "Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah",
        "Sangat sopan dan ramah",
    ),
    "Penanganan Pengaduan, Saran dan Masukan": (
        "Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal",
        "Dikelola dengan baik",
    ),
    "Sarana dan Prasarana": ("Buruk", "Cukup", "Baik", "Sangat baik"),
}

# The questions of the regulation's sample questionnaire, per unsur.
QUESTIONS: dict[str, str] = {
    "Persyaratan": "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan "
    "dengan jenis pelayanannya?",
    "Sistem, Mekanisme, dan Prosedur": "Bagaimana pemahaman Saudara tentang kemudahan "
    "prosedur pelayanan di unit ini?",
    "Waktu Penyelesaian": "Bagaimana pendapat Saudara tentang kecepatan waktu dalam "
    "memberikan pelayanan?",
    "Biaya/Tarif": "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    "Produk Spesifikasi Jenis Pelayanan": "Bagaimana pendapat Saudara tentang kesesuaian "
    "produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang "
    "diberikan?",
    "Kompetensi Pelaksana": "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas "
    "dalam pelayanan?",
    "Perilaku Pelaksana": "Bagaimana pendapat Saudara tentang perilaku petugas dalam "
    "pelayanan terkait kesopanan dan keramahan?",
    "Penanganan Pengaduan, Saran dan Masukan": "Bagaimana pendapat Saudara tentang "
    "penanganan pengaduan pengguna layanan?",
    "Sarana dan Prasarana": "Bagaimana pendapat Saudara tentang kualitas sarana dan "
    "prasarana?",
}

# --- Other columns of a survey sheet ----------------------------------------------------------

# field -> header spellings. "saran" is the free-text suggestion column: listed so that it is
# never mistaken for the unsur Penanganan Pengaduan, Saran dan Masukan.
FIELD_SPELLINGS: dict[str, tuple[str, ...]] = {
    "no": (
        "no", "no.", "no urut", "nomor", "nomor urut", "no responden", "nomor responden",
        "responden", "no resp", "kode responden", "no kuesioner", "nomor kuesioner",
    ),
    "tanggal": (
        "tanggal", "tgl", "tanggal survei", "tanggal survey", "tanggal pengisian",
        "hari/tanggal", "hari, tanggal", "waktu survei", "waktu pengisian", "tgl survei",
    ),
    "layanan": (
        "jenis layanan", "jenis pelayanan", "layanan", "pelayanan", "jenis layanan yang diterima",
        "layanan yang diterima", "nama layanan", "jenis layanan yang diurus",
        "layanan yang diurus",
    ),
    "jenis_kelamin": ("jenis kelamin", "jk", "l/p", "kelamin", "gender", "jns kelamin"),
    "umur": ("umur", "usia", "umur responden", "usia responden"),
    "pendidikan": (
        "pendidikan", "pendidikan terakhir", "pendidikan tertinggi", "tingkat pendidikan",
    ),
    "pekerjaan": ("pekerjaan", "pekerjaan utama", "profesi", "mata pencaharian"),
    "nama": ("nama", "nama responden"),
    "saran": (
        "saran", "kritik dan saran", "saran/masukan", "saran dan masukan", "masukan",
        "kritik/saran", "keterangan", "ket",
    ),
    "jumlah": ("jumlah", "total", "jumlah nilai", "rata-rata", "rerata"),
}
FIELD_LABELS: dict[str, str] = {
    "no": "No",
    "tanggal": "Tanggal",
    "layanan": "Jenis Layanan",
    "jenis_kelamin": "Jenis Kelamin",
    "umur": "Umur",
    "pendidikan": "Pendidikan",
    "pekerjaan": "Pekerjaan",
}
PROFILE_FIELDS: tuple[str, ...] = ("jenis_kelamin", "umur", "pendidikan", "pekerjaan")
# Columns whose content makes a row a respondent even when every answer is blank.
RESPONDENT_FIELDS: tuple[str, ...] = ("tanggal", "layanan", *PROFILE_FIELDS, "nama")

# A group cell over the answer columns of a two-row header.
ANSWER_GROUPS: tuple[str, ...] = (
    "unsur pelayanan", "nilai unsur pelayanan", "unsur", "nilai unsur", "nilai per unsur",
    "nilai per unsur pelayanan", "unsur layanan", "nilai unsur layanan", "jawaban",
    "nilai jawaban", "pertanyaan", "nilai", "skor",
)

# A row whose first text starts with one of these closes the respondent list: the summary
# rows of an office's processing sheet (iku computes them itself).
SUMMARY_WORDS: tuple[str, ...] = (
    "σ", "∑", "jumlah", "jml", "total", "nrr", "nilai rata", "rata-rata", "rata rata",
    "rerata", "ikm", "skm", "indeks", "nilai konversi", "mutu", "kinerja", "nilai ikm",
)

# --- Profile categories -------------------------------------------------------------------------

NOT_FILLED = "Tidak diisi"

# category -> spellings (compared with text_key); categories are listed in this order.
GENDER: dict[str, tuple[str, ...]] = {
    "Laki-laki": ("laki-laki", "laki laki", "lakilaki", "laki", "l", "lk", "pria", "male", "m"),
    "Perempuan": ("perempuan", "p", "pr", "wanita", "female", "f", "w"),
}
EDUCATION: dict[str, tuple[str, ...]] = {
    "Tidak/belum sekolah": (
        "tidak sekolah", "belum sekolah", "tidak/belum sekolah", "tidak tamat sd",
        "tidak tamat", "-",
    ),
    "SD": ("sd", "sd/sederajat", "sd sederajat", "mi", "sd/mi", "sekolah dasar", "tamat sd"),
    "SMP": (
        "smp", "sltp", "smp/sederajat", "smp sederajat", "mts", "smp/mts", "sltp/sederajat",
    ),
    "SMA": (
        "sma", "slta", "smk", "sma/smk", "sma/sederajat", "sma sederajat", "slta/sederajat",
        "ma", "sma/ma", "sma/smk/ma", "stm", "smea",
    ),
    "D1–D3": (
        "d1", "d2", "d3", "d-1", "d-2", "d-3", "di", "dii", "diii", "diploma", "d1/d2/d3",
        "d1-d3", "d1 - d3", "d i", "d ii", "d iii", "akademi",
    ),
    "D4/S1": ("s1", "d4", "d-4", "div", "d iv", "s-1", "sarjana", "d4/s1", "s1/d4", "strata 1"),
    "S2": ("s2", "s-2", "magister", "pascasarjana", "strata 2"),
    "S3": ("s3", "s-3", "doktor", "strata 3"),
}
OCCUPATION: dict[str, tuple[str, ...]] = {
    "PNS/ASN": ("pns", "asn", "pns/asn", "pegawai negeri", "pegawai negeri sipil", "pppk"),
    "TNI/Polri": ("tni", "polri", "tni/polri", "tentara", "polisi"),
    "Pegawai Swasta": (
        "swasta", "pegawai swasta", "karyawan", "karyawan swasta", "buruh", "karyawan/buruh",
    ),
    "Wiraswasta": ("wiraswasta", "wirausaha", "pedagang", "pengusaha", "usaha sendiri"),
    "Petani/Pekebun": ("petani", "pekebun", "petani/pekebun", "peternak", "nelayan", "tani"),
    "Pelajar/Mahasiswa": ("pelajar", "mahasiswa", "pelajar/mahasiswa", "siswa"),
    "Ibu Rumah Tangga": ("ibu rumah tangga", "irt", "mengurus rumah tangga"),
    "Perangkat Desa": ("perangkat desa", "kepala desa", "kades", "aparatur desa"),
    "Tidak bekerja": ("tidak bekerja", "belum bekerja", "belum/tidak bekerja"),
    "Lainnya": ("lainnya", "lain-lain", "lain lain", "dll"),
}

# Age bands in whole years: (label, lowest, highest) — no gaps. Ages outside 10..120 are not
# believed (a year of birth, a typo) and are listed as written.
AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("< 20 tahun", 10, 19),
    ("20–29 tahun", 20, 29),
    ("30–39 tahun", 30, 39),
    ("40–49 tahun", 40, 49),
    ("50–59 tahun", 50, 59),
    ("≥ 60 tahun", 60, 120),
)

PROFILE_CATEGORIES: dict[str, dict[str, tuple[str, ...]]] = {
    "jenis_kelamin": GENDER,
    "pendidikan": EDUCATION,
    "pekerjaan": OCCUPATION,
}

# Services a kecamatan office offers (the template's Jenis Layanan list; others may be typed).
TEMPLATE_SERVICES: tuple[str, ...] = (
    "Rekomendasi KTP-el", "Rekomendasi KK", "Surat Keterangan", "Legalisasi Dokumen",
    "Izin Usaha Mikro (IUMK)", "Dispensasi Nikah", "Rekomendasi SKCK", "Lainnya",
)
TEMPLATE_EDUCATION: tuple[str, ...] = (
    "SD", "SMP", "SMA", "D1-D3", "D4/S1", "S2", "S3", "Tidak/belum sekolah",
)
TEMPLATE_OCCUPATION: tuple[str, ...] = (
    "PNS/ASN", "TNI/Polri", "Pegawai Swasta", "Wiraswasta", "Petani/Pekebun",
    "Pelajar/Mahasiswa", "Ibu Rumah Tangga", "Perangkat Desa", "Tidak bekerja", "Lainnya",
)
TEMPLATE_GENDER: tuple[str, ...] = ("Laki-laki", "Perempuan")

# --- Weights and the conversion table --------------------------------------------------------

# --bobot: the weight of each unsur. The official processing sheets print 0,111 (so an
# all-4 survey gives 99,90); 1/9 is the exact weight (100); some sheets use 0,11 (99,00).
WEIGHTS: dict[str, Fraction] = {
    "0.111": Fraction(111, 1000),
    "1/9": Fraction(1, 9),
    "0.11": Fraction(11, 100),
}
DEFAULT_WEIGHT = "0.111"
SCALE = 25  # IKM = sum of weighted NRR x 25


@dataclass(frozen=True)
class Band:
    """One row of the regulation's conversion table (on the index rounded to 2 decimals)."""

    lowest: Decimal  # inclusive; the next band up starts 0.01 higher: no gaps
    mutu: str
    kinerja: str
    persepsi: int
    interval: str  # the Nilai Interval (NI) as the regulation prints it
    interval_konversi: str  # the Nilai Interval Konversi (NIK)


# Highest first.
BANDS: tuple[Band, ...] = (
    Band(Decimal("88.31"), "A", "Sangat Baik", 4, "3,5324 – 4,00", "88,31 – 100,00"),
    Band(Decimal("76.61"), "B", "Baik", 3, "3,0644 – 3,532", "76,61 – 88,30"),
    Band(Decimal("65.00"), "C", "Kurang Baik", 2, "2,60 – 3,064", "65,00 – 76,60"),
    Band(Decimal("25.00"), "D", "Tidak Baik", 1, "1,00 – 2,5996", "25,00 – 64,99"),
)

# --- Sample size (Krejcie–Morgan, as the regulation's guide uses it) ------------------------

CHI_SQUARE = Fraction(3841, 1000)  # chi-square for 1 degree of freedom at 95%
PROPORTION = Fraction(1, 2)
MARGIN = Fraction(5, 100)

PRIORITY_COUNT = 3  # the lowest unsur named as improvement priorities (ties included)
