"""Find the survey tables in a raw sheet: the header by content, then the respondent rows.

A survey sheet as offices keep it: a title block, a header with one column per unsur (``U1``…
``U9``, or the unsur names, or names over codes in two rows, perhaps under a merged group cell
such as "NILAI UNSUR PELAYANAN"), optional columns (No, Tanggal, Jenis Layanan, profile),
perhaps a column-number row, the respondent rows, and often the office's own summary rows
(Σ nilai, NRR, IKM) and a signature footer — which end the table. Rows are judged by shape;
the answers themselves are checked by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from iku_cli.ikm.normalize import answer_of
from iku_cli.ikm.vocab import (
    ANSWER_GROUPS,
    FIELD_LABELS,
    FIELD_SPELLINGS,
    ORDERS,
    RESPONDENT_FIELDS,
    SUMMARY_WORDS,
    UNSUR,
    UNSUR_CODE_PATTERN,
    UNSUR_COUNT,
    UNSUR_KEYWORDS,
    UNSUR_SPELLINGS,
    Order,
)
from iku_cli.inputs.cells import Cell, cell_at, cell_text, column_letter, fill_merged_down, is_blank
from iku_cli.inputs.lines import is_footer_text
from iku_cli.inputs.read import RawSheet
from iku_cli.problems import Code, Problem, make_problem
from iku_cli.text import clean_text, header_key, text_key

HEADER_SCAN_ROWS = 100
MIN_UNSUR_FOR_HEADER = 5  # a row naming this many unsur is a survey header


@dataclass(frozen=True, slots=True)
class HeaderCell:
    """What one header cell names: an unsur (by name and/or code) or another field."""

    unsur: str | None = None  # canonical unsur name, when the text names one
    code: int | None = None  # the number of a U-code ("U8" -> 8), when written
    field: str | None = None


@dataclass(frozen=True, slots=True)
class AnswerColumn:
    index: int  # 0-based sheet column
    label: str  # header text as the sheet shows it
    position: int  # 0-based position in the order in use (U1 = 0)
    by_name: bool  # mapped by the unsur's name (else by its bare code)
    code: int | None  # the code written in the header, if any


@dataclass
class SurveyTable:
    header_rows: tuple[int, ...]  # 0-based grid rows
    answers: list[AnswerColumn]  # one per unsur, sorted by position
    fields: dict[str, tuple[int, str]]  # field -> (0-based column, label)
    title_lines: list[str]
    rows: list[int] = field(default_factory=list)  # 0-based grid rows of respondent rows

    @property
    def mapping(self) -> str:
        named = {column.by_name for column in self.answers}
        return "campuran" if len(named) == 2 else ("nama" if True in named else "kode")

    def describe(self) -> str:
        parts = [f"{FIELD_LABELS[name]}={column_letter(col)}"
                 for name, (col, _) in self.fields.items() if name in FIELD_LABELS]
        first, last = self.answers[0].index, self.answers[-1].index
        contiguous = [c.index for c in self.answers] == list(range(first, last + 1))
        if contiguous:
            parts.append(f"U1–U{len(self.answers)}={column_letter(first)}–{column_letter(last)}")
        else:
            parts += [f"U{c.position + 1}={column_letter(c.index)}" for c in self.answers]
        return ", ".join(parts)


@dataclass
class SurveySheet:
    tables: list[SurveyTable]
    problems: list[Problem]
    title_lines: list[str]  # text above the first table (kecamatan, year)
    partial: bool = False  # a survey-like header with unsur missing (a galat)

    def rows_listed(self) -> int:
        return sum(len(table.rows) for table in self.tables)

    def column_labels(self) -> dict[int, str]:
        """0-based column -> header text, for naming an error cell's column."""
        labels: dict[int, str] = {}
        for table in self.tables:
            for answer in table.answers:
                labels.setdefault(answer.index, answer.label)
            for index, label in table.fields.values():
                labels.setdefault(index, label)
        return labels


# --- header cells -------------------------------------------------------------------------------

_CODE = re.compile(UNSUR_CODE_PATTERN)


@lru_cache(maxsize=1)
def _keys() -> tuple[dict[str, str], dict[str, str], tuple[tuple[str, str], ...],
                     tuple[tuple[str, str], ...]]:
    unsur_exact: dict[str, str] = {}
    for name in UNSUR:
        for spelling in (name, *UNSUR_SPELLINGS.get(name, ())):
            unsur_exact.setdefault(header_key(spelling), name)
    field_exact: dict[str, str] = {}
    for name, spellings in FIELD_SPELLINGS.items():
        for spelling in spellings:
            field_exact.setdefault(header_key(spelling), name)
    by_length = lambda pair: -len(pair[0])  # noqa: E731
    return (
        unsur_exact, field_exact,
        tuple(sorted(unsur_exact.items(), key=by_length)),
        tuple(sorted(field_exact.items(), key=by_length)),
    )


