"""Find the rekap tables in a raw sheet and classify their rows.

A sheet as offices fill it: a title block, a header (one or two rows, with merged group cells),
perhaps a row of column numbers, activity rows mixed with section headings and continuation
lines, a JUMLAH row, a signature footer — and sometimes a second table under the first. This
module turns that into :class:`Table` objects: the column of each field and the sheet rows that
are activities. It judges rows only by their shape; what the cells mean is ``normalize``'s job.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .dates import parse_date_text
from .match import (
    exact_header,
    match_evidence,
    match_header,
    match_unit_cell,
    names_field,
    units_named_in_line,
)
from .problems import Problem, make_problem
from .read import Cell, RawSheet
from .vocab import (
    EVIDENCE_GROUPS,
    EVIDENCE_SUBHEADERS,
    FIELD_LABELS,
    FOLLOWUP_GROUPS,
    FOLLOWUP_SUBHEADERS,
    FOLLOWUP_TICK_SUBHEADERS,
    FOOTER_OPENERS,
    FOOTER_TITLES,
    HEADING_PREFIX,
    MONTH_WORDS,
    PERIOD_HEADING,
    TOTAL_WORDS,
    UNIT_PREFIX,
    Vocabulary,
    clean_text,
    header_key,
    text_key,
)
from .xlsx_inspect import column_letters

HEADER_SCAN_ROWS = 100  # the header is looked for in the first rows under any title block
SUBHEADER_MAX_LENGTH = 40

# Full: a countable table. Partial: it looks like a rekap but a required column is missing.
FULL, PARTIAL = 2, 1


def column_letter(index: int) -> str:
    """0 -> 'A', 27 -> 'AB'."""
    return column_letters(index + 1)


@dataclass(frozen=True, slots=True)
class Column:
    index: int  # 0-based
    label: str  # the header text as the sheet shows it ("Bukti Dukung - Jenis")


@dataclass
class Layout:
    """Where each field of one table lives."""

    header_rows: tuple[int, ...]  # 0-based grid rows of the header (one or two)
    fields: dict[str, Column]
    evidence_ticks: dict[str, Column] = field(default_factory=dict)  # type -> tick column
    status_ticks: dict[bool, Column] = field(default_factory=dict)  # True=Ya, False=Tidak
    level: int = FULL

    @property
    def width(self) -> int:
        """How many columns the layout maps (its score when choosing a header)."""
        return len(self.fields) + len(self.evidence_ticks) + len(self.status_ticks)

    def has_evidence(self) -> bool:
        return "bukti" in self.fields or bool(self.evidence_ticks)

    def has_status(self) -> bool:
        return "tindak_lanjut" in self.fields or bool(self.status_ticks)

    def missing_required(self) -> list[str]:
        missing = []
        if "kegiatan" not in self.fields:
            missing.append("kegiatan")
        if not self.has_evidence():
            missing.append("bukti")
        if not self.has_status():
            missing.append("tindak_lanjut")
        return missing

    def columns(self) -> list[Column]:
        """Every column the layout maps: fields, then evidence and status tick columns."""
        return [*self.fields.values(), *self.evidence_ticks.values(),
                *self.status_ticks.values()]

    def describe(self) -> str:
        parts = [f"{FIELD_LABELS[name]}={column_letter(col.index)}" for name, col in
                 self.fields.items()]
        parts += [f"{name}={column_letter(col.index)}" for name, col in
                  self.evidence_ticks.items()]
        parts += [f"{'Ya' if yes else 'Tidak'}={column_letter(col.index)}" for yes, col in
                  self.status_ticks.items()]
        return ", ".join(parts)


@dataclass
class TotalRow:
    """A JUMLAH/TOTAL row: where it is, the count it states, and which activities it closes."""

    row: int  # 1-based sheet row
    label: str
    claimed: int | None
    segment: tuple[int, int]  # [start, end) indexes into Table.rows since the last total row
    table_start: int = 0


@dataclass
class Table:
    """One rekap table of a sheet."""

    layout: Layout
    title_lines: list[str]  # text lines above the header (title block or between tables)
    title_unit: str | None  # a known unit named by the title line nearest the header
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


# --- small cell helpers -----------------------------------------------------------------------


def is_blank(value: Cell) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


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
    (clean_text's own first test, inlined) is taken as it is, without a call per cell."""
    return [
        value if value.__class__ is str and value.isascii() and value.isprintable()
        and "  " not in value and value == value.strip() else cell_text(value)
        for value in values
    ]


