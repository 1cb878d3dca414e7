"""What every command shares: the exit codes, the option types, the consoles, the guarded
runner that turns a failure into one Indonesian line, and the rules for ``-o`` and CSV.

Nothing heavy is imported here (``iku --help`` stays fast): renderers and pipelines load
inside the commands.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Sequence
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Protocol

import typer

from iku_cli.cli.panels import ARGUMENTS, MORE, OUTPUT
from iku_cli.cli.panels import MAIN as OPTIONS

if TYPE_CHECKING:
    from rich.console import Console

    from iku_cli.inputs.sources import FileSource


class ExitCode(IntEnum):
    """The exit codes (README, "Exit codes")."""

    OK = 0  # counted, no galat
    PROBLEMS = 1  # galat, input not read, or warnings with --ketat
    USAGE = 2  # an option or iku.toml is wrong
    NOTHING = 3  # nothing to count
    BUG = 4  # a failure of iku itself
    INTERRUPTED = 130  # Ctrl+C


class CheckFormat(StrEnum):
    """What periksa and ikm write on stdout."""

    tabel = "tabel"
    json = "json"
    csv = "csv"


def _help(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        typer.echo(ctx.get_help())
        raise typer.Exit()


HelpOption = Annotated[
    bool,
    typer.Option("-h", "--help", help="Tampilkan bantuan ini lalu keluar.", is_eager=True,
                 expose_value=False, callback=_help, metavar="", rich_help_panel=MORE),
]
Paths = Annotated[
    list[str],
    typer.Argument(
        metavar="BERKAS/FOLDER",
        help="Rekap seksi/subbagian: berkas .xlsx, .xlsm, .xls, .ods atau .csv, folder "
        "(beserta subfoldernya), atau pola seperti masuk/*.xlsx.",
        show_default=False,
        rich_help_panel=ARGUMENTS,
    ),
]
FormatOption = Annotated[
    CheckFormat,
    typer.Option("-f", "--format", metavar="BENTUK", case_sensitive=False,
                 help="Bentuk keluaran di layar (json dan csv untuk skrip).",
                 rich_help_panel=OUTPUT),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", metavar="BERKAS", dir_okay=False, show_default=False,
                 help="Berkas pengaturan kantor. Bawaan: iku.toml di folder ini bila ada "
                 "(buat dengan iku init).",
                 rich_help_panel=MORE),
]
KetatOption = Annotated[
    bool,
    typer.Option("--ketat", metavar="", help="Peringatan juga membuat kode keluar 1.",
                 rich_help_panel=MORE),
]
VerboseOption = Annotated[
    bool,
    typer.Option("-v", "--verbose", metavar="",
                 help="Tampilkan juga masalah tingkat info dan kode masalahnya.",
                 rich_help_panel=OPTIONS),
]
DebugOption = Annotated[
    bool,
    typer.Option("--debug", metavar="", rich_help_panel=MORE,
                 help="Bila iku gagal tak terduga: tampilkan rincian teknisnya untuk "
                 "pengembang."),
]
HiddenOption = Annotated[
    bool,
    typer.Option("--sertakan-tersembunyi", metavar="",
                 help="Baca juga sheet yang disembunyikan (Hidden) di Excel.",
                 rich_help_panel=MORE),
]
TahunOption = Annotated[
    int | None,
    typer.Option("--tahun", metavar="TAHUN", min=1990, max=2100, show_default=False,
                 help="Hitung hanya kegiatan bertanggal di tahun ini, mis. 2026 (yang tanpa "
                 "tanggal tetap dihitung); juga tahun untuk tanggal yang ditulis tanpa tahun.",
                 rich_help_panel=OPTIONS),
]
ExcelOption = Annotated[
    bool,
    typer.Option("--excel", metavar="", rich_help_panel=OUTPUT,
                 help="CSV untuk Excel berbahasa Indonesia: pemisah ';' dan desimal ',' "
                 "(sama dengan --pemisah \";\" --desimal \",\")."),
]
SeparatorOption = Annotated[
    str,
    typer.Option("--pemisah", metavar="TANDA", rich_help_panel=MORE, show_default=False,
                 help="Pemisah kolom CSV (bawaan ','). Dengan ';' desimalnya ',' kecuali "
                 "--desimal menyebut lain."),
]
DecimalOption = Annotated[
    str | None,
    typer.Option("--desimal", metavar="TANDA", show_default=False, rich_help_panel=MORE,
                 help="Tanda desimal di CSV: '.' atau ','. Bawaan: ',' bila pemisahnya ';', "
                 "selain itu '.'."),
]


class Outcome(Protocol):
    """What a command's run returned, as far as its exit code is concerned."""

    @property
    def counts_by_severity(self) -> dict[str, int]: ...
    @property
    def complete(self) -> bool: ...


