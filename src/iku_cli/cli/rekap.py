"""`iku hitung` and `iku periksa`: the rekap count and its checks. Options, the pipeline,
the renderers, the exit code — no rules here."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from iku_cli.cli.app import app
from iku_cli.cli.common import (
    MORE,
    OPTIONS,
    OUTPUT,
    CheckFormat,
    ConfigOption,
    DebugOption,
    DecimalOption,
    ExcelOption,
    ExitCode,
    FormatOption,
    HelpOption,
    HiddenOption,
    KetatOption,
    Paths,
    SeparatorOption,
    TahunOption,
    VerboseOption,
    check_csv_options,
    consoles,
    csv_style,
    exit_code,
    fail,
    output_kind,
    percent_option,
    refuse_clobbering,
    run_guarded,
    say_nothing_to_count,
    say_written,
)
from iku_cli.cli.help import IkuCommand
from iku_cli.rekap.options import PeriodKind

if TYPE_CHECKING:
    from rich.console import Console

    from iku_cli.cli.config import Config
    from iku_cli.rekap.model import EarlierYear, Report, Result
    from iku_cli.rekap.vocab import Vocabulary
    from iku_cli.render.rekap.into_workbook import IntoPlan as Plan
    from iku_cli.runinfo import RunInfo

# -o writes what its extension says (suffix -> what is written)
HITUNG_OUTPUTS = {".xlsx": "ringkasan", ".docx": "draf LKjIP Bab III", ".csv": "CSV",
                  ".json": "JSON"}
PERIKSA_OUTPUTS = {".xlsx": "daftar masalah", ".csv": "CSV", ".json": "JSON"}


class Format(StrEnum):
    """What hitung writes on stdout."""

    tabel = "tabel"
    json = "json"
    csv = "csv"
    lkjip = "lkjip"
    lkjip_csv = "lkjip-csv"


class Per(StrEnum):
    """What the rows of hitung's table are."""

    unit = "unit"
    subdistrict = "kecamatan"


@dataclass(frozen=True)
class CsvStyle:
    separator: str = ","
    decimal: str = "."


