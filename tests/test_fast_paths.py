"""The shortcuts taken for speed give exactly what the plain code gives: cheap first looks
before header matching, whole-column text cleaning, per-distinct-value matching, and the fast
path over plain activity rows."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from enum import IntEnum, StrEnum
from itertools import compress
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from iku_cli.inputs.cells import cell_text, cell_texts, column_letters, per_distinct
from iku_cli.inputs.read import RawSheet
from iku_cli.inputs.xlsx_extent import numbers_up_to, quick_bound, walk
from iku_cli.rekap import match
from iku_cli.rekap.compute import counted_mask
from iku_cli.rekap.locate import locate_tables
from iku_cli.rekap.model import Activities, Count
from iku_cli.rekap.normalize import SHOWN_ROWS
from iku_cli.rekap.vocab import DEFAULT_VOCABULARY, FIELDS, HEADER_SPELLINGS
from iku_cli.render.common.tabular import to_json

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
    assert per_distinct(values, lambda v: match.match_status(v, VOCAB)) == status

    def kind(value: Any) -> tuple[str, Any]:  # tells 1, 1.0 and True apart
        return (type(value).__name__, value)

    assert per_distinct(values, kind) == [kind(v) for v in values]


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
    ["{n}", "Jumat, 13 Maret 2026", "Rapat {n}", "BA", "", "Ya", ""],  # starts like 'Jumlah'
    ["", "Jumat, 13 Maret 2026", "JUMLAH", "", "", "", ""],
    ["{n}", "Jumlah {n}", "Rapat {n}", "BA", "", "Ya", ""],
    ["{n}", "Total: {n}", "", "BA", "", "Ya", ""],
    ["", "", "JUMLAH TW I", "Rakor", "", "Ya", ""],  # a total label beside known words
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
            lambda self, rows, reach=None: [False] * len(rows))
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
# the first text before the activity: a total word, a date written as text (starts like
# 'Jumlah'), non-ASCII; an activity that is a number, with a total word after it
@example(HEADERS[0], [[1, "JUMLAH", "Rapat Koordinasi", "Rapat Koordinasi", "", "Ya"],
                      ["Total", 2, "Rapat", "BA", "", "Ya"],
                      [3, "Jumat, 13 Maret 2026", "Rapat", "BA", "", "Ya"],
                      [4, "Jémbatan", "Rapat", "BA", "", "Ya"],
                      [5, "", 12.0, "BA", "", "Ya", "Jumlah"],
                      [6, "", 12.0, "BA", "", "Ya", "catatan"]])
# a header spelling spread past 80 characters (its letters a header's; too long to be one)
# among plain texts, and one within 80
@example(HEADERS[0], [[1, "", "Uraian" + " " * 80 + "Kegiatan", "BA", "", "Ya"],
                      [2, "", "Rapat desa", "BA", "", "Ya"],
                      [3, "", "URAIAN   KEGIATAN", "BA", "", "Ya"]])
def test_plain_rows_column_by_column_agree_with_row_by_row(
    header: list[str], rows: list[list[Any]]
) -> None:
    """The fast path's column-wise classification (plain_many) answers exactly what plain
    answers for each row: ragged rows, 1/1.0/True, dates, header spellings, total words,
    non-ASCII, brackets and newlines in the activity text, tick-column layouts — and so with
    the rows' shortest length handed over, or one shorter than the columns asked."""
    from iku_cli.rekap.header import evaluate_header, merge_index
    from iku_cli.rekap.row_tests import RowTests

    layout = evaluate_header([header], 0, merge_index(None, 1, len(header)), VOCAB)
    assert layout is not None
    tests = RowTests(layout, VOCAB)
    fresh = RowTests(layout, VOCAB)  # its own caches: one answer must not feed the other
    expected = [fresh.plain(row) for row in rows]
    assert tests.plain_many(rows) == expected
    # the shortest row's length as the walk hands it over, or a shorter one (a title row)
    shortest = min(map(len, rows), default=0)
    assert RowTests(layout, VOCAB).plain_many(rows, shortest) == expected
    assert RowTests(layout, VOCAB).plain_many(rows, 0) == expected


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(
    st.text(alphabet=st.sampled_from(list("aZ09 .-/\t\n\r\x1c\x1f\x00ÉßİK")), max_size=8),
    st.sampled_from(["", " ", "Rapat  Koordinasi", "RAPAT koordinasi", "BA/001", " x", "x "]),
), max_size=30))
def test_duplicate_keys_folded_together_agree_with_one_at_a_time(texts: list[str]) -> None:
    """Folded at once (found plain here, or vouched plain by whoever found it so) or one at
    a time: the same keys."""
    from iku_cli.rekap.duplicates import comparable
    from iku_cli.text import plain_ascii_joined

    folded = [" ".join(t.split()).casefold() for t in texts]
    assert comparable(texts) == folded
    if plain_ascii_joined(texts) is not None:
        assert comparable(texts, plain=True) == folded


