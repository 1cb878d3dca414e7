"""The `iku` command line: parse options, call the core, render, map outcomes to exit codes.

No rules and no counting here. Heavy modules (pandas, openpyxl, calamine) are imported inside
the commands, so `iku --help` starts fast.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from . import __version__
from .cli_errors import localise_usage_errors
from .vocab import Unit, Vocabulary

if TYPE_CHECKING:
    from rich.console import Console

    from .ikm.model import IkmResult
    from .model import Report, Result
    from .runinfo import RunInfo

# Exit codes (README, "Exit codes").
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_NOTHING, EXIT_INTERNAL = 0, 1, 2, 3, 4

OPTIONS = "Opsi"
OUTPUT = "Keluaran"
ARGUMENTS = "Argumen"


def _localise_help() -> None:
    """Typer's own help labels in Indonesian (the texts are module constants)."""
    from typer import rich_utils

    rich_utils.OPTIONS_PANEL_TITLE = OPTIONS
    rich_utils.ARGUMENTS_PANEL_TITLE = ARGUMENTS
    rich_utils.COMMANDS_PANEL_TITLE = "Perintah"
    rich_utils.ERRORS_PANEL_TITLE = "Galat"
    rich_utils.DEFAULT_STRING = "[bawaan: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[wajib]"
    rich_utils.RICH_HELP = "Coba [blue]'{command_path} {help_option}'[/] untuk bantuan."
    rich_utils.ABORTED_TEXT = "Dibatalkan."
    localise_usage_errors()


_localise_help()


app = typer.Typer(
    name="iku",
    help=(
        "Hitung IKU kecamatan **Persentase hasil Fasilitas dan Koordinasi yang "
        "ditindaklanjuti** dari rekap Excel/ODS/CSV seksi dan subbagian.\n\n"
        "Contoh: `iku hitung rekap_2026.xlsx` · `iku hitung masuk/ --format json` · "
        "`iku periksa masuk/` · `iku templat -o rekap_2026.xlsx`"
    ),
    add_completion=False,
    add_help_option=False,  # our own -h/--help, with an Indonesian help text
    no_args_is_help=True,
    rich_markup_mode="markdown",
    options_metavar="[OPSI]",
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    tabel = "tabel"
    json = "json"
    csv = "csv"
    lkjip = "lkjip"
    lkjip_csv = "lkjip-csv"


class CheckFormat(StrEnum):
    tabel = "tabel"
    json = "json"
    csv = "csv"


class Period(StrEnum):
    tahun = "tahun"
    semester = "semester"
    triwulan = "triwulan"
    bulan = "bulan"


class Per(StrEnum):
    unit = "unit"
    kecamatan = "kecamatan"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"iku {__version__}")
        raise typer.Exit()


def _help(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        typer.echo(ctx.get_help())
        raise typer.Exit()


HelpOption = Annotated[
    bool,
    typer.Option("-h", "--help", help="Tampilkan bantuan ini lalu keluar.", is_eager=True,
                 expose_value=False, callback=_help, metavar="", rich_help_panel=OPTIONS),
]


@app.callback(add_help_option=False, options_metavar="[OPSI]")
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, metavar="",
                     help="Tampilkan versi iku lalu keluar.", rich_help_panel=OPTIONS),
    ] = False,
    help_: HelpOption = False,
) -> None:
    """Hitung IKU kecamatan dari rekap seksi dan subbagian."""


# --- shared option types ---------------------------------------------------------------------

