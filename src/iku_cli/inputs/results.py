"""Results iku wrote earlier, read back: the JSON of ``iku hitung --format json``.

Used for ``--riwayat`` (earlier years for the LKjIP) and by the kabupaten's roll-up. Only
what the documented schema promises is trusted; a file that is not such a result is refused
with a message that says what it is and what to give instead.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from iku_cli.problems import IkuError

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
        raise ResultFileError(f"{path}: berkas tidak bisa dibaca ({error.strerror})") from error
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
