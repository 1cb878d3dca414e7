"""`iku ikm` on a terminal (rich): the per-unsur table, the index, priorities, per-service
indexes and the respondent profile on stdout; the problem summary on stderr."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from iku_cli.ikm.core import PROFILE_LABELS
from iku_cli.ikm.model import NRR_PLACES, WEIGHTED_PLACES, IkmResult
from iku_cli.ikm.vocab import INDEX_NAME, REGULATION
from iku_cli.numbers import round_half_up, thousands
from iku_cli.problems import Severity
from iku_cli.render.common.console import counts_line, problem_line

SHOWN_GALAT = 10
_MAPPING = {
    "nama": "unsur dikenali dari nama kolom",
    "campuran": "unsur dikenali dari nama kolom dan kode U1–U9",
}
_WEIGHT_SHOWN = {"0.111": "0,111", "1/9": "1/9", "0.11": "0,11"}


def decimal_text(value: Fraction | Decimal | None, places: int) -> str:
    """3.2583 -> '3,258' (Indonesian decimal comma); undefined -> '–'."""
    if value is None:
        return "–"
    rounded = value if isinstance(value, Decimal) else round_half_up(value, places)
    return f"{rounded:.{places}f}".replace(".", ",")


def weight_text(result: IkmResult) -> str:
    return _WEIGHT_SHOWN.get(result.bobot_key, result.bobot_key)


def order_note(result: IkmResult) -> str:
    """Which order the unsur were taken in — always said: a sheet's own U-codes may differ."""
    if result.mapping not in _MAPPING:
        return f"kolom U1–U9 menurut {result.order_description}"
    note = _MAPPING[result.mapping]
    if result.recoded:
        pairs = ", ".join(f"U{written}→U{reported}" for written, reported in result.recoded)
        note += f" (kode di lembar survei: {pairs})"
    return note


def unsur_table(result: IkmResult) -> Table:
    subtitle = " · ".join(
        part for part in (
            f"Kecamatan {result.kecamatan}" if result.kecamatan else "",
            f"Tahun {result.tahun}" if result.tahun else "",
            f"{thousands(result.responden)} responden",
            f"bobot {weight_text(result)}",
        ) if part
    )
    caption = (
        f"Dibaca: {len(result.sources)} berkas, {result.sheets_read} sheet, "
        f"{thousands(result.rows_listed)} baris responden "
        f"({thousands(result.responden)} terhitung) · {order_note(result)}"
    )
    if not result.complete:
        caption += " — TIDAK LENGKAP: ada berkas/sheet yang tidak terbaca"
    table = Table(title=f"{INDEX_NAME} ({REGULATION})\n{subtitle}", caption=caption,
                  title_style="bold")
    table.add_column("Kode")
    table.add_column("Unsur pelayanan", overflow="fold")
    table.add_column("Jumlah nilai", justify="right")
    table.add_column("NRR", justify="right")
    table.add_column("NRR tertimbang", justify="right")
    table.add_column("Mutu", justify="center")
    for index, score in enumerate(result.unsur):
        table.add_row(
            score.kode, score.nama, thousands(score.jumlah_nilai),
            decimal_text(score.nrr, NRR_PLACES),
            decimal_text(score.nrr_tertimbang, WEIGHTED_PLACES), score.mutu or "–",
            end_section=index == len(result.unsur) - 1,
        )
    weighted = [s.nrr_tertimbang for s in result.unsur if s.nrr_tertimbang is not None]
    total = sum(weighted, Fraction(0)) if weighted else None
    table.add_row("", "Jumlah NRR tertimbang", "", "",
                  decimal_text(total, WEIGHTED_PLACES), "")
    table.add_row("", "IKM = Jumlah NRR tertimbang × 25", "", "",
                  decimal_text(result.index.ikm, 2), result.index.mutu or "–", style="bold")
    return table