Paths = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH",
        help="Berkas .xlsx/.xlsm/.xls/.ods/.csv, folder (beserta subfolder), atau pola seperti "
        "masuk/*.xlsx.",
        show_default=False,
        rich_help_panel=ARGUMENTS,
    ),
]
FormatOption = Annotated[
    CheckFormat,
    typer.Option("-f", "--format", help="Bentuk keluaran di stdout: tabel, json, atau csv.",
                 rich_help_panel=OUTPUT),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", metavar="FILE", dir_okay=False, show_default=False,
                 help="Berkas pengaturan. Bawaan: iku.toml di folder ini bila ada.",
                 rich_help_panel=OPTIONS),
]
KetatOption = Annotated[
    bool,
    typer.Option("--ketat", metavar="", help="Peringatan juga membuat kode keluar 1.",
                 rich_help_panel=OPTIONS),
]
VerboseOption = Annotated[
    bool,
    typer.Option("-v", "--verbose", metavar="", help="Tampilkan juga masalah tingkat info.",
                 rich_help_panel=OPTIONS),
]
DebugOption = Annotated[
    bool,
    typer.Option("--debug", metavar="", rich_help_panel=OPTIONS,
                 help="Tampilkan traceback bila terjadi kesalahan tak terduga."),
]
HiddenOption = Annotated[
    bool,
    typer.Option("--sertakan-tersembunyi", metavar="",
                 help="Baca juga sheet yang disembunyikan (Hidden) di Excel.",
                 rich_help_panel=OPTIONS),
]
TahunOption = Annotated[
    int | None,
    typer.Option("--tahun", metavar="YYYY", min=1990, max=2100, show_default=False,
                 help="Hitung hanya kegiatan bertanggal di tahun ini (yang tanpa tanggal tetap "
                 "dihitung); juga tahun untuk tanggal yang ditulis tanpa tahun.",
                 rich_help_panel=OPTIONS),
]
SeparatorOption = Annotated[
    str,
    typer.Option("--pemisah", help="Pemisah kolom CSV; ';' untuk Excel berbahasa Indonesia.",
                 rich_help_panel=OUTPUT),
]
DecimalOption = Annotated[
    str,
    typer.Option("--desimal", help="Tanda desimal di CSV: '.' atau ','.",
                 rich_help_panel=OUTPUT),
]


# --- helpers -----------------------------------------------------------------------------------


def _consoles() -> tuple[Console, Console]:
    """stdout for data, stderr for people; colour follows the terminal and NO_COLOR."""
    from rich.console import Console

    # piped output: 100 columns unless COLUMNS says otherwise (rich reads COLUMNS itself)
    width = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 100
    # messages are not wrapped when they go to a file or pipe: one problem, one line
    return (
        Console(file=sys.stdout, width=width),
        Console(stderr=True, soft_wrap=not sys.stderr.isatty()),
    )


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"iku: {message}", err=True)
    raise typer.Exit(code)


def _check_csv_options(separator: str, decimal: str) -> None:
    if len(separator) != 1:
        _fail(f"--pemisah harus satu karakter, bukan {separator!r}", EXIT_USAGE)
    if decimal not in (".", ","):
        _fail(f"--desimal harus '.' atau ',', bukan {decimal!r}", EXIT_USAGE)
    if separator == decimal:
        _fail("--pemisah dan --desimal tidak boleh sama", EXIT_USAGE)


# -o writes what its extension says (per command: suffix -> what is written)
HITUNG_OUTPUTS = {".xlsx": "ringkasan", ".csv": "CSV", ".json": "JSON"}
PERIKSA_OUTPUTS = {".xlsx": "daftar masalah", ".csv": "CSV", ".json": "JSON"}
TEMPLAT_OUTPUTS = {".xlsx": "buku kerja templat"}


def _output_kind(path: Path | None, allowed: dict[str, str]) -> str | None:
    """The format -o writes, by the file's extension; a usage error naming what is allowed."""
    if path is None:
        return None
    suffix = path.suffix.lower()
    if suffix not in allowed:
        shown = ", ".join(f"{key} ({what})" for key, what in allowed.items())
        _fail(f"-o {path}: jenis berkas ditentukan dari ekstensinya; yang bisa ditulis: {shown}",
              EXIT_USAGE)
    return suffix


def _written(console: Console, path: Path, what: str) -> None:
    console.print(f"{what[0].upper()}{what[1:]} ditulis ke {path}", markup=False,
                  highlight=False)


def _percent_option(name: str, value: str | None) -> float | None:
    from .config import parse_percent

    if value is None:
        return None
    try:
        return parse_percent(value)
    except ValueError as error:
        _fail(f"{name}: {error}", EXIT_USAGE)


def _exit_code(outcome: Result | Report | IkmResult, ketat: bool, rows: int) -> int:
    """0 counted cleanly; 1 galat, input unread, or (--ketat) warnings; 3 no row at all."""
    counts = outcome.counts_by_severity
    if not rows:
        return EXIT_NOTHING
    if counts["galat"] or not outcome.lengkap or (ketat and counts["peringatan"]):
        return EXIT_PROBLEMS
    return EXIT_OK


