"""`iku hitung --ke LAPORAN.xlsx --sheet NAMA`: the Ringkasan table written into the office's
own report workbook, every other sheet left as it was.

openpyxl rewrites the whole file, and drops what it cannot read; so before anything is written
the package is inspected (:mod:`.host_inspect`) and the write is refused, naming what would be
lost, unless the operator forces it — and then a byte-identical backup is written first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from iku_cli.atomic import write_atomically, write_saved_atomically
from iku_cli.problems import OutputError, os_reason
from iku_cli.rekap.model import Result
from iku_cli.render.common.excel import sheet_name
from iku_cli.render.rekap.host_inspect import Finding, NotAWorkbook, inspect_host
from iku_cli.render.rekap.summary_sheets import write_ringkasan
from iku_cli.runinfo import RunInfo

SUFFIXES = (".xlsx", ".xlsm")


class IntoUsageError(OutputError):
    """A wrong --ke/--sheet value: a usage error (exit code 2)."""

    exit_code = 2


@dataclass(frozen=True)
class IntoPlan:
    """A checked target: the workbook, the sheet to write, and whether to back it up first."""

    path: Path
    sheet: str
    force: bool
    macros: bool
    findings: tuple[Finding, ...] = ()


def check_into(path: Path, sheet: str, *, force: bool) -> IntoPlan:
    """Everything that can be checked before counting: the file, the sheet name, a lock file,
    and what openpyxl would lose (refused unless ``force``). Raises :class:`OutputError`.
    A symbolic link is followed: the real report is the one written (the link stays)."""
    path = Path(path).resolve() if Path(path).is_symlink() else Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise IntoUsageError(
            f"--ke hanya untuk buku kerja .xlsx atau .xlsm, bukan {path.name}: buka di Excel lalu "
            "simpan sebagai .xlsx"
        )
    if sheet_name(sheet) != sheet or not sheet.strip():
        raise IntoUsageError(
            f"nama sheet {sheet!r} tidak sah di Excel (paling banyak 31 karakter, tanpa "
            "[ ] : * ? / \\ dan tidak diawali/diakhiri tanda petik); misalnya --sheet IKU"
        )
    if not path.is_file():
        raise IntoUsageError(
            f"{path} tidak ditemukan: --ke menulis ke buku kerja yang sudah ada; untuk buku "
            "kerja baru pakai -o"
        )
    _refuse_if_open(path)
    macros = path.suffix.lower() == ".xlsm"
    try:
        findings = inspect_host(path, sheet, macros_kept=macros)
    except NotAWorkbook as error:
        raise OutputError(
            f"{path} tidak bisa dibuka sebagai buku kerja Excel ({error}); mungkin dilindungi "
            "kata sandi atau rusak: buka di Excel, simpan ulang sebagai .xlsx, lalu ulangi"
        ) from error
    if findings and not force:
        raise OutputError(refusal(path, sheet, findings))
    return IntoPlan(path, sheet, force, macros, tuple(findings))


def refusal(path: Path, sheet: str, findings: list[Finding]) -> str:
    lines = [f"{path} tidak diubah: isinya memuat hal yang akan hilang atau berubah bila iku "
             f"menulis sheet {sheet} ke dalamnya:"]
    lines += [f"  - {finding.describe()}" for finding in findings]
    lines.append(
        f"Pakai --paksa untuk tetap menulis (salinan cadangan {backup_name(path).name} dibuat "
        "dulu di folder yang sama), atau salin tabel dari buku kerja -o ke laporan dengan tangan."
    )
    return "\n".join(lines)


def _refuse_if_open(path: Path) -> None:
    """Excel and LibreOffice leave a lock file beside a workbook they have open; writing under
    them would be lost when they save."""
    locks = [path.with_name(f"~${path.name}"), path.with_name(f".~lock.{path.name}#")]
    for lock in locks:
        if lock.exists():
            raise OutputError(
                f"{path} sedang dibuka (ada berkas kunci {lock.name}): tutup berkas di Excel "
                "lalu ulangi (bila tidak sedang dibuka, hapus berkas kunci itu)"
            )


def backup_name(path: Path, when: dt.datetime | None = None) -> Path:
    """LAPORAN.backup-YYYYMMDD-HHMMSS.xlsx beside LAPORAN.xlsx (numbered if taken)."""
    stamp = f"{when or dt.datetime.now():%Y%m%d-%H%M%S}"
    candidate = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.backup-{stamp}-{number}{path.suffix}")
        number += 1
    return candidate


def write_into(plan: IntoPlan, result: Result, run: RunInfo) -> Path | None:
    """Write the Ringkasan table into the plan's sheet; returns the backup's path (--paksa)."""
    with report_lock(plan.path):
        return _write_locked(plan, result, run)


LOCK_WAIT = 60.0  # seconds another iku may take to write the same report


@contextlib.contextmanager
def report_lock(path: Path) -> Iterator[None]:
    """Only one iku writes a report at a time: a lock file beside it (made atomically; one left
    by a process that is gone is taken over). Another run waits for it, then reads the report
    afresh — so neither sheet is lost."""
    lock = path.with_name(f".{path.name}.iku-kunci")
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            if _stale(lock):
                with contextlib.suppress(OSError):
                    lock.unlink()
                continue
            if time.monotonic() > deadline:
                raise OutputError(
                    f"{path} sedang ditulis oleh iku lain (berkas kunci {lock.name}): ulangi "
                    "sebentar lagi") from None
            time.sleep(0.2)
            continue
        except OSError as error:
            raise OutputError(f"{path}: berkas kunci tidak bisa dibuat di foldernya "
                              f"({os_reason(error)})") from error
        with os.fdopen(handle, "w") as out:
            out.write(str(os.getpid()))
        break
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()


def _stale(lock: Path) -> bool:
    """A lock whose process is gone (or that cannot be read after a second: half-written)."""
    try:
        pid = int(lock.read_text().strip() or "0")
    except (OSError, ValueError):
        return False
    if pid <= 0:
        try:
            return time.time() - lock.stat().st_mtime > 1
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OSError):
        return False
    return False


def _write_locked(plan: IntoPlan, result: Result, run: RunInfo) -> Path | None:
    from openpyxl import load_workbook

    backup = None
    if plan.force:
        backup = backup_name(plan.path)
        write_atomically(backup, lambda temp: shutil.copy2(plan.path, temp))
    with warnings.catch_warnings():
        # what openpyxl warns about dropping was listed (and forced) before
        warnings.simplefilter("ignore")
        workbook = load_workbook(plan.path, keep_vba=plan.macros, rich_text=True)
    existing = next((ws for ws in workbook.worksheets + workbook.chartsheets
                     if ws.title.casefold() == plan.sheet.casefold()), None)
    index = None
    if existing is not None:
        index = workbook.sheetnames.index(existing.title)  # chart sheets count too
        workbook.remove(existing)
    ws = workbook.create_sheet(plan.sheet, index)
    write_ringkasan(ws, result, run, chart=False)
    mode = plan.path.stat().st_mode
    write_saved_atomically(plan.path, workbook.save)
    plan.path.chmod(mode & 0o7777)  # the office's file keeps its permissions
    return backup
