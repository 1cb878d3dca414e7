"""The laporan SKM draft (`iku ikm … -o laporan_skm.docx`), as PermenPAN-RB 14/2017 lays it out.

Bab I Pendahuluan (standard text to edit), Bab II Pengumpulan Data (method, period, the minimum
sample for the population), Bab III Hasil (respondent profile, NRR per unsur, IKM, mutu,
kinerja, per service), Bab IV Analisis (priorities, the Rencana Tindak Lanjut for the Forum
Konsultasi Publik, the trend against earlier surveys), Bab V Penutup, and the signature block.
Every number comes from the same :class:`IkmResult` the JSON is made from.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from docx.document import Document as DocumentObject

from iku_cli.ikm.model import IkmResult
from iku_cli.ikm.vocab import BANDS, FIELD_LABELS, REGULATION
from iku_cli.marker import Kind
from iku_cli.numbers import decimal, round_half_up, thousands
from iku_cli.render.common import docx as word
from iku_cli.render.common.signature import Signatory
from iku_cli.render.ikm import skm_text as text
from iku_cli.render.ikm.skm_text import SkmTexts

UNSUR_HEADERS = ("No", "Unsur pelayanan", "Jumlah nilai", "NRR", "NRR tertimbang", "Mutu")
ACTION_HEADERS = ("No", "Prioritas unsur", "Program/Kegiatan", "Waktu", "Penanggung jawab")
BAND_HEADERS = ("Nilai persepsi", "Nilai interval", "Nilai interval konversi", "Mutu",
                "Kinerja unit pelayanan")


def write_skm_report(result: IkmResult, target: Path, texts: SkmTexts, signatory: Signatory,
                     today: dt.date | None = None) -> None:
    """Build the document and write it atomically to ``target``."""
    word.save_document(build_skm_report(result, texts, signatory, today or dt.date.today()),
                       target)


def _ikm(value: Decimal | float | None) -> str:
    return "–" if value is None else decimal(float(value), 2)


def _fraction(value: Fraction | None, places: int) -> str:
    """An exact value rounded half-up, as the JSON and the workbook round it."""
    return "–" if value is None else decimal(float(round_half_up(value, places)), places)


def build_skm_report(result: IkmResult, texts: SkmTexts, signatory: Signatory,
                     today: dt.date) -> DocumentObject:
    unit = text.unit_name(result, texts)
    year = str(result.tahun) if result.tahun is not None else "[tahun]"
    document = word.new_document(Kind.SKM, f"Laporan SKM {unit} {year}")
    word.centred(document, "LAPORAN", size=14)
    word.centred(document, "SURVEI KEPUASAN MASYARAKAT", size=14)
    word.centred(document, f"{unit.upper()} TAHUN {year}", size=13)
    _check_first(document, result)
    _chapter_one(document, result, texts)
    _chapter_two(document, result, texts)
    _chapter_three(document, result)
    _chapter_four(document, result, texts)
    word.heading(document, "BAB V PENUTUP", 1)
    if texts.closing:
        word.paragraph(document, texts.closing)
    else:
        word.draft(document, text.closing(result, texts))
        word.fill_in(document, "Tulis kesimpulan kantor di iku.toml: [skm] penutup = "
                               "\"\"\"...\"\"\" — teks itu menggantikan draf ini")
    word.signature(document, signatory, result.kecamatan, today)
    return document


def _check_first(document: DocumentObject, result: IkmResult) -> None:
    """What a signer must know about the data before signing (never left out)."""
    counts = result.counts_by_severity
    lines = []
    if not result.complete:
        lines.append("ada berkas survei yang tidak terbaca: hasil ini belum lengkap")
    if counts["galat"]:
        lines.append(f"{counts['galat']} galat (responden yang tidak diolah); lihat keluaran "
                     "iku ikm")
    if result.sample is not None and not result.sample.enough:
        lines.append(f"responden kurang {result.sample.minimum - result.sample.responden} dari "
                     "sampel minimum")
    if lines:
        word.fill_in(document, "Periksa sebelum ditandatangani: " + "; ".join(lines))


def _chapter_one(document: DocumentObject, result: IkmResult, texts: SkmTexts) -> None:
    word.heading(document, "BAB I PENDAHULUAN", 1)
    word.heading(document, "A. Latar Belakang", 2)
    for line in text.background(result, texts):
        word.paragraph(document, line)
    word.heading(document, "B. Dasar Hukum", 2)
    word.numbered(document, texts.legal_basis or text.LEGAL_BASIS)
    word.heading(document, "C. Maksud dan Tujuan", 2)
    for line in text.purpose(result, texts):
        word.paragraph(document, line)
    if not (texts.background and texts.purpose):
        word.note(document, "Bab I berisi teks baku: sunting di sini, atau tulis di iku.toml "
                            "([skm] latar_belakang, dasar_hukum, tujuan) agar tetap ada saat "
                            "laporan dibuat ulang.")


def _chapter_two(document: DocumentObject, result: IkmResult, texts: SkmTexts) -> None:
    word.heading(document, "BAB II PENGUMPULAN DATA SKM", 1)
    word.heading(document, "A. Pelaksana dan Metode", 2)
    for line in text.method(result, texts):
        word.paragraph(document, line)
    word.heading(document, "B. Lokasi dan Waktu Pengumpulan Data", 2)
    word.paragraph(document, text.place(result, texts))
    word.placeholder_runs(word.paragraph(document, text.period(result)))
    word.heading(document, "C. Penentuan Jumlah Responden", 2)
    word.placeholder_runs(word.paragraph(document, text.sample(result)))
    if result.sample is not None:
        check = result.sample
        word.table(document, "Tabel 2.1 Jumlah Responden",
                   ("Populasi", "Sampel minimum (Krejcie–Morgan)", "Responden diolah",
                    "Keterangan"),
                   [(thousands(check.populasi), thousands(check.minimum),
                     thousands(check.responden), "cukup" if check.enough else "kurang")],
                   numeric=(0, 1, 2))


def _chapter_three(document: DocumentObject, result: IkmResult) -> None:
    word.heading(document, "BAB III HASIL PENGOLAHAN DATA SKM", 1)
    word.heading(document, "A. Jumlah dan Profil Responden", 2)
    word.paragraph(document, f"Jumlah responden yang diolah {thousands(result.responden)} "
                             "orang. Profil responden:")
    number = 1
    for field, counts in result.profil.items():
        word.table(document, f"Tabel 3.{number} Responden menurut "
                             f"{FIELD_LABELS.get(field, field)}",
                   (FIELD_LABELS.get(field, field), "Jumlah", "Persentase (%)"),
                   [(c.kategori, c.jumlah, decimal(float(c.persen), 2)) for c in counts],
                   widths=(8.5, 3.0, 4.0), numeric=(1, 2))
        number += 1
    word.heading(document, "B. Indeks Kepuasan Masyarakat", 2)
    word.paragraph(document, f"Nilai per unsur dihitung menurut {REGULATION}: NRR = jumlah "
                             "nilai ÷ jumlah responden; NRR tertimbang = NRR × bobot; IKM = "
                             "jumlah NRR tertimbang × 25.")
    rows: list[tuple[str, str, str, str, str, str]] = [
        (score.kode, score.nama, thousands(score.jumlah_nilai), _fraction(score.nrr, 3),
         _fraction(score.nrr_tertimbang, 4), score.mutu or "–") for score in result.unsur]
    weighted = [s.nrr_tertimbang for s in result.unsur if s.nrr_tertimbang is not None]
    rows.append(("", "Jumlah NRR tertimbang", "", "",
                 _fraction(sum(weighted, Fraction(0)) if weighted else None, 4), ""))
    rows.append(("", "IKM (jumlah NRR tertimbang × 25)", "", "", _ikm(result.index.ikm),
                 result.index.mutu or "–"))
    word.table(document, f"Tabel 3.{number} Nilai per Unsur Pelayanan", UNSUR_HEADERS, rows,
               widths=(1.0, 6.5, 2.0, 1.8, 2.6, 1.6), numeric=(2, 3, 4), bold_last=True)
    number += 1
    word.paragraph(document, text.result_sentence(result))
    _unsur_chart(document, result)
    word.table(document, f"Tabel 3.{number} Nilai Persepsi, Interval, Mutu dan Kinerja",
               BAND_HEADERS,
               [(band.persepsi, band.interval, band.interval_konversi, band.mutu, band.kinerja)
                for band in BANDS], widths=(2.4, 3.2, 4.0, 1.6, 4.3))
    number += 1
    if result.per_layanan:
        word.heading(document, "C. IKM per Jenis Layanan", 2)
        word.table(document, f"Tabel 3.{number} IKM per Jenis Layanan",
                   ("Jenis layanan", "Responden", "IKM", "Mutu", "Kinerja"),
                   [(s.layanan, s.index.responden, _ikm(s.index.ikm), s.index.mutu or "–",
                     s.index.kinerja or "–") for s in result.per_layanan],
                   widths=(6.0, 2.3, 2.2, 1.6, 3.4), numeric=(1, 2))


def _unsur_chart(document: DocumentObject, result: IkmResult) -> None:
    from iku_cli.render.common.chart import bars_against_target

    scores = [s for s in result.unsur if s.nrr is not None]
    if not scores:
        return
    png = bars_against_target(
        [s.kode for s in scores], [float(s.nrr or 0) for s in scores], [None] * len(scores),
        title="Nilai rata-rata (NRR) per unsur pelayanan (skala 1–4)", value_label="NRR",
        top=4.0, places=3,
    )
    word.picture(document, png, 14.5, "Gambar 3.1 NRR per Unsur Pelayanan")


def _chapter_four(document: DocumentObject, result: IkmResult, texts: SkmTexts) -> None:
    word.heading(document, "BAB IV ANALISIS HASIL SKM", 1)
    word.heading(document, "A. Analisis", 2)
    if texts.analysis:
        word.paragraph(document, texts.analysis)
    else:
        word.draft(document, text.analysis(result, texts))
        word.fill_in(document, "Tulis analisis kantor di iku.toml: [skm] analisis = "
                               "\"\"\"...\"\"\" — teks itu menggantikan draf ini")
    word.heading(document, "B. Rencana Tindak Lanjut", 2)
    word.paragraph(document, "Unsur dengan nilai terendah menjadi prioritas perbaikan. "
                             "Program/kegiatan, waktu dan penanggung jawabnya disepakati dalam "
                             "Forum Konsultasi Publik.")
    word.table(document, "Tabel 4.1 Rencana Tindak Lanjut", ACTION_HEADERS, _action_rows(result,
               texts), widths=(1.0, 4.2, 5.0, 2.3, 3.0))
    word.heading(document, "C. Tren Nilai SKM", 2)
    if not result.history:
        word.fill_in(document, "Nilai IKM survei sebelumnya belum ada: tulis di iku.toml, mis. "
                               "[ikm.riwayat] 2024 = 82.5 dan 2025 = 84.1")
        return
    word.table(document, "Tabel 4.2 Nilai IKM dari Tahun ke Tahun",
               ("Tahun", "IKM", "Mutu", "Kinerja", "Sumber"),
               [(str(y.year), _ikm(y.ikm), y.mutu or "–", y.kinerja or "–", y.source)
                for y in result.history], widths=(2.0, 2.2, 1.8, 4.0, 5.5), numeric=(1,))
    first, last = result.history[0], result.history[-1]
    if first.ikm is not None and last.ikm is not None:
        change = last.ikm - first.ikm
        direction = "naik" if change > 0 else "turun" if change < 0 else "tetap"
        amount = f" {decimal(abs(change), 2)} poin" if change else ""
        word.paragraph(document, f"Nilai IKM {direction}{amount} dari {_ikm(first.ikm)} "
                                 f"({first.year}) menjadi {_ikm(last.ikm)} ({last.year}).")


def _action_rows(result: IkmResult, texts: SkmTexts) -> list[tuple[str, ...]]:
    """The office's rows from iku.toml where given; else one row per priority unsur with the
    columns the forum decides left to fill in."""
    if texts.actions:
        return [(str(i), row.unsur, row.programme or "[program/kegiatan]",
                 row.when or "[waktu]", row.responsible or "[penanggung jawab]")
                for i, row in enumerate(texts.actions, start=1)]
    return [(str(i), f"{s.kode} {s.nama} (NRR {text.nrr_text(s.nrr)})", "[program/kegiatan]",
             "[waktu]", "[penanggung jawab]") for i, s in enumerate(result.prioritas, start=1)]
