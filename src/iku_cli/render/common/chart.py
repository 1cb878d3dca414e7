"""Charts drawn as pictures for the Word drafts (matplotlib, imported only here and only by
the commands that write a document: it costs half a second to load).

Bars for what was realised, a line with markers for the target: the comparison a reader of
the LKjIP or SKM report looks for. Numbers are written the Indonesian way (86,36).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from iku_cli.numbers import decimal

BAR = "#2F6EBA"
TARGET = "#C0392B"


def bars_against_target(
    labels: Sequence[str], values: Sequence[float | None], targets: Sequence[float | None],
    *, title: str, value_label: str = "Realisasi", target_label: str = "Target",
    top: float = 100.0, places: int = 2, width_in: float = 6.3, height_in: float = 3.0,
) -> bytes:
    """A PNG: one bar per label (its value written on it), the targets as a line."""
    import matplotlib

    matplotlib.use("Agg")  # no screen: draw into memory
    from matplotlib import pyplot as plt
    from matplotlib.ticker import FuncFormatter

    figure, axes = plt.subplots(figsize=(width_in, height_in), dpi=200)
    try:
        positions = list(range(len(labels)))
        heights = [v if v is not None else 0.0 for v in values]
        bars = axes.bar(positions, heights, color=BAR, width=0.55, label=value_label, zorder=2)
        for bar, value in zip(bars, values, strict=True):
            text = "–" if value is None else decimal(value, places)
            axes.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                          xytext=(0, 3), textcoords="offset points", ha="center", va="bottom",
                          fontsize=8)
        known = [(p, t) for p, t in zip(positions, targets, strict=True) if t is not None]
        if known:
            axes.plot([p for p, _ in known], [t for _, t in known], color=TARGET, marker="o",
                      linewidth=1.6, markersize=4, label=target_label, zorder=3)
        axes.set_xticks(positions, list(labels), fontsize=8)
        axes.set_ylim(0, top * 1.12)
        axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _: decimal(y, 0)))
        axes.tick_params(axis="y", labelsize=8)
        axes.grid(axis="y", color="#DDDDDD", linewidth=0.6, zorder=0)
        axes.spines[["top", "right"]].set_visible(False)
        axes.set_title(title, fontsize=9.5)
        axes.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2,
                    frameon=False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        plt.close(figure)
