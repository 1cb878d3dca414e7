"""The shipped IKM example counts exactly what its generator computed (expected_ikm.json).

examples/make_ikm_example.py draws the answers, writes the workbook, and computes the index
with fractions from the answers it wrote — without any iku code: an independent ground truth.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from iku_cli.ikm import IkmOptions, ikm

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ikm"
EXPECTED = json.loads((EXAMPLE / "expected_ikm.json").read_text(encoding="utf-8"))
WORKBOOK = EXAMPLE / EXPECTED["berkas"]


@pytest.mark.parametrize("bobot", sorted(EXPECTED["bobot"]))
def test_example_index_under_each_bobot(bobot: str) -> None:
    expected = EXPECTED["bobot"][bobot]
    result = ikm([WORKBOOK], IkmOptions(bobot=bobot))
    assert result.responden == expected["responden"] == EXPECTED["responden"]
    assert [s.jumlah_nilai for s in result.unsur] == expected["jumlah_nilai"]
    assert str(result.index.exact) == expected["ikm_exact"]
    assert result.index.ikm == Decimal(str(expected["ikm"])).quantize(Decimal("0.01"))
    assert (result.index.mutu, result.index.kinerja) == (expected["mutu"], expected["kinerja"])
    assert result.mapping == "nama" and result.recoded == ((8, 9), (9, 8))


def test_example_per_service_and_profile() -> None:
    result = ikm([WORKBOOK])
    assert {s.layanan: (s.index.responden, float(s.index.ikm), s.index.mutu)
            for s in result.per_layanan} == {
        name: (v["responden"], v["ikm"], v["mutu"]) for name, v in EXPECTED["per_layanan"].items()
    }
    assert result.to_dict()["profil"] == EXPECTED["profil"]


def test_example_mistakes_found_at_their_cells() -> None:
    result = ikm([WORKBOOK])
    reported = sorted((p.sheet, p.row, p.cell, p.code) for p in result.problems
                      if str(p.severity) != "info")
    planted = sorted((m["sheet"], m["row"], f"{m['column']}{m['row']}", m["code"])
                     for m in EXPECTED["mistakes"])
    assert reported == planted
    assert sum(s.activity_rows for f in result.sources for s in f.sheets) == (
        EXPECTED["baris_responden"])
