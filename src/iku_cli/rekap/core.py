"""The rekap pipeline: files -> raw sheets -> tables -> activities -> result. No printing, no
exit.

``hitung`` and ``periksa`` share one reading pass (:func:`read_inputs`), so the checks the
operator sees are exactly the rules the count used. Reading is per file (:mod:`.run`, in a
process pool when there are many: :mod:`.parallel`); what needs every file (duplicates, JUMLAH
checks, kecamatan, the year) is decided afterwards, here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import compress, islice
from operator import and_
from pathlib import Path

from iku_cli.inputs.dates import dates_of_other_years
from iku_cli.inputs.find import find_inputs, folder_subdistrict
from iku_cli.inputs.read import add_same_content
from iku_cli.inputs.sources import RUN_PLACE, order_problems
from iku_cli.problems import Code, Problem, make_problem
from iku_cli.rekap.compute import (
    Tally,
    counted_mask,
    per_subdistrict,
    period_breakdown,
    summarise,
    tally,
    undated,
)
from iku_cli.rekap.duplicates import mark_duplicates
from iku_cli.rekap.history import compare
from iku_cli.rekap.model import Activities, PeriodCount, Report, Result
from iku_cli.rekap.normalize import SHOWN_ROWS, shown_rows
from iku_cli.rekap.options import Options
from iku_cli.rekap.parallel import ProgressCallback, read_files
from iku_cli.rekap.run import Run
from iku_cli.rekap.targets import achievement

__all__ = ["Options", "hitung", "periksa", "read_inputs"]


def read_inputs(
    paths: Sequence[str | Path], options: Options, progress: ProgressCallback | None = None
) -> Run:
    """Read every sheet of every file; unreadable inputs become problems, never exceptions."""
    found = find_inputs(paths)
    run = Run(problems=list(found.problems), complete=found.complete)
    read_files(run, found.files, options, progress)  # in a process pool when there are many
    add_same_content(run.sources, found)
    _attribute_kecamatan(run, [str(p) for p in paths], options)
    run.problems.extend(mark_duplicates(run.store))
    _check_totals(run)
    return run


def _attribute_kecamatan(run: Run, given: list[str], options: Options) -> None:
    """Each activity's kecamatan: its sheet's title block, else another sheet of the same
    workbook, else the folder it sits in under a given folder (one folder per kecamatan),
    else the configured kecamatan."""
    store = run.store
    if None not in store.subdistrict:  # (every sheet named its kecamatan: the usual run)
        return
    by_file: dict[str, str] = {}
    for file, kecamatan in zip(store.file, store.subdistrict, strict=True):
        if kecamatan and file not in by_file:
            by_file[file] = kecamatan
    folders = [Path(g) for g in given if Path(g).is_dir()]
    for index, kecamatan in enumerate(store.subdistrict):
        if kecamatan is None:
            file = store.file[index]
            store.subdistrict[index] = (
                by_file.get(file) or folder_subdistrict(Path(file), folders) or options.subdistrict
            )


def _check_totals(run: Run) -> None:
    """A JUMLAH row's number must match the activities it closes (listed or counted)."""
    reasons = run.store.reason
    for place in run.tables:
        display, sheet, table, start = place.file, place.sheet, place.table, place.first
        table_end = start + len(table.rows)
        table_counted: int | None = None  # asked once per table, when a segment disagrees
        for total in table.totals:
            if total.claimed is None:
                continue
            seg_start, seg_end = (start + total.segment[0], start + total.segment[1])
            listed = seg_end - seg_start
            counted = reasons[seg_start:seg_end].count(None)  # (counted: no reason to drop it)
            if total.claimed in (listed, counted):
                continue
            if table_counted is None:
                table_counted = reasons[start:table_end].count(None)
            if total.claimed in (table_end - start, table_counted):
                continue
            run.problems.append(
                make_problem(
                    Code.TOTAL_MISMATCH, file=display, sheet=sheet or None, row=total.row,
                    value=total.label, claimed=total.claimed, listed=listed, counted=counted,
                )
            )


Span = tuple[tuple[str, str], int, int]  # a table's (file, sheet) and its slice of the store
# per (file, sheet): how many rows chosen, and the first of them
FirstRows = dict[tuple[str, str], tuple[int, list[int]]]


