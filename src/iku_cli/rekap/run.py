"""Reading one file of a rekap run: each sheet through the shared gate, its tables located,
its rows normalised into the run's activity store.

A :class:`Run` is what reading gathered, before the run-wide stages (duplicates, JUMLAH
checks, each activity's kecamatan) and the count. Files do not depend on each other until
then, so a run per file, merged in file order (:meth:`Run.merge`), is the run of all files:
the process pool (:mod:`.parallel`) relies on it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from iku_cli import lifetime
from iku_cli.inputs.find import InputFile
from iku_cli.inputs.gate import Reading, TableWords, admit, read_file
from iku_cli.inputs.lines import kabupaten_in, kecamatan_in
from iku_cli.inputs.read import RawSheet
from iku_cli.inputs.sources import FileSource
from iku_cli.problems import Code
from iku_cli.rekap.header import closest_header
from iku_cli.rekap.locate import Table, locate_tables
from iku_cli.rekap.model import Activities
from iku_cli.rekap.normalize import SheetNormalizer
from iku_cli.rekap.options import Options
from iku_cli.rekap.vocab import FIELD_LABELS, Vocabulary

WORDS = TableWords(
    hidden_code=Code.HIDDEN_SHEET_SKIPPED,
    hidden_without_table="sheet tersembunyi tanpa tabel rekap",
    partial="kolom wajib tidak lengkap",
)
NO_TABLE_DETAIL = (
    "tidak ada tabel rekap (judul kolom Uraian Kegiatan, Jenis Bukti Dukung dan "
    "Ditindaklanjuti tidak ditemukan di 100 baris pertama)"
)
EMPTY_SHEET_DETAIL = "sheet kosong"


@dataclass(frozen=True)
class TablePlace:
    """Where a table's activities start in the store, for the JUMLAH-row checks."""

    file: str
    sheet: str
    table: Table
    first: int  # index of its first activity in the store


@dataclass
class Run(Reading):
    """Everything read from the inputs, before counting."""

    store: Activities = field(default_factory=Activities)
    regencies: list[str] = field(default_factory=list)  # kabupaten named in title blocks
    subdistricts: list[str] = field(default_factory=list)  # kecamatan named in title blocks
    tables: list[TablePlace] = field(default_factory=list)

    def merge(self, part: Run) -> None:
        """Append the run of the files after this one's (field by field)."""
        offset = len(self.store)
        self.merge_reading(part)
        self.store.extend(part.store)
        self.regencies.extend(part.regencies)
        self.subdistricts.extend(part.subdistricts)
        self.tables.extend(TablePlace(place.file, place.sheet, place.table, place.first + offset)
                           for place in part.tables)


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while reading: what is built (rows, activities, problems)
    lives until the run ends, and full collections over it cost a tenth of the reading."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_one_file(run: Run, item: InputFile, options: Options) -> None:
    """One file into ``run``: each sheet through the gate, then located and normalised."""
    read_file(run, item, options.limits,
              lambda source, sheet: _read_sheet(run, source, item.path.stem, sheet, options))


def _read_sheet(run: Run, source: FileSource, stem: str, sheet: RawSheet,
                options: Options) -> None:
    display = source.display
    located = admit(run, source, sheet, lambda s: locate_tables(s, display, options.vocab),
                    words=WORDS, include_hidden=options.include_hidden, limits=options.limits,
                    no_table=lambda s: no_table_detail(s, options.vocab))
    if located is None:
        return
    # the sheet's kecamatan, from its title block (workbook and folder fill gaps later)
    kecamatan = kecamatan_in(located.title_lines)
    normalizer = SheetNormalizer(
        file=display, file_stem=stem, sheet=sheet, located=located, vocab=options.vocab,
        store=run.store, kecamatan=kecamatan, default_year=options.year,
        year_filter=options.year,
    )
    source.sheets.append(normalizer.run())
    run.problems.extend(normalizer.problems)
    run.tables.extend(TablePlace(display, sheet.name, table, first)
                      for table, first in normalizer.table_ranges)
    kabupaten = kabupaten_in(located.title_lines)
    if kabupaten:
        run.regencies.append(kabupaten)
    if kecamatan:
        run.subdistricts.append(kecamatan)
    # the grid is no longer needed: freed before the next sheet is read (or left to the end)
    lifetime.let_go(sheet.rows)
    sheet.rows = []


def no_table_detail(sheet: RawSheet, vocab: Vocabulary) -> str:
    """Why a sheet holds no table: empty, or which required columns its most header-like
    row has and lacks."""
    if not any(value != "" and value is not None for row in sheet.rows for value in row):
        return EMPTY_SHEET_DETAIL
    closest = closest_header(sheet.rows, vocab)
    if closest is None:
        return NO_TABLE_DETAIL
    row, found, missing = closest
    return (f"tidak ada tabel rekap: baris {row} paling mirip judul kolom, tetapi hanya ada "
            f"{', '.join(found)}; tidak ada {' dan '.join(FIELD_LABELS[m] for m in missing)}")
