"""Which files a run reads: the paths the operator gave, as files, folders and glob patterns.

Only regular files are read: a FIFO, a device or a socket (or a link to one) would hang a run or
feed it without end, so each is a named problem, found with ``stat`` without opening it. A
folder the run cannot enter makes the run incomplete. Excel's lock files say a workbook is open
with edits perhaps unsaved; the same content sent twice ("rekap (1).xlsx") is read once. Every
such case is a problem the operator can act on; the good files are read all the same.
"""

from __future__ import annotations

import difflib
import glob
import hashlib
import os
import re
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from iku_cli.inputs.regular import kind_of
from iku_cli.problems import Code, Problem, Severity, make_problem, os_reason
from iku_cli.text import valid_unicode

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
UNSUPPORTED_SUFFIXES = {".xlsb": "Excel Binary (.xlsb)", ".numbers": "Apple Numbers"}
_EXCEL_LOCK = "~$"  # Excel's owner file while a workbook is open: ~$ + its name (or its tail)
_OFFICE_LOCK = (".~lock.", "#")  # LibreOffice's: .~lock.NAME#


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to read, named as the operator gave it (or as found in their folder)."""

    display: str
    path: Path


@dataclass
class FoundInputs:
    """The files to read, in order, and what the operator must hear about the paths."""

    files: list[InputFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # (copy, the file read in its place): the same content, read once
    same_content: list[tuple[InputFile, InputFile]] = field(default_factory=list)
    order: dict[str, int] = field(default_factory=dict)  # every file found -> its place

    @property
    def complete(self) -> bool:
        """Whether every path gave what it named (a galat here makes the run incomplete)."""
        return not any(p.severity is Severity.GALAT for p in self.problems)


def is_spreadsheet_name(name: str) -> bool:
    suffix = Path(name).suffix.lower()
    return suffix in SUPPORTED_SUFFIXES or suffix in UNSUPPORTED_SUFFIXES


def _locked_workbook(path: Path) -> str | None:
    """The workbook a lock file stands for ('~$kap_trantib.xlsx' -> 'rekap_trantib.xlsx'), or
    None when the name is no lock file's. Excel names its lock '~$' + the name, or, for longer
    names, '~$' in place of the name's first two characters."""
    name = path.name
    if name.startswith(_EXCEL_LOCK) and is_spreadsheet_name(name):
        tail = name[len(_EXCEL_LOCK):]
        try:
            siblings = sorted(entry.name for entry in os.scandir(path.parent or Path(".")))
        except OSError:
            siblings = []
        for sibling in siblings:
            if sibling != name and (sibling == tail or (
                    len(sibling) == len(name) and sibling.endswith(tail))):
                return str(path.with_name(sibling))
        return str(path.with_name(tail))
    start, end = _OFFICE_LOCK
    if name.startswith(start) and name.endswith(end) and is_spreadsheet_name(name[:-1]):
        return str(path.with_name(name[len(start):-1]))
    return None


