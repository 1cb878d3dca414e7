"""Build every hostile input of issue 18 ("Hardening II") in a temporary folder, run `iku` on each
in a child process, and print what happened: exit code, wall time, peak memory, first stderr line.

    python benchmarks/hostile_cases.py                     # every case
    python benchmarks/hostile_cases.py -k xls -k fifo      # cases whose name holds a word
    python benchmarks/hostile_cases.py --src /tmp/old/src  # the iku of another checkout

Each child runs in a session of its own under an address-space ceiling (RLIMIT_AS, 6 GB by
default: a runaway allocation fails instead of taking the machine), and is killed with its
whole session at its timeout (FIFOs, /dev/zero). "peak MB" is ru_maxrss from os.wait4 (the
largest single process of the child's tree); "session MB" is PSS summed over the session,
sampled from /proc (the process pool's workers together). Dangerous entries (FIFOs, symlinks to
/dev/zero, loops, device nodes, a full tmpfs) exist only in the temporary folder.

This is a measurement, not a test: tests/test_hardening_ii.py asserts what should happen.
The output of a run on the code of the issue is kept in docs/hostile-cases.txt.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))

import hardening_ii_support as h  # noqa: E402

TIMEOUT = 120.0  # a memory case that takes longer is reported as a hang
SPECIAL_TIMEOUT = 20.0  # FIFOs block forever


@dataclass
class Row:
    case: str
    point: str
    outcome: h.Outcome | None
    happened: str

    def cells(self) -> list[str]:
        outcome = self.outcome
        if outcome is None:
            return [self.point, self.case, "-", "-", "-", "-", self.happened, ""]
        code = "hang" if outcome.code is None else (
            signal.Signals(-outcome.code).name if outcome.code < 0 else str(outcome.code))
        return [self.point, self.case, code, f"{outcome.seconds:.1f}", f"{outcome.peak_mb:.0f}",
                f"{outcome.group_mb:.0f}", self.happened, outcome.first_line[:110]]


Case = tuple[str, str, Callable[[Path], Row]]  # (name, point of the issue, run it in a folder)


# -- what happened -------------------------------------------------------------------------------

def verdict(outcome: h.Outcome, bad: Path | None = None) -> str:
    """A short account of a `-f json` run: counted, named, or how it died."""
    if outcome.code is None:
        return f"still running at {outcome.seconds:.0f} s: killed"
    if outcome.code < 0:
        return f"killed by {signal.Signals(-outcome.code).name}, good file lost too"
    try:
        data = outcome.json()
    except ValueError:
        return "exit 4, good file lost too" if outcome.code == 4 else "no JSON on stdout"
    named = sorted({p["kode"] for p in data["masalah"]["daftar"]
                    if bad is not None and p["berkas"] == str(bad) and p["tingkat"] != "info"})
    return (f"jumlah {data['total']['jumlah']}, lengkap {str(data['lengkap']).lower()}; "
            + ("file named: " + ", ".join(named) if named else "file not named"))


def pair(case: str, point: str, build: Callable[[Path], Path], timeout: float = TIMEOUT,
         **options: object) -> Case:
    """`iku hitung a_baik.xlsx BAD -f json` (the good file first)."""
    def run(folder: Path) -> Row:
        good = h.good_xlsx(folder / "a_baik.xlsx")
        bad = build(folder)
        outcome = h.run_iku("hitung", good, bad, "-f", "json", timeout=timeout, **options)
        return Row(case, point, outcome, verdict(outcome, bad))
    return case, point, run


def folder_case(kind: str) -> Case:
    def run(folder: Path) -> Row:
        inbox = folder / "masuk"
        inbox.mkdir()
        h.good_xlsx(inbox / "a_baik.xlsx")
        entry = h.special_entry(inbox, kind)
        try:
            outcome = h.run_iku("hitung", inbox, "-f", "json", timeout=SPECIAL_TIMEOUT,
                                drop_file_access=kind == "unreadable-subfolder")
        finally:
            if kind == "unreadable-subfolder":
                entry.chmod(0o755)
        return Row(f"folder-{kind}", "3", outcome, verdict(outcome, entry))
    return f"folder-{kind}", "3", run


def pool_of_eight(folder: Path) -> Row:
    inbox = folder / "masuk"
    inbox.mkdir()
    h.good_xlsx(inbox / "a_baik.xlsx")
    for i in range(8):
        h.repeated_row_ods(inbox / f"b_ulang_{i}.ods", pad=140_000)
    outcome = h.run_iku("hitung", inbox, "-f", "json", timeout=TIMEOUT)
    happened = verdict(outcome, None)
    with contextlib.suppress(ValueError):
        named = [p for p in outcome.json()["masalah"]["daftar"]
                 if "b_ulang" in p["berkas"] and p["tingkat"] == "galat"]
        happened += f"; {len(named)} of 8 named"
    return Row("ods-row-x1040000-8-files-pool", "2", outcome, happened)


# -- outputs -------------------------------------------------------------------------------------

def onto_input(command: str, name: str) -> Case:
    case = f"{command}-o-onto-its-input-{name.rsplit('.', 1)[1]}"

    def run(folder: Path) -> Row:
        source = (h.good_csv if name.endswith(".csv") else h.good_xlsx)(folder / name)
        before = h.snapshot(source)
        outcome = h.run_iku(command, source, "-o", source)
        changed = h.snapshot(source) != before
        return Row(case, "4", outcome, "input REPLACED by the output" if changed
                   else "input kept")
    return case, "4", run


def ke_onto_input(folder: Path) -> Row:
    report = h.good_xlsx(folder / "laporan.xlsx")
    before = h.snapshot(report)
    outcome = h.run_iku("hitung", report, "--ke", report)
    return Row("ke-onto-its-input", "4+", outcome,
               "input CHANGED" if h.snapshot(report) != before else "input kept")


def summary_counted_again(folder: Path) -> Row:
    inbox = folder / "masuk"
    inbox.mkdir()
    h.good_xlsx(inbox / "a_baik.xlsx")
    h.run_iku("hitung", inbox, "-o", inbox / "ringkasan.xlsx")
    outcome = h.run_iku("hitung", inbox, "-f", "json")
    happened = verdict(outcome)
    with contextlib.suppress(ValueError):
        counted = outcome.json()["total"]["jumlah"]
        happened = (f"jumlah {counted} for {h.GOOD_ROWS} activities: "
                    + ("the previous summary COUNTED as a rekap" if counted != h.GOOD_ROWS
                       else "the summary not counted"))
    return Row("summary-in-input-folder-next-run", "4+", outcome, happened)


def onto_device(folder: Path) -> Row:
    if os.geteuid() != 0:
        return Row("o-onto-device-node", "4", None, "skipped: mknod needs root")
    good = h.good_xlsx(folder / "a_baik.xlsx")
    node = folder / "perangkat.xlsx"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    outcome = h.run_iku("hitung", good, "-o", node)
    kept = stat.S_ISCHR(node.lstat().st_mode)
    return Row("o-onto-device-node", "4", outcome,
               "node kept" if kept else "device node REPLACED by a regular file")


def ke_symlink(folder: Path) -> Row:
    good = h.good_xlsx(folder / "a_baik.xlsx")
    (folder / "arsip").mkdir()
    real = h.good_xlsx(folder / "arsip" / "laporan.xlsx", first=30)
    before = real.read_bytes()
    link = folder / "laporan.xlsx"
    link.symlink_to(real)
    outcome = h.run_iku("hitung", good, "--ke", link)
    said = "says ditulis" if "ditulis" in outcome.stderr else "silent"
    real_state = "unchanged" if real.read_bytes() == before else "written"
    link_state = "kept" if link.is_symlink() else "REPLACED by a file"
    return Row("ke-through-symlink", "4", outcome,
               f"link {link_state}, real report {real_state}, {said}")


def ke_together(folder: Path, tries: int = 5) -> Row:
    good = h.good_xlsx(folder / "a_baik.xlsx")
    template = h.big_report(folder / "contoh.xlsx")
    lost, last = 0, None
    for attempt in range(tries):
        report = folder / f"laporan_{attempt}.xlsx"
        shutil.copyfile(template, report)
        outcomes, sheets = h.two_ke_runs_at_once(good, report)
        if any(o.code == 0 and s not in sheets for s, o in outcomes.items()):
            lost += 1
        last = outcomes["IKU_A"]
    return Row("ke-two-runs-at-once", "4", last,
               f"a sheet said ditulis and was lost in {lost} of {tries} tries")


def ke_views(folder: Path) -> Row:
    good = h.good_xlsx(folder / "a_baik.xlsx")
    report = h.report_with_views(folder / "laporan.xlsx")
    outcome = h.run_iku("hitung", good, "--ke", report)
    parts = h.parts_of(report)
    gone = [mark.decode().strip("< ") for part, mark in h.VIEW_MARKS if mark not in parts[part]]
    return Row("ke-custom-views-ignored-errors", "4", outcome,
               "dropped: " + ", ".join(gone) if gone else "kept or refused")


# -- the terminal --------------------------------------------------------------------------------

def raw_controls(outcome: h.Outcome) -> list[str]:
    shown = outcome.stdout.decode("utf-8", "replace") + outcome.stderr
    return sorted({repr(ch)[1:-1] for ch in shown if ch in h.RAW_CONTROLS})


def named_file(case: str, name: str, command: str = "hitung") -> Case:
    def run(folder: Path) -> Row:
        good = h.good_xlsx(folder / "a_baik.xlsx")
        bad = folder / name
        bad.write_bytes(b"bukan buku kerja")
        outcome = h.run_iku(command, good, bad)
        raw = raw_controls(outcome)
        forged = [line for line in outcome.stderr.splitlines() if line.startswith(h.FORGED_LINE)]
        happened = ("raw to the terminal: " + " ".join(raw)) if raw else "escaped"
        if forged:
            happened = f"{len(forged)} forged galat line(s) on stderr"
        return Row(case, "5", outcome, happened)
    return case, "5", run


def hostile_text(case: str, build: Callable[[Path], Path], *args: str) -> Case:
    def run(folder: Path) -> Row:
        bad = build(folder)
        outcome = h.run_iku(args[0], bad, *args[1:])
        raw = raw_controls(outcome)
        return Row(case, "5", outcome, ("raw to the terminal: " + " ".join(raw)) if raw
                   else "escaped")
    return case, "5", run


def non_utf8_name(folder: Path) -> Row:
    import openpyxl

    good = h.good_xlsx(folder / "a_baik.xlsx")
    raw = os.fsencode(folder) + b"/" + h.NON_UTF8_NAME
    h.bad_xlsx(Path(os.fsdecode(raw)))
    summary = folder / "ringkasan.xlsx"
    outcome = h.run_iku("hitung", good, raw, "-f", "json", "-o", summary)
    notes = []
    try:
        json.loads(outcome.stdout.decode("utf-8"))
        notes.append("JSON valid UTF-8")
    except (UnicodeDecodeError, ValueError):
        notes.append("JSON NOT valid UTF-8")
    try:
        openpyxl.load_workbook(summary)  # every part parsed (read_only parses lazily)
        notes.append("-o workbook opens")
    except Exception as error:  # what openpyxl raises on a broken part varies
        notes.append(f"-o workbook UNREADABLE ({type(error).__name__})")
    return Row("name-not-utf8", "5", outcome, ", ".join(notes))


# -- the user's world ----------------------------------------------------------------------------

def disk_full(command: str) -> Case:
    case = f"{command}-o-disk-full"

    def run(folder: Path) -> Row:
        if os.geteuid() != 0:
            return Row(case, "6", None, "skipped: mounting a tmpfs needs root")
        good = h.good_xlsx(folder / "a_baik.xlsx")
        try:
            with h.full_tmpfs(folder / "penuh") as full:
                outcome = h.run_iku(command, good, "-o", full / "ringkasan.xlsx")
                kept = (full / "ringkasan.xlsx").read_bytes() == b"lama"
                left = h.leftovers(full)
        except OSError as error:
            return Row(case, "6", None, f"skipped: {error}")
        return Row(case, "6", outcome, f"old file {'kept' if kept else 'LOST'}, "
                   f"{len(left)} temporary file(s) left")
    return case, "6", run


def stdout_full(case: str, *args: str) -> Case:
    def run(folder: Path) -> Row:
        good = h.good_xlsx(folder / "a_baik.xlsx")
        outcome = h.run_iku(args[0], good, *args[1:], stdout_path="/dev/full")
        return Row(case, "6", outcome, "stdout to /dev/full")
    return case, "6", run


def ctrl_c(folder: Path) -> Row:
    good = h.good_xlsx(folder / "a_baik.xlsx")
    out = folder / "keluar"
    out.mkdir()
    (out / "ringkasan.xlsx").write_bytes(b"lama")
    outcome = h.run_child([sys.executable, "-c", h.CTRL_C_IN_ZIP_CLOSE, "hitung", str(good),
                           "-o", str(out / "ringkasan.xlsx")])
    kept = (out / "ringkasan.xlsx").read_bytes() == b"lama"
    return Row("ctrl-c-in-zip-close", "6", outcome,
               f"old file {'kept' if kept else 'LOST'}, {len(h.leftovers(out))} temporary left")


# -- messages ------------------------------------------------------------------------------------

def message(case: str, build: Callable[[Path], Path], timeout: float = TIMEOUT,
            **options: object) -> Case:
    """A pair whose account is the bad file's message."""
    def run(folder: Path) -> Row:
        good = h.good_xlsx(folder / "a_baik.xlsx")
        bad = build(folder)
        outcome = h.run_iku("hitung", good, bad, "-f", "json", timeout=timeout, **options)
        happened = verdict(outcome, bad)
        with contextlib.suppress(ValueError, KeyError):
            said = [p["pesan"] for p in outcome.json()["masalah"]["daftar"]
                    if p["berkas"] == str(bad) and p["tingkat"] != "info"]
            english = [phrase for phrase in h.ENGLISH if phrase in " ".join(said)]
            if english:
                happened += "; English: " + ", ".join(english)
        if "Warning" in outcome.stderr:
            happened += "; a Python warning on stderr"
        return Row(case, "7", outcome, happened)
    return case, "7", run


