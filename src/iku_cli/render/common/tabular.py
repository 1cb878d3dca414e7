"""JSON and CSV as every command writes them: UTF-8 JSON, and CSV text that can never run as a
spreadsheet formula."""

from __future__ import annotations

from collections.abc import Callable
from json.encoder import c_make_encoder as _c_encoder  # type: ignore[attr-defined]
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


# json's own C encoder, one separator for every level: for a list of flat records only
_SCALAR_KINDS: set[type] = {str, int, float, bool, type(None)}  # (grows by subclasses seen)


def _flat_records(items: list[Any] | tuple[Any, ...], newline: str) -> str | None:
    """A list of non-empty dicts whose values are all scalars — the problems, by the
    thousand — written by json's C encoder in one call (the 6 826 of a 100 000-row sheet:
    46 against 61 ms a dict at a time in Python), then indented as ``_encode`` would. Its
    one item separator (a newline and the records' indent) stands between records too,
    where only a record's ``}`` meets the next one's ``{`` (a text holds no raw newline).
    None for any other list."""
    if _c_encoder is None:
        return None
    for item in items:
        if item.__class__ is not dict or not item:
            return None
        # (keys need no look: the encoder writes a scalar key as json.dumps does, and
        # refuses any other with json.dumps' TypeError)
        if not _SCALAR_KINDS.issuperset(map(type, item.values())) \
                and not all(map(_is_scalar_kind, map(type, item.values()))):
            return None
    inner, record = newline + "  ", newline + "    "
    encode = _c_encoder(None, _refuse, _string, None, ": ", "," + record, False, False, True)
    text = "".join(encode(items, 0))
    return ("[" + inner + "{" + record + text[2:-2].replace("}," + record + "{",
                                                           inner + "}," + inner + "{" + record)
            + inner + "}" + newline + "]")


def _is_scalar_kind(kind: type) -> bool:
    """A subclass of a scalar (a StrEnum, an IntEnum) is written as its value."""
    if kind in _SCALAR_KINDS or issubclass(kind, str | int | float):
        _SCALAR_KINDS.add(kind)
        return True
    return False


def _refuse(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


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
        flat = _flat_records(value, newline)
        if flat is not None:
            out.append(flat)
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