def _plain_ascii_joined_by_definition(texts: list[str]) -> str | None:
    """plain_ascii_joined as first written: each condition on the joined str."""
    joined = "\n".join(texts)
    if (joined.isascii() and joined.count("\n") == len(texts) - 1
            and joined.replace("\n", "").isprintable() and "  " not in joined
            and " \n" not in joined and "\n " not in joined and joined == joined.strip(" ")):
        return joined
    return None


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(
    st.text(alphabet=st.sampled_from(list("aZ~09 .\t\n\r\x0b\x0c\x1f\x00\x7f\x80\xa0É")),
            max_size=6),
    st.sampled_from(["", " ", "Rapat  Koordinasi", "Rapat Koordinasi", " x", "x ", "a\nb"]),
), max_size=20))
def test_plain_ascii_joined_agrees_with_its_definition(texts: list[str]) -> None:
    from iku_cli.text import plain_ascii_joined

    assert plain_ascii_joined(texts) == _plain_ascii_joined_by_definition(texts)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(
    CELLS,
    st.text(alphabet=st.sampled_from(list("aZ09 .-/\t\n\r\x00\x7fÉ")), max_size=8),
), max_size=30))
def test_clean_column_shortcut_agrees_with_one_call_per_cell(values: list[Any]) -> None:
    """The same texts; a column said plain is one plain_ascii_joined takes."""
    from iku_cli.inputs.cells import plain_cell_texts
    from iku_cli.text import plain_ascii_joined

    assert cell_texts(values) == [cell_text(v) for v in values]
    assert cell_texts([str(v) for v in values]) == [cell_text(str(v)) for v in values]
    for column in (values, [str(v) for v in values]):
        texts, plain = plain_cell_texts(column)
        assert texts == [cell_text(v) for v in column]
        assert not plain or plain_ascii_joined(texts) is not None


# --- the quick far-cell bound (xlsx_extent.quick_bound) ------------------------------------

@given(st.integers(1, 10**8), st.lists(st.integers(0, 10**9), max_size=30))
def test_numbers_up_to_matches_exactly_one_to_the_limit(limit: int, others: list[int]) -> None:
    pattern = re.compile(b"(?:%s)" % numbers_up_to(limit))
    for number in [*others, 0, 1, limit - 1, limit, limit + 1, limit * 10]:
        assert (pattern.fullmatch(str(number).encode()) is not None) == (1 <= number <= limit)
    assert pattern.fullmatch(b"0" + str(limit).encode()) is None  # a leading zero: not ours


_CELL_FORMS = (  # how a cell tag may be written; only the first is the quick bound's form
    b'<c r="{ref}" t="n"><v>1</v></c>',
    b"<c r='{ref}' t=\"n\"><v>1</v></c>",
    b'<c t="n" r="{ref}"><v>1</v></c>',
    b'<c  r="{ref}"><v>1</v></c>',
    b'<c r="{lower}"><v>1</v></c>',
    b"<c><v>1</v></c>",
    b'<x:c r="{ref}"><v>1</v></x:c>',
)