def table_spans(run: Run) -> list[Span] | None:
    """Each table's (file, sheet) and its slice of the store, when the tables cover the store
    in order (as reading fills both); None otherwise (then count row by row)."""
    spans = [((place.file, place.sheet), place.first, place.first + len(place.table.rows))
             for place in run.tables]
    return spans if sum(end - start for _, start, end in spans) == len(run.store) else None


def _finish_sources(run: Run) -> None:
    """Per sheet: how many of its activity rows were counted."""
    store = run.store
    counted: Counter[tuple[str, str]] = Counter()
    spans = table_spans(run)
    if spans is not None:  # each table's slice counted in C
        for place, start, end in spans:
            counted[place] += store.reason[start:end].count(None)
    else:  # (not expected; counted row by row then)
        mask = counted_mask(store)
        counted.update(zip(compress(store.file, mask), compress(store.sheet, mask), strict=True))
    for source in run.sources:
        for sheet in source.sheets:
            sheet.counted = counted.get((source.display, sheet.name), 0)


def small_targets(options: Options) -> list[Problem]:
    """A target of 1 or less was most likely meant as a fraction ('0.9' for 90 %)."""
    targets = [options.target, *(options.quarter_targets or ())]
    problems = []
    for target in dict.fromkeys(t for t in targets if t is not None and t <= 1):
        shown = f"{target:g}".replace(".", ",")
        guess = f" — maksud Anda {target * 100:g}%?".replace(".", ",") if target else ""
        problems.append(make_problem(Code.SMALL_TARGET, file=RUN_PLACE, target=shown, guess=guess))
    return problems


def _year_of_run(run: Run, options: Options, counts: Tally) -> int | None:
    if options.year is not None:
        return options.year
    per_date = counts.dates()
    years = sorted({date.year for date in per_date if date is not None})
    if len(years) == 1:
        return years[0]
    if len(years) > 1:
        run.problems.append(
            make_problem(Code.SEVERAL_YEARS, file=RUN_PLACE, years=", ".join(map(str, years)))
        )
        run.problems.extend(_other_year_rows(run, per_date))
    return None


def _other_year_rows(run: Run, per_date: Counter[dt.date | None]) -> list[Problem]:
    """Activities spread over several years: per sheet, the rows dated in another year than
    most activities (sheets whose title block names a year were checked against it).
    ``per_date``: the counted activities per date."""
    store = run.store
    titled = {(source.display, sheet.name) for source in run.sources for sheet in source.sheets
              if sheet.title_year is not None}
    mask = counted_mask(store)
    per_year: Counter[int] = Counter()
    for date, n in per_date.items():
        if date is not None:
            per_year[date.year] += n
    usual = max(per_year, key=lambda year: (per_year[year], year))
    other = dates_of_other_years(per_date, usual)
    chosen = list(map(and_, mask, map(other.__contains__, store.date)))
    return [make_problem(Code.OTHER_YEAR_ROWS, file=file, sheet=sheet or None, n=n,
                         rows=shown_rows(found), year=usual)
            for (file, sheet), (n, found) in first_rows_per_sheet(
                store, chosen, titled, table_spans(run)).items()]


def first_rows_per_sheet(store: Activities, chosen: list[bool], titled: set[tuple[str, str]],
                         spans: Sequence[Span] | None = None) -> FirstRows:
    """Per (file, sheet) not in ``titled``, in the order each first appears among the
    ``chosen`` activities: how many are chosen, and the rows of the first ``SHOWN_ROWS`` + 1
    (what a message shows, and whether '...' follows). ``spans``: the tables' slices covering
    the store (:func:`table_spans`) — each slice is then counted in C, not row by row."""
    if spans is not None:
        return _first_rows_per_table(store, chosen, titled, spans)

    def places() -> Iterator[tuple[str, str]]:
        return zip(compress(store.file, chosen), compress(store.sheet, chosen), strict=True)

    counts = Counter(places())
    first_rows: dict[tuple[str, str], list[int]] = {
        place: [] for place in counts if place not in titled}
    wanting = len(first_rows)
    for place, row in zip(places(), compress(store.row, chosen), strict=True):
        if not wanting:
            break
        found = first_rows.get(place)
        if found is not None and len(found) <= SHOWN_ROWS:
            found.append(row)
            wanting -= len(found) > SHOWN_ROWS
    return {place: (counts[place], found) for place, found in first_rows.items()}


