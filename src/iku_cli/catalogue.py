"""The catalogue of problems: every stable code, its severity, and its message in Indonesian.

The single list of codes (the JSON's ``kode``) and what each one tells the operator to do.
Messages are templates filled from the problem's details (``str.format`` fields).
"""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    GALAT = "galat"  # an activity row not counted, or input that could not be read
    PERINGATAN = "peringatan"  # counted under a stated assumption, or odd but harmless
    INFO = "info"  # what a rule skipped or assumed

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.GALAT: 0, Severity.PERINGATAN: 1, Severity.INFO: 2}


class Code(StrEnum):
    """Every problem code; the value is the stable code written in the JSON and the workbooks."""

    FILE_NOT_FOUND = "berkas-tidak-ditemukan"
    FILE_NOT_OPENED = "berkas-tidak-terbaca"
    NOT_A_REGULAR_FILE = "bukan-berkas-biasa"
    FOLDER_NOT_OPENED = "folder-tidak-terbaca"
    WORKBOOK_OPEN_IN_EXCEL = "berkas-sedang-dibuka"
    LOCK_FILE = "berkas-kunci"
    SAME_CONTENT = "berkas-sama"
    EMPTY_FOLDER = "folder-kosong"
    EMPTY_FILE = "berkas-kosong"
    UNSUPPORTED_FORMAT = "format-tidak-didukung"
    NOT_A_SPREADSHEET = "bukan-spreadsheet"
    DAMAGED_FILE = "berkas-rusak"
    GRID_TOO_LARGE = "rentang-tidak-wajar"
    PASSWORD_PROTECTED = "dilindungi-sandi"
    CSV_UNREADABLE = "csv-tidak-terbaca"
    LIMIT_EXCEEDED = "batas-terlampaui"
    UNSAFE_XML = "xml-tidak-aman"
    NO_SHEETS = "buku-kerja-kosong"
    OWN_OUTPUT_SKIPPED = "keluaran-iku-dilewati"
    SHEET_SKIPPED = "sheet-dilewati"
    HIDDEN_SHEET_SKIPPED = "sheet-tersembunyi-dilewati"
    REQUIRED_COLUMN_MISSING = "kolom-wajib-hilang"
    NO_DATE_COLUMN = "tanpa-kolom-tanggal"
    UNKNOWN_UNIT = "unit-tidak-dikenal"
    NO_UNIT = "tanpa-unit"
    FORMULA_WITHOUT_VALUE = "rumus-tanpa-nilai"
    ERROR_CELL = "sel-galat"
    SHEET_TOO_MANY_ROWS = "sheet-kebanyakan-baris"
    FAR_CELLS_CUT = "sel-jauh-diabaikan"
    FOOTER_SKIPPED = "kaki-diabaikan"
    HEADER_FOUND = "header-ditemukan"
    HEADER_REPEATED = "header-berulang"
    COLUMN_NUMBER_ROW = "baris-nomor-kolom"
    SECTION_ROW = "baris-bagian"
    TOTAL_ROW = "baris-jumlah"
    HIDDEN_ROWS = "baris-tersembunyi"
    UNIT_FILLED_DOWN = "unit-diisi-ke-bawah"
    TOTAL_MISMATCH = "jumlah-tidak-cocok"
    NO_EVIDENCE = "bukti-kosong"
    INVALID_EVIDENCE = "bukti-tidak-sah"
    PARTLY_INVALID_EVIDENCE = "bukti-sebagian-tidak-sah"
    UNKNOWN_TICK = "centang-tidak-dikenal"
    NO_STATUS = "status-kosong"
    UNKNOWN_STATUS = "status-tidak-dikenal"
    BOTH_TICKED = "status-ganda"
    NO_RESULT = "hasil-kosong"
    NO_DATE = "tanggal-kosong"
    UNREADABLE_DATE = "tanggal-tidak-terbaca"
    NO_SUCH_DAY = "tanggal-tidak-ada"
    DATE_WITHOUT_YEAR = "tanggal-tanpa-tahun"
    OUTSIDE_YEAR = "di-luar-tahun"
    SEVERAL_YEARS = "tahun-ganda"
    OTHER_YEAR_ROWS = "tahun-lain"
    OTHER_THAN_TITLE_YEAR = "tahun-beda-judul"
    SMALL_TARGET = "target-kecil"
    NOT_REPORTED = "belum-melapor"
    HISTORY_NOT_EARLIER = "riwayat-bukan-tahun-lalu"
    HISTORY_CONFLICT = "riwayat-berbeda"
    HISTORY_FROM_INPUTS = "riwayat-dari-rekap"
    HISTORY_FROM_PART_YEAR = "riwayat-tidak-setahun"
    RENSTRA_ENDED = "renstra-berakhir"
    NO_DISTRICT = "tanpa-kecamatan"
    DATE_RANGE = "tanggal-rentang"
    SEVERAL_UNITS = "unit-ganda"
    NUMBER_STORED_AS_NUMBER = "nomor-jadi-angka"
    NO_ACTIVITY_TEXT = "kegiatan-kosong"
    CONTINUATION_ROW = "baris-lanjutan"
    DUPLICATE = "duplikat"
    DUPLICATE_CREDITED = "duplikat-dikreditkan"
    ROLLUP_NOT_A_RESULT = "gabung-bukan-hasil"
    ROLLUP_OLD_WORKBOOK = "gabung-ringkasan-lama"
    ROLLUP_SCHEMA = "gabung-versi-skema"
    ROLLUP_NO_SUBDISTRICT = "gabung-tanpa-kecamatan"
    ROLLUP_NO_YEAR = "gabung-tanpa-tahun"
    ROLLUP_OTHER_YEAR = "gabung-tahun-lain"
    ROLLUP_OTHER_INDICATOR = "gabung-indikator-lain"
    ROLLUP_SENT_TWICE = "gabung-kiriman-ganda"
    ROLLUP_INCOMPLETE = "gabung-tidak-lengkap"
    ROLLUP_HAS_GALAT = "gabung-masih-galat"
    ROLLUP_NOT_SENT = "belum-mengirim"
    ROLLUP_NOT_LISTED = "gabung-tidak-di-daftar"
    ROLLUP_TARGETS_DIFFER = "gabung-target-beda"
    IKM_HEADER_FOUND = "ikm-header-ditemukan"
    IKM_UNSUR_ORDER = "ikm-urutan-unsur"
    IKM_CODE_AND_NAME_DIFFER = "ikm-kode-nama-beda"
    IKM_UNSUR_MISSING = "ikm-unsur-hilang"
    IKM_UNSUR_TWICE = "ikm-unsur-ganda"
    IKM_EXTRA_UNSUR = "ikm-unsur-lebih"
    IKM_NO_ANSWER = "ikm-jawaban-kosong"
    IKM_INVALID_ANSWER = "ikm-jawaban-tidak-sah"
    IKM_NO_ANSWERS = "ikm-tanpa-jawaban"
    IKM_ROW_SKIPPED = "ikm-baris-dilewati"
    IKM_SUMMARY_ROW = "ikm-baris-ringkasan"
    IKM_HIDDEN_SHEET_SKIPPED = "ikm-sheet-tersembunyi"
    IKM_SAME_SHEET = "ikm-sheet-sama"
    IKM_NO_RESPONDENTS = "ikm-tanpa-responden"
    IKM_SAMPLE_SHORT = "ikm-sampel-kurang"
    IKM_SAMPLE_ENOUGH = "ikm-sampel-cukup"
    IKM_UNKNOWN_PROFILE = "ikm-profil-tidak-dikenal"
    IKM_UNREADABLE_DATE = "ikm-tanggal-tidak-terbaca"