@app.command("hitung", options_metavar="[OPSI]", add_help_option=False, cls=IkuCommand)
def hitung_command(
    ctx: typer.Context,
    paths: Paths,
    tahun: TahunOption = None,
    periode: Annotated[
        PeriodKind,
        typer.Option("--periode", metavar="PERIODE", case_sensitive=False,
                     rich_help_panel=OPTIONS,
                     help="Rincian per periode, dengan angka kumulatif sejak Januari."),
    ] = PeriodKind.YEAR,
    target: Annotated[
        str | None,
        typer.Option("--target", metavar="PERSEN", show_default=False,
                     rich_help_panel=OPTIONS,
                     help="Target Perjanjian Kinerja, mis. 90 atau 95,5; menghitung capaian."),
    ] = None,
    rincian: Annotated[
        str | None,
        typer.Option("--rincian", metavar="UNIT", show_default=False, rich_help_panel=OPTIONS,
                     help="Tampilkan setiap kegiatan yang dihitung untuk satu unit (mis. "
                     "Kesos): berkas, sheet, baris, tanggal, kegiatan, bukti, status."),
    ] = None,
    verbose: VerboseOption = False,
    format: Annotated[
        Format,
        typer.Option("-f", "--format", metavar="BENTUK", case_sensitive=False,
                     rich_help_panel=OUTPUT,
                     help="Bentuk keluaran di layar (json dan csv untuk skrip; lkjip: tabel "
                     "Pengukuran Kinerja LKjIP/e-SAKIP)."),
    ] = Format.tabel,
    keluaran: Annotated[
        Path | None,
        typer.Option("-o", "--keluaran", metavar="BERKAS",
                     help="Tulis juga ke berkas, menurut ekstensinya: .xlsx buku kerja "
                     "ringkasan untuk lampiran dan pemeriksaan; .docx draf LKjIP Bab III; "
                     ".csv; .json.", rich_help_panel=OUTPUT, dir_okay=False),
    ] = None,
    excel: ExcelOption = False,
    riwayat: Annotated[
        list[Path] | None,
        typer.Option("--riwayat", metavar="BERKAS.json", dir_okay=False, show_default=False,
                     help="Hasil `iku hitung --format json` tahun sebelumnya, untuk "
                     "perbandingan di LKjIP. Angka [riwayat] di iku.toml didahulukan.",
                     rich_help_panel=MORE),
    ] = None,
    ke: Annotated[
        Path | None,
        typer.Option("--ke", metavar="BERKAS.xlsx", dir_okay=False, show_default=False,
                     help="Tulis tabel Ringkasan ke sheet --sheet di buku kerja laporan yang "
                     "sudah ada; sheet lain tidak diubah. Ditolak bila ada isi yang akan "
                     "hilang (gambar, grafik, pivot...), kecuali dengan --paksa.",
                     rich_help_panel=MORE),
    ] = None,
    sheet: Annotated[
        str,
        typer.Option("--sheet", metavar="NAMA", rich_help_panel=MORE,
                     help="Nama sheet untuk --ke (dibuat, atau diganti bila sudah ada)."),
    ] = "IKU",
    paksa: Annotated[
        bool,
        typer.Option("--paksa", metavar="", rich_help_panel=MORE,
                     help="Dengan --ke: tetap tulis walau ada isi yang akan hilang; salinan "
                     "cadangan berkas itu dibuat dulu."),
    ] = False,
    per: Annotated[
        Per,
        typer.Option("--per", metavar="BARIS", case_sensitive=False, rich_help_panel=MORE,
                     help="Baris tabel: per unit kerja, atau per kecamatan (rekap kabupaten "
                     "dari spreadsheet; dari hasil kecamatan: iku gabung)."),
    ] = Per.unit,
    config: ConfigOption = None,
    ketat: KetatOption = False,
    sertakan_tersembunyi: HiddenOption = False,
    pemisah: SeparatorOption = ",",
    desimal: DecimalOption = None,
    debug: DebugOption = False,
    help_: HelpOption = False,
) -> None:
    """Hitung IKU per unit kerja dan total dari rekap seksi/subbagian.

    Membaca setiap sheet dari setiap berkas, mencari tabel di bawah judul, memeriksa bukti
    dukung dan status tindak lanjut baris demi baris, lalu menghitung: ditindaklanjuti /
    jumlah kegiatan berbukti × 100%, per unit dan total.

    Contoh:
        iku hitung masuk/
        iku hitung masuk/ --periode triwulan --target 90
        iku hitung masuk/ --rincian Kesos
        iku hitung masuk/ -o ringkasan_2026.xlsx
        iku hitung masuk/ -o laporan_lkjip.docx
        iku hitung masuk/ -f csv --excel > iku_2026.csv

    Kode keluar: 0 terhitung tanpa galat · 1 ada galat, berkas tak terbaca, atau peringatan
    dengan --ketat · 2 salah pemakaian atau iku.toml tidak valid · 3 tidak ada yang bisa
    dihitung · 4 kesalahan iku sendiri.
    """
    pemisah, desimal = csv_style(pemisah, desimal, excel)
    if paksa and ke is None:
        fail("--paksa hanya berlaku bersama --ke LAPORAN.xlsx", ExitCode.USAGE)
    if ke is not None and keluaran is not None and ke.resolve() == keluaran.resolve():
        fail("--ke dan -o tidak boleh berkas yang sama", ExitCode.USAGE)
    target_percent = percent_option("--target", target)
    output = output_kind(keluaran, HITUNG_OUTPUTS)
    refuse_clobbering(keluaran, paths)
    refuse_clobbering(ke, paths, "--ke")
    style = CsvStyle(pemisah, desimal)
    if rincian is not None and format is not Format.tabel:
        fail("--rincian menampilkan tabel di layar; untuk skrip pakai -o ringkasan.xlsx "
             "(sheet Rincian)", ExitCode.USAGE)

    def body() -> None:
        from iku_cli.inputs import prefetch

        prefetch.start(paths)  # (a big workbook unpacks while the rest is imported)
        import datetime as dt

        from iku_cli.cli.config import find_config, rekap_options
        from iku_cli.rekap.core import hitung
        from iku_cli.render.common.progress import reading_progress
        from iku_cli.render.rekap import terminal
        from iku_cli.runinfo import RunInfo

        started = dt.datetime.now().astimezone()
        out, err = consoles()
        settings = find_config(config)
        options = rekap_options(
            settings, include_hidden=sertakan_tersembunyi, year=tahun, target=target_percent,
            period=periode, per_subdistrict=per is Per.subdistrict,
        )
        options.history = (*options.history, *_history_files(riwayat or []))
        plan = _report_plan(ke, sheet, paksa)  # before counting: a refusal comes at once
        with reading_progress() as progress:  # on a terminal only, for many/big files
            result = hitung(paths, options, progress)
        if not result.activity_rows:  # the skipped sheets say why when no table was found
            terminal.print_hitung_summary(result, err, verbose or not result.tables_found, paths)
            say_nothing_to_count(err, result.sources, result.activity_rows, "kegiatan")
            raise typer.Exit(ExitCode.NOTHING)
        run = RunInfo(argv=tuple(sys.argv), started_at=started, config=settings.path,
                      options=_given_options(ctx))
        result.made_at = started.isoformat(timespec="seconds")
        if keluaran is not None and output is not None:
            _write_hitung_output(result, keluaran, output, run, style, settings)
        backup = _write_into_report(plan, result, run)
        details = _unit_details(result, rincian, options.vocab)
        _print_hitung(result, format, out, options.vocab, style)
        if details is not None:
            out.print(terminal.unit_details(result, details))
        terminal.print_hitung_summary(result, err, verbose, paths)
        if keluaran is not None and output is not None:
            say_written(err, keluaran, HITUNG_OUTPUTS[output])
        if plan is not None:
            saved = f" (cadangan: {backup})" if backup else ""
            err.print(f"Tabel Ringkasan ditulis ke sheet {plan.sheet} di {plan.path}{saved}",
                      markup=False, highlight=False)
        raise typer.Exit(exit_code(result, ketat, result.activity_rows))

    run_guarded(debug, body)


