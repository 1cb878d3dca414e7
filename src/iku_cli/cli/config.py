"""The settings file `iku.toml`: office identity, year, targets, units, extra spellings, scale.

Read with the standard library's tomllib. Every key is checked against a schema; an unknown
key or a wrong type is an error that names the key and its line, so the operator can fix it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iku_cli.cli import config_reports as reports
from iku_cli.limits import DEFAULT_LIMITS, LIMIT_KEYS, Limits
from iku_cli.problems import IkuError
from iku_cli.rekap.model import EarlierYear, RenstraTarget
from iku_cli.rekap.options import Options
from iku_cli.rekap.targets import DEFAULT_LOWEST, CapaianScale, parse_percent
from iku_cli.rekap.vocab import (
    DEFAULT_UNITS,
    EVIDENCE_SPELLINGS,
    INDICATOR_NAME,
    STATUS_NO,
    STATUS_YES,
    Unit,
    Vocabulary,
)
from iku_cli.render.common.signature import Signatory
from iku_cli.render.ikm.skm_text import SkmTexts
from iku_cli.render.rekap.lkjip_text import LkjipTexts

if TYPE_CHECKING:  # (the IKM model is imported by the runs that read [ikm.riwayat] only)
    from iku_cli.ikm.model import EarlierIkm

CONFIG_NAME = "iku.toml"


class ConfigError(IkuError):
    """The settings file is invalid: exit code 2, like any other usage error."""

    exit_code = 2


@dataclass
class Config:
    """Everything the file can set; CLI options override it."""

    path: Path | None = None
    subdistrict: str | None = None  # kecamatan
    regency: str | None = None  # kabupaten
    year: int | None = None  # tahun
    indicator: str = INDICATOR_NAME  # indikator
    target: float | None = None
    quarter_targets: tuple[float, ...] | None = None  # target_triwulan
    achievement_cap: float | None = None  # capaian_maks
    scale: CapaianScale = field(default_factory=CapaianScale)
    vocab: Vocabulary = field(default_factory=Vocabulary)
    ikm_order: str | None = None  # [ikm] urutan
    ikm_weight: str | None = None  # [ikm] bobot
    limits: Limits = DEFAULT_LIMITS
    # the office's own units (unit_bawaan = false + [[unit]]): each must report
    required_units: tuple[str, ...] = ()
    history: tuple[EarlierYear, ...] = ()  # [riwayat]
    renstra: RenstraTarget | None = None  # [renstra]
    signatory: Signatory = field(default_factory=Signatory)  # [penandatangan]
    lkjip: LkjipTexts = field(default_factory=LkjipTexts)  # [lkjip]
    skm: SkmTexts = field(default_factory=SkmTexts)  # [skm]
    ikm_history: tuple[EarlierIkm, ...] = ()  # [ikm.riwayat]
    # [kabupaten] kecamatan: the kecamatan that must send their result (iku gabung)
    subdistricts: tuple[str, ...] = ()


# --- percentages as people type them ------------------------------------------------------------


def _is_percent(value: Any) -> bool:
    try:
        parse_percent(value)
    except ValueError:
        return False
    return True


# --- the schema: key -> (type check, what it should be, in Indonesian) -------------------------

def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_year(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1990 <= value <= 2100


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(_is_text(item) for item in value)


def _is_quarter_targets(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 4 and all(_is_percent(v) for v in value)


Check = tuple[Callable[[Any], bool], str]

TOP_LEVEL: dict[str, Check] = {
    "kecamatan": (_is_text, "teks, mis. \"Gucialit\""),
    "kabupaten": (lambda v: _is_text(v) or isinstance(v, dict),
                  "teks, mis. \"Lumajang\", atau tabel [kabupaten] (nama, kecamatan)"),
    "tahun": (_is_year, "tahun 4 angka, mis. 2026"),
    "indikator": (_is_text, "teks nama indikator"),
    "target": (_is_percent, "angka persen 0–100, mis. 90 atau \"95,5\""),
    "target_triwulan": (_is_quarter_targets,
                        "daftar 4 angka persen 0–100, mis. [25, 50, 75, 90]"),
    "capaian_maks": (_is_number, "angka persen, mis. 120"),
    "unit_bawaan": (lambda v: isinstance(v, bool), "true atau false"),
    "unit": (lambda v: isinstance(v, list), "daftar tabel [[unit]]"),
    "bukti": (lambda v: isinstance(v, dict), "tabel [bukti]"),
    "status": (lambda v: isinstance(v, dict), "tabel [status]"),
    "skala_capaian": (lambda v: isinstance(v, list), "daftar tabel [[skala_capaian]]"),
    "ikm": (lambda v: isinstance(v, dict), "tabel [ikm]"),
    "batas": (lambda v: isinstance(v, dict), "tabel [batas]"),
    "riwayat": (lambda v: isinstance(v, dict), "tabel [riwayat]"),
    "renstra": (lambda v: isinstance(v, dict), "tabel [renstra]"),
    "penandatangan": (lambda v: isinstance(v, dict), "tabel [penandatangan]"),
    "lkjip": (lambda v: isinstance(v, dict), "tabel [lkjip]"),
    "skm": (lambda v: isinstance(v, dict), "tabel [skm]"),
}
# iku ikm: the unsur order of bare U1..U9 columns and the weight (values as the CLI takes them)
IKM_KEYS: dict[str, Check] = {
    "urutan": (lambda v: v in ("permen", "sarana-u8"), "\"permen\" atau \"sarana-u8\""),
    "bobot": (lambda v: v in ("0.111", "1/9", "0.11"), "\"0.111\", \"1/9\" atau \"0.11\""),
    "riwayat": (lambda v: isinstance(v, dict), "tabel [ikm.riwayat]"),
}


def _is_positive_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


# [batas]: the caps of limits.py (what each caps, in Indonesian, is in LIMIT_KEYS)
LIMIT_SCHEMA: dict[str, Check] = {
    key: (_is_positive_whole, f"bilangan bulat positif ({what})")
    for key, what in LIMIT_KEYS.items()
}
REGENCY_KEYS: dict[str, Check] = {  # [kabupaten], in the kabupaten's own iku.toml
    "nama": (_is_text, "teks, mis. \"Lumajang\""),
    "kecamatan": (_is_text_list, "daftar teks nama kecamatan, mis. [\"Gucialit\", \"Senduro\"]"),
}
UNIT_KEYS: dict[str, Check] = {
    "nama": (_is_text, "teks nama baku unit"),
    "singkat": (_is_text, "teks nama singkat (nama sheet)"),
    "ejaan": (_is_text_list, "daftar teks, mis. [\"Tapem\", \"Kasi Pem\"]"),
}
STATUS_KEYS: dict[str, Check] = {
    "ya": (_is_text_list, "daftar teks"),
    "tidak": (_is_text_list, "daftar teks"),
}
SCALE_KEYS: dict[str, Check] = {
    "di_atas": (_is_number, "angka persen"),
    "kategori": (_is_text, "teks nama kategori"),
}


# --- finding a key's line, for messages -----------------------------------------------------------

def _line_of(text: str, key: str, table: str | None = None, occurrence: int = 0) -> int | None:
    """The 1-based line where ``key`` is set (inside ``[table]``/``[[table]]`` if given)."""
    lines = text.splitlines()
    start = 0
    if table is not None:
        headers = [i for i, line in enumerate(lines)
                   if re.match(rf"^\s*\[\[?\s*{re.escape(table)}\s*\]\]?\s*(#.*)?$", line)]
        if occurrence >= len(headers):
            return None
        start = headers[occurrence] + 1
    pattern = re.compile(rf'^\s*(?:"{re.escape(key)}"|{re.escape(key)})\s*=')
    for index in range(start, len(lines)):
        if table is not None and index > start and re.match(r"^\s*\[", lines[index]):
            break
        if pattern.match(lines[index]):
            return index + 1
    if table is None:
        for index, line in enumerate(lines):
            if re.match(rf"^\s*\[\[?\s*{re.escape(key)}\s*\]\]?", line):
                return index + 1
    return None


class _Validator:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text

    def fail(self, message: str, key: str, table: str | None = None, occurrence: int = 0) -> None:
        line = _line_of(self.text, key, table, occurrence)
        where = f"{self.path}" + (f" baris {line}" if line else "")
        raise ConfigError(f"{where}: {message}")

    def check_table(
        self, data: dict[str, Any], schema: dict[str, Check], table: str | None = None,
        occurrence: int = 0,
    ) -> None:
        for key, value in data.items():
            name = f"{table}.{key}" if table else key
            if key not in schema:
                known = ", ".join(schema)
                self.fail(f"kunci '{name}' tidak dikenal (yang dikenal: {known})", key, table,
                          occurrence)
            check, expected = schema[key]
            if not check(value):
                self.fail(f"'{name}' harus {expected}, bukan {value!r}", key, table, occurrence)


def load_config(path: Path) -> Config:
    """Read and validate one settings file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise ConfigError(f"berkas pengaturan {path} tidak ditemukan") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"berkas pengaturan {path} tidak bisa dibaca: {error}") from error
    import tomllib  # (~5 ms: only a run that has a settings file parses one)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        detail = re.sub(r"\(at line (\d+), column (\d+)\)", r"(baris \1, kolom \2)", str(error))
        raise ConfigError(f"{path}: format TOML tidak valid: {detail}") from error
    validator = _Validator(path, text)
    validator.check_table(data, TOP_LEVEL)
    for index, unit in enumerate(data.get("unit", [])):
        if not isinstance(unit, dict):
            validator.fail("setiap [[unit]] harus berupa tabel", "unit")
        validator.check_table(unit, UNIT_KEYS, "unit", index)
        if "nama" not in unit:
            validator.fail("setiap [[unit]] perlu 'nama'", "unit", None)
    for canonical, spellings in data.get("bukti", {}).items():
        if not _is_text_list(spellings):
            validator.fail(f"'bukti.{canonical}' harus daftar teks", canonical, "bukti")
    validator.check_table(data.get("status", {}), STATUS_KEYS, "status")
    validator.check_table(data.get("ikm", {}), IKM_KEYS, "ikm")
    validator.check_table(data.get("batas", {}), LIMIT_SCHEMA, "batas")
    _check_reports(validator, data)
    if isinstance(data.get("kabupaten"), dict):
        validator.check_table(data["kabupaten"], REGENCY_KEYS, "kabupaten")
    for index, band in enumerate(data.get("skala_capaian", [])):
        if not isinstance(band, dict):
            validator.fail("setiap [[skala_capaian]] harus berupa tabel", "skala_capaian")
        validator.check_table(band, SCALE_KEYS, "skala_capaian", index)
        if "kategori" not in band:
            validator.fail("setiap [[skala_capaian]] perlu 'kategori'", "skala_capaian")
    return _build(path, data)


