"""The `iku` application: Typer's help and error texts in Indonesian, ``--version``, and the
app every command module adds its command to."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from iku_cli.cli.common import ARGUMENTS, OPTIONS, HelpOption
from iku_cli.cli.errors import localise_usage_errors
from iku_cli.cli.help import IkuGroup
from iku_cli.cli.lazy import when_imported
from iku_cli.version import __version__


def _localise_help(rich_utils: Any) -> None:
    """Typer's own help labels in Indonesian (the texts are module constants)."""
    rich_utils.OPTIONS_PANEL_TITLE = OPTIONS
    rich_utils.ARGUMENTS_PANEL_TITLE = ARGUMENTS
    rich_utils.COMMANDS_PANEL_TITLE = "Perintah"
    rich_utils.ERRORS_PANEL_TITLE = "Galat"
    rich_utils.DEFAULT_STRING = "[bawaan: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[wajib]"
    rich_utils.RICH_HELP = "Coba [blue]'{command_path} {help_option}'[/] untuk bantuan."
    rich_utils.ABORTED_TEXT = "Dibatalkan."
    localise_usage_errors(rich_utils)


# typer.rich_utils (with rich.markdown and markdown-it: ~0.15 s) is imported by Typer only to
# show help or an error; it is localised the moment it is, so a counting run never loads it.
when_imported("typer.rich_utils", _localise_help)


app = typer.Typer(
    name="iku",
    cls=IkuGroup,
    help=(
        "Hitung IKU kecamatan Persentase hasil Fasilitas dan Koordinasi yang ditindaklanjuti "
        "dari rekap Excel/ODS/CSV seksi dan subbagian, periksa rekapnya, dan siapkan "
        "laporannya.\n\n"
        "Contoh:\n"
        "    iku init\n"
        "    iku periksa masuk/\n"
        "    iku hitung masuk/\n"
        "    iku hitung masuk/ --periode triwulan -o ringkasan.xlsx\n"
        "    iku bantuan hitung\n\n"
        "Bantuan setiap perintah: iku PERINTAH -h (mis. iku hitung -h). Panduan operator: "
        "docs/panduan-operator.md."
    ),
    add_completion=True,
    add_help_option=False,  # our own -h/--help, with an Indonesian help text
    no_args_is_help=True,
    rich_markup_mode="markdown",
    options_metavar="[OPSI]",
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"iku {__version__}")
        raise typer.Exit()


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