def permission_denied(folder: Path) -> Path:
    bad = h.bad_xlsx(folder / "b_terkunci.xlsx")
    bad.chmod(0)
    return bad


def mixed(folder: Path) -> Row:
    import openpyxl

    good = h.good_xlsx(folder / "a_baik.xlsx")
    bad = h.mixed_encoding_csv(folder / "b_campur.csv")
    summary = folder / "ringkasan.xlsx"
    outcome = h.run_iku("hitung", good, bad, "-f", "json", "-o", summary)
    texts = {str(cell) for row in openpyxl.load_workbook(summary, read_only=True)["Rincian"]
             .iter_rows(values_only=True) for cell in row if cell}
    wrong = sorted(t for t in texts if "Ã" in t or "â€" in t)
    return Row("csv-mixed-encodings", "7", outcome, verdict(outcome, bad)
               + (f"; mojibake: {wrong[0]!r}" if wrong else ""))


CASES: list[Case] = [
    *(pair(f"xlsx-far-cell-{v}", "1", lambda f, v=v: h.stray_xlsx(f / f"b_{v}.xlsx", v))
      for v in [*h.STRAY_TAILS, "namespace-prefix"]),
    pair("xlsx-1000-unnumbered-cells-row-40000", "1",
         lambda f: h.unnumbered_row_xlsx(f / "b_tanpa_nomor.xlsx")),
    pair("xlsx-sst-uniqueCount-4e9", "1+", lambda f: h.shared_strings_xlsx(f / "b_sst.xlsx")),
    pair("xls-far-cell-IV65536", "1+", lambda f: h.far_cell_xls(f / "b_jauh.xls", 255)),
    pair("xls-far-cell-column-16384", "1+", lambda f: h.far_cell_xls(f / "b_jauh.xls", 16_383)),
    pair("xlsx-1000-merges-A:XFD", "1+", lambda f: h.wide_merges_xlsx(f / "b_gabung.xlsx",
                                                                      1_000)),
    pair("ods-row-x1040000", "2", lambda f: h.repeated_row_ods(f / "b_ulang.ods")),
    ("ods-row-x1040000-8-files-pool", "2", pool_of_eight),
    pair("ods-activity-row-x1040000", "2+",
         lambda f: h.repeated_activity_ods(f / "b_kegiatan_ulang.ods")),
    pair("csv-40MB-one-byte-lines", "2", lambda f: h.one_byte_lines_csv(f / "b_baris.csv")),
    pair("csv-100MB-rows-of-1000-fields", "2+",
         lambda f: h.wide_rows_csv(f / "b_lebar.csv", 100)),
    pair("xlsx-workbook.xml-20MB-empty-elements", "2",
         lambda f: h.empty_elements_workbook_xml(f / "b_workbook.xlsx", 20)),
    pair("xlsx-workbook.xml-180MB-empty-elements", "2",
         lambda f: h.empty_elements_workbook_xml(f / "b_workbook.xlsx", 180)),
    pair("csv-one-line-10M-fields", "2", lambda f: h.wide_line_csv(f / "b_lebar.csv")),
    pair("csv-10000-repeated-header-lines", "2+",
         lambda f: h.repeated_header_csv(f / "b_judul.csv")),
    pair("csv-10-lines-of-1M-fields", "2", lambda f: _ten_wide_lines(f / "b_lebar.csv")),
    *(folder_case(kind) for kind in h.SPECIAL_KINDS),
    onto_input("hitung", "rekap.xlsx"),
    onto_input("hitung", "rekap.csv"),
    onto_input("periksa", "rekap.xlsx"),
    ("ke-onto-its-input", "4+", ke_onto_input),
    ("summary-in-input-folder-next-run", "4+", summary_counted_again),
    ("o-onto-device-node", "4", onto_device),
    ("ke-through-symlink", "4", ke_symlink),
    ("ke-two-runs-at-once", "4", ke_together),
    ("ke-custom-views-ignored-errors", "4", ke_views),
    named_file("name-escape-sequences", h.ESCAPE_NAME),
    named_file("name-newline-forged-line", h.FORGED_NAME),
    named_file("name-right-to-left", h.RTL_NAME),
    hostile_text("sheet-and-cell-escapes-xlsx-periksa",
                 lambda f: h.hostile_text_xlsx(f / "b_isi.xlsx"), "periksa"),
    hostile_text("cell-escapes-csv-periksa", lambda f: h.hostile_text_csv(f / "b_isi.csv"),
                 "periksa"),
    ("name-not-utf8", "5", non_utf8_name),
    disk_full("hitung"),
    disk_full("periksa"),
    stdout_full("stdout-dev-full-json", "hitung", "-f", "json"),
    stdout_full("stdout-dev-full-table", "hitung"),
    ("ctrl-c-in-zip-close", "6", ctrl_c),
    message("permission-denied", permission_denied, drop_file_access=True),
    message("fifo-given-by-name", lambda f: h.special_entry(f / "lain", "fifo"),
            SPECIAL_TIMEOUT),
    message("dev-zero-given-by-name", lambda f: h.special_entry(f / "lain", "dev-zero"),
            SPECIAL_TIMEOUT),
    message("csv-utf16-unicode-text", lambda f: h.utf16_csv(f / "b_unicode.csv")),
    message("csv-field-over-131072", lambda f: h.long_field_csv(f / "b_panjang.csv")),
    message("ods-cannot-detect", lambda f: h.broken_ods(f / "b_rusak.ods")),
    message("xlsx-character-reference", lambda f: h.character_reference_xlsx(f / "b_ref.xlsx")),
    message("xlsx-duplicate-part-userwarning", lambda f: h.duplicate_part_xlsx(f / "b_ganda.xlsx")),
    ("csv-mixed-encodings", "7", mixed),
    message("xlsx-fuzzed-local-header-offset",
            lambda f: h.bad_local_header_offset(f / "b_offset.xlsx")),
]


