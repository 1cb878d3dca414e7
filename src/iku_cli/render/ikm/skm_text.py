"""What the laporan SKM says in words (PermenPAN-RB 14/2017): the office's own text from
``[skm]`` in iku.toml where given, else the standard text every SKM report carries (for the
office to edit) and sentences derived from the result.

Pure text (no python-docx here), so every sentence can be tested alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from iku_cli.ikm.vocab import REGULATION
from iku_cli.numbers import decimal, round_half_up, thousands

if TYPE_CHECKING:  # (the settings import this module; the IKM model only its users)
    from iku_cli.ikm.model import IkmResult


@dataclass(frozen=True)
class ActionRow:
    """One row of the Rencana Tindak Lanjut, as the Forum Konsultasi Publik agreed it."""

    unsur: str  # code ("U8") or name, as written
    programme: str | None = None
    when: str | None = None
    responsible: str | None = None


@dataclass(frozen=True)
class SkmTexts:
    """[skm]: the office's own words; None keeps the standard text."""

    service_unit: str | None = None  # unit_layanan
    background: str | None = None  # latar_belakang
    legal_basis: tuple[str, ...] | None = None  # dasar_hukum
    purpose: str | None = None  # tujuan
    surveyor: str | None = None  # pelaksana
    place: str | None = None  # lokasi
    analysis: str | None = None  # analisis
    closing: str | None = None  # penutup
    actions: tuple[ActionRow, ...] = ()  # tindak_lanjut


LEGAL_BASIS: tuple[str, ...] = (
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
    "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 "
    "Tahun 2009 tentang Pelayanan Publik;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun "
    "2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan "
    "Publik;",
    "[Peraturan Bupati tentang pelimpahan sebagian kewenangan Bupati kepada Camat — sunting "
    "sesuai daerah Anda].",
)


def unit_name(result: IkmResult, texts: SkmTexts) -> str:
    if texts.service_unit:
        return texts.service_unit
    return f"Kecamatan {result.kecamatan}" if result.kecamatan else "[unit layanan]"


def background(result: IkmResult, texts: SkmTexts) -> list[str]:
    if texts.background:
        return [texts.background]
    unit = unit_name(result, texts)
    return [
        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik mewajibkan setiap "
        "penyelenggara pelayanan publik menilai kinerjanya secara berkala, antara lain melalui "
        "Survei Kepuasan Masyarakat (SKM). Survei ini mengukur kepuasan masyarakat sebagai "
        "pengguna layanan atas sembilan unsur pelayanan yang ditetapkan dalam "
        f"{REGULATION}.",
        f"{unit} melaksanakan SKM sebagai bahan evaluasi penyelenggaraan pelayanan, dan "
        "hasilnya menjadi dasar perbaikan yang disepakati bersama masyarakat dalam Forum "
        "Konsultasi Publik.",
    ]


def purpose(result: IkmResult, texts: SkmTexts) -> list[str]:
    if texts.purpose:
        return [texts.purpose]
    unit = unit_name(result, texts)
    return [
        f"Maksud survei ini adalah mengetahui tingkat kepuasan masyarakat atas pelayanan "
        f"{unit}. Tujuannya: (1) mengetahui kelemahan atau kekuatan tiap unsur pelayanan; "
        "(2) mengetahui kinerja penyelenggaraan pelayanan secara berkala; (3) menjadi bahan "
        "penetapan kebijakan dan rencana tindak lanjut perbaikan; dan (4) mendorong "
        "partisipasi masyarakat dalam menilai kinerja pelayanan."
    ]


