"""What the LKjIP Bab III draft says in words: the office's own text from ``[lkjip]`` in
iku.toml where it is given, else a draft derived from the count, marked as a draft to edit.

Pure text from the result (no python-docx here), so every sentence can be tested alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from iku_cli.numbers import decimal
from iku_cli.rekap.model import REASON_DUPLICATE, REASON_NO_EVIDENCE, REASON_OTHER_YEAR, Result
from iku_cli.rekap.vocab import SASARAN_STRATEGIS

NO_NATIONAL_STANDARD = (
    "Belum ada standar nasional untuk indikator ini: indikator ini ditetapkan sendiri oleh "
    "Pemerintah Kabupaten dalam dokumen IKU kecamatan, sehingga realisasinya belum dapat "
    "dibandingkan dengan standar nasional."
)


@dataclass(frozen=True)
class LkjipTexts:
    """[lkjip]: the sasaran and unit of the indicator, and the office's own words for the
    sections the data cannot write (a re-run keeps them)."""

    sasaran: str = SASARAN_STRATEGIS
    unit_of_measure: str = "%"  # satuan
    national_standard: str | None = None  # standar_nasional
    causes: str | None = None  # penyebab: why it succeeded or fell short, and what was done
    efficiency: str | None = None  # efisiensi: use of resources
    programmes: str | None = None  # program: supporting programmes/activities


def pct(value: float | None) -> str:
    """86.36 -> '86,36%'; None -> '–'."""
    return "–" if value is None else f"{decimal(value, 2)}%"


def number(value: float | None) -> str:
    """86.36 -> '86,36'; None -> '–'."""
    return "–" if value is None else decimal(value, 2)


def realisation_sentence(result: Result) -> str:
    total = result.total
    return (f"Realisasi {pct(total.percent)}: {total.followed_up} dari {total.counted} "
            "kegiatan fasilitasi dan koordinasi yang berbukti dukung telah ditindaklanjuti.")


def target_sentence(result: Result) -> str:
    """Item 1: this year's realisasi against the target."""
    achievement = result.achievement
    if achievement.target is None:
        return ("Target tahun ini belum diisi (isi 'target' di iku.toml atau --target), "
                "sehingga capaian belum dapat dihitung.")
    verdict = ("melampaui" if (result.total.percent or 0) > achievement.target
               else "memenuhi" if result.total.percent == achievement.target
               else "belum mencapai")
    return (f"Dari target {pct(achievement.target)}, realisasi {pct(result.total.percent)} "
            f"{verdict} target, dengan capaian {pct(achievement.percent)} "
            f"(kategori {achievement.category or '–'}).")


def history_sentence(result: Result) -> str | None:
    """Item 2: the change from the previous year given."""
    years = result.history
    if len(years) < 2:
        return None
    last, before = years[-1], years[-2]
    if last.realisation is None or before.realisation is None:
        return None
    change = last.realisation - before.realisation
    direction = "naik" if change > 0 else "turun" if change < 0 else "sama dengan"
    amount = f" {decimal(abs(change), 2)} poin" if change else ""
    return (f"Realisasi tahun {last.year} ({pct(last.realisation)}) {direction}{amount} "
            f"dibanding tahun {before.year} ({pct(before.realisation)}).")


def renstra_sentence(result: Result) -> str | None:
    """Item 3: how far along the Renstra's final target the office is."""
    renstra = result.renstra
    if renstra is None:
        return None
    text = (f"Target akhir Renstra tahun {renstra.final_year} adalah "
            f"{pct(renstra.final_target)}; realisasi tahun {result.year or 'ini'} "
            f"{pct(result.total.percent)} atau {pct(renstra.achievement.percent)} dari target "
            "akhir itu")
    if result.year is not None and result.year < renstra.final_year:
        left = renstra.final_year - result.year
        text += f", dengan {left} tahun tersisa sampai akhir periode Renstra"
    return text + "."


def causes_draft(result: Result) -> list[str]:
    """Item 5, from the data: which units and quarters fell behind the target."""
    lines = []
    target = result.achievement.target
    if target is not None:
        behind = [u for u in result.units if u.percent is not None and u.percent < target]
        if behind:
            names = ", ".join(f"{u.unit} ({pct(u.percent)})" for u in behind)
            lines.append(f"Unit kerja dengan realisasi di bawah target {pct(target)}: {names}.")
        else:
            lines.append(f"Semua unit kerja yang melapor mencapai target {pct(target)}.")
    late = []
    for quarter in result.quarters:
        plan, cumulative = quarter.achievement, quarter.cumulative
        if plan is None or plan.target is None or cumulative is None or not cumulative.counted:
            continue
        if (cumulative.percent or 0) < plan.target:
            late.append(f"{quarter.period} ({pct(cumulative.percent)} dari target "
                        f"{pct(plan.target)})")
    if late:
        lines.append("Triwulan dengan realisasi kumulatif di bawah target Rencana Aksi: "
                     f"{', '.join(late)}.")
    pending = result.total.counted - result.total.followed_up
    if pending:
        lines.append(f"{pending} kegiatan fasilitasi dan koordinasi belum ditindaklanjuti; "
                     "tindak lanjutnya menjadi pekerjaan awal tahun berikutnya.")
    for unit in result.not_reported:
        lines.append(f"{unit} belum menyerahkan rekap kegiatannya (dihitung 0).")
    return lines


LEFT_OUT_REASONS = {
    REASON_NO_EVIDENCE: "tanpa bukti dukung yang sah",
    REASON_DUPLICATE: "tercatat ganda",
    REASON_OTHER_YEAR: "bertanggal di luar tahun",
}


def efficiency_draft(result: Result) -> list[str]:
    """Item 6, from the data: activities carried out but not counted, and why."""
    reasons: dict[str, int] = {}
    for reason in result.activities.reason:
        if reason is not None:
            reasons[reason] = reasons.get(reason, 0) + 1
    listed = result.activity_rows
    left_out = sum(reasons.values())
    if not left_out:
        return [f"Seluruh {listed} kegiatan yang tercatat di rekap berbukti dukung sah dan "
                "dihitung: tidak ada upaya yang hilang karena administrasi bukti."]
    parts = ", ".join(f"{n} {LEFT_OUT_REASONS.get(reason, reason)}"
                      for reason, n in sorted(reasons.items(), key=lambda item: -item[1]))
    share = decimal(left_out * 100 / listed, 2) if listed else "0"
    return [f"Dari {listed} kegiatan yang tercatat di rekap, {left_out} ({share}%) tidak "
            f"dihitung: {parts}. Kegiatan itu telah memakai waktu dan sumber daya tanpa "
            "tercatat sebagai kinerja; tertib bukti dukung meningkatkan efisiensi."]


def programmes_draft(result: Result) -> list[str]:
    """Item 7, from the data: the evidence mix of the counted activities."""
    used = {kind: n for kind, n in result.evidence.items() if n}
    if not used:
        return []
    parts = ", ".join(f"{kind} {n}" for kind, n in sorted(used.items(), key=lambda i: -i[1]))
    return [f"Bukti dukung kegiatan yang dihitung: {parts} (satu kegiatan dapat memiliki lebih "
            "dari satu jenis bukti). Sebutkan program/kegiatan DPA yang menunjang fasilitasi dan "
            "koordinasi tersebut."]