def _drawn_sheet(cells: list[tuple[int, int, int]], last_row: int, far: bool) -> bytes:
    """A sheet of the drawn (row, column, form) cells under row elements up to ``last_row``;
    with ``far``, the cells of the first form a thousand times further down than their row."""
    rows: dict[int, list[bytes]] = {}
    for row, column, form in cells:
        letters = column_letters(column)
        ref = f"{letters}{row * 1000 if far and form == 0 else row}"
        tag = _CELL_FORMS[form].replace(b"{ref}", ref.encode())
        rows.setdefault(min(row, last_row), []).append(
            tag.replace(b"{lower}", ref.lower().encode()))
    body = b"".join(b'<row r="%d">%s</row>' % (row, b"".join(tags))
                    for row, tags in sorted(rows.items()))
    body += b'<row r="%d"/>' % last_row if last_row > max(rows) else b""
    return b"<worksheet><sheetData>" + body + b"</sheetData></worksheet>"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 40), st.integers(1, 40), st.integers(0, 6)),
                min_size=1, max_size=25),
       st.integers(1, 40), st.booleans())
def test_quick_bound_never_under_the_walked_extent(
    cells: list[tuple[int, int, int]], last_row: int, far: bool
) -> None:
    """Whatever the cells' forms, columns and rows (a far one among them, before or after the
    last row element), the quick bound is None or covers every cell the reader places."""
    xml = _drawn_sheet(cells, last_row, far)
    bound = quick_bound(xml)
    walked_rows, walked_columns = walk(xml).extent
    if bound is not None:
        assert walked_rows * walked_columns <= bound
        assert walked_columns <= 26 and walked_rows <= bound // 26


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 40), st.integers(1, 40), st.integers(0, 6)),
                min_size=1, max_size=25),
       st.integers(1, 40), st.booleans(), st.integers(0, 10**6))
def test_quick_bound_searched_in_two_spans_is_searched_whole(
    cells: list[tuple[int, int, int]], last_row: int, far: bool, where: int
) -> None:
    """The quick search split at any ``<`` of sheetData (as the last piece's span is searched
    ahead of the rest) finds what one search finds, and the bound with that span vouched for
    is the bound."""
    from iku_cli.inputs.xlsx_extent import quick_clean, quick_rows

    xml = _drawn_sheet(cells, last_row, far)
    found = quick_rows(xml)
    if found is None:
        assert quick_bound(xml) is None
        return
    start, end, count = found
    splits = [i for i in range(start + 1, end) if xml[i:i + 1] == b"<"]
    split = splits[where % len(splits)]
    whole = quick_clean(xml, count, start, end)
    assert (quick_clean(xml, count, start, split) and quick_clean(xml, count, split, end)) \
        == whole
    if quick_clean(xml, count, split, end):
        assert quick_bound(xml, (split, end)) == quick_bound(xml)


def test_quick_bound_answers_for_the_common_sheet_and_refuses_a_far_cell() -> None:
    rows = b"".join(b'<row r="%d"><c r="A%d" t="n"><v>1</v></c><c r="H%d" t="s"><v>0</v></c>'
                    b"</row>" % (r, r, r) for r in range(1, 501))
    xml = b"<worksheet><sheetData>" + rows + b"</sheetData></worksheet>"
    assert quick_bound(xml) == 500 * 26
    for far in (b'<c r="A1048576"><v>1</v></c>', b'<c r="XFD7"><v>1</v></c>',
                b'<c r="B0501"><v>1</v></c>', b"<c><v>1</v></c>"):
        hostile = xml.replace(b"</row>", far + b"</row>", 1)
        assert quick_bound(hostile) is None


# --- JSON written by hand (render.common.tabular.to_json) ----------------------------------

class _Word(StrEnum):
    GALAT = "galat"


class _Number(IntEnum):
    THREE = 3


# (str and int subclasses too: the problems' severity is a StrEnum)
_JSON_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats()
                 | st.text(max_size=12) | st.sampled_from([_Word.GALAT, _Number.THREE]))
