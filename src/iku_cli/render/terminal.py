"""What a person reads on a terminal (rich): the count table on stdout, problems on stderr."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Result
from ..problems import Problem, Severity

SHOWN_GALAT = 5  # galat listed under the hitung table; `iku periksa` lists all

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


def format_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def result_table(result: Result) -> Table:
    """Unit kerja | Jumlah F&K | Ditindaklanjuti | Persentase, with a TOTAL row."""
    subtitle = " · ".join(
        part for part in (
            f"Kecamatan {result.kecamatan}" if result.kecamatan else "",
            f"Tahun {result.tahun}" if result.tahun else "",
        ) if part
    )
    title = result.indikator + (f"\n{subtitle}" if subtitle else "")
    files = len(result.sources)
    caption = (
        f"Dibaca: {files} berkas, {result.sheets_read} sheet, "
        f"{format_int(result.activity_rows)} baris kegiatan "
        f"({format_int(result.total.jumlah)} terhitung)"
    )
    if not result.lengkap:
        caption += " — TIDAK LENGKAP: ada berkas/sheet yang tidak terbaca"
    table = Table(title=title, caption=caption, show_footer=False, title_style="bold")
    table.add_column("Unit kerja", overflow="fold")
    table.add_column("Jumlah F&K", justify="right")
    table.add_column("Ditindaklanjuti", justify="right")
    table.add_column("Persentase", justify="right")
    for index, unit in enumerate(result.unit):
        table.add_row(
            unit.unit, format_int(unit.jumlah), format_int(unit.ditindaklanjuti),
            format_percent(unit.persentase), end_section=index == len(result.unit) - 1,
        )
    total = result.total
    table.add_row(
        "TOTAL", format_int(total.jumlah), format_int(total.ditindaklanjuti),
        format_percent(total.persentase), style="bold",
    )
    return table


def problem_line(problem: Problem) -> Text:
    line = Text()
    line.append(f"{problem.severity:<10}", style=_SEVERITY_STYLE[problem.severity])
    line.append(problem.place, style="bold")
    line.append(": ")
    line.append(problem.message)
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


def print_hitung_summary(
    result: Result, console: Console, verbose: bool, paths: Iterable[str]
) -> None:
    """On stderr: counts per severity, the first galat with their place, where to look next."""
    counts = result.counts_by_severity
    console.print(counts_line(counts, verbose))
    shown = [p for p in result.problems if verbose or p.severity is Severity.GALAT]
    limit = len(shown) if verbose else SHOWN_GALAT
    for problem in shown[:limit]:
        console.print(problem_line(problem))
    hidden_galat = counts["galat"] - min(counts["galat"], limit) if not verbose else 0
    if hidden_galat:
        console.print(f"… dan {hidden_galat} galat lainnya")
    if counts["galat"] or counts["peringatan"]:
        joined = " ".join(paths)
        console.print(f"Jalankan `iku periksa {joined}` untuk rincian.", style="dim",
                      markup=False, highlight=False)
