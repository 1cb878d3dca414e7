"""Cell values of a survey row as the IKM needs them: answers 1..4 and profile categories."""

from __future__ import annotations

import re
from functools import lru_cache

from iku_cli.ikm.vocab import (
    AGE_BANDS,
    ANSWER_LETTERS,
    ANSWER_MAX,
    ANSWER_MIN,
    NOT_FILLED,
    PROFILE_CATEGORIES,
)
from iku_cli.text import clean_text, text_key

BLANK = 0  # answer_of: the cell is empty
INVALID = -1  # answer_of: the cell holds something that is not an answer

_DIGIT = re.compile(r"\(?\s*(\d+)(?:[.,]0+)?\s*\)?\.?")
_LETTER = re.compile(r"\(?\s*([a-z])\s*[).]?")


@lru_cache(maxsize=1024)
def _answer_text(text: str) -> int:
    key = clean_text(text).casefold()
    if not key:
        return BLANK
    digit = _DIGIT.fullmatch(key)
    if digit:
        number = int(digit.group(1))
        return number if ANSWER_MIN <= number <= ANSWER_MAX else INVALID
    letter = _LETTER.fullmatch(key)
    if letter:
        return ANSWER_LETTERS.get(letter.group(1), INVALID)
    return INVALID


def answer_of(value: object) -> int:
    """1..4 for a valid answer (also 'a'..'d', '4.0', '(b)'), BLANK or INVALID otherwise."""
    if value is None:
        return BLANK
    if isinstance(value, bool):
        return INVALID
    if isinstance(value, int | float):
        if float(value).is_integer() and ANSWER_MIN <= value <= ANSWER_MAX:
            return int(value)
        return INVALID
    if isinstance(value, str):
        return _answer_text(value)
    return INVALID


@lru_cache(maxsize=1)
def _category_keys() -> dict[str, dict[str, str]]:
    keys: dict[str, dict[str, str]] = {}
    for name, categories in PROFILE_CATEGORIES.items():
        table: dict[str, str] = {}
        for category, spellings in categories.items():
            for spelling in (category, *spellings):
                table.setdefault(text_key(spelling), category)
        keys[name] = table
    return keys


_AGE_NUMBER = re.compile(r"(\d{1,3})(?:[.,]0+)?\s*(?:tahun|thn|th|th\.)?")
_AGE_RANGE = re.compile(r"[<>≤≥]=?\s*\d{1,3}.*|\d{1,3}\s*(?:-|–|s\.?d\.?|sampai)\s*\d{1,3}.*")


def age_band(value: object) -> tuple[str, bool]:
    """(category, known) of an age cell: a band of AGE_BANDS, a range written as a choice
    ('21-30 tahun', '> 50') kept as written, or the value as written (known False)."""
    if isinstance(value, bool):
        return display(value), False
    if isinstance(value, int | float):
        if not float(value).is_integer():
            return display(value), False
        years = int(value)
    else:
        text = clean_text(str(value)).casefold()
        match = _AGE_NUMBER.fullmatch(text)
        if not match:
            return display(value), bool(_AGE_RANGE.fullmatch(text))
        years = int(match.group(1))
    for label, lowest, highest in AGE_BANDS:
        if lowest <= years <= highest:
            return label, True
    return display(value), False


def display(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(str(value))


@lru_cache(maxsize=8192, typed=True)  # typed: True and 1 are different cells
def category_of(field: str, value: object) -> tuple[str, bool]:
    """(category, known) of a profile cell; blank is 'Tidak diisi' (known). Cached: a
    profile column holds a few dozen distinct values."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return NOT_FILLED, True
    if field == "umur":
        return age_band(value)
    found = _category_keys()[field].get(text_key(display(value)))
    return (found, True) if found else (display(value), False)
