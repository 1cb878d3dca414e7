"""The questions the table walk asks of each row, compiled once per table layout: is it an
activity by its shape, does it carry evidence or a status the vocabulary recognises, is it the
common plain activity the fast path takes without any other check."""

from __future__ import annotations

from collections.abc import Callable

from iku_cli.inputs.cells import (
    Cell,
    cell_at,
    cell_text,
    is_blank,
)
from iku_cli.rekap.header import (
    Layout,
)
from iku_cli.rekap.match import (
    exact_header,
    is_ticked,
    match_evidence,
    match_status,
)
from iku_cli.rekap.rows import (
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
        self._named: dict[Cell, bool] = {}  # evidence cell -> names a type
        self._known: dict[Cell, bool] = {}  # status cell -> a known status word

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
        value = self._cell(row, self.bukti)
        if not is_blank(value):
            named = self._named.get(value)
            if named is None:
                text = value if isinstance(value, str) else cell_text(value)
                named = self._named[value] = bool(match_evidence(text, self.vocab).types)
            if named:
                return True
        value = self._cell(row, self.status)
        if not is_blank(value):
            known = self._known.get(value)
            if known is None:
                known = self._known[value] = match_status(value, self.vocab) is not None
            if known:
                return True
        width = len(row)
        return any(c < width and is_ticked(row[c]) is True for c in self.ticks)

    def sure_activity(self, row: list[Cell]) -> bool:
        return not is_blank(cell_at(row, self.kegiatan)) and self.sure(row)

    def plain(self, row: list[Cell]) -> bool:
        """The common row: a sure activity that is surely neither a total row (its first text
        does not start like one) nor a header (its kegiatan is no header spelling), so it needs
        none of the walk's other checks. Runs on every row."""
        kegiatan = cell_at(row, self.kegiatan)
        if is_blank(kegiatan) or not self.sure(row):
            return False
        for first in row:  # the row's first text, which a total row starts with
            if isinstance(first, str) and first.strip():
                if not first.isascii() or first.lstrip()[:2].lower() in total_starts():
                    return False
                break
        return not (isinstance(kegiatan, str) and len(kegiatan) <= 80
                    and exact_header(kegiatan, self.vocab))


class PlainRows:
    """Which rows are plain activities (:meth:`RowTests.plain`), classified a chunk of rows at a
    time with ``map``, so runs of them are taken without a Python loop."""

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
