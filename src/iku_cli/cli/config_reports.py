"""The report sections of iku.toml: what the LKjIP and SKM drafts need besides the count.

``[riwayat]`` (earlier years as reported), ``[renstra]`` (the final target), ``[penandatangan]``
(who signs), ``[lkjip]`` and ``[skm]`` (the office's own words, kept on every re-run) and
``[ikm.riwayat]`` (earlier IKM results). Each is checked key by key like the rest of the file;
the builders turn checked data into the renderers' plain data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from iku_cli.rekap.model import TRUST_CONFIG, EarlierYear, RenstraTarget
from iku_cli.rekap.targets import parse_percent
from iku_cli.render.common.signature import Signatory
from iku_cli.render.ikm.skm_text import ActionRow, SkmTexts
from iku_cli.render.rekap.lkjip_text import LkjipTexts

if TYPE_CHECKING:
    from iku_cli.ikm.model import EarlierIkm

Check = tuple[Callable[[Any], bool], str]


def is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def is_year(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1990 <= value <= 2100


def is_percent(value: Any) -> bool:
    try:
        parse_percent(value)
    except ValueError:
        return False
    return True


def is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(is_text(item) for item in value)


def is_year_key(key: str) -> bool:
    return key.isdigit() and is_year(int(key))


def is_ikm_value(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and 25 <= value <= 100)


HISTORY_ENTRY_KEYS: dict[str, Check] = {
    "realisasi": (is_percent, "angka persen 0–100, mis. 78.5"),
    "target": (is_percent, "angka persen 0–100, mis. 80"),
}
HISTORY_VALUE = ("angka persen realisasi, mis. 2024 = 78.5, atau tabel, "
                 "mis. 2024 = { realisasi = 78.5, target = 80 }")
RENSTRA_KEYS: dict[str, Check] = {
    "tahun_akhir": (is_year, "tahun 4 angka, mis. 2026"),
    "target_akhir": (is_percent, "angka persen 0–100, mis. 92"),
}
SIGNATORY_KEYS: dict[str, Check] = {
    "tempat": (is_text, "teks, mis. \"Gucialit\""),
    "jabatan": (is_text, "teks, mis. \"Camat Gucialit\""),
    "nama": (is_text, "teks nama lengkap dengan gelar"),
    "pangkat": (is_text, "teks, mis. \"Pembina Tingkat I (IV/b)\""),
    "nip": (is_text, "teks NIP dalam tanda kutip, mis. \"19700101 199001 1 001\""),
    "tanggal": (is_text, "teks tanggal seperti di dokumen, mis. \"31 Januari 2027\""),
}
LKJIP_KEYS: dict[str, Check] = {
    "sasaran": (is_text, "teks sasaran strategis"),
    "satuan": (is_text, "teks satuan, mis. \"%\""),
    "standar_nasional": (is_text, "teks tentang standar nasional indikator"),
    "penyebab": (is_text, "teks analisis penyebab keberhasilan/kegagalan"),
    "efisiensi": (is_text, "teks analisis efisiensi sumber daya"),
    "program": (is_text, "teks program/kegiatan penunjang"),
}
SKM_KEYS: dict[str, Check] = {
    "unit_layanan": (is_text, "teks nama unit layanan, mis. \"Kecamatan Gucialit\""),
    "latar_belakang": (is_text, "teks latar belakang"),
    "dasar_hukum": (is_text_list, "daftar teks peraturan"),
    "tujuan": (is_text, "teks maksud dan tujuan"),
    "pelaksana": (is_text, "teks pelaksana survei"),
    "lokasi": (is_text, "teks lokasi pengumpulan data"),
    "analisis": (is_text, "teks analisis hasil"),
    "penutup": (is_text, "teks kesimpulan"),
    "tindak_lanjut": (lambda v: isinstance(v, list), "daftar tabel [[skm.tindak_lanjut]]"),
}
ACTION_KEYS: dict[str, Check] = {
    "unsur": (is_text, "teks unsur prioritas, mis. \"U8\" atau \"Penanganan Pengaduan\""),
    "program": (is_text, "teks program/kegiatan"),
    "waktu": (is_text, "teks waktu, mis. \"Triwulan I 2027\""),
    "penanggung_jawab": (is_text, "teks penanggung jawab"),
}


def history_entries(data: dict[str, Any], source: str) -> tuple[EarlierYear, ...]:
    """[riwayat]: 2024 = 78.5, or 2024 = { realisasi = 78.5, target = 80 }."""
    entries = []
    for key, value in data.items():
        if isinstance(value, dict):
            target = parse_percent(value["target"]) if "target" in value else None
            entries.append(EarlierYear(int(key), parse_percent(value["realisasi"]), source,
                                       target, None, TRUST_CONFIG))
        else:
            entries.append(EarlierYear(int(key), parse_percent(value), source, None, None,
                                       TRUST_CONFIG))
    return tuple(sorted(entries, key=lambda entry: entry.year))


def renstra_target(data: dict[str, Any]) -> RenstraTarget | None:
    if not data:
        return None
    return RenstraTarget(data["tahun_akhir"], parse_percent(data["target_akhir"]))


def signatory(data: dict[str, Any]) -> Signatory:
    return Signatory(place=data.get("tempat"), position=data.get("jabatan"),
                     name=data.get("nama"), rank=data.get("pangkat"), nip=data.get("nip"),
                     date=data.get("tanggal"))


def lkjip_texts(data: dict[str, Any]) -> LkjipTexts:
    defaults = LkjipTexts()
    return LkjipTexts(
        sasaran=data.get("sasaran", defaults.sasaran),
        unit_of_measure=data.get("satuan", defaults.unit_of_measure),
        national_standard=data.get("standar_nasional"),
        causes=data.get("penyebab"),
        efficiency=data.get("efisiensi"),
        programmes=data.get("program"),
    )


def skm_texts(data: dict[str, Any]) -> SkmTexts:
    return SkmTexts(
        service_unit=data.get("unit_layanan"),
        background=data.get("latar_belakang"),
        legal_basis=tuple(data["dasar_hukum"]) if "dasar_hukum" in data else None,
        purpose=data.get("tujuan"),
        surveyor=data.get("pelaksana"),
        place=data.get("lokasi"),
        analysis=data.get("analisis"),
        closing=data.get("penutup"),
        actions=tuple(
            ActionRow(row.get("unsur", ""), row.get("program"), row.get("waktu"),
                      row.get("penanggung_jawab"))
            for row in data.get("tindak_lanjut", [])
        ),
    )


def ikm_history(data: dict[str, Any], source: str) -> tuple[EarlierIkm, ...]:
    """[ikm.riwayat]: 2024 = 82.5 (earlier surveys' IKM, 25–100)."""
    if not data:
        return ()
    from iku_cli.ikm.model import EarlierIkm  # (only a settings file with [ikm.riwayat])

    return tuple(sorted((EarlierIkm(int(key), float(value), source)
                         for key, value in data.items()), key=lambda entry: entry.year))
