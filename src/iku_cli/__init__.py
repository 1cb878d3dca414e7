"""iku: count a kecamatan's IKU from the rekap workbooks its sections hand in.

    >>> from iku_cli import hitung
    >>> result = hitung(["examples/rekap_gucialit_2026.xlsx"])
    >>> result.total.percent

The heavy modules (pandas, calamine) load only when ``hitung``/``periksa`` are first used, so
``iku --help`` starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from iku_cli.version import __version__

__all__ = ["Options", "Result", "__version__", "hitung"]

if TYPE_CHECKING:
    from iku_cli.rekap.core import Options, hitung
    from iku_cli.rekap.model import Result


def __getattr__(name: str) -> Any:
    if name in ("hitung", "Options"):
        from iku_cli.rekap import core

        return getattr(core, name)
    if name == "Result":
        from iku_cli.rekap.model import Result

        return Result
    raise AttributeError(f"module 'iku_cli' has no attribute {name!r}")
