"""The Pengukuran Kinerja table of a LKjIP / e-SAKIP report, as data every renderer shares."""

from __future__ import annotations

from typing import Any

from iku_cli.rekap.model import Result
from iku_cli.rekap.vocab import DATA_SOURCE, INDICATOR_FORMULA, OWNER, SASARAN_STRATEGIS

LKJIP_COLUMNS: tuple[str, ...] = (
    "No", "Sasaran Strategis", "Indikator Kinerja Utama", "Satuan", "Target", "Realisasi",
    "Capaian (%)",
)


def lkjip_title(result: Result) -> str:
    parts = ["Pengukuran Kinerja"]
    if result.subdistrict:
        parts.append(f"Kecamatan {result.subdistrict}")
    if result.year:
        parts.append(f"Tahun {result.year}")
    return " ".join(parts)


def lkjip_rows(result: Result) -> list[list[Any]]:
    """One row: the sasaran and IKU of the seed document, target, realisasi, capaian."""
    achievement = result.achievement
    return [[
        1, SASARAN_STRATEGIS, result.indicator, "%", achievement.target,
        result.total.percent, achievement.percent,
    ]]


def lkjip_notes(result: Result) -> list[tuple[str, str]]:
    """What the form prints under the table: formula, data source, owner, and the category."""
    notes = [
        ("Rumus", INDICATOR_FORMULA),
        ("Sumber data", DATA_SOURCE),
        ("Penanggung jawab", OWNER),
        ("Realisasi", f"{result.total.followed_up} ditindaklanjuti dari "
                      f"{result.total.counted} kegiatan fasilitasi dan koordinasi"),
    ]
    if result.achievement.category:
        notes.append(("Kategori capaian", result.achievement.category))
    elif result.achievement.target is None:
        notes.append(("Target", "belum diisi: --target PERSEN atau 'target' di iku.toml"))
    return notes
