"""The way every file and sheet comes in, the same for both pipelines.

A file is read through :func:`~iku_cli.inputs.read.read_source` (every guard applies); then each
sheet passes the gate before a pipeline reads its rows: chart and macro sheets are skipped, a
sheet past the row cap is refused, a hidden sheet holding a table is left out and named, a sheet
without a table is skipped with the reason, and what the reader cut or could not read (far
cells, formulas without a value, error cells, hidden rows) is said. A check added here holds
for the rekap count and the IKM survey alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from iku_cli.inputs.cells import column_index
from iku_cli.inputs.find import InputFile
from iku_cli.inputs.read import RawSheet, read_source
from iku_cli.inputs.sources import FileSource, SheetSource
from iku_cli.limits import Limits
from iku_cli.numbers import thousands
from iku_cli.problems import Code, Problem, Severity, make_problem

SKIP_REASONS = {
    "chart": "sheet grafik",
    "macro": "sheet makro",
    "dialog": "sheet dialog",
    "other": "bukan lembar kerja",
}
SHOWN_CELLS = 8  # cells named in one note; the rest as "..."


class Located(Protocol):
    """What a pipeline's locator found in one sheet."""

    @property
    def tables(self) -> Sequence[object]: ...
    @property
    def problems(self) -> list[Problem]: ...
    @property
    def partial(self) -> bool: ...
    def rows_listed(self) -> int: ...
    def column_labels(self) -> dict[int, str]: ...


L = TypeVar("L", bound=Located)


@dataclass(frozen=True)
class TableWords:
    """How a pipeline names its tables in the gate's messages."""

    hidden_code: Code  # a hidden sheet holding a table
    hidden_without_table: str  # why a hidden sheet without one was skipped
    partial: str  # the reason recorded for a broken table


@dataclass
class Reading:
    """What reading the inputs gathered so far: the audit trail, the problems, and whether
    everything given could be read."""

    problems: list[Problem] = field(default_factory=list)
    sources: list[FileSource] = field(default_factory=list)
    complete: bool = True

    def add(self, problems: Sequence[Problem]) -> None:
        """Problems that make the run incomplete when one is a galat about a file."""
        self.problems.extend(problems)

    def merge_reading(self, other: Reading) -> None:
        self.problems.extend(other.problems)
        self.sources.extend(other.sources)
        self.complete = self.complete and other.complete


def read_file(reading: Reading, item: InputFile, limits: Limits,
              read_sheet: Callable[[FileSource, RawSheet], None]) -> None:
    """One file into ``reading``: its source entry, then each sheet handed to ``read_sheet``;
    a file that cannot be read is a galat and makes the run incomplete."""
    source = FileSource(item.display)
    reading.sources.append(source)
    failure = read_source(source, item.path, limits, lambda sheet: read_sheet(source, sheet))
    if failure is not None:
        reading.complete = reading.complete and failure.severity is not Severity.GALAT
        reading.problems.append(failure)


def admit(
    reading: Reading, source: FileSource, sheet: RawSheet, locate: Callable[[RawSheet], L], *,
    words: TableWords, include_hidden: bool, limits: Limits, no_table: Callable[[RawSheet], str],
    rows_read: Callable[[L], set[int]] | None = None,
) -> L | None:
    """The gate: the sheet's tables as ``locate`` finds them, when the pipeline may read them;
    None when the sheet is skipped (its source entry and the reason already recorded).
    ``rows_read``: the Excel rows the pipeline takes values from — a formula without a stored
    value elsewhere (the office's own totals under the table) changes nothing and is not
    named."""
    display, name = source.display, sheet.name or None

    def skip(reason: str, code: Code = Code.SHEET_SKIPPED, **details: Any) -> None:
        source.sheets.append(SheetSource(sheet.name, None, skipped=reason))
        reading.problems.append(make_problem(code, file=display, sheet=name, detail=reason,
                                             **details))

    if sheet.kind != "worksheet":
        skip(SKIP_REASONS.get(sheet.kind, SKIP_REASONS["other"]))
        return None
    if sheet.too_many_rows is not None:
        reading.complete = False
        skip("terlalu banyak baris", Code.SHEET_TOO_MANY_ROWS,
             n=thousands(sheet.too_many_rows), limit=thousands(limits.baris))
        return None
    located = locate(sheet)
    if sheet.hidden and not include_hidden:
        if located.tables:
            skip("sheet tersembunyi", words.hidden_code, n=located.rows_listed())
        else:
            skip(words.hidden_without_table)
        return None
    reading.problems.extend(located.problems)
    if located.tables or located.partial:  # an error cell may be why a column is missing
        reading.problems.extend(error_cell_problems(display, sheet, located.column_labels()))
    if located.partial:
        reading.complete = False
    if not located.tables:
        if located.partial:
            source.sheets.append(SheetSource(sheet.name, None, skipped=words.partial))
        else:
            skip(no_table(sheet))
        return None
    reading.problems.extend(reader_notes(display, sheet,
                                         None if rows_read is None else rows_read(located)))
    return located


def reader_notes(display: str, sheet: RawSheet, rows: set[int] | None = None) -> list[Problem]:
    """What the reader did not take as it stands: far cells cut, formulas without a stored
    value (only in ``rows``, when given), hidden rows (read all the same)."""
    name = sheet.name or None
    formulas = sheet.uncached_formulas
    if rows is not None:
        formulas = [ref for ref in formulas if int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
                    in rows]
    notes = [
        make_problem(code, file=display, sheet=name, n=len(cells), cells=_shown(cells))
        for code, cells in ((Code.FAR_CELLS_CUT, sheet.stray_cells),
                            (Code.FORMULA_WITHOUT_VALUE, formulas)) if cells
    ]
    if sheet.hidden_rows:
        notes.append(make_problem(Code.HIDDEN_ROWS, file=display, sheet=name,
                                  n=sheet.hidden_rows))
    return notes


def error_cell_problems(display: str, sheet: RawSheet, labels: dict[int, str]) -> list[Problem]:
    """One warning per error cell (#N/A, #REF!, ...), with its column's header when it lies
    in a table (``labels``: 0-based column -> header text): it read as blank."""
    problems = []
    for ref, error in sheet.error_cells:
        letters = ref.rstrip("0123456789")
        problems.append(make_problem(
            Code.ERROR_CELL, file=display, sheet=sheet.name or None, row=int(ref[len(letters):]),
            column=labels.get(column_index(letters.encode()) - 1), value=error, cell=ref))
    return problems


def _shown(cells: Sequence[str]) -> str:
    return ", ".join(cells[:SHOWN_CELLS]) + (", ..." if len(cells) > SHOWN_CELLS else "")