def cell_at(row: list[Cell], index: int) -> Cell:
    return row[index] if index < len(row) else ""


def fill_merged_down(
    grid: list[list[Cell]], merged: list[tuple[int, int, int, int]] | None, start: int,
    columns: set[int],
) -> None:
    """A value merged down over several rows (from row ``start`` on, in ``columns``) is copied
    into each blank cell under it: each of those rows holds it, as a reader of the sheet sees."""
    for r0, c0, r1, _c1 in merged or ():
        if r0 < start or r1 == r0 or c0 not in columns:
            continue
        value = cell_at(grid[r0], c0)
        for r in range(r0 + 1, min(r1, len(grid) - 1) + 1):
            row = grid[r]
            if len(row) <= c0:
                row.extend([""] * (c0 + 1 - len(row)))
            if is_blank(row[c0]):
                row[c0] = value


def _row_texts(row: list[Cell]) -> list[str]:
    return [cell_text(value) for value in row if not is_blank(value)]


# --- header detection -------------------------------------------------------------------------


def _merge_index(merged: list[tuple[int, int, int, int]] | None) -> dict[tuple[int, int], tuple]:
    """(row, col) -> merged range, for every cell covered by a merge."""
    index: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for rng in merged or ():
        r0, c0, r1, c1 = rng
        if (r1 - r0 + 1) * (c1 - c0 + 1) > 5000:  # a whole-column merge: only its top matters
            r1 = min(r1, r0 + 50)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                index[(r, c)] = rng
    return index


def _is_subheader_row(grid: list[list[Cell]], r: int, merges: dict) -> bool:
    """The row under a header holds only short text, some of it under a merged/blank header."""
    if r + 1 >= len(grid):
        return False
    top, sub = grid[r], grid[r + 1]
    under_group = False
    any_text = False
    for c, value in enumerate(sub):
        if is_blank(value):
            continue
        if not isinstance(value, str) or len(value.strip()) > SUBHEADER_MAX_LENGTH:
            return False
        if re.fullmatch(r"\(?\d+\)?", value.strip()):
            return False  # a column-number row, not sub-headers
        if parse_date_text(value).date is not None:
            return False  # a text date: this is the first data row
        any_text = True
        rng = merges.get((r, c))
        horizontally_merged = rng is not None and rng[3] > rng[1] and rng[0] == r
        if horizontally_merged or is_blank(cell_at(top, c)):
            under_group = True
    return any_text and under_group


def _group_texts(grid: list[list[Cell]], r: int, merges: dict, width: int) -> list[str]:
    """Header text per column of row r, spreading a merged group cell over its columns.

    A blank, unmerged header cell over a sub-header belongs to the group on its left: ODS and
    CSV carry no merge information, and some offices centre a group title without merging.
    """
    top = grid[r]
    sub = grid[r + 1] if r + 1 < len(grid) else []
    texts: list[str] = []
    for c in range(width):
        rng = merges.get((r, c))
        if rng is not None:
            texts.append(cell_text(cell_at(grid[rng[0]], rng[1])))
            continue
        value = cell_text(cell_at(top, c))
        left_is_group = c and texts[c - 1] and not is_blank(cell_at(sub, c - 1))
        if not value and left_is_group and not is_blank(cell_at(sub, c)):
            value = texts[c - 1]
        texts.append(value)
    return texts


