"""What openpyxl would lose if iku rewrote an office's own report workbook (`--ke`).

openpyxl keeps cell values, styles, merged cells, defined names, tables, comments' text, print
settings and (with keep_vba, for .xlsm) macros; it drops or rebuilds the rest: images, shapes,
charts (re-read and rebuilt, so formatting changes or the chart goes), pivot tables and their
caches, slicers, timelines, form controls, embedded objects, threaded comments, conditional
formatting and data validation extensions (x14), sparklines, data connections, the Power Pivot
model, dynamic-array metadata, and parts it does not know. This module looks at the zip parts
and their relationships before anything is written (every XML parse through defusedxml), so the
operator is told exactly what is at stake.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from defusedxml import DefusedXmlException, ElementTree

_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"

# Parts openpyxl reads and writes back faithfully enough (or that are harmless to rebuild).
_KEPT_PREFIXES = (
    "[Content_Types].xml", "_rels/", "docProps/", "xl/_rels/", "xl/styles.xml",
    "xl/sharedStrings.xml", "xl/theme/", "xl/worksheets/", "xl/tables/", "xl/comments",
    "xl/calcChain.xml", "xl/printerSettings/", "xl/persons/", "xl/media/", "xl/charts/_rels/",
    "xl/charts/style", "xl/charts/colors", "xl/drawings/_rels/", "xl/drawings/vmlDrawing",
    "xl/chartsheets/_rels/",
)
# Parts openpyxl drops or rebuilds: (path prefix, what the operator loses).
_LOST_PREFIXES = (
    ("xl/charts/chart", "grafik"),
    ("xl/chartsheets/", "sheet grafik"),
    ("xl/pivotTables/", "tabel pivot"),
    ("xl/pivotCache/", "cache tabel pivot"),
    ("xl/slicers/", "slicer"),
    ("xl/slicerCaches/", "slicer"),
    ("xl/timelines/", "timeline"),
    ("xl/timelineCaches/", "timeline"),
    ("xl/externalLinks/", "tautan ke buku kerja lain"),
    ("xl/activeX/", "kontrol formulir atau ActiveX"),
    ("xl/ctrlProps/", "kontrol formulir atau ActiveX"),
    ("xl/embeddings/", "objek sisipan (OLE)"),
    ("xl/threadedComments/", "komentar berutas (threaded comments)"),
    ("customXml/", "data XML kustom"),
    ("customUI/", "menu pita kustom (customUI)"),
    ("xl/connections.xml", "koneksi data atau Power Query"),
    ("xl/queryTables/", "koneksi data atau Power Query"),
    ("xl/model/", "model data Power Pivot"),
    ("xl/macrosheets/", "sheet makro Excel 4.0"),
    ("xl/dialogsheets/", "sheet dialog"),
    ("xl/metadata.xml", "rumus dynamic array (metadata)"),
    ("xl/webextensions/", "add-in (web extension)"),
    ("xl/richData/", "data kaya (gambar di dalam sel, tipe data)"),
    ("xl/vbaProject.bin", "makro VBA"),
)
# Worksheet extensions openpyxl drops, by their published URIs.
_EXTENSIONS = {
    "{78C0D931-6437-407d-A8EE-F0AAD7539E65}": "format bersyarat lanjutan (x14)",
    "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}": "validasi data lanjutan (x14)",
    "{05C60535-1F16-4fd2-B633-F4F36F0B64E0}": "sparkline",
    "{A8765BA9-456A-4dab-B4F3-ACF838C121DE}": "slicer",
    "{3A4CF648-6AED-40f4-86FF-DC5316D8AED3}": "slicer",
    "{7E03D99C-DC04-49d9-9315-930204A7B6E9}": "timeline",
}


@dataclass(frozen=True)
class Finding:
    """Something openpyxl would lose: what it is, how many, and on which sheet (if any)."""

    what: str
    count: int
    sheet: str | None = None

    def describe(self) -> str:
        where = f" di sheet {self.sheet}" if self.sheet else ""
        return f"{self.what}: {self.count}{where}"


class NotAWorkbook(Exception):
    """The file is not an .xlsx/.xlsm package (renamed, encrypted, damaged)."""


def inspect_host(path: Path, replaced: str, *, macros_kept: bool) -> list[Finding]:
    """Everything in ``path`` that writing with openpyxl would lose, except what belongs only
    to the sheet ``replaced`` (it is replaced anyway)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _Inspection(archive, replaced, macros_kept).findings()
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        raise NotAWorkbook(str(error)) from error
    except DefusedXmlException as error:  # a DTD or entity: never followed, never expanded
        raise NotAWorkbook("berisi deklarasi DTD/entitas XML") from error


