"""Invariants of the count, as property tests over generated rekap tables (hypothesis).

0 ≤ ditindaklanjuti ≤ jumlah; the total is the sum over units and over periods (Tanpa tanggal
included); the result does not change when rows are shuffled, split across sheets or files, or
when blank and section rows are inserted; every activity row is counted or reported.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import HEADER, SheetSpec, write_xlsx
from iku_cli.inputs.dates import parse_date
from iku_cli.rekap.core import Options, hitung
from iku_cli.rekap.model import Result
from iku_cli.text import plain_ascii_joined

EVIDENCE = ["Rakor", "BA", "SK Camat", "Laporan Kegiatan", "Rekom", "Foto", "", "Rakor, BA",
            "Berita Acra", "Daftar Hadir"]
STATUS = ["Ya", "Tidak", "Sudah", "Belum", "", "menunggu", "✓", "-"]
DATES: list[Any] = [dt.date(2026, 1, 15), dt.date(2026, 3, 31), dt.date(2026, 4, 1),
                    dt.date(2026, 12, 31), "12 Maret 2026", "akhir bulan", None, "29/02/2026"]
UNITS = ["Pemerintahan", "Trantib", "PMD", "Kesos"]

activity = st.tuples(
    st.integers(0, 40),  # text id: small range so exact duplicates happen
    st.sampled_from(DATES), st.sampled_from(EVIDENCE), st.sampled_from(STATUS),
    st.sampled_from(UNITS),
)
tables = st.lists(activity, min_size=1, max_size=30)
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def row(item: tuple, number: int) -> list[Any]:
    text_id, date, evidence, status, unit = item
    return [number, date, f"Koordinasi kegiatan {text_id}", evidence, None, status,
            "hasil", unit]


def header() -> list[str]:
    return [*HEADER[:7], "Unit Kerja"]


def sheets_of(items: list[tuple], parts: int, noise: bool) -> list[SheetSpec]:
    chunks = [items[i::parts] for i in range(parts)]
    specs = []
    for index, chunk in enumerate(chunks):
        rows: list[list[Any]] = [header()]
        for number, item in enumerate(chunk, start=1):
            if noise and number % 3 == 0:
                rows += [[], ["TRIWULAN II"], []]
            rows.append(row(item, number))
        specs.append(SheetSpec(f"Rekap{index + 1}", rows))
    return specs


def summary(result: Result) -> tuple:
    units = sorted((u.unit, u.counted, u.followed_up) for u in result.units)
    return (result.total.counted, result.total.followed_up, tuple(units),
            tuple(sorted(result.evidence.items())))


def count(tmp_path: Path, name: str, specs: list[SheetSpec], one_workbook: bool = False,
          **options: Any) -> Result:
    """Count the sheets as one file each, or as the sheets of one workbook."""
    folder = tmp_path / name
    folder.mkdir()
    if one_workbook:
        write_xlsx(folder / "rekap.xlsx", specs)
    for index, spec in enumerate([] if one_workbook else specs):
        write_xlsx(folder / f"rekap_{index}.xlsx", [spec])
    return hitung([folder], Options(**options))


@SETTINGS
@given(items=tables)
def test_bounds_and_sums(tmp_path_factory: Any, items: list[tuple]) -> None:
    tmp = tmp_path_factory.mktemp("p")
    result = count(tmp, "a", sheets_of(items, 1, False), period="triwulan")
    assert 0 <= result.total.followed_up <= result.total.counted <= len(items)
    assert sum(u.counted for u in result.units) == result.total.counted
    assert sum(u.followed_up for u in result.units) == result.total.followed_up
    assert all(0 <= u.followed_up <= u.counted for u in result.units)
    periods = [p for p in result.periods if p.unit is None]
    assert sum(p.count.counted for p in periods) == result.total.counted
    assert sum(p.count.followed_up for p in periods) == result.total.followed_up


@SETTINGS
@given(items=tables, parts=st.integers(1, 3), noise=st.booleans(), one_workbook=st.booleans())
def test_every_activity_row_is_counted_or_reported(tmp_path_factory: Any, items: list[tuple],
                                                   parts: int, noise: bool,
                                                   one_workbook: bool) -> None:
    """Also when split across sheets or files and with blank and section rows between."""
    tmp = tmp_path_factory.mktemp("p")
    result = count(tmp, "a", sheets_of(items, parts, noise), one_workbook)
    store = result.activities
    assert len(store) == len(items)  # every row listed
    # a column the store says plain (the duplicate keys fold it at once) is plain
    for column, plain in ((store.text, store.plain_text), (store.number, store.plain_number)):
        assert not (plain and column) or plain_ascii_joined(column) is not None
    reported = {(p.sheet, p.row) for p in result.problems if p.row is not None
                and p.code in ("bukti-kosong", "bukti-tidak-sah", "duplikat")}
    for index in range(len(store)):
        if store.reason[index] is not None:
            assert (store.sheet[index], store.row[index]) in reported


@SETTINGS
@given(items=tables, seed=st.integers(0, 10_000), parts=st.integers(2, 3))
def test_shuffled_split_and_noisy_tables_count_the_same(
    tmp_path_factory: Any, items: list[tuple], seed: int, parts: int
) -> None:
    tmp = tmp_path_factory.mktemp("p")
    plain = summary(count(tmp, "plain", sheets_of(items, 1, False)))
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)
    # an exact duplicate keeps the first copy's status and unit, so reordering may change the
    # count only when copies disagree on them: compare when they agree
    first: dict[tuple, tuple] = {}
    consistent = all(
        first.setdefault((i[0], parse_date(i[1], 2026).date, i[2]), (i[3], i[4])) == (i[3], i[4])
        for i in items
    )
    if consistent:
        assert summary(count(tmp, "shuffled", sheets_of(shuffled, 1, False))) == plain
        assert summary(count(tmp, "split", sheets_of(items, parts, False))) == plain
        assert summary(count(tmp, "sheets", sheets_of(items, parts, False), True)) == plain
    assert summary(count(tmp, "noisy", sheets_of(items, 1, True))) == plain