def _evaluate_single(row: list[Cell], r: int, vocab: Vocabulary) -> Layout:
    fields: dict[str, Column] = {}
    for c, value in enumerate(row):
        if not isinstance(value, str) or not value.strip():
            continue
        name = match_header(value, vocab)
        if name and name not in fields:
            fields[name] = Column(c, clean_text(value))
    return Layout((r,), fields)


def _evaluate_double(
    grid: list[list[Cell]], r: int, merges: dict, vocab: Vocabulary
) -> Layout:
    width = max(len(grid[r]), len(grid[r + 1]))
    groups = _group_texts(grid, r, merges, width)
    sub = grid[r + 1]
    layout = Layout((r, r + 1), {})
    for c in range(width):
        group, subtext = groups[c], cell_text(cell_at(sub, c))
        if not group and not subtext:
            continue
        label = f"{group} - {subtext}" if group and subtext and group != subtext else (
            group or subtext
        )
        _place_column(layout, c, group, subtext, label, vocab)
    return layout


def _place_column(
    layout: Layout, c: int, group: str, sub: str, label: str, vocab: Vocabulary
) -> None:
    """Decide what one column of a two-row header holds."""
    column = Column(c, label)
    group_key, sub_key = header_key(group), header_key(sub)

    def put(name: str | None) -> None:
        if name and name not in layout.fields:
            layout.fields[name] = column

    if not sub:
        put(match_header(group, vocab))
        return
    if group_key in EVIDENCE_GROUPS:
        if sub_key in EVIDENCE_SUBHEADERS:
            put(EVIDENCE_SUBHEADERS[sub_key])
            return
        evidence = vocab.evidence_keys.get(text_key(sub))
        if evidence:
            layout.evidence_ticks.setdefault(evidence, column)
            return
    if group_key in FOLLOWUP_GROUPS:
        if sub_key in FOLLOWUP_SUBHEADERS:
            put(FOLLOWUP_SUBHEADERS[sub_key])
            return
        if sub_key in FOLLOWUP_TICK_SUBHEADERS:
            layout.status_ticks.setdefault(FOLLOWUP_TICK_SUBHEADERS[sub_key], column)
            return
    put(match_header(sub, vocab) or (match_header(group, vocab) if group else None))


def _grade(layout: Layout) -> Layout:
    if not layout.missing_required():
        layout.level = FULL
    elif "kegiatan" in layout.fields and (layout.has_evidence() or layout.has_status()):
        layout.level = PARTIAL  # looks like a rekap, but one required column is missing
    else:
        layout.level = 0
    return layout


def evaluate_header(
    grid: list[list[Cell]], r: int, merges: dict, vocab: Vocabulary
) -> Layout | None:
    """The best reading of row r as a header (one row, or two with sub-headers), if any."""
    row = grid[r]
    texts = [value for value in row if isinstance(value, str) and value.strip()]
    if len(texts) < 2:
        return None
    two_rows = _is_subheader_row(grid, r, merges)
    if not two_rows and not any(names_field(text, "kegiatan", vocab) for text in texts):
        return None  # no kegiatan column, which every table has: a data or title row
    single = _grade(_evaluate_single(row, r, vocab))
    best = single
    if two_rows:
        double = _grade(_evaluate_double(grid, r, merges, vocab))
        if (double.level, double.width) > (single.level, single.width):
            best = double
    return best if best.level else None


def find_header(
    grid: list[list[Cell]], start: int, stop: int, merges: dict,
    vocab: Vocabulary,
) -> Layout | None:
    """The best header in rows [start, stop): complete beats partial, then more columns."""
    best: Layout | None = None
    for r in range(start, min(stop, len(grid))):
        layout = evaluate_header(grid, r, merges, vocab)
        if layout and (best is None or (layout.level, layout.width) > (best.level, best.width)):
            best = layout
    return best


REQUIRED_FIELDS = ("kegiatan", "bukti", "tindak_lanjut")