def _prefixed(key: str, table: tuple[tuple[str, str], ...]) -> str | None:
    for spelling, name in table:
        if key.startswith(spelling) and key[len(spelling):len(spelling) + 1] in (" ", "/"):
            return name
    return None


def _unsur_by_name(key: str) -> str | None:
    unsur_exact, _, unsur_prefixes, _ = _keys()
    found = unsur_exact.get(key) or _prefixed(key, unsur_prefixes)
    if found:
        return found
    named = {UNSUR_KEYWORDS[word] for word in re.split(r"[ /&]+", key) if word in UNSUR_KEYWORDS}
    return named.pop() if len(named) == 1 else None


@lru_cache(maxsize=4096)
def classify_header(text: str) -> HeaderCell | None:
    """An unsur ("U3", "Waktu Penyelesaian", "U8 Sarana dan Prasarana", the question itself)
    or another column ("Jenis Layanan", "Umur"); None for anything else."""
    cleaned = clean_text(text)
    if not cleaned or len(cleaned) > 250:
        return None
    key = header_key(cleaned)
    if not key:
        return None
    code_match = _CODE.match(text_key(cleaned).replace("_", " "))
    if code_match:
        number = int(code_match.group(1))
        # "U8 (Sarana dan Prasarana)": the name in brackets is the name, not a note
        rest = header_key(re.sub(r"[()\[\]]", " ", code_match.group(2) or ""))
        name = _unsur_by_name(rest) if rest else None
        if name or 1 <= number <= 99:
            return HeaderCell(name, number)
    unsur_exact, field_exact, _, field_prefixes = _keys()
    if key in unsur_exact:
        return HeaderCell(unsur_exact[key])
    if key in field_exact:
        return HeaderCell(field=field_exact[key])
    unsur = _unsur_by_name(key)
    if unsur:
        return HeaderCell(unsur)
    found_field = _prefixed(key, field_prefixes)
    return HeaderCell(field=found_field) if found_field else None


def _is_group(text: str) -> bool:
    return header_key(text) in _GROUP_KEYS


_GROUP_KEYS = frozenset(header_key(group) for group in ANSWER_GROUPS)


# --- rows ----------------------------------------------------------------------------------------


def _texts(row: list[Cell]) -> list[tuple[int, str]]:
    return [(c, cell_text(v)) for c, v in enumerate(row) if isinstance(v, str) and v.strip()]


def _unsur_cells(row: list[Cell]) -> dict[int, HeaderCell]:
    """Columns of a row whose text names an unsur (by name or by a code U1..U99)."""
    found: dict[int, HeaderCell] = {}
    for c, text in _texts(row):
        cell = classify_header(text)
        if cell is not None and (cell.unsur or cell.code):
            found[c] = cell
    return found


def _distinct_unsur(cells: dict[int, HeaderCell]) -> int:
    return len({cell.unsur or f"U{cell.code}" for cell in cells.values()})


def is_header_row(row: list[Cell]) -> bool:
    return _distinct_unsur(_unsur_cells(row)) >= MIN_UNSUR_FOR_HEADER


def _is_number_row(row: list[Cell]) -> bool:
    """'(1) (2) (3) ...' under a header (answers 1..4 can never rise like this)."""
    numbers: list[int] = []
    for value in row:
        if is_blank(value):
            continue
        if isinstance(value, bool):
            return False
        match = re.fullmatch(r"\(?\s*(\d{1,2})\s*\)?", cell_text(value).strip())
        if not match:
            return False
        numbers.append(int(match.group(1)))
    return len(numbers) >= 3 and numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


_SUMMARY = re.compile(
    r"^(?:" + "|".join(re.escape(word) for word in SUMMARY_WORDS) + r")(?![a-z])"
)


@lru_cache(maxsize=4096)
def is_summary_text(text: str) -> bool:
    """'Σ Nilai/Unsur', 'Jumlah', 'NRR/Unsur', 'NRR tertimbang', 'IKM Unit Pelayanan'."""
    return bool(_SUMMARY.match(text_key(text)))


# --- the scan --------------------------------------------------------------------------------


