"""Turn located activity rows into normalised activities, with a problem for every doubt.

Reads the cells ``locate`` pointed at and decides, per the rekap contract: the date, the unit,
the evidence types, whether it was followed up, and whether the row counts. Duplicates are
found across the whole run afterwards (:func:`mark_duplicates`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress
from typing import Any, cast

from iku_cli.inputs.cells import (
    Cell,
    cell_at,
    cell_text,
    column_letter,
    column_of,
    is_blank,
    per_distinct,
    plain_cell_texts,
)
from iku_cli.inputs.dates import DateIssue, ParsedDate, dates_of_other_years, parse_date
from iku_cli.inputs.lines import year_in
from iku_cli.inputs.read import RawSheet
from iku_cli.inputs.sources import SheetSource
from iku_cli.problems import Code, Problem, make_problem
from iku_cli.rekap.header import Layout
from iku_cli.rekap.locate import SheetLayout, Table
from iku_cli.rekap.match import (
    EvidenceMatch,
    match_evidence,
    match_status,
    match_unit_cell,
    match_unit_name,
)
from iku_cli.rekap.match import is_ticked as tick_state
from iku_cli.rekap.model import REASON_NO_EVIDENCE, REASON_OTHER_YEAR, Activities
from iku_cli.rekap.units import sheet_unit_fallback
from iku_cli.rekap.vocab import (
    EVIDENCE_TYPES,
    NO_UNIT,
    Vocabulary,
)

SHOWN_ROWS = 20  # a message names this many rows, then '...'


def shown_rows(rows: list[int], limit: int = SHOWN_ROWS) -> str:
    """'5, 9, 12' — the first rows of a list, for a message."""
    return ", ".join(map(str, rows[:limit])) + (", ..." if len(rows) > limit else "")


# --- one sheet --------------------------------------------------------------------------------


@lru_cache(maxsize=16384)
def _parse_text_date(text: str, year: int | None) -> ParsedDate:
    return parse_date(text, year)


def _date_of(value: Cell, year: int | None) -> ParsedDate:
    if isinstance(value, str):
        return _parse_text_date(value, year)
    return parse_date(value, year)


def _repeated_texts(rows: list[list[Cell]], index: int | None, reach: int | None = None
                    ) -> list[str] | None:
    """A column of few distinct values (the results) as display text, each value cleaned
    once; None when the table has no such column."""
    if index is None:
        return None
    return per_distinct(column_of(rows, index, reach), cell_text)


# Excel keeps 15 significant digits of a number: a longer number (an 18-digit NIP, a 16-digit
# NIK typed into a number cell) has lost its last digits; a CSV shows it as 1.97001E+17.
_EXACT_DIGITS = 10**15
_SCIENTIFIC = re.compile(r"\d(?:[.,]\d+)?[eE]\+\d{2}")
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")


def _may_hold_long_numbers(texts: list[str]) -> bool:
    """One look over a whole column's text (a number cell shows as its digits): 16 digits in
    a row, or a number in scientific notation. Byte operations: no per-cell Python work."""
    blob = "\n".join(texts).encode("utf-8", "replace")
    return b"E+" in blob or b"e+" in blob or b"0" * 16 in blob.translate(_DIGITS_AS_ZERO)


def _long_numbers(rows: list[list[Cell]], index: int | None, texts: list[str] | None
                  ) -> list[int]:
    """Positions of cells holding a number too long for Excel to have kept it exactly.
    ``texts``: the column as display text; one search over it all rules out the usual column
    (a number cell shows as its digits) before any cell is looked at alone."""
    if index is None or texts is None or not _may_hold_long_numbers(texts):
        return []
    found = []
    for position, value in enumerate(column_of(rows, index)):
        if isinstance(value, str):
            if _SCIENTIFIC.fullmatch(value.strip()):
                found.append(position)
        elif isinstance(value, float | int) and not isinstance(value, bool) \
                and abs(value) >= _EXACT_DIGITS:
            found.append(position)
    return found


_OTHER_TYPES_HINT = "isi salah satu: " + ", ".join(EVIDENCE_TYPES)


def _advice(suggestion: str | None) -> str:
    if suggestion:
        return f"maksud Anda: {suggestion}? Perbaiki ejaannya"
    return _OTHER_TYPES_HINT


class _Columns:
    """The cells of one table's activity rows, column by column, each distinct value parsed or
    matched once. ``evidence`` and ``followed`` hold None where the row needs a closer look
    (anything but a clean evidence cell; anything but a known status word)."""

    def __init__(self, table: Table, grid: list[list[Cell]], vocab: Vocabulary,
                 year: int | None, reach: int | None = None) -> None:
        layout = table.layout
        self.rows = rows = [grid[r] for r in table.rows]
        self.index = col = {name: column.index for name, column in layout.fields.items()}
        self.label = {name: column.label for name, column in layout.fields.items()}
        self.letter = {name: column_letter(index) for name, index in col.items()}
        n = len(rows)
        if reach is None or reach <= max(col.values()):  # (asked once, not for every column)
            reach = min(map(len, rows), default=0)

        def column(name: str) -> list[Cell]:
            return column_of(rows, col[name], reach)

        # (plain: every text plain ASCII, as the duplicate keys would look for again)
        self.texts, self.plain_texts = plain_cell_texts(column("kegiatan"))
        if table.continued_text:
            for position, r in enumerate(table.rows):
                joined = table.continued_text.get(r)
                if joined:
                    self.texts[position] = joined
                    self.plain_texts = False
        self.raw_dates = column("tanggal") if "tanggal" in col else []
        self.dates: list[ParsedDate] | None = per_distinct(
            self.raw_dates, lambda value: _date_of(value, year)
        ) if "tanggal" in col else None

        self.matches: list[EvidenceMatch | None] = per_distinct(
            column("bukti"),
            lambda value: None if is_blank(value) else match_evidence(
                value if isinstance(value, str) else cell_text(value), vocab),
        ) if "bukti" in col else [None] * n
        self.evidence: list[tuple[str, ...] | None] = [None] * n
        if "bukti" in col and not layout.evidence_ticks:
            # the types of a cell naming only types, in canonical order (as _evidence gives)
            self.evidence = [m.types if m is not None and m.types and not m.bad_parts else None
                             for m in self.matches]

        self.followed: list[bool | None] = per_distinct(
            column("tindak_lanjut"),
            lambda value: None if is_blank(value) else match_status(value, vocab),
        ) if "tindak_lanjut" in col else [None] * n
        self.results = _repeated_texts(rows, col.get("hasil"), reach)
        self.numbers: list[str] | None = None
        self.plain_numbers = True  # (no column: every number '', plain)
        if "nomor_bukti" in col:
            self.numbers, self.plain_numbers = plain_cell_texts(column("nomor_bukti"))
        self.long_numbers = _long_numbers(rows, col.get("nomor_bukti"), self.numbers)


class _TableUnits:
    """Each row's unit, in the contract's order: the row's own unit cell (a blank one under
    a filled one takes the unit above, when no unit heading stands between), the unit heading
    above the row, then the table's (title line, sheet, file)."""

    def __init__(self, sheet: SheetNormalizer, table: Table, col: dict[str, int],
                 label: dict[str, str]) -> None:
        self.sheet, self.table, self.col, self.label = sheet, table, col, label
        self.table_unit: str | None = None  # resolved lazily: only rows without one need it
        self.of_heading: dict[str, str] = {}  # a unit heading, as its unit
        self.above: str | None = None  # the last unit a unit cell named
        self.filled_down = False

    def __call__(self, row: list[Cell], section: str | None, excel_row: int) -> str:
        unit = self.sheet.cell_unit(row, self.col, self.label, excel_row) \
            if "unit" in self.col else None
        if unit is not None:
            self.above = unit
            return unit
        if self.above is not None and section is None:
            self.filled_down = True
            return self.above
        if section is not None:
            return self.of_heading.get(section) or self.sheet.section_unit(
                section, excel_row, self.of_heading)
        return self.of_table()

    def of_table(self) -> str:
        """The table's own unit (title line, sheet, file), asked once."""
        if self.table_unit is None:
            self.table_unit = self.sheet.table_unit(self.table)
        return self.table_unit


