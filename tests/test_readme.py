"""The README's session is real: every `$ iku ...` command in a console block is re-run here
and its output (stdout, then stderr, as a terminal shows them) must match what is printed."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def console_sessions() -> list[tuple[str, str]]:
    """(command, expected output) for each `$ iku ...` line of each ```console block."""
    sessions = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        parts = re.split(r"^\$ (.*)$", block, flags=re.M)
        for command, output in zip(parts[1::2], parts[2::2], strict=True):
            sessions.append((command, output))
    return sessions


def normalise(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip("\n").splitlines()]


SESSIONS = console_sessions()


def test_readme_has_sessions() -> None:
    assert len(SESSIONS) >= 3


@pytest.mark.parametrize(("command", "expected"), SESSIONS, ids=[c for c, _ in SESSIONS])
def test_readme_session_output_is_real(command: str, expected: str) -> None:
    args = shlex.split(command)
    quiet = args[-1] == "2>/dev/null"  # the session shows stdout only
    args = args[:-1] if quiet else args
    assert args[0] == "iku"
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    completed = subprocess.run(
        [sys.executable, "-m", "iku_cli", *args[1:]], cwd=ROOT, capture_output=True,
        text=True, env=env,
    )
    assert completed.returncode in (0, 1), completed.stderr
    shown = completed.stdout if quiet else completed.stdout + completed.stderr
    assert normalise(shown) == normalise(expected)


def test_readme_setup_commands_are_the_ones_ci_runs() -> None:
    """The README's two set-up commands: CI runs the same test command."""
    assert '.venv/bin/pip install -e ".[test]"' in README
    assert "\n.venv/bin/pytest\n" in README
    assert "\n.venv/bin/pytest\n" in (ROOT / ".ci" / "run").read_text()
