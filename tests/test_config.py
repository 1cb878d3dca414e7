"""iku.toml: found in the current folder or via --config; every key checked, errors name key
and line; units, spellings, targets and the scale feed hitung and templat."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import SheetSpec, simple_rekap, write_xlsx
from iku_cli.cli import app
from iku_cli.cli.config import ConfigError, find_config, load_config
from iku_cli.rekap.match import match_unit_name

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "iku.toml"
runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"})


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "iku.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_example_loads() -> None:
    config = load_config(EXAMPLE)
    assert (config.subdistrict, config.regency, config.year, config.target) == (
        "Gucialit", "Lumajang", 2026, 90.0)
    assert config.quarter_targets == (85.0, 87.0, 88.0, 90.0)
    assert config.scale.category(90.5) == "Sangat Tinggi"
    assert config.scale.category(50.0) == "Sangat Rendah"
    assert config.vocab.evidence_keys["rapat minggon"] == "Rapat Koordinasi"
    assert config.vocab.status_keys["beres"] is True
    assert match_unit_name("Trantibum Linmas", config.vocab) == (
        "Seksi Ketentraman dan Ketertiban Umum")
    assert len(config.vocab.units) == 9  # defaults kept, two extended


def test_unknown_key_names_key_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'kecamatan = "Gucialit"\n\ntargte = 90\n')
    with pytest.raises(ConfigError) as error:
        load_config(path)
    message = str(error.value)
    assert "baris 3" in message and "'targte'" in message and "tidak dikenal" in message


def test_wrong_type_names_key_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'kecamatan = "Gucialit"\ntahun = "2026"\n')
    with pytest.raises(ConfigError, match=r"baris 2: 'tahun' harus tahun 4 angka"):
        load_config(path)


def test_wrong_type_inside_a_unit_table(tmp_path: Path) -> None:
    path = write(tmp_path, '[[unit]]\nnama = "Seksi A"\n\n[[unit]]\nnama = "Seksi B"\n'
                           'ejaan = "B"\n')
    with pytest.raises(ConfigError, match=r"baris 6: 'unit.ejaan' harus daftar teks"):
        load_config(path)


def test_quarter_targets_need_four_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, "target_triwulan = [80, 90]\n")
    with pytest.raises(ConfigError, match="baris 1: 'target_triwulan' harus daftar 4 angka"):
        load_config(path)


def test_toml_syntax_error_in_indonesian(tmp_path: Path) -> None:
    path = write(tmp_path, 'kecamatan = "Gucialit\n')
    with pytest.raises(ConfigError, match=r"format TOML tidak valid: .*\(baris 1, kolom"):
        load_config(path)


def test_units_can_replace_the_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, 'unit_bawaan = false\n[[unit]]\nnama = "Seksi Kebersihan"\n'
                           'singkat = "Kebersihan"\nejaan = ["Bersih"]\n')
    config = load_config(path)
    assert [u.name for u in config.vocab.units] == ["Seksi Kebersihan"]
    assert match_unit_name("Bersih", config.vocab) == "Seksi Kebersihan"
    assert match_unit_name("Trantib", config.vocab) is None


def test_found_in_the_current_folder_or_defaults(tmp_path: Path) -> None:
    assert find_config(None, tmp_path).path is None
    write(tmp_path, 'kecamatan = "Pasrujambe"\n')
    assert find_config(None, tmp_path).subdistrict == "Pasrujambe"


def test_hitung_uses_config_in_current_folder(tmp_path: Path, monkeypatch) -> None:
    rows = simple_rekap([[1, "12/03/2026", "Rapat minggon desa", "rapat minggon", None,
                          "beres", "ok", None],
                         [2, "12/03/2025", "Rakor lama", "Rakor", None, "Ya", "ok", None]])
    data = write_xlsx(tmp_path / "rekap.xlsx", [SheetSpec("Kasi Pem", rows)])
    write(tmp_path, 'kecamatan = "Gucialit"\ntahun = 2026\ntarget = 80\n'
                    '[bukti]\n"Rapat Koordinasi" = ["rapat minggon"]\n'
                    '[status]\nya = ["beres"]\n'
                    '[[unit]]\nnama = "Seksi Pemerintahan"\nejaan = ["Kasi Pem"]\n')
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["hitung", str(data), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["kecamatan"] == "Gucialit" and out["tahun"] == 2026
    assert out["unit"] == [{"unit": "Seksi Pemerintahan", "jumlah": 1, "ditindaklanjuti": 1,
                            "persentase": 100.0}]
    assert (out["total"]["target"], out["total"]["capaian"]) == (80.0, 125.0)
    # the command line wins over the file
    override = runner.invoke(app, ["hitung", str(data), "-f", "json", "--tahun", "2025"])
    assert json.loads(override.stdout)["tahun"] == 2025


def test_invalid_config_is_exit_2_with_one_line(tmp_path: Path) -> None:
    data = write_xlsx(tmp_path / "rekap.xlsx", [SheetSpec("Pem", simple_rekap([]))])
    bad = write(tmp_path, "target = 'sembilan puluh'\n")
    for command in (["hitung", str(data)], ["periksa", str(data)], ["templat", "-o",
                                                                    str(tmp_path / "t.xlsx")]):
        result = runner.invoke(app, [*command, "--config", str(bad)])
        assert result.exit_code == 2, command
        assert "baris 1: 'target' harus angka persen" in result.stderr
        assert "Traceback" not in result.stderr
    missing = runner.invoke(app, ["hitung", str(data), "--config", str(tmp_path / "x.toml")])
    assert missing.exit_code == 2 and "tidak ditemukan" in missing.stderr


def test_templat_uses_config_units_and_names(tmp_path: Path) -> None:
    config = write(tmp_path, 'kecamatan = "Gucialit"\nkabupaten = "Lumajang"\ntahun = 2027\n'
                             'unit_bawaan = false\n[[unit]]\nnama = "Seksi Pemerintahan"\n'
                             'singkat = "Pem"\n[[unit]]\nnama = "Seksi Kebersihan"\n'
                             'singkat = "Kebersihan"\n')
    target = tmp_path / "templat.xlsx"
    result = runner.invoke(app, ["templat", "-o", str(target), "--config", str(config)])
    assert result.exit_code == 0, result.stderr
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["Petunjuk", "Pem", "Kebersihan"]
    titles = [cell.value for cell in workbook["Kebersihan"]["A"][:6] if cell.value]
    assert "SEKSI KEBERSIHAN" in titles and "TAHUN 2027" in titles
    assert "KECAMATAN GUCIALIT" in titles


def test_ikm_section(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[ikm]\nurutan = "sarana-u8"\nbobot = "1/9"\n'))
    assert (config.ikm_order, config.ikm_weight) == ("sarana-u8", "1/9")
    with pytest.raises(ConfigError, match=r"baris 2: 'ikm.urutan' harus"):
        load_config(write(tmp_path, '[ikm]\nurutan = "terbalik"\n'))
