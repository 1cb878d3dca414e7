"""Where the time of one `iku hitung` goes, stage by stage (best of N fresh processes).

    python benchmarks/stages.py /tmp/iku-bench/big_100000.xlsx
    python benchmarks/stages.py --profile /tmp/iku-bench/big_100000.xlsx   # and a cProfile

Each pipeline function below is wrapped with a timer; a stage's time includes what it calls
(read_files includes locating and normalising; iter_sheets includes xlsx_inspect and
python-calamine; read_pieces, a big sheet's parse in pieces on several threads, with
``--cores 2`` or more). One process (IKU_PROSES=1) unless ``--cores``. As `iku hitung`, a
single big workbook is read and unpacked ahead (inputs/prefetch) while the rest is imported:
``load_bytes`` is then only the wait for it, and the unzip is missing from ``inspect_xlsx``.
Like run.py, this measures; it tests nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import importlib
import json
import os
import pstats
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

STAGES = (  # (module that calls it, function or Class.method), in pipeline order
    ("iku_cli.rekap.core", "read_inputs"),
    ("iku_cli.rekap.core", "read_files"),
    ("iku_cli.inputs.read", "load_bytes"),
    ("iku_cli.inputs.read", "inspect_xlsx"),
    ("iku_cli.inputs.read", "_iter_calamine"),
    ("iku_cli.inputs.read", "read_pieces"),
    ("iku_cli.rekap.run", "locate_tables"),
    ("iku_cli.rekap.normalize", "SheetNormalizer.run"),
    ("iku_cli.rekap.core", "mark_duplicates"),
    ("iku_cli.rekap.core", "summarise"),
    ("iku_cli.render.rekap.tabular", "result_json"),
)


def instrument(times: dict[str, float]) -> None:
    """Wrap each stage where its callers look it up (the module that imported it)."""
    for module_name, name in STAGES:
        module = importlib.import_module(module_name)
        owner: Any = module
        attribute = name
        if "." in name:
            class_name, attribute = name.split(".")
            owner = getattr(module, class_name)
        if hasattr(owner, attribute):
            setattr(owner, attribute, timed(times, name, getattr(owner, attribute)))


def timed(times: dict[str, float], name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            times[name] = times.get(name, 0.0) + time.perf_counter() - start

    return wrapper


def one_run(paths: list[str]) -> dict[str, float]:
    start = time.perf_counter()
    import iku_cli.cli  # noqa: F401  (what `iku` imports before it reads)
    from iku_cli.inputs import prefetch

    prefetch.start(paths)  # (as `iku hitung` does before its own imports)
    from iku_cli.rekap import core
    from iku_cli.render.rekap import (
        tabular,
        terminal,  # noqa: F401
    )

    times = {"imports": time.perf_counter() - start}
    instrument(times)
    start = time.perf_counter()
    tabular.result_json(core.hitung(paths))
    times["hitung + json"] = time.perf_counter() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="also print a cProfile top 30")
    parser.add_argument("--cores", type=int, default=1,
                        help="IKU_PROSES for the run (default 1: one process, one thread; "
                             "more: a big sheet is read in pieces on that many threads — "
                             "and several files by a pool, whose workers the timers miss)")
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.once:
        print(json.dumps(one_run(args.paths)))
        return
    best: dict[str, float] = {}
    # one process by default (the timers do not reach pool workers); bytecode cached as when
    # installed
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["IKU_PROSES"] = str(args.cores)
    for _ in range(args.runs):
        done = subprocess.run([sys.executable, __file__, "--once", *args.paths],
                              capture_output=True, text=True, check=True, env=env)
        for name, value in json.loads(done.stdout).items():
            best[name] = min(best.get(name, value), value)
    for name, value in best.items():
        print(f"{name:22} {value:6.3f} s")
    if args.profile:
        from iku_cli.rekap.core import hitung
        from iku_cli.render.rekap.tabular import result_json

        profiler = cProfile.Profile()
        profiler.runcall(lambda: result_json(hitung(args.paths)))
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
