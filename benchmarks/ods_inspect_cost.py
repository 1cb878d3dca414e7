"""What the .ods inspection costs an ordinary file: this checkout against another one.

    python benchmarks/ods_inspect_cost.py --before /path/to/other/src [--rows 20000] [--rounds 7]

Two files of ``--rows`` activities: one written as the tests write an .ods (tests/conftest.py
``write_ods``), and the same rekap saved by LibreOffice (an .xlsx converted with ``soffice
--headless --convert-to ods``; skipped when soffice is missing). For each, the median of the
rounds of: ``inspect_ods`` alone (in this process, the file's bytes in memory; unpacking and
checking the zip's parts included), and a whole ``iku hitung FILE -f json`` (its own process).
Rounds interleave the two checkouts, so a busy moment hits both alike. Nothing is asserted; the
numbers are this machine's.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "src"), str(REPO / "tests")]

from conftest import SheetSpec, simple_rekap, write_ods, write_xlsx  # noqa: E402
from hostile_support import TITLE, act  # noqa: E402
from iku_cli.inputs.zipguard import ZipGuard  # noqa: E402
from iku_cli.limits import DEFAULT_LIMITS  # noqa: E402


def make_files(folder: Path, rows: int) -> list[Path]:
    spec = [SheetSpec("Pemerintahan", simple_rekap([act(i + 1) for i in range(rows)],
                                                   title=TITLE))]
    files = [write_ods(folder / f"write_ods_{rows}.ods", spec)]
    soffice = shutil.which("soffice")
    if soffice:
        xlsx = write_xlsx(folder / f"libreoffice_{rows}.xlsx", spec)
        subprocess.run([soffice, "--headless", "--convert-to", "ods", "--outdir", str(folder),
                        str(xlsx)], check=True, capture_output=True, timeout=300)
        files.append(xlsx.with_suffix(".ods"))
    return files


def load_module(src: Path) -> ModuleType:
    """That checkout's ods_inspect, under another name (its relative imports resolve to ours:
    only this module differs between the checkouts compared)."""
    spec = importlib.util.spec_from_file_location("iku_cli._ods_inspect_before",
                                                  src / "iku_cli" / "ods_inspect.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="the other checkout's src/")
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--data", type=Path, help="where to write the files (default: temp)")
    args = parser.parse_args()
    folder = args.data or Path(tempfile.mkdtemp(prefix="ods_inspect_cost_"))
    folder.mkdir(parents=True, exist_ok=True)
    import iku_cli.inputs.ods_inspect as after

    for src in (args.before, REPO / "src"):  # compiled beforehand: no run pays for it
        compileall.compile_dir(src, quiet=1)
    modules = {"before": load_module(args.before.resolve()), "after": after}
    envs = {"before": {**os.environ, "PYTHONPATH": str(args.before.resolve())},
            "after": {**os.environ, "PYTHONPATH": str(REPO / "src")}}
    print(f"{args.rows} rows, {args.rounds} rounds (median), files in {folder}")
    for path in make_files(folder, args.rows):
        data = path.read_bytes()
        inspect: dict[str, list[float]] = {name: [] for name in modules}
        whole: dict[str, list[float]] = {name: [] for name in modules}
        for _ in range(args.rounds):
            for name, module in modules.items():
                inspect[name].append(seconds(
                    lambda m=module, d=data: m.inspect_ods(ZipGuard(d, DEFAULT_LIMITS))))
                command = [sys.executable, "-m", "iku_cli", "hitung", str(path), "-f", "json"]
                whole[name].append(seconds(lambda c=command, e=envs[name]: subprocess.run(
                    c, env=e, check=True, capture_output=True)))
        print(f"{path.name} ({len(data) / 1e6:.1f} MB)")
        for name in modules:
            print(f"  {name:6}  inspect_ods {statistics.median(inspect[name]) * 1e3:6.1f} ms"
                  f" (min {min(inspect[name]) * 1e3:5.1f})   iku hitung -f json"
                  f" {statistics.median(whole[name]) * 1e3:5.0f} ms"
                  f" (min {min(whole[name]) * 1e3:4.0f})")


if __name__ == "__main__":
    main()
