"""Usage errors (unknown option, missing path, bad value) are told in Indonesian, exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from iku_cli.cli import app
from iku_cli.cli.errors import in_indonesian

runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})
ENGLISH = ("No such", "Missing", "Invalid value", "is not one of", "requires an argument",
           "unexpected extra", "Input should", "is a directory", "Did you mean")

CASES = [
    (["hitung", "--formatt", "json", "{rekap}"],
     "opsi --formatt tidak dikenal; maksud Anda --format?"),
    (["hitung"], "argumen BERKAS/FOLDER belum diisi"),
    (["ikm"], "argumen BERKAS/FOLDER belum diisi"),
    (["hitung", "-f", "xml", "{rekap}"],
     "nilai untuk '-f' / '--format' tidak sah: 'xml' bukan salah satu dari 'tabel', 'json'"),
    (["hitungg"], "perintah 'hitungg' tidak dikenal; maksud Anda 'hitung'?"),
    (["hitung", "{rekap}", "--tahun", "abc"],
     "nilai untuk '--tahun' tidak sah: harus bilangan bulat"),
    (["hitung", "{rekap}", "--tahun", "1800"],
     "nilai untuk '--tahun' tidak sah: paling kecil 1990"),
    (["hitung", "{rekap}", "--target", "x"], "--target: 'x' bukan angka persen"),
    (["hitung", "{rekap}", "-f"], "opsi '-f' perlu diberi nilai, mis. -f json."),
    (["templat", "a", "b"], "argumen berlebih: a b"),
    (["hitung", "{rekap}", "--config", "{folder}"],
     "nilai untuk '--config' tidak sah: '{folder}' adalah folder; sebutkan sebuah berkas"),
    (["hitung", "{rekap}", "--periode", "minggu"], "'minggu' bukan salah satu dari 'tahun'"),
    (["templat", "-o", "{folder}/t.xlsx", "--baris", "0"],
     "nilai untuk '--baris' tidak sah: paling kecil 1"),
]


@pytest.mark.parametrize(("args", "says"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_usage_errors_are_in_indonesian(tmp_path: Path, args: list[str], says: str) -> None:
    rekap = tmp_path / "rekap.xlsx"  # never read: the usage error comes first
    fill = {"rekap": str(rekap), "folder": str(tmp_path)}
    result = runner.invoke(app, [arg.format(**fill) for arg in args])
    assert result.exit_code == 2
    assert result.stdout == ""
    stderr = " ".join(line.strip("│ ") for line in result.stderr.splitlines())
    assert says.format(**fill) in stderr
    assert not [word for word in ENGLISH if word in stderr], stderr
    assert "Traceback" not in stderr


def test_an_unknown_wording_is_shown_as_typer_wrote_it() -> None:
    assert in_indonesian("Something new went wrong.") == "Something new went wrong."


def test_an_unknown_reason_keeps_its_words_under_an_indonesian_lead() -> None:
    assert in_indonesian("Invalid value for '--x': something else") == (
        "nilai untuk '--x' tidak sah: something else")
