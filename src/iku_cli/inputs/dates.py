"""Dates as Indonesian offices write them: date cells, Excel serials and text, day first."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from enum import Enum
from typing import NamedTuple

from iku_cli.text import clean_text

# --- the calendar as offices write it -------------------------------------------------

MONTH_NAMES: tuple[str, ...] = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)


MONTH_SPELLINGS: dict[int, tuple[str, ...]] = {
    1: ("januari", "jan", "january", "janu"),
    2: ("februari", "pebruari", "feb", "peb", "february"),
    3: ("maret", "mar", "march", "mrt"),
    4: ("april", "apr"),
    5: ("mei", "may"),
    6: ("juni", "jun", "june"),
    7: ("juli", "jul", "july"),
    8: ("agustus", "agu", "agt", "ags", "agust", "aug", "august"),
    9: ("september", "sep", "sept"),
    10: ("oktober", "okt", "oct", "october"),
    11: ("november", "nov", "nop", "nopember"),
    12: ("desember", "des", "dec", "december"),
}


MONTH_WORDS: frozenset[str] = frozenset(
    spelling for spellings in MONTH_SPELLINGS.values() for spelling in spellings
)


DAY_NAMES: tuple[str, ...] = (
    "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "jum at", "sabtu", "minggu", "ahad",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)


# Excel serial numbers are dates only inside this span of years.
SERIAL_YEAR_RANGE = (1990, 2100)

EXCEL_EPOCH = dt.date(1899, 12, 30)

_MONTHS: dict[str, int] = {
    spelling: month for month, spellings in MONTH_SPELLINGS.items() for spelling in spellings
}
_MONTH_ALT = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
_DAY_ALT = "|".join(sorted(map(re.escape, DAY_NAMES), key=len, reverse=True))

_DAY_PREFIX = rf"(?:(?:{_DAY_ALT})\s*[,/]?\s*)?"
_LEADING_DAY = re.compile(rf"^{_DAY_PREFIX}")  # "Kamis, " before a date
# 12/03/2026, 12-03-2026, 12.03.2026, 12/03/26 (always day first)
_NUMERIC = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})")
# 2026-03-12 (optionally with a time part, as some programs export it), 2026/03/07
_ISO = re.compile(
    r"(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
# 12 Maret 2026, 12 Mar 2026, Kamis, 12 Maret 2026, 12 Maret (year from context)
_WORDS = re.compile(
    rf"(\d{{1,2}})\s*[-\s.]?\s*({_MONTH_ALT})\.?(?:\s*[-,\s.]?\s*(\d{{4}}|\d{{2}}))?"
)
# Where a range may be split: "12-14 Maret 2026", "12 s.d. 14 Maret 2026", "1 sampai 3 Juni".
_RANGE_SEPARATOR = re.compile(r"\s*(?:-|–|—|\bs\.?\s*/?\s*d\b\.?|\bsampai\b|\bhingga\b)\s*")
_DAY_ONLY = re.compile(r"(\d{1,2})")
_DAY_MONTH = re.compile(rf"(\d{{1,2}})\s*[-\s.]?\s*({_MONTH_ALT})\.?")

_DAY_NAME_SET = frozenset(DAY_NAMES)
_SERIAL_TEXT = re.compile(r"\d{5}(?:\.\d+)?")  # a serial day number stored as text


def _common_form(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a text in a form most date cells are written in — "05/04/2025",
    "4 Desember 2024", "Rabu, 3 Desember 2025" — taken apart by a few string operations;
    None for any other text. Such a text is clean already, and parse_date_text's general route
    reads the same numbers from it (tested to agree) after its cleaning and several regular
    expressions: ~4× the time, and a sheet of 100 000 activities holds thousands of distinct
    date texts."""
    if not text.isascii():
        return None
    rest = text.lower()
    day_name, comma, after = rest.partition(", ")
    if comma:
        if day_name not in _DAY_NAME_SET:
            return None
        rest = after
    parts = rest.split("/")
    if len(parts) == 3:  # 05/04/2025
        day, month, year = parts
        if not (len(month) <= 2 and month.isdigit()):
            return None
        month_number = int(month)
    else:  # 4 desember 2024
        parts = rest.split(" ")
        if len(parts) != 3 or parts[1] not in _MONTHS:
            return None
        day, name, year = parts
        month_number = _MONTHS[name]
    # (ASCII: isdigit is 0-9 only)
    if not (len(day) <= 2 and len(year) == 4 and day.isdigit() and year.isdigit()):
        return None
    return int(year), month_number, int(day)


class DateIssue(Enum):
    """Why a value gave no date."""

    BLANK = "blank"
    UNREADABLE = "unreadable"
    NO_YEAR = "no-year"  # "12 Maret" and no year known from the title block or --tahun
    NO_SUCH_DAY = "no-such-day"  # "31 Juni 2026", "12/13/2026": written right, no such day


class ParsedDate(NamedTuple):
    """A cell's date, or why it has none. (A named tuple: a column of 100 000 dates holds
    thousands of distinct ones, each parsed once — built in 0.6 µs, a frozen dataclass in
    1.6.)"""

    date: dt.date | None
    issue: DateIssue | None = None
    was_range: bool = False
    why: str | None = None  # for NO_SUCH_DAY: what is wrong with it, in Indonesian


BLANK = ParsedDate(None, DateIssue.BLANK)
UNREADABLE = ParsedDate(None, DateIssue.UNREADABLE)
NO_YEAR = ParsedDate(None, DateIssue.NO_YEAR)