def _check_reports(validator: _Validator, data: dict[str, Any]) -> None:
    """The report sections: [riwayat], [renstra], [penandatangan], [lkjip], [skm], [ikm.riwayat]."""
    for key, value in data.get("riwayat", {}).items():
        if not reports.is_year_key(key):
            validator.fail(f"kunci 'riwayat.{key}' harus tahun 4 angka, mis. 2024 = 78.5", key,
                           "riwayat")
        if isinstance(value, dict):
            validator.check_table(value, reports.HISTORY_ENTRY_KEYS, "riwayat")
            if "realisasi" not in value:
                validator.fail(f"'riwayat.{key}' perlu 'realisasi'", key, "riwayat")
        elif not reports.is_percent(value):
            validator.fail(f"'riwayat.{key}' harus {reports.HISTORY_VALUE}, bukan {value!r}",
                           key, "riwayat")
    renstra = data.get("renstra", {})
    validator.check_table(renstra, reports.RENSTRA_KEYS, "renstra")
    if renstra and not {"tahun_akhir", "target_akhir"} <= set(renstra):
        validator.fail("[renstra] perlu 'tahun_akhir' dan 'target_akhir'", "renstra")
    validator.check_table(data.get("penandatangan", {}), reports.SIGNATORY_KEYS,
                          "penandatangan")
    validator.check_table(data.get("lkjip", {}), reports.LKJIP_KEYS, "lkjip")
    skm = data.get("skm", {})
    validator.check_table(skm, reports.SKM_KEYS, "skm")
    for index, row in enumerate(skm.get("tindak_lanjut", [])):
        if not isinstance(row, dict):
            validator.fail("setiap [[skm.tindak_lanjut]] harus berupa tabel", "skm.tindak_lanjut")
        validator.check_table(row, reports.ACTION_KEYS, "skm.tindak_lanjut", index)
        if "unsur" not in row:
            validator.fail("setiap [[skm.tindak_lanjut]] perlu 'unsur'", "skm.tindak_lanjut")
    for key, value in data.get("ikm", {}).get("riwayat", {}).items():
        if not reports.is_year_key(key):
            validator.fail(f"kunci 'ikm.riwayat.{key}' harus tahun 4 angka, mis. 2024 = 82.5",
                           key, "ikm.riwayat")
        if not reports.is_ikm_value(value):
            validator.fail(f"'ikm.riwayat.{key}' harus nilai IKM 25–100, mis. 82.5, bukan "
                           f"{value!r}", key, "ikm.riwayat")


