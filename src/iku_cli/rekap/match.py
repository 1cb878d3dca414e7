"""Match cell text against the vocabulary: evidence types, follow-up status, units, headers.

Every matcher is cached on (vocabulary, text): a column of 100 000 cells holds a few hundred
distinct values, so each distinct value is matched once.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from iku_cli.rekap.vocab import (
    EVIDENCE_DOTTED_ABBREVIATIONS,
    EVIDENCE_LIST_MARKER,
    EVIDENCE_SEPARATORS,
    EVIDENCE_STANDALONE_ONLY,
    EVIDENCE_TYPES,
    ORDINARY_UNIT_WORDS,
    TICK_MARKS,
    UNIT_PREFIXES,
    Vocabulary,
    strip_unit_prefix,
)
from iku_cli.text import clean_text, header_key, text_key

# --- evidence ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EvidenceMatch:
    """The evidence types found in one cell, and the parts that are not a type."""

    types: tuple[str, ...]  # canonical, in EVIDENCE_TYPES order, no repeats
    bad_parts: tuple[str, ...] = ()
    suggestions: tuple[str | None, ...] = ()  # per bad part: the closest type, if near


NO_EVIDENCE = EvidenceMatch(())


_BRACKET_NOTE = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")
_INLINE_LIST = re.compile(r"\s+(?=\d{1,2}\s*[.)]\s*\D)")
_NUMBER_LIKE = re.compile(r"[\d\s.,:/-]*")


def _match_piece(key: str, vocab: Vocabulary) -> str | None:
    """One piece of an evidence cell: an exact spelling, or a description starting with one;
    a bracketed note after it is ignored ('BA (terlampir)')."""
    exact = vocab.evidence_keys.get(key)
    if exact:
        return exact
    for spelling, canonical in vocab.evidence_prefixes:
        if key.startswith(spelling) and key[len(spelling) : len(spelling) + 1] == " ":
            return canonical
    if "(" in key or "[" in key:
        without_note = _BRACKET_NOTE.sub(" ", key).strip()
        if without_note and without_note != key:
            return _match_piece(without_note, vocab)
    return None


def _match_dotted(raw: str) -> str | None:
    """'BA. Musdes', 'Lap. Kegiatan': an abbreviation written with its dot, then words."""
    lowered = clean_text(raw).casefold()
    for abbreviation, canonical in EVIDENCE_DOTTED_ABBREVIATIONS.items():
        rest = lowered[len(abbreviation):]
        if lowered.startswith(abbreviation) and rest[:1].isspace() and rest.strip():
            return canonical
    return None


def _match_slashed(raw: str, vocab: Vocabulary) -> tuple[list[str], list[str]] | None:
    """'Rakor/BA' -> both types; 'Rakor/Foto' -> the type, and 'Foto' as a part that is no
    type (a number between slashes is a document number, not a part). None: no type."""
    if "/" not in raw:
        return None
    pieces = [clean_text(piece).strip(" .,;:") for piece in raw.split("/")]
    found = [vocab.evidence_keys.get(text_key(piece)) for piece in pieces]
    if not any(found):
        return None
    bad = [piece for piece, type_ in zip(pieces, found, strict=True)
           if not type_ and piece and not _NUMBER_LIKE.fullmatch(piece)]
    return [type_ for type_ in found if type_], bad


@lru_cache(maxsize=8192)
def match_evidence(text: str, vocab: Vocabulary) -> EvidenceMatch:
    """Which of the five types a cell names; see the rekap contract, 'Evidence types'."""
    whole = text_key(text)
    if not whole:
        return NO_EVIDENCE
    found: list[str] = []
    bad: list[str] = []
    if EVIDENCE_LIST_MARKER.match(text):  # '1. Rakor 2. BA' on one line
        text = _INLINE_LIST.sub("\n", text)
    raw_pieces = [EVIDENCE_LIST_MARKER.sub("", piece, count=1)
                  for piece in EVIDENCE_SEPARATORS.split(text) if piece.strip()]
    raw_pieces = [piece for piece in raw_pieces if piece.strip()]
    if whole in vocab.evidence_keys:  # a spelling that itself holds a separator stays whole
        raw_pieces = [text]
    previous_was_description = False
    joined_by_dan = _dan_joins(text, raw_pieces)
    for index, raw in enumerate(raw_pieces):
        key = text_key(raw)
        if not key:
            continue
        canonical = _match_piece(key, vocab) or _match_dotted(raw)
        if canonical:
            found.append(canonical)
            previous_was_description = key not in vocab.evidence_keys
            continue
        slashed = _match_slashed(raw, vocab)
        if slashed:
            found.extend(slashed[0])
            bad.extend(slashed[1])
            previous_was_description = False
            continue
        if previous_was_description and joined_by_dan[index]:
            # "Laporan Pemberdayaan Masyarakat dan Desa": the 'dan' belongs to the description
            continue
        bad.append(clean_text(raw).strip(" .,;:"))
        previous_was_description = False
    types = tuple(t for t in _ordered_types(vocab) if t in found)
    return EvidenceMatch(types, tuple(bad), tuple(suggest_evidence(part, vocab) for part in bad))


def _dan_joins(text: str, pieces: list[str]) -> list[bool]:
    """For each piece, whether the separator before it was the word 'dan'."""
    flags = [False] * len(pieces)
    position = 0
    for index, piece in enumerate(pieces):
        found_at = text.find(piece, position)
        if index and found_at > 0:
            flags[index] = bool(re.search(r"\bdan\s*$", text[position:found_at], re.IGNORECASE))
        position = found_at + len(piece) if found_at >= 0 else position
    return flags


def _ordered_types(vocab: Vocabulary) -> tuple[str, ...]:
    extra = tuple(t for t in vocab.evidence_spellings if t not in EVIDENCE_TYPES)
    return EVIDENCE_TYPES + extra


@lru_cache(maxsize=4096)
def suggest_evidence(part: str, vocab: Vocabulary) -> str | None:
    """The type a near miss probably meant ('Berita Acra' -> 'Berita Acara'), never applied."""
    key = text_key(part)
    if len(key) < 4:
        return None
    candidates = {
        spelling: canonical
        for spelling, canonical in vocab.evidence_keys.items()
        if len(spelling) >= 4 and spelling not in EVIDENCE_STANDALONE_ONLY
    }
    words = key.split(" ")
    best: tuple[float, str] | None = None
    for spelling, canonical in candidates.items():
        # compare with as many leading words as the spelling has: "berita acra musdes"
        head = " ".join(words[: spelling.count(" ") + 1])
        ratio = difflib.SequenceMatcher(None, head, spelling).ratio()
        if ratio >= 0.8 and (best is None or ratio > best[0]):
            best = (ratio, canonical)
    return best[1] if best else None


# --- ticks and status -------------------------------------------------------------------------


def cell_key(value: object) -> str:
    """A cell as comparable text: True -> 'true', 1.0 -> '1', '  Ya. ' -> 'ya'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return text_key(str(value))


