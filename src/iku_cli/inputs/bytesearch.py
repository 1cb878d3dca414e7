"""Searching a sheet's XML for a short byte string that starts with a common byte.

CPython finds one byte with ``memchr`` (a 40 MB sheet: ~4 ms) but a short string such as
``<!`` or ``<f`` by its general loop (~50 ms), whatever the bytes. Most of what the inspection
looks for holds one byte that is rare in sheet XML ('!', '?', '#', ':'), or uncommon ('f',
'h'): :func:`find` looks for that byte and checks the string around each one it finds.
"""

from __future__ import annotations

__all__ = ["find"]

# Past this many places where the byte stood without the string (~2 ms of looking), the
# string is searched the general way from there: a sheet whose texts are full of the byte
# costs little more than before.
MAX_FALSE_HITS = 4_000


def find(data: bytes, needle: bytes, anchor: int, start: int = 0, end: int | None = None,
         limit: int = MAX_FALSE_HITS) -> int:
    """``data.find(needle, start, end)``, found through the needle's byte at ``anchor``."""
    if end is None:
        end = len(data)
    byte = needle[anchor:anchor + 1]
    if not byte:
        raise ValueError("anchor outside the needle")
    position = data.find(byte, start + anchor, end)
    misses = 0
    while position >= 0:
        begin = position - anchor
        if data.startswith(needle, begin, end):
            return begin
        misses += 1
        if misses > limit:  # every earlier place is known not to hold it
            return data.find(needle, begin + 1, end)
        position = data.find(byte, position + 1, end)
    return -1
