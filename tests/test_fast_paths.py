"""The shortcuts taken for speed give exactly what the plain code gives: cheap first looks
before header matching, whole-column text cleaning, per-distinct-value matching, and the fast
path over plain activity rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from iku_cli.inputs.cells import cell_text, cell_texts
from iku_cli.inputs.read import RawSheet
from iku_cli.rekap import match
from iku_cli.rekap.locate import locate_tables
from iku_cli.rekap.normalize import _per_distinct
from iku_cli.rekap.vocab import DEFAULT_VOCABULARY, FIELDS, HEADER_SPELLINGS

VOCAB = DEFAULT_VOCABULARY
SPELLINGS = sorted({s for spellings in HEADER_SPELLINGS.values() for s in spellings}
                   | {"Bukti Dukung", "Tindak Lanjut", "Jenis Bukti", "Status Tindak Lanjut"})
NOISE = st.text(alphabet=st.sampled_from(list(" .,:;/&()[]-_\t\n\u00a0\u200bÉéßﬁ1aZ")),
                max_size=6)


@st.composite
def header_like(draw: st.DrawFn) -> str:
    """Texts near header spellings: changed case, noise around, words after, or anything."""
    if draw(st.booleans()):
        return draw(st.text(max_size=30))
    text = draw(st.sampled_from(SPELLINGS))
    if draw(st.booleans()):
        text = text.upper() if draw(st.booleans()) else text.title()
    return draw(NOISE) + text + draw(NOISE) + draw(st.sampled_from(["", " kegiatan", " (ya)"]))


@settings(max_examples=600, deadline=None)
@given(header_like())
def test_header_matchers_agree_with_the_uncached_originals(text: str) -> None:
    assert match.match_header(text, VOCAB) == match._match_header(text, VOCAB)
    assert match.exact_header(text, VOCAB) == match._exact_header(text, VOCAB)
    from iku_cli.rekap.header import _GROUP_KEYS, is_group_cell
    from iku_cli.text import header_key

    assert is_group_cell(text) == (header_key(text) in _GROUP_KEYS)
    for group in _GROUP_KEYS:  # the group spellings themselves, changed as the texts are
        assert is_group_cell(group.upper() + text[:0])
    for field in FIELDS:
        assert match.names_field(text, field, VOCAB) == (
            match._match_header(text, VOCAB) == field
        )


CELLS = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, width=32),
    st.sampled_from([0, 1, 1.0, 0.0, True, False, "", " ", "1", "Ya", "ya ", "  Rakor  dan BA"]),
    st.dates(dt.date(1899, 1, 1), dt.date(2101, 1, 1)),
    st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2030, 1, 1)),
    st.text(max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(CELLS, max_size=40))
def test_column_helpers_agree_with_one_call_per_cell(values: list[Any]) -> None:
    assert cell_texts(values) == [cell_text(v) for v in values]
    status = [match.match_status(v, VOCAB) for v in values]  # cached: warm it as the column does
    assert _per_distinct(values, lambda v: match.match_status(v, VOCAB)) == status

    def kind(value: Any) -> tuple[str, Any]:  # tells 1, 1.0 and True apart
        return (type(value).__name__, value)

    assert _per_distinct(values, kind) == [kind(v) for v in values]


ROW_KINDS = st.sampled_from([
    ["{n}", "12/03/2026", "Rapat koordinasi {n} lintas sektor desa", "BA", "", "Ya", "ok"],
    ["{n}", "", "Koordinasi {n}", "Rakor", "", "", ""],
    ["", "", "Uraian Kegiatan", "Jenis Bukti Dukung", "", "Ditindaklanjuti", ""],
    ["", "", "Kegiatan", "Bukti", "", "Status", ""],
    ["", "", "JUMLAH", "", "", "", ""],
    ["", "", "Jumlah rapat {n}", "Rakor", "", "Ya", ""],
    ["", "", "\u200bJUMLAH {n}", "", "", "", ""],
    ["", "", "TRIWULAN II", "", "", "", ""],
    ["", "", "lanjutan uraian {n}", "", "", "", ""],
    ["", "", "", "BA", "", "Ya", ""],
    ["", "", "", "", "", "", ""],
    ["{n}", "", "  ", "BA", "", "", ""],
    ["", "Mengetahui", "", "", "", "", ""],
    ["{n}", "", "Total kegiatan {n}", "Foto", "", "Tidak", ""],
])


@settings(max_examples=150, deadline=None)
@given(st.lists(ROW_KINDS, min_size=1, max_size=25))
def test_fast_row_path_finds_what_the_checks_find(kinds: list[list[str]]) -> None:
    """Rows the fast path takes as plain activities, judged without it (every row through
    the full checks), give the same tables and problems."""
    header = ["No", "Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung", "Nomor Bukti",
              "Ditindaklanjuti", "Hasil"]
    rows = [header] + [[cell.format(n=n) for cell in kind] for n, kind in enumerate(kinds)]
    fast = locate_tables(RawSheet("Pemerintahan", [list(r) for r in rows]), "f.xlsx", VOCAB)

    from iku_cli.rekap import row_tests

    original = row_tests.RowTests.plain_many
    try:
        row_tests.RowTests.plain_many = (  # type: ignore[method-assign]
            lambda self, rows: [False] * len(rows))
        slow = locate_tables(RawSheet("Pemerintahan", [list(r) for r in rows]), "f.xlsx", VOCAB)
    finally:
        row_tests.RowTests.plain_many = original  # type: ignore[method-assign]
    assert fast.tables == slow.tables
    assert fast.problems == slow.problems


ROW_CELLS = st.one_of(
    CELLS,
    st.sampled_from(["JUMLAH", " Jumlah rapat", "Total", "Uraian Kegiatan", "URAIAN  KEGIATAN",
                     "Nama Kegiatan (ya)", "Kegiatan\nlanjutan", "Rapat Koordinasi", "Foto",
                     "BA, SK Camat", "Sudah", "Belum", "v", "✓", "Ya\x00", "Jémbatan",
                     "[Kegiatan]", "kegiatan", "x" * 90, "No", "Tanggal"]),
)
HEADERS = [
    ["No", "Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung", "Nomor Bukti",
     "Ditindaklanjuti", "Hasil"],
    ["No", "Kegiatan", "Bukti Dukung", "Status"],
    ["Kegiatan", "Tanggal", "Tindak Lanjut", "Bukti Dukung"],
    ["No", "Uraian Kegiatan", "Rapat Koordinasi", "Dokumen/Laporan", "SK Camat",
     "Rekomendasi", "Berita Acara", "Ditindaklanjuti"],
]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(HEADERS), st.lists(st.lists(ROW_CELLS, max_size=9), max_size=30))
def test_plain_rows_column_by_column_agree_with_row_by_row(
    header: list[str], rows: list[list[Any]]
) -> None:
    """The fast path's column-wise classification (plain_many) answers exactly what plain
    answers for each row: ragged rows, 1/1.0/True, dates, header spellings, total words,
    non-ASCII, brackets and newlines in the activity text, tick-column layouts."""
    from iku_cli.rekap.header import evaluate_header, merge_index
    from iku_cli.rekap.row_tests import RowTests

    layout = evaluate_header([header], 0, merge_index(None, 1, len(header)), VOCAB)
    assert layout is not None
    tests = RowTests(layout, VOCAB)
    fresh = RowTests(layout, VOCAB)  # its own caches: one answer must not feed the other
    assert tests.plain_many(rows) == [fresh.plain(row) for row in rows]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(
    st.text(alphabet=st.sampled_from(list("aZ09 .-/\t\n\r\x1c\x1f\x00ÉßİK")), max_size=8),
    st.sampled_from(["", " ", "Rapat  Koordinasi", "RAPAT koordinasi", "BA/001", " x", "x "]),
), max_size=30))
def test_duplicate_keys_folded_together_agree_with_one_at_a_time(texts: list[str]) -> None:
    from iku_cli.rekap.duplicates import comparable

    assert comparable(texts) == [" ".join(t.split()).casefold() for t in texts]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(
    CELLS,
    st.text(alphabet=st.sampled_from(list("aZ09 .-/\t\n\r\x00\x7fÉ")), max_size=8),
), max_size=30))
def test_clean_column_shortcut_agrees_with_one_call_per_cell(values: list[Any]) -> None:
    assert cell_texts(values) == [cell_text(v) for v in values]
    assert cell_texts([str(v) for v in values]) == [cell_text(str(v)) for v in values]