_JSON_VALUES = st.recursive(
    _JSON_SCALARS,
    lambda inner: (st.lists(inner, max_size=4) | st.tuples(inner, inner)
                   | st.dictionaries(st.text(max_size=6) | st.integers() | st.booleans()
                                     | st.none() | st.floats(), inner, max_size=4)),
    max_leaves=30)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(max_size=8), _JSON_VALUES, max_size=6))
def test_to_json_writes_what_json_dumps_writes(data: dict[Any, Any]) -> None:
    """Byte for byte json.dumps(ensure_ascii=False, indent=2): nested containers, empty ones,
    every scalar (NaN, infinities, big integers, control and non-ASCII characters), non-string
    keys."""
    assert to_json(data) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_RECORD_TEXTS = st.text(alphabet=st.sampled_from(list('{}[],: "\\\n\té')), max_size=8)
_RECORD_SCALARS = _JSON_SCALARS | _RECORD_TEXTS


@settings(max_examples=400, deadline=None)
@given(st.lists(st.dictionaries(_RECORD_TEXTS | st.integers() | st.none() | st.floats(),
                                _RECORD_SCALARS, max_size=4), min_size=1, max_size=5),
       st.integers(min_value=0, max_value=2))
def test_lists_of_flat_records_are_written_as_json_dumps_writes(
    records: list[dict[Any, Any]], depth: int
) -> None:
    """A list of dicts of scalars (the problems) goes through json's C encoder in one call:
    byte for byte what json.dumps writes, at any depth, with texts full of braces, commas,
    quotes and newlines, empty records among them, enum values, non-string keys."""
    data: Any = records
    for _ in range(depth):
        data = {"daftar": data}
    wrapped = {"masalah": data}
    assert to_json(wrapped) == json.dumps(wrapped, ensure_ascii=False, indent=2) + "\n"


def test_to_json_refuses_what_json_refuses() -> None:
    for bad in ({"a": {1, 2}}, {"a": object()}, {(1, 2): 1}, {"a": [{"b": {1}}]},
                {"a": [{"b": 1}, {(1, 2): 1}]}):
        with pytest.raises(TypeError):
            json.dumps(bad)
        with pytest.raises(TypeError):
            to_json(bad)


@settings(max_examples=600, deadline=None)
@given(st.binary(max_size=60).map(lambda b: bytes(c % 5 + 60 for c in b)),  # '<'..'@'
       st.binary(min_size=1, max_size=4).map(lambda b: bytes(c % 5 + 60 for c in b)),
       st.data())
def test_find_through_a_rare_byte_is_bytes_find(data: bytes, needle: bytes,
                                                draw: st.DataObject) -> None:
    """bytesearch.find answers as bytes.find for any start/end (negative ones not used), its
    byte anywhere in the needle, and after any number of places the byte stood alone."""
    from iku_cli.inputs.bytesearch import find

    anchor = draw.draw(st.integers(0, len(needle) - 1))
    start = draw.draw(st.integers(0, len(data) + 2))
    end = draw.draw(st.one_of(st.none(), st.integers(0, len(data) + 2)))
    limit = draw.draw(st.integers(0, 3))
    expected = data.find(needle, start) if end is None else data.find(needle, start, end)
    assert find(data, needle, anchor, start, end, limit) == expected


@pytest.mark.parametrize(("data", "needle", "anchor"), [
    (b"a<<", b"<<", 1), (b"<a<<<", b"<<", 1), (b"xx<f<f", b"<f", 1), (b"#<v>#", b"<v>#", 3),
    (b"<?xml?><?x", b"<?", 1), (b"", b"<!", 1), (b"!!!<!", b"<!", 1),
])
def test_find_through_a_rare_byte_at_once_and_after_the_limit(data: bytes, needle: bytes,
                                                             anchor: int) -> None:
    from iku_cli.inputs.bytesearch import find

    for limit in (0, 1, 2, 100):
        for start in range(len(data) + 1):
            assert find(data, needle, anchor, start, limit=limit) == data.find(needle, start)


