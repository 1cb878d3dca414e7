"""The IKM pipeline: files -> raw sheets -> survey tables -> respondents -> result.

Reads only through :mod:`iku_cli.inputs.read` (so every file-safety check of ``iku hitung`` applies)
and never prints or exits: unreadable inputs and doubtful cells become problems.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from iku_cli.ikm import compute
from iku_cli.ikm.locate import SurveyTable, locate_survey
from iku_cli.ikm.model import EarlierIkm, IkmResult, Respondent, SampleCheck, ikm_trend
from iku_cli.ikm.normalize import BLANK, INVALID, answer_of, category_of
from iku_cli.ikm.vocab import (
    DEFAULT_ORDER,
    DEFAULT_WEIGHT,
    FIELD_LABELS,
    ORDERS,
    PRIORITY_COUNT,
    PROFILE_FIELDS,
    WEIGHTS,
)
from iku_cli.inputs.cells import cell_at, cell_text, column_letter
from iku_cli.inputs.dates import DateIssue, parse_date
from iku_cli.inputs.find import find_inputs
from iku_cli.inputs.gate import Reading, TableWords, admit, read_file
from iku_cli.inputs.lines import kecamatan_in, year_in
from iku_cli.inputs.read import RawSheet, add_same_content
from iku_cli.inputs.sources import RUN_PLACE, FileSource, SheetSource, order_problems
from iku_cli.limits import DEFAULT_LIMITS, Limits
from iku_cli.problems import Code, Problem, make_problem
from iku_cli.text import clean_text

WORDS = TableWords(
    hidden_code=Code.IKM_HIDDEN_SHEET_SKIPPED,
    hidden_without_table="sheet tersembunyi tanpa tabel survei",
    partial="unsur tidak lengkap",
)
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
    history: tuple[EarlierIkm, ...] = ()  # [ikm.riwayat]: earlier surveys' IKM


@dataclass
class IkmRun(Reading):
    """What reading the survey sheets gathered."""

    respondents: list[Respondent] = field(default_factory=list)
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
    found = find_inputs(paths)
    run = IkmRun(problems=list(found.problems), complete=found.complete)
    for item in found.files:
        read_file(run, item, options.limits,
                  lambda source, sheet: _read_sheet(run, source, sheet, options))
    add_same_content(run.sources, found)

    bobot = WEIGHTS[options.bobot]
    respondents = run.respondents
    scores = compute.unsur_scores(respondents, order.names, bobot)
    index = compute.index_of(scores, len(respondents))
    if run.tables and not respondents:
        run.problems.append(make_problem(Code.IKM_NO_RESPONDENTS, file=RUN_PLACE))
    sample = None
    if options.populasi is not None:
        minimum = compute.krejcie_morgan(options.populasi)
        sample = SampleCheck(options.populasi, minimum, len(respondents))
        code = Code.IKM_SAMPLE_ENOUGH if sample.enough else Code.IKM_SAMPLE_SHORT
        run.problems.append(make_problem(
            code, file=RUN_PLACE, n=len(respondents), minimum=minimum,
            populasi=options.populasi, short=minimum - len(respondents),
        ))
    dates = sorted(r.date for r in respondents if r.date is not None)
    tahun = year_in(run.title_lines) or (
        dates[0].year if dates and dates[0].year == dates[-1].year else None
    ) or options.tahun
    for entry in options.history:
        if tahun is not None and entry.year >= tahun:
            run.problems.append(make_problem(Code.HISTORY_NOT_EARLIER, file=RUN_PLACE,
                                             value=entry.source, year=entry.year, counted=tahun))
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
        complete=run.complete,
        tables=run.tables,
        kecamatan=options.kecamatan or kecamatan_in(run.title_lines),
        tahun=tahun,
        periode=(dates[0], dates[-1]) if dates else None,
        sample=sample,
        history=ikm_trend(options.history, tahun, index),
    )


def _read_sheet(run: IkmRun, source: FileSource, sheet: RawSheet, options: IkmOptions) -> None:
    display, name = source.display, sheet.name or None
    located = admit(run, source, sheet, lambda s: locate_survey(s, display, options.urutan),
                    words=WORDS, include_hidden=options.include_hidden, limits=options.limits,
                    no_table=lambda _: NO_TABLE_DETAIL,
                    rows_read=lambda found: {r + 1 for t in found.tables for r in t.rows})
    if located is None:
        return
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
        run.problems.append(make_problem(Code.IKM_SAME_SHEET, file=display, sheet=name,
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
                code = Code.IKM_NO_ANSWER if answer == BLANK else Code.IKM_INVALID_ANSWER
                bad.append(make_problem(
                    code, file=display, sheet=name, row=excel_row, column=column.label,
                    value=None if answer == BLANK else value, unsur=unsur,
                    cell=f"{column_letter(column.index)}{excel_row}",
                ))
            answers.append(answer)
        if len(bad) == len(table.answers) and all(p.code == Code.IKM_NO_ANSWER for p in bad):
            problems.append(make_problem(Code.IKM_NO_ANSWERS, file=display, sheet=name,
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

    def place(field_name: str) -> dict[str, Any]:
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
            problems.append(make_problem(Code.IKM_UNKNOWN_PROFILE, value=value,
                                         label=FIELD_LABELS[field_name], **place(field_name)))
    date = None
    if "tanggal" in table.fields:
        parsed = parse_date(value_of("tanggal"), year)
        date = parsed.date
        if date is None and parsed.issue is not DateIssue.BLANK:
            problems.append(make_problem(Code.IKM_UNREADABLE_DATE, value=value_of("tanggal"),
                                         **place("tanggal")))
    layanan = None
    if "layanan" in table.fields:
        layanan = clean_text(cell_text(value_of("layanan")))
    number = cell_text(value_of("no")) if "no" in table.fields else ""
    return Respondent(display, sheet.name, r + 1, answers, number, layanan, date, profile)


# Labels for renderers (kept here so the CLI needs no vocabulary import).
PROFILE_LABELS = {name: FIELD_LABELS[name] for name in PROFILE_FIELDS}
__all__ = ["PROFILE_LABELS", "IkmOptions", "ikm", "parse_weight"]