def _not_regular(path: Path, display: str) -> Problem | None:
    """A problem for a path that is no regular file (checked with stat: a FIFO is never
    opened), or that cannot even be looked at; None for a regular file."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        reason = os_reason(error, reading=True)
        return make_problem(Code.FILE_NOT_OPENED, file=display, detail=reason)
    if stat.S_ISREG(mode):
        return None
    return make_problem(Code.NOT_A_REGULAR_FILE, file=display, kind=kind_of(mode))


def _suggest_path(given: str) -> str | None:
    """A close existing path for a mistyped one ('exmaples/masuk' -> 'examples/masuk')."""
    parts = Path(given).parts
    current = Path(parts[0]) if Path(given).is_absolute() else Path(".")
    rest = parts[1:] if Path(given).is_absolute() else parts
    fixed = False
    for index, part in enumerate(rest):
        candidate = current / part
        if candidate.exists():
            current = candidate
            continue
        try:
            names = [entry.name for entry in os.scandir(current)]
        except OSError:
            return None
        close = difflib.get_close_matches(part, names, n=1, cutoff=0.75) or \
            difflib.get_close_matches(part.casefold(), [n.casefold() for n in names], n=1,
                                      cutoff=0.75)
        if not close:
            return None
        match = next(n for n in names if n == close[0] or n.casefold() == close[0])
        current, fixed = current / match, True
        if not current.exists() and index < len(rest) - 1:
            return None
    if not fixed or not current.exists():
        return None
    text = str(current)
    return text[2:] if text.startswith(("./", ".\\")) else text


class _Finder:
    def __init__(self, accept: Callable[[str], bool]) -> None:
        self.found = FoundInputs()
        self.seen: set[Path] = set()
        self.accept = accept  # which file names in a folder or pattern are inputs

    def add(self, display: str, path: Path) -> None:
        resolved = path.resolve()
        if resolved not in self.seen:
            self.seen.add(resolved)
            self.found.files.append(InputFile(valid_unicode(display), path))

    def problem(self, code: str, **details: object) -> None:
        self.found.problems.append(make_problem(code, **details))  # type: ignore[arg-type]

    def file(self, display: str, path: Path, given_directly: bool) -> None:
        locked = _locked_workbook(path)
        if locked is not None:
            code = Code.LOCK_FILE if given_directly else Code.WORKBOOK_OPEN_IN_EXCEL
            self.problem(code, file=display, workbook=locked)
            return
        if path.name.startswith(".") and not given_directly:
            return  # hidden files, as hidden folders
        if not given_directly and not self.accept(path.name):
            return
        problem = _not_regular(path, display)
        if problem is not None:
            self.found.problems.append(problem)
            return
        self.add(display, path)

    def folder(self, given: str, folder: Path) -> None:
        before = len(self.found.files)
        lost: list[OSError] = []
        paths: list[Path] = []
        for root, dirs, names in os.walk(folder, onerror=lost.append):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # not hidden folders
            paths.extend(Path(root) / name for name in names)
        for path in sorted(paths):
            self.file(str(path), path, given_directly=False)
        for error in lost:
            where = error.filename or given
            self.problem(Code.FOLDER_NOT_OPENED, file=str(where),
                         detail=os_reason(error, reading=True))
        if len(self.found.files) == before and not lost:
            self.problem(Code.EMPTY_FOLDER, file=given)

    def given(self, given: str) -> None:
        path = Path(given)
        if path.is_dir():
            self.folder(given, path)
        elif os.path.lexists(path):
            self.file(given, path, given_directly=True)
        elif glob.has_magic(given):
            matches = sorted(Path(m) for m in glob.glob(given, recursive=True))
            usable = [m for m in matches if not m.is_dir() and self.accept(m.name)]
            if not usable:
                self.problem(Code.FILE_NOT_FOUND, file=given, hint="")
            for item in usable:
                self.file(str(item), item, given_directly=False)
        else:
            close = _suggest_path(given)
            self.problem(Code.FILE_NOT_FOUND, file=given,
                         hint=f"; maksud Anda {close}?" if close else "")


def _digest(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None  # reading it will say why


def _same_content(found: FoundInputs) -> None:
    """Files with the same bytes are read once (the first in order keeps the credit): found by
    size first, so only files of equal size are hashed."""
    by_size: dict[int, list[InputFile]] = {}
    for item in found.files:
        try:
            by_size.setdefault(item.path.stat().st_size, []).append(item)
        except OSError:
            continue
    found.order = {item.display: index for index, item in enumerate(found.files)}
    dropped: set[InputFile] = set()
    for group in by_size.values():
        if len(group) < 2:
            continue
        first_of: dict[str, InputFile] = {}
        for item in group:
            digest = _digest(item.path)
            if digest is None:
                continue
            first = first_of.setdefault(digest, item)
            if first is not item:
                dropped.add(item)
                found.same_content.append((item, first))
                found.problems.append(make_problem(Code.SAME_CONTENT, file=item.display,
                                                   first=first.display))
    found.files = [item for item in found.files if item not in dropped]


def find_inputs(paths: Sequence[str | Path],
                accept: Callable[[str], bool] = is_spreadsheet_name) -> FoundInputs:
    """Files, folders (with subfolders; hidden ones left out) and glob patterns, each file once
    and in sorted order within a folder; problems for what gave nothing or must not be read.
    ``accept``: which names found in a folder or pattern are inputs (a file named directly
    always is)."""
    finder = _Finder(accept)
    for given in paths:
        finder.given(str(given))
    _same_content(finder.found)
    return finder.found


def folder_subdistrict(path: Path, folders: Sequence[Path]) -> str | None:
    """The kecamatan a file's folder names under a given folder (one folder per kecamatan):
    'kabupaten/Kec. Gucialit/rekap.xlsx' given 'kabupaten/' -> 'Gucialit'."""
    for folder in folders:
        try:
            parts = path.relative_to(folder).parts
        except ValueError:
            continue
        if len(parts) > 1:
            name = re.sub(r"^(?:kecamatan|kec)\b[\s._-]*", "", parts[0], flags=re.I)
            name = " ".join(re.split(r"[\s_]+", name)).strip(" .-")
            return name.title() if name else None
    return None
