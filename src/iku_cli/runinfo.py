"""What the summary workbook records about the run itself, so anyone can re-run it and check.

Standard library only: the CLI builds it before the heavy modules load.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path, PurePath

from iku_cli.version import __version__


@dataclass(frozen=True)
class RunInfo:
    """The command line, its effective options, and when and where it ran."""

    argv: tuple[str, ...] = ()
    started_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().astimezone())
    options: Mapping[str, object] = field(default_factory=dict)  # "--periode" -> "triwulan"
    cwd: str = field(default_factory=os.getcwd)
    config: Path | None = None
    version: str = __version__

    @property
    def command(self) -> str:
        """The command as typed, with the program shown as `iku` (not the venv's full path)."""
        if not self.argv:
            return "(dari Python, bukan baris perintah)"
        return shlex.join(["iku", *self.argv[1:]])

    @property
    def environment(self) -> str:
        return f"Python {platform.python_version()}, {platform.system() or 'tidak diketahui'}"

    def option_lines(self) -> list[tuple[str, str]]:
        """(label, value as text) for every option and argument of the run, defaults too."""
        return [
            (f"Opsi {name}" if name.startswith("-") else f"Argumen {name.upper()}",
             format_option(value))
            for name, value in self.options.items()
        ]


def format_option(value: object) -> str:
    if value is None:
        return "(tidak diisi)"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, Sequence) and not isinstance(value, str):
        return " ".join(format_option(item) for item in value) or "(tidak diisi)"
    return str(value)