def _first_rows_one_at_a_time(store: Activities, chosen: list[bool],
                              titled: set[tuple[str, str]]) -> dict:
    """core.first_rows_per_sheet as first written (in _other_year_rows): every chosen row of
    every sheet appended."""
    rows: dict[tuple[str, str], list[int]] = {}
    for index in compress(range(len(chosen)), chosen):
        place = (store.file[index], store.sheet[index])
        if place not in titled:
            rows.setdefault(place, []).append(store.row[index])
    return {place: (len(found), found[:SHOWN_ROWS + 1]) for place, found in rows.items()}


_SHEETS = [("a.xlsx", "S1"), ("a.xlsx", "S2"), ("b.xlsx", "S1")]
_MANY_CHOSEN = [("a.xlsx", "S1", n % 3 > 0) for n in range(60)] + [
    ("a.xlsx", "S2", True)] * 40 + [("b.xlsx", "S1", True)] * 21


@example(_MANY_CHOSEN, set())
@example(_MANY_CHOSEN, {("a.xlsx", "S1")})
@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a.xlsx", "b.xlsx"]), st.sampled_from(["S1", "S2"]),
                          st.booleans()), max_size=70),
       st.sets(st.sampled_from(_SHEETS)))
def test_first_rows_per_sheet_agree_with_one_row_at_a_time(
        rows: list[tuple[str, str, bool]], titled: set[tuple[str, str]]) -> None:
    """Up to 70 rows over three sheets (more than a message shows), some sheets titled, in
    the order each sheet first appears — row by row, or table by table."""
    from iku_cli.rekap.core import first_rows_per_sheet

    store = Activities()
    for number, (file, sheet, _) in enumerate(rows):
        store.add_table(file=file, sheet=sheet, subdistrict=None, rows=[number + 5],
                        units=["Kesos"], dates=[None], texts=[f"k{number}"],
                        evidence=[("Berita Acara",)], numbers=[""], followed=[True],
                        results=[""], reasons=[None])
    chosen = [pick for _, _, pick in rows]
    expected = list(_first_rows_one_at_a_time(store, chosen, titled).items())
    assert list(first_rows_per_sheet(store, chosen, titled).items()) == expected
    # the same from the tables' slices of the store (a table: a run of rows of one sheet)
    spans = []
    for number, (file, sheet, _) in enumerate(rows):
        if spans and spans[-1][0] == (file, sheet) and number % 7:
            spans[-1] = ((file, sheet), spans[-1][1], number + 1)
        else:
            spans.append(((file, sheet), number, number + 1))
    assert list(first_rows_per_sheet(store, chosen, titled, spans).items()) == expected


def _period_cells_by_tuples(store: Activities, months: int) -> tuple[dict, dict]:
    """period_cells as first written (inside period_breakdown): a row's key the tuple (year,
    period, unit), undated rows None."""
    counted = counted_mask(store)
    units_of = list(compress(store.unit, counted))
    done = list(compress(store.followed, counted))
    keys = [None if date is None else (date.year, (date.month - 1) // months, unit)
            for date, unit in zip(compress(store.date, counted), units_of, strict=True)]
    dated = [key is not None for key in keys]
    dated_done = [d and f is True for d, f in zip(dated, done, strict=True)]
    cells_done = Counter(compress(keys, dated_done))
    cells = {((key[0], key[1]), key[2]): Count(total, cells_done[key])
             for key, total in Counter(compress(keys, dated)).items() if key is not None}
    undated_rows = [not d for d in dated]
    undated_done = Counter(compress(units_of, [u and f is True for u, f
                                               in zip(undated_rows, done, strict=True)]))
    undated = {unit: Count(total, undated_done[unit])
               for unit, total in Counter(compress(units_of, undated_rows)).items()}
    return cells, undated


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Kesos", "Umpeg", "PMD"]),
                          st.one_of(st.none(),
                                    st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31))),
                          st.booleans(), st.sampled_from([None, None, "duplikat"])),
                max_size=40),
       st.sampled_from([1, 3, 6]))
