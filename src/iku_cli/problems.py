"""Problems are values: a stable code, a severity, the place, and what to do (in Indonesian).

The catalogue below is the single list of codes; messages are templates filled from the
problem's details. Renderers format problems; nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    GALAT = "galat"  # an activity row not counted, or input that could not be read
    PERINGATAN = "peringatan"  # counted under a stated assumption, or odd but harmless
    INFO = "info"  # what a rule skipped or assumed

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.GALAT: 0, Severity.PERINGATAN: 1, Severity.INFO: 2}

G, P, INFO = Severity.GALAT, Severity.PERINGATAN, Severity.INFO

# code -> (severity, message template). Templates use str.format fields given by the caller.
CATALOGUE: dict[str, tuple[Severity, str]] = {
    # -- input files --
    "berkas-tidak-ditemukan": (
        G, "berkas atau folder tidak ditemukan: periksa nama dan letaknya{hint}",
    ),
    "berkas-tidak-terbaca": (
        G, "berkas tidak bisa dibuka ({detail}): periksa berkasnya atau izin aksesnya",
    ),
    "bukan-berkas-biasa": (
        G,
        "ini {kind}, bukan berkas biasa: tidak dibaca; simpan rekapnya sebagai berkas .xlsx, "
        ".ods atau .csv",
    ),
    "folder-tidak-terbaca": (
        G,
        "folder tidak bisa dibuka ({detail}): berkas di dalamnya tidak ikut terbaca; periksa "
        "izin aksesnya",
    ),
    "berkas-sedang-dibuka": (
        P,
        "{workbook} sedang dibuka di Excel (ada berkas kunci ini): perubahan yang belum "
        "disimpan tidak ikut terbaca; simpan dan tutup berkas itu, lalu jalankan ulang",
    ),
    "berkas-kunci": (
        G,
        "ini berkas kunci Excel, bukan rekap: {workbook} sedang dibuka di Excel dan perubahan "
        "yang belum disimpan tidak ikut terbaca; simpan dan tutup berkas itu, lalu jalankan "
        "iku pada {workbook}",
    ),
    "berkas-sama": (
        P,
        "isi berkas ini sama persis dengan {first} (kiriman ganda): dibaca sekali saja; hapus "
        "salah satunya",
    ),
    "folder-kosong": (
        P,
        "folder ini tidak berisi berkas .xlsx/.xlsm/.xls/.ods/.csv: periksa foldernya",
    ),
    "berkas-kosong": (G, "berkas kosong (0 byte): minta seksi mengirim ulang berkasnya"),
    "format-tidak-didukung": (
        G,
        "format {format} tidak bisa dibaca: buka di Excel lalu simpan sebagai .xlsx",
    ),
    "bukan-spreadsheet": (
        G,
        "bukan berkas spreadsheet ({detail}): buka di Excel/LibreOffice lalu simpan sebagai .xlsx",
    ),
    "berkas-rusak": (
        G,
        "berkas rusak atau terpotong ({detail}): minta kiriman ulang, atau buka di Excel lalu "
        "simpan ulang",
    ),
    "rentang-tidak-wajar": (
        G,
        "rentang sel terlalu besar untuk dibaca ({detail}): ada sel atau baris terisi jauh di "
        "luar tabel; buka di Excel/LibreOffice, tekan Ctrl+End untuk melihat sel terakhir, hapus "
        "baris dan kolom yang tidak dipakai antara tabel dan sel itu, simpan, lalu ulangi",
    ),
    "dilindungi-sandi": (
        G,
        "berkas dilindungi kata sandi: buka di Excel, simpan tanpa kata sandi, lalu ulangi",
    ),
    "csv-tidak-terbaca": (
        G,
        "CSV tidak terbaca ({detail}): simpan ulang sebagai CSV UTF-8 atau .xlsx",
    ),
    "batas-terlampaui": (
        G,
        "{detail}, melebihi batas {limit} ({key} di tabel [batas] iku.toml): tidak dibaca "
        "agar komputer tidak kehabisan memori; minta kiriman ulang, atau bila berkasnya memang "
        "sebesar itu, naikkan batasnya",
    ),
    "xml-tidak-aman": (
        G,
        "bagian {part} berisi deklarasi DTD/entitas XML, yang tidak pernah ditulis Excel atau "
        "LibreOffice: tidak dibaca demi keamanan; minta kiriman ulang, atau buka di Excel lalu "
        "simpan ulang sebagai .xlsx",
    ),
    "buku-kerja-kosong": (
        G,
        "buku kerja tidak berisi satu sheet pun: buka di Excel, periksa isinya, lalu simpan "
        "ulang",
    ),
    "keluaran-iku-dilewati": (
        INFO,
        "berkas ini {kind}, bukan rekap: dilewati (keluaran iku tidak pernah ikut dihitung)",
    ),
    # -- sheets and tables --
    "sheet-dilewati": (INFO, "sheet dilewati: {detail}"),
    "sheet-tersembunyi-dilewati": (
        P,
        "sheet tersembunyi berisi tabel rekap ({n} baris kegiatan) dan tidak dihitung: "
        "tampilkan sheetnya di Excel (Unhide) atau jalankan dengan --sertakan-tersembunyi",
    ),
    "kolom-wajib-hilang": (
        G,
        "tabel di baris {row} tampak seperti rekap tetapi kolom {missing} tidak ditemukan "
        "(kolom yang dikenali: {found}): tambahkan kolom itu dengan judul baku, misalnya "
        "'{example}'",
    ),
    "tanpa-kolom-tanggal": (
        P,
        "tabel tidak punya kolom Tanggal: semua kegiatannya dianggap tanpa tanggal; tambahkan "
        "kolom 'Tanggal' agar bisa dipilah per periode",
    ),
    "unit-tidak-dikenal": (
        P,
        "nama unit '{value}' tidak dikenal; dihitung apa adanya sebagai unit tersendiri: "
        "tulis nama baku (mis. 'Seksi Pemerintahan') atau tambahkan ejaannya di iku.toml",
    ),
    "tanpa-unit": (
        P,
        "unit kerja tidak diketahui (tidak ada di kolom, judul, nama sheet, maupun nama berkas): "
        "dihitung sebagai 'Tanpa unit'; tulis nama seksi/subbagian di judul atau nama sheet",
    ),
    "rumus-tanpa-nilai": (
        P,
        "{n} sel berisi rumus tanpa nilai tersimpan ({cells}): terbaca kosong; buka berkas di "
        "Excel/LibreOffice, simpan sekali, lalu ulangi",
    ),
    "sel-galat": (
        P,
        "sel berisi galat Excel {value} (rumus yang gagal dihitung): terbaca kosong; perbaiki "
        "rumusnya atau ketik nilainya di Excel, simpan, lalu ulangi",
    ),
    "sheet-kebanyakan-baris": (
        G,
        "sheet ini punya {n} baris sampai nilai terakhirnya, melebihi batas {limit} (baris di "
        "tabel [batas] iku.toml): tidak dibaca; hapus baris yang tidak dipakai, pecah sheetnya, "
        "atau naikkan batasnya",
    ),
    "sel-jauh-diabaikan": (
        P,
        "{n} sel jauh di luar tabel ({cells}) membuat rentang sheet tidak wajar dan diabaikan: "
        "hapus isi sel itu di Excel/LibreOffice (Ctrl+End menunjukkan sel terakhir)",
    ),
    "kaki-diabaikan": (
        INFO,
        "baris {row} dan seterusnya dianggap bagian tanda tangan/penutup dan tidak dibaca",
    ),
    "header-ditemukan": (INFO, "tabel ditemukan: judul kolom di baris {rows}; {mapping}"),
    "header-berulang": (INFO, "judul kolom diulang (mis. untuk cetak) dilewati"),
    "baris-nomor-kolom": (INFO, "baris nomor kolom (1), (2), ... dilewati"),
    "baris-bagian": (INFO, "baris judul bagian '{value}' dilewati{unit_note}"),
    "baris-jumlah": (INFO, "baris jumlah dilewati (bukan kegiatan)"),
    "baris-tersembunyi": (
        INFO,
        "{n} baris berisi data disembunyikan (Hide atau filter) di sheet ini: tetap dibaca dan "
        "dihitung seperti baris lain",
    ),
    "unit-diisi-ke-bawah": (
        INFO,
        "kolom {label} hanya diisi di baris pertama setiap unit: baris kosong di bawahnya "
        "ikut unit di atasnya",
    ),
    "jumlah-tidak-cocok": (
        P,
        "baris jumlah menyebut {claimed}; terdaftar {listed} kegiatan, {counted} terhitung: "
        "periksa angka jumlah atau daftar kegiatannya",
    ),
    # -- activity rows --
    "bukti-kosong": (
        G,
        "kegiatan tanpa bukti dukung: tidak dihitung; isi jenis bukti dukung (Rapat Koordinasi, "
        "Dokumen/Laporan, SK Camat, Rekomendasi, atau Berita Acara)",
    ),
    "bukti-tidak-sah": (
        G,
        "'{value}' bukan jenis bukti dukung yang diakui: kegiatan tidak dihitung; {advice}",
    ),
    "bukti-sebagian-tidak-sah": (
        P,
        "bagian '{part}' bukan jenis bukti dukung dan diabaikan (tetap dihitung dengan {types}); "
        "{advice}",
    ),
    "centang-tidak-dikenal": (
        P,
        "isi '{value}' di kolom centang tidak dikenal, dianggap tidak dicentang: isi ✓ atau "
        "kosongkan",
    ),
    "status-kosong": (
        P,
        "status tindak lanjut kosong: dihitung BELUM ditindaklanjuti; isi 'Ya' atau 'Tidak'",
    ),
    "status-tidak-dikenal": (
        P,
        "status '{value}' tidak dikenal: dihitung BELUM ditindaklanjuti; isi 'Ya' atau 'Tidak'",
    ),
    "status-ganda": (
        P,
        "kolom Ya dan Tidak sama-sama dicentang: dihitung BELUM ditindaklanjuti; centang salah "
        "satu saja",
    ),
    "hasil-kosong": (
        P,
        "kegiatan ditindaklanjuti tetapi hasil tindak lanjutnya kosong: isi hasilnya "
        "(mis. nomor surat, laporan, keputusan)",
    ),
    "tanggal-kosong": (
        P,
        "tanggal kosong: kegiatan tetap dihitung, masuk 'Tanpa tanggal'; isi tanggalnya",
    ),
    "tanggal-tidak-terbaca": (
        P,
        "tanggal '{value}' tidak terbaca: kegiatan tetap dihitung, masuk 'Tanpa tanggal'; "
        "tulis seperti 12/03/2026 atau 12 Maret 2026",
    ),
    "tanggal-tidak-ada": (
        P,
        "tanggal '{value}' tidak ada di kalender: {why}; kegiatan tetap dihitung, masuk "
        "'Tanpa tanggal'; perbaiki tanggalnya",
    ),
    "tanggal-tanpa-tahun": (
        P,
        "tanggal '{value}' tanpa tahun dan tahunnya tidak tertulis di judul (mis. 'TAHUN "
        "2026'): kegiatan tetap dihitung, masuk 'Tanpa tanggal'; tulis tahunnya atau jalankan "
        "dengan --tahun",
    ),
    "di-luar-tahun": (
        P,
        "{n} kegiatan bertanggal di luar tahun {year} tidak dihitung (baris {rows}); periksa "
        "tanggalnya bila seharusnya tahun {year}",
    ),
    "tahun-ganda": (
        P,
        "kegiatan tersebar di beberapa tahun ({years}): pilih satu dengan --tahun YYYY; "
        "baris yang tahunnya lain disebut per sheet",
    ),
    "tahun-lain": (
        P,
        "{n} kegiatan bertanggal di luar tahun {year}, tahun sebagian besar kegiatan (baris "
        "{rows}): periksa tanggalnya; bila memang tahun lain, hitung dengan --tahun",
    ),
    "tahun-beda-judul": (
        P,
        "{n} kegiatan bertanggal di luar tahun {year} yang tertulis di judul sheet (baris "
        "{rows}): periksa tanggalnya, atau judulnya",
    ),
    "target-kecil": (
        P,
        "target {target}% sangat kecil{guess}: target ditulis dalam persen (90 berarti 90%); "
        "periksa --target atau iku.toml",
    ),
    "belum-melapor": (
        P,
        "{unit} belum melapor: tidak ada satu pun baris kegiatannya di berkas yang dibaca "
        "(dihitung 0); minta rekapnya, atau periksa nama sheet/berkas/judulnya bila sudah "
        "dikirim",
    ),
    "tanpa-kecamatan": (
        P,
        "sebagian kegiatan tidak diketahui kecamatannya (tidak ada 'KECAMATAN ...' di judul, "
        "dan berkasnya tidak di folder per kecamatan): dihitung sebagai 'Tanpa kecamatan'",
    ),
    "tanggal-rentang": (INFO, "tanggal berupa rentang '{value}': dipakai tanggal mulainya"),
    "unit-ganda": (INFO, "kolom unit menyebut lebih dari satu unit; dipakai yang pertama: {unit}"),
    "nomor-jadi-angka": (
        P,
        "nomor '{value}' tersimpan sebagai angka, dan Excel hanya menyimpan 15 digit angka: "
        "digit terakhirnya sudah hilang; ketik ulang nomornya dari dokumen aslinya sebagai teks "
        "(awali dengan tanda petik ', atau format kolomnya Teks)",
    ),
    "kegiatan-kosong": (
        P,
        "baris berisi bukti/status tetapi uraian kegiatannya kosong: tidak dihitung; isi uraian "
        "kegiatannya atau hapus barisnya",
    ),
    "baris-lanjutan": (INFO, "teks ini dianggap lanjutan uraian kegiatan di baris {above}"),
    "duplikat": (
        P,
        "kegiatan ini sama persis dengan {first} (tanggal, uraian, bukti, nomor): hanya "
        "salinan pertama itu yang dihitung{credit}{status_note}; {advice}",
    ),
    "duplikat-dikreditkan": (
        P,
        "kegiatan ini juga tertulis di {other} ({other_unit}): dihitung sekali saja, di sini "
        "untuk {unit}, karena berkas/sheet ini dibaca lebih dulu; bila bukan kegiatan {unit}, "
        "hapus dari rekap ini, bila bukan kegiatan {other_unit}, hapus dari rekap itu",
    ),
    # -- IKM survey sheets (iku ikm) --
    "ikm-header-ditemukan": (
        INFO, "tabel survei ditemukan: judul kolom di baris {rows}; {mapping}",
    ),
    "ikm-urutan-unsur": (INFO, "{how}"),
    "ikm-kode-nama-beda": (
        INFO,
        "kolom '{value}' dipetakan menurut nama unsurnya: {unsur} dalam urutan yang dipakai",
    ),
    "ikm-unsur-hilang": (
        G,
        "tabel survei di baris {row} hanya punya {found} dari 9 unsur (tidak ada: {missing}): "
        "tabel tidak dihitung; tambahkan kolom unsur yang hilang dengan judul U1–U9 atau nama "
        "unsurnya",
    ),
    "ikm-unsur-ganda": (
        P,
        "kolom '{value}' juga berisi {unsur} (sudah ada di kolom {first}): kolom ini diabaikan; "
        "perbaiki judul kolomnya",
    ),
    "ikm-unsur-lebih": (
        P,
        "kolom '{value}' bukan salah satu dari 9 unsur PermenPAN-RB No. 14 Tahun 2017: "
        "diabaikan; hapus kolomnya bila bukan jawaban survei",
    ),
    "ikm-jawaban-kosong": (
        G,
        "jawaban {unsur} kosong: responden ini tidak dihitung di semua unsur; isi jawabannya "
        "dari kuesioner (1–4), atau hapus barisnya bila kuesionernya memang tidak lengkap",
    ),
    "ikm-jawaban-tidak-sah": (
        G,
        "jawaban '{value}' untuk {unsur} tidak sah (harus 1, 2, 3, 4 atau a, b, c, d): responden "
        "ini tidak dihitung di semua unsur; perbaiki dari kuesionernya",
    ),
    "ikm-tanpa-jawaban": (
        G,
        "baris berisi data responden tetapi semua jawaban U1–U9 kosong: tidak dihitung; isi "
        "jawabannya dari kuesioner atau hapus barisnya",
    ),
    "ikm-baris-dilewati": (INFO, "baris '{value}' dilewati: bukan data responden"),
    "ikm-baris-ringkasan": (
        INFO,
        "baris ringkasan '{value}' (jumlah/NRR/IKM) menutup tabel responden; baris ini dan di "
        "bawahnya tidak dibaca — iku menghitung sendiri dari jawaban responden",
    ),
    "ikm-sheet-tersembunyi": (
        P,
        "sheet tersembunyi berisi tabel survei ({n} baris responden) dan tidak dihitung: "
        "tampilkan sheetnya di Excel (Unhide) atau jalankan dengan --sertakan-tersembunyi",
    ),
    "ikm-sheet-sama": (
        P,
        "sheet ini berisi {n} responden yang sama persis dengan {other}: tidak dihitung dua "
        "kali; hapus salinannya bila memang sama",
    ),
    "ikm-tanpa-responden": (
        P,
        "tidak ada responden yang bisa dihitung: IKM tidak dapat dihitung; isi jawaban survei "
        "atau perbaiki galat di atas",
    ),
    "ikm-sampel-kurang": (
        P,
        "jumlah responden {n} kurang dari sampel minimum {minimum} untuk populasi {populasi} "
        "(Krejcie–Morgan): tambah {short} responden lagi sebelum IKM dilaporkan",
    ),
    "ikm-sampel-cukup": (
        INFO,
        "jumlah responden {n} memenuhi sampel minimum {minimum} untuk populasi {populasi} "
        "(Krejcie–Morgan)",
    ),
    "ikm-profil-tidak-dikenal": (
        INFO,
        "isi '{value}' di kolom {label} tidak dikenal: dicatat apa adanya di profil responden",
    ),
    "ikm-tanggal-tidak-terbaca": (
        INFO,
        "tanggal '{value}' tidak terbaca (tidak memengaruhi IKM): tulis seperti 12/03/2026",
    ),
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing the operator should know about, at one place in one input."""

    code: str
    severity: Severity
    file: str
    sheet: str | None
    row: int | None  # 1-based sheet row as Excel shows it; None for file/sheet problems
    column: str | None  # the header text as written in the sheet
    value: str | None  # the cell's value as text
    message: str
    cell: str | None = None  # e.g. "D14", when known

    def to_dict(self) -> dict[str, Any]:
        return {
            "kode": self.code,
            "tingkat": str(self.severity),
            "berkas": self.file,
            "sheet": self.sheet,
            "baris": self.row,
            "kolom": self.column,
            "sel": self.cell,
            "nilai": self.value,
            "pesan": self.message,
        }

    @property
    def place(self) -> str:
        """'rekap.xlsx › Pemerintahan › baris 14' — how a person finds it."""
        parts = [self.file]
        if self.sheet:
            parts.append(self.sheet)
        if self.cell:
            parts.append(f"sel {self.cell}")
        elif self.row is not None:
            parts.append(f"baris {self.row}")
        return " › ".join(parts)