def closest_header(
    grid: list[list[Cell]], vocab: Vocabulary
) -> tuple[int, list[str], list[str]] | None:
    """For a sheet without a table: the row in the header scan range naming the most required
    columns (then the most columns), as (1-based row, its recognised header texts, the
    required fields it lacks); None when no row names a required column."""
    best: tuple[tuple[int, int], int, Layout] | None = None
    for r in range(min(len(grid), HEADER_SCAN_ROWS)):
        layout = _evaluate_single(grid[r], r, vocab)
        required = sum(name in layout.fields for name in REQUIRED_FIELDS)
        if required and (best is None or (required, layout.width) > best[0]):
            best = ((required, layout.width), r, layout)
    if best is None:
        return None
    _, r, layout = best
    found = [_shortened(column.label) for column in layout.fields.values()]
    return r + 1, found, [name for name in REQUIRED_FIELDS if name not in layout.fields]


def _shortened(text: str, limit: int = 40) -> str:
    return f"'{text}'" if len(text) <= limit else f"'{text[: limit - 3]}...'"


def _is_number_row(row: list[Cell]) -> bool:
    """'(1) (2) (3) ...' or '1 2 3 ...' under a header."""
    numbers: list[int] = []
    for value in row:
        if is_blank(value):
            continue
        text = cell_text(value).strip()
        match = re.fullmatch(r"\(?\s*(\d{1,2})\s*\)?", text)
        if not match or isinstance(value, bool):
            return False
        numbers.append(int(match.group(1)))
    return len(numbers) >= 3 and numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


# --- row kinds --------------------------------------------------------------------------------

_TOTAL = re.compile(r"^(?:" + "|".join(re.escape(w) for w in TOTAL_WORDS) + r")\b")
_FOOTER_OPENER = re.compile(r"^(?:" + "|".join(re.escape(w) for w in FOOTER_OPENERS) + r")\b")
_FOOTER_TITLE = re.compile(r"^(?:" + "|".join(re.escape(w) for w in FOOTER_TITLES) + r")\b")
_PLACE_DATE = re.compile(
    r"^[a-z][a-z .'-]{1,40},\s*(?:\d{1,2}|\.{2,}|…)\s*(?:[a-z]+|\.{2,}|…)\s*\d{4}$"
)
_NUMBER_IN_TEXT = re.compile(r"\d+")


_TOTAL_STARTS = frozenset(word[:2] for word in TOTAL_WORDS)


def is_total_text(text: str) -> bool:
    """'JUMLAH', 'Total:', 'SUB TOTAL TW I', 'Jml.' — a total row's label."""
    if text.lstrip()[:2].casefold() not in _TOTAL_STARTS:  # cheap check first: most rows
        return False
    return bool(_TOTAL.match(text_key(text)))


def is_footer_text(text: str) -> bool:
    """'Mengetahui', 'NIP. 1970...', 'Kepala Seksi Pemerintahan', 'Gucialit, 31 Desember 2026'."""
    key = text_key(text)
    if _FOOTER_OPENER.match(key):
        return True
    if _FOOTER_TITLE.match(key) and len(key.split()) <= 6:
        return True
    return bool(_PLACE_DATE.match(key))


def heading_kind(text: str, vocab: Vocabulary) -> tuple[str, str | None] | None:
    """Whether a lone text is a section heading: ('unit', name) / ('period', None) / ('other',)."""
    key = text_key(text)
    if not key:
        return None
    stripped = HEADING_PREFIX.sub("", key, count=1).strip()
    had_prefix = stripped != key
    body = stripped or key
    unit = match_unit_cell(body, vocab)
    if unit and unit.known and not unit.several:
        return ("unit", unit.name)
    if PERIOD_HEADING.match(body) or body in MONTH_WORDS or (
        body.split(" ", 1)[0] in MONTH_WORDS and re.fullmatch(r"\w+(?: \d{4})?", body)
    ):
        return ("period", None)
    written = _strip_heading(text)
    if UNIT_PREFIX.match(body) and len(body.split()) <= 5 and (
        had_prefix or written.isupper()
    ):
        # 'SEKSI KEBERSIHAN' as a heading: a unit we do not know, kept as written
        return ("unit", written)
    if had_prefix:
        return ("other", None)
    return None


