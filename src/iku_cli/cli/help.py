"""The help as an operator reads it: Indonesian labels, value names an operator knows, one
example per line, the common options first and the rare ones after, readable at 80 columns.

Typer's own help is built for programmers (``Usage:``, ``<list[str]>``, ``[1990<=x<=2100]``,
boxes that break words at 80 columns). Every command of iku uses :class:`IkuCommand` (and the
app :class:`IkuGroup`), whose help and usage lines come from here, in plain text wrapped to the
terminal. A command's docstring gives its text: a first line, paragraphs, a ``Contoh:`` block
with one command per line, and a closing ``Kode keluar:`` paragraph.
"""

from __future__ import annotations

import enum
import shutil
import textwrap
import types
import typing
from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperGroup

from iku_cli.cli.panels import ARGUMENTS, MAIN, MORE, OUTPUT

# The panels, in the order they are shown (a command's options name theirs).
PANEL_ORDER = (ARGUMENTS, MAIN, OUTPUT, MORE)
USAGE = "Cara pakai:"
EXAMPLES = "Contoh:"
MIN_WIDTH, MAX_WIDTH = 60, 100
NAME_COLUMN = 26  # option names and values; a longer one puts its help on the next line

# Options Typer adds itself, described in Indonesian.
BUILT_IN_HELP = {
    "install_completion": "Pasang pelengkapan otomatis (tekan Tab untuk melengkapi perintah "
                          "dan opsi) di shell ini: bash, zsh, fish atau PowerShell. Buka "
                          "terminal baru sesudahnya.",
    "show_completion": "Tampilkan skrip pelengkapan otomatis untuk shell ini, untuk dipasang "
                       "sendiri.",
}


def width() -> int:
    """The terminal's width (COLUMNS when set), kept between 60 and 100 columns."""
    columns = shutil.get_terminal_size((80, 24)).columns
    return max(MIN_WIDTH, min(MAX_WIDTH, columns))


def _wrap(text: str, indent: int, total: int, first: str = "") -> list[str]:
    """``first`` then ``text``, wrapped to ``total`` columns, later lines indented."""
    wrapper = textwrap.TextWrapper(width=total, initial_indent=first.ljust(indent),
                                   subsequent_indent=" " * indent, break_long_words=False,
                                   break_on_hyphens=False)
    return wrapper.wrap(text) or [first]


def _choices(param: Any) -> list[str]:
    """The values an option takes, when it takes one of a few (an enum)."""
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        annotation = next((a for a in typing.get_args(annotation) if a is not type(None)), None)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [str(member.value) for member in annotation]
    choices = getattr(getattr(param, "type", None), "choices", None)  # click's Choice (≤ 0.28)
    return [str(getattr(choice, "value", choice)) for choice in choices or ()]


def _default(param: Any) -> str | None:
    default = param.default
    if not getattr(param, "show_default", False) or default in (None, False, "") \
            or getattr(param, "is_flag", False):
        return None
    if isinstance(default, enum.Enum):
        default = default.value
    if isinstance(default, list | tuple):
        return None
    return str(default)


def _names(param: Any) -> str:
    """'-o, --keluaran BERKAS' / '--ketat' / 'BERKAS/FOLDER...'."""
    if isinstance(param, TyperArgument):
        metavar = param.metavar or (param.name or "").upper()
        return f"{metavar}..." if param.nargs == -1 else metavar
    opts = sorted(param.opts, key=lambda opt: (opt.startswith("--"), opt))
    text = ", ".join(opts)
    if not getattr(param, "is_flag", False) and param.metavar:
        text += f" {param.metavar}"
    elif not getattr(param, "is_flag", False) and _choices(param):
        text += " " + param.name.upper()
    return text


def _help_of(param: Any) -> str:
    text = BUILT_IN_HELP.get(param.name) or (getattr(param, "help", None) or "").strip()
    choices = _choices(param)
    if choices:
        text += f" Pilihan: {', '.join(choices)}."
    default = _default(param)
    if default is not None:
        text += f" Bawaan: {default}."
    if getattr(param, "multiple", False):
        text += " Boleh diulang."
    return text.strip()