def make_problem(
    code: str,
    *,
    file: str,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
    value: object = None,
    cell: str | None = None,
    **details: object,
) -> Problem:
    """Build a problem from the catalogue; ``details`` fill the message template."""
    severity, template = CATALOGUE[code]
    text_value = None if value is None or value == "" else display_value(value)
    message = template.format(value=text_value, row=row, **details)
    return Problem(code, severity, file, sheet, row, column, text_value, message, cell)


def display_value(value: object) -> str:
    """A cell value as the operator would recognise it (dates as 12/03/2026, 3.0 as 3)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime") and hasattr(value, "day"):
        return value.strftime("%d/%m/%Y")  # type: ignore[attr-defined]
    text = str(value)
    return text if len(text) <= 200 else text[:197] + "..."


def count_by_severity(problems: list[Problem]) -> dict[str, int]:
    counts = {str(s): 0 for s in Severity}
    for problem in problems:
        counts[problem.severity] += 1
    return counts


class ReadFailure(Exception):
    """A file that cannot be read at all; ``code`` is a problem code from the catalogue."""

    def __init__(self, code: str, detail: str = "", **extra: object) -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail
        self.extra = extra


class IkuError(Exception):
    """A failure the CLI reports as one Indonesian line (not a traceback)."""

    exit_code = 1


class OutputError(IkuError):
    """An output file could not be written (the previous file is left as it was)."""