G, P, INFO = Severity.GALAT, Severity.PERINGATAN, Severity.INFO

# code -> (severity, message template). Templates use str.format fields given by the caller.
CATALOGUE: dict[Code, tuple[Severity, str]] = {
    # -- input files --
    Code.FILE_NOT_FOUND: (
        G, "berkas atau folder tidak ditemukan: periksa nama dan letaknya{hint}",
    ),
    Code.FILE_NOT_OPENED: (
        G, "berkas tidak bisa dibuka ({detail}): periksa berkasnya atau izin aksesnya",
    ),
    Code.NOT_A_REGULAR_FILE: (
        G,
        "ini {kind}, bukan berkas biasa: tidak dibaca; simpan rekapnya sebagai berkas .xlsx, "
        ".ods atau .csv",
    ),
    Code.FOLDER_NOT_OPENED: (
        G,
        "folder tidak bisa dibuka ({detail}): berkas di dalamnya tidak ikut terbaca; periksa "
        "izin aksesnya",
    ),
    Code.WORKBOOK_OPEN_IN_EXCEL: (
        P,
        "{workbook} sedang dibuka di Excel (ada berkas kunci ini): perubahan yang belum "
        "disimpan tidak ikut terbaca; simpan dan tutup berkas itu, lalu jalankan ulang",
    ),
    Code.LOCK_FILE: (
        G,
        "ini berkas kunci Excel, bukan rekap: {workbook} sedang dibuka di Excel dan perubahan "
        "yang belum disimpan tidak ikut terbaca; simpan dan tutup berkas itu, lalu jalankan "
        "iku pada {workbook}",
    ),
    Code.SAME_CONTENT: (
        P,
        "isi berkas ini sama persis dengan {first} (kiriman ganda): dibaca sekali saja; hapus "
        "salah satunya",
    ),
    Code.EMPTY_FOLDER: (
        P,
        "folder ini tidak berisi berkas .xlsx/.xlsm/.xls/.ods/.csv: periksa foldernya",
    ),
    Code.EMPTY_FILE: (G, "berkas kosong (0 byte): minta seksi mengirim ulang berkasnya"),
    Code.UNSUPPORTED_FORMAT: (
        G,
        "format {format} tidak bisa dibaca: buka di Excel lalu simpan sebagai .xlsx",
    ),
    Code.NOT_A_SPREADSHEET: (
        G,
        "bukan berkas spreadsheet ({detail}): buka di Excel/LibreOffice lalu simpan sebagai .xlsx",
    ),
    Code.DAMAGED_FILE: (
        G,
        "berkas rusak atau terpotong ({detail}): minta kiriman ulang, atau buka di Excel lalu "
        "simpan ulang",
    ),
    Code.GRID_TOO_LARGE: (
        G,
        "rentang sel terlalu besar untuk dibaca ({detail}): ada sel atau baris terisi jauh di "
        "luar tabel; buka di Excel/LibreOffice, tekan Ctrl+End untuk melihat sel terakhir, hapus "
        "baris dan kolom yang tidak dipakai antara tabel dan sel itu, simpan, lalu ulangi",
    ),
    Code.PASSWORD_PROTECTED: (
        G,
        "berkas dilindungi kata sandi: buka di Excel, simpan tanpa kata sandi, lalu ulangi",
    ),
    Code.CSV_UNREADABLE: (
        G,
        "CSV tidak terbaca ({detail}): simpan ulang sebagai CSV UTF-8 atau .xlsx",
    ),
    Code.LIMIT_EXCEEDED: (
        G,
        "{detail}, melebihi batas {limit} ({key} di tabel [batas] iku.toml): tidak dibaca "
        "agar komputer tidak kehabisan memori; minta kiriman ulang, atau bila berkasnya memang "
        "sebesar itu, naikkan batasnya",
    ),
    Code.UNSAFE_XML: (
        G,
        "bagian {part} berisi deklarasi DTD/entitas XML, yang tidak pernah ditulis Excel atau "
        "LibreOffice: tidak dibaca demi keamanan; minta kiriman ulang, atau buka di Excel lalu "
        "simpan ulang sebagai .xlsx",
    ),
    Code.NO_SHEETS: (
        G,
        "buku kerja tidak berisi satu sheet pun: buka di Excel, periksa isinya, lalu simpan "
        "ulang",
    ),
    Code.OWN_OUTPUT_SKIPPED: (
        INFO,
        "berkas ini {kind}, bukan rekap: dilewati (keluaran iku tidak pernah ikut dihitung)",
    ),
    # -- sheets and tables --
    Code.SHEET_SKIPPED: (INFO, "sheet dilewati: {detail}"),
    Code.HIDDEN_SHEET_SKIPPED: (
        P,
        "sheet tersembunyi berisi tabel rekap ({n} baris kegiatan) dan tidak dihitung: "
        "tampilkan sheetnya di Excel (Unhide) atau jalankan dengan --sertakan-tersembunyi",
    ),
    Code.REQUIRED_COLUMN_MISSING: (
        G,
        "tabel di baris {row} tampak seperti rekap tetapi kolom {missing} tidak ditemukan "
        "(kolom yang dikenali: {found}): tambahkan kolom itu dengan judul baku, misalnya "
        "'{example}'",
    ),
    Code.NO_DATE_COLUMN: (
        P,
        "tabel tidak punya kolom Tanggal: semua kegiatannya dianggap tanpa tanggal; tambahkan "
        "kolom 'Tanggal' agar bisa dipilah per periode",
    ),
    Code.UNKNOWN_UNIT: (
        P,
        "nama unit '{value}' tidak dikenal; dihitung apa adanya sebagai unit tersendiri: "
        "tulis nama baku (mis. 'Seksi Pemerintahan') atau tambahkan ejaannya di iku.toml",
    ),
    Code.NO_UNIT: (
        P,
        "unit kerja tidak diketahui (tidak ada di kolom, judul, nama sheet, maupun nama berkas): "
        "dihitung sebagai 'Tanpa unit'; tulis nama seksi/subbagian di judul atau nama sheet",
    ),
    Code.FORMULA_WITHOUT_VALUE: (
        P,
        "{n} sel berisi rumus tanpa nilai tersimpan ({cells}): terbaca kosong; buka berkas di "
        "Excel/LibreOffice, simpan sekali, lalu ulangi",
    ),
    Code.ERROR_CELL: (
        P,
        "sel berisi galat Excel {value} (rumus yang gagal dihitung): terbaca kosong; perbaiki "
        "rumusnya atau ketik nilainya di Excel, simpan, lalu ulangi",
    ),
    Code.SHEET_TOO_MANY_ROWS: (
        G,
        "sheet ini punya {n} baris sampai nilai terakhirnya, melebihi batas {limit} (baris di "
        "tabel [batas] iku.toml): tidak dibaca; hapus baris yang tidak dipakai, pecah sheetnya, "
        "atau naikkan batasnya",
    ),
    Code.FAR_CELLS_CUT: (
        P,
        "{n} sel jauh di luar tabel ({cells}) membuat rentang sheet tidak wajar dan diabaikan: "
        "hapus isi sel itu di Excel/LibreOffice (Ctrl+End menunjukkan sel terakhir)",
    ),
    Code.FOOTER_SKIPPED: (
        INFO,
        "baris {row} dan seterusnya dianggap bagian tanda tangan/penutup dan tidak dibaca",
    ),
    Code.HEADER_FOUND: (INFO, "tabel ditemukan: judul kolom di baris {rows}; {mapping}"),
    Code.HEADER_REPEATED: (INFO, "judul kolom diulang (mis. untuk cetak) dilewati"),
    Code.COLUMN_NUMBER_ROW: (INFO, "baris nomor kolom (1), (2), ... dilewati"),
    Code.SECTION_ROW: (INFO, "baris judul bagian '{value}' dilewati{unit_note}"),
    Code.TOTAL_ROW: (INFO, "baris jumlah dilewati (bukan kegiatan)"),
    Code.HIDDEN_ROWS: (
        INFO,
        "{n} baris berisi data disembunyikan (Hide atau filter) di sheet ini: tetap dibaca dan "
        "dihitung seperti baris lain",
    ),
    Code.UNIT_FILLED_DOWN: (
        INFO,
        "kolom {label} hanya diisi di baris pertama setiap unit: baris kosong di bawahnya "
        "ikut unit di atasnya",
    ),
    Code.TOTAL_MISMATCH: (
        P,
        "baris jumlah menyebut {claimed}; terdaftar {listed} kegiatan, {counted} terhitung: "
        "periksa angka jumlah atau daftar kegiatannya",
    ),
    # -- activity rows --
    Code.NO_EVIDENCE: (
        G,
        "kegiatan tanpa bukti dukung: tidak dihitung; isi jenis bukti dukung (Rapat Koordinasi, "
        "Dokumen/Laporan, SK Camat, Rekomendasi, atau Berita Acara)",
    ),
    Code.INVALID_EVIDENCE: (
        G,
        "'{value}' bukan jenis bukti dukung yang diakui: kegiatan tidak dihitung; {advice}",
    ),
    Code.PARTLY_INVALID_EVIDENCE: (
        P,
        "bagian '{part}' bukan jenis bukti dukung dan diabaikan (tetap dihitung dengan {types}); "
        "{advice}",
    ),
    Code.UNKNOWN_TICK: (
        P,
        "isi '{value}' di kolom centang tidak dikenal, dianggap tidak dicentang: isi ✓ atau "
        "kosongkan",
    ),
    Code.NO_STATUS: (
        P,
        "status tindak lanjut kosong: dihitung BELUM ditindaklanjuti; isi 'Ya' atau 'Tidak'",
    ),
    Code.UNKNOWN_STATUS: (
        P,
        "status '{value}' tidak dikenal: dihitung BELUM ditindaklanjuti; isi 'Ya' atau 'Tidak'",
    ),
    Code.BOTH_TICKED: (
        P,
        "kolom Ya dan Tidak sama-sama dicentang: dihitung BELUM ditindaklanjuti; centang salah "
        "satu saja",
    ),
    Code.NO_RESULT: (
        P,
        "kegiatan ditindaklanjuti tetapi hasil tindak lanjutnya kosong: isi hasilnya "
        "(mis. nomor surat, laporan, keputusan)",
    ),
    Code.NO_DATE: (
        P,
        "tanggal kosong: kegiatan tetap dihitung, masuk 'Tanpa tanggal'; isi tanggalnya",
    ),
    Code.UNREADABLE_DATE: (
        P,
        "tanggal '{value}' tidak terbaca: kegiatan tetap dihitung, masuk 'Tanpa tanggal'; "
        "tulis seperti 12/03/2026 atau 12 Maret 2026",
    ),
    Code.NO_SUCH_DAY: (
        P,
        "tanggal '{value}' tidak ada di kalender: {why}; kegiatan tetap dihitung, masuk "
        "'Tanpa tanggal'; perbaiki tanggalnya",
    ),
    Code.DATE_WITHOUT_YEAR: (
        P,
        "tanggal '{value}' tanpa tahun dan tahunnya tidak tertulis di judul (mis. 'TAHUN "
        "2026'): kegiatan tetap dihitung, masuk 'Tanpa tanggal'; tulis tahunnya atau jalankan "
        "dengan --tahun",
    ),
    Code.OUTSIDE_YEAR: (
        P,
        "{n} kegiatan bertanggal di luar tahun {year} tidak dihitung (baris {rows}); periksa "
        "tanggalnya bila seharusnya tahun {year}",
    ),
    Code.SEVERAL_YEARS: (
        P,
        "kegiatan tersebar di beberapa tahun ({years}): pilih satu dengan --tahun YYYY; "
        "baris yang tahunnya lain disebut per sheet",
    ),
    Code.OTHER_YEAR_ROWS: (
        P,
        "{n} kegiatan bertanggal di luar tahun {year}, tahun sebagian besar kegiatan (baris "
        "{rows}): periksa tanggalnya; bila memang tahun lain, hitung dengan --tahun",
    ),
    Code.OTHER_THAN_TITLE_YEAR: (
        P,
        "{n} kegiatan bertanggal di luar tahun {year} yang tertulis di judul sheet (baris "
        "{rows}): periksa tanggalnya, atau judulnya",
    ),
    Code.SMALL_TARGET: (
        P,
        "target {target}% sangat kecil{guess}: target ditulis dalam persen (90 berarti 90%); "
        "periksa --target atau iku.toml",
    ),
    Code.NOT_REPORTED: (
        P,
        "{unit} belum melapor: tidak ada satu pun baris kegiatannya di berkas yang dibaca "
        "(dihitung 0); minta rekapnya, atau periksa nama sheet/berkas/judulnya bila sudah "
        "dikirim",
    ),
    Code.HISTORY_NOT_EARLIER: (
        P,
        "riwayat tahun {year} dari {value} diabaikan: riwayat hanya untuk tahun sebelum "
        "{counted}, tahun yang dihitung; periksa [riwayat] atau [ikm.riwayat] di iku.toml, atau "
        "berkas --riwayat",
    ),
    Code.HISTORY_CONFLICT: (
        P,
        "riwayat tahun {year}: {kept_source} menyebut {kept}%, {other_source} menyebut "
        "{other}%; yang dipakai {kept}% ({kept_source}). Periksa angka yang dilaporkan di "
        "LKjIP {year}",
    ),
    Code.HISTORY_FROM_INPUTS: (
        INFO,
        "riwayat tahun {year} dihitung dari kegiatan bertanggal {year} di berkas masukan: "
        "{followed} dari {n} ditindaklanjuti ({percent}%); bila LKjIP {year} melaporkan angka "
        "lain, tulis angka itu di [riwayat] iku.toml",
    ),
    Code.HISTORY_FROM_PART_YEAR: (
        P,
        "riwayat tahun {year} dihitung dari {n} kegiatan bertanggal {year} di berkas masukan "
        "({percent}%), tetapi kegiatan itu tidak mengisi keempat triwulan: mungkin bukan rekap "
        "setahun penuh; tulis angka LKjIP {year} di [riwayat] iku.toml",
    ),
    Code.RENSTRA_ENDED: (
        P,
        "tahun {year} sesudah tahun akhir Renstra ({final}): perbarui [renstra] di iku.toml "
        "dengan Renstra yang berlaku",
    ),
    # -- iku gabung: the kabupaten's roll-up of the results its kecamatan sent ---------------
    Code.ROLLUP_NOT_A_RESULT: (
        INFO,
        "{detail}: dilewati (iku gabung membaca hasil `iku hitung --format json` dan buku kerja "
        "ringkasan `iku hitung -o` yang dikirim kecamatan)",
    ),
    Code.ROLLUP_OLD_WORKBOOK: (
        G,
        "buku kerja ringkasan ini tidak memuat data hasil (dibuat iku versi lama): tidak "
        "digabung; minta kecamatan membuatnya ulang dengan `iku hitung ... -o`, atau mengirim "
        "hasil JSON-nya",
    ),
    Code.ROLLUP_SCHEMA: (
        G,
        "hasil ini memakai versi skema {value}, sedangkan iku ini membaca versi {known}: tidak "
        "digabung; minta kecamatan membuat ulang hasilnya dengan iku versi yang sama",
    ),
    Code.ROLLUP_NO_SUBDISTRICT: (
        G,
        "hasil ini tidak menyebut kecamatannya: tidak digabung; minta kecamatan mengisi "
        "'kecamatan' di iku.toml-nya lalu menghitung ulang, atau simpan berkasnya di folder "
        "bernama kecamatan itu",
    ),
    Code.ROLLUP_NO_YEAR: (
        G,
        "hasil Kecamatan {name} tidak menyebut tahunnya: tidak digabung; minta kecamatan "
        "menghitung ulang dengan --tahun {year}",
    ),
    Code.ROLLUP_OTHER_YEAR: (
        G,
        "hasil Kecamatan {name} untuk tahun {value}, bukan {year}: tidak digabung; minta hasil "
        "tahun {year} (atau gabung dengan --tahun {value})",
    ),
    Code.ROLLUP_OTHER_INDICATOR: (
        G,
        "hasil Kecamatan {name} untuk indikator '{value}', bukan '{indicator}': tidak digabung",
    ),
    Code.ROLLUP_SENT_TWICE: (
        P,
        "Kecamatan {name} mengirim dua hasil yang berbeda: yang dipakai {kept} (dibuat "
        "{kept_at}), bukan {other} (dibuat {other_at}); pastikan yang dipakai memang yang "
        "terbaru, lalu hapus yang lain",
    ),
    Code.ROLLUP_INCOMPLETE: (
        P,
        "hasil Kecamatan {name} tidak lengkap: ada berkas rekap yang tidak terbaca di kecamatan, "
        "jadi {followed} dari {counted} kegiatan mungkin kurang; minta kecamatan melengkapinya",
    ),
    Code.ROLLUP_HAS_GALAT: (
        P,
        "hasil Kecamatan {name} masih memuat {n} galat (kegiatan yang tidak dihitung): yang "
        "digabung {followed} dari {counted} kegiatan; minta kecamatan memperbaiki rekapnya dan "
        "mengirim ulang",
    ),
    Code.ROLLUP_NOT_SENT: (
        P,
        "Kecamatan {name} belum mengirim hasil (ada di daftar [kabupaten] kecamatan di "
        "iku.toml): barisnya kosong dan tidak ikut total",
    ),
    Code.ROLLUP_NOT_LISTED: (
        P,
        "Kecamatan {name} tidak ada di daftar [kabupaten] kecamatan di iku.toml: tetap digabung; "
        "periksa ejaan namanya di daftar itu atau di iku.toml kecamatan",
    ),
    Code.ROLLUP_TARGETS_DIFFER: (
        INFO,
        "target kecamatan berbeda-beda ({targets}): capaian kabupaten dihitung hanya dengan "
        "--target atau 'target' di iku.toml kabupaten",
    ),
    Code.NO_DISTRICT: (
        P,
        "sebagian kegiatan tidak diketahui kecamatannya (tidak ada 'KECAMATAN ...' di judul, "
        "dan berkasnya tidak di folder per kecamatan): dihitung sebagai 'Tanpa kecamatan'",
    ),
    Code.DATE_RANGE: (INFO, "tanggal berupa rentang '{value}': dipakai tanggal mulainya"),
    Code.SEVERAL_UNITS: (
        INFO, "kolom unit menyebut lebih dari satu unit; dipakai yang pertama: {unit}",
    ),
    Code.NUMBER_STORED_AS_NUMBER: (
        P,
        "nomor '{value}' tersimpan sebagai angka, dan Excel hanya menyimpan 15 digit angka: "
        "digit terakhirnya sudah hilang; ketik ulang nomornya dari dokumen aslinya sebagai teks "
        "(awali dengan tanda petik ', atau format kolomnya Teks)",
    ),
    Code.NO_ACTIVITY_TEXT: (
        P,
        "baris berisi bukti/status tetapi uraian kegiatannya kosong: tidak dihitung; isi uraian "
        "kegiatannya atau hapus barisnya",
    ),
    Code.CONTINUATION_ROW: (INFO, "teks ini dianggap lanjutan uraian kegiatan di baris {above}"),
    Code.DUPLICATE: (
        P,
        "kegiatan ini sama persis dengan {first} (tanggal, uraian, bukti, nomor): hanya "
        "salinan pertama itu yang dihitung{credit}{status_note}; {advice}",
    ),
    Code.DUPLICATE_CREDITED: (
        P,
        "kegiatan ini juga tertulis di {other} ({other_unit}): dihitung sekali saja, di sini "
        "untuk {unit}, karena berkas/sheet ini dibaca lebih dulu; bila bukan kegiatan {unit}, "
        "hapus dari rekap ini, bila bukan kegiatan {other_unit}, hapus dari rekap itu",
    ),
    # -- IKM survey sheets (iku ikm) --
    Code.IKM_HEADER_FOUND: (
        INFO, "tabel survei ditemukan: judul kolom di baris {rows}; {mapping}",
    ),
    Code.IKM_UNSUR_ORDER: (INFO, "{how}"),
    Code.IKM_CODE_AND_NAME_DIFFER: (
        INFO,
        "kolom '{value}' dipetakan menurut nama unsurnya: {unsur} dalam urutan yang dipakai",
    ),
    Code.IKM_UNSUR_MISSING: (
        G,
        "tabel survei di baris {row} hanya punya {found} dari 9 unsur (tidak ada: {missing}): "
        "tabel tidak dihitung; tambahkan kolom unsur yang hilang dengan judul U1–U9 atau nama "
        "unsurnya",
    ),
    Code.IKM_UNSUR_TWICE: (
        P,
        "kolom '{value}' juga berisi {unsur} (sudah ada di kolom {first}): kolom ini diabaikan; "
        "perbaiki judul kolomnya",
    ),
    Code.IKM_EXTRA_UNSUR: (
        P,
        "kolom '{value}' bukan salah satu dari 9 unsur PermenPAN-RB No. 14 Tahun 2017: "
        "diabaikan; hapus kolomnya bila bukan jawaban survei",
    ),
    Code.IKM_NO_ANSWER: (
        G,
        "jawaban {unsur} kosong: responden ini tidak dihitung di semua unsur; isi jawabannya "
        "dari kuesioner (1–4), atau hapus barisnya bila kuesionernya memang tidak lengkap",
    ),
    Code.IKM_INVALID_ANSWER: (
        G,
        "jawaban '{value}' untuk {unsur} tidak sah (harus 1, 2, 3, 4 atau a, b, c, d): responden "
        "ini tidak dihitung di semua unsur; perbaiki dari kuesionernya",
    ),
    Code.IKM_NO_ANSWERS: (
        G,
        "baris berisi data responden tetapi semua jawaban U1–U9 kosong: tidak dihitung; isi "
        "jawabannya dari kuesioner atau hapus barisnya",
    ),
    Code.IKM_ROW_SKIPPED: (INFO, "baris '{value}' dilewati: bukan data responden"),
    Code.IKM_SUMMARY_ROW: (
        INFO,
        "baris ringkasan '{value}' (jumlah/NRR/IKM) menutup tabel responden; baris ini dan di "
        "bawahnya tidak dibaca — iku menghitung sendiri dari jawaban responden",
    ),
    Code.IKM_HIDDEN_SHEET_SKIPPED: (
        P,
        "sheet tersembunyi berisi tabel survei ({n} baris responden) dan tidak dihitung: "
        "tampilkan sheetnya di Excel (Unhide) atau jalankan dengan --sertakan-tersembunyi",
    ),
    Code.IKM_SAME_SHEET: (
        P,
        "sheet ini berisi {n} responden yang sama persis dengan {other}: tidak dihitung dua "
        "kali; hapus salinannya bila memang sama",
    ),
    Code.IKM_NO_RESPONDENTS: (
        P,
        "tidak ada responden yang bisa dihitung: IKM tidak dapat dihitung; isi jawaban survei "
        "atau perbaiki galat di atas",
    ),
    Code.IKM_SAMPLE_SHORT: (
        P,
        "jumlah responden {n} kurang dari sampel minimum {minimum} untuk populasi {populasi} "
        "(Krejcie–Morgan): tambah {short} responden lagi sebelum IKM dilaporkan",
    ),
    Code.IKM_SAMPLE_ENOUGH: (
        INFO,
        "jumlah responden {n} memenuhi sampel minimum {minimum} untuk populasi {populasi} "
        "(Krejcie–Morgan)",
    ),
    Code.IKM_UNKNOWN_PROFILE: (
        INFO,
        "isi '{value}' di kolom {label} tidak dikenal: dicatat apa adanya di profil responden",
    ),
    Code.IKM_UNREADABLE_DATE: (
        INFO,
        "tanggal '{value}' tidak terbaca (tidak memengaruhi IKM): tulis seperti 12/03/2026",
    ),
}
