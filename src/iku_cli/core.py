"""The pipeline: files -> raw sheets -> tables -> activities -> result. No printing, no exit.

``hitung`` and ``periksa`` share one reading pass (:func:`read_inputs`), so the checks the
operator sees are exactly the rules the count used.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .cells import column_index
from .compute import achievement, per_kecamatan, period_breakdown, summarise, undated
from .config import CapaianScale, Config
from .find import find_inputs
from .header import closest_header
from .limits import DEFAULT_LIMITS, Limits, thousands
from .locate import SheetLayout, Table, locate_tables
from .model import Activities, FileSource, Report, Result, SheetSource, order_problems
from .normalize import (
    SheetNormalizer,
    kabupaten_in,
    kecamatan_in,
    mark_duplicates,
    shown_rows,
)
from .parallel import ProgressCallback, read_files
from .problems import Problem, Severity, make_problem
from .read import RawSheet, add_same_content, read_source
from .vocab import DEFAULT_VOCABULARY, FIELD_LABELS, INDICATOR_NAME, Vocabulary

_SKIP_REASONS = {
    "chart": "sheet grafik",
    "macro": "sheet makro",
    "dialog": "sheet dialog",
    "other": "bukan lembar kerja",
}
NO_TABLE_DETAIL = (
    "tidak ada tabel rekap (judul kolom Uraian Kegiatan, Jenis Bukti Dukung dan "
    "Ditindaklanjuti tidak ditemukan di 100 baris pertama)"
)
EMPTY_SHEET_DETAIL = "sheet kosong"
RUN_PLACE = "(semua berkas)"  # the place of a problem about the whole run


@dataclass
class Options:
    """Settings of a run; the CLI fills them from its options and the config file."""

    vocab: Vocabulary = DEFAULT_VOCABULARY
    include_hidden: bool = False
    tahun: int | None = None
    indikator: str = INDICATOR_NAME
    kecamatan: str | None = None
    kabupaten: str | None = None
    periode: str = "tahun"  # tahun | semester | triwulan | bulan
    target: float | None = None
    target_triwulan: tuple[float, ...] | None = None
    capaian_maks: float | None = None
    scale: CapaianScale = field(default_factory=CapaianScale)
    per_kecamatan: bool = False
    limits: Limits = DEFAULT_LIMITS
    required_units: tuple[str, ...] = ()  # units that must report (the config lists them)

    @classmethod
    def from_config(cls, config: Config, **overrides: object) -> Options:
        """The config file's settings, with the command line's (non-None) values on top."""
        options = cls(
            vocab=config.vocab, tahun=config.tahun, indikator=config.indikator,
            kecamatan=config.kecamatan, kabupaten=config.kabupaten, target=config.target,
            target_triwulan=config.target_triwulan, capaian_maks=config.capaian_maks,
            scale=config.scale, limits=config.limits, required_units=config.required_units,
        )
        for name, value in overrides.items():
            if value is not None:
                setattr(options, name, value)
        return options


@dataclass
class Run:
    """Everything read from the inputs, before counting."""

    store: Activities = field(default_factory=Activities)
    problems: list[Problem] = field(default_factory=list)
    sources: list[FileSource] = field(default_factory=list)
    complete: bool = True
    kabupaten: list[str] = field(default_factory=list)  # named in title blocks
    kecamatan: list[str] = field(default_factory=list)  # named in title blocks
    # per table: where its activities start in the store, for the JUMLAH-row checks
    tables: list[tuple[str, str, Table, int]] = field(default_factory=list)


def read_inputs(
    paths: Sequence[str | Path], options: Options, progress: ProgressCallback | None = None
) -> Run:
    """Read every sheet of every file; unreadable inputs become problems, never exceptions."""
    run = Run()
    found = find_inputs(paths)
    run.problems.extend(found.problems)
    run.complete = found.complete
    read_files(run, found.files, options, progress)  # in a process pool when there are many
    add_same_content(run.sources, found)
    _attribute_kecamatan(run, [str(p) for p in paths], options)
    run.problems.extend(mark_duplicates(run.store))
    _check_totals(run)
    return run


def _read_file(run: Run, display: str, path: Path, options: Options) -> None:
    source = FileSource(display)
    run.sources.append(source)
    failure = read_source(
        source, path, options.limits,
        lambda sheet: _read_sheet(run, source, display, path.stem, sheet, options))
    if failure is not None:
        run.complete = run.complete and failure.severity is not Severity.GALAT
        run.problems.append(failure)


def _read_sheet(
    run: Run, source: FileSource, display: str, stem: str, sheet: RawSheet, options: Options
) -> None:
    def skip(reason: str, code: str = "sheet-dilewati", **details: object) -> None:
        source.sheets.append(SheetSource(sheet.name, None, skipped=reason))
        run.problems.append(
            make_problem(code, file=display, sheet=sheet.name or None, detail=reason, **details)
        )

    if sheet.kind != "worksheet":
        skip(_SKIP_REASONS.get(sheet.kind, "bukan lembar kerja"))
        return
    if sheet.too_many_rows is not None:
        run.complete = False
        skip("terlalu banyak baris", "sheet-kebanyakan-baris",
             n=thousands(sheet.too_many_rows), limit=thousands(options.limits.baris))
        return
    located = locate_tables(sheet, display, options.vocab)
    if sheet.hidden and not options.include_hidden:
        listed = sum(len(table.rows) for table in located.tables)
        if located.tables:
            skip("sheet tersembunyi", "sheet-tersembunyi-dilewati", n=listed)
        else:
            skip("sheet tersembunyi tanpa tabel rekap")
        return
    run.problems.extend(located.problems)
    if located.tables or located.partial:  # an error cell may be why a column is missing
        run.problems.extend(error_cell_problems(display, sheet, located))
    if located.partial:
        run.complete = False
    if not located.tables:
        if located.partial:
            source.sheets.append(SheetSource(sheet.name, None, skipped="kolom wajib tidak lengkap"))
        else:
            skip(no_table_detail(sheet, options.vocab))
        return
    if sheet.stray_cells:
        cells = sheet.stray_cells
        run.problems.append(
            make_problem("sel-jauh-diabaikan", file=display, sheet=sheet.name or None,
                         n=len(cells), cells=", ".join(cells[:8]) + (", ..." if len(cells) > 8
                                                                     else ""))
        )
    if sheet.hidden_rows:
        run.problems.append(make_problem("baris-tersembunyi", file=display,
                                         sheet=sheet.name or None, n=sheet.hidden_rows))
    if sheet.uncached_formulas:
        cells = sheet.uncached_formulas
        shown = ", ".join(cells[:8]) + (", ..." if len(cells) > 8 else "")
        run.problems.append(
            make_problem("rumus-tanpa-nilai", file=display, sheet=sheet.name or None,
                         n=len(cells), cells=shown)
        )
    normalizer = SheetNormalizer(
        file=display, file_stem=stem, sheet=sheet, located=located, vocab=options.vocab,
        store=run.store, default_year=options.tahun, year_filter=options.tahun,
    )
    source.sheets.append(normalizer.run())
    run.problems.extend(normalizer.problems)
    run.tables.extend((display, sheet.name, table, start) for table, start in
                      normalizer.table_ranges)
    kabupaten = kabupaten_in(located.title_lines)
    if kabupaten:
        run.kabupaten.append(kabupaten)
    # the sheet's kecamatan, from its title block (workbook and folder fill gaps later)
    kecamatan = kecamatan_in(located.title_lines)
    if kecamatan:
        run.kecamatan.append(kecamatan)
    run.store.kecamatan.extend([kecamatan] * (len(run.store) - len(run.store.kecamatan)))
    sheet.rows = []  # the grid is no longer needed; free it before the next sheet


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


def error_cell_problems(display: str, sheet: RawSheet, located: SheetLayout) -> list[Problem]:
    """One warning per error cell (#N/A, #REF!, ...), with its column's header when it lies
    in a table: it read as blank."""
    labels: dict[int, str] = {}
    for table in located.tables:
        for column in table.layout.columns():
            labels.setdefault(column.index, column.label)
    problems = []
    for ref, error in sheet.error_cells:
        letters = ref.rstrip("0123456789")
        problems.append(make_problem(
            "sel-galat", file=display, sheet=sheet.name or None, row=int(ref[len(letters):]),
            column=labels.get(column_index(letters.encode()) - 1), value=error, cell=ref))
    return problems


def _attribute_kecamatan(run: Run, given: list[str], options: Options) -> None:
    """Each activity's kecamatan: its sheet's title block, else another sheet of the same
    workbook, else the folder it sits in under a given folder (one folder per kecamatan),
    else the configured kecamatan."""
    store = run.store
    by_file: dict[str, str] = {}
    for file, kecamatan in zip(store.file, store.kecamatan, strict=True):
        if kecamatan and file not in by_file:
            by_file[file] = kecamatan
    folders = [Path(g) for g in given if Path(g).is_dir()]
    for index, kecamatan in enumerate(store.kecamatan):
        if kecamatan is None:
            file = store.file[index]
            store.kecamatan[index] = (
                by_file.get(file) or _folder_kecamatan(Path(file), folders) or options.kecamatan
            )


def _folder_kecamatan(path: Path, folders: list[Path]) -> str | None:
    """'kabupaten/Kec. Gucialit/rekap.xlsx' given 'kabupaten/' -> 'Gucialit'."""
    for folder in folders:
        try:
            parts = path.relative_to(folder).parts
        except ValueError:
            continue
        if len(parts) > 1:
            name = re.sub(r"^(?:kecamatan|kec)\b[\s._-]*", "", parts[0], flags=re.I)
            name = " ".join(re.split(r"[\s_]+", name)).strip(" .-")
            return name.title() if name else None
    return None


def _check_totals(run: Run) -> None:
    """A JUMLAH row's number must match the activities it closes (listed or counted)."""
    store = run.store
    for display, sheet, table, start in run.tables:
        table_end = start + len(table.rows)
        for total in table.totals:
            if total.claimed is None:
                continue
            seg_start, seg_end = (start + total.segment[0], start + total.segment[1])
            listed = seg_end - seg_start
            counted = sum(1 for i in range(seg_start, seg_end) if store.reason[i] is None)
            table_listed = table_end - start
            table_counted = sum(1 for i in range(start, table_end) if store.reason[i] is None)
            if total.claimed in (listed, counted, table_listed, table_counted):
                continue
            run.problems.append(
                make_problem(
                    "jumlah-tidak-cocok", file=display, sheet=sheet or None, row=total.row,
                    value=total.label, claimed=total.claimed, listed=listed, counted=counted,
                )
            )


def _finish_sources(run: Run) -> None:
    """Per sheet: how many of its activity rows were counted."""
    counted: dict[tuple[str, str], int] = {}
    store = run.store
    for i in range(len(store)):
        if store.reason[i] is None:
            key = (store.file[i], store.sheet[i])
            counted[key] = counted.get(key, 0) + 1
    for source in run.sources:
        for sheet in source.sheets:
            sheet.counted = counted.get((source.display, sheet.name), 0)


def small_targets(options: Options) -> list[Problem]:
    """A target of 1 or less was most likely meant as a fraction ('0.9' for 90 %)."""
    targets = [options.target, *(options.target_triwulan or ())]
    problems = []
    for target in dict.fromkeys(t for t in targets if t is not None and t <= 1):
        shown = f"{target:g}".replace(".", ",")
        guess = f" — maksud Anda {target * 100:g}%?".replace(".", ",") if target else ""
        problems.append(make_problem("target-kecil", file=RUN_PLACE, target=shown, guess=guess))
    return problems


def _year_of_run(run: Run, options: Options) -> int | None:
    if options.tahun is not None:
        return options.tahun
    years = sorted(
        {date.year for date, reason in zip(run.store.date, run.store.reason, strict=True)
         if date is not None and reason is None}
    )
    if len(years) == 1:
        return years[0]
    if len(years) > 1:
        run.problems.append(
            make_problem("tahun-ganda", file=RUN_PLACE, years=", ".join(map(str, years)))
        )
        run.problems.extend(_other_year_rows(run))
    return None


def _other_year_rows(run: Run) -> list[Problem]:
    """Activities spread over several years: per sheet, the rows dated in another year than
    most activities (sheets whose title block names a year were checked against it)."""
    store = run.store
    titled = {(source.display, sheet.name) for source in run.sources for sheet in source.sheets
              if sheet.title_year is not None}
    per_year: dict[int, int] = {}
    for date, reason in zip(store.date, store.reason, strict=True):
        if date is not None and reason is None:
            per_year[date.year] = per_year.get(date.year, 0) + 1
    usual = max(per_year, key=lambda year: (per_year[year], year))
    rows: dict[tuple[str, str], list[int]] = {}
    for index, date in enumerate(store.date):
        place = (store.file[index], store.sheet[index])
        if date is not None and store.reason[index] is None and date.year != usual \
                and place not in titled:
            rows.setdefault(place, []).append(store.row[index])
    return [make_problem("tahun-lain", file=file, sheet=sheet or None, n=len(found),
                         rows=shown_rows(found), year=usual)
            for (file, sheet), found in rows.items()]


def hitung(
    paths: Sequence[str | Path],
    options: Options | None = None,
    progress: ProgressCallback | None = None,
) -> Result:
    """Count the IKU over every sheet of every given file, folder or glob pattern."""
    options = options or Options()
    run = read_inputs(paths, options, progress)
    tahun = _year_of_run(run, options)
    _finish_sources(run)
    run.problems.extend(small_targets(options))
    summary = summarise(run.store, options.vocab, options.required_units)
    for unit in summary.not_reported:
        run.problems.append(make_problem("belum-melapor", file=RUN_PLACE, unit=unit))
    kecamatan_names = {k for k in run.store.kecamatan if k} | set(run.kecamatan)
    kecamatan = options.kecamatan or (
        next(iter(kecamatan_names)) if len(kecamatan_names) == 1 else None
    )
    if options.per_kecamatan and None in run.store.kecamatan:
        run.problems.append(make_problem("tanpa-kecamatan", file=RUN_PLACE))
    units = [unit.unit for unit in summary.units]
    return Result(
        indikator=options.indikator,
        kecamatan=kecamatan,
        tahun=tahun,
        lengkap=run.complete,
        total=summary.total,
        unit=summary.units,
        bukti=summary.evidence,
        problems=order_problems(run.problems, run.sources),
        sources=run.sources,
        activities=run.store,
        belum_melapor=summary.not_reported,
        undated=undated(run.store),
        periode=period_breakdown(
            run.store, options.periode, tahun, units, options.target_triwulan, options.scale,
            options.capaian_maks,
        ),
        achievement=achievement(
            summary.total.exact_percent, options.target, options.scale, options.capaian_maks
        ),
        kabupaten=options.kabupaten or (run.kabupaten[0] if run.kabupaten else None),
        per_kecamatan=per_kecamatan(run.store, options.vocab) if options.per_kecamatan else [],
        period_kind=options.periode,
    )


def periksa(
    paths: Sequence[str | Path],
    options: Options | None = None,
    progress: ProgressCallback | None = None,
) -> Report:
    """Check the sheets only: every problem, where it is and what to do (same reading as hitung)."""
    options = options or Options()
    run = read_inputs(paths, options, progress)
    _year_of_run(run, options)
    _finish_sources(run)
    return Report(
        lengkap=run.complete,
        problems=order_problems(run.problems, run.sources),
        sources=run.sources,
    )
