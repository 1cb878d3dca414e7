"""Draw the pictures of docs/panduan-operator.md from the shipped examples.

The terminal pictures are the real output of `iku` at 80 columns, recorded by rich as SVG;
the workbook pictures are pages LibreOffice prints from the real outputs (needs `soffice` and
`pdftoppm`). Usage: .venv/bin/python tools/guide_pictures.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.text import Text

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "img"
TERMINAL = {  # picture -> the command after `iku`
    "terminal-periksa.svg": ["periksa", "examples/masuk"],
    "terminal-hitung.svg": ["hitung", "examples/masuk"],
    "terminal-hitung-triwulan.svg": ["hitung", "examples/rekap_gucialit_2026.xlsx", "--config",
                                     "examples/iku.toml", "--periode", "triwulan"],
}


def terminal_picture(name: str, args: list[str]) -> None:
    env = {**os.environ, "COLUMNS": "80", "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    done = subprocess.run([sys.executable, "-m", "iku_cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    with open(os.devnull, "w") as nowhere:
        console = Console(record=True, width=80, force_terminal=True, file=nowhere)
        console.print(Text(f"$ iku {' '.join(args)}", style="bold"))
        console.print(Text.from_ansi(done.stdout + done.stderr), soft_wrap=True)
        svg = console.export_svg(title=f"iku {args[0]}")
    (IMAGES / name).write_text(svg, encoding="utf-8")
    print(f"docs/img/{name}")


def workbook_pages(work: Path) -> None:
    outputs = {
        "masalah.xlsx": (["periksa", "examples/masuk"], {1: "masalah-petunjuk.png",
                                                          3: "masalah-unit.png"}),
        "ringkasan.xlsx": (["hitung", "examples/masuk"], {1: "ringkasan-halaman1.png"}),
    }
    for name, (args, pages) in outputs.items():
        target = work / name
        subprocess.run([sys.executable, "-m", "iku_cli", *args, "-o", str(target)], cwd=ROOT,
                       capture_output=True)
        subprocess.run(["soffice", f"-env:UserInstallation={(work / 'lo').as_uri()}",
                        "--headless", "--convert-to", "pdf", "--outdir", str(work),
                        str(target)], capture_output=True, check=True, timeout=240)
        for page, picture in pages.items():
            stem = work / f"{target.stem}-{page}"
            subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(page), "-l", str(page),
                            "-singlefile", str(target.with_suffix(".pdf")), str(stem)],
                           check=True)
            (IMAGES / picture).write_bytes(stem.with_suffix(".png").read_bytes())
            print(f"docs/img/{picture}")


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    for name, args in TERMINAL.items():
        terminal_picture(name, args)
    with tempfile.TemporaryDirectory() as folder:
        workbook_pages(Path(folder))


if __name__ == "__main__":
    main()