def _ten_wide_lines(path: Path) -> Path:
    path.write_bytes((b"x," * 999_999 + b"x\r\n") * 10)
    return path


# -- the table -----------------------------------------------------------------------------------

HEADINGS = ["pt", "case", "exit", "s", "peak MB", "session MB", "what happened",
            "first stderr line (after the count line)"]


def print_table(rows: list[Row]) -> None:
    cells = [HEADINGS, *(row.cells() for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(HEADINGS) - 1)]
    right = {2, 3, 4, 5}
    for index, row in enumerate(cells):
        line = "  ".join(cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
                         for i, cell in enumerate(row[:-1]))
        print(f"{line}  {row[-1]}".rstrip(), flush=True)
        if index == 0:
            print("-" * (sum(widths) + 2 * len(widths) + 40))


def describe_machine(src: Path | None) -> str:
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / (1 << 20):.0f} GB RAM"
    commit = ""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        commit = subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%h %s"],
                                capture_output=True, text=True, timeout=10).stdout.strip()
    from importlib.metadata import version

    where = f"iku from {src}" if src else f"iku from {REPO / 'src'} (HEAD {commit})"
    return (f"{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} · {platform.platform()} · "
            f"{os.cpu_count()} cores{memory} · Python {platform.python_version()} · "
            f"python-calamine {version('python-calamine')} · {where} · "
            f"uid {os.geteuid()} · RLIMIT_AS {h.MEMORY_CEILING >> 30} GB per child")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-k", action="append", default=[], metavar="WORD",
                        help="only the cases whose name holds WORD (repeatable)")
    parser.add_argument("--src", type=Path, help="run the iku of another checkout's src/")
    args = parser.parse_args()
    if args.src:
        os.environ["PYTHONPATH"] = str(args.src.resolve())
    chosen = [case for case in CASES if not args.k or any(word in case[0] for word in args.k)]
    print(describe_machine(args.src))
    print("exit: the child's code; SIGABRT/SIGKILL: killed by it; hang: killed at the timeout "
          f"({SPECIAL_TIMEOUT:.0f} s for special files, {TIMEOUT:.0f} s else). pt: the point of "
          "issue 18 (1+: found beyond its list).")
    print()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="iku-hostile-") as root:
        for index, (name, point, run) in enumerate(chosen):
            folder = Path(root) / f"{index:02d}-{name}"
            folder.mkdir()
            print(f"[{index + 1}/{len(chosen)}] {name} ...", file=sys.stderr, flush=True)
            try:
                rows.append(run(folder))
            except Exception as error:  # a broken case must not hide the others
                rows.append(Row(name, point, None, f"case failed: {type(error).__name__}: "
                                f"{error}"))
            finally:
                for path in folder.rglob("*"):  # an unreadable subfolder would stop cleanup
                    with contextlib.suppress(OSError):
                        if path.is_dir() and not path.is_symlink():
                            path.chmod(0o755)
    print_table(rows)


if __name__ == "__main__":
    main()