def test_period_cells_by_int_keys_agree_with_tuple_keys(
        rows: list[tuple[str, dt.date | None, bool, str | None]], months: int) -> None:
    from iku_cli.rekap.compute import period_cells
    from iku_cli.rekap.model import Activities

    store = Activities()
    for number, (unit, date, followed, reason) in enumerate(rows):
        store.add_table(file="a.xlsx", sheet="S", subdistrict=None, rows=[number + 2],
                        units=[unit], dates=[date], texts=[f"k{number}"],
                        evidence=[("Berita Acara",)], numbers=[""], followed=[followed],
                        results=[""], reasons=[reason])
    assert period_cells(store, months) == _period_cells_by_tuples(store, months)


_EVIDENCE = st.sampled_from([("Berita Acara",), ("SK Camat", "Rekomendasi"), (), ("Lain",),
                              ("Rapat Koordinasi", "Rapat Koordinasi")])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Kesos", "Umpeg", "PMD", "Tanpa unit", "Zeta"]),
                          st.one_of(st.none(),
                                    st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31))),
                          st.sampled_from([True, False, None]),
                          st.sampled_from([None, None, "duplikat", "bukti"]), _EVIDENCE),
                max_size=40),
       st.sampled_from(["bulan", "triwulan", "semester"]))