def _build(path: Path, data: dict[str, Any]) -> Config:
    config = Config(path=path)
    config.subdistrict = data.get("kecamatan")
    regency = data.get("kabupaten")
    if isinstance(regency, dict):
        config.regency = regency.get("nama")
        config.subdistricts = tuple(name.strip() for name in regency.get("kecamatan", []))
    else:
        config.regency = regency
    config.year = data.get("tahun")
    config.indicator = data.get("indikator", INDICATOR_NAME)
    config.target = parse_percent(data["target"]) if "target" in data else None
    if "target_triwulan" in data:
        config.quarter_targets = tuple(parse_percent(v) for v in data["target_triwulan"])
    config.achievement_cap = float(data["capaian_maks"]) if "capaian_maks" in data else None
    if data.get("skala_capaian"):
        bands = [b for b in data["skala_capaian"] if "di_atas" in b]
        lowest = [b["kategori"] for b in data["skala_capaian"] if "di_atas" not in b]
        config.scale = CapaianScale(
            tuple(sorted(((float(b["di_atas"]), b["kategori"]) for b in bands), reverse=True)),
            lowest[0] if lowest else DEFAULT_LOWEST,
        )
    config.vocab = _vocabulary(data)
    if not data.get("unit_bawaan", True):
        config.required_units = tuple(unit.name for unit in config.vocab.units)
    config.ikm_order = data.get("ikm", {}).get("urutan")
    config.ikm_weight = data.get("ikm", {}).get("bobot")
    config.limits = dataclasses.replace(DEFAULT_LIMITS, **data.get("batas", {}))
    config.history = reports.history_entries(data.get("riwayat", {}), path.name)
    config.renstra = reports.renstra_target(data.get("renstra", {}))
    config.signatory = reports.signatory(data.get("penandatangan", {}))
    config.lkjip = reports.lkjip_texts(data.get("lkjip", {}))
    config.skm = reports.skm_texts(data.get("skm", {}))
    config.ikm_history = reports.ikm_history(data.get("ikm", {}).get("riwayat", {}),
                                             path.name)
    return config


