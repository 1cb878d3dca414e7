"""Typer's usage errors ("No such option", "Missing argument", ...) in Indonesian.

Typer (with its own copy of click) writes these in English and offers no translation hook, so
the formatted message is matched against the table below just before it is printed. Both
wordings are known: click's (Typer up to 0.28, which iku asks for) and pydantic's (0.29).
A message the table does not know is shown as Typer wrote it: a new Typer version can only
make an error less translated, never hide it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

COMMANDS = "init, periksa, hitung, templat, ikm, gabung, bantuan"

# The reason after "Invalid value for '--x': " (typer's own and pydantic-style wording).
_REASONS: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"(?:Value error, )?'(?P<value>.*)' is not one of (?P<choices>.+?)\.?", re.S),
     "'{value}' bukan salah satu dari {choices}"),
    (re.compile(r"Input should be a valid integer.*", re.S), "harus bilangan bulat"),
    (re.compile(r"Input should be a valid number.*", re.S), "harus angka (mis. 85 atau 85.5)"),
    (re.compile(r"Input should be greater than or equal to (?P<n>\S+)"),
     "paling kecil {n}"),
    (re.compile(r"Input should be greater than (?P<n>\S+)"), "harus lebih dari {n}"),
    (re.compile(r"Input should be less than or equal to (?P<n>\S+)"), "paling besar {n}"),
    (re.compile(r"Input should be less than (?P<n>\S+)"), "harus kurang dari {n}"),
    # click's wording (Typer up to 0.28 converts values with click's types)
    (re.compile(r"'(?P<value>.*)' is not a valid (?:integer|int range)\.?", re.S),
     "harus bilangan bulat"),
    (re.compile(r"'(?P<value>.*)' is not a valid (?:float|float range)\.?", re.S),
     "harus angka (mis. 85 atau 85.5)"),
    (re.compile(r"(?P<value>\S+) is not in the range (?P<range>\S+?)\.?", re.S), None),
    (re.compile(r"(?:file|File|path|Path) '(?P<path>.*)' is a directory\.?", re.S),
     "'{path}' adalah folder; sebutkan sebuah berkas"),
    (re.compile(r"(?:file|File|path|Path|directory|Directory) '(?P<path>.*)' is a file\.?",
                re.S),
     "'{path}' adalah berkas; sebutkan sebuah folder"),
    (re.compile(r"(?:file|File|path|Path) '(?P<path>.*)' does not exist\.?", re.S),
     "'{path}' tidak ada"),
]


def _invalid_value(match: re.Match[str]) -> str:
    reason = match["reason"].strip()
    for pattern, template in _REASONS:
        found = pattern.fullmatch(reason)
        if found:
            reason = (template.format(**found.groupdict()) if template is not None
                      else _out_of_range(found["value"], found["range"]) or reason)
            break
    return f"nilai untuk {match['hint']} tidak sah: {reason}"


_BOUND = re.compile(r"(?:(?P<low>[-\d.]+)(?P<low_op><=?))?x(?:(?P<high_op><=?)(?P<high>[-\d.]+))?"
                    r"|x(?P<ge>>=?)(?P<min>[-\d.]+)")


def _out_of_range(value: str, bounds: str) -> str | None:
    """click's "1800 is not in the range 1990<=x<=2100" as the side the value broke: "paling
    kecil 1990" (pydantic's wording, translated alike). None when the range is unfamiliar."""
    found = _BOUND.fullmatch(bounds)
    try:
        number = float(value)
    except ValueError:
        return None
    if found is None:
        return None
    low, low_open = found["low"] or found["min"], (found["low_op"] or found["ge"]) in ("<", ">")
    if low is not None and (number < float(low) or (low_open and number == float(low))):
        return f"harus lebih dari {low}" if low_open else f"paling kecil {low}"
    high, high_open = found["high"], found["high_op"] == "<"
    if high is not None:
        return f"harus kurang dari {high}" if high_open else f"paling besar {high}"
    return None


def _no_such_option(match: re.Match[str]) -> str:
    text = f"opsi {match['option']} tidak dikenal"
    if match["alternatives"]:
        text += f"; maksud Anda {match['alternatives']}?"
    return text + " Lihat daftar opsi dengan --help."


def _no_such_command(match: re.Match[str]) -> str:
    text = f"perintah '{match['name']}' tidak dikenal"
    if match["alternative"]:
        text += f"; maksud Anda '{match['alternative']}'?"
    return f"{text} Perintah yang ada: {COMMANDS}."


# The English message (whole, after Typer formatted it) -> its Indonesian.
_MESSAGES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"No such option: (?P<option>\S+)(?: \(Possible options: (?P<alternatives>.+)\))?",
                re.S), _no_such_option),
    (re.compile(r"No such command '(?P<name>.*?)'\.(?: Did you mean '(?P<alternative>.+)'\?)?",
                re.S), _no_such_command),
    (re.compile(r"Missing argument '(?P<name>.+)'\.(?P<rest>.*)", re.S),
     lambda m: f"argumen {m['name']} belum diisi: sebutkan berkas, folder, atau pola "
     "(mis. masuk/ atau masuk/*.xlsx)."),
    (re.compile(r"Missing option '(?P<name>.+)'\.(?P<rest>.*)", re.S),
     lambda m: f"opsi {m['name']} wajib diisi."),
    (re.compile(r"Missing command\.", re.S),
     lambda m: f"sebutkan perintahnya: {COMMANDS}."),
    (re.compile(r"Invalid value for (?P<hint>.+?): (?P<reason>.+)", re.S), _invalid_value),
    (re.compile(r"Option '(?P<option>.+)' requires an argument\.", re.S),
     lambda m: f"opsi '{m['option']}' perlu diberi nilai, mis. {m['option']} json."
     if m["option"] in ("-f", "--format") else f"opsi '{m['option']}' perlu diberi nilai."),
    (re.compile(r"Option '(?P<option>.+)' requires (?P<n>\d+) arguments\.", re.S),
     lambda m: f"opsi '{m['option']}' perlu diberi {m['n']} nilai."),
    (re.compile(r"Got unexpected extra argument(?:\(s\)|s)? \((?P<extra>.*)\)", re.S),
     lambda m: f"argumen berlebih: {m['extra']}; lihat --help untuk cara memakai perintah ini."),
]


def in_indonesian(message: str) -> str:
    """A Typer usage error's text in Indonesian; unchanged when the wording is unknown."""
    text = message.strip()
    for pattern, translate in _MESSAGES:
        match = pattern.fullmatch(text)
        if match:
            return translate(match)
    return message


def localise_usage_errors(rich_utils: Any) -> None:
    """Make Typer (its ``rich_utils`` module) print usage errors through
    :func:`in_indonesian`."""
    original = rich_utils.rich_format_error
    if getattr(original, "localised", False):
        return

    def rich_format_error(error: Any) -> None:
        english = error.format_message()
        error.format_message = lambda: in_indonesian(english)
        original(error)

    rich_format_error.localised = True  # type: ignore[attr-defined]
    rich_utils.rich_format_error = rich_format_error
