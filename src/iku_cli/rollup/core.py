"""The kabupaten's roll-up: the results its kecamatan sent, checked and summed.

The indicator is additive: the kabupaten's figure is the sum of the numerators over the sum of
the denominators, never an average of percentages. Nothing is counted again: each number is
the kecamatan's own, read from what it sent (``inputs.results``). Every result that is not
used says why; a kecamatan that sent nothing is named.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from iku_cli.inputs.find import InputFile, find_inputs, folder_subdistrict
from iku_cli.inputs.results import SCHEMA_VERSION, read_sent
from iku_cli.inputs.sources import RUN_PLACE
from iku_cli.limits import DEFAULT_LIMITS, Limits
from iku_cli.problems import Code, Problem, ReadFailure, make_problem
from iku_cli.rekap.model import Achievement, Count
from iku_cli.rekap.targets import CapaianScale, achievement
from iku_cli.rekap.vocab import INDICATOR_NAME
from iku_cli.rollup.model import Rollup, Sent, SubdistrictRow
from iku_cli.text import text_key


@dataclass
class RollupOptions:
    """Settings of a roll-up (the CLI fills them from its options and the kabupaten's
    iku.toml)."""

    indicator: str = INDICATOR_NAME
    year: int | None = None  # else the year most results name
    regency: str | None = None  # kabupaten; else the one the results name
    expected: tuple[str, ...] = ()  # [kabupaten] kecamatan: who must send
    target: float | None = None
    scale: CapaianScale = field(default_factory=CapaianScale)
    achievement_cap: float | None = None
    limits: Limits = DEFAULT_LIMITS


def name_key(name: str) -> str:
    """'Kec. Gucialit', 'KECAMATAN GUCIALIT' and 'gucialit' are one kecamatan."""
    return text_key(re.sub(r"^\s*(?:kecamatan|kec)\b[\s.]*", "", name, flags=re.I))


def _accept_any(name: str) -> bool:
    return True  # a kabupaten's inbox: every file is looked at, and named if it is no result


def gabung(paths: Sequence[str | Path], options: RollupOptions | None = None) -> Rollup:
    """Roll up the results in the given files, folders or patterns."""
    options = options or RollupOptions()
    found = find_inputs(paths, accept=_accept_any)
    problems: list[Problem] = list(found.problems)
    folders = [Path(p) for p in map(str, paths) if Path(p).is_dir()]
    sources = [_read(item, options.limits, folders, problems) for item in found.files]
    results = [sent for sent in sources if sent.used]
    year = options.year if options.year is not None else _usual_year(results)
    for sent in results:
        _check(sent, year, options.indicator, problems)
    chosen = _one_per_subdistrict([s for s in results if s.used], problems)
    rows, not_sent = _rows(chosen, options.expected, problems)
    total = Count(sum(s.count.counted for s in chosen), sum(s.count.followed_up for s in chosen))
    target = options.target if options.target is not None else _common_target(chosen, problems)
    regencies = Counter(s.regency for s in chosen if s.regency)
    return Rollup(
        indicator=options.indicator,
        regency=options.regency or (regencies.most_common(1)[0][0] if regencies else None),
        year=year,
        complete=found.complete and all(s.readable for s in sources)
        and all(s.complete for s in chosen),
        total=total,
        achievement=achievement(total.exact_percent, target, options.scale,
                                options.achievement_cap),
        rows=rows,
        not_sent=not_sent,
        problems=_ordered(problems, sources),
        sources=sources,
    )


def _read(item: InputFile, limits: Limits, folders: list[Path],
          problems: list[Problem]) -> Sent:
    """One file: a result as the kecamatan sent it, or why it is none."""
    sent = Sent(item.display, "lain")
    try:
        found = read_sent(item.path, limits)
    except ReadFailure as failure:
        sent.readable = False
        problems.append(make_problem(failure.code, file=item.display, detail=failure.detail,
                                     **failure.extra))
        return sent
    sent.kind, sent.sha256 = found.kind, found.sha256
    if found.data is None:
        problems.append(make_problem(Code.ROLLUP_NOT_A_RESULT, file=item.display,
                                     detail=f"berkas ini {found.note}"))
        return sent
    data = found.data
    if data.get("versi_skema") != SCHEMA_VERSION:
        sent.left_out = f"versi skema {data.get('versi_skema')}"
        problems.append(make_problem(Code.ROLLUP_SCHEMA, file=item.display,
                                     value=data.get("versi_skema"), known=SCHEMA_VERSION))
        return sent
    _fill(sent, data)
    if sent.subdistrict is None:
        sent.subdistrict = folder_subdistrict(item.path, folders)
    if sent.subdistrict is None:
        sent.left_out = "tanpa nama kecamatan"
        problems.append(make_problem(Code.ROLLUP_NO_SUBDISTRICT, file=item.display))
    return sent


def _fill(sent: Sent, data: dict[str, Any]) -> None:
    """The numbers of a version-1 result, as the schema promises them."""
    total = data["total"]
    sent.subdistrict = _text(data.get("kecamatan"))
    sent.regency = _text(data.get("kabupaten"))
    sent.year = data.get("tahun") if isinstance(data.get("tahun"), int) else None
    sent.indicator = _text(data.get("indikator"))
    sent.complete = data.get("lengkap") is not False
    sent.count = Count(_whole(total.get("jumlah")), _whole(total.get("ditindaklanjuti")))
    target = total.get("target")
    sent.achievement = Achievement(
        target=float(target) if isinstance(target, int | float) else None,
        percent=total.get("capaian") if isinstance(total.get("capaian"), int | float) else None,
        category=_text(total.get("kategori")),
    )
    sent.not_reported = [n for n in data.get("belum_melapor") or [] if isinstance(n, str)]
    problems = data.get("masalah") or {}
    sent.galat = _whole(problems.get("galat")) if isinstance(problems, dict) else 0
    made = data.get("dibuat")
    try:
        sent.made_at = dt.datetime.fromisoformat(made) if isinstance(made, str) else None
    except ValueError:
        sent.made_at = None
    sent.inputs = [(str(s.get("berkas")), s.get("sha256")) for s in data.get("sumber") or []
                   if isinstance(s, dict)]


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _whole(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def _usual_year(results: list[Sent]) -> int | None:
    """The year most results name (the latest of a tie)."""
    years = Counter(s.year for s in results if s.year is not None)
    if not years:
        return None
    return max(years, key=lambda year: (years[year], year))


def _check(sent: Sent, year: int | None, indicator: str, problems: list[Problem]) -> None:
    """Year and indicator: a result of another year or indicator is left out (galat)."""
    name = sent.subdistrict
    if sent.left_out is not None:
        return
    if sent.year is None:
        sent.left_out = "tanpa tahun"
        problems.append(make_problem(Code.ROLLUP_NO_YEAR, file=sent.display, name=name,
                                     year=year or "YYYY"))
    elif year is not None and sent.year != year:
        sent.left_out = f"tahun {sent.year}"
        problems.append(make_problem(Code.ROLLUP_OTHER_YEAR, file=sent.display, name=name,
                                     value=sent.year, year=year))
    elif sent.indicator is not None and text_key(sent.indicator) != text_key(indicator):
        sent.left_out = "indikator lain"
        problems.append(make_problem(Code.ROLLUP_OTHER_INDICATOR, file=sent.display, name=name,
                                     value=sent.indicator, indicator=indicator))


def _shown_time(sent: Sent) -> str:
    return "tidak tercatat" if sent.made_at is None else f"{sent.made_at:%d/%m/%Y %H:%M}"


def _one_per_subdistrict(results: list[Sent], problems: list[Problem]) -> list[Sent]:
    """A kecamatan sent twice (different content): the newer by its recorded run time counts
    (a result without one is older than any with one; a tie: the later file)."""
    groups: dict[str, list[Sent]] = {}
    for sent in results:
        assert sent.subdistrict is not None
        groups.setdefault(name_key(sent.subdistrict), []).append(sent)
    chosen = []
    for group in groups.values():
        order = {id(s): i for i, s in enumerate(group)}
        newest = max(group, key=lambda s: (s.made_at is not None,
                                           s.made_at.timestamp() if s.made_at else 0.0,
                                           order[id(s)]))
        for other in group:
            if other is newest:
                continue
            other.left_out = f"kiriman lama, diganti {newest.display}"
            problems.append(make_problem(
                Code.ROLLUP_SENT_TWICE, file=other.display, name=newest.subdistrict,
                kept=newest.display, kept_at=_shown_time(newest), other=other.display,
                other_at=_shown_time(other)))
        chosen.append(newest)
    for sent in chosen:
        if not sent.complete:
            problems.append(make_problem(Code.ROLLUP_INCOMPLETE, file=sent.display,
                                         name=sent.subdistrict, counted=sent.count.counted,
                                         followed=sent.count.followed_up))
        if sent.galat:
            problems.append(make_problem(Code.ROLLUP_HAS_GALAT, file=sent.display,
                                         name=sent.subdistrict, n=sent.galat,
                                         counted=sent.count.counted,
                                         followed=sent.count.followed_up))
    return chosen


def _rows(chosen: list[Sent], expected: tuple[str, ...],
          problems: list[Problem]) -> tuple[list[SubdistrictRow], list[str]]:
    """The config's kecamatan in its order (empty rows for those that sent nothing), then the
    others alphabetically."""
    by_key = {name_key(s.subdistrict or ""): s for s in chosen}
    rows, not_sent, listed = [], [], set()
    for name in expected:
        key = name_key(name)
        listed.add(key)
        sent = by_key.get(key)
        rows.append(SubdistrictRow(name, sent))
        if sent is None:
            not_sent.append(name)
            problems.append(make_problem(Code.ROLLUP_NOT_SENT, file=RUN_PLACE, name=name))
    others = sorted((s for k, s in by_key.items() if k not in listed),
                    key=lambda s: name_key(s.subdistrict or ""))
    for sent in others:
        if expected:
            problems.append(make_problem(Code.ROLLUP_NOT_LISTED, file=sent.display,
                                         name=sent.subdistrict))
        rows.append(SubdistrictRow(sent.subdistrict or "", sent))
    return rows, not_sent


def _common_target(chosen: list[Sent], problems: list[Problem]) -> float | None:
    """Without a kabupaten target: the kecamatan's own, when they all agree."""
    targets = {s.achievement.target for s in chosen if s.achievement.target is not None}
    if len(targets) == 1 and all(s.achievement.target is not None for s in chosen):
        return targets.pop()
    if len(targets) > 1:
        shown = ", ".join(f"{t:g}%".replace(".", ",") for t in sorted(targets))
        problems.append(make_problem(Code.ROLLUP_TARGETS_DIFFER, file=RUN_PLACE,
                                     targets=shown))
    return None


def _ordered(problems: list[Problem], sources: list[Sent]) -> list[Problem]:
    """File by file in the order read, the run's own last; galat before peringatan before
    info within a file."""
    order = {source.display: index for index, source in enumerate(sources)}
    return sorted(problems, key=lambda p: (p.file == RUN_PLACE, order.get(p.file, -1),
                                           p.severity.rank))