def consoles() -> tuple[Console, Console]:
    """stdout for data, stderr for people; colour follows the terminal and NO_COLOR."""
    from rich.console import Console

    # piped output: 100 columns unless COLUMNS says otherwise (rich reads COLUMNS itself)
    width = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 100
    # messages are not wrapped when they go to a file or pipe: one problem, one line
    return (
        Console(file=sys.stdout, width=width),
        Console(stderr=True, soft_wrap=not sys.stderr.isatty()),
    )


def fail(message: str, code: int) -> NoReturn:
    from iku_cli.text import shown

    # a message may hold a path as given: its controls escaped, its line breaks kept
    typer.echo("iku: " + "\n".join(shown(line) for line in message.split("\n")), err=True)
    raise typer.Exit(code)


def csv_style(separator: str, decimal: str | None, excel: bool = False) -> tuple[str, str]:
    """The CSV separator and decimal mark: --excel is ';' and ','; a ';' separator alone takes
    ',' decimals (Excel in an Indonesian locale reads 71.43 as a date otherwise)."""
    if excel:
        if separator not in (",", ";") or decimal not in (None, ","):
            fail("--excel sudah berarti --pemisah \";\" --desimal \",\": jangan digabung "
                 "dengan pemisah atau desimal lain", ExitCode.USAGE)
        separator, decimal = ";", ","
    if decimal is None:
        decimal = "," if separator == ";" else "."
    check_csv_options(separator, decimal)
    return separator, decimal


def check_csv_options(separator: str, decimal: str) -> None:
    if len(separator) != 1:
        fail(f"--pemisah harus satu karakter, bukan {separator!r}", ExitCode.USAGE)
    if decimal not in (".", ","):
        fail(f"--desimal harus '.' atau ',', bukan {decimal!r}", ExitCode.USAGE)
    if separator == decimal:
        fail("--pemisah dan --desimal tidak boleh sama", ExitCode.USAGE)


def output_kind(path: Path | None, allowed: dict[str, str]) -> str | None:
    """The format -o writes, by the file's extension (``allowed``: suffix -> what is written);
    a usage error naming what is allowed."""
    if path is None:
        return None
    suffix = path.suffix.lower()
    if suffix not in allowed:
        shown = ", ".join(f"{key} ({what})" for key, what in allowed.items())
        fail(f"-o {path}: jenis berkas ditentukan dari ekstensinya; yang bisa ditulis: {shown}",
             ExitCode.USAGE)
    return suffix


def refuse_clobbering(output: Path | None, inputs: Sequence[str], flag: str = "-o") -> None:
    """An output may not replace an input being read, nor a device or anything but a regular
    file: a usage error naming the clash, before anything is counted."""
    import stat

    from iku_cli.marker import is_output

    if output is None:
        return
    try:
        mode = output.stat().st_mode
    except OSError:
        return  # a new file: nothing to clobber
    if not stat.S_ISREG(mode):
        fail(f"{flag} {output}: bukan berkas biasa (perangkat, folder atau pipa); tulis ke "
             "berkas .xlsx/.csv/.json biasa", ExitCode.USAGE)
    target = output.resolve()
    if is_output(_mark_of(output)):
        return  # iku's own earlier output: never read as input, fine to replace
    for given in inputs:
        if _reads(Path(given), given, target):
            fail(f"{flag} {output} adalah salah satu berkas yang sedang dibaca ({given}): iku "
                 "tidak menimpa masukannya; tulis ke nama lain, mis. ringkasan.xlsx",
                 ExitCode.USAGE)


