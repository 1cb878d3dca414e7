"""`iku bantuan [PERINTAH]`: the help, for those who type a word rather than -h."""

from __future__ import annotations

from typing import Annotated

import typer

from iku_cli.cli.app import app
from iku_cli.cli.common import ARGUMENTS, HelpOption
from iku_cli.cli.help import IkuCommand


@app.command("bantuan", options_metavar="[OPSI]", add_help_option=False, cls=IkuCommand)
def bantuan_command(
    ctx: typer.Context,
    perintah: Annotated[
        str | None,
        typer.Argument(metavar="PERINTAH", show_default=False, rich_help_panel=ARGUMENTS,
                       help="Perintah yang ingin dilihat bantuannya, mis. hitung."),
    ] = None,
    help_: HelpOption = False,
) -> None:
    """Tampilkan bantuan iku, atau bantuan satu perintah.

    Contoh:
        iku bantuan
        iku bantuan hitung
    """
    group = ctx.parent
    assert group is not None
    if perintah is None:
        typer.echo(group.get_help())
        return
    command = group.command.get_command(group, perintah.lower())  # type: ignore[attr-defined]
    if command is None:
        from iku_cli.cli.errors import COMMANDS

        typer.echo(f"iku: perintah '{perintah}' tidak dikenal. Perintah yang ada: {COMMANDS}.",
                   err=True)
        raise typer.Exit(2)
    with command.make_context(perintah.lower(), [], parent=group,
                              resilient_parsing=True) as sub:
        typer.echo(sub.get_help())
