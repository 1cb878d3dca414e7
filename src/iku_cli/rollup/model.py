"""Plain data of a roll-up: each result as sent, the kabupaten's rows, and the JSON shape."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from iku_cli.problems import Problem, count_by_severity
from iku_cli.rekap.model import Achievement, Count


@dataclass
class Sent:
    """One file a kecamatan sent, as read: its result (the numbers as that kecamatan counted
    them), or why it is not one or not used."""

    display: str  # the file, as found
    kind: str  # "json" | "ringkasan" | "lain"
    sha256: str | None = None
    subdistrict: str | None = None  # kecamatan
    regency: str | None = None  # kabupaten
    year: int | None = None
    indicator: str | None = None
    complete: bool = True  # lengkap, as the kecamatan's run said
    count: Count = field(default_factory=lambda: Count(0, 0))
    achievement: Achievement = field(default_factory=Achievement)
    not_reported: list[str] = field(default_factory=list)  # belum_melapor of that kecamatan
    galat: int = 0
    made_at: dt.datetime | None = None  # dibuat
    inputs: list[tuple[str, str | None]] = field(default_factory=list)  # (berkas, sha256)
    readable: bool = True
    left_out: str | None = None  # why it is not in the roll-up (None: used)

    @property
    def used(self) -> bool:
        return self.readable and self.kind != "lain" and self.left_out is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "berkas": self.display,
            "sha256": self.sha256,
            "jenis": self.kind,
            "kecamatan": self.subdistrict,
            "tahun": self.year,
            "dibuat": None if self.made_at is None else self.made_at.isoformat(),
            "dipakai": self.used,
            "alasan": self.left_out,
            "masukan": [{"berkas": name, "sha256": digest} for name, digest in self.inputs],
        }


@dataclass(frozen=True)
class SubdistrictRow:
    """One kecamatan of the kabupaten: its result, or None when it sent nothing."""

    name: str
    sent: Sent | None

    def to_dict(self) -> dict[str, Any]:
        sent = self.sent
        if sent is None:
            return {"kecamatan": self.name, "jumlah": None, "ditindaklanjuti": None,
                    "persentase": None, "target": None, "capaian": None, "kategori": None,
                    "belum_melapor": [], "galat": None, "lengkap": None, "sha256": None,
                    "berkas": None, "dibuat": None, "terkirim": False}
        return {
            "kecamatan": self.name,
            **sent.count.to_dict(),
            **sent.achievement.to_dict(),
            "belum_melapor": sent.not_reported,
            "galat": sent.galat,
            "lengkap": sent.complete,
            "sha256": sent.sha256,
            "berkas": sent.display,
            "dibuat": None if sent.made_at is None else sent.made_at.isoformat(),
            "terkirim": True,
        }


@dataclass
class Rollup:
    """What ``gabung`` returns and every roll-up renderer formats."""

    indicator: str
    regency: str | None  # kabupaten
    year: int | None
    complete: bool  # lengkap: every file read, every result used complete
    total: Count
    achievement: Achievement
    rows: list[SubdistrictRow]
    not_sent: list[str]  # belum_mengirim
    problems: list[Problem]
    sources: list[Sent]

    @property
    def counts_by_severity(self) -> dict[str, int]:
        return count_by_severity(self.problems)

    @property
    def results_used(self) -> int:
        return sum(1 for row in self.rows if row.sent is not None)

    def to_dict(self) -> dict[str, Any]:
        counts = self.counts_by_severity
        return {
            "versi_skema": 1,
            "kabupaten": self.regency,
            "tahun": self.year,
            "indikator": self.indicator,
            "lengkap": self.complete,
            "total": {**self.total.to_dict(), **self.achievement.to_dict()},
            "kecamatan": [row.to_dict() for row in self.rows],
            "belum_mengirim": self.not_sent,
            "masalah": {
                "galat": counts["galat"],
                "peringatan": counts["peringatan"],
                "info": counts["info"],
                "daftar": [problem.to_dict() for problem in self.problems],
            },
            "sumber": [source.to_dict() for source in self.sources],
        }