def _make(year: int, month: int, day: int) -> dt.date | None:
    """A real calendar date inside the plausible span of years, else None."""
    low, high = SERIAL_YEAR_RANGE
    if not low <= year <= high:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _full_year(text: str) -> int:
    """Two-digit years are 20xx."""
    year = int(text)
    return 2000 + year if year < 100 else year


def from_serial(value: float) -> dt.date | None:
    """An Excel serial day number, only when it lands in a plausible year."""
    if value != value or value < 0:  # NaN or negative
        return None
    try:
        date = EXCEL_EPOCH + dt.timedelta(days=int(value))
    except OverflowError:
        return None
    low, high = SERIAL_YEAR_RANGE
    return date if low <= date.year <= high else None


def parse_date_text(text: str, default_year: int | None = None) -> ParsedDate:
    """Parse one text date; ``default_year`` fills a date written without a year.

    A range ("12-14 Maret 2026") gives its first day, flagged ``was_range``.
    """
    common = _common_form(text)
    if common is not None and (date := _make(*common)) is not None:
        return ParsedDate(date)
    return _parse_date_text(text, default_year)


def _parse_date_text(text: str, default_year: int | None) -> ParsedDate:
    """:func:`parse_date_text` by its general route (every form, every doubt)."""
    text = clean_text(text).casefold()
    if not text:
        return BLANK
    single = _parse_single(text, default_year)
    if single:
        return ParsedDate(single)
    start = _range_start(text, default_year)
    if start:
        return ParsedDate(start, None, True)
    why = _no_such_day(_LEADING_DAY.sub("", text).strip(), default_year)
    if why:
        return ParsedDate(None, DateIssue.NO_SUCH_DAY, why=why)
    words = _WORDS.fullmatch(_LEADING_DAY.sub("", text))
    if default_year is None and words and not words.group(3):
        return NO_YEAR
    return UNREADABLE


def _no_such_day(text: str, default_year: int | None) -> str | None:
    """Why a date written in a known form is no day of the calendar, or None."""
    parts: tuple[int, int, int] | None = None
    if match := _NUMERIC.fullmatch(text):
        day, _, month, year = match.groups()
        parts = (_full_year(year), int(month), int(day))
    elif match := _ISO.fullmatch(text):
        parts = (int(match.group(1)), int(match.group(3)), int(match.group(4)))
    elif (match := _WORDS.fullmatch(text)) and (match.group(3) or default_year):
        year = _full_year(match.group(3)) if match.group(3) else default_year
        assert year is not None
        parts = (year, _MONTHS[match.group(2)], int(match.group(1)))
    if parts is None:
        return None
    year, month, day = parts
    low, high = SERIAL_YEAR_RANGE
    if not low <= year <= high:
        return None
    if not 1 <= month <= 12:
        return f"bulan {month} tidak ada (tanggal ditulis hari dulu: hari/bulan/tahun)"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{MONTH_NAMES[month - 1]} {year} hanya {days} hari"
    return None


def _range_start(text: str, default_year: int | None) -> dt.date | None:
    """The first day of a range; a bare start day takes month and year from the end."""
    for separator in _RANGE_SEPARATOR.finditer(text):
        head, tail = text[: separator.start()], text[separator.end() :]
        if not head or not tail:
            continue
        end = _parse_single(tail, default_year)
        if end is None:
            continue
        start = _parse_single(head, end.year)
        if start:
            return start
        day = _DAY_ONLY.fullmatch(head)
        if day:
            return _make(end.year, end.month, int(day.group(1)))
        day_month = _DAY_MONTH.fullmatch(head)
        if day_month:
            return _make(end.year, _MONTHS[day_month.group(2)], int(day_month.group(1)))
    return None


def _parse_single(text: str, default_year: int | None) -> dt.date | None:
    text = _LEADING_DAY.sub("", text).strip()
    match = _NUMERIC.fullmatch(text)
    if match:
        day, _, month, year = match.groups()
        return _make(_full_year(year), int(month), int(day))
    match = _ISO.fullmatch(text)
    if match:
        year, _, month, day = match.groups()
        return _make(int(year), int(month), int(day))
    match = _WORDS.fullmatch(text)
    if match:
        day, month_name, year = match.groups()
        full_year = _full_year(year) if year else default_year
        if full_year is None:
            return None
        return _make(full_year, _MONTHS[month_name], int(day))
    return None


def parse_date(value: object, default_year: int | None = None) -> ParsedDate:
    """A cell value (date, datetime, serial number or text) as a date, or why not."""
    if value is None or value == "":
        return BLANK
    if isinstance(value, dt.date):  # also datetime
        date = value.date() if isinstance(value, dt.datetime) else value
        low, high = SERIAL_YEAR_RANGE
        # a number typed into a date-formatted cell shows as a day of 1900: not a real date
        return ParsedDate(date) if low <= date.year <= high else UNREADABLE
    if isinstance(value, bool):
        return UNREADABLE
    if isinstance(value, int | float):
        serial = from_serial(float(value))
        return ParsedDate(serial) if serial else UNREADABLE
    if isinstance(value, str):
        stripped = value.strip()
        if _SERIAL_TEXT.fullmatch(stripped):  # a serial number stored as text
            serial = from_serial(float(stripped))
            return ParsedDate(serial) if serial else UNREADABLE
        return parse_date_text(value, default_year)
    return UNREADABLE


def dates_of_other_years(dates: Iterable[dt.date | None], year: int) -> set[dt.date]:
    """The distinct dates that are not of ``year`` (each distinct date looked at once)."""
    return {date for date in set(dates) if date is not None and date.year != year}
