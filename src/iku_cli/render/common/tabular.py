"""JSON and CSV as every command writes them: UTF-8 JSON, and CSV text that can never run as a
spreadsheet formula."""

from __future__ import annotations

from collections.abc import Callable
from json.encoder import encode_basestring as _string
from typing import Any

# OWASP CSV injection: a cell starting with one of these could run as a formula in Excel.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def to_json(data: dict[str, Any]) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)`` and a newline, byte for byte.

    Written here because the standard library indents with its pure-Python encoder (a result
    with thousands of problems took 0.13 s; this takes a third): containers are walked in
    Python, every string and number is written by the same C functions json uses."""
    out: list[str] = []
    _encode(data, "\n", out)
    out.append("\n")
    return "".join(out)


_LITERALS = {None: "null", True: "true", False: "false"}
_INFINITY = float("inf")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (_INFINITY, -_INFINITY):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _scalar(value: Any) -> str | None:
    """A scalar as json writes it; None for a container (or what json cannot write)."""
    write = _WRITERS.get(value.__class__)  # (the exact types first: one lookup, no tests)
    if write is not None:
        return write(value)
    if isinstance(value, str):
        return _string(value)
    if value is None or value is True or value is False:
        return _LITERALS[value]
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    return None


_WRITERS: dict[type, Callable[[Any], str]] = {
    str: _string, int: int.__repr__, float: _float, type(None): lambda _: "null",
    bool: lambda value: "true" if value else "false",
}


def _key(key: Any) -> str:
    """A dict key as json writes it (always a string)."""
    if isinstance(key, str):
        return _string(key)
    if isinstance(key, float):
        return _string(_float(key))
    if key is None or key is True or key is False:
        return _string(_LITERALS[key])
    if isinstance(key, int):
        return _string(int.__repr__(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _encode(value: Any, newline: str, out: list[str]) -> None:
    scalar = _scalar(value)
    if scalar is not None:
        out.append(scalar)
        return
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        writers = _WRITERS
        for key, item in value.items():
            name = _string(key) if key.__class__ is str else _key(key)
            write = writers.get(item.__class__)
            item_text = write(item) if write is not None else _scalar(item)
            if item_text is None:
                out.append(f"{separator}{name}: ")
                _encode(item, inner, out)
            else:
                out.append(f"{separator}{name}: {item_text}")
            separator = "," + inner
        out.append(newline + "}")
        return
    if isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            out.append(separator)
            separator = "," + inner
            _encode(item, inner, out)
        out.append(newline + "]")
        return
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def safe_text(value: str) -> str:
    """Text that a spreadsheet opens as text, never as a formula."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value
