"""The shipped examples count exactly what their generator wrote (examples/expected.json).

expected.json is built by construction in examples/make_examples.py, which tracks every row it
writes without using any iku code: an independent ground truth for the whole pipeline.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iku_cli import Options, hitung

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXPECTED = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
CASES = {"rekap_gucialit_2026.xlsx": EXAMPLES / "rekap_gucialit_2026.xlsx",
         "masuk": EXAMPLES / "masuk"}


@pytest.mark.parametrize("name", sorted(CASES))
def test_example_counts_per_unit_and_total(name: str) -> None:
    result = hitung([CASES[name]])
    expected = EXPECTED[name]
    assert {u.unit: (u.counted, u.followed_up) for u in result.units} == {
        unit: (v["jumlah"], v["ditindaklanjuti"]) for unit, v in expected["unit"].items()
    }
    assert (result.total.counted, result.total.followed_up) == (
        expected["total"]["jumlah"], expected["total"]["ditindaklanjuti"]
    )
    assert result.total.percent == expected["total"]["persentase"]
    assert result.evidence == expected["bukti"]
    assert result.complete is True


@pytest.mark.parametrize("name", sorted(CASES))
def test_example_mistakes_found_at_their_rows(name: str) -> None:
    """Every deliberate mistake is reported at its Excel row, and nothing else above info."""
    result = hitung([CASES[name]])
    reported = sorted(
        (Path(p.file).name, p.sheet or "", p.row, p.code)
        for p in result.problems if str(p.severity) != "info"
    )
    planted = sorted(
        (m.get("file", name), m["sheet"] or "", m["row"], m["code"])
        for m in EXPECTED[name]["mistakes"]
    )
    assert reported == planted


@pytest.mark.parametrize("name", sorted(CASES))
def test_example_quarters(name: str) -> None:
    result = hitung([CASES[name]], Options(period="triwulan"))
    quarters = {p.period: {"jumlah": p.count.counted, "ditindaklanjuti": p.count.followed_up,
                            "persentase": p.count.percent}
                for p in result.periods if p.unit is None}
    assert quarters == EXPECTED[name]["triwulan"]
