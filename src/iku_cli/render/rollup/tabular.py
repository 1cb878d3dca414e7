"""The roll-up for scripts: the documented JSON, and CSV one row per kecamatan then TOTAL."""

from __future__ import annotations

import csv
import io

from iku_cli.render.common.tabular import safe_text, to_json
from iku_cli.render.rekap.tabular import csv_number
from iku_cli.rollup.model import Rollup

CSV_HEADER = ["kecamatan", "jumlah", "ditindaklanjuti", "persentase", "target", "capaian",
              "kategori", "belum_melapor", "galat", "sha256"]


def rollup_json(rollup: Rollup) -> str:
    return to_json(rollup.to_dict())


def rollup_csv(rollup: Rollup, separator: str = ",", decimal: str = ".") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in rollup.rows:
        sent = row.sent
        if sent is None:
            writer.writerow([safe_text(row.name), "", "", "", "", "", "", "", "", ""])
            continue
        achievement = sent.achievement
        writer.writerow([
            safe_text(row.name), sent.count.counted, sent.count.followed_up,
            csv_number(sent.count.percent, decimal), csv_number(achievement.target, decimal),
            csv_number(achievement.percent, decimal), safe_text(achievement.category or ""),
            safe_text("; ".join(sent.not_reported)), sent.galat, sent.sha256 or "",
        ])
    total, achievement = rollup.total, rollup.achievement
    writer.writerow(["TOTAL", total.counted, total.followed_up, csv_number(total.percent, decimal),
                     csv_number(achievement.target, decimal),
                     csv_number(achievement.percent, decimal), achievement.category or "", "",
                     "", ""])
    return buffer.getvalue()
