"""The roll-up on a terminal: one row per kecamatan, the kabupaten total, and the problems."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from iku_cli.numbers import thousands
from iku_cli.render.common.console import counts_line, format_percent, problem_line
from iku_cli.rollup.model import Rollup
from iku_cli.text import shown as escaped


def rollup_table(rollup: Rollup) -> Table:
    title = rollup.indicator
    where = f"Kabupaten {rollup.regency}" if rollup.regency else "Kabupaten"
    title += f"\n{where}" + (f" · Tahun {rollup.year}" if rollup.year else "")
    caption = (f"Hasil digabung: {rollup.results_used} kecamatan dari "
               f"{len(rollup.sources)} berkas")
    if rollup.not_sent:
        caption += f" — {len(rollup.not_sent)} belum mengirim"
    table = Table(title=title, caption=caption, title_style="bold")
    table.add_column("Kecamatan")
    table.add_column("Jumlah F&K", justify="right")
    table.add_column("Ditindaklanjuti", justify="right")
    table.add_column("Persentase", justify="right")
    table.add_column("Capaian", justify="right")
    table.add_column("Catatan")
    for index, row in enumerate(rollup.rows):
        last = index == len(rollup.rows) - 1
        sent = row.sent
        if sent is None:
            table.add_row(escaped(row.name), "–", "–", "–", "–", "belum mengirim", style="yellow",
                          end_section=last)
            continue
        notes = []
        if sent.not_reported:
            notes.append(f"{len(sent.not_reported)} unit belum melapor")
        if sent.galat:
            notes.append(f"{sent.galat} galat")
        if not sent.complete:
            notes.append("tidak lengkap")
        table.add_row(escaped(row.name), thousands(sent.count.counted),
                      thousands(sent.count.followed_up), format_percent(sent.count.percent),
                      format_percent(sent.achievement.percent), ", ".join(notes),
                      end_section=last)
    label = f"KABUPATEN {rollup.regency.upper()}" if rollup.regency else "TOTAL KABUPATEN"
    table.add_row(label, thousands(rollup.total.counted), thousands(rollup.total.followed_up),
                  format_percent(rollup.total.percent),
                  format_percent(rollup.achievement.percent),
                  f"kategori {rollup.achievement.category}" if rollup.achievement.category else "",
                  style="bold")
    return table


def achievement_line(rollup: Rollup) -> str | None:
    achievement = rollup.achievement
    if achievement.target is None:
        return None
    return (f"Target {format_percent(achievement.target)} · Realisasi "
            f"{format_percent(rollup.total.percent)} · Capaian "
            f"{format_percent(achievement.percent)} ({achievement.category or '–'})")


def print_rollup_summary(rollup: Rollup, err: Console, verbose: bool) -> None:
    """The problems on stderr: galat and peringatan always, info with -v."""
    counts = rollup.counts_by_severity
    err.print(counts_line(counts, verbose))
    for problem in rollup.problems:
        if verbose or str(problem.severity) != "info":
            err.print(problem_line(problem), markup=False, highlight=False)