def test_counts_from_the_tally_agree_with_row_by_row(
        rows: list[tuple[str, dt.date | None, bool | None, str | None, tuple[str, ...]]],
        kind: str) -> None:
    """Every count of a run is a sum over the tally's (unit, date, followed up) groups: the
    same totals per unit and evidence type, undated and per period as a loop over the rows
    (followed up means True; a unit with no counted row is still listed)."""
    from iku_cli.rekap.compute import (
        PERIOD_KINDS,
        period_breakdown,
        summarise,
        tally,
        undated,
        unit_sort_key,
    )
    from iku_cli.rekap.vocab import DEFAULT_VOCABULARY

    store = Activities()
    for number, (unit, date, followed, reason, evidence) in enumerate(rows):
        store.add_table(file="a.xlsx", sheet="S", subdistrict=None, rows=[number + 2],
                        units=[unit], dates=[date], texts=[f"k{number}"],
                        evidence=[evidence], numbers=[""], followed=[followed],  # type: ignore[list-item]
                        results=[""], reasons=[reason])
    counted = [row for row in rows if row[3] is None]
    summary = summarise(store, DEFAULT_VOCABULARY)
    assert summary.total == Count(len(counted), sum(row[2] is True for row in counted))
    units = sorted({row[0] for row in rows}, key=unit_sort_key(DEFAULT_VOCABULARY))
    assert [(u.unit, u.counted, u.followed_up) for u in summary.units] == [
        (unit, sum(row[0] == unit for row in counted),
         sum(row[0] == unit and row[2] is True for row in counted)) for unit in units]
    per_type = Counter(type_ for row in counted for type_ in row[4])
    assert summary.evidence == {t: per_type[t] for t in summary.evidence}
    assert undated(store) == Count(sum(row[1] is None for row in counted),
                                   sum(row[1] is None and row[2] is True for row in counted))
    months = PERIOD_KINDS[kind][0]
    years = sorted({row[1].year for row in counted if row[1] is not None})
    got = period_breakdown(store, kind, years[0] if len(years) == 1 else None, units)
    same = period_breakdown(store, kind, years[0] if len(years) == 1 else None, units,
                            counts=tally(store))
    assert got == same
    labels = PERIOD_KINDS[kind][1]
    for entry in got:
        if entry.unit is None or entry.period == "Tanpa tanggal":
            continue
        label, year = (entry.period, years[0]) if len(years) == 1 else (
            entry.period.rsplit(" ", 1)[0], int(entry.period.rsplit(" ", 1)[1]))
        index = labels.index(label)
        mine = [row for row in counted if row[0] == entry.unit and row[1] is not None
                and row[1].year == year and (row[1].month - 1) // months == index]
        assert entry.count == Count(len(mine), sum(row[2] is True for row in mine))


@pytest.mark.parametrize("inputs", [["examples/rekap_gucialit_2026.xlsx"], ["examples/masuk"]])
def test_counted_per_sheet_from_the_tables_agrees_with_row_by_row(inputs: list[str]) -> None:
    """_finish_sources counts each sheet's counted rows from its tables' slices; with the
    tables forgotten it counts them row by row: the same numbers, for every sheet."""
    import copy
    from pathlib import Path

    from iku_cli.rekap.core import _finish_sources, read_inputs
    from iku_cli.rekap.options import Options

    root = Path(__file__).resolve().parent.parent
    run = read_inputs([root / path for path in inputs], Options())
    by_rows = copy.deepcopy(run)
    by_rows.tables = []
    _finish_sources(run)
    _finish_sources(by_rows)
    got = [(s.display, t.name, t.counted) for s in run.sources for t in s.sheets]
    assert got == [(s.display, t.name, t.counted) for s in by_rows.sources for t in s.sheets]
    assert sum(counted for _, _, counted in got) == len(run.store) - sum(
        reason is not None for reason in run.store.reason)


# --- date texts in the common forms (inputs.dates._common_form) ---------------------------

_DAY_WORDS = st.sampled_from(["Senin", "RABU", "jumat", "Jum'at", "jum at", "Minggu", "friday",
                              "Jumatan", "Hari", "Sen", ""])
_MONTH_WORDS = st.sampled_from(["Januari", "jan", "PEB", "Mrt", "agt", "Desember", "dec",
                                "Nopember", "Mei", "Juni", "Marc", "bulan", "1", ""])
_MONTH_NUMBERS = st.sampled_from(["1", "02", "12", "13", "0", "00", "123", "x", "١", ""])
_DAYS = st.sampled_from(["1", "01", "9", "29", "30", "31", "32", "0", "001", "١", "²", "x", ""])
_YEARS = st.sampled_from(["2021", "2024", "1989", "2100", "2101", "24", "20245", "202", "x"])


@st.composite
def _date_texts(draw: st.DrawFn) -> str:
    """Texts in or near the common forms: each part mostly right, now and then not."""
    text = ""
    if draw(st.booleans()):
        text = draw(_DAY_WORDS) + draw(st.sampled_from([", ", ", ", ",", " , ", " ", "/"]))
    if draw(st.booleans()):  # 05/04/2025
        glue = st.sampled_from(["/", "/", "/", "-", " / ", ".", " "])
        month = draw(_MONTH_NUMBERS)
    else:  # 4 Desember 2024
        glue = st.sampled_from([" ", " ", " ", "  ", "-", ".", "/"])
        month = draw(_MONTH_WORDS)
    text += draw(_DAYS) + draw(glue) + month + draw(glue) + draw(_YEARS)
    return text + draw(st.sampled_from(["", "", "", " ", ".", "\u00a0"]))


@settings(max_examples=1500, deadline=None)
@given(_date_texts(), st.sampled_from([None, 2021]))
def test_common_date_forms_read_as_the_general_route_reads_them(text: str,
                                                                year: int | None) -> None:
    """parse_date_text's shortcut for '05/04/2025', '4 Desember 2024', 'Rabu, 3 Desember
    2025' gives exactly what its general route gives, for those forms and every near miss
    (other separators, spaces, case, digits, day and month words, impossible days)."""
    from iku_cli.inputs import dates

    assert dates.parse_date_text(text, year) == dates._parse_date_text(text, year)


def test_the_common_date_forms_take_the_shortcut() -> None:
    from iku_cli.inputs.dates import _common_form

    assert _common_form("05/04/2025") == (2025, 4, 5)
    assert _common_form("4 Desember 2024") == (2024, 12, 4)
    assert _common_form("Rabu, 3 Desember 2025") == (2025, 12, 3)
    for near_miss in ("Rabu,  3 Desember 2025", "001/02/2021", "1/002/2021", "1/2/21",
                      "Hari, 3 Desember 2025", "3 Desember 2025 ", "3-12-2025", "١/2/2021"):
        assert _common_form(near_miss) is None, near_miss  # (the general route's to read)


# --- the streamed sheets' rows, column by column (render.common.streamed) -----------------

def _rows_cell_by_cell(prepared: Any) -> bytes:
    """The streamed rows as first written: every cell through its column's writer, every
    wrapped text measured, row by row."""
    from openpyxl.utils import get_column_letter

    from iku_cli.render.common.excel import LINE_HEIGHT, wrapped_lines
    from iku_cli.render.common.streamed import _cell_writer

    table = prepared.table
    writers = [_cell_writer(get_column_letter(i), s)
               for i, s in enumerate(prepared.styles, start=1)]
    wrapped = [(i, prepared.widths[i], max(1, int(prepared.widths[i]) - 2))
               for i, column in enumerate(table.columns) if column.kind == "wrap"]
    lines = []
    for number, row in enumerate(zip(*(c.values for c in table.columns), strict=True), 2):
        cells = "".join(write(value, number) for write, value in zip(writers, row, strict=True)
                        if value is not None and value != "")
        height = 1
        for i, width, per_line in wrapped:
            value = row[i]
            if isinstance(value, str) and (len(value) > per_line or "\n" in value):
                height = max(height, wrapped_lines(value, width))
        lines.append(f'<row r="{number}" ht="{height * LINE_HEIGHT:g}">{cells}</row>'
                     if height > 1 else f'<row r="{number}">{cells}</row>')
    return "".join(lines).encode("utf-8", "replace")


_STREAMED_TEXTS = st.text(alphabet=st.sampled_from(list("ab &<>\n\t\x01é\ufffe ")), max_size=30)
_STREAMED_VALUES = st.one_of(
    st.none(), st.just(""), _STREAMED_TEXTS, st.integers(-5, 10**12), st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
    st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2030, 12, 31)))
