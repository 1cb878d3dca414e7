"""`iku templat`: the fill-in workbooks handed out to the sections (the rekap, one sheet per
unit) and to the survey team (the IKM survey entry sheet)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from iku_cli.cli.app import app
from iku_cli.cli.common import (
    MORE,
    OPTIONS,
    OUTPUT,
    ConfigOption,
    DebugOption,
    ExitCode,
    HelpOption,
    fail,
    output_kind,
    run_guarded,
)
from iku_cli.cli.help import IkuCommand
from iku_cli.rekap.vocab import Unit, Vocabulary

TEMPLAT_OUTPUTS = {".xlsx": "buku kerja templat"}


@app.command("templat", options_metavar="[OPSI]", add_help_option=False, cls=IkuCommand)
def templat_command(
    unit: Annotated[
        list[str] | None,
        typer.Option("--unit", metavar="NAMA", show_default=False, rich_help_panel=OPTIONS,
                     help="Unit kerja kantor Anda yang dibuatkan sheet, mis. --unit Umpeg "
                     "--unit Kesos. Bawaan: unit di iku.toml (unit_bawaan = false); tanpa "
                     "keduanya iku menanyakannya."),
    ] = None,
    tahun: Annotated[
        int | None,
        typer.Option("--tahun", metavar="TAHUN", min=1990, max=2100, show_default=False,
                     rich_help_panel=OPTIONS,
                     help="Tahun rekap: judul dan isian tanggal. Bawaan: tahun di iku.toml, "
                     "atau tahun ini."),
    ] = None,
    kecamatan: Annotated[
        str | None,
        typer.Option("--kecamatan", metavar="NAMA", rich_help_panel=OPTIONS,
                     help="Nama kecamatan untuk judul. Bawaan: dari iku.toml."),
    ] = None,
    keluaran: Annotated[
        Path | None,
        typer.Option("-o", "--keluaran", metavar="BERKAS.xlsx", dir_okay=False,
                     help="Nama berkas templat. Bawaan: rekap_TAHUN.xlsx di folder ini.",
                     show_default=False, rich_help_panel=OUTPUT),
    ] = None,
    ikm: Annotated[
        bool,
        typer.Option("--ikm", metavar="", rich_help_panel=OUTPUT,
                     help="Templat isian survei IKM (jawaban U1–U9 dari daftar 1–4) alih-alih "
                     "rekap. Bawaan nama: survei_ikm_TAHUN.xlsx."),
    ] = False,
    kabupaten: Annotated[
        str | None,
        typer.Option("--kabupaten", metavar="NAMA", rich_help_panel=MORE,
                     help="Nama kabupaten untuk judul. Bawaan: dari iku.toml."),
    ] = None,
    baris: Annotated[
        int,
        typer.Option("--baris", metavar="JUMLAH", min=1, max=10_000, rich_help_panel=MORE,
                     help="Jumlah baris isian per sheet."),
    ] = 500,
    timpa: Annotated[
        bool,
        typer.Option("--timpa", metavar="", rich_help_panel=MORE,
                     help="Timpa berkas yang sudah ada (hati-hati: isinya hilang)."),
    ] = False,
    config: ConfigOption = None,
    debug: DebugOption = False,
    help_: HelpOption = False,
) -> None:
    """Tulis buku kerja isian rekap kosong: satu sheet per unit, dengan pilihan (dropdown).

    Setiap sheet punya judul (kecamatan, unit, tahun), judul kolom baku, dan baris isian dengan
    daftar pilihan Jenis Bukti Dukung dan Ditindaklanjuti (Ya/Tidak), isian tanggal tahun itu,
    dan Nomor Bukti sebagai teks. Sheet Petunjuk menjelaskan cara mengisinya.

    Contoh:
        iku templat --unit Umpeg --unit Renkeu --unit Kesos --tahun 2027
        iku templat -o rekap_2027.xlsx
        iku templat --ikm --tahun 2027
    """
    import datetime as dt

    from iku_cli.cli.config import ConfigError, find_config

    try:
        settings = find_config(config)
    except ConfigError as error:
        fail(str(error), error.exit_code)
    kecamatan = kecamatan or settings.subdistrict
    kabupaten = kabupaten or settings.regency
    year = tahun or settings.year or dt.date.today().year
    target = keluaran or Path(f"{'survei_ikm' if ikm else 'rekap'}_{year}.xlsx")
    output_kind(target, TEMPLAT_OUTPUTS)
    if ikm and unit:
        fail("--unit tidak berlaku untuk --ikm: templat survei punya satu sheet isian",
             ExitCode.USAGE)
    if target.exists() and not timpa:
        fail(f"{target} sudah ada; pakai nama lain atau --timpa untuk menimpanya",
             ExitCode.PROBLEMS)

    def body() -> None:
        if ikm:
            from iku_cli.render.ikm.template import SURVEY_SHEET, write_ikm_template

            write_ikm_template(target, kecamatan=kecamatan, kabupaten=kabupaten, tahun=year,
                               rows=baris)
            typer.echo(f"Templat survei IKM ditulis ke {target}: sheet {SURVEY_SHEET} dengan "
                       f"{baris} baris isian (jawaban U1–U9 dari daftar 1–4) dan sheet "
                       "Petunjuk.", err=True)
            return
        from iku_cli.render.rekap.template import write_template

        names = unit or list(settings.required_units) or _ask_units(settings.vocab)
        units = _template_units(names, settings.vocab)
        write_template(target, units=units, kecamatan=kecamatan, kabupaten=kabupaten,
                       tahun=year, rows=baris)
        typer.echo(f"Templat ditulis ke {target}: {len(units)} sheet unit "
                   f"({', '.join(u.short for u in units)}), {baris} baris isian per sheet, dan "
                   "sheet Petunjuk.", err=True)

    run_guarded(debug, body)


def _ask_units(vocab: Vocabulary) -> list[str]:
    """The office's units, asked on a terminal; a script must name them."""
    import sys

    known = ", ".join(u.short for u in vocab.units)
    if not sys.stdin.isatty():
        fail("sebutkan unit kerja kantor Anda: --unit NAMA untuk setiap unit (mis. --unit Umpeg "
             f"--unit Kesos; yang dikenal: {known}), atau daftarkan di iku.toml dengan "
             "unit_bawaan = false dan [[unit]] (iku init membuatkannya)", ExitCode.USAGE)
    answer = typer.prompt(f"Unit kerja kantor Anda, pisahkan dengan koma (yang dikenal: "
                          f"{known})", default=known)
    names = [name.strip() for name in answer.split(",") if name.strip()]
    if not names:
        fail("tidak ada unit kerja: templat tidak dibuat", ExitCode.USAGE)
    return names


def _template_units(names: list[str], vocab: Vocabulary) -> list[Unit]:
    """Unit names as units: a known spelling gives the canonical unit; an unknown name is
    kept as written, with a warning naming the closest known unit."""
    import difflib

    from iku_cli.rekap.match import match_unit_name

    by_name = {u.name: u for u in vocab.units}
    spellings = {spelling.casefold(): u.short for u in vocab.units
                 for spelling in (u.name, u.short, *u.aliases)}
    chosen: list[Unit] = []
    for name in names:
        canonical = match_unit_name(name, vocab)
        if canonical is None:
            close = difflib.get_close_matches(name.casefold(), list(spellings), n=1,
                                              cutoff=0.6)
            hint = f"; maksud Anda {spellings[close[0]]}?" if close else ""
            typer.echo(f"peringatan: unit '{name.strip()}' tidak dikenal: sheet-nya tetap "
                       f"dibuat dengan nama itu{hint}", err=True)
        picked = by_name[canonical] if canonical else Unit(name.strip(), name.strip())
        if picked not in chosen:
            chosen.append(picked)
    return chosen
