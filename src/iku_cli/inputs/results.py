"""Results iku wrote earlier, read back: the JSON of ``iku hitung --format json``, or the
summary workbook of ``iku hitung -o`` (its hidden sheet carries the same JSON).

Used for ``--riwayat`` (earlier years for the LKjIP, :func:`read_result`: a wrong file is a
usage error) and by ``iku gabung`` (:func:`read_sent`: a wrong file is a problem, the others
are read all the same). Only what the documented schema promises is trusted.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from iku_cli.limits import MB, Limits
from iku_cli.marker import RESULT_SHEET, Kind
from iku_cli.marker import label as marker_label
from iku_cli.problems import Code, IkuError, ReadFailure, os_reason

MAX_RESULT_BYTES = 200 << 20  # far above any real result (a 100 000-row run writes ~60 MB)


class ResultFileError(IkuError):
    """A file given as an iku result is not one (a usage error: exit code 2)."""

    exit_code = 2


def read_result(path: Path) -> dict[str, Any]:
    """One ``iku hitung --format json`` result, checked: versi_skema 1, a total with jumlah,
    ditindaklanjuti and persentase."""
    try:
        size = path.stat().st_size
        if size > MAX_RESULT_BYTES:
            raise ResultFileError(f"{path}: berkas terlalu besar ({size >> 20} MB) untuk hasil "
                                  "iku hitung --format json")
        raw = path.read_bytes()
    except FileNotFoundError as error:
        raise ResultFileError(f"{path}: berkas tidak ditemukan") from error
    except IsADirectoryError as error:
        raise ResultFileError(f"{path}: ini folder, bukan berkas JSON hasil iku hitung") \
            from error
    except OSError as error:
        raise ResultFileError(f"{path}: berkas tidak bisa dibaca "
                              f"({os_reason(error, reading=True)})") from error
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise ResultFileError(
            f"{path}: bukan JSON hasil `iku hitung --format json` (tidak terbaca sebagai JSON); "
            "simpan hasil tahun itu dengan: iku hitung MASUK/ --format json > hasil_TAHUN.json"
        ) from error
    if not _is_result(data):
        raise ResultFileError(
            f"{path}: JSON ini bukan hasil `iku hitung --format json` (tidak ada versi_skema 1 "
            "dan total berisi jumlah, ditindaklanjuti, persentase)"
        )
    return data


def _is_result(data: Any) -> bool:
    if not isinstance(data, dict) or data.get("versi_skema") != 1:
        return False
    total = data.get("total")
    return (isinstance(total, dict) and isinstance(total.get("jumlah"), int)
            and isinstance(total.get("ditindaklanjuti"), int) and "persentase" in total)


SCHEMA_VERSION = 1  # the result schema this release reads


@dataclass
class SentFile:
    """What one file a kecamatan sent turned out to be."""

    kind: str  # "json" | "ringkasan" | "lain" (not a result: skipped)
    sha256: str | None = None
    data: dict[str, Any] | None = None  # the result, when it is one
    note: str | None = None  # why it is not read as a result


def looks_like_result(data: Any) -> bool:
    """A result of `iku hitung` of any schema version: what to check the version of."""
    return isinstance(data, dict) and "versi_skema" in data and isinstance(data.get("total"),
                                                                          dict)


def read_sent(path: Path, limits: Limits) -> SentFile:
    """One file of the kecamatan's results: a JSON result, a summary workbook (by iku's mark,
    whatever its name), or something else (``kind`` "lain", with what it is). Raises
    ReadFailure when a result cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in (".json", ".xlsx", ".xlsm", ".ods"):
        return SentFile("lain", note="bukan hasil JSON atau buku kerja ringkasan")
    try:
        size = path.stat().st_size
        if size > limits.berkas_mb * MB:
            raise ReadFailure(Code.LIMIT_EXCEEDED, f"berkas berukuran {size >> 20} MB",
                              limit=f"{limits.berkas_mb} MB", key="berkas_mb")
        raw = path.read_bytes()
    except OSError as error:
        raise ReadFailure(Code.FILE_NOT_OPENED, os_reason(error, reading=True)) from error
    digest = hashlib.sha256(raw).hexdigest()
    if suffix == ".json":
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
            raise ReadFailure(Code.DAMAGED_FILE, "bukan JSON yang utuh") from error
        if not looks_like_result(data):
            return SentFile("lain", digest, note="JSON yang bukan hasil `iku hitung`")
        return SentFile("json", digest, data)
    return _from_workbook(raw, suffix, digest, limits)


def _from_workbook(raw: bytes, suffix: str, digest: str, limits: Limits) -> SentFile:
    from iku_cli.inputs.read import inspect_workbook, sniff_format

    fmt = sniff_format(raw, suffix)
    inspection = inspect_workbook(raw, fmt, limits)
    if inspection.marker is None:
        return SentFile("lain", digest, note="buku kerja yang bukan ringkasan `iku hitung -o` "
                                             "(rekap dihitung di kecamatan, bukan di sini)")
    if inspection.marker != Kind.SUMMARY:
        return SentFile("lain", digest, note=marker_label(inspection.marker))
    text = _result_sheet_text(inspection.data)
    if text is None:
        raise ReadFailure(Code.ROLLUP_OLD_WORKBOOK)
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise ReadFailure(Code.DAMAGED_FILE, f"sheet {RESULT_SHEET} rusak") from error
    if not looks_like_result(data):
        raise ReadFailure(Code.DAMAGED_FILE, f"sheet {RESULT_SHEET} tidak berisi hasil")
    return SentFile("ringkasan", digest, data)


def _result_sheet_text(data: bytes) -> str | None:
    """The JSON pieces of the hidden result sheet, joined; None when there is no such sheet."""
    import io

    import python_calamine as calamine

    try:
        workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (calamine.CalamineError, OSError, ValueError) as error:
        raise ReadFailure(Code.DAMAGED_FILE, "buku kerja tidak terbaca") from error
    with workbook:
        if RESULT_SHEET not in workbook.sheet_names:
            return None
        try:
            rows = workbook.get_sheet_by_name(RESULT_SHEET).to_python()
        except calamine.CalamineError as error:
            raise ReadFailure(Code.DAMAGED_FILE, f"sheet {RESULT_SHEET}") from error
    return "".join(str(row[0]) for row in rows if row and isinstance(row[0], str))