# a column of one kind (each fast path) or of several (cell by cell)
_STREAMED_COLUMNS = st.one_of(
    st.lists(st.one_of(st.none(), _STREAMED_TEXTS), min_size=1, max_size=8),
    st.lists(st.integers(0, 10**6), min_size=1, max_size=8),
    st.lists(st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1))),
             min_size=1, max_size=8),
    st.lists(_STREAMED_VALUES, min_size=1, max_size=8))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_STREAMED_COLUMNS, st.sampled_from(["text", "wrap", "number", "date"]),
                          st.integers(0, 7), st.floats(3, 40)), min_size=1, max_size=5),
       st.integers(1, 4))
@example([(["a&b", "x" * 40, None], "wrap", 3, 10.0), ([1, 2, 3], "number", 0, 8.0)], 2)
def test_streamed_rows_column_by_column_are_the_cells_written_one_by_one(
    spec: list[tuple[list[Any], str, int, float]], per_write: int
) -> None:
    """The rows of a streamed sheet built a column at a time (texts needing no escaping, whole
    numbers, dates through one comprehension each; wrapped heights per distinct text) are,
    byte for byte, the cells written one by one: escaping, control characters, blanks,
    booleans, NaN, datetimes, mixed columns, several chunks."""
    from unittest import mock

    from iku_cli.render.common import streamed

    rows = min(len(values) for values, *_ in spec)
    columns = [streamed.Column(f"K{i}", values[:rows], kind)
               for i, (values, kind, _, _) in enumerate(spec)]
    prepared = streamed.Prepared(streamed.StreamedTable("T", columns),
                                 [style for _, _, style, _ in spec],
                                 [width for *_, width in spec])
    with mock.patch.object(streamed, "_ROWS_PER_WRITE", per_write):
        chunks = b"".join(streamed._row_chunks(prepared))
    assert chunks == _rows_cell_by_cell(prepared)
