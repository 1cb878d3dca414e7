"""JSON and CSV as every command writes them: UTF-8 JSON, and CSV text that can never run as a
spreadsheet formula."""

from __future__ import annotations

import json
from typing import Any

# OWASP CSV injection: a cell starting with one of these could run as a formula in Excel.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def safe_text(value: str) -> str:
    """Text that a spreadsheet opens as text, never as a formula."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value
