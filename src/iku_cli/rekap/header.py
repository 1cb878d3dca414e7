"""Find a rekap table's header row by content: one row, or a group row over sub-headers.

A header cell names a field by one of its spellings (the vocabulary); a two-row header reads a
group cell ("Bukti Dukung", "Tindak Lanjut") together with the sub-header under it, and under an
evidence group one column per evidence type is a tick column. A row is judged where it stands:
each table of a sheet has its own header, and no reading of a row borrows from a header
elsewhere on the sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from iku_cli.inputs.cells import Cell, cell_at, cell_text, column_letter, is_blank
from iku_cli.inputs.dates import parse_date_text
from iku_cli.rekap.match import exact_header, match_header, may_be_key, names_field
from iku_cli.rekap.rows import is_heading_row
from iku_cli.rekap.vocab import (
    EVIDENCE_GROUPS,
    EVIDENCE_SUBHEADERS,
    FIELD_LABELS,
    FOLLOWUP_GROUPS,
    FOLLOWUP_SUBHEADERS,
    FOLLOWUP_TICK_SUBHEADERS,
    REQUIRED_FIELDS,
    Vocabulary,
)
from iku_cli.text import clean_text, header_key, text_key

HEADER_SCAN_ROWS = 100  # the first header is looked for in the first rows under any title block
SUBHEADER_MAX_LENGTH = 40

# Full: a countable table. Partial: it looks like a rekap but a required column is missing.
FULL, PARTIAL = 2, 1

Merges = dict[tuple[int, int], tuple[int, int, int, int]]


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
        """How many columns the layout maps (its score when two readings compete)."""
        return len(self.fields) + len(self.evidence_ticks) + len(self.status_ticks)

    @property
    def score(self) -> tuple[int, int]:
        return (self.level, self.width)

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

    def mark_columns(self) -> tuple[int, ...]:
        """The columns that make a row with a kegiatan an activity: evidence and status."""
        named = [self.fields[name] for name in ("bukti", "tindak_lanjut") if name in self.fields]
        return tuple(column.index for column in (
            *named, *self.evidence_ticks.values(), *self.status_ticks.values()))

    def describe(self) -> str:
        parts = [f"{FIELD_LABELS[name]}={column_letter(col.index)}" for name, col in
                 self.fields.items()]
        parts += [f"{name}={column_letter(col.index)}" for name, col in
                  self.evidence_ticks.items()]
        parts += [f"{'Ya' if yes else 'Tidak'}={column_letter(col.index)}" for yes, col in
                  self.status_ticks.items()]
        return ", ".join(parts)


def merge_index(merged: list[tuple[int, int, int, int]] | None, rows: int | None = None,
                columns: int | None = None) -> Merges:
    """(row, col) -> merged range, for every cell covered by a merge — within the sheet's
    ``rows`` × ``columns`` when given: a merge reaching column XFD covers nothing past the
    last value, and indexing its 16 384 columns would cost gigabytes for nothing."""
    index: Merges = {}
    for rng in merged or ():
        r0, c0, r1, c1 = rng
        if rows is not None:
            r1 = min(r1, rows - 1)
        if columns is not None:
            c1 = min(c1, columns - 1)
        if (r1 - r0 + 1) * (c1 - c0 + 1) > 5000:  # a whole-column merge: only its top matters
            r1 = min(r1, r0 + 50)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                index[(r, c)] = rng
    return index


# --- reading one row ---------------------------------------------------------------------------


def _texts(row: list[Cell]) -> list[tuple[int, str]]:
    return [(c, v) for c, v in enumerate(row) if isinstance(v, str) and v.strip()]


def _assign(candidates: list[tuple[int, str, str, bool]]) -> dict[str, Column]:
    """Fields from (column, label, field, exact) readings: for each field an exact spelling
    anywhere beats a prefix match (a 'Status Kegiatan' column does not take the status from
    'Ditindaklanjuti'); among equals the first column wins; a column holds one field."""
    fields: dict[str, Column] = {}
    used: set[int] = set()
    for want_exact in (True, False):
        for c, label, name, exact in candidates:
            if exact == want_exact and name not in fields and c not in used:
                fields[name] = Column(c, label)
                used.add(c)
    return {name: fields[name] for name in sorted(fields, key=lambda n: fields[n].index)}


def _single(row: list[Cell], r: int, vocab: Vocabulary) -> Layout:
    candidates = []
    for c, value in _texts(row):
        name = match_header(value, vocab)
        if name:
            candidates.append((c, clean_text(value), name, exact_header(value, vocab) == name))
    return Layout((r,), _assign(candidates))


def _is_subheader_row(grid: list[list[Cell]], r: int, merges: Merges) -> bool:
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


def _group_texts(grid: list[list[Cell]], r: int, merges: Merges, width: int) -> list[str]:
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


def _double(grid: list[list[Cell]], r: int, merges: Merges, vocab: Vocabulary) -> Layout:
    width = max(len(grid[r]), len(grid[r + 1]))
    groups = _group_texts(grid, r, merges, width)
    sub = grid[r + 1]
    layout = Layout((r, r + 1), {})
    candidates: list[tuple[int, str, str, bool]] = []
    for c in range(width):
        group, subtext = groups[c], cell_text(cell_at(sub, c))
        if not group and not subtext:
            continue
        label = f"{group} - {subtext}" if group and subtext and group != subtext else (
            group or subtext
        )
        reading = _read_column(layout, c, group, subtext, label, vocab)
        if reading is not None:
            candidates.append(reading)
    layout.fields = _assign(candidates)
    return layout


def _read_column(
    layout: Layout, c: int, group: str, sub: str, label: str, vocab: Vocabulary
) -> tuple[int, str, str, bool] | None:
    """What one column of a two-row header holds: a tick column (placed in ``layout`` at
    once), or a field reading (column, label, field, exact) to assign with the others."""
    group_key, sub_key = header_key(group), header_key(sub)
    if not sub:
        name = match_header(group, vocab)
        return (c, label, name, exact_header(group, vocab) == name) if name else None
    if group_key in EVIDENCE_GROUPS:
        if sub_key in EVIDENCE_SUBHEADERS:
            return (c, label, EVIDENCE_SUBHEADERS[sub_key], True)
        evidence = vocab.evidence_keys.get(text_key(sub))
        if evidence:
            layout.evidence_ticks.setdefault(evidence, Column(c, label))
            return None
    if group_key in FOLLOWUP_GROUPS:
        if sub_key in FOLLOWUP_SUBHEADERS:
            return (c, label, FOLLOWUP_SUBHEADERS[sub_key], True)
        if sub_key in FOLLOWUP_TICK_SUBHEADERS:
            layout.status_ticks.setdefault(FOLLOWUP_TICK_SUBHEADERS[sub_key], Column(c, label))
            return None
    name = match_header(sub, vocab)
    if name:
        return (c, label, name, exact_header(sub, vocab) == name)
    name = match_header(group, vocab) if group else None
    return (c, label, name, exact_header(group, vocab) == name) if name else None


def _grade(layout: Layout) -> Layout:
    if not layout.missing_required():
        layout.level = FULL
    elif "kegiatan" in layout.fields and (layout.has_evidence() or layout.has_status()):
        layout.level = PARTIAL  # looks like a rekap, but one required column is missing
    else:
        layout.level = 0
    return layout


def _own_reading(row: list[Cell], r: int, vocab: Vocabulary) -> Layout | None:
    """Row r read alone as a one-row header, if it names the kegiatan column."""
    texts = _texts(row)
    if len(texts) < 2 or not any(names_field(text, "kegiatan", vocab) for _, text in texts):
        return None
    return _grade(_single(row, r, vocab))


def evaluate_header(
    grid: list[list[Cell]], r: int, merges: Merges, vocab: Vocabulary
) -> Layout | None:
    """The best reading of row r as a header (one row, or two with sub-headers), if any.

    A unit or section heading ('A. | Seksi Kesejahteraan Sosial', 'TRIWULAN I') is never a
    header nor a header's group row; and row r is a group row only when reading it over the
    row below maps more than the row below maps alone (else r is a title line above it).
    """
    row = grid[r]
    texts = _texts(row)
    if len(texts) < 2 or is_heading_row(row, vocab):
        return None
    best = _own_reading(row, r, vocab)
    if _is_subheader_row(grid, r, merges):
        double = _grade(_double(grid, r, merges, vocab))
        below = _own_reading(grid[r + 1], r + 1, vocab)
        if double.level and (below is None or double.score > below.score) and (
            best is None or double.score > best.score
        ):
            best = double
    return best if best is not None and best.level else None


def could_start_header(row: list[Cell], vocab: Vocabulary) -> bool:
    """A cheap first look inside a table: a header row (or a group row) names at least two
    columns by an exact spelling ('No', 'Tanggal', 'Bukti Dukung', 'Ditindaklanjuti'). An
    activity row rarely does, even when its texts start like header words."""
    found = 0
    for value in row:
        if value.__class__ is str and len(value) <= 80 and (
            exact_header(value, vocab) or is_group_cell(value)
        ):
            found += 1
            if found == 2:
                return True
    return False


_GROUP_KEYS = frozenset((*EVIDENCE_GROUPS, *FOLLOWUP_GROUPS))


def is_group_cell(text: str) -> bool:
    """A group header's spelling ('Bukti Dukung', 'Tindak Lanjut'); most texts are ruled out
    by their letters alone (asked of every text of every row the walk looks at closely)."""
    return may_be_key(text, _GROUP_KEYS) and header_key(text) in _GROUP_KEYS


def is_number_row(row: list[Cell]) -> bool:
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


def closest_header(
    grid: list[list[Cell]], vocab: Vocabulary
) -> tuple[int, list[str], list[str]] | None:
    """For a sheet without a table: the row in the header scan range naming the most required
    columns (then the most columns), as (1-based row, its recognised header texts, the
    required fields it lacks); None when no row names a required column."""
    best: tuple[tuple[int, int], int, Layout] | None = None
    for r in range(min(len(grid), HEADER_SCAN_ROWS)):
        layout = _single(grid[r], r, vocab)
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