class _Scanner:
    def __init__(self, sheet: RawSheet, file: str, order: Order) -> None:
        self.sheet = sheet
        self.grid = sheet.rows
        self.file = file
        self.order = order
        self.problems: list[Problem] = []
        self.partial = False

    def problem(self, code: Code, **kwargs: Any) -> None:
        self.problems.append(
            make_problem(code, file=self.file, sheet=self.sheet.name or None, **kwargs)
        )

    def run(self) -> SurveySheet:
        tables: list[SurveyTable] = []
        first_title: list[str] = []
        start = 0
        limit = HEADER_SCAN_ROWS
        while True:
            header = self._find_header(start, limit)
            if header is None:
                break
            rows, below = header
            lines = [" ".join(text for _, text in _texts(self.grid[r]))
                     for r in range(start, rows[0])]
            lines = [line for line in lines if line]
            if not tables:
                first_title = lines
            table = self._layout(rows, lines)
            if table is None:
                start, limit = below, len(self.grid)
                continue
            tables.append(table)
            end = self._scan(table)
            start, limit = end, len(self.grid)  # a further table may follow the first
        return SurveySheet(tables, self.problems, first_title, self.partial)

    def _find_header(self, start: int, stop: int) -> tuple[tuple[int, ...], int] | None:
        """The header rows of the next table: its unsur row, the row of codes or names under
        it, and a row of column titles above it; and the row after them."""
        grid = self.grid
        for r in range(start, min(stop, len(grid))):
            if not is_header_row(grid[r]):
                continue
            rows = [r]
            if r + 1 < len(grid) and is_header_row(grid[r + 1]):
                rows.append(r + 1)
            if r - 1 >= start and self._titles_above(grid[r - 1]):
                rows.insert(0, r - 1)
            return tuple(rows), rows[-1] + 1
        return None

    @staticmethod
    def _titles_above(row: list[Cell]) -> bool:
        """A row of column titles over the unsur row (No, Jenis Layanan, … and a group)."""
        recognised = 0
        for _, text in _texts(row):
            cell = classify_header(text)
            if (cell is not None and cell.field) or _is_group(text):
                recognised += 1
        return recognised >= 2

    def _layout(self, rows: tuple[int, ...], lines: list[str]) -> SurveyTable | None:
        grid = self.grid
        width = max(len(grid[r]) for r in rows)
        fields: dict[str, tuple[int, str]] = {}
        per_column: dict[int, list[tuple[str, HeaderCell]]] = {}
        for r in rows:
            for c, text in _texts(grid[r]):
                cell = classify_header(text)
                if cell is not None:
                    per_column.setdefault(c, []).append((text, cell))
        candidates: list[tuple[int, str, HeaderCell, str | None]] = []
        for c in range(width):
            found = per_column.get(c, [])
            unsur_cells = [(text, cell) for text, cell in found if cell.unsur or cell.code]
            if unsur_cells:
                name = next((cell.unsur for _, cell in unsur_cells if cell.unsur), None)
                code = next((cell.code for _, cell in unsur_cells if cell.code), None)
                label = " / ".join(dict.fromkeys(text for text, _ in unsur_cells))
                candidates.append((c, label, HeaderCell(name, code), name))
                continue
            for text, cell in found:
                if cell.field and cell.field not in fields:
                    fields[cell.field] = (c, text)
                    break
        answers: dict[int, AnswerColumn] = {}
        header_row = rows[0] + 1
        for c, label, cell, name in candidates:
            if name is not None:
                position = self.order.names.index(name)
                by_name = True
            elif cell.code is not None and 1 <= cell.code <= UNSUR_COUNT:
                position = cell.code - 1
                by_name = False
            else:
                self.problem(Code.IKM_EXTRA_UNSUR, row=header_row, column=label, value=label,
                             cell=f"{column_letter(c)}{header_row}")
                continue
            if position in answers:
                first = answers[position]
                self.problem(
                    Code.IKM_UNSUR_TWICE, row=header_row, column=label, value=label,
                    cell=f"{column_letter(c)}{header_row}",
                    unsur=self._unsur_label(position), first=column_letter(first.index),
                )
                continue
            answers[position] = AnswerColumn(c, label, position, by_name, cell.code)
        missing = [p for p in range(UNSUR_COUNT) if p not in answers]
        if missing:
            self.partial = True
            self.problem(
                Code.IKM_UNSUR_MISSING, row=header_row, found=len(answers),
                missing=", ".join(self._unsur_label(p) for p in missing),
            )
            return None
        table = SurveyTable(rows, [answers[p] for p in range(UNSUR_COUNT)], fields, lines)
        label = "-".join(str(r + 1) for r in rows)
        self.problem(Code.IKM_HEADER_FOUND, row=header_row, rows=label,
                     mapping=table.describe())
        self._mapping_notes(table, header_row)
        return table

    def _unsur_label(self, position: int) -> str:
        return f"U{position + 1} {self.order.names[position]}"

    def _mapping_notes(self, table: SurveyTable, header_row: int) -> None:
        mapping = table.mapping
        if mapping == "nama":
            how = "unsur dikenali dari nama kolomnya"
        elif mapping == "kode":
            how = (f"kolom U1–U9 tanpa nama unsur: dipakai {self.order.description}; bila "
                   "lembar survei memakai urutan lain, jalankan dengan --urutan")
        else:
            how = (f"sebagian kolom dikenali dari namanya, sebagian dari kodenya menurut "
                   f"{self.order.description}")
        self.problem(Code.IKM_UNSUR_ORDER, row=header_row, how=how)
        for column in table.answers:
            if column.by_name and column.code is not None and column.code != column.position + 1:
                self.problem(
                    Code.IKM_CODE_AND_NAME_DIFFER, row=header_row, column=column.label,
                    value=column.label, unsur=self._unsur_label(column.position),
                )

    def _fill_vertical_merges(self, table: SurveyTable, start: int) -> None:
        """Jenis Layanan, Tanggal, … merged down over several respondents apply to each."""
        columns = {col for name, (col, _) in table.fields.items() if name != "no"}
        fill_merged_down(self.grid, self.sheet.merged, start, columns)

    def _scan(self, table: SurveyTable) -> int:
        """Collect the respondent rows; return the grid row where the table ended: its summary
        or footer, or the header of a next table (a header repeated for printing starts a new
        table with the same columns)."""
        grid = self.grid
        start = table.header_rows[-1] + 1
        if start < len(grid) and _is_number_row(grid[start]):
            self.problem(Code.COLUMN_NUMBER_ROW, row=start + 1)
            start += 1
        self._fill_vertical_merges(table, start)
        answer_columns = [column.index for column in table.answers]
        respondent_columns = [table.fields[name][0] for name in RESPONDENT_FIELDS
                              if name in table.fields]
        no_column = table.fields["no"][0] if "no" in table.fields else None
        last_respondent = self._last_respondent_like(start, answer_columns)
        for r in range(start, len(grid)):
            row = grid[r]
            filled = [c for c, v in enumerate(row) if not is_blank(v)]
            if not filled:
                continue
            strings = _texts(row)
            first_text = strings[0][1] if strings else ""
            answered = [c for c in answer_columns if not is_blank(cell_at(row, c))]
            if first_text and strings[0][0] not in answer_columns and is_summary_text(first_text):
                if r > last_respondent:  # the office's own Σ/NRR/IKM block closes the table
                    self.problem(Code.IKM_SUMMARY_ROW, row=r + 1, value=first_text)
                    return r + 1
                self.problem(Code.IKM_ROW_SKIPPED, row=r + 1, value=first_text)
                continue  # a subtotal between respondents: never a respondent itself
            if (r > last_respondent and not answered
                    and any(is_footer_text(text) for _, text in strings)):
                self._footer_note(r)
                return len(grid)
            if len(strings) >= MIN_UNSUR_FOR_HEADER and is_header_row(row):
                return r  # another table (or the header repeated): read it with its own header
            if (len(strings) >= 2 and r + 1 < len(grid)
                    and self._titles_above(row) and is_header_row(grid[r + 1])):
                return r  # the column titles over the next table's unsur row
            if answered or any(not is_blank(cell_at(row, c)) for c in respondent_columns):
                table.rows.append(r)
                continue
            if no_column is not None and filled == [no_column] \
                    and re.fullmatch(r"\d+\.?", cell_text(row[no_column])):
                continue  # a numbered, empty row of a form: nothing written yet
            self.problem(Code.IKM_ROW_SKIPPED, row=r + 1,
                         value=" ".join(text for _, text in strings) or cell_text(row[filled[0]]))
        return len(grid)

    def _last_respondent_like(self, start: int, answer_columns: list[int]) -> int:
        """The last row with most of its answers valid: summary rows and footers above it do
        not end the table (a subtotal per month, a 'Kepala Desa' respondent)."""
        for r in range(len(self.grid) - 1, start - 1, -1):
            row = self.grid[r]
            valid = sum(1 for c in answer_columns if answer_of(cell_at(row, c)) > 0)
            if valid >= MIN_UNSUR_FOR_HEADER:
                strings = _texts(row)
                if not (strings and strings[0][0] not in answer_columns
                        and is_summary_text(strings[0][1])):
                    return r
        return -1

    def _footer_note(self, first_footer_row: int) -> None:
        self.problem(Code.FOOTER_SKIPPED, row=first_footer_row + 1)


def locate_survey(sheet: RawSheet, file: str, order_key: str) -> SurveySheet:
    """Every survey table of one sheet with its respondent rows, and what was noticed."""
    return _Scanner(sheet, file, ORDERS[order_key]).run()
