"""Write drawn workbooks: .xlsx with openpyxl, batches to .ods/.xls with one LibreOffice call each.

LibreOffice writes what a real office application writes (merged cells become
``table:number-rows-spanned`` / covered cells in .ods, MERGEDCELLS records in .xls), so the
reader is tested on files it did not write itself.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import openpyxl

from layouts.draw import DrawnWorkbook

#: LibreOffice export filters (explicit, so the output does not depend on defaults).
FILTERS: dict[str, str] = {
    "ods": "ods:calc8", "xls": "xls:MS Excel 97", "xlsx": "xlsx:Calc MS Excel 2007 XML"}


def soffice() -> str | None:
    """The LibreOffice binary, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def save_xlsx(wb: DrawnWorkbook, directory: Path, file_name: str | None = None) -> Path:
    """Write ``wb`` as .xlsx into ``directory`` (merges and hidden rows included)."""
    book = openpyxl.Workbook()
    default = book.active
    if default is not None:
        book.remove(default)  # first, so a drawn sheet may be called "Sheet"
    for drawn in wb.sheets:
        ws = book.create_sheet(drawn.name)
        for (row, col), value in drawn.cells.items():
            ws.cell(row=row, column=col, value=value)
        for r1, c1, r2, c2 in drawn.merges:
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
        for row in sorted(drawn.hidden_rows):
            ws.row_dimensions[row].hidden = True
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / (file_name or wb.file_name)
    book.save(path)
    return path


def convert(paths: Sequence[Path], fmt: str, outdir: Path, profile: Path,
            timeout: float = 900) -> list[Path]:
    """Convert every file in ``paths`` to ``fmt`` with ONE LibreOffice call; return the outputs.

    Output names are the input stems with the new extension, so the stems must be unique.
    """
    binary = soffice()
    if binary is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    stems = [p.stem for p in paths]
    if len(set(stems)) != len(stems):
        raise ValueError("convert: input stems must be unique")
    outdir.mkdir(parents=True, exist_ok=True)
    profile.mkdir(parents=True, exist_ok=True)
    cmd = [binary, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
           "--norestore", "--convert-to", FILTERS.get(fmt, fmt), "--outdir", str(outdir),
           *(str(p) for p in paths)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    outputs = [outdir / f"{stem}.{fmt}" for stem in stems]
    missing = [p.name for p in outputs if not p.exists()]
    if done.returncode != 0 or missing:
        raise RuntimeError(f"soffice failed (exit {done.returncode}), missing {missing}:\n"
                           f"{done.stdout}\n{done.stderr}")
    return outputs


def save_batch(workbooks: Sequence[DrawnWorkbook], base: Path,
               formats: Sequence[str] = ("ods", "xls")) -> list[dict[str, Path]]:
    """Save every workbook as .xlsx, convert the batch once per format, and return per workbook
    ``{format: path}``; each converted file gets its drawn file name (with the new extension) in
    a folder of its own, so a unit named by the file name survives the conversion.
    """
    staging = base / "staging"
    sources = [save_xlsx(wb, staging, f"k{i:04}.xlsx") for i, wb in enumerate(workbooks)]
    result: list[dict[str, Path]] = [{"xlsx": save_xlsx(wb, base / f"d{i:04}" / "xlsx")}
                                     for i, wb in enumerate(workbooks)]
    for fmt in formats:
        converted = convert(sources, fmt, base / f"out_{fmt}", base / "lo_profile")
        for i, (wb, path) in enumerate(zip(workbooks, converted, strict=True)):
            target = base / f"d{i:04}" / fmt / (Path(wb.file_name).stem + f".{fmt}")
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)
            result[i][fmt] = target
    return result
