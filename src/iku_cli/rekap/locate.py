"""Find the rekap tables in a raw sheet and classify their rows: the table walk.

A sheet as offices fill it: a title block, a header (one or two rows, with merged group cells),
perhaps a row of column numbers, activity rows mixed with section headings and continuation
lines, a JUMLAH row, a signature footer — and often more tables under the first, each with its
own unit heading and header. The walk goes down the sheet once: each table's header is found
where it stands (:mod:`.header`), each row is judged by its shape and text (:mod:`.rows`), and a
table ends at its total row, at a footer, or where the next table's header begins. What the
cells mean is ``normalize``'s job.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from iku_cli.inputs.cells import (
    Cell,
    cell_at,
    cell_text,
    fill_merged_down,
    filled_cells,
    is_blank,
    row_texts,
)
from iku_cli.inputs.lines import is_footer_text
from iku_cli.inputs.read import RawSheet
from iku_cli.problems import Code, Problem, make_problem
from iku_cli.rekap.header import (
    FULL,
    HEADER_SCAN_ROWS,
    PARTIAL,
    Layout,
    could_start_header,
    evaluate_header,
    is_number_row,
    merge_index,
)
from iku_cli.rekap.match import (
    units_named_in_line,
)
from iku_cli.rekap.row_tests import PlainRows, RowTests
from iku_cli.rekap.rows import (
    has_footer_text,
    heading_of,
    is_total_label,
    is_total_text,
)
from iku_cli.rekap.vocab import FIELD_LABELS, Vocabulary

_NUMBER_IN_TEXT = re.compile(r"\d+")


@dataclass
class TotalRow:
    """A JUMLAH/TOTAL row: where it is, the count it states, and which activities it closes."""

    row: int  # 1-based sheet row
    label: str
    claimed: int | None
    segment: tuple[int, int]  # [start, end) indexes into Table.rows since the last total row


@dataclass
class Table:
    """One rekap table of a sheet."""

    layout: Layout
    title_lines: list[str]  # text lines above the header (title block or between tables)
    title_unit: str | None  # the unit named by the line nearest the header, if any
    rows: list[int] = field(default_factory=list)  # 0-based grid rows of activity rows
    section_units: list[str | None] = field(default_factory=list)  # per activity row
    continued_text: dict[int, str] = field(default_factory=dict)  # grid row -> joined kegiatan
    totals: list[TotalRow] = field(default_factory=list)


@dataclass
class SheetLayout:
    """What ``locate_tables`` found in a sheet."""

    tables: list[Table]
    problems: list[Problem]
    title_lines: list[str]  # everything above the first table (for kecamatan / year)
    partial: bool = False  # a rekap-like table missing a required column (a galat)
    reach: int | None = None  # no row of the sheet is shorter, as the walk found it

    def rows_listed(self) -> int:
        return sum(len(table.rows) for table in self.tables)

    def column_labels(self) -> dict[int, str]:
        """0-based column -> header text, for naming an error cell's column."""
        labels: dict[int, str] = {}
        for table in self.tables:
            for column in table.layout.columns():
                labels.setdefault(column.index, column.label)
        return labels


class _Ahead(Enum):
    """What comes after a total row: more activities, another table's header, or nothing."""

    ACTIVITY = 1
    HEADER = 2
    END = 3


@dataclass
class _Cursor:
    """Where the walk through one table stands."""

    table: Table
    tests: RowTests
    section_unit: str | None = None  # the unit heading the rows are under
    previous_activity: int | None = None  # grid row of the activity directly above
    segment_start: int = 0  # first activity since the last total row (index in table.rows)
    content_end: int = 0  # where the lines above a next table start

    def take(self, start: int, stop: int) -> None:
        """Rows [start, stop) are activities."""
        self.table.rows.extend(range(start, stop))
        self.table.section_units.extend([self.section_unit] * (stop - start))
        self.previous_activity = stop - 1
        self.content_end = stop