def _main_table(result: Result, vocab: Vocabulary) -> object:
    """Per kecamatan, per period (units × periods), or the plain per-unit table."""
    from .render import terminal

    if result.per_kecamatan:
        return terminal.kecamatan_table(result)
    if result.periode:
        return terminal.period_table(result, {u.name: u.short for u in vocab.units})
    return terminal.result_table(result)


def _say_nothing_to_count(console: Console, outcome: Result | Report) -> None:
    from .model import why_nothing_to_count

    reason = why_nothing_to_count(outcome.sources, outcome.activity_rows, "kegiatan")
    if reason:
        console.print(reason, style="bold red", markup=False, highlight=False)


def _run_guarded(debug: bool, body: Callable[[], None]) -> None:
    """Turn an unexpected exception into one line (or its traceback with --debug)."""
    from .problems import IkuError

    try:
        body()
    except typer.Exit:
        raise
    except IkuError as error:
        _fail(str(error), error.exit_code)
    except KeyboardInterrupt:
        _fail("dibatalkan", 130)
    except Exception as error:  # the last line of defence: never a bare traceback
        if debug or os.environ.get("IKU_DEBUG"):
            traceback.print_exc()
        _fail(
            f"kesalahan tak terduga ({type(error).__name__}: {error}). Ini bug iku: jalankan "
            "ulang dengan --debug dan kirimkan keluarannya ke pengembang.",
            EXIT_INTERNAL,
        )


# --- commands --------------------------------------------------------------------------------