def _vocabulary(data: dict[str, Any]) -> Vocabulary:
    """Defaults extended (or, with unit_bawaan = false, units replaced) by the file."""
    evidence = {name: tuple(spellings) for name, spellings in EVIDENCE_SPELLINGS.items()}
    for canonical, spellings in data.get("bukti", {}).items():
        evidence[canonical] = (*evidence.get(canonical, ()), *spellings)
    status = data.get("status", {})
    defaults = [Unit(*entry) for entry in DEFAULT_UNITS]
    units = list(defaults) if data.get("unit_bawaan", True) else []
    for entry in data.get("unit", []):
        name = entry["nama"].strip()
        extra = tuple(entry.get("ejaan", ()))
        if not data.get("unit_bawaan", True):  # a known unit keeps the spellings iku knows
            known = next((u for u in defaults if name.casefold() in
                          (u.name.casefold(), u.short.casefold())), None)
            if known is not None:
                name, extra = known.name, (*known.aliases, *extra)
                entry = {"singkat": known.short, **entry}
        existing = next((i for i, u in enumerate(units) if u.name.casefold() == name.casefold()),
                        None)
        if existing is None:
            units.append(Unit(name, entry.get("singkat", name), extra))
        else:
            old = units[existing]
            units[existing] = Unit(old.name, entry.get("singkat", old.short),
                                   (*old.aliases, *extra))
    return Vocabulary(
        evidence_spellings=evidence,
        status_yes=(*STATUS_YES, *status.get("ya", ())),
        status_no=(*STATUS_NO, *status.get("tidak", ())),
        units=tuple(units),
    )


def find_config(explicit: Path | None, folder: Path | None = None) -> Config:
    """--config FILE, else iku.toml in the current folder, else the defaults."""
    if explicit is not None:
        return load_config(explicit)
    candidate = (folder or Path.cwd()) / CONFIG_NAME
    if candidate.is_file():
        return load_config(candidate)
    return Config()


def rekap_options(config: Config, **overrides: object) -> Options:
    """The rekap run's settings: the config file's, with the command line's (non-None) values
    on top (keyword names as :class:`Options` has them)."""
    options = Options(
        vocab=config.vocab, year=config.year, indicator=config.indicator,
        subdistrict=config.subdistrict, regency=config.regency, target=config.target,
        quarter_targets=config.quarter_targets, achievement_cap=config.achievement_cap,
        scale=config.scale, limits=config.limits, required_units=config.required_units,
        history=config.history, renstra=config.renstra,
    )
    for name, value in overrides.items():
        if value is not None:
            setattr(options, name, value)
    options.__post_init__()  # a period given as its word becomes its kind
    return options
