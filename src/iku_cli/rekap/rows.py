"""What a row of a rekap sheet is, judged by its text alone: a total row's label, a signature
footer line, a section heading (a unit, a period, a lettered or numbered heading).

Pure functions over cell text and the vocabulary; the table walk (:mod:`.locate`) decides with
them where they apply.
"""

from __future__ import annotations

import re

from iku_cli.inputs.cells import Cell, cell_text, is_blank
from iku_cli.inputs.dates import MONTH_WORDS
from iku_cli.inputs.lines import is_footer_text
from iku_cli.rekap.match import match_unit_cell
from iku_cli.rekap.vocab import (
    HEADING_PREFIX,
    PERIOD_HEADING,
    TOTAL_TAIL_WORDS,
    TOTAL_WORDS,
    UNIT_PREFIX,
    Vocabulary,
)
from iku_cli.text import clean_text, text_key

_TOTAL = re.compile(r"^(?:" + "|".join(re.escape(w) for w in TOTAL_WORDS) + r")\b")
_TOTAL_STARTS = frozenset(word[:2] for word in TOTAL_WORDS)
# A heading's prefix as written, before dots are dropped: 'A.', 'B)', 'II -', 'C |', 'IV:'.
_WRITTEN_PREFIX = re.compile(r"^(?:[A-Ha-h]|[IVXivx]{1,5})\s*[.)\-:|]\s*(?=\S)")
_ROMAN_OR_NUMBER = re.compile(r"(?:[ivx]{1,5}|\d{1,2})")


def total_starts() -> frozenset[str]:
    """The first two letters (lower case) of every total word: a cheap first look."""
    return _TOTAL_STARTS


def is_total_text(text: str) -> bool:
    """'JUMLAH', 'Total:', 'SUB TOTAL TW I', 'Jml.', 'Rekapitulasi ...' — starts like a
    total row's label."""
    if text.lstrip()[:2].casefold() not in _TOTAL_STARTS:  # cheap check first: most rows
        return False
    return bool(_TOTAL.match(text_key(text)))


def is_total_label(text: str, vocab: Vocabulary) -> bool:
    """A total row's whole label: a total word alone, or followed only by a period, a unit, a
    number or words such as 'keseluruhan' ('JUMLAH', 'Jumlah TW I', 'TOTAL KESELURUHAN',
    'Jumlah Seksi Pemerintahan', 'Jumlah kegiatan: 25'). 'Rekapitulasi data penduduk desa'
    only starts like one."""
    key = text_key(text)
    match = _TOTAL.match(key)
    if not match:
        return False
    rest = re.sub(r"[:=()\-]+", " ", key[match.end():]).strip()
    if not rest:
        return True
    unit = match_unit_cell(rest, vocab)
    if _is_period(rest) or (unit is not None and unit.known):
        return True
    return all(word in TOTAL_TAIL_WORDS or word in MONTH_WORDS or word.isdigit()
               or _ROMAN_OR_NUMBER.fullmatch(word) for word in rest.split())


def has_footer_text(row: list[Cell]) -> bool:
    """Whether any text cell of the row is a signature footer line."""
    return any(isinstance(value, str) and value.strip() and is_footer_text(value)
               for value in row)


def _is_period(body: str) -> bool:
    return bool(PERIOD_HEADING.match(body) or body in MONTH_WORDS or (
        body.split(" ", 1)[0] in MONTH_WORDS and re.fullmatch(r"\w+(?: \d{4})?", body)
    ))


def strip_heading_prefix(text: str) -> tuple[str, bool]:
    """'B. SEKSI TRANTIB' -> ('SEKSI TRANTIB', True): the heading without its letter or roman
    prefix (looked for before dots are dropped), and whether it had one; a bare 'A.' or 'IV'
    is all prefix."""
    cleaned = clean_text(text)
    match = _WRITTEN_PREFIX.match(cleaned)
    if match:
        return cleaned[match.end():].strip(), True
    if HEADING_PREFIX.fullmatch(text_key(cleaned)):
        return "", True
    return cleaned, False


def heading_kind(text: str, vocab: Vocabulary) -> tuple[str, str | None] | None:
    """Whether a lone text is a section heading: ('unit', name) / ('period', None) / ('other',)."""
    if not text_key(text):
        return None
    written, had_prefix = strip_heading_prefix(text)
    body = text_key(written)
    if not body:
        return ("other", None) if had_prefix else None
    unit = match_unit_cell(body, vocab)
    if unit and unit.known and not unit.several:
        return ("unit", unit.name)
    if _is_period(body):
        return ("period", None)
    if UNIT_PREFIX.match(body) and len(body.split()) <= 5 and (had_prefix or written.isupper()):
        # 'SEKSI KEBERSIHAN' as a heading: a unit we do not know, kept as written
        return ("unit", written)
    if had_prefix:
        return ("other", None)
    return None


def heading_of(texts: list[Cell], vocab: Vocabulary) -> tuple[str, str | None] | None:
    """A row of one or two filled cells that reads as a section heading, and its kind."""
    strings = [cell_text(v) for v in texts]
    if len(strings) == 2:
        first, second = strings
        if HEADING_PREFIX.fullmatch(text_key(first)) or re.fullmatch(r"[A-Za-z]", first):
            return heading_kind(second, vocab) or ("other", None)
        if re.fullmatch(r"\d+", first):
            return None  # a numbered row with one text: an activity
    for text in strings:
        kind = heading_kind(text, vocab)
        if kind is not None:
            return kind
    return None


def is_heading_row(row: list[Cell], vocab: Vocabulary) -> bool:
    """A row of one or two filled cells that reads as a section heading."""
    filled = [value for value in row if not is_blank(value)]
    return len(filled) <= 2 and heading_of(filled, vocab) is not None
