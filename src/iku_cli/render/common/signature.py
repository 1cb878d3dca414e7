"""The signature block under a report: place and date, position, room to sign, name, rank, NIP.

From ``[penandatangan]`` in iku.toml; what the file does not give is shown as a placeholder in
square brackets, marked so a renderer can highlight it and the office sees what to fill in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from iku_cli.inputs.dates import MONTH_NAMES

FILL_IN_HINT = "isi [penandatangan] di iku.toml (tempat, jabatan, nama, pangkat, nip)"


@dataclass(frozen=True)
class Signatory:
    """[penandatangan]: who signs, as the office writes it."""

    place: str | None = None  # tempat
    position: str | None = None  # jabatan
    name: str | None = None  # nama
    rank: str | None = None  # pangkat
    nip: str | None = None
    date: str | None = None  # tanggal, as written; else the day the report is made

    @property
    def complete(self) -> bool:
        return all((self.place, self.position, self.name, self.nip))


@dataclass(frozen=True)
class SignLine:
    text: str
    role: str  # "date" | "position" | "space" | "name" | "rank" | "nip"
    placeholder: bool = False  # not given: the office must fill it in


def long_date(day: dt.date) -> str:
    """2 Desember 2026."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def signature_lines(signatory: Signatory, subdistrict: str | None,
                    today: dt.date) -> list[SignLine]:
    """The block's lines, top to bottom; a placeholder for every part not given."""
    place = signatory.place or subdistrict
    position = signatory.position or (f"Camat {subdistrict}" if subdistrict else None)
    date = signatory.date or long_date(today)
    return [
        SignLine(f"{place or '[tempat]'}, {date}", "date", place is None),
        SignLine(position or "[jabatan penandatangan]", "position", position is None),
        SignLine("", "space"),
        SignLine(signatory.name or "[nama penandatangan]", "name", signatory.name is None),
        SignLine(signatory.rank or "[pangkat/golongan]", "rank", signatory.rank is None),
        SignLine(f"NIP. {signatory.nip}" if signatory.nip else "NIP. [nomor induk pegawai]",
                 "nip", signatory.nip is None),
    ]