def method(result: IkmResult, texts: SkmTexts) -> list[str]:
    surveyor = texts.surveyor or (f"SKM dilaksanakan secara mandiri oleh "
                                  f"{unit_name(result, texts)}.")
    return [
        surveyor,
        "Data dikumpulkan dengan kuesioner yang memuat sembilan unsur pelayanan "
        "(Persyaratan; Sistem, Mekanisme, dan Prosedur; Waktu Penyelesaian; Biaya/Tarif; "
        "Produk Spesifikasi Jenis Pelayanan; Kompetensi Pelaksana; Perilaku Pelaksana; "
        "Penanganan Pengaduan, Saran dan Masukan; Sarana dan Prasarana), masing-masing "
        "dengan empat pilihan jawaban bernilai 1 (tidak baik) sampai 4 (sangat baik), "
        "diisi oleh penerima layanan setelah menerima pelayanan.",
    ]


def place(result: IkmResult, texts: SkmTexts) -> str:
    return texts.place or (f"Pengumpulan data dilakukan di tempat pelayanan "
                           f"{unit_name(result, texts)}.")


def period(result: IkmResult) -> str:
    from iku_cli.render.common.signature import long_date

    if result.periode is None:
        return ("[Waktu pelaksanaan survei: lembar survei tidak memuat tanggal; tuliskan "
                "periodenya.]")
    first, last = result.periode
    return f"Survei dilaksanakan pada {long_date(first)} s.d. {long_date(last)}."


def sample(result: IkmResult) -> str:
    counted = f"{thousands(result.responden)} responden"
    if result.sample is None:
        return (f"Jumlah responden yang diolah {counted}. [Tuliskan jumlah populasi penerima "
                "layanan dan jalankan iku ikm dengan --populasi N agar sampel minimumnya "
                "dihitung.]")
    check = result.sample
    verdict = ("memenuhi" if check.enough
               else f"KURANG {thousands(check.minimum - check.responden)} responden dari")
    return (f"Populasi penerima layanan {thousands(check.populasi)} orang. Menurut tabel "
            f"Krejcie dan Morgan yang dimuat {REGULATION}, sampel minimum untuk populasi "
            f"itu {thousands(check.minimum)} responden. Jumlah responden yang diolah {counted}, "
            f"{verdict} sampel minimum.")


def result_sentence(result: IkmResult) -> str:
    index = result.index
    if index.ikm is None:
        return "Belum ada responden yang dapat diolah."
    return (f"Nilai IKM {unit_name_plain(result)} adalah {decimal(float(index.ikm), 2)}, "
            f"mutu pelayanan {index.mutu}, kinerja unit pelayanan {index.kinerja}.")


def nrr_text(nrr: Fraction | None) -> str:
    """An NRR as the JSON rounds it (half-up, 3 decimals), written 3,217."""
    return "–" if nrr is None else decimal(float(round_half_up(nrr, 3)), 3)


def unit_name_plain(result: IkmResult) -> str:
    return f"Kecamatan {result.kecamatan}" if result.kecamatan else "unit layanan"


def analysis(result: IkmResult, texts: SkmTexts) -> list[str]:
    if texts.analysis:
        return [texts.analysis]
    lines = [result_sentence(result)]
    scored = [s for s in result.unsur if s.nrr is not None]
    if scored:
        best = max(scored, key=lambda s: (s.nrr, -int(s.kode[1:])))
        lines.append(f"Unsur dengan nilai tertinggi adalah {best.kode} {best.nama} "
                     f"(NRR {nrr_text(best.nrr)}, mutu {best.mutu}).")
    if result.prioritas:
        names = ", ".join(f"{s.kode} {s.nama} (NRR {nrr_text(s.nrr)})"
                          for s in result.prioritas)
        lines.append(f"Unsur dengan nilai terendah, yang menjadi prioritas perbaikan: {names}.")
    return lines


def closing(result: IkmResult, texts: SkmTexts) -> list[str]:
    if texts.closing:
        return [texts.closing]
    lines = [result_sentence(result)]
    if result.prioritas:
        names = ", ".join(f"{s.kode} {s.nama}" for s in result.prioritas)
        lines.append(f"Perbaikan diutamakan pada {names}, sesuai Rencana Tindak Lanjut yang "
                     "disepakati dalam Forum Konsultasi Publik.")
    return lines
