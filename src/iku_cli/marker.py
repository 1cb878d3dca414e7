"""The mark iku leaves in every workbook it writes, so that it never counts its own outputs.

A summary workbook saved into the input folder (`iku hitung masuk/ -o masuk/ringkasan.xlsx`)
holds a Rincian sheet with every counted activity: read back as a rekap, next month's count
would double. So each workbook iku writes carries a custom document property naming what it is
(Excel and LibreOffice keep it when the file is saved again, also as .ods); the readers skip a
marked output and name it. A template is marked too, but stays an input: it is what the
sections fill in. The decision is by the mark, never by the file name.
"""

from __future__ import annotations

from enum import StrEnum

from defusedxml import ElementTree

PROPERTY = "iku_jenis"  # custom document property: what the workbook is
# The hidden sheet of a summary workbook that carries its result for `iku gabung` (the JSON of
# Result.sent_dict, in pieces of CHUNK characters down column A: a cell holds 32 767 at most).
RESULT_SHEET = "iku_hasil"
RESULT_CHUNK = 30_000
VERSION_PROPERTY = "iku_versi"  # the iku version that wrote it


class Kind(StrEnum):
    SUMMARY = "ringkasan"  # iku hitung -o
    PROBLEMS = "masalah"  # iku periksa -o
    IKM = "ikm"  # iku ikm -o
    ROLLUP = "gabung"  # iku gabung -o
    LKJIP = "lkjip"  # iku hitung -o laporan.docx (a Word document: never read as input)
    SKM = "skm"  # iku ikm -o laporan_skm.docx
    TEMPLATE = "templat"  # iku templat: filled in by the sections, an input
    IKM_TEMPLATE = "templat-ikm"  # iku templat --ikm: the survey entry sheet, an input


INPUT_KINDS = frozenset({Kind.TEMPLATE, Kind.IKM_TEMPLATE})

# How the operator knows each output (in the info that says it was skipped).
LABELS: dict[str, str] = {
    Kind.SUMMARY: "buku kerja ringkasan dari `iku hitung -o`",
    Kind.PROBLEMS: "daftar masalah dari `iku periksa -o`",
    Kind.IKM: "buku kerja IKM dari `iku ikm -o`",
    Kind.ROLLUP: "rekap kabupaten dari `iku gabung -o`",
}

_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_META_NS = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"


def is_output(kind: str | None) -> bool:
    """Whether a marked workbook is one of iku's outputs (never read as input)."""
    return kind is not None and kind not in INPUT_KINDS


def label(kind: str) -> str:
    return LABELS.get(kind, f"keluaran iku ({kind})")


def kind_in_custom_xml(xml: bytes) -> str | None:
    """The mark in an .xlsx's docProps/custom.xml, if any."""
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return None
    for prop in root.iter(f"{{{_CUSTOM_NS}}}property"):
        if prop.get("name") == PROPERTY:
            text = "".join(prop.itertext()).strip()
            return text or None
    return None


def kind_in_ods_meta(xml: bytes) -> str | None:
    """The mark in an .ods's meta.xml (LibreOffice keeps custom properties as user-defined)."""
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return None
    for item in root.iter(f"{{{_META_NS}}}user-defined"):
        if item.get(f"{{{_META_NS}}}name") == PROPERTY:
            text = "".join(item.itertext()).strip()
            return text or None
    return None