def _unit_details(result: Result, wanted: str | None, vocab: Vocabulary) -> str | None:
    """--rincian UNIT: the unit of the result it names (full name, short name or a spelling
    the vocabulary knows); a usage error naming the units there are."""
    if wanted is None:
        return None
    from iku_cli.rekap.match import match_unit_name
    from iku_cli.text import text_key

    names = [unit.unit for unit in result.units]
    known = match_unit_name(wanted, vocab)
    for name in names:
        if name == known or text_key(name) == text_key(wanted):
            return name
    fail(f"--rincian {wanted}: unit itu tidak ada di hasil ini; unit yang ada: "
         f"{', '.join(names)}", ExitCode.USAGE)


def _given_options(ctx: typer.Context) -> dict[str, object]:
    """Every option of the command as given (for the Sumber sheet's audit trail)."""
    return {max(p.opts, key=len): ctx.params.get(p.name or "") for p in ctx.command.params
            if p.expose_value and p.opts}


def _report_plan(ke: Path | None, sheet: str, paksa: bool) -> Plan | None:
    """--ke: the office's report workbook checked before anything is counted."""
    if ke is None:
        return None
    from iku_cli.render.rekap.into_workbook import check_into

    return check_into(ke, sheet, force=paksa)


def _write_into_report(plan: Plan | None, result: Result, run: RunInfo) -> Path | None:
    if plan is None:
        return None
    from iku_cli.render.rekap.into_workbook import write_into

    return write_into(plan, result, run)


def _history_files(paths: list[Path]) -> list[EarlierYear]:
    """--riwayat: earlier results, each naming its year."""
    from iku_cli.inputs.results import read_result
    from iku_cli.rekap.history import from_result_json

    entries: list[EarlierYear] = []
    for path in paths:
        data = read_result(path)
        if not isinstance(data.get("tahun"), int):
            fail(f"--riwayat {path}: hasil ini tidak menyebut tahunnya (\"tahun\": null); buat "
                 "ulang dengan --tahun YYYY", ExitCode.USAGE)
        entries += from_result_json(data, path.name)
    return entries


def _write_hitung_output(result: Result, path: Path, output: str, run: RunInfo,
                         csv_style: CsvStyle, settings: Config) -> None:
    from iku_cli.atomic import write_text_atomically
    from iku_cli.render.rekap import tabular

    if output == ".xlsx":
        from iku_cli.render.rekap.workbook import write_summary

        write_summary(result, path, run, settings.signatory)
    elif output == ".docx":
        from iku_cli.render.rekap.lkjip_report import write_lkjip_report

        write_lkjip_report(result, path, settings.lkjip, settings.signatory,
                           run.started_at.date())
    elif output == ".csv":
        write_text_atomically(path, tabular.result_csv(result, csv_style.separator,
                                                       csv_style.decimal))
    else:
        write_text_atomically(path, tabular.result_json(result))


