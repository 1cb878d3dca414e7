"""Benchmark `iku` against the ways one could read the same files, and print medians and ratios.

    python benchmarks/run.py                  # every case, 5 rounds
    python benchmarks/run.py --rounds 3 big   # one case

Inputs are generated once (seeded, see ``generate.py``) into ``--data`` (default: a folder
under the system's temp dir). Every command runs as its own process, as a user runs it
(interpreter start and imports included); within a round the commands of a case run one after
another, so a busy moment hits all of them alike; the table shows the median of the rounds.

This is not a test: nothing here is asserted, and CI times nothing. The numbers depend on the
machine (and on whatever else runs on it); the table says which machine.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import big_workbook, kabupaten_quarter, many_files  # noqa: E402

PYTHON = sys.executable
IKU = [PYTHON, "-m", "iku_cli"]
IKU_ENV: dict[str, str] = {}  # --src: PYTHONPATH of another checkout's src/
EXAMPLE = REPO / "examples" / "rekap_gucialit_2026.xlsx"
HEAVY_MODULES = ("pandas", "numpy", "openpyxl", "python_calamine")


def pandas_read(engine: str, target: Path, pattern: str = "*.xlsx") -> list[str]:
    """A bare pandas read of one workbook, or of every workbook of a folder one after another."""
    code = (
        "import sys, glob, pandas as pd\n"
        "target, pattern = sys.argv[1:3]\n"
        "paths = sorted(glob.glob(target + '/' + pattern)) or [target]\n"
        f"for path in paths: pd.read_excel(path, engine={engine!r})\n"
    )
    return [PYTHON, "-c", code, str(target), pattern]


def fastexcel_read(target: Path) -> list[str] | None:
    """The floor (issue 19): fastexcel (Rust, calamine) reading the sheet into Arrow columns,
    interpreter start included. None when fastexcel or pyarrow is not installed
    (`pip install -e ".[bench]"`)."""
    try:
        import fastexcel  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        return None
    code = (
        "import sys, fastexcel\n"
        "reader = fastexcel.read_excel(sys.argv[1])\n"
        "for name in reader.sheet_names: reader.load_sheet(name, header_row=None).to_arrow()\n"
    )
    return [PYTHON, "-c", code, str(target)]


@dataclass
class Command:
    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    times: list[float] = field(default_factory=list)
    peak_kb: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def run(self, measure_memory: bool = False) -> None:
        argv = self.argv
        if measure_memory and shutil.which("time") and Path("/usr/bin/time").exists():
            argv = ["/usr/bin/time", "-v", *argv]
        # bytecode caching as in any installed package (some shells turn it off)
        env = {key: value for key, value in os.environ.items()
               if key != "PYTHONDONTWRITEBYTECODE"}
        if self.argv[: len(IKU)] == IKU:
            env.update(IKU_ENV)
        env.update(self.env)
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, env=env, cwd=REPO)
        in_files: list[int] = []
        sampler = None
        if argv is not self.argv:  # (measuring memory: the command runs under `time`)
            sampler = threading.Thread(target=_sample_files, args=(child.pid, in_files))
            sampler.start()
        _, stderr = child.communicate()
        self.times.append(time.perf_counter() - start)
        if sampler is not None:
            sampler.join()
        if child.returncode not in (0, 1):  # iku exits 1 when the sheets hold galat
            raise SystemExit(f"{self.name} failed ({child.returncode}):\n{stderr[-2000:]}")
        peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
        if peak:
            self.peak_kb.append(max([int(peak.group(1)), *in_files]))


def _sample_files(time_pid: int, peaks: list[int]) -> None:
    """Every 10 ms while the command `time` runs lives: its resident set together with its
    files held in memory (memfd: a big sheet's piece copies, iku_cli.inputs.memory_file),
    which no resident-set figure counts. Appends the largest sum seen, in kB (the resident
    set's own peak is `time`'s exact figure)."""
    children = Path(f"/proc/{time_pid}/task/{time_pid}/children")
    together = 0
    while True:
        try:
            pids = children.read_text().split()
            if not pids:
                time.sleep(0.001)
                continue
            status, descriptors = Path(f"/proc/{pids[0]}/status"), Path(f"/proc/{pids[0]}/fd")
            resident = int(status.read_text().split("VmRSS:")[1].split()[0])
            held = 0
            for entry in descriptors.iterdir():
                with contextlib.suppress(OSError):
                    if os.readlink(entry).startswith("/memfd:"):
                        held += entry.stat().st_size
        except (OSError, IndexError, ValueError):
            break  # (ended: `time` gone, or the command a zombie without VmRSS)
        together = max(together, resident + held // 1024)
        time.sleep(0.01)
    peaks.append(together)


def busy_share(seconds: float = 1.0) -> float | None:
    """How busy the CPUs were over ``seconds`` (0..1), from /proc/stat; None if unknown."""
    def sample() -> tuple[int, int]:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return sum(fields[:3]), sum(fields[:5])  # user+nice+system, and those with idle+iowait

    try:
        busy0, all0 = sample()
        time.sleep(seconds)
        busy1, all1 = sample()
    except (OSError, ValueError, IndexError):
        return None
    return (busy1 - busy0) / max(1, all1 - all0)


def wait_until_idle(limit: float = 120.0) -> None:
    """On a shared machine, wait (up to ``limit`` s) until nothing else keeps a CPU busy."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        share = busy_share()
        if share is None or share < 0.1:
            return
    print("  (machine still busy; measuring anyway)", file=sys.stderr)


WAIT_IDLE = False  # --wait-idle


def rounds(commands: list[Command], count: int, measure_memory: bool = False) -> None:
    """Every command once per round, alternating, so drift in the machine's load hits all."""
    for index in range(count):
        if WAIT_IDLE:
            wait_until_idle()
        order = commands if index % 2 == 0 else list(reversed(commands))
        for command in order:
            command.run(measure_memory)
        print(f"  round {index + 1}/{count}: "
              + ", ".join(f"{c.name} {c.times[-1]:.2f} s" for c in commands), file=sys.stderr)


def ratio_line(label: str, value: float, goal: str, met: bool) -> str:
    return f"| {label} | {value:.2f} | {goal} | {'yes' if met else 'NO'} |"


# --- cases ------------------------------------------------------------------------------------


def case_big(data: Path, count: int, openpyxl: bool) -> list[str]:
    path = big_workbook(data)
    iku = Command("iku hitung big.xlsx -f json", [*IKU, "hitung", str(path), "-f", "json"])
    calamine = Command("pandas.read_excel calamine", pandas_read("calamine", path))
    commands = [iku, calamine]
    floor_argv = fastexcel_read(path)
    floor = Command("fastexcel into Arrow", floor_argv) if floor_argv else None
    if floor is not None:
        commands.append(floor)
    slow = Command("pandas.read_excel openpyxl", pandas_read("openpyxl", path))
    if openpyxl:
        commands.append(slow)
    rounds(commands, count, measure_memory=True)
    rows = [table_row(c) for c in commands]
    lines = ["", "100 000 activities in one sheet (`big.xlsx`, 8 columns):", "",
             *TABLE_HEAD, *rows, "", *GOAL_HEAD,
             ratio_line("iku / pandas+calamine", iku.median / calamine.median, "≤ 1.2",
                        iku.median <= 1.2 * calamine.median)]
    if floor is not None:  # issue 19: within 2x of just reading the cells into Arrow
        lines.append(ratio_line("iku / fastexcel into Arrow", iku.median / floor.median,
                                "≤ 2.0", iku.median <= 2.0 * floor.median))
        lines.append(ratio_line("iku / pandas+calamine (issue 19)",
                                iku.median / calamine.median, "≤ 0.6",
                                iku.median <= 0.6 * calamine.median))
    else:
        lines.append("  (fastexcel/pyarrow not installed: no ratio to the Arrow floor; "
                     "pip install -e \".[bench]\")")
    if openpyxl:
        lines.append(ratio_line("pandas+openpyxl / iku", slow.median / iku.median, "≥ 5",
                                slow.median >= 5 * iku.median))
    peak = max(iku.peak_kb) / 1024 if iku.peak_kb else float("nan")
    lines.append(ratio_line("iku peak memory (MB)", peak, "< 400", peak < 400))
    return lines


def case_many(data: Path, count: int, openpyxl: bool) -> list[str]:
    folder = many_files(data)
    iku = Command("iku hitung many/ -f json", [*IKU, "hitung", str(folder), "-f", "json"])
    serial = Command("iku, one process (IKU_PROSES=1)", iku.argv, {"IKU_PROSES": "1"})
    calamine = Command("pandas+calamine, serial loop", pandas_read("calamine", folder))
    commands = [iku, serial, calamine]
    slow = Command("pandas+openpyxl, serial loop", pandas_read("openpyxl", folder))
    if openpyxl:
        commands.append(slow)
    rounds(commands, count)
    return ["", "200 files × 1 000 activities (`many/`):", "", *TABLE_HEAD,
            *(table_row(c) for c in commands), "", *GOAL_HEAD,
            ratio_line("iku / pandas+calamine loop", iku.median / calamine.median, "< 1",
                       iku.median < calamine.median)]


def case_kabupaten(data: Path, count: int) -> list[str]:
    """Many small files, as a kabupaten collects them: per-file costs, not per-row ones."""
    folder = kabupaten_quarter(data)
    files = len(list(folder.rglob("*.xlsx")))
    iku = Command("iku hitung kabupaten/ --per kecamatan -f json",
                  [*IKU, "hitung", str(folder), "--per", "kecamatan", "-f", "json"])
    serial = Command("iku, one process (IKU_PROSES=1)", iku.argv, {"IKU_PROSES": "1"})
    calamine = Command("pandas+calamine, serial loop",
                       pandas_read("calamine", folder, "*/*.xlsx"))
    commands = [iku, serial, calamine]
    rounds(commands, count, measure_memory=True)
    return ["", f"A kabupaten's quarter: {files} small files (15 activities each, "
            "21 kecamatan folders):", "", *TABLE_HEAD, *(table_row(c) for c in commands), "",
            f"Per file, start-up included: {1000 * iku.median / files:.1f} ms on all cores, "
            f"{1000 * serial.median / files:.1f} ms in one process."]


def case_start(count: int) -> list[str]:
    commands = [
        Command("iku --help", [*IKU, "--help"]),
        Command("iku templat --help", [*IKU, "templat", "--help"]),
        Command("iku hitung (7-sheet example)", [*IKU, "hitung", str(EXAMPLE)]),
    ]
    rounds(commands, count)
    heavy = {args: heavy_imports(list(args)) for args in (("--help",), ("templat", "--help"))}
    example = commands[2]
    lines = ["", "Start-up and the shipped example:", "", *TABLE_HEAD,
             *(table_row(c) for c in commands), "", *GOAL_HEAD,
             ratio_line("iku hitung example (s)", example.median, "< 1", example.median < 1)]
    for args, found in heavy.items():
        lines.append(f"| heavy imports in `iku {' '.join(args)}` | {', '.join(found) or 'none'} "
                     f"| none | {'yes' if not found else 'NO'} |")
    return lines


def heavy_imports(args: list[str]) -> list[str]:
    done = subprocess.run([PYTHON, "-X", "importtime", "-m", "iku_cli", *args],
                          capture_output=True, text=True, cwd=REPO, env={**os.environ, **IKU_ENV})
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    return sorted(imported & set(HEAVY_MODULES))


def case_write(data: Path, count: int) -> list[str]:
    """The summary workbook `-o` writes (whatever sheets it has in this version)."""
    path = big_workbook(data)
    out = data / "ringkasan.xlsx"
    read = Command("iku hitung big.xlsx -f json", [*IKU, "hitung", str(path), "-f", "json"])
    write = Command("... -o ringkasan.xlsx", [*read.argv, "-o", str(out)])
    rounds([read, write], count)
    writing = write.median - read.median
    reading = read.median
    return ["", "Writing the summary workbook (`-o`) for 100 000 activities (writing = the "
            "difference of the medians):", "", *TABLE_HEAD,
            table_row(read), table_row(write), "", *GOAL_HEAD,
            ratio_line("writing / reading", writing / reading, "≤ 2", writing <= 2 * reading)]


CASES = ("big", "many", "kabupaten", "start", "write")
TABLE_HEAD = ["| command | median s | runs (s) | peak MB |", "|---|---:|---|---:|"]
GOAL_HEAD = ["| goal | measured | target | met |", "|---|---:|---|---|"]


def table_row(command: Command) -> str:
    runs = " ".join(f"{t:.2f}" for t in command.times)
    peak = f"{max(command.peak_kb) / 1024:.0f}" if command.peak_kb else ""
    return f"| {command.name} | {command.median:.2f} | {runs} | {peak} |"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", metavar="CASE",
                        help="big, many, kabupaten, start, write (default: all)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "iku-bench")
    parser.add_argument("--no-openpyxl", action="store_true",
                        help="skip the slow openpyxl baselines (about 10 s and 40 s a run)")
    parser.add_argument("--src", type=Path,
                        help="run the iku of another checkout (its src/ folder), e.g. before a "
                        "change")
    parser.add_argument("--wait-idle", action="store_true",
                        help="before each round, wait until no other process keeps a CPU busy")
    args = parser.parse_args()
    cases = args.cases or list(CASES)
    unknown = set(cases) - set(CASES)
    if unknown:
        parser.error(f"unknown case(s): {', '.join(sorted(unknown))}")
    global WAIT_IDLE
    WAIT_IDLE = args.wait_idle
    if args.src:
        IKU_ENV["PYTHONPATH"] = str(args.src.resolve())
    args.data.mkdir(parents=True, exist_ok=True)
    print("generating inputs (once) ...", file=sys.stderr)
    big_workbook(args.data)
    many_files(args.data)
    kabupaten_quarter(args.data)
    print(f"Machine: {machine()}. Medians of {args.rounds} alternating rounds"
          + (f"; iku from {args.src}" if args.src else "") + ".", flush=True)
    for case in cases:
        print(f"{case} ...", file=sys.stderr)
        if case == "big":
            lines = case_big(args.data, args.rounds, not args.no_openpyxl)
        elif case == "many":
            lines = case_many(args.data, args.rounds, not args.no_openpyxl)
        elif case == "kabupaten":
            lines = case_kabupaten(args.data, args.rounds)
        elif case == "start":
            lines = case_start(args.rounds)
        else:
            lines = case_write(args.data, args.rounds)
        print("\n".join(lines), flush=True)  # each case as it ends


if __name__ == "__main__":
    main()