def index_lines(result: IkmResult) -> Text:
    index = result.index
    text = Text()
    if index.ikm is None:
        text.append("IKM tidak dapat dihitung: tidak ada responden dengan sembilan jawaban sah.",
                    style="bold red")
        return text
    text.append(f"IKM {decimal_text(index.ikm, 2)} · mutu pelayanan {index.mutu} · kinerja "
                f"unit pelayanan {index.kinerja}", style="bold")
    if result.prioritas:
        text.append("\nPrioritas perbaikan (unsur dengan NRR terendah): ")
        text.append("; ".join(
            f"{s.kode} {s.nama} ({decimal_text(s.nrr, NRR_PLACES)})" for s in result.prioritas
        ))
    else:
        text.append("\nPrioritas perbaikan: tidak ada (semua unsur bernilai 4)")
    if result.periode:
        first, last = result.periode
        text.append(f"\nPeriode survei: {first:%d/%m/%Y} – {last:%d/%m/%Y}")
    if result.sample is not None:
        sample = result.sample
        verdict = "cukup" if sample.enough else (
            f"KURANG {thousands(sample.minimum - sample.responden)} responden"
        )
        text.append(
            f"\nSampel: {thousands(sample.responden)} responden; minimum "
            f"{thousands(sample.minimum)} untuk populasi {thousands(sample.populasi)} "
            f"(Krejcie–Morgan) — {verdict}",
            style=None if sample.enough else "bold yellow",
        )
    return text


def service_table(result: IkmResult) -> Table | None:
    if not result.per_layanan:
        return None
    table = Table(title="IKM per jenis layanan", title_style="bold")
    table.add_column("Jenis layanan", overflow="fold")
    table.add_column("Responden", justify="right")
    table.add_column("IKM", justify="right")
    table.add_column("Mutu", justify="center")
    table.add_column("Kinerja")
    for service in result.per_layanan:
        index = service.index
        table.add_row(service.layanan, thousands(index.responden), decimal_text(index.ikm, 2),
                      index.mutu or "–", index.kinerja or "–")
    return table


def profile_table(result: IkmResult) -> Table | None:
    if not result.profil:
        return None
    table = Table(title=f"Profil responden ({thousands(result.responden)} responden)",
                  title_style="bold")
    table.add_column("Aspek")
    table.add_column("Kategori", overflow="fold")
    table.add_column("Jumlah", justify="right")
    table.add_column("Persentase", justify="right")
    names = list(result.profil)
    for position, name in enumerate(names):
        counts = result.profil[name]
        for index, count in enumerate(counts):
            table.add_row(
                PROFILE_LABELS[name] if index == 0 else "", count.kategori,
                thousands(count.jumlah), decimal_text(count.persen, 2) + "%",
                end_section=index == len(counts) - 1 and position < len(names) - 1,
            )
    return table


def result_view(result: IkmResult) -> RenderableType:
    parts: list[RenderableType] = [unsur_table(result), index_lines(result)]
    for table in (service_table(result), profile_table(result)):
        if table is not None:
            parts.append(Text(""))
            parts.append(table)
    return Group(*parts)


def print_ikm_summary(result: IkmResult, console: Console, verbose: bool) -> None:
    """On stderr: counts per severity, then the galat (the first few) and the peringatan; with
    -v every problem in the order of the sheets."""
    counts = result.counts_by_severity
    console.print(counts_line(counts, verbose))
    if verbose:
        for problem in result.problems:
            console.print(problem_line(problem))
        return
    galat = [p for p in result.problems if p.severity is Severity.GALAT]
    for problem in galat[:SHOWN_GALAT]:
        console.print(problem_line(problem))
    if len(galat) > SHOWN_GALAT:
        console.print(f"… dan {len(galat) - SHOWN_GALAT} galat lainnya (tampilkan semua dengan -v)")
    for problem in result.problems:
        if problem.severity is Severity.PERINGATAN:
            console.print(problem_line(problem))