class _Inspection:
    def __init__(self, archive: zipfile.ZipFile, replaced: str, macros_kept: bool) -> None:
        self.archive = archive
        self.names = set(archive.namelist())
        self.workbook = self._workbook_part()
        self.replaced = replaced.casefold()
        self.macros_kept = macros_kept
        self.sheets = self._sheet_parts()  # part -> sheet name
        self.owners = self._owners()  # part -> sheets whose relationships reach it
        self.counts: dict[tuple[str, str | None], int] = defaultdict(int)

    def findings(self) -> list[Finding]:
        for name in sorted(self.names):
            if self._only_replaced(name) or name.endswith("/"):
                continue
            if name.startswith("xl/drawings/drawing") and name.endswith(".xml"):
                self._drawing(name)
            elif name in self.sheets and name.startswith("xl/worksheets/"):
                self._worksheet(name)
            else:
                self._part(name)
        workbook = self._workbook_part()
        if workbook in self.names:
            views = self.archive.read(workbook).count(b"<customWorkbookView ")
            if views:
                self.counts[("tampilan kustom buku kerja (custom view)", None)] += views
        return [Finding(what, count, sheet) for (what, sheet), count in self.counts.items()]

    # --- the package's structure -------------------------------------------------------------

    def _rels(self, part: str) -> list[tuple[str, str]]:
        """(type, target part) of a part's relationships; external targets left out."""
        folder, base = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{base}.rels")
        if rels not in self.names:
            return []
        tree = ElementTree.fromstring(self.archive.read(rels))
        found = []
        for rel in tree.iter(_PKG_RELS):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            resolved = (target.lstrip("/") if target.startswith("/")
                        else posixpath.normpath(posixpath.join(folder, target)))
            found.append((rel.get("Type", ""), resolved))
        return found

    def _workbook_part(self) -> str:
        for kind, target in self._rels(""):
            if kind.endswith("/officeDocument"):
                return target
        return "xl/workbook.xml"

    def _sheet_parts(self) -> dict[str, str]:
        workbook = self.workbook
        targets = {}
        folder, base = posixpath.split(workbook)
        rels = posixpath.join(folder, "_rels", f"{base}.rels")
        tree = ElementTree.fromstring(self.archive.read(rels))
        for rel in tree.iter(_PKG_RELS):
            target = rel.get("Target", "")
            targets[rel.get("Id")] = (target.lstrip("/") if target.startswith("/")
                                      else posixpath.normpath(posixpath.join(folder, target)))
        book = ElementTree.fromstring(self.archive.read(workbook))
        parts = {}
        for sheet in book.iter(f"{_MAIN}sheet"):
            part = targets.get(sheet.get(f"{_REL_NS}id"))
            if part:
                parts[part] = sheet.get("name", "")
        return parts

    def _owners(self) -> dict[str, set[str]]:
        """Which sheets reach each part through relationships (drawing -> chart -> ...)."""
        owners: dict[str, set[str]] = defaultdict(set)
        for part, sheet in self.sheets.items():
            todo, seen = [part], {part}
            while todo:
                current = todo.pop()
                owners[current].add(sheet)
                for _, target in self._rels(current):
                    if target not in seen and target in self.names:
                        seen.add(target)
                        todo.append(target)
        return owners

    def _only_replaced(self, part: str) -> bool:
        owners = self.owners.get(part, set())
        return bool(owners) and all(o.casefold() == self.replaced for o in owners)

    def _sheet_of(self, part: str) -> str | None:
        owners = sorted(o for o in self.owners.get(part, ()) if o.casefold() != self.replaced)
        return owners[0] if owners else None

    # --- what each part holds ----------------------------------------------------------------

    def _part(self, name: str) -> None:
        if name.endswith(".rels") or name == self.workbook:
            return
        if name == "xl/vbaProject.bin" and self.macros_kept:
            return
        for prefix, what in _LOST_PREFIXES:
            if name.startswith(prefix):
                sheet = self.sheets.get(name) or self._sheet_of(name)
                self.counts[(what, sheet)] += 1
                return
        if not name.startswith(_KEPT_PREFIXES):
            self.counts[(f"bagian lain ({name})", self._sheet_of(name))] += 1

    def _drawing(self, name: str) -> None:
        """Pictures, shapes and other graphics of a drawing (its charts count as chart parts)."""
        sheet = self._sheet_of(name)
        tree = ElementTree.fromstring(self.archive.read(name))
        for element in tree.iter():
            local = element.tag.rsplit("}", 1)[-1]
            if local == "pic":
                self.counts[("gambar", sheet)] += 1
            elif local in ("sp", "cxnSp"):
                self.counts[("bentuk atau kotak teks", sheet)] += 1
            elif local == "graphicData" and element.get("uri") != _CHART_URI:
                self.counts[("SmartArt atau objek grafis lain", sheet)] += 1

    def _worksheet(self, name: str) -> None:
        """Worksheet extensions openpyxl drops, a background picture, header/footer images."""
        data = self.archive.read(name)
        sheet = self.sheets[name]
        # openpyxl writes neither custom views nor ignored-error marks back
        for mark, what in ((b"<customSheetView ", "tampilan kustom sheet (custom view)"),
                           (b"<ignoredError ", "tanda abaikan-galat (ignored errors)")):
            if mark in data:
                self.counts[(what, sheet)] += data.count(mark)
        if b"extLst" not in data and b"legacyDrawingHF" not in data and b"picture" not in data:
            return
        in_ext = False
        for event, element in ElementTree.iterparse(io.BytesIO(data), events=("start", "end")):
            local = element.tag.rsplit("}", 1)[-1]
            if local == "extLst" and element.tag.startswith(_MAIN):
                in_ext = event == "start"  # only the worksheet's own extLst, not nested ones
            elif event == "start" and in_ext and local == "ext" and element.get("uri"):
                uri = element.get("uri", "")
                what = _EXTENSIONS.get(uri, f"ekstensi lembar kerja lain {uri}")
                self.counts[(what, sheet)] += 1
            elif event == "start" and element.tag == f"{_MAIN}legacyDrawingHF":
                self.counts[("gambar di header/footer", sheet)] += 1
            elif event == "start" and element.tag == f"{_MAIN}picture":
                self.counts[("gambar latar sheet", sheet)] += 1
            if event == "end":
                element.clear()
