"""Re-run every `$ iku ...` command in README.md's ```console blocks and paste its real output.

Run after a change to what iku prints; tests/test_readme.py checks the README stays true.
Usage: .venv/bin/python tools/refresh_readme.py
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def run(command: str) -> str:
    args = shlex.split(command)
    quiet = args[-1] == "2>/dev/null"
    args = args[:-1] if quiet else args
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb",
           "PYTHONUNBUFFERED": "1"}
    done = subprocess.run([sys.executable, "-m", "iku_cli", *args[1:]], cwd=ROOT,
                          capture_output=True, text=True, env=env)
    text = done.stdout if quiet else done.stdout + done.stderr
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def refresh_block(match: re.Match[str]) -> str:
    parts = re.split(r"^\$ (.*)$", match.group(1), flags=re.M)
    rebuilt = parts[0]
    for command in parts[1::2]:
        rebuilt += f"$ {command}\n{run(command)}\n"
    return f"```console\n{rebuilt}```"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    README.write_text(re.sub(r"```console\n(.*?)```", refresh_block, text, flags=re.S),
                      encoding="utf-8")


if __name__ == "__main__":
    main()