@app.command("hitung", options_metavar="[OPSI]", add_help_option=False)
def hitung_command(
    ctx: typer.Context,
    paths: Paths,
    format: Annotated[
        Format,
        typer.Option("-f", "--format", rich_help_panel=OUTPUT,
                     help="Bentuk keluaran di stdout: tabel, json, csv, lkjip (tabel "
                     "Pengukuran Kinerja LKjIP/e-SAKIP) atau lkjip-csv."),
    ] = Format.tabel,
    keluaran: Annotated[
        Path | None,
        typer.Option("-o", "--keluaran", metavar="FILE.xlsx",
                     help="Tulis juga buku kerja ringkasan untuk lampiran dan pemeriksaan "
                     "(Ringkasan, Pengukuran Kinerja, Per Periode, Bukti, Rincian, Tidak "
                     "Dihitung, Masalah, Sumber).", rich_help_panel=OUTPUT, dir_okay=False),
    ] = None,
    ke: Annotated[
        Path | None,
        typer.Option("--ke", metavar="LAPORAN.xlsx", dir_okay=False, show_default=False,
                     help="Tulis tabel Ringkasan ke sheet --sheet di buku kerja laporan yang "
                     "sudah ada (.xlsx/.xlsm); sheet lain tidak diubah. Ditolak bila ada isi "
                     "yang akan hilang (gambar, grafik, pivot, ...), kecuali dengan --paksa.",
                     rich_help_panel=OUTPUT),
    ] = None,
    sheet: Annotated[
        str,
        typer.Option("--sheet", metavar="NAMA", rich_help_panel=OUTPUT,
                     help="Nama sheet untuk --ke (dibuat, atau diganti bila sudah ada)."),
    ] = "IKU",
    paksa: Annotated[
        bool,
        typer.Option("--paksa", metavar="", rich_help_panel=OUTPUT,
                     help="Dengan --ke: tetap tulis walau ada isi yang akan hilang; salinan "
                     "cadangan LAPORAN.backup-YYYYMMDD-HHMMSS.xlsx dibuat dulu."),
    ] = False,
    tahun: TahunOption = None,
    periode: Annotated[
        Period,
        typer.Option("--periode", rich_help_panel=OPTIONS,
                     help="Rincian per periode, dengan kolom kumulatif sejak Januari."),
    ] = Period.tahun,
    target: Annotated[
        str | None,
        typer.Option("--target", metavar="PERSEN", show_default=False,
                     rich_help_panel=OPTIONS,
                     help="Target Perjanjian Kinerja dalam persen (90, 95,5 atau 95%); "
                     "menghitung capaian."),
    ] = None,
    per: Annotated[
        Per,
        typer.Option("--per", rich_help_panel=OPTIONS,
                     help="Baris tabel: per unit kerja, atau per kecamatan (rekap kabupaten)."),
    ] = Per.unit,
    config: ConfigOption = None,
    ketat: KetatOption = False,
    verbose: VerboseOption = False,
    sertakan_tersembunyi: HiddenOption = False,
    pemisah: SeparatorOption = ",",
    desimal: DecimalOption = ".",
    debug: DebugOption = False,
    help_: HelpOption = False,
) -> None:
    """Hitung IKU per unit kerja dan total dari rekap seksi/subbagian.

    Membaca setiap sheet dari setiap berkas (juga folder dan pola), mencari tabel di bawah
    judul, memeriksa bukti dukung dan status tindak lanjut baris demi baris, lalu menghitung
    **ditindaklanjuti / jumlah kegiatan berbukti × 100%** per unit dan total.

    Contoh: `iku hitung rekap_2026.xlsx` · `iku hitung masuk/ -f json > iku.json` ·
    `iku hitung masuk/ --periode triwulan --target 90` · `iku hitung masuk/ -f lkjip` ·
    `iku hitung kabupaten/ --per kecamatan` ·
    `iku hitung masuk/ -o ringkasan.xlsx --ke laporan_tw1.xlsx` ·
    `iku hitung masuk/*.xlsx -f csv --pemisah ";" --desimal ","`

    Kode keluar: 0 terhitung tanpa galat · 1 ada galat, input tak terbaca, atau peringatan
    dengan --ketat · 2 salah pemakaian atau iku.toml tidak valid · 3 tidak ada yang bisa
    dihitung · 4 bug iku.
    """
    _check_csv_options(pemisah, desimal)
    if paksa and ke is None:
        _fail("--paksa hanya berlaku bersama --ke LAPORAN.xlsx", EXIT_USAGE)
    if ke is not None and keluaran is not None and ke.resolve() == keluaran.resolve():
        _fail("--ke dan -o tidak boleh berkas yang sama", EXIT_USAGE)
    target_percent = _percent_option("--target", target)
    output = _output_kind(keluaran, HITUNG_OUTPUTS)

    def body() -> None:
        import datetime as dt

        from .config import find_config
        from .core import Options, hitung
        from .render import tabular, terminal
        from .runinfo import RunInfo

        started = dt.datetime.now().astimezone()
        out, err = _consoles()
        settings = find_config(config)
        options = Options.from_config(
            settings, include_hidden=sertakan_tersembunyi, tahun=tahun, target=target_percent,
            periode=str(periode), per_kecamatan=per is Per.kecamatan,
        )
        plan = None
        if ke is not None:  # checked before counting: a refusal comes at once, nothing written
            from .render.into_workbook import check_into

            plan = check_into(ke, sheet, force=paksa)
        from .render.progress import reading_progress

        with reading_progress() as progress:  # on a terminal only, for many/big files
            result = hitung(paths, options, progress)
        run = RunInfo(argv=tuple(sys.argv), started_at=started, config=settings.path, options={
            max(p.opts, key=len): ctx.params.get(p.name) for p in ctx.command.params
            if p.expose_value and p.opts
        })
        if not result.activity_rows:  # the skipped sheets say why when no table was found
            terminal.print_hitung_summary(result, err, verbose or not result.tables_found, paths)
            _say_nothing_to_count(err, result)
            raise typer.Exit(EXIT_NOTHING)
        if keluaran is not None:
            _write_hitung_output(result, keluaran, output, run, pemisah, desimal)
        backup = None
        if plan is not None:
            from .render.into_workbook import write_into

            backup = write_into(plan, result, run)
        if format is Format.json:
            sys.stdout.write(tabular.result_json(result))
        elif format is Format.csv:
            sys.stdout.write(tabular.result_csv(result, pemisah, desimal))
        elif format is Format.lkjip_csv:
            sys.stdout.write(tabular.lkjip_csv(result, pemisah, desimal))
        elif format is Format.lkjip:
            table, notes = terminal.lkjip_table(result)
            out.print(table)
            out.print(notes)
        else:
            out.print(_main_table(result, options.vocab))
            line = terminal.achievement_line(result)
            if line is not None:
                out.print(line)
            note = result.undated_note()
            if note is not None:
                out.print(note, style="dim", markup=False, highlight=False)
        terminal.print_hitung_summary(result, err, verbose, paths)
        if keluaran is not None and output is not None:
            _written(err, keluaran, HITUNG_OUTPUTS[output])
        if plan is not None:
            saved = f" (cadangan: {backup})" if backup else ""
            err.print(f"Tabel Ringkasan ditulis ke sheet {plan.sheet} di {plan.path}{saved}",
                      markup=False, highlight=False)
        raise typer.Exit(_exit_code(result, ketat, result.activity_rows))

    _run_guarded(debug, body)


