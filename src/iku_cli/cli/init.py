"""`iku init`: the office's iku.toml, written once with comments an operator can follow.

On a terminal it asks (kecamatan, kabupaten, year, target, the office's units) with sensible
defaults; in a script it takes options. It never overwrites an existing file unless told.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from iku_cli.cli.app import app
from iku_cli.cli.common import (
    MORE,
    OPTIONS,
    DebugOption,
    ExitCode,
    HelpOption,
    fail,
    percent_option,
    run_guarded,
)
from iku_cli.cli.help import IkuCommand


@app.command("init", options_metavar="[OPSI]", add_help_option=False, cls=IkuCommand)
def init_command(
    kecamatan: Annotated[
        str | None,
        typer.Option("--kecamatan", metavar="NAMA", show_default=False, rich_help_panel=OPTIONS,
                     help="Nama kecamatan, mis. Gucialit."),
    ] = None,
    kabupaten: Annotated[
        str | None,
        typer.Option("--kabupaten", metavar="NAMA", show_default=False, rich_help_panel=OPTIONS,
                     help="Nama kabupaten, mis. Lumajang."),
    ] = None,
    tahun: Annotated[
        int | None,
        typer.Option("--tahun", metavar="TAHUN", min=1990, max=2100, show_default=False,
                     rich_help_panel=OPTIONS, help="Tahun yang dihitung. Bawaan: tahun ini."),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option("--target", metavar="PERSEN", show_default=False, rich_help_panel=OPTIONS,
                     help="Target Perjanjian Kinerja tahun itu, mis. 90."),
    ] = None,
    unit: Annotated[
        list[str] | None,
        typer.Option("--unit", metavar="NAMA", show_default=False, rich_help_panel=OPTIONS,
                     help="Unit kerja kantor (boleh diulang): yang tidak mengirim rekap "
                     "disebut 'belum melapor'. Bawaan: semua seksi dan subbagian baku."),
    ] = None,
    keluaran: Annotated[
        Path,
        typer.Option("-o", "--keluaran", metavar="BERKAS", dir_okay=False, rich_help_panel=MORE,
                     help="Nama berkas pengaturan."),
    ] = Path("iku.toml"),
    timpa: Annotated[
        bool,
        typer.Option("--timpa", metavar="", rich_help_panel=MORE,
                     help="Timpa berkas pengaturan yang sudah ada."),
    ] = False,
    debug: DebugOption = False,
    help_: HelpOption = False,
) -> None:
    """Buat iku.toml untuk kantor Anda: kecamatan, kabupaten, tahun, target dan unit kerja.

    Di terminal iku menanyakan setiap isian (tekan Enter untuk memakai yang di dalam kurung);
    dari skrip, berikan lewat opsi. Berkas yang sudah ada tidak ditimpa.

    Contoh:
        iku init
        iku init --kecamatan Gucialit --kabupaten Lumajang --tahun 2026 --target 90
        iku init --kecamatan Gucialit --unit Umpeg --unit Renkeu --unit Kesos
    """
    if keluaran.exists() and not timpa:
        fail(f"{keluaran} sudah ada: isinya tidak diubah. Sunting berkas itu, atau pakai "
             "--timpa untuk membuatnya ulang", ExitCode.PROBLEMS)
    asking = interactive() and kecamatan is None

    def body() -> None:
        from iku_cli.cli.config import load_config
        from iku_cli.rekap.vocab import DEFAULT_VOCABULARY

        known = [u.short for u in DEFAULT_VOCABULARY.units]
        name = kecamatan or (_ask("Nama kecamatan", None) if asking else None)
        if not name:
            fail("sebutkan nama kecamatan: --kecamatan NAMA", ExitCode.USAGE)
        regency = kabupaten or (_ask("Nama kabupaten", "") if asking else None)
        year = tahun or (int(_ask("Tahun yang dihitung", str(dt.date.today().year)))
                         if asking else dt.date.today().year)
        wanted = target or (_ask("Target Perjanjian Kinerja dalam persen (kosongkan bila "
                                 "belum ada)", "") if asking else None)
        target_percent = percent_option("--target", wanted or None)
        units = unit or ([u.strip() for u in _ask(
            "Unit kerja kantor, pisahkan dengan koma", ", ".join(known)).split(",") if u.strip()]
            if asking else [])
        text = config_text(name, regency or None, year, target_percent, units)
        from iku_cli.atomic import write_text_atomically

        write_text_atomically(keluaran, text)
        load_config(keluaran)  # what was written reads back: never leave a broken file
        typer.echo(f"Pengaturan ditulis ke {keluaran}. Sunting berkas itu kapan saja; iku "
                   "membacanya setiap kali dijalankan di folder ini.", err=True)

    run_guarded(debug, body)


def interactive() -> bool:
    """Whether a person is at the keyboard (iku then asks instead of failing)."""
    return sys.stdin.isatty()


def _ask(question: str, default: str | None) -> str:
    answer = typer.prompt(question, default=default, show_default=bool(default))
    return str(answer).strip()


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def config_text(kecamatan: str, kabupaten: str | None, tahun: int, target: float | None,
                units: list[str]) -> str:
    """The commented iku.toml; units named as the office gave them (known ones by their
    canonical name and short name, so the sheets' names match)."""
    from iku_cli.rekap.match import match_unit_name
    from iku_cli.rekap.vocab import DEFAULT_VOCABULARY

    vocab = DEFAULT_VOCABULARY
    by_name = {u.name: u for u in vocab.units}
    lines = [
        "# iku.toml — pengaturan iku untuk kantor ini (dibuat dengan `iku init`).",
        "# Baris yang diawali '#' adalah keterangan. Opsi di baris perintah selalu menang.",
        "",
        f"kecamatan = {_quoted(kecamatan)}",
        f"kabupaten = {_quoted(kabupaten)}" if kabupaten else "# kabupaten = \"Lumajang\"",
        "",
        "# Tahun yang dihitung: kegiatan bertanggal tahun lain tidak ikut dihitung.",
        f"tahun = {tahun}",
        "",
        "# Target Perjanjian Kinerja dalam persen; capaian = realisasi / target x 100.",
        f"target = {target:g}" if target is not None else "# target = 90",
        "# Target kumulatif per triwulan (TW I, II, III, IV), untuk --periode triwulan:",
        "# target_triwulan = [85, 87, 88, 90]",
        "",
    ]
    if units:
        lines += [
            "# Unit kerja kantor ini. Unit yang tidak mengirim rekap disebut 'belum melapor'.",
            "# 'singkat' adalah nama sheet di templat; 'ejaan' nama lain yang dipakai seksi.",
            "unit_bawaan = false",
        ]
        for written in units:
            canonical = match_unit_name(written, vocab)
            known = by_name.get(canonical) if canonical else None
            lines += ["", "[[unit]]", f"nama = {_quoted(known.name if known else written)}",
                      f"singkat = {_quoted(known.short if known else written)}"]
    else:
        lines += ["# Unit kerja: semua seksi dan subbagian baku dikenali. Untuk menyebut unit",
                  "# yang wajib melapor: unit_bawaan = false dan satu [[unit]] per unit."]
    lines += [
        "",
        "# Untuk laporan (lihat examples/iku.toml untuk semua pilihan):",
        "# [penandatangan]",
        f"# tempat = {_quoted(kecamatan)}",
        f"# jabatan = {_quoted('Camat ' + kecamatan)}",
        "# nama = \"...\"",
        "# pangkat = \"...\"",
        "# nip = \"...\"",
        "",
    ]
    return "\n".join(lines)
