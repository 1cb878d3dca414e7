"""Text as people type it into cells, and the keys it is compared by.

Both pipelines and every vocabulary compare cell text through these keys: invisible marks and
control characters dropped, spaces (also non-breaking) collapsed, case and dots ignored.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE: dict[int, str | None] = {
    # zero-width characters and bidirectional marks pasted from the web or WhatsApp
    **dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d"
                             "\u202e\u2066\u2067\u2068\u2069\ufeff"), None),
    # control characters (a stray ESC or BEL from another program) read as a space, so words
    # on either side stay apart; tab, line feed and carriage return are spaces already
    **dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F], " "),
}


_SPACE_LIKE = re.compile(r"[\s\u00a0\u2007\u202f]+")


_TRAILING_PUNCT = re.compile(r"[\s.,;:!?*]+$")


_BRACKET_NOTE = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")


_HEADER_PUNCT = re.compile(r"[^\w/&]+")


def clean_text(value: str) -> str:
    """Visible text of a cell: invisible marks removed, spaces (also non-breaking) collapsed."""
    if value.isascii() and value.isprintable() and "  " not in value and value == value.strip():
        return value  # the common case, already clean: skip the Unicode work
    value = unicodedata.normalize("NFKC", value).translate(_INVISIBLE)
    return _SPACE_LIKE.sub(" ", value).strip()


def text_key(value: str) -> str:
    """Key for vocabulary: case, dots, repeated spaces and trailing punctuation ignored."""
    key = clean_text(value).casefold().replace(".", "")
    key = _TRAILING_PUNCT.sub("", key)
    return re.sub(r"\s*/\s*", "/", _SPACE_LIKE.sub(" ", key)).strip()


def header_key(value: str) -> str:
    """Comparison key for a header cell: like :func:`text_key`, and a bracketed note such as
    "(Ya/Tidak)" or "(1)" and any punctuation but "/" and "&" removed."""
    key = _BRACKET_NOTE.sub(" ", clean_text(value).casefold().replace(".", ""))
    key = _HEADER_PUNCT.sub(" ", key).replace("_", " ")
    return re.sub(r"\s*/\s*", "/", _SPACE_LIKE.sub(" ", key)).strip(" /")


# What must never reach a terminal (or a JSON, or a workbook) raw: C0 and C1 controls, DEL,
# the bidi controls and marks that reorder what is read, and the lone surrogates a file name
# that is not UTF-8 decodes to. Each is shown as its escape: "\x1b", "\u202e", "\xff".
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                         "\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """Text from a file name, sheet name or cell as it may be shown anywhere: every control,
    bidi and undecodable character written as its escape (a newline in a file name cannot
    forge a line; an ESC cannot clear the screen)."""
    if text.isprintable() and text.isascii():
        return text  # the common case
    return _UNSHOWABLE.sub(_escape, text)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """Text that can be written as UTF-8 (JSON, workbooks): a byte of a file name that was not
    UTF-8 (a lone surrogate) written as its escape, everything else as it is."""
    if text.isascii() or not _LONE_SURROGATE.search(text):
        return text
    return _LONE_SURROGATE.sub(_escape, text)


def plain_ascii_joined(texts: list[str]) -> str | None:
    """The texts joined by newlines when every one is plain ASCII: printable, no double space,
    nothing to strip (printable ASCII has no whitespace but the space, so a text to strip shows
    as a space at a seam); None otherwise. Lets a whole column be cleaned or folded in one
    string operation instead of a call per text."""
    joined = "\n".join(texts)
    if not joined.isascii():
        return None
    data = joined.encode("ascii")  # (bytes: translate checks every character in one pass)
    if (data.translate(None, _PRINTABLE_OR_NEWLINE) or data.count(b"\n") != len(texts) - 1
            or _DOUBLE_SPACE.search(data) or b" \n" in data or _NEWLINE_SPACE.search(data)
            or data[:1] == b" " or data[-1:] == b" "):
        return None
    return joined


_PRINTABLE_OR_NEWLINE = bytes(range(0x20, 0x7F)) + b"\n"  # printable ASCII: space to '~'
# (two of the seams searched by a pattern: re finds them in 4 MB of texts in 4 to 8 ms, the
# bytes' own search of a two-byte string starting with a common byte in ~10)
_DOUBLE_SPACE = re.compile(rb"  ")
_NEWLINE_SPACE = re.compile(rb"\n ")