def _write_hitung_output(result: Result, path: Path, output: str | None, run: RunInfo,
                         separator: str, decimal: str) -> None:
    from .atomic import write_text_atomically
    from .render import tabular

    if output == ".xlsx":
        from .render.workbook import write_summary

        write_summary(result, path, run)
    elif output == ".csv":
        write_text_atomically(path, tabular.result_csv(result, separator, decimal))
    else:
        write_text_atomically(path, tabular.result_json(result))


@app.command("periksa", options_metavar="[OPSI]", add_help_option=False)
def periksa_command(
    paths: Paths,
    format: FormatOption = CheckFormat.tabel,
    keluaran: Annotated[
        Path | None,
        typer.Option("-o", "--keluaran", metavar="FILE.xlsx",
                     help="Tulis daftar masalah ke buku kerja (satu sheet per unit).",
                     rich_help_panel=OUTPUT, dir_okay=False),
    ] = None,
    tahun: TahunOption = None,
    config: ConfigOption = None,
    ketat: KetatOption = False,
    verbose: VerboseOption = False,
    sertakan_tersembunyi: HiddenOption = False,
    pemisah: SeparatorOption = ",",
    debug: DebugOption = False,
    help_: HelpOption = False,
) -> None:
    """Periksa rekap saja: setiap masalah, di mana, dan apa yang harus diperbaiki.

    Membaca persis seperti `iku hitung` dan menampilkan setiap masalah per berkas dan sheet
    (galat dulu), dengan nomor baris seperti yang tampak di Excel.

    Contoh: `iku periksa masuk/` · `iku periksa rekap.xlsx -o masalah.xlsx`

    Kode keluar: 0 tanpa galat · 1 ada galat (atau peringatan dengan --ketat) · 3 tidak ada
    yang terbaca.
    """
    _check_csv_options(pemisah, ".")
    output = _output_kind(keluaran, PERIKSA_OUTPUTS)

    def body() -> None:
        from .config import find_config
        from .core import Options, periksa
        from .render import checks, tabular

        out, err = _consoles()
        settings = find_config(config)
        options = Options.from_config(settings, include_hidden=sertakan_tersembunyi, tahun=tahun)
        from .render.progress import reading_progress

        with reading_progress() as progress:
            report = periksa(paths, options, progress)
        chosen = format
        if keluaran is not None:
            from .atomic import write_text_atomically

            if output == ".xlsx":
                from .render.workbook import write_problem_workbook

                write_problem_workbook(
                    report.problems, checks.units_by_sheet(report, options.vocab), keluaran
                )
            elif output == ".csv":
                write_text_atomically(keluaran, tabular.problems_csv(
                    [problem.to_dict() for problem in report.problems], pemisah))
            else:
                write_text_atomically(keluaran, tabular.to_json(report.to_dict()))
        if chosen is CheckFormat.json:
            sys.stdout.write(tabular.to_json(report.to_dict()))
        elif chosen is CheckFormat.csv:
            rows = [problem.to_dict() for problem in report.problems]
            sys.stdout.write(tabular.problems_csv(rows, pemisah))
        else:
            checks.print_report(report, out, verbose)
        checks.print_file_summaries(report, err)
        if not report.activity_rows:
            _say_nothing_to_count(err, report)
        if keluaran is not None and output is not None:
            _written(err, keluaran, PERIKSA_OUTPUTS[output])
        raise typer.Exit(_exit_code(report, ketat, report.activity_rows))

    _run_guarded(debug, body)


