"""Draw the README's pictures of the Word drafts: one page of each, from the examples.

Writes the LKjIP Bab III and laporan SKM drafts of the shipped examples (with examples/iku.toml)
into a temporary folder, prints them to PDF with LibreOffice, and saves the chosen page as PNG
in docs/img/. Needs `soffice` and `pdftoppm`. Usage: .venv/bin/python tools/report_pictures.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PICTURES = {  # document -> (command after `iku`, page shown, picture)
    "laporan_lkjip.docx": (["hitung", "examples/rekap_gucialit_2026.xlsx"], 2,
                           "docs/img/lkjip-bab3-halaman2.png"),
    "laporan_skm.docx": (["ikm", "examples/ikm/survei_ikm_gucialit_2026.xlsx", "--populasi",
                          "150"], 3, "docs/img/laporan-skm-halaman3.png"),
}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name, (command, page, picture) in PICTURES.items():
            document = work / name
            subprocess.run([sys.executable, "-m", "iku_cli", *command, "--config",
                            "examples/iku.toml", "-o", str(document)], cwd=ROOT,
                           capture_output=True, check=False)
            subprocess.run(["soffice", f"-env:UserInstallation={(work / 'lo').as_uri()}",
                            "--headless", "--convert-to", "pdf", "--outdir", str(work),
                            str(document)], capture_output=True, check=True, timeout=240)
            stem = work / document.stem
            subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(page), "-l", str(page),
                            "-singlefile", str(stem.with_suffix(".pdf")), str(stem)], check=True)
            (ROOT / picture).write_bytes(stem.with_suffix(".png").read_bytes())
            print(f"{picture}: halaman {page} dari {name}")


if __name__ == "__main__":
    main()