class SheetNormalizer:
    """Normalises the tables of one sheet into the run's activity store."""

    def __init__(
        self, *, file: str, file_stem: str, sheet: RawSheet, located: SheetLayout,
        vocab: Vocabulary, store: Activities, kecamatan: str | None,
        default_year: int | None, year_filter: int | None = None,
    ) -> None:
        self.subdistrict = kecamatan  # the sheet's, from its title block
        self.file = file
        self.sheet = sheet
        self.located = located
        self.vocab = vocab
        self.store = store
        self.problems: list[Problem] = []
        self.title_year = year_in(located.title_lines)
        self.year = self.title_year or default_year
        self.year_filter = year_filter
        self.fallback = sheet_unit_fallback(sheet.name, file_stem, vocab)
        self.unknown_units_reported: set[str] = set()
        self.units_used: dict[str, None] = {}  # an ordered set
        self.table_ranges: list[tuple[Table, int]] = []  # (table, index of its first activity)

    def problem(self, code: Code, **kwargs: Any) -> None:
        self.problems.append(make_problem(code, file=self.file, sheet=self.sheet.name, **kwargs))

    def _report_unknown_unit(self, name: str, row: int | None) -> None:
        if name not in self.unknown_units_reported:
            self.unknown_units_reported.add(name)
            self.problem(Code.UNKNOWN_UNIT, row=row, value=name)

    def run(self) -> SheetSource:
        first = len(self.store)
        for table in self.located.tables:
            self.table_ranges.append((table, len(self.store)))
            self._table(table)
        self._check_title_year(first)
        has_date_column = any("tanggal" in t.layout.fields for t in self.located.tables)
        if not has_date_column and len(self.store) > first:
            self.problem(Code.NO_DATE_COLUMN)
        units = list(self.units_used)
        default = self.located.tables[0].title_unit if self.located.tables else None
        return SheetSource(
            self.sheet.name,
            units[0] if len(units) == 1 else (default or self.fallback.name),
            activity_rows=len(self.store) - first,
            units=units,
            outside_year=self._exclude_other_years(first),
            title_year=self.title_year,
        )

    def _check_title_year(self, first: int) -> None:
        """Without --tahun: dated activities of another year than the sheet's title block
        names ('TAHUN 2027') are named, one warning for the sheet."""
        if self.year_filter is not None or self.title_year is None:
            return
        store = self.store
        dates = store.date[first:]
        other = dates_of_other_years(dates, self.title_year)
        rows = [row for row, date, reason in zip(store.row[first:], dates,
                                                 store.reason[first:], strict=True)
                if reason is None and date in other] if other else []
        if rows:
            self.problem(Code.OTHER_THAN_TITLE_YEAR, n=len(rows), rows=shown_rows(rows),
                         year=self.title_year)

    def _exclude_other_years(self, first: int) -> int:
        """With --tahun: dated activities of other years are not counted (one warning per
        sheet listing their rows); undated ones stay in."""
        if self.year_filter is None:
            return 0
        store = self.store
        dates = store.date[first:]
        other = dates_of_other_years(dates, self.year_filter)
        rows = []
        for index in compress(range(first, len(store)), map(other.__contains__, dates)):
            rows.append(store.row[index])
            if store.reason[index] is None:
                store.reason[index] = REASON_OTHER_YEAR
        if rows:
            self.problem(Code.OUTSIDE_YEAR, n=len(rows), rows=shown_rows(rows),
                         year=self.year_filter)
        return len(rows)

    def table_unit(self, table: Table) -> str:
        if table.title_unit:
            known = match_unit_name(table.title_unit, self.vocab)
            if known is None:  # a lettered heading naming a unit we do not know
                self._report_unknown_unit(table.title_unit, table.layout.header_rows[0])
            return known or table.title_unit
        fallback = self.fallback
        if fallback.problem_code == Code.UNKNOWN_UNIT and fallback.value:
            self._report_unknown_unit(fallback.value, None)
        elif fallback.problem_code == Code.NO_UNIT and NO_UNIT not in self.unknown_units_reported:
            self.unknown_units_reported.add(NO_UNIT)
            self.problem(Code.NO_UNIT)
        return fallback.name

    def _table(self, table: Table) -> None:
        """Normalise one table column by column: every distinct value of a column is parsed or
        matched once (``_Columns``); then one pass over the rows resolves units and reports
        problems, per row in the order date, unit, evidence, status, result."""
        layout = table.layout
        cols = _Columns(table, self.sheet.rows, self.vocab, self.year, self.located.reach)
        col, label, letter = cols.index, cols.label, cols.letter
        rows, parsed_dates, raw_dates = cols.rows, cols.dates, cols.raw_dates
        evidence, followed, results = cols.evidence, cols.followed, cols.results
        n = len(rows)
        dates = parsed_dates if parsed_dates is not None else [None] * n
        unit_of = _TableUnits(self, table, col, label)
        long_numbers = set(cols.long_numbers)
        final_evidence: list[tuple[str, ...] | None] = list(evidence)  # resolved below
        final_followed: list[bool | None] = list(followed)
        # Without a unit column or unit headings every row has the table's unit (its problems
        # carry no activity row, so asking first changes no order): only the rows with
        # something to say are visited. Otherwise every row, for its unit.
        same_unit = "unit" not in col and not any(table.section_units)
        units: list[str] = [unit_of.of_table()] * n if same_unit and n else []
        visit = range(n) if not same_unit else [
            position for position in range(n)
            if evidence[position] is None or followed[position] is None
            or position in long_numbers
            or ((parsed := dates[position]) is not None
                and (parsed.issue is not None or parsed.was_range))
            or (results is not None and followed[position] and not results[position])
        ]
        for position in visit:
            r, parsed = table.rows[position], dates[position]
            excel_row = r + 1

            # -- date
            if parsed is not None and (parsed.issue is not None or parsed.was_range):
                self._date_problem(parsed, raw_dates[position], excel_row, label["tanggal"],
                                   letter["tanggal"])

            if not same_unit:
                units.append(unit_of(rows[position], table.section_units[position], excel_row))

            # -- evidence (None: not a clean, fully recognised evidence cell)
            types = evidence[position]
            if types is None:
                types = final_evidence[position] = self._evidence(
                    rows[position], layout, col, label, excel_row, cols.matches[position])

            # -- status (None: not a recognised word in the status column)
            status = followed[position]
            if status is None:
                status = final_followed[position] = self._status(
                    rows[position], layout, col, label, excel_row)

            if position in long_numbers:
                self.problem(Code.NUMBER_STORED_AS_NUMBER, row=excel_row,
                             column=label["nomor_bukti"],
                             value=rows[position][col["nomor_bukti"]],
                             cell=f"{letter['nomor_bukti']}{excel_row}")

            if status and types and results is not None and not results[position]:
                self.problem(Code.NO_RESULT, row=excel_row, column=label["hasil"],
                             cell=f"{letter['hasil']}{excel_row}")

        if unit_of.filled_down:
            self.problem(Code.UNIT_FILLED_DOWN, row=table.layout.header_rows[0] + 1,
                         column=label["unit"], label=label["unit"])
        self.units_used.update(dict.fromkeys(units))
        self.store.add_table(
            file=self.file, sheet=self.sheet.name, subdistrict=self.subdistrict,
            rows=[r + 1 for r in table.rows], units=units,
            dates=[p.date for p in parsed_dates] if parsed_dates is not None else [None] * n,
            texts=cols.texts, evidence=cast("list[tuple[str, ...]]", final_evidence),
            numbers=cols.numbers if cols.numbers is not None else [""] * n,
            followed=cast("list[bool]", final_followed),
            results=results if results is not None else [""] * n,
            reasons=[None if types else REASON_NO_EVIDENCE for types in final_evidence],
            text_column=letter["kegiatan"],
            plain_texts=cols.plain_texts, plain_numbers=cols.plain_numbers,
        )

    def _date_problem(
        self, parsed: ParsedDate, raw: Cell, excel_row: int, column: str, letter: str
    ) -> None:
        if parsed.issue is not None:
            code = {
                DateIssue.BLANK: Code.NO_DATE,
                DateIssue.UNREADABLE: Code.UNREADABLE_DATE,
                DateIssue.NO_YEAR: Code.DATE_WITHOUT_YEAR,
                DateIssue.NO_SUCH_DAY: Code.NO_SUCH_DAY,
            }[parsed.issue]
            self.problem(code, row=excel_row, column=column, value=raw,
                         cell=f"{letter}{excel_row}", why=parsed.why)
        elif parsed.was_range:
            self.problem(Code.DATE_RANGE, row=excel_row, column=column, value=raw)

    def cell_unit(
        self, row: list[Cell], col: dict[str, int], label: dict[str, str], excel_row: int
    ) -> str | None:
        """The unit the row's own unit cell names, if any."""
        value = cell_at(row, col["unit"])
        if is_blank(value):
            return None
        named = match_unit_cell(cell_text(value), self.vocab)
        if named is None:
            return None
        if named.several:
            self.problem(Code.SEVERAL_UNITS, row=excel_row, column=label["unit"], value=value,
                         unit=named.name)
        if not named.known:
            self._report_unknown_unit(named.name, excel_row)
        return named.name

    def section_unit(self, section: str, excel_row: int, memo: dict[str, str]) -> str:
        """A unit heading's canonical unit, or the heading as written (reported once)."""
        canonical = match_unit_name(section, self.vocab)
        if canonical is None:
            self._report_unknown_unit(section, excel_row)
        memo[section] = canonical or section
        return memo[section]

    def _evidence(
        self, row: list[Cell], layout: Layout, col: dict[str, int], label: dict[str, str],
        excel_row: int, match: EvidenceMatch | None,
    ) -> tuple[str, ...]:
        """The row's evidence types, from the text column (``match``, None when blank) and/or
        one tick column per type."""
        found: list[str] = []
        invalid_text = False
        if match is not None:
            value = cell_at(row, col["bukti"])
            found.extend(match.types)
            where = {"row": excel_row, "column": label["bukti"], "value": value,
                     "cell": f"{column_letter(col['bukti'])}{excel_row}"}
            if match.types:
                for part, suggestion in zip(match.bad_parts, match.suggestions, strict=True):
                    self.problem(Code.PARTLY_INVALID_EVIDENCE, part=part,
                                 types=", ".join(match.types), advice=_advice(suggestion),
                                 **where)
            else:
                invalid_text = True
                suggestion = next((s for s in match.suggestions if s), None)
                self.problem(Code.INVALID_EVIDENCE, advice=_advice(suggestion), **where)
        for type_, column in layout.evidence_ticks.items():
            value = cell_at(row, column.index)
            state = tick_state(value)
            if state:
                found.append(type_)
            elif state is None:
                self.problem(Code.UNKNOWN_TICK, row=excel_row, column=column.label,
                             value=value, cell=f"{column_letter(column.index)}{excel_row}")
        if found:
            ordered = [t for t in EVIDENCE_TYPES if t in found]
            return (*ordered, *(t for t in dict.fromkeys(found) if t not in EVIDENCE_TYPES))
        if not invalid_text:  # blank, or only tick cells that were not ticks (reported above)
            if "bukti" in col:
                self.problem(Code.NO_EVIDENCE, row=excel_row, column=label["bukti"],
                             cell=f"{column_letter(col['bukti'])}{excel_row}")
            else:
                ticks = ", ".join(c.label for c in layout.evidence_ticks.values())
                self.problem(Code.NO_EVIDENCE, row=excel_row, column=ticks)
        return ()

    def _status(
        self, row: list[Cell], layout: Layout, col: dict[str, int], label: dict[str, str],
        excel_row: int,
    ) -> bool:
        """Followed up or not, from the status column or the Ya | Tidak tick columns."""
        if "tindak_lanjut" in col:
            value = cell_at(row, col["tindak_lanjut"])
            if not is_blank(value) or not layout.status_ticks:
                status = None if is_blank(value) else match_status(value, self.vocab)
                if status is not None:
                    return status
                self.problem(
                    Code.NO_STATUS if is_blank(value) else Code.UNKNOWN_STATUS,
                    value=value, row=excel_row, column=label["tindak_lanjut"],
                    cell=f"{column_letter(col['tindak_lanjut'])}{excel_row}",
                )
                return False
        yes_col, no_col = layout.status_ticks.get(True), layout.status_ticks.get(False)
        yes = tick_state(cell_at(row, yes_col.index)) if yes_col else False
        no = tick_state(cell_at(row, no_col.index)) if no_col else False
        if yes and not no:
            return True
        if no and not yes:
            return False
        where_label = " / ".join(c.label for c in layout.status_ticks.values())
        self.problem(Code.BOTH_TICKED if yes and no else Code.NO_STATUS, row=excel_row,
                     column=where_label)
        return False
