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
    typer.echo(f"iku: {message}", err=True)
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


def say_written(console: Console, path: Path, what: str) -> None:
    console.print(f"{what[0].upper()}{what[1:]} ditulis ke {path}", markup=False,
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


def run_guarded(debug: bool, body: Callable[[], None]) -> None:
    """Turn an unexpected exception into one line (or its traceback with --debug)."""
    from iku_cli.problems import IkuError

    try:
        body()
    except typer.Exit:
        raise
    except IkuError as error:
        fail(str(error), error.exit_code)
    except KeyboardInterrupt:
        fail("dibatalkan", ExitCode.INTERRUPTED)
    except Exception as error:  # the last line of defence: never a bare traceback
        if debug or os.environ.get("IKU_DEBUG"):
            traceback.print_exc()
        fail(
            f"kesalahan tak terduga ({type(error).__name__}: {error}). Ini bug iku: jalankan "
            "ulang dengan --debug dan kirimkan keluarannya ke pengembang.",
            ExitCode.BUG,
        )
