"""`iku ikm`: the Indeks Kepuasan Masyarakat from survey sheets (PermenPAN-RB No. 14/2017).

    >>> from iku_cli.ikm import ikm
    >>> result = ikm(["examples/ikm/survei_ikm_gucialit_2026.xlsx"])
    >>> result.index.ikm, result.index.mutu

Stages as for the IKU count: ``vocab`` (the nine unsur, answers, profile categories and the
conversion table as data), ``locate`` (survey tables found by content), ``normalize`` (answers
and categories of one cell), ``compute`` (exact arithmetic), ``model`` (the result and its
JSON), ``core`` (the pipeline). Importing this package loads none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["IkmOptions", "IkmResult", "ikm"]

if TYPE_CHECKING:
    from iku_cli.ikm.core import IkmOptions, ikm
    from iku_cli.ikm.model import IkmResult


def __getattr__(name: str) -> Any:
    if name in ("ikm", "IkmOptions"):
        from iku_cli.ikm import core

        return getattr(core, name)
    if name == "IkmResult":
        from iku_cli.ikm.model import IkmResult

        return IkmResult
    raise AttributeError(f"module 'iku_cli.ikm' has no attribute {name!r}")