def _strip_heading(text: str) -> str:
    cleaned = clean_text(text)
    match = re.match(r"^(?:[A-Ha-h]|[IVXivx]{1,5})\s*[.)\-:]\s*", cleaned)
    return cleaned[match.end():] if match else cleaned


# --- the scan ---------------------------------------------------------------------------------


class _PlainRows:
    """Which rows are plain activities (see ``_Scanner._plain_activity_test``), classified a
    chunk of rows at a time with ``map``, so runs of them are skipped without a Python loop."""

    CHUNK = 4096  # a table that ends early has classified at most this many rows in vain

    def __init__(self, grid: list[list[Cell]], test: Callable[[list[Cell]], bool]) -> None:
        self.grid = grid
        self.test = test
        self.first = 0  # grid row of flags[0]
        self.flags: list[bool] = []

    def run_end(self, r: int) -> int:
        """The first row at or after r that is not a plain activity (r itself if r is not)."""
        while r < len(self.grid):
            if not self.first <= r < self.first + len(self.flags):
                self.first = r
                self.flags = list(map(self.test, self.grid[r : r + self.CHUNK]))
            try:
                return self.flags.index(False, r - self.first) + self.first
            except ValueError:  # plain to the end of the chunk: go on in the next
                r = self.first + len(self.flags)
        return r


