"""Lines of text around a table that both pipelines read: the title block above it (the
kecamatan, kabupaten and year it names) and the signature footer below it."""

from __future__ import annotations

import re

from iku_cli.text import text_key

# Lines of a signature footer ("Mengetahui", a title, "NIP ...", "Gucialit, 31 Desember 2026").
FOOTER_OPENERS: tuple[str, ...] = (
    "mengetahui", "menyetujui", "diketahui", "disetujui", "diperiksa", "dibuat oleh", "ttd",
    "tanda tangan", "nip", "pembina", "penata", "an camat", "a n camat", "plt", "plh",
)


FOOTER_TITLES: tuple[str, ...] = (
    "camat", "sekretaris camat", "sekretaris kecamatan", "kepala seksi", "kasi", "kasubbag",
    "kasubag", "kepala sub bagian", "kepala subbagian", "sekcam", "pejabat pelaksana teknis",
    "pengelola", "operator",
)


_FOOTER_OPENER = re.compile(r"^(?:" + "|".join(re.escape(w) for w in FOOTER_OPENERS) + r")\b")


_FOOTER_TITLE = re.compile(r"^(?:" + "|".join(re.escape(w) for w in FOOTER_TITLES) + r")\b")


_PLACE_DATE = re.compile(
    r"^[a-z][a-z .'-]{1,40},\s*(?:\d{1,2}|\.{2,}|…)\s*(?:[a-z]+|\.{2,}|…)\s*\d{4}$"
)


def is_footer_text(text: str) -> bool:
    """'Mengetahui', 'NIP. 1970...', 'Kepala Seksi Pemerintahan', 'Gucialit, 31 Desember 2026'."""
    key = text_key(text)
    if _FOOTER_OPENER.match(key):
        return True
    if _FOOTER_TITLE.match(key) and len(key.split()) <= 6:
        return True
    return bool(_PLACE_DATE.match(key))


_KECAMATAN = re.compile(
    r"\bkecamatan\s+([a-z][a-z'` -]*?)(?=\s+(?:kabupaten|kab|kota|provinsi|tahun|triwulan|"
    r"semester|bulan|periode|tw)\b|\s*[,:;(]|\s+\d|$)"
)


_YEAR = re.compile(r"\btahun(?:\s+anggaran)?\s*:?\s*((?:19|20)\d\d)\b")


def kecamatan_in(lines: list[str]) -> str | None:
    """'KECAMATAN GUCIALIT KABUPATEN LUMAJANG' -> 'Gucialit'."""
    for line in lines:
        match = _KECAMATAN.search(text_key(line))
        if match:
            name = match.group(1).strip()
            if name and name not in ("kabupaten", "tahun"):
                return name.title()
    return None


_KABUPATEN = re.compile(
    r"\b(?:kabupaten|kab)\s+([a-z][a-z'` -]*?)(?=\s+(?:provinsi|tahun|triwulan|semester|"
    r"bulan|periode|tw)\b|\s*[,:;(]|\s+\d|$)"
)


def kabupaten_in(lines: list[str]) -> str | None:
    """'KECAMATAN GUCIALIT KABUPATEN LUMAJANG' -> 'Lumajang'."""
    for line in lines:
        match = _KABUPATEN.search(text_key(line))
        if match and match.group(1).strip():
            return match.group(1).strip().title()
    return None


def year_in(lines: list[str]) -> int | None:
    """'TAHUN 2026' / 'TAHUN ANGGARAN 2026' in a title block."""
    for line in lines:
        match = _YEAR.search(text_key(line))
        if match:
            return int(match.group(1))
    return None
