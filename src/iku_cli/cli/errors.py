"""Typer's usage errors ("No such option", "Missing argument", ...) in Indonesian.

Typer (0.29, with its own copy of click) writes these in English and offers no translation
hook, so the formatted message is matched against the table below just before it is printed.
A message the table does not know is shown as Typer wrote it: a new Typer version can only
make an error less translated, never hide it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

COMMANDS = "init, periksa, hitung, templat, ikm, gabung, bantuan"

# The reason after "Invalid value for '--x': " (typer's own and pydantic-style wording).
_REASONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?:Value error, )?'(?P<value>.*)' is not one of (?P<choices>.+?)\.?", re.S),
     "'{value}' bukan salah satu dari {choices}"),
    (re.compile(r"Input should be a valid integer.*", re.S), "harus bilangan bulat"),
    (re.compile(r"Input should be a valid number.*", re.S), "harus angka (mis. 85 atau 85.5)"),
    (re.compile(r"Input should be greater than or equal to (?P<n>\S+)"),
     "paling kecil {n}"),
    (re.compile(r"Input should be greater than (?P<n>\S+)"), "harus lebih dari {n}"),
    (re.compile(r"Input should be less than or equal to (?P<n>\S+)"), "paling besar {n}"),
    (re.compile(r"Input should be less than (?P<n>\S+)"), "harus kurang dari {n}"),
    (re.compile(r"(?:file|File|path|Path) '(?P<path>.*)' is a directory\.?", re.S),
     "'{path}' adalah folder; sebutkan sebuah berkas"),
    (re.compile(r"(?:file|File|path|Path) '(?P<path>.*)' is a file\.?", re.S),
     "'{path}' adalah berkas; sebutkan sebuah folder"),
    (re.compile(r"(?:file|File|path|Path) '(?P<path>.*)' does not exist\.?", re.S),
     "'{path}' tidak ada"),
]


def _invalid_value(match: re.Match[str]) -> str:
    reason = match["reason"].strip()
    for pattern, template in _REASONS:
        found = pattern.fullmatch(reason)
        if found:
            reason = template.format(**found.groupdict())
            break
    return f"nilai untuk {match['hint']} tidak sah: {reason}"


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
