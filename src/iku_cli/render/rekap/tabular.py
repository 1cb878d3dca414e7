"""JSON and CSV for scripts: exactly the documented schema, nothing else on stdout."""

from __future__ import annotations

import csv
import io
from typing import Any

from iku_cli.rekap.model import Result
from iku_cli.render.common.tabular import safe_text, to_json


def result_json(result: Result) -> str:
    return to_json(result.to_dict())


def csv_number(value: float | None, decimal: str) -> str:
    if value is None:
        return ""
    text = f"{value:.2f}"
    return text.replace(".", decimal) if decimal != "." else text


def _writer(buffer: io.StringIO, separator: str) -> Any:
    return csv.writer(buffer, delimiter=separator, lineterminator="\r\n")


def result_csv(result: Result, separator: str = ",", decimal: str = ".") -> str:
    """RFC 4180 CSV. One row per unit then TOTAL; with --periode one row per (period, unit)
    then the period's TOTAL; with --per kecamatan one row per kecamatan then the kabupaten.
    ';' and ',' give what Excel in an Indonesian locale opens."""
    if result.per_subdistrict:
        return _kecamatan_csv(result, separator, decimal)
    if result.periods:
        return _period_csv(result, separator, decimal)
    buffer = io.StringIO()
    writer = _writer(buffer, separator)
    writer.writerow(["unit", "jumlah", "ditindaklanjuti", "persentase"])
    for unit in result.units:
        writer.writerow(
            [safe_text(unit.unit), unit.counted, unit.followed_up,
             csv_number(unit.percent, decimal)]
        )
    total = result.total
    writer.writerow(
        ["TOTAL", total.counted, total.followed_up, csv_number(total.percent, decimal)]
    )
    return buffer.getvalue()


def _period_csv(result: Result, separator: str, decimal: str) -> str:
    buffer = io.StringIO()
    writer = _writer(buffer, separator)
    writer.writerow(["periode", "unit", "jumlah", "ditindaklanjuti", "persentase",
                     "kumulatif_jumlah", "kumulatif_ditindaklanjuti", "kumulatif_persentase",
                     "target", "capaian", "kategori"])
    totals = [p for p in result.periods if p.unit is None]
    for total in totals:
        rows = [p for p in result.periods if p.period == total.period and p.unit is not None]
        for entry in [*rows, total]:
            cumulative = entry.cumulative
            achievement = entry.achievement
            writer.writerow([
                entry.period, "TOTAL" if entry.unit is None else safe_text(entry.unit),
                entry.count.counted, entry.count.followed_up,
                csv_number(entry.count.percent, decimal),
                "" if cumulative is None else cumulative.counted,
                "" if cumulative is None else cumulative.followed_up,
                "" if cumulative is None else csv_number(cumulative.percent, decimal),
                "" if achievement is None else csv_number(achievement.target, decimal),
                "" if achievement is None else csv_number(achievement.percent, decimal),
                "" if achievement is None else (achievement.category or ""),
            ])
    return buffer.getvalue()


def _kecamatan_csv(result: Result, separator: str, decimal: str) -> str:
    buffer = io.StringIO()
    writer = _writer(buffer, separator)
    writer.writerow(["kecamatan", "jumlah", "ditindaklanjuti", "persentase"])
    for entry in result.per_subdistrict:
        writer.writerow([safe_text(entry.subdistrict), entry.count.counted,
                         entry.count.followed_up,
                         csv_number(entry.count.percent, decimal)])
    total = result.total
    writer.writerow(["KABUPATEN", total.counted, total.followed_up,
                     csv_number(total.percent, decimal)])
    return buffer.getvalue()


def lkjip_csv(result: Result, separator: str = ",", decimal: str = ".") -> str:
    """The Pengukuran Kinerja table exactly as the form's columns."""
    from iku_cli.render.rekap.lkjip import LKJIP_COLUMNS, lkjip_rows

    buffer = io.StringIO()
    writer = _writer(buffer, separator)
    writer.writerow(LKJIP_COLUMNS)
    for no, sasaran, iku, satuan, target, realisasi, capaian in lkjip_rows(result):
        writer.writerow([no, safe_text(sasaran), safe_text(iku), satuan,
                         csv_number(target, decimal), csv_number(realisasi, decimal),
                         csv_number(capaian, decimal)])
    return buffer.getvalue()


def problems_csv(rows: list[dict[str, Any]], separator: str = ",") -> str:
    """The problem list as CSV, columns as in the JSON problem objects."""
    columns = ["tingkat", "kode", "berkas", "sheet", "baris", "kolom", "sel", "nilai", "pesan"]
    buffer = io.StringIO()
    writer = _writer(buffer, separator)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [safe_text(str(row[c])) if isinstance(row[c], str) else
             ("" if row[c] is None else row[c]) for c in columns]
        )
    return buffer.getvalue()
