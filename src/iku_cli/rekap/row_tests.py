"""The questions the table walk asks of each row, compiled once per table layout: is it an
activity by its shape, does it carry evidence or a status the vocabulary recognises, is it the
common plain activity the fast path takes without any other check."""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress
from operator import and_, or_

from iku_cli.inputs.cells import (
    Cell,
    cell_at,
    cell_text,
    column_of,
    is_blank,
    per_distinct,
)
from iku_cli.rekap.header import (
    Layout,
)
from iku_cli.rekap.match import (
    exact_header,
    header_skeleton_set,
    is_ticked,
    match_evidence,
    match_status,
    plain_skeletons,
)
from iku_cli.rekap.rows import (
    is_total_text,
    total_starts,
)
from iku_cli.rekap.vocab import (
    Vocabulary,
)


class RowTests:
    """The questions the walk asks of each row, for one table's layout (columns looked up once,
    each distinct evidence and status value matched once)."""

    def __init__(self, layout: Layout, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.layout = layout
        self.kegiatan = layout.fields["kegiatan"].index
        self.marks = layout.mark_columns()
        bukti, status = layout.fields.get("bukti"), layout.fields.get("tindak_lanjut")
        self.bukti = bukti.index if bukti is not None else None
        self.status = status.index if status is not None else None
        self.ticks = tuple(c.index for c in (*layout.evidence_ticks.values(),
                                             *layout.status_ticks.values()))
        # the last column plain_many takes (the first text is looked for up to the activity)
        self.widest = max(c for c in (self.kegiatan, self.bukti, self.status) if c is not None)
        self._named: dict[Cell, bool] = {}  # evidence cell -> names a type
        self._known: dict[Cell, bool] = {}  # status cell -> a known status word
        self._total_first: dict[str, bool] = {}  # a row's first text -> starts like a total

    def _cell(self, row: list[Cell], index: int | None) -> Cell:
        return row[index] if index is not None and index < len(row) else ""

    def marked(self, row: list[Cell]) -> bool:
        """Evidence or status filled in (whatever it says)."""
        return any(not is_blank(cell_at(row, c)) for c in self.marks)

    def activity_like(self, row: list[Cell]) -> bool:
        """A kegiatan with evidence or status filled in: an activity by its shape."""
        return not is_blank(cell_at(row, self.kegiatan)) and self.marked(row)

    def sure(self, row: list[Cell]) -> bool:
        """Evidence or status the vocabulary recognises (a type, a tick, a status word): what
        no title, signature or name line has."""
        for index, known, ask in self._recognisers():
            value = self._cell(row, index)
            if not is_blank(value) and self._answer(value, known, ask):
                return True
        width = len(row)
        return any(c < width and is_ticked(row[c]) is True for c in self.ticks)

    def _recognisers(self) -> list[tuple[int, dict[Cell, bool], Callable[[Cell], bool]]]:
        """(column, its memo, the question) for the evidence and the status column."""
        return [(index, known, ask) for index, known, ask in (
            (self.bukti, self._named, self._names_type),
            (self.status, self._known, self._is_status)) if index is not None]

    @staticmethod
    def _answer(value: Cell, known: dict[Cell, bool], ask: Callable[[Cell], bool]) -> bool:
        answer = known.get(value)
        if answer is None:
            answer = known[value] = ask(value)
        return answer

    def sure_activity(self, row: list[Cell]) -> bool:
        return not is_blank(cell_at(row, self.kegiatan)) and self.sure(row)

    def plain(self, row: list[Cell]) -> bool:
        """The common row: a sure activity that is surely neither a total row (its first text
        does not start like one) nor a header (its kegiatan is no header spelling), so it needs
        none of the walk's other checks. Runs on every row."""
        kegiatan = cell_at(row, self.kegiatan)
        if is_blank(kegiatan) or not self.sure(row):
            return False
        if _starts_like_total(row, total_starts()):
            return False
        return not (isinstance(kegiatan, str) and len(kegiatan) <= 80
                    and exact_header(kegiatan, self.vocab))

    def plain_many(self, rows: list[list[Cell]], reach: int | None = None) -> list[bool]:
        """``[self.plain(row) for row in rows]``, column by column: each question is asked of
        a whole column (distinct evidence and status values once, each row's first text once
        per distinct text, the activity texts' header skeletons in one string operation), so
        a row costs a few list lookups, not calls. ``reach``: no row is shorter — asked here
        when not given or too short for the columns asked (a title row of a ragged grid):
        a pass over the rows, as long as taking a column."""
        if self.ticks:  # tick columns (rare): the row-by-row answer
            return [self.plain(row) for row in rows]
        if reach is None or reach <= self.widest:
            reach = min(map(len, rows), default=0)
        kegiatan = column_of(rows, self.kegiatan, reach)
        flags = [not (v is None or v == "" or (v.__class__ is str and not v.strip()))
                 for v in kegiatan]
        flags = list(map(and_, flags, self._sure_many(rows, reach)))
        self._drop_total_like(rows, kegiatan, flags, reach)
        for index in self._header_texts(kegiatan, flags):
            flags[index] = False
        return flags

    def _sure_many(self, rows: list[list[Cell]], reach: int) -> list[bool]:
        """:meth:`sure` of every row (no tick columns): the evidence and the status column,
        each distinct value matched once."""
        result = [False] * len(rows)
        for index, known, ask in self._recognisers():
            def recognised(value: Cell, known: dict[Cell, bool] = known,
                           ask: Callable[[Cell], bool] = ask) -> bool:
                return not is_blank(value) and self._answer(value, known, ask)

            result = list(map(or_, result, per_distinct(column_of(rows, index, reach),
                                                           recognised)))
        return result

    def _drop_total_like(self, rows: list[list[Cell]], kegiatan: list[Cell],
                         flags: list[bool], reach: int) -> None:
        """Unflag the flagged rows whose first text starts like a total (_starts_like_total).
        A flagged row's activity cell is filled, so its first text stands at the latest
        there — unless that cell holds no text (a number): such a row is asked alone."""
        firsts = kegiatan  # each row's leftmost filled text up to its activity cell
        for index in range(self.kegiatan - 1, -1, -1):
            column = column_of(rows, index, reach)
            if any(issubclass(kind, str) for kind in set(map(type, column))):
                firsts = [value if isinstance(value, str) and value.strip() else first
                          for value, first in zip(column, firsts, strict=True)]
        starts, memo = total_starts(), self._total_first
        flagged = list(compress(range(len(rows)), flags))
        # plain ASCII text not starting like a total word: the usual first text, not a total
        suspect = [not (first.__class__ is str and first.isascii()
                        and first.lstrip()[:2].lower() not in starts)
                   for first in compress(firsts, flags)]
        for index in compress(flagged, suspect):
            first = firsts[index]
            if not isinstance(first, str):
                answer = _starts_like_total(rows[index], starts)
            elif (answer := memo.get(first)) is None:  # type: ignore[assignment]
                answer = memo[first] = _starts_like_total([first], starts)
            if answer:
                flags[index] = False

    def _names_type(self, value: Cell) -> bool:
        text = value if isinstance(value, str) else cell_text(value)
        return bool(match_evidence(text, self.vocab).types)

    def _is_status(self, value: Cell) -> bool:
        return match_status(value, self.vocab) is not None

    def _header_texts(self, kegiatan: list[Cell], flags: list[bool]) -> list[int]:
        """The flagged rows whose activity text is a header spelling (exact_header, asked of
        texts of at most 80 characters). Usually no text's letters and digits are a header's
        (their skeletons, made for all flagged texts in one string operation): then no text
        is asked alone, nor even measured."""
        values = list(compress(kegiatan, flags))
        known = header_skeleton_set(self.vocab)
        try:
            skeletons = plain_skeletons(values) if values else None  # type: ignore[arg-type]
        except TypeError:  # (a number or a date: not every value is a text)
            skeletons = None
        if skeletons is not None and known.isdisjoint(skeletons):
            return []
        flagged = compress(range(len(kegiatan)), flags)
        texts = [(index, value) for index, value in zip(flagged, values, strict=True)
                 if isinstance(value, str) and len(value) <= 80]
        # (the short texts alone may be plain where the long ones were not)
        skeletons = plain_skeletons([text for _, text in texts]) if texts else []
        candidates = texts if skeletons is None else [
            pair for pair, key in zip(texts, skeletons, strict=True) if key in known]
        return [index for index, text in candidates if exact_header(text, self.vocab)]


def _starts_like_total(row: list[Cell], starts: frozenset[str]) -> bool:
    """Whether the row's first text (what a total row starts with) is not plain ASCII, or is
    a total label as the walk judges it (``is_total_text`` of its text, asked only when it
    starts like a total word: 'Jumat, 3 Januari' in a date column starts like 'Jumlah')."""
    for first in row:
        if isinstance(first, str) and first.strip():
            return not first.isascii() or (first.lstrip()[:2].lower() in starts
                                           and is_total_text(cell_text(first)))
    return False


class PlainRows:
    """Which rows are plain activities (:meth:`RowTests.plain`), classified a chunk of rows at a
    time column by column (:meth:`RowTests.plain_many`), so runs of them are taken without a
    Python loop per row."""

    CHUNK = 4096  # a table that ends early has classified at most this many rows in vain

    def __init__(self, grid: list[list[Cell]],
                 classify: Callable[[list[list[Cell]], int | None], list[bool]],
                 reach: int | None = None) -> None:
        self.grid = grid
        self.classify = classify
        self.reach = reach  # no row of the grid is shorter (None: not known)
        self.first = 0  # grid row of flags[0]
        self.flags: list[bool] = []

    def run_end(self, r: int) -> int:
        """The first row at or after r that is not a plain activity (r itself if r is not)."""
        while r < len(self.grid):
            if not self.first <= r < self.first + len(self.flags):
                self.first = r
                self.flags = self.classify(self.grid[r : r + self.CHUNK], self.reach)
            try:
                return self.flags.index(False, r - self.first) + self.first
            except ValueError:  # plain to the end of the chunk: go on in the next
                r = self.first + len(self.flags)
        return r