def _first_rows_per_table(store: Activities, chosen: list[bool], titled: set[tuple[str, str]],
                          spans: Sequence[Span]) -> FirstRows:
    counts: Counter[tuple[str, str]] = Counter()
    first_rows: dict[tuple[str, str], list[int]] = {}
    for place, start, end in spans:
        picked = chosen[start:end]
        found_here = picked.count(True)
        if not found_here:
            continue
        counts[place] += found_here
        if place in titled:
            continue
        found = first_rows.setdefault(place, [])
        if len(found) <= SHOWN_ROWS:
            found.extend(islice(compress(store.row[start:end], picked),
                                SHOWN_ROWS + 1 - len(found)))
    return {place: (counts[place], found) for place, found in first_rows.items()}


def hitung(
    paths: Sequence[str | Path],
    options: Options | None = None,
    progress: ProgressCallback | None = None,
) -> Result:
    """Count the IKU over every sheet of every given file, folder or glob pattern."""
    options = options or Options()
    run = read_inputs(paths, options, progress)
    counts = tally(run.store)  # (every count below is a sum over its groups)
    tahun = _year_of_run(run, options, counts)
    _finish_sources(run)
    run.problems.extend(small_targets(options))
    summary = summarise(run.store, options.vocab, options.required_units, counts)
    for unit in summary.not_reported:
        run.problems.append(make_problem(Code.NOT_REPORTED, file=RUN_PLACE, unit=unit))
    kecamatan_names = {k for k in run.store.subdistrict if k} | set(run.subdistricts)
    kecamatan = options.subdistrict or (
        next(iter(kecamatan_names)) if len(kecamatan_names) == 1 else None
    )
    if options.per_subdistrict and None in run.store.subdistrict:
        run.problems.append(make_problem(Code.NO_DISTRICT, file=RUN_PLACE))
    units = [unit.unit for unit in summary.units]
    this_year = achievement(
        summary.total.exact_percent, options.target, options.scale, options.achievement_cap
    )
    history = compare(list(options.history), run.store, tahun, summary.total, this_year,
                      options.scale, options.achievement_cap, options.renstra)
    run.problems.extend(history.problems)

    def periods(kind: str, names: list[str]) -> list[PeriodCount]:
        return period_breakdown(run.store, kind, tahun, names, options.quarter_targets,
                                options.scale, options.achievement_cap, counts)

    by_period = periods(options.period, units)
    # (the quarters are the breakdown itself when it is by quarter: not counted twice)
    by_quarter = by_period if options.period == "triwulan" else periods("triwulan", units)

    return Result(
        indicator=options.indicator,
        subdistrict=kecamatan,
        year=tahun,
        complete=run.complete,
        total=summary.total,
        units=summary.units,
        evidence=summary.evidence,
        problems=order_problems(run.problems, run.sources),
        sources=run.sources,
        activities=run.store,
        not_reported=summary.not_reported,
        undated=undated(run.store, counts),
        periods=by_period,
        quarters=[quarter for quarter in by_quarter if quarter.unit is None],
        achievement=this_year,
        regency=options.regency or (run.regencies[0] if run.regencies else None),
        per_subdistrict=(per_subdistrict(run.store, options.vocab) if options.per_subdistrict
                         else []),
        period_kind=options.period,
        history=history.years,
        renstra=history.renstra,
    )


def periksa(
    paths: Sequence[str | Path],
    options: Options | None = None,
    progress: ProgressCallback | None = None,
) -> Report:
    """Check the sheets only: every problem, where it is and what to do (same reading as hitung)."""
    options = options or Options()
    run = read_inputs(paths, options, progress)
    _year_of_run(run, options, tally(run.store))
    _finish_sources(run)
    return Report(
        complete=run.complete,
        problems=order_problems(run.problems, run.sources),
        sources=run.sources,
    )
