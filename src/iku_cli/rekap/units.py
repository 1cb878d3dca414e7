"""Which unit a sheet's rows belong to when no row, heading or title line says: the sheet's
name, else the file's, each without years, periods and rekap words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from iku_cli.inputs.dates import MONTH_WORDS
from iku_cli.problems import Code
from iku_cli.rekap.match import (
    match_unit_name,
)
from iku_cli.rekap.vocab import (
    FILE_NAME_NOISE,
    GENERIC_SHEET_WORDS,
    NO_UNIT,
    Vocabulary,
)
from iku_cli.text import clean_text, text_key

_GENERIC_WORDS = set(GENERIC_SHEET_WORDS) | MONTH_WORDS


_NAME_TOKENS = re.compile(r"[a-z]+|\d+")


_ROMAN = re.compile(r"^(?:i{1,3}|iv|v|vi{0,3}|ix|x|xi{0,2})$")


def is_generic_sheet_name(name: str) -> bool:
    """'Sheet1', 'Rekap 2026', 'TW I', 'Januari' say nothing about the unit."""
    tokens = _NAME_TOKENS.findall(text_key(name))
    return all(t in _GENERIC_WORDS or t.isdigit() or _ROMAN.match(t) for t in tokens)


def unit_from_file_name(stem: str) -> str:
    """'rekap_trantib_2026' -> 'trantib': without rekap words, years, periods, separators."""
    words = re.split(r"[\s_\-.()\[\]]+", stem)
    kept = [
        word for word in words
        if word
        and text_key(word) not in FILE_NAME_NOISE
        and not is_generic_sheet_name(word)
    ]
    return " ".join(kept)


@dataclass(frozen=True)
class UnitFallback:
    """The unit for rows that name none themselves, and what the operator must hear about it."""

    name: str
    problem_code: str | None  # 'unit-tidak-dikenal' / 'tanpa-unit' / None
    value: str | None = None


def sheet_unit_fallback(sheet_name: str, file_stem: str, vocab: Vocabulary) -> UnitFallback:
    """Sheet name, else file name, each without years, periods and rekap words ('Trantib TW I',
    'PMD (revisi)', 'Kesos_2026'). A known unit in either wins over an unknown name."""
    sheet_part = unit_from_file_name(sheet_name) if sheet_name else ""
    file_part = unit_from_file_name(file_stem)
    for candidate in (sheet_part, file_part):
        known = match_unit_name(candidate, vocab) if candidate else None
        if known:
            return UnitFallback(known, None)
    for candidate in (sheet_part, file_part):
        if candidate:
            return UnitFallback(clean_text(candidate), Code.UNKNOWN_UNIT, clean_text(candidate))
    return UnitFallback(NO_UNIT, Code.NO_UNIT)
