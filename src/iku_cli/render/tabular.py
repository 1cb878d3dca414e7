"""JSON and CSV for scripts: exactly the documented schema, nothing else on stdout."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..model import Result

# OWASP CSV injection: a cell starting with one of these could run as a formula in Excel.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def result_json(result: Result) -> str:
    return to_json(result.to_dict())


def safe_text(value: str) -> str:
    """Text that a spreadsheet opens as text, never as a formula."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def format_number(value: float | None, decimal: str) -> str:
    if value is None:
        return ""
    text = f"{value:.2f}"
    return text.replace(".", decimal) if decimal != "." else text


def result_csv(result: Result, separator: str = ",", decimal: str = ".") -> str:
    """One row per unit then TOTAL (RFC 4180); ';' and ',' give what Indonesian Excel opens."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow(["unit", "jumlah", "ditindaklanjuti", "persentase"])
    for unit in result.unit:
        writer.writerow(
            [safe_text(unit.unit), unit.jumlah, unit.ditindaklanjuti,
             format_number(unit.persentase, decimal)]
        )
    total = result.total
    writer.writerow(
        ["TOTAL", total.jumlah, total.ditindaklanjuti, format_number(total.persentase, decimal)]
    )
    return buffer.getvalue()


def problems_csv(rows: list[dict[str, Any]], separator: str = ",") -> str:
    """The problem list as CSV, columns as in the JSON problem objects."""
    columns = ["tingkat", "kode", "berkas", "sheet", "baris", "kolom", "sel", "nilai", "pesan"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [safe_text(str(row[c])) if isinstance(row[c], str) else
             ("" if row[c] is None else row[c]) for c in columns]
        )
    return buffer.getvalue()