def _reads(path: Path, given: str, target: Path) -> bool:
    """Whether the run reads ``target`` through what was given (a file, a folder, a pattern)."""
    import glob

    from iku_cli.inputs.find import is_spreadsheet_name

    if path.is_dir():
        return target.is_relative_to(path.resolve()) and is_spreadsheet_name(target.name)
    if path.exists():
        return path.resolve() == target
    return any(Path(match).resolve() == target for match in glob.glob(given, recursive=True))


def _mark_of(path: Path) -> str | None:
    """iku's mark in a workbook (its own outputs may be written over); None for others."""
    import zipfile

    from iku_cli.marker import kind_in_custom_xml

    try:
        with zipfile.ZipFile(path) as archive:
            return kind_in_custom_xml(archive.read("docProps/custom.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return None


def say_written(console: Console, path: Path, what: str) -> None:
    from iku_cli.text import shown

    console.print(f"{what[0].upper()}{what[1:]} ditulis ke {shown(str(path))}", markup=False,
                  highlight=False)


def percent_option(name: str, value: str | None) -> float | None:
    """A percentage option as typed (90, 95,5, 95%), or a usage error saying what is wrong."""
    from iku_cli.rekap.targets import parse_percent

    if value is None:
        return None
    try:
        return parse_percent(value)
    except ValueError as error:
        fail(f"{name}: {error}", ExitCode.USAGE)


def exit_code(outcome: Outcome, ketat: bool, rows: int) -> ExitCode:
    """0 counted cleanly; 1 galat, input unread, or (--ketat) warnings; 3 no row at all."""
    counts = outcome.counts_by_severity
    if not rows:
        return ExitCode.NOTHING
    if counts["galat"] or not outcome.complete or (ketat and counts["peringatan"]):
        return ExitCode.PROBLEMS
    return ExitCode.OK


def say_nothing_to_count(console: Console, sources: Sequence[FileSource], rows: int,
                         what: str) -> None:
    """Why nothing could be counted, when the problems above do not say it already."""
    from iku_cli.inputs.sources import why_nothing_to_count

    reason = why_nothing_to_count(list(sources), rows, what)
    if reason:
        console.print(reason, style="bold red", markup=False, highlight=False)


def _drop_stdout() -> None:
    """Point stdout at nothing, so the interpreter's last flush cannot fail again at exit."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def run_guarded(debug: bool, body: Callable[[], None]) -> None:
    """Turn an unexpected exception into one line (or its traceback with --debug)."""
    import errno

    from iku_cli.cli.leaving import leave_if_one_command
    from iku_cli.problems import IkuError, os_reason

    try:
        try:
            body()
        finally:
            sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
    except typer.Exit as done:
        leave_if_one_command(done.exit_code)
        raise
    except IkuError as error:
        fail(str(error), error.exit_code)
    except KeyboardInterrupt:
        fail("dibatalkan", ExitCode.INTERRUPTED)
    except OSError as error:  # writing the result where the user sent it failed
        _drop_stdout()
        if error.errno == errno.EPIPE:  # `iku ... | head`: the reader has had enough
            raise typer.Exit(ExitCode.PROBLEMS) from None
        fail(f"keluaran tidak bisa ditulis: {os_reason(error)}", ExitCode.PROBLEMS)
    except Exception as error:  # the last line of defence: never a bare traceback
        if debug or os.environ.get("IKU_DEBUG"):
            traceback.print_exc()
        fail(
            f"kesalahan tak terduga ({type(error).__name__}: {error}). Ini bug iku: jalankan "
            "ulang dengan --debug dan kirimkan keluarannya ke pengembang.",
            ExitCode.BUG,
        )
