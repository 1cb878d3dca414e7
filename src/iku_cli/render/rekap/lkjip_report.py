"""The LKjIP Bab III draft for this IKU (`iku hitung … -o laporan.docx`), PermenPAN-RB 53/2014.

Bab III.A reports each sasaran in seven parts; the draft fills every part the data can fill
(the measurement table, earlier years, the Renstra, the quarters against the Rencana Aksi, the
units, a chart) and writes the rest as a shaded draft from the data, or the office's own text
from ``[lkjip]`` in iku.toml, so that a re-run keeps it. Every number comes from the same
:class:`Result` the JSON is made from.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx.document import Document as DocumentObject

from iku_cli.marker import Kind
from iku_cli.rekap.model import Result
from iku_cli.rekap.vocab import DATA_SOURCE, INDICATOR_FORMULA
from iku_cli.render.common import docx as word
from iku_cli.render.common.signature import Signatory
from iku_cli.render.rekap.lkjip_text import (
    NO_NATIONAL_STANDARD,
    LkjipTexts,
    causes_draft,
    efficiency_draft,
    history_sentence,
    number,
    pct,
    programmes_draft,
    realisation_sentence,
    renstra_sentence,
    target_sentence,
)

MEASUREMENT_HEADERS = ("No", "Sasaran Strategis", "Indikator Kinerja Utama", "Satuan", "Target",
                       "Realisasi", "Capaian (%)", "Kategori")
HISTORY_HEADERS = ("Tahun", "Target (%)", "Realisasi (%)", "Capaian (%)", "Jumlah F&K",
                   "Ditindaklanjuti", "Sumber")
QUARTER_HEADERS = ("Triwulan", "Target kumulatif (%)", "Jumlah F&K kumulatif",
                   "Ditindaklanjuti kumulatif", "Realisasi kumulatif (%)", "Capaian (%)")
UNIT_HEADERS = ("No", "Unit kerja", "Jumlah F&K", "Ditindaklanjuti", "Persentase (%)")


def write_lkjip_report(result: Result, target: Path, texts: LkjipTexts, signatory: Signatory,
                       today: dt.date | None = None) -> None:
    """Build the document and write it atomically to ``target``."""
    document = build_lkjip_report(result, texts, signatory, today or dt.date.today())
    word.save_document(document, target)


def build_lkjip_report(result: Result, texts: LkjipTexts, signatory: Signatory,
                       today: dt.date) -> DocumentObject:
    where = f"Kecamatan {result.subdistrict}" if result.subdistrict else "[nama kecamatan]"
    year = str(result.year) if result.year is not None else "[tahun]"
    document = word.new_document(Kind.LKJIP, f"LKjIP {where} {year} — Bab III")
    word.centred(document, "BAB III", size=13)
    word.centred(document, "AKUNTABILITAS KINERJA", size=13)
    _data_warning(document, result)
    word.heading(document, "A. Capaian Kinerja Organisasi", 1)
    intro = word.paragraph(
        document,
        f"Pengukuran kinerja {where} tahun {year} membandingkan target dan realisasi Indikator "
        "Kinerja Utama (IKU) pada Perjanjian Kinerja. Realisasi dihitung dari rekap kegiatan "
        f"fasilitasi dan koordinasi {DATA_SOURCE.lower()}: {INDICATOR_FORMULA}.",
    )
    word.placeholder_runs(intro)
    word.heading(document, f"Sasaran Strategis 1: {texts.sasaran}", 2)
    _measurement(document, result, texts)
    _item_target(document, result)
    _item_history(document, result)
    _item_renstra(document, result)
    _item_national(document, texts)
    _item_text(document, "5. Analisis Penyebab Keberhasilan/Kegagalan dan Solusi",
               texts.causes, causes_draft(result), "penyebab")
    _item_text(document, "6. Analisis Efisiensi Penggunaan Sumber Daya", texts.efficiency,
               efficiency_draft(result), "efisiensi")
    _item_text(document, "7. Analisis Program/Kegiatan Penunjang", texts.programmes,
               programmes_draft(result), "program")
    word.signature(document, signatory, result.subdistrict, today)
    return document


def _data_warning(document: DocumentObject, result: Result) -> None:
    """What a signer must know about the count before signing it (never left out)."""
    counts = result.counts_by_severity
    lines = []
    if not result.complete:
        lines.append("ada berkas masukan yang tidak terbaca: angka ini belum lengkap")
    if counts["galat"]:
        lines.append(f"{counts['galat']} galat di rekap (kegiatan yang tidak dihitung); lihat "
                     "`iku periksa`")
    if result.not_reported:
        lines.append(f"belum melapor: {', '.join(result.not_reported)}")
    if lines:
        word.fill_in(document, "Periksa sebelum ditandatangani: " + "; ".join(lines))


def _measurement(document: DocumentObject, result: Result, texts: LkjipTexts) -> None:
    achievement = result.achievement
    row = ("1", texts.sasaran, result.indicator, texts.unit_of_measure,
           number(achievement.target) if achievement.target is not None else "[target]",
           number(result.total.percent), number(achievement.percent),
           achievement.category or "–")
    word.table(document, f"Tabel 3.1 Pengukuran Kinerja Tahun {result.year or ''}".strip(),
               MEASUREMENT_HEADERS, [row], widths=(0.95, 2.75, 3.1, 1.6, 1.5, 1.9, 1.8, 1.9),
               numeric=(4, 5, 6))
    word.paragraph(document, realisation_sentence(result))


def _item_target(document: DocumentObject, result: Result) -> None:
    word.heading(document, "1. Perbandingan Target dan Realisasi Kinerja Tahun Ini", 3)
    word.paragraph(document, target_sentence(result))
    quarters = [q for q in result.quarters if q.cumulative is not None]
    if quarters and len(quarters) == 4:
        rows = [(q.period, number(q.achievement.target if q.achievement else None),
                 q.cumulative.counted if q.cumulative else 0,
                 q.cumulative.followed_up if q.cumulative else 0,
                 number(q.cumulative.percent if q.cumulative else None),
                 number(q.achievement.percent if q.achievement else None))
                for q in quarters]
        word.table(document, "Tabel 3.2 Realisasi per Triwulan terhadap Rencana Aksi",
                   QUARTER_HEADERS, rows, widths=(2.1, 2.5, 2.5, 3.0, 2.9, 2.5),
                   numeric=(1, 2, 3, 4, 5))
        if not any(q.achievement and q.achievement.target is not None for q in quarters):
            word.fill_in(document, "Target per triwulan (Rencana Aksi) belum diisi: tulis "
                                   "target_triwulan = [..., ..., ..., ...] di iku.toml")
        _quarter_chart(document, result)
    if result.undated.counted:
        word.note(document, f"{result.undated.counted} kegiatan tanpa tanggal ikut angka tahunan "
                            "tetapi tidak masuk triwulan mana pun.")
    units: list[tuple[str, str, int, int, str]] = [
        (str(i), u.unit, u.counted, u.followed_up, number(u.percent))
        for i, u in enumerate(result.units, start=1)]
    units.append(("", "TOTAL", result.total.counted, result.total.followed_up,
                 number(result.total.percent)))
    word.table(document, "Tabel 3.3 Realisasi per Unit Kerja", UNIT_HEADERS, units,
               widths=(0.9, 7.2, 2.2, 2.8, 2.4), numeric=(2, 3, 4), bold_last=True)


def _quarter_chart(document: DocumentObject, result: Result) -> None:
    from iku_cli.render.common.chart import bars_against_target

    quarters = [q for q in result.quarters if q.cumulative is not None][:4]
    targets = [q.achievement.target if q.achievement else None for q in quarters]
    if all(t is None for t in targets) and result.achievement.target is not None:
        targets = [result.achievement.target] * len(quarters)
    png = bars_against_target(
        [q.period.replace("Triwulan", "TW") for q in quarters],
        [q.cumulative.percent if q.cumulative else None for q in quarters], targets,
        title="Realisasi kumulatif per triwulan terhadap target (%)",
        value_label="Realisasi kumulatif", target_label="Target",
    )
    word.picture(document, png, 14.5, "Gambar 3.1 Realisasi Kumulatif per Triwulan dan Target")


def _item_history(document: DocumentObject, result: Result) -> None:
    word.heading(document, "2. Perbandingan dengan Tahun Lalu dan Beberapa Tahun Terakhir", 3)
    if not result.history:
        word.fill_in(document, "Realisasi tahun-tahun sebelumnya belum ada: tulis di iku.toml, "
                               "mis. [riwayat] 2024 = 78.5 dan 2025 = { realisasi = 81.2, "
                               "target = 85 }, atau beri hasil tahun lalu dengan --riwayat "
                               "hasil_2025.json")
        return
    rows = [(str(y.year), number(y.achievement.target), number(y.realisation),
             number(y.achievement.percent), "–" if y.count is None else y.count.counted,
             "–" if y.count is None else y.count.followed_up, y.source)
            for y in result.history]
    word.table(document, "Tabel 3.4 Realisasi dan Capaian Beberapa Tahun Terakhir",
               HISTORY_HEADERS, rows, widths=(1.4, 1.8, 2.0, 1.9, 1.9, 2.8, 3.7),
               numeric=(1, 2, 3, 4, 5))
    sentence = history_sentence(result)
    if sentence:
        word.paragraph(document, sentence)
    _history_chart(document, result)


def _history_chart(document: DocumentObject, result: Result) -> None:
    from iku_cli.render.common.chart import bars_against_target

    years = result.history
    png = bars_against_target(
        [str(y.year) for y in years], [y.realisation for y in years],
        [y.achievement.target for y in years],
        title="Realisasi per tahun terhadap target (%)", value_label="Realisasi",
        height_in=2.6,
    )
    word.picture(document, png, 12.5, "Gambar 3.2 Realisasi dan Target per Tahun")


def _item_renstra(document: DocumentObject, result: Result) -> None:
    word.heading(document, "3. Perbandingan dengan Target Jangka Menengah (Renstra)", 3)
    sentence = renstra_sentence(result)
    if sentence is None or result.renstra is None:
        word.fill_in(document, "Target akhir Renstra belum ada: tulis di iku.toml, mis. "
                               "[renstra] tahun_akhir = 2026 dan target_akhir = 92")
        return
    renstra = result.renstra
    word.table(document, "Tabel 3.5 Realisasi terhadap Target Akhir Renstra",
               ("Target akhir Renstra", "Tahun akhir", f"Realisasi {result.year or ''}".strip(),
                "Capaian terhadap target akhir (%)"),
               [(pct(renstra.final_target), str(renstra.final_year), pct(result.total.percent),
                 number(renstra.achievement.percent))], numeric=(0, 2, 3))
    word.paragraph(document, sentence)


def _item_national(document: DocumentObject, texts: LkjipTexts) -> None:
    word.heading(document, "4. Perbandingan dengan Standar Nasional", 3)
    word.paragraph(document, texts.national_standard or NO_NATIONAL_STANDARD)


def _item_text(document: DocumentObject, title: str, own: str | None, derived: list[str],
               key: str) -> None:
    """The office's own text when iku.toml gives it; else the draft from the data and where
    to write the final text so that a re-run keeps it."""
    word.heading(document, title, 3)
    if own:
        for part in own.strip().split("\n\n"):
            word.paragraph(document, " ".join(part.split()))
        return
    if derived:
        word.draft(document, derived)
    word.fill_in(document, f"Tulis analisis kantor di iku.toml: [lkjip] {key} = \"\"\"...\"\"\" "
                           "— teks itu menggantikan draf ini setiap kali laporan dibuat ulang")
