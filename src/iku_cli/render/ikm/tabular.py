"""`iku ikm --format json|csv`: exactly the documented shapes, nothing else on stdout."""

from __future__ import annotations

import csv
import io
from fractions import Fraction

from iku_cli.ikm.model import NRR_PLACES, WEIGHTED_PLACES, IkmResult
from iku_cli.ikm.vocab import INDEX_NAME
from iku_cli.numbers import round_half_up
from iku_cli.render.common.tabular import safe_text, to_json

CSV_COLUMNS = ("kode", "nama", "jumlah_nilai", "nrr", "nrr_tertimbang", "nilai", "mutu",
               "kinerja")


def ikm_json(result: IkmResult) -> str:
    return to_json(result.to_dict())


def _number(value: Fraction | None, places: int, decimal: str) -> str:
    if value is None:
        return ""
    text = f"{round_half_up(value, places):.{places}f}"
    return text.replace(".", decimal) if decimal != "." else text


def ikm_csv(result: IkmResult, separator: str = ",", decimal: str = ".") -> str:
    """One row per unsur (NRR, NRR tertimbang, its value on the 25–100 scale, mutu), then an
    IKM row: jumlah_nilai and nrr_tertimbang summed, nilai the index (RFC 4180)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for score in result.unsur:
        writer.writerow([
            score.kode, safe_text(score.nama), score.jumlah_nilai,
            _number(score.nrr, NRR_PLACES, decimal),
            _number(score.nrr_tertimbang, WEIGHTED_PLACES, decimal),
            _number(None if score.nilai is None else Fraction(score.nilai), 2, decimal),
            score.mutu or "", score.kinerja or "",
        ])
    index = result.index
    weighted = [s.nrr_tertimbang for s in result.unsur if s.nrr_tertimbang is not None]
    writer.writerow([
        "IKM", f"{INDEX_NAME} ({result.responden} responden)",
        sum(score.jumlah_nilai for score in result.unsur), "",
        _number(sum(weighted, Fraction(0)) if weighted else None, WEIGHTED_PLACES, decimal),
        _number(None if index.ikm is None else Fraction(index.ikm), 2, decimal),
        index.mutu or "", index.kinerja or "",
    ])
    return buffer.getvalue()