class _Scanner:
    """Walks a sheet's rows once, table by table."""

    def __init__(self, sheet: RawSheet, file: str, vocab: Vocabulary) -> None:
        self.sheet = sheet
        self.grid = sheet.rows
        self.file = file
        self.vocab = vocab
        self.merges = _merge_index(sheet.merged)
        self.problems: list[Problem] = []
        self.partial = False

    def problem(self, code: str, **kwargs: object) -> None:
        self.problems.append(make_problem(code, file=self.file, sheet=self.sheet.name, **kwargs))

    # -- per-table preparation --

    def _fill_vertical_merges(self, layout: Layout, start: int) -> None:
        """A date, unit, evidence or status merged down over several activities applies to each."""
        fill_columns = {
            col.index for name, col in layout.fields.items() if name not in ("kegiatan", "no")
        } | {c.index for c in layout.evidence_ticks.values()} | {
            c.index for c in layout.status_ticks.values()
        }
        fill_merged_down(self.grid, self.sheet.merged, start, fill_columns)

    def _activity_like(self, row: list[Cell], layout: Layout) -> bool:
        """Has a kegiatan with evidence or status: a row that is surely an activity."""
        kegiatan = layout.fields.get("kegiatan")
        if kegiatan is None or is_blank(cell_at(row, kegiatan.index)):
            return False
        return self._has_evidence(row, layout) or self._has_status(row, layout)

    @staticmethod
    def _has_evidence(row: list[Cell], layout: Layout) -> bool:
        bukti = layout.fields.get("bukti")
        if bukti is not None and not is_blank(cell_at(row, bukti.index)):
            return True
        return any(not is_blank(cell_at(row, c.index)) for c in layout.evidence_ticks.values())

    @staticmethod
    def _has_status(row: list[Cell], layout: Layout) -> bool:
        status = layout.fields.get("tindak_lanjut")
        if status is not None and not is_blank(cell_at(row, status.index)):
            return True
        return any(not is_blank(cell_at(row, c.index)) for c in layout.status_ticks.values())

    @staticmethod
    def _mark_columns(layout: Layout) -> tuple[int, ...]:
        """The columns that make a row with a kegiatan an activity: evidence and status."""
        named = [layout.fields[name] for name in ("bukti", "tindak_lanjut")
                 if name in layout.fields]
        return tuple(column.index for column in (
            *named, *layout.evidence_ticks.values(), *layout.status_ticks.values()
        ))

    def _activity_test(self, layout: Layout) -> Callable[[list[Cell]], bool]:
        """``_activity_like`` for one layout, columns looked up once (it runs on every row)."""
        kegiatan, marks = layout.fields["kegiatan"].index, self._mark_columns(layout)

        def filled(row: list[Cell], c: int) -> bool:  # not is_blank(cell_at(row, c))
            value = row[c] if c < len(row) else ""
            return value != "" and value is not None and (
                not isinstance(value, str) or bool(value.strip())
            )

        return lambda row: filled(row, kegiatan) and any(filled(row, c) for c in marks)

    def _plain_activity_test(self, layout: Layout) -> Callable[[list[Cell]], bool]:
        """Whether a row is the common row: activity-like, and surely neither a total row nor
        a repeated header. Such a row needs none of ``_scan_table``'s other checks (its
        kegiatan and an evidence or status cell are filled, so it is no heading, footer,
        blank or continuation row). Inlined, without calls: it runs on every row."""
        kegiatan, marks = layout.fields["kegiatan"].index, self._mark_columns(layout)
        total_starts = _TOTAL_STARTS
        vocab = self.vocab
        # _is_repeated_header's first test, on the kegiatan cell: the fields it may name
        label_field = exact_header(layout.fields["kegiatan"].label.rsplit(" - ", 1)[-1], vocab)
        kegiatan_names = {"kegiatan", label_field} - {None}

        def test(row: list[Cell]) -> bool:
            width = len(row)
            value = row[kegiatan] if kegiatan < width else ""
            if value == "" or value is None or (isinstance(value, str) and not value.strip()):
                return False  # not is_blank(value)
            for c in marks:
                mark = row[c] if c < width else ""
                if mark != "" and mark is not None and (
                    not isinstance(mark, str) or mark.strip()
                ):
                    break
            else:
                return False  # no evidence or status: not activity-like
            for first in row:  # the row's first text, which a total row starts with
                if isinstance(first, str) and first.strip():
                    # may the text be a total label? (is_total_text(cell_text(first)) is
                    # surely False when not: cleaning ASCII only collapses spaces)
                    if not first.isascii() or first.lstrip()[:2].lower() in total_starts:
                        return False
                    break
            # a repeated header's kegiatan cell is a short exact header spelling
            return not (
                isinstance(value, str) and len(value) <= 40
                and exact_header(value, vocab) in kegiatan_names
                and self._is_repeated_header(row, layout)
            )

        return test

    def _names_evidence(self, row: list[Cell], layout: Layout) -> bool:
        """A valid evidence type in the text column: an activity, even if it starts 'Jumlah'."""
        bukti = layout.fields.get("bukti")
        value = cell_at(row, bukti.index) if bukti is not None else ""
        return isinstance(value, str) and bool(match_evidence(value, self.vocab).types)

    def _last_activity_like(self, layout: Layout, start: int) -> int:
        activity_like = self._activity_test(layout)
        for r in range(len(self.grid) - 1, start - 1, -1):
            if activity_like(self.grid[r]):
                return r
        return -1

    def _title_unit(self, lines: list[str]) -> str | None:
        """The title line nearest the header that names exactly one known unit."""
        for line in reversed(lines):
            named = units_named_in_line(line, self.vocab)
            if len(named) == 1:
                return named[0]
        return None

    # -- the walk --

    def run(self) -> SheetLayout:
        grid = self.grid
        layout = find_header(grid, 0, HEADER_SCAN_ROWS, self.merges, self.vocab)
        title_lines = [" ".join(_row_texts(row)) for row in grid[: layout.header_rows[0]]] \
            if layout else []
        tables: list[Table] = []
        if layout is None:
            return SheetLayout([], self.problems, [])
        if layout.level == PARTIAL:
            self._report_partial(layout)
            return SheetLayout([], self.problems, title_lines, partial=True)
        lines_before = [line for line in title_lines if line]
        while layout is not None:
            table = Table(layout, lines_before, self._title_unit(lines_before))
            tables.append(table)
            end = self._scan_table(table)
            # after a table ends: the footer, or another table with its own title and header
            layout, position = self._next_table(end)  # position: the new header's row
            lines_before = [
                " ".join(_row_texts(row)) for row in grid[end:position]
            ] if layout else []
            lines_before = [line for line in lines_before if line]
        return SheetLayout(tables, self.problems, [line for line in title_lines if line])

    def _report_partial(self, layout: Layout) -> None:
        self.partial = True
        missing = layout.missing_required()
        found = ", ".join(col.label for col in layout.fields.values())
        self.problem(
            "kolom-wajib-hilang",
            row=layout.header_rows[0] + 1,
            missing=" dan ".join(FIELD_LABELS[name] for name in missing),
            found=found,
            example=FIELD_LABELS[missing[0]],
        )

    def _next_table(self, start: int) -> tuple[Layout | None, int]:
        """After a table's end: the next complete header row, if any, else None (footer)."""
        for r in range(start, len(self.grid)):
            layout = evaluate_header(self.grid, r, self.merges, self.vocab)
            if layout and layout.level == FULL:
                return layout, r
            if layout and layout.level == PARTIAL:
                self._report_partial(layout)
        return None, len(self.grid)

    def _data_start(self, layout: Layout) -> int:
        start = layout.header_rows[-1] + 1
        if start < len(self.grid) and _is_number_row(self.grid[start]):
            self.problem("baris-nomor-kolom", row=start + 1)
            start += 1
        return start

    def _scan_table(self, table: Table) -> int:
        """Classify the rows of one table; return the grid row where the table ended."""
        layout = table.layout
        grid = self.grid
        rows_label = "-".join(str(r + 1) for r in layout.header_rows)
        self.problem("header-ditemukan", row=layout.header_rows[0] + 1, rows=rows_label,
                     mapping=layout.describe())
        start = self._data_start(layout)
        self._fill_vertical_merges(layout, start)
        last_activity = self._last_activity_like(layout, start)
        kegiatan_col = layout.fields["kegiatan"].index
        no_col = layout.fields["no"].index if "no" in layout.fields else None
        date_col = layout.fields["tanggal"].index if "tanggal" in layout.fields else None
        section_unit: str | None = None
        previous_activity: int | None = None  # grid row of the activity directly above
        segment_start = 0
        plain = _PlainRows(grid, self._plain_activity_test(layout))
        r = start
        while r < len(grid):
            run_end = plain.run_end(r)
            if run_end > r:
                # fast path, a run of plain activity rows: what the checks below conclude
                table.rows.extend(range(r, run_end))
                table.section_units.extend([section_unit] * (run_end - r))
                previous_activity = run_end - 1
                r = run_end
                continue
            row = grid[r]
            # inline is_blank: this line runs once per row of every sheet
            texts = [(c, v) for c, v in enumerate(row)
                     if v != "" and v is not None and (not isinstance(v, str) or v.strip())]
            if not texts:
                previous_activity = None
                r += 1
                continue
            first_text = next((cell_text(v) for _, v in texts if isinstance(v, str)), "")
            kegiatan = cell_at(row, kegiatan_col)
            activity_like = self._activity_like(row, layout)

            if first_text and is_total_text(first_text) and not self._names_evidence(row, layout):
                table.totals.append(self._total_row(r, row, texts, layout, table, segment_start))
                self.problem("baris-jumlah", row=r + 1, value=first_text)
                segment_start = len(table.rows)
                previous_activity = None
                if r >= last_activity:  # nothing countable follows: the table ends here
                    self._footer_note(r + 1)
                    return r + 1
                if self._header_before_activity(r + 1, layout):
                    return r + 1
                r += 1
                continue

            if not activity_like and r > last_activity and any(
                isinstance(v, str) and is_footer_text(v) for _, v in texts
            ):
                self._footer_note(r)
                return len(grid)

            if self._is_repeated_header(row, layout):
                self.problem("header-berulang", row=r + 1)
                previous_activity = None
                r += 1
                continue

            if not activity_like and len(texts) <= 2:
                heading = self._heading(texts)
                if heading is not None:
                    kind, unit = heading
                    if kind == "unit":
                        section_unit = unit
                    note = f"; kegiatan di bawahnya milik {unit}" if unit else ""
                    self.problem("baris-bagian", row=r + 1, value=" ".join(
                        cell_text(v) for _, v in texts), unit_note=note)
                    previous_activity = None
                    r += 1
                    continue

            if is_blank(kegiatan):
                if self._has_evidence(row, layout) or self._has_status(row, layout):
                    self.problem("kegiatan-kosong", row=r + 1,
                                 column=layout.fields["kegiatan"].label)
                previous_activity = None
                r += 1
                continue

            if (
                previous_activity is not None
                and no_col is not None
                and len(texts) == 1
                and isinstance(kegiatan, str)
                and not is_blank(cell_at(grid[previous_activity], no_col))
                and (date_col is None or is_blank(cell_at(row, date_col)))
            ):
                joined = table.continued_text.get(
                    previous_activity, cell_text(cell_at(grid[previous_activity], kegiatan_col))
                )
                table.continued_text[previous_activity] = f"{joined} {cell_text(kegiatan)}"
                self.problem("baris-lanjutan", row=r + 1, value=kegiatan,
                             column=layout.fields["kegiatan"].label, above=previous_activity + 1)
                r += 1
                continue

            table.rows.append(r)
            table.section_units.append(section_unit)
            previous_activity = r
            r += 1
        return len(grid)

    def _footer_note(self, first_footer_row: int) -> None:
        """Say where the footer starts, if anything is written there."""
        for r in range(first_footer_row, len(self.grid)):
            if any(not is_blank(v) for v in self.grid[r]):
                self.problem("kaki-diabaikan", row=r + 1)
                return

    def _header_before_activity(self, start: int, layout: Layout) -> bool:
        """After a total row: does a new header come before the next activity?"""
        for r in range(start, len(self.grid)):
            found = evaluate_header(self.grid, r, self.merges, self.vocab)
            if found and found.level == FULL:
                return not self._is_repeated_header(self.grid[r], layout)
            if self._activity_like(self.grid[r], layout):
                return False
        return True

    def _is_repeated_header(self, row: list[Cell], layout: Layout) -> bool:
        """The header written again (e.g. for printing): its cells are exact header spellings
        of the same fields, the kegiatan column included. Prefix matches are not enough: an
        activity "Kegiatan posyandu ..." with result "Hasil ..." is not a header."""
        def names(name: str, column: Column) -> bool:
            value = cell_at(row, column.index)
            if not isinstance(value, str) or len(value) > 40:  # activities are longer
                return False
            found = exact_header(value, self.vocab)
            return found == name or (found is not None and found == exact_header(
                column.label.rsplit(" - ", 1)[-1], self.vocab))

        kegiatan = layout.fields["kegiatan"]
        if not names("kegiatan", kegiatan):
            return False
        return any(names(name, col) for name, col in layout.fields.items() if name != "kegiatan")

    def _heading(self, texts: list[tuple[int, Cell]]) -> tuple[str, str | None] | None:
        """A row of one or two cells that reads as a section heading."""
        strings = [cell_text(v) for _, v in texts]
        if len(strings) == 2:
            first, second = strings
            if HEADING_PREFIX.fullmatch(text_key(first)) or re.fullmatch(r"[A-Za-z]", first):
                return heading_kind(second, self.vocab) or ("other", None)
            if re.fullmatch(r"\d+", first):
                return None  # a numbered row with one text: an activity
        for text in strings:
            kind = heading_kind(text, self.vocab)
            if kind is not None:
                return kind
        return None

    def _total_row(
        self, r: int, row: list[Cell], texts: list[tuple[int, Cell]], layout: Layout,
        table: Table, segment_start: int,
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


def locate_tables(sheet: RawSheet, file: str, vocab: Vocabulary) -> SheetLayout:
    """Every rekap table of one sheet, with its activity rows; problems found on the way."""
    scanner = _Scanner(sheet, file, vocab)
    result = scanner.run()
    result.partial = result.partial or scanner.partial
    return result