def _print_hitung(result: Result, format: Format, out: Console, vocab: Vocabulary,
                  csv_style: CsvStyle) -> None:
    """The result on stdout, in the format asked for."""
    from iku_cli.render.rekap import tabular, terminal

    if format is Format.json:
        sys.stdout.write(tabular.result_json(result))
    elif format is Format.csv:
        sys.stdout.write(tabular.result_csv(result, csv_style.separator, csv_style.decimal))
    elif format is Format.lkjip_csv:
        sys.stdout.write(tabular.lkjip_csv(result, csv_style.separator, csv_style.decimal))
    elif format is Format.lkjip:
        table, notes = terminal.lkjip_table(result)
        out.print(table)
        out.print(notes)
    else:
        out.print(terminal.main_table(result, vocab, out.width))
        line = terminal.achievement_line(result)
        if line is not None:
            out.print(line)
        note = result.undated_note()
        if note is not None:
            out.print(note, style="dim", markup=False, highlight=False)


@app.command("periksa", options_metavar="[OPSI]", add_help_option=False, cls=IkuCommand)
def periksa_command(
    paths: Paths,
    tahun: TahunOption = None,
    verbose: VerboseOption = False,
    format: FormatOption = CheckFormat.tabel,
    keluaran: Annotated[
        Path | None,
        typer.Option("-o", "--keluaran", metavar="BERKAS",
                     help="Tulis daftar masalah untuk dikembalikan ke seksi: .xlsx (satu sheet "
                     "per unit, galat dulu), .csv, .json.",
                     rich_help_panel=OUTPUT, dir_okay=False),
    ] = None,
    config: ConfigOption = None,
    ketat: KetatOption = False,
    sertakan_tersembunyi: HiddenOption = False,
    pemisah: SeparatorOption = ",",
    debug: DebugOption = False,
    help_: HelpOption = False,
) -> None:
    """Periksa rekap saja: setiap masalah, di mana, dan apa yang harus diperbaiki.

    Membaca persis seperti iku hitung dan menampilkan setiap masalah per berkas dan sheet
    (galat dulu), dengan sel seperti yang tampak di Excel, dan untuk unit mana setiap sheet
    dihitung.

    Contoh:
        iku periksa masuk/
        iku periksa masuk/ -o masalah.xlsx
        iku periksa rekap_kesos.xlsx -v

    Kode keluar: 0 tanpa galat · 1 ada galat (atau peringatan dengan --ketat) · 3 tidak ada
    yang terbaca.
    """
    check_csv_options(pemisah, ".")
    output = output_kind(keluaran, PERIKSA_OUTPUTS)
    refuse_clobbering(keluaran, paths)

    def body() -> None:
        from iku_cli.inputs import prefetch

        prefetch.start(paths)  # (a big workbook unpacks while the rest is imported)
        from iku_cli.cli.config import find_config, rekap_options
        from iku_cli.rekap.core import periksa
        from iku_cli.render.common.progress import reading_progress
        from iku_cli.render.rekap import checks

        out, err = consoles()
        settings = find_config(config)
        options = rekap_options(settings, include_hidden=sertakan_tersembunyi, year=tahun)
        with reading_progress() as progress:
            report = periksa(paths, options, progress)
        if keluaran is not None and output is not None:
            _write_periksa_output(report, keluaran, output, options.vocab, pemisah, verbose)
        _print_periksa(report, format, out, verbose, pemisah)
        checks.print_file_summaries(report, err)
        if not report.activity_rows:
            say_nothing_to_count(err, report.sources, report.activity_rows, "kegiatan")
        if keluaran is not None and output is not None:
            say_written(err, keluaran, PERIKSA_OUTPUTS[output])
        raise typer.Exit(exit_code(report, ketat, report.activity_rows))

    run_guarded(debug, body)


def _write_periksa_output(report: Report, path: Path, output: str, vocab: Vocabulary,
                          separator: str, verbose: bool) -> None:
    from iku_cli.atomic import write_text_atomically
    from iku_cli.render.rekap import checks, tabular

    if output == ".xlsx":
        from iku_cli.render.rekap.workbook import write_problem_workbook

        write_problem_workbook(report.problems, checks.units_by_sheet(report, vocab), path,
                               with_info=verbose)
    elif output == ".csv":
        write_text_atomically(path, tabular.problems_csv(
            [problem.to_dict() for problem in report.problems], separator))
    else:
        write_text_atomically(path, tabular.to_json(report.to_dict()))


def _print_periksa(report: Report, format: CheckFormat, out: Console, verbose: bool,
                   separator: str) -> None:
    from iku_cli.render.rekap import checks, tabular

    if format is CheckFormat.json:
        sys.stdout.write(tabular.to_json(report.to_dict()))
    elif format is CheckFormat.csv:
        rows = [problem.to_dict() for problem in report.problems]
        sys.stdout.write(tabular.problems_csv(rows, separator))
    else:
        checks.print_report(report, out, verbose)
