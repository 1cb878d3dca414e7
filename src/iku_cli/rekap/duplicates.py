"""Exact duplicates anywhere in the run count once: the first copy keeps the credit, and both
sides hear where it went when the copies stand in different files or units."""

from __future__ import annotations

from iku_cli.problems import Code, Problem, make_problem
from iku_cli.rekap.model import REASON_DUPLICATE, Activities
from iku_cli.rekap.parallel import gc_paused
from iku_cli.text import plain_ascii_joined


def duplicate_keys(store: Activities) -> list[tuple]:
    """Per activity: same kecamatan, date, activity text (spaces/case), evidence types and
    number. Built column by column: it runs over every activity of the run."""
    kecamatan = store.subdistrict if store.subdistrict else [None] * len(store)  # kabupaten runs
    texts = comparable(store.text, store.plain_text)
    numbers = comparable(store.number, store.plain_number)
    return list(zip(kecamatan, store.date, texts, store.evidence, numbers, strict=True))


def comparable(texts: list[str], plain: bool = False) -> list[str]:
    """``[" ".join(t.split()).casefold() for t in texts]``: runs of spaces as one, case
    folded. A column of plain ASCII texts (nothing to squeeze) is folded in one operation;
    ``plain``: the texts are known to be so (not looked at again)."""
    if plain and texts:
        return "\n".join(texts).lower().split("\n")
    joined = plain_ascii_joined(texts) if texts else None
    if joined is not None:
        return joined.lower().split("\n")  # ASCII: casefold is lower
    return [" ".join(text.split()).casefold() for text in texts]


def mark_duplicates(store: Activities) -> list[Problem]:
    """Exact duplicates anywhere in the run count once: the first copy keeps the credit."""
    first_seen: dict[tuple, int] = {}
    problems: list[Problem] = []
    reasons = store.reason
    with gc_paused():  # a tuple per activity: no full collections over the run meanwhile
        keys = duplicate_keys(store)
    for index, key in enumerate(keys):
        if reasons[index] is not None:
            continue
        first = first_seen.setdefault(key, index)
        if first == index:
            continue
        store.reason[index] = REASON_DUPLICATE
        problems.extend(_duplicate_problems(store, first, index))
    return problems


def _cell(store: Activities, index: int) -> str | None:
    """The activity's text cell ('C12'), where the operator finds the copy."""
    column = store.text_column[index] if index < len(store.text_column) else ""
    return f"{column}{store.row[index]}" if column else None


def _place(store: Activities, index: int, other: int) -> str:
    """'baris 12 sheet 'Kesos' berkas rekap_kesos.xlsx', as far as it differs from ``other``."""
    where = f"baris {store.row[index]}"
    if store.sheet[index] and (store.sheet[index] != store.sheet[other]
                               or store.file[index] != store.file[other]):
        where += f" sheet '{store.sheet[index]}'"
    if store.file[index] != store.file[other]:
        where += f" berkas {store.file[index]}"
    return where


def _duplicate_problems(store: Activities, first: int, copy: int) -> list[Problem]:
    """The copy is not counted; where the first copy stands in another file or is credited to
    another unit, both sides hear where the credit went, why, and what to do."""
    status_note = ""
    if store.followed[first] != store.followed[copy]:
        status_note = " (status tindak lanjutnya berbeda; yang dipakai status salinan pertama)"
    elsewhere = store.file[first] != store.file[copy] or store.unit[first] != store.unit[copy]
    credit = (f", untuk {store.unit[first]}, karena berkas/sheet itu dibaca lebih dulu"
              if elsewhere else "")
    advice = ("hapus dari rekap unit yang tidak melaksanakannya" if elsewhere
              else "hapus salah satunya")
    problems = [make_problem(
        Code.DUPLICATE, file=store.file[copy], sheet=store.sheet[copy], row=store.row[copy],
        cell=_cell(store, copy), value=store.text[copy], first=_place(store, first, copy),
        credit=credit, status_note=status_note, advice=advice)]
    if elsewhere:
        problems.append(make_problem(
            Code.DUPLICATE_CREDITED, file=store.file[first], sheet=store.sheet[first],
            row=store.row[first], cell=_cell(store, first), value=store.text[first],
            other=_place(store, copy, first), other_unit=store.unit[copy],
            unit=store.unit[first]))
    return problems
