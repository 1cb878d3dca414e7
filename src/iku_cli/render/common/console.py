"""How a problem and a count look on a terminal, the same for every command (rich)."""

from __future__ import annotations

from rich.text import Text

from iku_cli.problems import Problem, Severity
from iku_cli.text import shown

_SEVERITY_STYLE = {
    Severity.GALAT: "bold red",
    Severity.PERINGATAN: "yellow",
    Severity.INFO: "dim",
}


def format_percent(value: float | None) -> str:
    """73.98 -> '73,98%' (Indonesian decimal comma); undefined -> '–'."""
    if value is None:
        return "–"
    return f"{value:.2f}".replace(".", ",") + "%"


def problem_line(problem: Problem) -> Text:
    line = Text()
    # 11 wide: 'peringatan' (10 letters) keeps a space before the place
    line.append(f"{problem.severity:<11}", style=_SEVERITY_STYLE[problem.severity])
    line.append(shown(problem.place), style="bold")
    line.append(": ")
    line.append(shown(problem.message))
    return line


def counts_line(counts: dict[str, int], verbose: bool) -> Text:
    text = Text("Masalah: ")
    text.append(f"{counts['galat']} galat", style="bold red" if counts["galat"] else "")
    text.append(", ")
    text.append(f"{counts['peringatan']} peringatan",
                style="yellow" if counts["peringatan"] else "")
    text.append(f", {counts['info']} info")
    if counts["info"] and not verbose:
        text.append(" (tampilkan dengan -v)", style="dim")
    return text