@app.command("templat", options_metavar="[OPSI]", add_help_option=False)
def templat_command(
    keluaran: Annotated[
        Path | None,
        typer.Option("-o", "--keluaran", metavar="FILE.xlsx", dir_okay=False,
                     help="Nama berkas templat. Bawaan: rekap_TAHUN.xlsx di folder ini.",
                     show_default=False, rich_help_panel=OUTPUT),
    ] = None,
    unit: Annotated[
        list[str] | None,
        typer.Option("--unit", metavar="NAMA",
                     help="Unit kerja yang dibuatkan sheet (boleh diulang). Bawaan: semua "
                     "seksi dan subbagian kecamatan.", show_default=False,
                     rich_help_panel=OPTIONS),
    ] = None,
    tahun: Annotated[
        int | None,
        typer.Option("--tahun", metavar="YYYY", min=1990, max=2100,
                     help="Tahun rekap. Bawaan: tahun ini.", show_default=False,
                     rich_help_panel=OPTIONS),
    ] = None,
    kecamatan: Annotated[
        str | None,
        typer.Option("--kecamatan", metavar="NAMA", help="Nama kecamatan untuk judul.",
                     rich_help_panel=OPTIONS),
    ] = None,
    kabupaten: Annotated[
        str | None,
        typer.Option("--kabupaten", metavar="NAMA", help="Nama kabupaten untuk judul.",
                     rich_help_panel=OPTIONS),
    ] = None,
    baris: Annotated[
        int,
        typer.Option("--baris", metavar="N", min=1, max=10_000,
                     help="Jumlah baris isian per sheet.", rich_help_panel=OPTIONS),
    ] = 500,
    timpa: Annotated[
        bool,
        typer.Option("--timpa", metavar="", rich_help_panel=OPTIONS,
                     help="Timpa berkas yang sudah ada (hati-hati: isinya hilang)."),
    ] = False,
    ikm: Annotated[
        bool,
        typer.Option("--ikm", metavar="", rich_help_panel=OPTIONS,
                     help="Tulis templat isian survei IKM (jawaban U1–U9 dari daftar 1–4) "
                     "alih-alih rekap. Bawaan nama: survei_ikm_TAHUN.xlsx."),
    ] = False,
    config: ConfigOption = None,
    debug: DebugOption = False,
    help_: HelpOption = False,
) -> None:
    """Tulis buku kerja isian rekap kosong: satu sheet per unit, dengan pilihan (dropdown).

    Setiap sheet punya judul (kecamatan, unit, tahun), judul kolom baku, dan baris isian dengan
    daftar pilihan Jenis Bukti Dukung dan Ditindaklanjuti (Ya/Tidak), validasi tanggal, dan
    Nomor Bukti sebagai teks. Sheet **Petunjuk** menjelaskan cara mengisinya.

    Contoh: `iku templat -o rekap_2026.xlsx` · `iku templat --unit Trantib --unit PMD`
    """
    import datetime as dt

    from .config import ConfigError, find_config

    try:
        settings = find_config(config)
    except ConfigError as error:
        _fail(str(error), error.exit_code)
    kecamatan = kecamatan or settings.kecamatan
    kabupaten = kabupaten or settings.kabupaten
    year = tahun or settings.tahun or dt.date.today().year
    target = keluaran or Path(f"{'survei_ikm' if ikm else 'rekap'}_{year}.xlsx")
    _output_kind(target, TEMPLAT_OUTPUTS)
    if ikm and unit:
        _fail("--unit tidak berlaku untuk --ikm: templat survei punya satu sheet isian",
              EXIT_USAGE)
    if target.exists() and not timpa:
        _fail(f"{target} sudah ada; pakai nama lain atau --timpa untuk menimpanya", EXIT_PROBLEMS)

    def body() -> None:
        if ikm:
            from .cli_ikm import write_ikm_template_command

            write_ikm_template_command(target, kecamatan=kecamatan, kabupaten=kabupaten,
                                       tahun=year, rows=baris)
            return
        from .render.template import write_template

        units = _template_units(unit or [], settings.vocab)
        write_template(target, units=units, kecamatan=kecamatan, kabupaten=kabupaten,
                       tahun=year, rows=baris)
        typer.echo(f"Templat ditulis ke {target}: {len(units)} sheet unit, {baris} baris isian "
                   "per sheet, dan sheet Petunjuk.", err=True)

    _run_guarded(debug, body)


def _template_units(names: list[str], vocab: Vocabulary) -> list[Unit]:
    """--unit names as units: a known spelling gives the canonical unit, others as written."""
    from .match import match_unit_name

    if not names:
        return list(vocab.units)
    by_name = {u.name: u for u in vocab.units}
    chosen: list[Unit] = []
    for name in names:
        canonical = match_unit_name(name, vocab)
        picked = by_name[canonical] if canonical else Unit(name.strip(), name.strip())
        if picked not in chosen:
            chosen.append(picked)
    return chosen


from .cli_ikm import register as _register_ikm  # noqa: E402  (imports nothing heavy)

_register_ikm(app)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
