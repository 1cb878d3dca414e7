"""A bounded fuzz test: bytes of a valid workbook mutated; iku must answer with a documented
exit code (0, 1 or 3) and a message — never a traceback, never exit 4 (a bug)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import SheetSpec, simple_rekap, write_csv, write_ods, write_xlsx
from iku_cli.cli import app

runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": "1"})
ROWS = simple_rekap(
    [[1, "12/03/2026", "Rakor Musdes", "Rakor", "005/1", "Ya", "ok", None],
     [2, "13/03/2026", "Fasilitasi PAW", "BA", None, "Belum", None, None]],
    title=["SEKSI PEMERINTAHAN KECAMATAN GUCIALIT", "TAHUN 2026"],
)
mutations = st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)),
                     min_size=1, max_size=12)
FUZZ = settings(max_examples=int(os.environ.get("IKU_FUZZ_EXAMPLES", "40")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def mutate(data: bytes, changes: list[tuple[float, int]]) -> bytes:
    buffer = bytearray(data)
    for where, value in changes:
        buffer[int(where * len(buffer))] = value
    return bytes(buffer)


def run(path: Path) -> None:
    result = runner.invoke(app, ["hitung", str(path), "-f", "json"])
    assert result.exit_code in (0, 1, 3), (result.exit_code, result.stderr[-500:])
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("asli")
    xlsx = write_xlsx(folder / "a.xlsx", [SheetSpec("Pemerintahan", ROWS)])
    csv = write_csv(folder / "a.csv", ROWS, separator=";")
    # the sheet XML alone, stored uncompressed, so mutations hit XML rather than deflate data
    stored = folder / "stored.xlsx"
    with zipfile.ZipFile(xlsx) as source, zipfile.ZipFile(stored, "w") as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename), zipfile.ZIP_STORED)
    # an ODS as the test writer makes it (parts stored) and packed, as LibreOffice saves it
    ods = write_ods(folder / "a.ods", [SheetSpec("Pemerintahan", ROWS)])
    packed = folder / "packed.ods"
    with zipfile.ZipFile(ods) as source, zipfile.ZipFile(packed, "w") as target:
        for item in source.infolist():
            method = zipfile.ZIP_STORED if item.filename == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(item.filename, source.read(item.filename), method)
    return {"xlsx": xlsx.read_bytes(), "csv": csv.read_bytes(), "stored": stored.read_bytes(),
            "ods": ods.read_bytes(), "ods-packed": packed.read_bytes()}


SUFFIX = {"csv": "csv", "ods": "ods", "ods-packed": "ods"}


@FUZZ
@given(kind=st.sampled_from(["xlsx", "csv", "stored", "ods", "ods-packed"]), changes=mutations,
       cut=st.one_of(st.none(), st.floats(0, 1)))
def test_mutated_inputs_never_crash(tmp_path_factory: pytest.TempPathFactory,
                                    originals: dict[str, bytes], kind: str,
                                    changes: list[tuple[float, int]], cut: float | None) -> None:
    data = mutate(originals[kind], changes)
    if cut is not None:
        data = data[: int(cut * len(data))]
    path = tmp_path_factory.mktemp("fuzz") / f"rekap.{SUFFIX.get(kind, 'xlsx')}"
    path.write_bytes(data)
    run(path)