@lru_cache(maxsize=1024)
def is_ticked(value: object) -> bool | None:
    """True for a tick mark, False for an empty cell, None for something else."""
    key = cell_key(value)
    if not key or key in ("0", "false", "-"):
        return False
    return True if key in TICK_MARKS else None


@lru_cache(maxsize=4096)
def match_status(value: object, vocab: Vocabulary) -> bool | None:
    """True followed up, False not, None blank or unknown (the caller tells which).

    Cached on the raw cell value: a status column holds a handful of distinct values.
    """
    return vocab.status_keys.get(cell_key(value))


# every byte but a-z and 0-9, deleted by bytes.translate (much faster than a regex)
_NOT_ALNUM = bytes(b for b in range(256) if not (97 <= b <= 122 or 48 <= b <= 57))


def _skeleton(text: str) -> bytes:
    """Only the letters and digits of an ASCII text, lower-cased."""
    return text.lower().encode("ascii").translate(None, _NOT_ALNUM)


@lru_cache(maxsize=64)
def _header_skeletons(vocab: Vocabulary) -> tuple[bytes, ...]:
    return tuple(sorted({_skeleton(key) for key in vocab.header_keys if key.isascii()}))


@lru_cache(maxsize=64)
def header_skeleton_set(vocab: Vocabulary) -> frozenset[bytes]:
    """The letters and digits of every ASCII header spelling (see :func:`exact_header`): a text
    whose skeleton is not among them is no header spelling."""
    return _key_skeletons(frozenset(vocab.header_keys))


# as _NOT_ALNUM, but keeping the newline that separates texts joined for plain_skeletons
_NOT_ALNUM_OR_NEWLINE = bytes(b for b in range(256)
                              if not (97 <= b <= 122 or 48 <= b <= 57 or b == 10))


def plain_skeletons(texts: list[str]) -> list[bytes] | None:
    """``[_plain_skeleton(t) for t in texts]`` in one string operation over them all; None
    when any text is not plain (not ASCII, a bracket) or holds a newline itself."""
    joined = "\n".join(texts)
    if (not joined.isascii() or "(" in joined or "[" in joined
            or joined.count("\n") != len(texts) - 1):
        return None
    return joined.lower().encode("ascii").translate(None, _NOT_ALNUM_OR_NEWLINE).split(b"\n")


def may_be_key(text: str, keys: frozenset[str]) -> bool:
    """Whether ``header_key(text)`` could be one of ``keys``: False, without computing the key,
    for a plain ASCII text whose letters and digits are those of no key (see
    :func:`_plain_skeleton`); True when it could (then compare the key itself)."""
    skeleton = _plain_skeleton(text)
    return skeleton is None or skeleton in _key_skeletons(keys)


@lru_cache(maxsize=16)
def _key_skeletons(keys: frozenset[str]) -> frozenset[bytes]:
    # a key that is not ASCII is never the key of an ASCII text
    return frozenset(_skeleton(key) for key in keys if key.isascii())