def _panel(param: Any) -> str:
    if isinstance(param, TyperArgument):
        return ARGUMENTS
    if param.name in BUILT_IN_HELP:
        return MORE
    return getattr(param, "rich_help_panel", None) or MAIN


def _sections(doc: str) -> tuple[list[str], list[str], list[str]]:
    """A docstring as (paragraphs, examples, closing paragraphs after the examples)."""
    blocks = [block.strip() for block in textwrap.dedent(doc).strip().split("\n\n")]
    paragraphs: list[str] = []
    examples: list[str] = []
    closing: list[str] = []
    for block in blocks:
        lines = block.splitlines()
        if lines and lines[0].strip() == EXAMPLES:
            examples += [line.strip() for line in lines[1:] if line.strip()]
        elif examples:
            closing.append(" ".join(line.strip() for line in lines))
        else:
            paragraphs.append(" ".join(line.strip() for line in lines))
    return paragraphs, examples, closing


def usage_line(ctx: Any) -> str:
    command = ctx.command
    pieces = [ctx.command_path]
    if isinstance(command, TyperGroup):
        pieces.append("PERINTAH [OPSI] ...")
    else:
        pieces.append("[OPSI]")
        pieces += [_names(p) for p in command.params
                   if isinstance(p, TyperArgument) and not getattr(p, "hidden", False)]
    return f"{USAGE} {' '.join(pieces)}"


def render(ctx: Any) -> str:
    """The whole help of a command or of the app, wrapped to the terminal."""
    total = width()
    command = ctx.command
    paragraphs, examples, closing = _sections(command.help or "")
    lines = [usage_line(ctx), ""]
    for paragraph in paragraphs:
        lines += [*_wrap(paragraph, 0, total), ""]
    if isinstance(command, TyperGroup):
        lines.append("Perintah:")
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is None or getattr(sub, "hidden", False):
                continue
            summary = (sub.help or "").strip().splitlines()[0] if sub.help else ""
            lines += _wrap(summary, 12, total, f"  {name}")
        lines.append("")
    if examples:
        lines.append(EXAMPLES)
        lines += [f"  {example}" for example in examples] + [""]
    panels: dict[str, list[Any]] = {}
    for param in command.params:
        if getattr(param, "hidden", False) or (not param.opts and not param.name):
            continue
        panels.setdefault(_panel(param), []).append(param)
    for panel in sorted(panels, key=lambda p: PANEL_ORDER.index(p) if p in PANEL_ORDER else 9):
        lines.append(f"{panel}:")
        for param in panels[panel]:
            names = f"  {_names(param)}"
            help_text = _help_of(param)
            if len(names) + 2 > NAME_COLUMN:
                lines.append(names)
                lines += _wrap(help_text, NAME_COLUMN, total)
            else:
                lines += _wrap(help_text, NAME_COLUMN, total, names)
        lines.append("")
    for paragraph in closing:
        lines += [*_wrap(paragraph, 0, total), ""]
    return "\n".join(lines).rstrip() + "\n"


class IkuCommand(TyperCommand):
    """A Typer command whose help and usage line are iku's own (Indonesian, plain text)."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(render(ctx))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write(usage_line(ctx) + "\n")


class IkuGroup(TyperGroup):
    """The app: the same help as its commands, and command names in any case."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(render(ctx))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write(usage_line(ctx) + "\n")

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """`iku` alone: the help, on stdout, exit 0 (nothing went wrong)."""
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            import typer

            typer.echo(ctx.get_help())
            ctx.exit(0)
        return super().parse_args(ctx, args)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return super().get_command(ctx, cmd_name.lower())

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and not args[0].startswith("-"):
            args = [args[0].lower(), *args[1:]]
        return super().resolve_command(ctx, args)
