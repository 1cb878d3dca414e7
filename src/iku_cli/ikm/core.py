"""The IKM pipeline: files -> raw sheets -> survey tables -> respondents -> result.

Reads only through :mod:`iku_cli.read` (so every file-safety check of ``iku hitung`` applies)
and never prints or exits: unreadable inputs and doubtful cells become problems.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..cells import cell_at, cell_text, column_letter
from ..dates import DateIssue, parse_date
from ..find import find_inputs
from ..limits import DEFAULT_LIMITS, Limits, thousands
from ..model import FileSource, SheetSource, order_problems
from ..normalize import kecamatan_in, year_in
from ..problems import Problem, Severity, make_problem
from ..read import RawSheet, add_same_content, read_source
from ..vocab import clean_text
from . import compute
from .locate import SurveyTable, locate_survey
from .model import IkmResult, Respondent, SampleCheck
from .normalize import BLANK, INVALID, answer_of, category_of
from .vocab import (
    DEFAULT_ORDER,
    DEFAULT_WEIGHT,
    FIELD_LABELS,
    ORDERS,
    PRIORITY_COUNT,
    PROFILE_FIELDS,
    WEIGHTS,
)

RUN_PLACE = "(semua berkas)"
_SKIP_REASONS = {
    "chart": "sheet grafik", "macro": "sheet makro", "dialog": "sheet dialog",
    "other": "bukan lembar kerja",
}
NO_TABLE_DETAIL = (
    "tidak ada tabel survei IKM (kolom U1–U9 atau nama kesembilan unsur tidak ditemukan di "
    "100 baris pertama)"
)


@dataclass
class IkmOptions:
    """Settings of an IKM run (the CLI fills them; a config file may set ``urutan``)."""

    bobot: str = DEFAULT_WEIGHT  # a key of WEIGHTS: "0.111", "1/9", "0.11"
    urutan: str = DEFAULT_ORDER  # a key of ORDERS: for bare U1..U9 columns
    populasi: int | None = None  # for the Krejcie–Morgan sample check
    include_hidden: bool = False
    prioritas: int = PRIORITY_COUNT
    kecamatan: str | None = None  # else from the title block ("KECAMATAN GUCIALIT")
    tahun: int | None = None  # when neither the title block nor the survey dates tell
    limits: Limits = DEFAULT_LIMITS  # iku.toml [batas]


@dataclass
class _Run:
    respondents: list[Respondent] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sources: list[FileSource] = field(default_factory=list)
    complete: bool = True
    tables: int = 0
    fields: set[str] = field(default_factory=set)
    mappings: set[str] = field(default_factory=set)
    recoded: set[tuple[int, int]] = field(default_factory=set)  # (code in sheet, code here)
    title_lines: list[str] = field(default_factory=list)
    # answers of each sheet read so far, to notice the same respondents twice
    seen: dict[tuple[tuple[int, ...], ...], str] = field(default_factory=dict)


def parse_weight(text: str) -> str:
    """'0,111' / '0.111' / '1/9' / '0.11' -> the WEIGHTS key; ValueError otherwise."""
    key = text.strip().replace(",", ".").replace(" ", "")
    if key in WEIGHTS:
        return key
    raise ValueError(text)


def ikm(paths: Sequence[str | Path], options: IkmOptions | None = None) -> IkmResult:
    """The Indeks Kepuasan Masyarakat of every survey table in the given files/folders/globs."""
    options = options or IkmOptions()
    if options.bobot not in WEIGHTS:
        raise ValueError(f"bobot tidak dikenal: {options.bobot}")
    order = ORDERS[options.urutan]
    run = _Run()
    found = find_inputs(paths)
    run.problems.extend(found.problems)
    run.complete = found.complete
    for item in found.files:
        _read_file(run, item.display, item.path, options)
    add_same_content(run.sources, found)

    bobot = WEIGHTS[options.bobot]
    respondents = run.respondents
    scores = compute.unsur_scores(respondents, order.names, bobot)
    index = compute.index_of(scores, len(respondents))
    if run.tables and not respondents:
        run.problems.append(make_problem("ikm-tanpa-responden", file=RUN_PLACE))
    sample = None
    if options.populasi is not None:
        minimum = compute.krejcie_morgan(options.populasi)
        sample = SampleCheck(options.populasi, minimum, len(respondents))
        code = "ikm-sampel-cukup" if sample.enough else "ikm-sampel-kurang"
        run.problems.append(make_problem(
            code, file=RUN_PLACE, n=len(respondents), minimum=minimum,
            populasi=options.populasi, short=minimum - len(respondents),
        ))
    dates = sorted(r.date for r in respondents if r.date is not None)
    mapping = "campuran" if len(run.mappings) > 1 else next(iter(run.mappings), "")
    return IkmResult(
        bobot_key=options.bobot,
        bobot=bobot,
        order_key=order.key,
        order_description=order.description,
        mapping=mapping,
        recoded=tuple(sorted(run.recoded)),
        unsur=scores,
        index=index,
        prioritas=compute.priorities(scores, options.prioritas),
        per_layanan=compute.service_indexes(respondents, order.names, bobot),
        profil=compute.profile(respondents, sorted(run.fields)),
        respondents=respondents,
        problems=order_problems(run.problems, run.sources, RUN_PLACE),
        sources=run.sources,
        lengkap=run.complete,
        tables=run.tables,
        kecamatan=options.kecamatan or kecamatan_in(run.title_lines),
        tahun=year_in(run.title_lines) or (
            dates[0].year if dates and dates[0].year == dates[-1].year else None
        ) or options.tahun,
        periode=(dates[0], dates[-1]) if dates else None,
        sample=sample,
    )


def _read_file(run: _Run, display: str, path: Path, options: IkmOptions) -> None:
    source = FileSource(display)
    run.sources.append(source)
    failure = read_source(source, path, options.limits,
                          lambda sheet: _read_sheet(run, source, display, sheet, options))
    if failure is not None:
        run.complete = run.complete and failure.severity is not Severity.GALAT
        run.problems.append(failure)


def _read_sheet(
    run: _Run, source: FileSource, display: str, sheet: RawSheet, options: IkmOptions
) -> None:
    name = sheet.name or None

    def skip(reason: str, code: str = "sheet-dilewati", **details: object) -> None:
        source.sheets.append(SheetSource(sheet.name, None, skipped=reason))
        run.problems.append(make_problem(code, file=display, sheet=name, detail=reason,
                                         **details))

    if sheet.kind != "worksheet":
        skip(_SKIP_REASONS.get(sheet.kind, "bukan lembar kerja"))
        return
    if sheet.too_many_rows is not None:
        run.complete = False
        skip("terlalu banyak baris", "sheet-kebanyakan-baris",
             n=thousands(sheet.too_many_rows), limit=thousands(options.limits.baris))
        return
    located = locate_survey(sheet, display, options.urutan)
    if sheet.hidden and not options.include_hidden:
        if located.tables:
            listed = sum(len(table.rows) for table in located.tables)
            skip("sheet tersembunyi", "ikm-sheet-tersembunyi", n=listed)
        else:
            skip("sheet tersembunyi tanpa tabel survei")
        return
    run.problems.extend(located.problems)
    if located.partial:
        run.complete = False
    if not located.tables:
        if located.partial:
            source.sheets.append(SheetSource(sheet.name, None, skipped="unsur tidak lengkap"))
        else:
            skip(NO_TABLE_DETAIL)
        return
    for code, cells in (("sel-jauh-diabaikan", sheet.stray_cells),
                        ("rumus-tanpa-nilai", sheet.uncached_formulas)):
        if cells:
            shown = ", ".join(cells[:8]) + (", ..." if len(cells) > 8 else "")
            run.problems.append(make_problem(code, file=display, sheet=name, n=len(cells),
                                             cells=shown))
    summary = SheetSource(sheet.name, None)
    source.sheets.append(summary)
    found: list[Respondent] = []
    problems: list[Problem] = []
    for table in located.tables:
        run.tables += 1
        run.mappings.add(table.mapping)
        run.recoded.update(
            (column.code, column.position + 1) for column in table.answers
            if column.by_name and column.code is not None and column.code != column.position + 1
        )
        run.fields.update(table.fields)
        summary.activity_rows += len(table.rows)
        found.extend(_respondents(sheet, display, table, options.urutan, problems))
    if not run.title_lines:
        run.title_lines = located.title_lines
    matrix = tuple(r.answers for r in found)
    where = f"sheet '{sheet.name}' di {display}" if sheet.name else display
    if matrix and matrix in run.seen:
        run.problems.append(make_problem("ikm-sheet-sama", file=display, sheet=name,
                                         n=len(found), other=run.seen[matrix]))
        return
    if matrix:
        run.seen[matrix] = where
    run.problems.extend(problems)
    summary.counted = len(found)
    run.respondents.extend(found)
    sheet.rows = []  # the grid is no longer needed


def _respondents(
    sheet: RawSheet, display: str, table: SurveyTable, order_key: str, problems: list[Problem]
) -> list[Respondent]:
    """Each listed row with nine valid answers; a blank or invalid answer is a galat and leaves
    the respondent out of every unsur."""
    name = sheet.name or None
    names = ORDERS[order_key].names
    year = year_in(table.title_lines)
    found: list[Respondent] = []
    for r in table.rows:
        row = sheet.rows[r]
        excel_row = r + 1
        answers: list[int] = []
        bad: list[Problem] = []
        for column in table.answers:
            value = cell_at(row, column.index)
            answer = answer_of(value)
            unsur = f"U{column.position + 1} ({names[column.position]})"
            if answer in (BLANK, INVALID):
                code = "ikm-jawaban-kosong" if answer == BLANK else "ikm-jawaban-tidak-sah"
                bad.append(make_problem(
                    code, file=display, sheet=name, row=excel_row, column=column.label,
                    value=None if answer == BLANK else value, unsur=unsur,
                    cell=f"{column_letter(column.index)}{excel_row}",
                ))
            answers.append(answer)
        if len(bad) == len(table.answers) and all(p.code == "ikm-jawaban-kosong" for p in bad):
            problems.append(make_problem("ikm-tanpa-jawaban", file=display, sheet=name,
                                         row=excel_row))
            continue
        if bad:
            problems.extend(bad)
            continue
        found.append(_respondent(sheet, display, table, r, tuple(answers), year, problems))
    return found


def _respondent(
    sheet: RawSheet, display: str, table: SurveyTable, r: int, answers: tuple[int, ...],
    year: int | None, problems: list[Problem],
) -> Respondent:
    row = sheet.rows[r]
    name = sheet.name or None

    def value_of(field_name: str) -> object:
        return cell_at(row, table.fields[field_name][0]) if field_name in table.fields else None

    def place(field_name: str) -> dict[str, object]:
        column, label = table.fields[field_name]
        return {"file": display, "sheet": name, "row": r + 1, "column": label,
                "cell": f"{column_letter(column)}{r + 1}"}

    profile: dict[str, str] = {}
    for field_name in PROFILE_FIELDS:
        if field_name not in table.fields:
            continue
        value = value_of(field_name)
        category, known = category_of(field_name, value)
        profile[field_name] = category
        if not known:
            problems.append(make_problem("ikm-profil-tidak-dikenal", value=value,
                                         label=FIELD_LABELS[field_name], **place(field_name)))
    date = None
    if "tanggal" in table.fields:
        parsed = parse_date(value_of("tanggal"), year)
        date = parsed.date
        if date is None and parsed.issue is not DateIssue.BLANK:
            problems.append(make_problem("ikm-tanggal-tidak-terbaca", value=value_of("tanggal"),
                                         **place("tanggal")))
    layanan = None
    if "layanan" in table.fields:
        layanan = clean_text(cell_text(value_of("layanan")))
    number = cell_text(value_of("no")) if "no" in table.fields else ""
    return Respondent(display, sheet.name, r + 1, answers, number, layanan, date, profile)


# Labels for renderers (kept here so the CLI needs no vocabulary import).
PROFILE_LABELS = {name: FIELD_LABELS[name] for name in PROFILE_FIELDS}
__all__ = ["PROFILE_LABELS", "IkmOptions", "ikm", "parse_weight"]
