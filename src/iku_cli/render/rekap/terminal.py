"""What a person reads on a terminal (rich): the count table on stdout, problems on stderr."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from iku_cli.numbers import thousands
from iku_cli.problems import Code, Severity
from iku_cli.rekap.model import Count, Result
from iku_cli.rekap.vocab import Vocabulary
from iku_cli.render.common.console import counts_line, format_percent, problem_line
from iku_cli.text import shown as escaped

SHOWN_GALAT = 5  # galat listed under the hitung table; `iku periksa` lists all
# warnings that change what the number means: listed under the table like galat
ALWAYS_SHOWN = frozenset({Code.NOT_REPORTED, Code.WORKBOOK_OPEN_IN_EXCEL, Code.SMALL_TARGET})


def result_table(result: Result) -> Table:
    """Unit kerja | Jumlah F&K | Ditindaklanjuti | Persentase, with a TOTAL row."""
    subtitle = " · ".join(
        part for part in (
            f"Kecamatan {result.subdistrict}" if result.subdistrict else "",
            f"Tahun {result.year}" if result.year else "",
        ) if part
    )
    title = result.indicator + (f"\n{subtitle}" if subtitle else "")
    files = len(result.sources)
    caption = (
        f"Dibaca: {files} berkas, {result.sheets_read} sheet, "
        f"{thousands(result.activity_rows)} baris kegiatan "
        f"({thousands(result.total.counted)} terhitung)"
    )
    if not result.complete:
        caption += " — TIDAK LENGKAP: ada berkas/sheet yang tidak terbaca"
    if result.not_reported:
        caption += f" — {len(result.not_reported)} unit belum melapor"
    table = Table(title=title, caption=caption, show_footer=False, title_style="bold")
    table.add_column("Unit kerja", overflow="fold")
    table.add_column("Jumlah F&K", justify="right")
    table.add_column("Ditindaklanjuti", justify="right")
    table.add_column("Persentase", justify="right")
    for index, unit in enumerate(result.units):
        table.add_row(
            escaped(unit.unit), thousands(unit.counted), thousands(unit.followed_up),
            format_percent(unit.percent), end_section=index == len(result.units) - 1,
        )
    total = result.total
    table.add_row(
        "TOTAL", thousands(total.counted), thousands(total.followed_up),
        format_percent(total.percent), style="bold",
    )
    return table


def main_table(result: Result, vocab: Vocabulary, width: int = 120) -> RenderableType:
    """Per kecamatan, per period (units × periods — or, when that does not fit ``width``,
    the periods as rows and the units' totals below), or the plain per-unit table."""
    if result.per_subdistrict:
        return kecamatan_table(result)
    if result.periods:
        short = {u.name: u.short for u in vocab.units}
        if _period_table_width(result, short) <= width:
            return period_table(result, short)
        units = result_table(result)
        units.title = None  # the periods' table above carries it
        return Group(period_rows_table(result), units, Text(
            f"Rincian per unit per {result.period_kind} tidak muat di layar selebar ini: lihat "
            "sheet Per Periode dari -o ringkasan.xlsx, atau -f csv.", style="dim"))
    return result_table(result)


def _period_table_width(result: Result, short: dict[str, str]) -> int:
    """Columns the units × periods table needs: every number whole, nothing cut."""
    periods = list(dict.fromkeys(p.period for p in result.periods))
    label = max([len("Kumulatif"), *(len(short.get(u.unit, u.unit)) for u in result.units)])
    cells = [len(f"{c.count.followed_up}/{c.count.counted}") for c in result.periods]
    number = max([len("100,00%"), len("Sangat"), *cells, *(len(_short_period(p))
                                                           for p in periods)])
    total = max(number, len(f"{result.total.followed_up}/{result.total.counted}"))
    return (label + 3) + (number + 3) * len(periods) + (total + 3) + 1


def period_rows_table(result: Result) -> Table:
    """The office's periods as rows: each period's ditindaklanjuti/jumlah, the cumulative count
    from January, and — with quarterly targets — target and capaian; fits 80 columns."""
    from rich import box

    office = [p for p in result.periods if p.unit is None]
    with_targets = any(p.achievement for p in office)
    table = Table(title=result_table(result).title, title_style="bold",
                  box=box.SIMPLE_HEAVY)
    table.add_column("Periode")
    table.add_column("TL/Jumlah", justify="right")
    table.add_column("%", justify="right")
    table.add_column("Kumulatif", justify="right")
    table.add_column("Kum. %", justify="right")
    if with_targets:
        table.add_column("Target", justify="right")
        table.add_column("Capaian", justify="right")
    for index, period in enumerate(office):
        cumulative = period.cumulative
        row = [_SHORT_PERIODS.get(period.period, period.period),
               f"{period.count.followed_up}/{period.count.counted}",
               format_percent(period.count.percent),
               "" if cumulative is None else f"{cumulative.followed_up}/{cumulative.counted}",
               "" if cumulative is None else format_percent(cumulative.percent)]
        if with_targets:
            achievement = period.achievement
            row += ["" if achievement is None else format_percent(achievement.target),
                    "" if achievement is None or achievement.target is None
                    else format_percent(achievement.percent)]
        table.add_row(*row, end_section=index == len(office) - 1)
    total = result.total
    row = ["TOTAL", f"{total.followed_up}/{total.counted}", format_percent(total.percent), "", ""]
    if with_targets:
        row += [format_percent(result.achievement.target),
                format_percent(result.achievement.percent)]
    table.add_row(*row, style="bold")
    table.caption = "TL: ditindaklanjuti. Kumulatif: sejak Januari."
    return table


def print_hitung_summary(
    result: Result, console: Console, verbose: bool, paths: Iterable[str]
) -> None:
    """On stderr: counts per severity, the first galat with their place, where to look next."""
    counts = result.counts_by_severity
    console.print(counts_line(counts, verbose))
    shown = [p for p in result.problems if verbose or p.severity is Severity.GALAT]
    limit = len(shown) if verbose else SHOWN_GALAT
    if not verbose:
        shown = shown[:limit] + [p for p in result.problems if p.code in ALWAYS_SHOWN]
    for problem in shown if not verbose else shown[:limit]:
        console.print(problem_line(problem))
    hidden_galat = counts["galat"] - min(counts["galat"], limit) if not verbose else 0
    if hidden_galat:
        console.print(f"… dan {hidden_galat} galat lainnya")
    if (counts["galat"] or counts["peringatan"]) and result.activity_rows:
        joined = escaped(" ".join(paths))
        console.print(f"Jalankan `iku periksa {joined}` untuk rincian.", style="dim",
                      markup=False, highlight=False)


def achievement_line(result: Result) -> Text | None:
    """'Target 90,00% · Realisasi 86,36% · Capaian 95,96% (Sangat Tinggi)', with a target."""
    achievement = result.achievement
    if achievement.target is None:
        return None
    text = Text(f"Target {format_percent(achievement.target)} · Realisasi "
                f"{format_percent(result.total.percent)} · Capaian ")
    text.append(format_percent(achievement.percent), style="bold")
    if achievement.category:
        text.append(f" ({achievement.category})")
    return text


_SHORT_PERIODS = {
    "Triwulan I": "TW I", "Triwulan II": "TW II", "Triwulan III": "TW III",
    "Triwulan IV": "TW IV", "Semester I": "Smt I", "Semester II": "Smt II",
    "Tanpa tanggal": "Tanpa tgl",
}


def _short_period(label: str) -> str:
    head, _, year = label.partition(" 20")
    base = _SHORT_PERIODS.get(label) or _SHORT_PERIODS.get(head) or label[:3]
    return f"{base} 20{year}" if year and label not in _SHORT_PERIODS else base


def _cell(count: Count | None) -> str:
    if count is None:
        return ""
    return f"{count.followed_up}/{count.counted}\n{format_percent(count.percent)}"


def period_table(result: Result, short_names: dict[str, str]) -> Table:
    """Units as rows, periods as columns (ditindaklanjuti/jumlah and %), then TOTAL, the
    cumulative row and — with quarterly targets — target and capaian per quarter."""
    periods = list(dict.fromkeys(p.period for p in result.periods))
    cells = {(p.period, p.unit): p for p in result.periods}
    with_targets = any(cells[(label, None)].achievement for label in periods)
    table = Table(title=result_table(result).title, caption=result_table(result).caption,
                  title_style="bold")
    table.add_column("Unit kerja")
    for label in periods:
        table.add_column(_short_period(label), justify="right")
    table.add_column("Total", justify="right", style="bold")
    for unit in result.units:
        table.add_row(
            escaped(short_names.get(unit.unit, unit.unit)),
            *(_cell(cells[(label, unit.unit)].count) for label in periods),
            _cell(unit),
        )
    table.add_row("TOTAL", *(_cell(cells[(label, None)].count) for label in periods),
                  _cell(result.total), style="bold", end_section=True)
    table.add_row("Kumulatif", *(_cell(cells[(label, None)].cumulative) for label in periods),
                  _cell(result.total))
    if with_targets:
        targets, capaian = [], []
        for label in periods:
            achievement = cells[(label, None)].achievement
            targets.append(format_percent(achievement.target) if achievement else "")
            capaian.append(
                f"{format_percent(achievement.percent)}\n{_stacked(achievement.category)}"
                if achievement and achievement.target is not None else ""
            )
        year = result.achievement
        table.add_row("Target", *targets, format_percent(year.target))
        table.add_row("Capaian", *capaian,
                      f"{format_percent(year.percent)}\n{_stacked(year.category)}")
    return table


def _stacked(category: str | None) -> str:
    """'Sangat Tinggi' on two lines, so every period column stays narrow."""
    return (category or "").replace(" ", "\n")


def lkjip_table(result: Result) -> tuple[Table, Table]:
    """The Pengukuran Kinerja form row, and the notes printed under it."""
    from iku_cli.render.rekap.lkjip import LKJIP_COLUMNS, lkjip_notes, lkjip_rows, lkjip_title

    table = Table(title=lkjip_title(result), title_style="bold", show_lines=True)
    for column in LKJIP_COLUMNS:
        numeric = column in ("No", "Target", "Realisasi", "Capaian (%)")
        table.add_column(column, justify="right" if numeric else "left",
                         max_width=None if numeric else 34)
    for row in lkjip_rows(result):
        no, sasaran, iku, satuan, target, realisasi, capaian = row
        table.add_row(str(no), sasaran, iku, satuan, percent_number(target),
                      percent_number(realisasi), percent_number(capaian))
    notes = Table.grid(padding=(0, 2))
    notes.add_column(style="bold")
    notes.add_column()
    for label, text in lkjip_notes(result):
        notes.add_row(label, text)
    return table, notes


def percent_number(value: float | None) -> str:
    """A percentage without the sign (the column says %): 86.36 -> '86,36'; None -> '–'."""
    return "–" if value is None else f"{value:.2f}".replace(".", ",")


def kecamatan_table(result: Result) -> Table:
    """One row per kecamatan and the kabupaten total (Σ numerators / Σ denominators)."""
    title = result.indicator + (f"\nKabupaten {result.regency}" if result.regency else "")
    if result.year:
        title += f" · Tahun {result.year}"
    table = Table(title=title, caption=result_table(result).caption, title_style="bold")
    table.add_column("Kecamatan")
    table.add_column("Jumlah F&K", justify="right")
    table.add_column("Ditindaklanjuti", justify="right")
    table.add_column("Persentase", justify="right")
    for index, entry in enumerate(result.per_subdistrict):
        table.add_row(escaped(entry.subdistrict), thousands(entry.count.counted),
                      thousands(entry.count.followed_up),
                      format_percent(entry.count.percent),
                      end_section=index == len(result.per_subdistrict) - 1)
    label = f"KABUPATEN {result.regency.upper()}" if result.regency else "TOTAL KABUPATEN"
    table.add_row(label, thousands(result.total.counted),
                  thousands(result.total.followed_up),
                  format_percent(result.total.percent), style="bold")
    return table


def unit_details(result: Result, unit: str) -> Table:
    """`hitung --rincian UNIT`: every activity counted for the unit, where it stands, so the
    operator can say which activities the number is made of."""
    from rich import box

    store = result.activities
    rows = [i for i, (name, reason) in enumerate(zip(store.unit, store.reason, strict=True))
            if name == unit and reason is None]
    done = sum(store.followed[i] for i in rows)
    several_files = len({store.file[i] for i in rows}) > 1
    table = Table(title=f"Rincian {unit}: {len(rows)} kegiatan dihitung, {done} "
                        "ditindaklanjuti", title_style="bold", box=box.SIMPLE_HEAD,
                  pad_edge=False)
    table.add_column("No", justify="right")
    table.add_column("Sheet, baris", overflow="fold", max_width=24)
    table.add_column("Tanggal")
    table.add_column("Kegiatan", overflow="fold", ratio=1)
    table.add_column("Bukti", overflow="fold", max_width=16)
    table.add_column("TL")
    for number, index in enumerate(rows, start=1):
        sheet = store.sheet[index] or "CSV"
        if several_files:
            sheet = f"{store.file[index].replace(chr(92), '/').rsplit('/', 1)[-1]} › {sheet}"
        date = store.date[index]
        table.add_row(str(number), escaped(f"{sheet} {store.row[index]}"),
                      "–" if date is None else f"{date:%d/%m/%Y}", escaped(store.text[index]),
                      ", ".join(store.evidence[index]), "Ya" if store.followed[index] else "Tidak")
    table.caption = ("TL: ditindaklanjuti. Berkasnya dan kolom lain: sheet Rincian dari "
                     "-o ringkasan.xlsx.")
    return table
