"""Turn located activity rows into normalised activities, with a problem for every doubt.

Reads the cells ``locate`` pointed at and decides, per the rekap contract: the date, the unit,
the evidence types, whether it was followed up, and whether the row counts. Duplicates are
found across the whole run afterwards (:func:`mark_duplicates`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .dates import DateIssue, ParsedDate, parse_date
from .locate import Layout, SheetLayout, Table, cell_at, cell_text, column_letter, is_blank
from .match import is_ticked as tick_state
from .match import (
    match_evidence,
    match_status,
    match_unit_cell,
    match_unit_name,
)
from .model import (
    REASON_DUPLICATE,
    REASON_NO_EVIDENCE,
    REASON_OTHER_YEAR,
    Activities,
    SheetSource,
)
from .problems import Problem, make_problem
from .read import Cell, RawSheet
from .vocab import (
    EVIDENCE_TYPES,
    FILE_NAME_NOISE,
    GENERIC_SHEET_WORDS,
    MONTH_WORDS,
    NO_UNIT,
    Vocabulary,
    clean_text,
    text_key,
)

_GENERIC_WORDS = set(GENERIC_SHEET_WORDS) | MONTH_WORDS
_NAME_TOKENS = re.compile(r"[a-z]+|\d+")
_ROMAN = re.compile(r"^(?:i{1,3}|iv|v|vi{0,3}|ix|x|xi{0,2})$")


# --- where the unit, kecamatan and year come from --------------------------------------------


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
    """Sheet name, else file name. A known unit in either wins over an unknown name."""
    sheet_usable = bool(sheet_name) and not is_generic_sheet_name(sheet_name)
    file_part = unit_from_file_name(file_stem)
    for candidate in (sheet_name if sheet_usable else "", file_part):
        known = match_unit_name(candidate, vocab) if candidate else None
        if known:
            return UnitFallback(known, None)
    for candidate in (sheet_name if sheet_usable else "", file_part):
        if candidate:
            return UnitFallback(clean_text(candidate), "unit-tidak-dikenal", clean_text(candidate))
    return UnitFallback(NO_UNIT, "tanpa-unit")


_KECAMATAN = re.compile(
    r"\bkecamatan\s+([a-z][a-z'` -]*?)(?=\s+(?:kabupaten|kab|kota|provinsi|tahun|triwulan|"
    r"semester|bulan|periode|tw)\b|\s*[,:;(]|\s+\d|$)"
)
_YEAR = re.compile(r"\btahun(?:\s+anggaran)?\s*:?\s*((?:19|20)\d\d)\b")


def kecamatan_in(lines: list[str]) -> str | None:
    """'KECAMATAN GUCIALIT KABUPATEN LUMAJANG' -> 'Gucialit'."""
    for line in lines:
        match = _KECAMATAN.search(text_key(line))
        if match:
            name = match.group(1).strip()
            if name and name not in ("kabupaten", "tahun"):
                return name.title()
    return None


_KABUPATEN = re.compile(
    r"\b(?:kabupaten|kab)\s+([a-z][a-z'` -]*?)(?=\s+(?:provinsi|tahun|triwulan|semester|"
    r"bulan|periode|tw)\b|\s*[,:;(]|\s+\d|$)"
)


def kabupaten_in(lines: list[str]) -> str | None:
    """'KECAMATAN GUCIALIT KABUPATEN LUMAJANG' -> 'Lumajang'."""
    for line in lines:
        match = _KABUPATEN.search(text_key(line))
        if match and match.group(1).strip():
            return match.group(1).strip().title()
    return None


def year_in(lines: list[str]) -> int | None:
    """'TAHUN 2026' / 'TAHUN ANGGARAN 2026' in a title block."""
    for line in lines:
        match = _YEAR.search(text_key(line))
        if match:
            return int(match.group(1))
    return None


# --- one sheet --------------------------------------------------------------------------------


@lru_cache(maxsize=16384)
def _parse_text_date(text: str, year: int | None) -> ParsedDate:
    return parse_date(text, year)


def _date_of(value: Cell, year: int | None) -> ParsedDate:
    if isinstance(value, str):
        return _parse_text_date(value, year)
    return parse_date(value, year)


_OTHER_TYPES_HINT = "isi salah satu: " + ", ".join(EVIDENCE_TYPES)


def _advice(suggestion: str | None) -> str:
    if suggestion:
        return f"maksud Anda: {suggestion}? Perbaiki ejaannya"
    return _OTHER_TYPES_HINT


class SheetNormalizer:
    """Normalises the tables of one sheet into the run's activity store."""

    def __init__(
        self, *, file: str, file_stem: str, sheet: RawSheet, located: SheetLayout,
        vocab: Vocabulary, store: Activities, default_year: int | None,
        year_filter: int | None = None,
    ) -> None:
        self.file = file
        self.sheet = sheet
        self.located = located
        self.vocab = vocab
        self.store = store
        self.problems: list[Problem] = []
        self.year = year_in(located.title_lines) or default_year
        self.year_filter = year_filter
        self.fallback = sheet_unit_fallback(sheet.name, file_stem, vocab)
        self.unknown_units_reported: set[str] = set()
        self.units_used: dict[str, None] = {}  # an ordered set
        self.table_ranges: list[tuple[Table, int]] = []  # (table, index of its first activity)

    def problem(self, code: str, **kwargs: object) -> None:
        self.problems.append(make_problem(code, file=self.file, sheet=self.sheet.name, **kwargs))

    def _report_unknown_unit(self, name: str, row: int | None) -> None:
        if name not in self.unknown_units_reported:
            self.unknown_units_reported.add(name)
            self.problem("unit-tidak-dikenal", row=row, value=name)

    def run(self) -> SheetSource:
        first = len(self.store)
        for table in self.located.tables:
            self.table_ranges.append((table, len(self.store)))
            self._table(table)
        has_date_column = any("tanggal" in t.layout.fields for t in self.located.tables)
        if not has_date_column and len(self.store) > first:
            self.problem("tanpa-kolom-tanggal")
        units = list(self.units_used)
        default = self.located.tables[0].title_unit if self.located.tables else None
        return SheetSource(
            self.sheet.name,
            units[0] if len(units) == 1 else (default or self.fallback.name),
            activity_rows=len(self.store) - first,
            units=units,
            outside_year=self._exclude_other_years(first),
        )

    def _exclude_other_years(self, first: int) -> int:
        """With --tahun: dated activities of other years are not counted (one warning per
        sheet listing their rows); undated ones stay in."""
        if self.year_filter is None:
            return 0
        store = self.store
        rows = []
        for index in range(first, len(store)):
            date = store.date[index]
            if date is not None and date.year != self.year_filter:
                rows.append(store.row[index])
                if store.reason[index] is None:
                    store.reason[index] = REASON_OTHER_YEAR
        if rows:
            shown = ", ".join(map(str, rows[:20])) + (", ..." if len(rows) > 20 else "")
            self.problem("di-luar-tahun", n=len(rows), rows=shown, year=self.year_filter)
        return len(rows)

    def _table_unit(self, table: Table) -> str:
        if table.title_unit:
            return table.title_unit
        fallback = self.fallback
        if fallback.problem_code == "unit-tidak-dikenal" and fallback.value:
            self._report_unknown_unit(fallback.value, None)
        elif fallback.problem_code == "tanpa-unit" and NO_UNIT not in self.unknown_units_reported:
            self.unknown_units_reported.add(NO_UNIT)
            self.problem("tanpa-unit")
        return fallback.name

    def _table(self, table: Table) -> None:
        layout = table.layout
        grid = self.sheet.rows
        fields = layout.fields
        col = {name: column.index for name, column in fields.items()}
        label = {name: column.label for name, column in fields.items()}
        kegiatan_col = col["kegiatan"]
        table_unit: str | None = None  # resolved lazily: only rows without a unit need it
        store = self.store
        file, sheet_name = self.file, self.sheet.name
        vocab = self.vocab
        for position, r in enumerate(table.rows):
            row = grid[r]
            excel_row = r + 1
            text = table.continued_text.get(r) or cell_text(cell_at(row, kegiatan_col))

            # -- date
            date: dt.date | None = None
            if "tanggal" in col:
                raw_date = cell_at(row, col["tanggal"])
                parsed = _date_of(raw_date, self.year)
                date = parsed.date
                if parsed.issue is not None:
                    code = {
                        DateIssue.BLANK: "tanggal-kosong",
                        DateIssue.UNREADABLE: "tanggal-tidak-terbaca",
                        DateIssue.NO_YEAR: "tanggal-tanpa-tahun",
                    }[parsed.issue]
                    self.problem(code, row=excel_row, column=label["tanggal"], value=raw_date,
                                 cell=f"{column_letter(col['tanggal'])}{excel_row}")
                elif parsed.was_range:
                    self.problem("tanggal-rentang", row=excel_row, column=label["tanggal"],
                                 value=raw_date)

            # -- unit: the row's own cell, the section heading above, then the table's
            unit: str | None = None
            if "unit" in col and not is_blank(cell_at(row, col["unit"])):
                named = match_unit_cell(cell_text(cell_at(row, col["unit"])), vocab)
                if named is not None:
                    unit = named.name
                    if named.several:
                        self.problem("unit-ganda", row=excel_row, column=label["unit"],
                                     value=cell_at(row, col["unit"]), unit=named.name)
                    if not named.known:
                        self._report_unknown_unit(named.name, excel_row)
            if unit is None:
                unit = table.section_units[position]
                if unit is not None and match_unit_name(unit, vocab) is None:
                    self._report_unknown_unit(unit, excel_row)
                elif unit is not None:
                    unit = match_unit_name(unit, vocab) or unit
            if unit is None:
                if table_unit is None:
                    table_unit = self._table_unit(table)
                unit = table_unit
            self.units_used[unit] = None

            # -- evidence
            types = self._evidence(row, layout, col, label, excel_row)

            # -- status
            followed = self._status(row, layout, col, label, excel_row)

            result = cell_text(cell_at(row, col["hasil"])) if "hasil" in col else ""
            if followed and types and "hasil" in col and not result:
                self.problem("hasil-kosong", row=excel_row, column=label["hasil"],
                             cell=f"{column_letter(col['hasil'])}{excel_row}")

            number = cell_text(cell_at(row, col["nomor_bukti"])) if "nomor_bukti" in col else ""
            store.append(
                file, sheet_name, excel_row, unit, date, text, types, number, followed, result,
                None if types else REASON_NO_EVIDENCE,
            )

    def _evidence(
        self, row: list[Cell], layout: Layout, col: dict[str, int], label: dict[str, str],
        excel_row: int,
    ) -> tuple[str, ...]:
        """The row's evidence types, from the text column and/or one tick column per type."""
        found: list[str] = []
        invalid_text = False
        if "bukti" in col:
            value = cell_at(row, col["bukti"])
            if not is_blank(value):
                match = match_evidence(value if isinstance(value, str) else cell_text(value),
                                       self.vocab)
                found.extend(match.types)
                where = {"row": excel_row, "column": label["bukti"], "value": value,
                         "cell": f"{column_letter(col['bukti'])}{excel_row}"}
                if match.types:
                    for part, suggestion in zip(match.bad_parts, match.suggestions, strict=True):
                        self.problem("bukti-sebagian-tidak-sah", part=part,
                                     types=", ".join(match.types), advice=_advice(suggestion),
                                     **where)
                else:
                    invalid_text = True
                    suggestion = next((s for s in match.suggestions if s), None)
                    self.problem("bukti-tidak-sah", advice=_advice(suggestion), **where)
        for type_, column in layout.evidence_ticks.items():
            value = cell_at(row, column.index)
            state = tick_state(value)
            if state:
                found.append(type_)
            elif state is None:
                self.problem("centang-tidak-dikenal", row=excel_row, column=column.label,
                             value=value, cell=f"{column_letter(column.index)}{excel_row}")
        if found:
            ordered = [t for t in EVIDENCE_TYPES if t in found]
            return (*ordered, *(t for t in dict.fromkeys(found) if t not in EVIDENCE_TYPES))
        if not invalid_text:  # blank, or only tick cells that were not ticks (reported above)
            if "bukti" in col:
                self.problem("bukti-kosong", row=excel_row, column=label["bukti"],
                             cell=f"{column_letter(col['bukti'])}{excel_row}")
            else:
                ticks = ", ".join(c.label for c in layout.evidence_ticks.values())
                self.problem("bukti-kosong", row=excel_row, column=ticks)
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
                    "status-kosong" if is_blank(value) else "status-tidak-dikenal",
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
        self.problem("status-ganda" if yes and no else "status-kosong", row=excel_row,
                     column=where_label)
        return False