@dataclass(frozen=True)
class _End:
    """The table ended: where its content ended, and the next table's header if the walk ran
    into it."""

    content_end: int
    next_header: Layout | None = None


class _Walk:
    """Walks a sheet's rows once, table by table."""

    row_tests: Callable[[Layout, Vocabulary], RowTests] = RowTests

    def __init__(self, sheet: RawSheet, file: str, vocab: Vocabulary) -> None:
        self.sheet = sheet
        self.grid = sheet.rows
        self.file = file
        self.vocab = vocab
        lengths = list(map(len, sheet.rows))  # (one pass over the rows for both)
        width = max(lengths, default=0)
        self.reach = min(lengths, default=0)  # rows only grow (merged values filled down)
        self.merges = merge_index(sheet.merged, len(sheet.rows), width)
        self.problems: list[Problem] = []
        self.partial = False

    def problem(self, code: Code, **kwargs: Any) -> None:
        self.problems.append(make_problem(code, file=self.file, sheet=self.sheet.name, **kwargs))

    def run(self) -> SheetLayout:
        layout = self._first_header()
        if layout is None:
            return SheetLayout([], self.problems, [])
        title_lines = self._lines(0, layout.header_rows[0])
        if layout.level == PARTIAL:
            self._report_partial(layout)
            return SheetLayout([], self.problems, title_lines, partial=True)
        tables: list[Table] = []
        above = 0  # where the lines above the next table start
        next_layout: Layout | None = layout
        in_force: str | None = None  # the unit the rows above are under, carried down
        while next_layout is not None:
            header = next_layout.header_rows[0]
            table = Table(next_layout, self._lines(above, header),
                          self._title_unit(above, header) or in_force)
            tables.append(table)
            above, next_layout = self._walk_table(table)
            in_force = next((unit for unit in reversed(table.section_units) if unit),
                            table.title_unit)
            if next_layout is None:  # after a total row or a footer: another table?
                next_layout = self._next_table(above)
        return SheetLayout(tables, self.problems, title_lines, reach=self.reach)

    # -- headers --

    def _header_at(self, r: int) -> Layout | None:
        """A complete header starting at row r (cheap first look, then the full reading)."""
        row = self.grid[r]
        if not could_start_header(row, self.vocab):
            return None
        found = evaluate_header(self.grid, r, self.merges, self.vocab)
        return found if found is not None and found.level == FULL else None

    def _first_header(self) -> Layout | None:
        """The sheet's first table header, top down in the first rows; else the widest
        partial one (a rekap missing a required column). A partial header above the first
        complete one is a broken table when rows follow it."""
        partial: Layout | None = None
        for r in range(min(len(self.grid), HEADER_SCAN_ROWS)):
            layout = evaluate_header(self.grid, r, self.merges, self.vocab)
            if layout is None:
                continue
            if layout.level == FULL:
                if partial is not None and self._has_rows(partial, r):
                    self._report_partial(partial)
                return layout
            if partial is None or layout.width > partial.width:
                partial = layout
        return partial

    def _next_table(self, start: int) -> Layout | None:
        """After a table's end: the next complete header, if any (partial ones reported)."""
        for r in range(start, len(self.grid)):
            layout = evaluate_header(self.grid, r, self.merges, self.vocab)
            if layout is None:
                continue
            if layout.level == FULL:
                return layout
            self._report_partial(layout)
        return None

    def _has_rows(self, layout: Layout, stop: int) -> bool:
        """Whether any row under a (partial) header, before ``stop``, has a kegiatan and one
        more of the header's columns filled in."""
        kegiatan = layout.fields["kegiatan"].index
        others = [c.index for c in layout.columns() if c.index != kegiatan]
        return any(
            not is_blank(cell_at(row, kegiatan)) and any(not is_blank(cell_at(row, c))
                                                         for c in others)
            for row in self.grid[layout.header_rows[-1] + 1: stop]
        )

    def _report_partial(self, layout: Layout) -> None:
        self.partial = True
        missing = layout.missing_required()
        found = ", ".join(col.label for col in layout.fields.values())
        self.problem(
            Code.REQUIRED_COLUMN_MISSING,
            row=layout.header_rows[0] + 1,
            missing=" dan ".join(FIELD_LABELS[name] for name in missing),
            found=found,
            example=FIELD_LABELS[missing[0]],
        )

    @staticmethod
    def _repeats(found: Layout, layout: Layout) -> bool:
        """The table's own header written again (e.g. on each printed page): the same fields
        in the same columns. A header with another, one more or one less column is the next
        table's."""
        return _column_map(found) == _column_map(layout)

    def _data_start(self, layout: Layout) -> int:
        start = layout.header_rows[-1] + 1
        if start < len(self.grid) and is_number_row(self.grid[start]):
            self.problem(Code.COLUMN_NUMBER_ROW, row=start + 1)
            start += 1
        return start

    # -- lines above a table --

    def _lines(self, start: int, stop: int) -> list[str]:
        lines = (" ".join(row_texts(row)) for row in self.grid[start:stop])
        return [line for line in lines if line]

    def _title_unit(self, start: int, stop: int) -> str | None:
        """The unit of the line nearest the header (rows [start, stop)) that names one: a
        known unit as whole words ('SEKSI PEMERINTAHAN KECAMATAN GUCIALIT', 'SEKRETARIAT'), or
        a unit heading ('A. | Seksi Kesos', 'C. SEKSI KEBERSIHAN', kept as written). Signature
        lines ('Kepala Seksi ...') name no table's unit."""
        for row in reversed(self.grid[start:stop]):
            filled = [value for value in row if not is_blank(value)]
            line = " ".join(cell_text(value) for value in filled)
            if not line or is_footer_text(line):
                continue
            named = units_named_in_line(line, self.vocab)
            if len(named) == 1:
                return named[0]
            if not named and len(filled) <= 2:
                heading = heading_of(filled, self.vocab)
                if heading is not None and heading[0] == "unit":
                    return heading[1]
        return None

    # -- one table --

    def _fill_vertical_merges(self, layout: Layout, start: int) -> None:
        """A date, unit, evidence or status merged down over several activities applies to each."""
        fill_columns = {
            col.index for name, col in layout.fields.items() if name not in ("kegiatan", "no")
        } | {c.index for c in layout.evidence_ticks.values()} | {
            c.index for c in layout.status_ticks.values()
        }
        fill_merged_down(self.grid, self.sheet.merged, start, fill_columns)

    def _walk_table(self, table: Table) -> tuple[int, Layout | None]:
        """Classify the rows of one table. Returns the grid row where its content ended, and
        the next table's header when the walk ran into it."""
        layout = table.layout
        rows_label = "-".join(str(r + 1) for r in layout.header_rows)
        self.problem(Code.HEADER_FOUND, row=layout.header_rows[0] + 1, rows=rows_label,
                     mapping=layout.describe())
        start = self._data_start(layout)
        self._fill_vertical_merges(layout, start)
        at = _Cursor(table, self.row_tests(layout, self.vocab), content_end=start)
        self._activity_ahead = -1  # a sure activity is known to stand at this row
        plain = PlainRows(self.grid, at.tests.plain_many, self.reach)
        r = start
        while r < len(self.grid):
            run_end = plain.run_end(r)
            if run_end > r:  # fast path: a run of plain activity rows
                at.take(r, run_end)
                r = run_end
                continue
            step = self._step(at, r)
            if isinstance(step, _End):
                return step.content_end, step.next_header
            r = step
        return len(self.grid), None

    def _step(self, at: _Cursor, r: int) -> int | _End:
        """One row that is no plain activity: what it is, and the row to look at next (or
        where the table ends)."""
        row = self.grid[r]
        texts = filled_cells(row)
        if not texts:
            at.previous_activity = None
            return r + 1
        if len(texts) >= 2 and (found := self._header_at(r)) is not None:
            return self._header_again(at, r, found)
        first_text = next((cell_text(v) for _, v in texts if isinstance(v, str)), "")
        if first_text and is_total_text(first_text) and (
            is_total_label(first_text, self.vocab) or not at.tests.sure(row)
        ):
            return self._total(at, r, texts, first_text)
        if not at.tests.sure(row) and has_footer_text(row) and self._footer_starts(r, at.tests):
            self._footer_note(r)
            return _End(r)
        if not at.tests.activity_like(row) and len(texts) <= 2 and self._heading(at, r, texts):
            return r + 1
        kegiatan = cell_at(row, at.tests.kegiatan)
        if is_blank(kegiatan):
            if at.tests.marked(row):
                self.problem(Code.NO_ACTIVITY_TEXT, row=r + 1,
                             column=at.table.layout.fields["kegiatan"].label)
            at.previous_activity = None
            return r + 1
        if not self._continues(at, r, texts, kegiatan):
            at.take(r, r + 1)
        return r + 1

    def _header_again(self, at: _Cursor, r: int, found: Layout) -> int | _End:
        """A header inside a table: the same one written again (the walk goes on under it,
        a unit line above it starting its unit), or the next table's."""
        if not self._repeats(found, at.table.layout):
            return _End(at.content_end, found)
        self.problem(Code.HEADER_REPEATED, row=r + 1)
        at.section_unit = self._title_unit(at.content_end, r) or at.section_unit
        at.previous_activity = None
        at.content_end = self._data_start(found)  # lines above a later header start under it
        return at.content_end

    def _total(self, at: _Cursor, r: int, texts: list[tuple[int, Cell]],
               label: str) -> int | _End:
        """A JUMLAH row: noted with its count; the table ends with it when no activity
        follows before the next table or the end."""
        table = at.table
        table.totals.append(self._total_row(r, texts, table.layout, table, at.segment_start))
        self.problem(Code.TOTAL_ROW, row=r + 1, value=label)
        at.segment_start = len(table.rows)
        at.previous_activity = None
        at.content_end = r + 1
        ahead = self._ahead(r + 1, at.tests)
        if ahead is _Ahead.ACTIVITY:
            return r + 1
        if ahead is _Ahead.END:
            self._footer_note(r + 1)
        return _End(at.content_end)

    def _heading(self, at: _Cursor, r: int, texts: list[tuple[int, Cell]]) -> bool:
        """A section heading (a unit, a period, a lettered line): noted; a unit heading
        starts the unit of the rows under it."""
        heading = heading_of([v for _, v in texts], self.vocab)
        if heading is None:
            return False
        kind, unit = heading
        if kind == "unit":
            at.section_unit = unit
        note = f"; kegiatan di bawahnya milik {unit}" if unit else ""
        self.problem(Code.SECTION_ROW, row=r + 1, value=" ".join(cell_text(v) for _, v in texts),
                     unit_note=note)
        at.previous_activity = None
        return True

    def _continues(self, at: _Cursor, r: int, texts: list[tuple[int, Cell]],
                   kegiatan: Cell) -> bool:
        """A numbered table's row with only text in kegiatan, under an activity: the text
        continues that activity."""
        above = at.previous_activity
        fields = at.table.layout.fields
        no_col = fields["no"].index if "no" in fields else None
        date_col = fields["tanggal"].index if "tanggal" in fields else None
        if (above is None or no_col is None or len(texts) != 1 or not isinstance(kegiatan, str)
                or is_blank(cell_at(self.grid[above], no_col))
                or (date_col is not None and not is_blank(cell_at(self.grid[r], date_col)))):
            return False
        continued = at.table.continued_text
        joined = continued.get(above, cell_text(cell_at(self.grid[above], at.tests.kegiatan)))
        continued[above] = f"{joined} {cell_text(kegiatan)}"
        self.problem(Code.CONTINUATION_ROW, row=r + 1, value=kegiatan,
                     column=fields["kegiatan"].label, above=above + 1)
        at.content_end = r + 1
        return True

    def _ahead(self, start: int, tests: RowTests) -> _Ahead:
        """After a total row: does an activity come before the next table or the end? Past a
        signature line only a sure activity counts (names under it are not activities)."""
        if start <= self._activity_ahead:
            return _Ahead.ACTIVITY
        footer_seen = False
        for s in range(start, len(self.grid)):
            row = self.grid[s]
            if tests.sure_activity(row):
                self._activity_ahead = s
                return _Ahead.ACTIVITY
            if (found := self._header_at(s)) is not None and not self._repeats(found, tests.layout):
                return _Ahead.HEADER
            if has_footer_text(row):
                footer_seen = True
            elif not footer_seen and tests.activity_like(row):
                self._activity_ahead = s
                return _Ahead.ACTIVITY
        return _Ahead.END

    def _footer_starts(self, r: int, tests: RowTests) -> bool:
        """Row r holds a signature line: the footer starts here when no sure activity follows
        before the next table or the end (a signature may be typed into any column)."""
        if r < self._activity_ahead:
            return False
        for s in range(r + 1, len(self.grid)):
            row = self.grid[s]
            if tests.sure_activity(row):
                self._activity_ahead = s
                return False
            if (found := self._header_at(s)) is not None and not self._repeats(found, tests.layout):
                return True
        return True

    def _footer_note(self, first_footer_row: int) -> None:
        """Say where the footer starts, if anything is written there."""
        for r in range(first_footer_row, len(self.grid)):
            if any(not is_blank(v) for v in self.grid[r]):
                self.problem(Code.FOOTER_SKIPPED, row=r + 1)
                return

    def _total_row(
        self, r: int, texts: list[tuple[int, Cell]], layout: Layout, table: Table,
        segment_start: int,
    ) -> TotalRow:
        """The activity count a total row states, read from its label or the listing columns."""
        label = ""
        claimed: int | None = None
        counting_columns = {
            layout.fields[name].index for name in ("no", "tanggal", "kegiatan", "bukti",
                                                   "nomor_bukti") if name in layout.fields
        }
        for c, value in texts:
            text = cell_text(value)
            if not label and isinstance(value, str) and is_total_text(text):
                label = text
                number = _NUMBER_IN_TEXT.search(text)
                if number and claimed is None and not re.search(r"(?:19|20)\d\d", text):
                    claimed = int(number.group())
                continue
            if claimed is None and c in counting_columns:
                if isinstance(value, int | float) and not isinstance(value, bool):
                    if float(value).is_integer():
                        claimed = int(value)
                elif isinstance(value, str):
                    number = re.fullmatch(r"\s*(\d+)\s*(?:kegiatan|keg)?\.?\s*", value, re.I)
                    if number:
                        claimed = int(number.group(1))
        return TotalRow(r + 1, label, claimed, (segment_start, len(table.rows)))


def _column_map(layout: Layout) -> dict[int, object]:
    """Column -> what the layout reads there (a field, an evidence type, Ya/Tidak)."""
    mapped: dict[int, object] = {column.index: name for name, column in layout.fields.items()}
    mapped.update({column.index: ("tick", kind) for kind, column in
                   layout.evidence_ticks.items()})
    mapped.update({column.index: ("status", yes) for yes, column in layout.status_ticks.items()})
    return mapped


def locate_tables(sheet: RawSheet, file: str, vocab: Vocabulary) -> SheetLayout:
    """Every rekap table of one sheet, with its activity rows; problems found on the way."""
    walk = _Walk(sheet, file, vocab)
    result = walk.run()
    result.partial = result.partial or walk.partial
    return result
