"""How `iku gabung` scales: the roll-up of a national year, ~7 000 kecamatan results.

Builds N result files from one real `iku hitung --format json` result of the example office
(21 KB: units, problems, sources — what a kecamatan sends), each with its own kecamatan name
and counts, in folders of 21 per kabupaten, then times `iku gabung` over the whole tree as a
child process (wall time, peak memory of the child) for a few rounds and prints the medians.

Usage: python benchmarks/rollup_scale.py [--results 7000] [--rounds 3] [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "rekap_gucialit_2026.xlsx"


def template() -> dict:
    done = subprocess.run([sys.executable, "-m", "iku_cli", "hitung", str(EXAMPLE), "--tahun",
                           "2026", "-f", "json"], capture_output=True, text=True, cwd=ROOT)
    return json.loads(done.stdout)


def build(folder: Path, results: int, seed: int = 7000) -> tuple[int, int, int]:
    """``results`` files under folder/kab_NNN/; returns (files, Σ jumlah, Σ ditindaklanjuti)."""
    base = template()
    rng = random.Random(seed)
    total = done = 0
    for index in range(results):
        data = dict(base)
        counted = rng.randint(40, 400)
        followed = rng.randint(counted // 2, counted)
        data["kecamatan"] = f"Kecamatan {index:05d}"
        data["kabupaten"] = "Nasional"
        data["dibuat"] = f"2027-01-{1 + index % 28:02d}T09:00:00+07:00"
        data["total"] = {**base["total"], "jumlah": counted, "ditindaklanjuti": followed,
                         "persentase": round(100 * followed / counted, 2)}
        total, done = total + counted, done + followed
        target = folder / f"kab_{index // 21:03d}" / f"hasil_{index:05d}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return results, total, done


# Runs gabung as its child and reports that child's peak memory alone (RUSAGE_CHILDREN of a
# fresh process holds only the children it waited for).
WRAPPER = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], stdout=open(sys.argv[0] + ".out", "wb"))
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(done.returncode, peak, file=sys.stderr)
"""


def run_once(folder: Path) -> tuple[float, float, dict]:
    """Wall seconds, the gabung process's peak RSS in MiB, and its JSON."""
    out = folder.parent / "gabung"
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", WRAPPER.replace("sys.argv[0]", repr(str(out))),
                           sys.executable, "-m", "iku_cli", "gabung", str(folder), "-f", "json"],
                          capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    code, peak = (int(v) for v in done.stderr.split()[-2:])
    if code not in (0, 1):
        raise SystemExit(f"gabung failed ({code})")
    data = json.loads(Path(f"{out}.out").read_text("utf-8"))
    return wall, peak / 1024, data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=int, default=7000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = args.data or Path(temp) / "kiriman"
        started = time.perf_counter()
        files, total, done = build(folder, args.results)
        size = sum(p.stat().st_size for p in folder.rglob("*.json"))
        print(f"built {files} results ({size / 2**20:.1f} MiB of JSON) in "
              f"{time.perf_counter() - started:.1f} s")
        walls, peaks = [], []
        for _ in range(args.rounds):
            wall, peak, data = run_once(folder)
            walls.append(wall)
            peaks.append(peak)
            assert data["total"]["jumlah"] == total and data["total"]["ditindaklanjuti"] == done
            assert len(data["kecamatan"]) == files
        print(f"iku gabung over {files} results: wall median {statistics.median(walls):.2f} s "
              f"(min {min(walls):.2f}, max {max(walls):.2f}, {args.rounds} rounds); "
              f"peak memory {max(peaks):.0f} MiB; total {done}/{total} checked")


if __name__ == "__main__":
    main()