# --- across the run -------------------------------------------------------------------------------


def duplicate_key(store: Activities, index: int) -> tuple:
    """Same kecamatan, date, activity text (spaces/case), evidence types and number."""
    return (
        store.kecamatan[index] if store.kecamatan else None,  # a kabupaten run: per kecamatan
        store.date[index],
        " ".join(store.text[index].split()).casefold(),
        store.evidence[index],
        " ".join(store.number[index].split()).casefold(),
    )


def mark_duplicates(store: Activities) -> list[Problem]:
    """Exact duplicates anywhere in the run count once: the first copy keeps the credit."""
    first_seen: dict[tuple, int] = {}
    problems: list[Problem] = []
    for index in range(len(store)):
        if store.reason[index] is not None:
            continue
        key = duplicate_key(store, index)
        first = first_seen.setdefault(key, index)
        if first == index:
            continue
        store.reason[index] = REASON_DUPLICATE
        where = f"baris {store.row[first]}"
        if store.sheet[first] and (
            store.sheet[first] != store.sheet[index] or store.file[first] != store.file[index]
        ):
            where += f" sheet '{store.sheet[first]}'"
        if store.file[first] != store.file[index]:
            where += f" berkas {store.file[first]}"
        status_note = ""
        if store.followed[first] != store.followed[index]:
            status_note = " (status tindak lanjutnya berbeda; yang dipakai status salinan pertama)"
        problems.append(
            make_problem(
                "duplikat", file=store.file[index], sheet=store.sheet[index],
                row=store.row[index], value=store.text[index], first=where,
                status_note=status_note,
            )
        )
    return problems