def _plain_skeleton(text: str) -> bytes | None:
    """For an ASCII text without a bracketed note, header_key only drops or replaces what is
    not a letter or digit: the key's letters and digits are this skeleton. None otherwise."""
    if text.isascii() and "(" not in text and "[" not in text:
        return _skeleton(text)
    return None


def exact_header(text: str, vocab: Vocabulary) -> str | None:
    """The field a header cell names by an exact spelling only (no prefix matching)."""
    # asked of every short activity text on the row loop: most are ruled out without header_key
    skeleton = _plain_skeleton(text)
    if skeleton is not None and skeleton not in header_skeleton_set(vocab):
        return None
    return _exact_header(text, vocab)


@lru_cache(maxsize=8192)
def _exact_header(text: str, vocab: Vocabulary) -> str | None:
    return vocab.header_keys.get(header_key(text))


# --- units ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitMatch:
    name: str  # canonical when known, else as written
    known: bool
    several: bool = False  # the cell named more than one unit


_UNIT_SPLIT = re.compile(r"\s*(?:[,;&+\n]|\bdan\b)\s*", re.IGNORECASE)


@lru_cache(maxsize=4096)
def match_unit_name(text: str, vocab: Vocabulary) -> str | None:
    """The canonical unit a whole name refers to ('Seksi PMD' -> PMD's canonical), or None."""
    key = text_key(text)
    if not key:
        return None
    return vocab.unit_keys.get(strip_unit_prefix(key)) or vocab.unit_keys.get(key)


@lru_cache(maxsize=4096)
def match_unit_cell(text: str, vocab: Vocabulary) -> UnitMatch | None:
    """A unit cell or unit section row: the unit it names (the first, if it names several)."""
    cleaned = clean_text(text).strip(" .:")
    if not cleaned:
        return None
    whole = match_unit_name(cleaned, vocab)
    if whole:
        return UnitMatch(whole, True)
    parts = [part for part in _UNIT_SPLIT.split(cleaned) if part]
    if len(parts) > 1:
        names = [match_unit_name(part, vocab) for part in parts]
        known = [name for name in names if name]
        if known:
            return UnitMatch(known[0], True, several=len(set(known)) > 1 or len(known) < len(parts))
    return UnitMatch(cleaned, False)


_PREFIX_BEFORE = re.compile(
    r"\b(?:" + "|".join(re.escape(prefix) for prefix in UNIT_PREFIXES) + r")\s*$"
)


@lru_cache(maxsize=1024)
def units_named_in_line(text: str, vocab: Vocabulary) -> tuple[str, ...]:
    """Known units a title line names as whole words ('SEKSI PEMERINTAHAN KECAMATAN X').

    Single ordinary words ('pelayanan') count only after a prefix ('Seksi Pelayanan'), so
    'PELAYANAN PUBLIK' in a title does not make a sheet Seksi Pelayanan Umum.
    """
    key = text_key(text)
    whole = vocab.unit_keys.get(key)
    if whole is not None:  # the line is a unit's name and nothing else ('SEKRETARIAT')
        return (whole,)
    found: list[str] = []
    # longest names first, blanking each hit so 'pelayanan umum' is not also read as 'umum'
    for unit_key, canonical in vocab.unit_keys_longest_first:
        for hit in re.finditer(rf"(?<![\w/]){re.escape(unit_key)}(?![\w/])", key):
            if unit_key in ORDINARY_UNIT_WORDS and not _PREFIX_BEFORE.search(key[: hit.start()]):
                continue
            if canonical not in found:
                found.append(canonical)
            key = key[: hit.start()] + " " * len(unit_key) + key[hit.end() :]
            break
    return tuple(found)


# --- headers ----------------------------------------------------------------------------------


def match_header(text: str, vocab: Vocabulary) -> str | None:
    """The field a header cell names: exact spelling first, then the longest it starts with."""
    # asked of every text cell in the rows searched for a header: a key that starts with a
    # spelling has a skeleton that starts with the spelling's
    skeleton = _plain_skeleton(text)
    if skeleton is not None and not skeleton.startswith(_header_skeletons(vocab)):
        return None
    return _match_header(text, vocab)


@lru_cache(maxsize=64)
def _field_initials(vocab: Vocabulary, field: str) -> frozenset[str]:
    return frozenset(key[0] for key, name in vocab.header_keys.items() if name == field and key)


def names_field(text: str, field: str, vocab: Vocabulary) -> bool:
    """``match_header(text) == field``, with a cheap first look: the key of an ASCII text
    starting with a letter or digit starts with that character, lower-cased."""
    if text.isascii() and text[:1].isalnum() and (
        text[0].lower() not in _field_initials(vocab, field)
    ):
        return False
    return match_header(text, vocab) == field


@lru_cache(maxsize=8192)
def _match_header(text: str, vocab: Vocabulary) -> str | None:
    key = header_key(text)
    if not key:
        return None
    exact = vocab.header_keys.get(key)
    if exact:
        return exact
    for spelling, name in vocab.header_prefixes:
        if key.startswith(spelling) and key[len(spelling) : len(spelling) + 1] in (" ", "/"):
            return name
    return None
