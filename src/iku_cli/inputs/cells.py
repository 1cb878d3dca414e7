"""Cell values as the readers hand them over, and the questions every stage asks of them.

A sheet is a grid of plain Python values (``rows[i][j]`` is sheet row i+1, column j+1): text,
numbers, booleans, dates and times, or ``""``/``None`` for an empty cell. Both pipelines (the
rekap count and the IKM survey) judge cells through these helpers, so "blank" means one thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from operator import itemgetter
from typing import TypeVar

from iku_cli.text import clean_text, plain_ascii_joined

Cell = object  # str | float | int | bool | date | datetime | time | timedelta | None
T = TypeVar("T")


def is_blank(value: Cell) -> bool:
    """Empty, or only spaces: what a reader of the sheet sees as an empty cell."""
    return value is None or value == "" or (value.__class__ is str and not value.strip())


def filled_cells(row: list[Cell]) -> list[tuple[int, Cell]]:
    """(column, value) of every cell of the row that is not blank."""
    return [(c, v) for c, v in enumerate(row) if not is_blank(v)]


def cell_text(value: Cell) -> str:
    """Cell as display text ('' for blank); whole floats without '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return clean_text(value)
    return str(value)


def cell_texts(values: list[Cell]) -> list[str]:
    """``[cell_text(v) for v in values]``, a whole column at once: a text that is already clean
    (clean_text's own first test, inlined) is taken as it is, without a call per cell — and a
    column of texts that are all clean is recognised in a few string operations over it."""
    return plain_cell_texts(values)[0]


def plain_cell_texts(values: list[Cell]) -> tuple[list[str], bool]:
    """:func:`cell_texts`, and whether the column was found plain on the way: all texts that
    :func:`.text.plain_ascii_joined` takes (so a later pass over the same texts need not look
    again)."""
    if _all_clean_texts(values):
        return list(values), True  # type: ignore[arg-type]  # (all str: checked)
    return [
        value if value.__class__ is str and value.isascii() and value.isprintable()
        and "  " not in value and value == value.strip() else cell_text(value)
        for value in values
    ], False


def row_texts(row: list[Cell]) -> list[str]:
    """The row's filled cells as display text, left to right."""
    return [cell_text(value) for value in row if not is_blank(value)]


def _all_clean_texts(values: list[Cell]) -> bool:
    """Whether every value is a str that cell_texts would take as it is."""
    return (bool(values) and set(map(type, values)) == {str}
            and plain_ascii_joined(values) is not None)  # type: ignore[arg-type]


def cell_at(row: list[Cell], index: int) -> Cell:
    return row[index] if index < len(row) else ""


def column_of(rows: list[list[Cell]], index: int, reach: int | None = None) -> list[Cell]:
    """One column of the rows, '' where a row is shorter (as ``cell_at``). ``reach``: the
    length of the shortest row, when the caller knows it."""
    if reach is None:
        reach = min(map(len, rows), default=0)
    if rows and reach > index:  # every row reaches it: no test per row
        return list(map(itemgetter(index), rows))
    return [row[index] if index < len(row) else "" for row in rows]


# Cell values memoised per distinct value. Not numbers or booleans: 1, 1.0 and True are equal
# as dict keys but not as cells (a date is never equal to a datetime, nor to a string).
_MEMO_CLASSES = frozenset({str, dt.date, dt.datetime})


def per_distinct(values: list[Cell], func: Callable[[Cell], T]) -> list[T]:
    """``[func(v) for v in values]``, calling func once per distinct value: a column of
    100 000 cells holds a few hundred distinct evidence, status or date values."""
    memo_classes = _MEMO_CLASSES
    # a set keeps every distinct text or date: none is equal to a number or a boolean
    distinct = set(values)
    memo = {value: func(value) for value in distinct if value.__class__ in memo_classes}
    if len(memo) == len(distinct):  # texts and dates only (the usual column): no test per cell
        return list(map(memo.__getitem__, values))
    return [memo[v] if v.__class__ in memo_classes else func(v) for v in values]


def column_index(letters: bytes) -> int:
    """b'A' -> 1, b'XFD' -> 16384."""
    index = 0
    for letter in letters:
        index = index * 26 + (letter - 64)
    return index


def column_letters(column: int) -> str:
    """1 -> 'A', 16384 -> 'XFD' (the inverse of :func:`column_index`)."""
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_letter(index: int) -> str:
    """0-based: 0 -> 'A', 27 -> 'AB'."""
    return column_letters(index + 1)


def fill_merged_down(
    grid: list[list[Cell]], merged: list[tuple[int, int, int, int]] | None, start: int,
    columns: set[int],
) -> None:
    """A value merged down over several rows (from row ``start`` on, in ``columns``) is copied
    into each blank cell under it: each of those rows holds it, as a reader of the sheet sees."""
    for r0, c0, r1, _c1 in merged or ():
        if r0 < start or r1 == r0 or c0 not in columns or r0 >= len(grid):
            continue
        value = cell_at(grid[r0], c0)
        for r in range(r0 + 1, min(r1, len(grid) - 1) + 1):
            row = grid[r]
            if len(row) <= c0:
                row.extend([""] * (c0 + 1 - len(row)))
            if is_blank(row[c0]):
                row[c0] = value
