"""`iku templat`: the fill-in workbooks handed out to the sections (the rekap, one sheet per
unit) and to the survey team (the IKM survey entry sheet)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from iku_cli.cli.app import app
from iku_cli.cli.common import (
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
from iku_cli.rekap.vocab import Unit, Vocabulary

TEMPLAT_OUTPUTS = {".xlsx": "buku kerja templat"}


@app.command("templat", options_metavar="[OPSI]", add_help_option=False)
def templat_command(
    keluaran: Annotated[
        Path | None,
        typer.Option("-o", "--keluaran", metavar="FILE.xlsx", dir_okay=False,
                     help="Nama berkas templat. Bawaan: rekap_TAHUN.xlsx di folder ini.",
                     show_default=False, rich_help_panel=OUTPUT),
    ] = None,
    unit: Annotated[
        list[str] | None,
        typer.Option("--unit", metavar="NAMA",
                     help="Unit kerja yang dibuatkan sheet (boleh diulang). Bawaan: semua "
                     "seksi dan subbagian kecamatan.", show_default=False,
                     rich_help_panel=OPTIONS),
    ] = None,
    tahun: Annotated[
        int | None,
        typer.Option("--tahun", metavar="YYYY", min=1990, max=2100,
                     help="Tahun rekap. Bawaan: tahun ini.", show_default=False,
                     rich_help_panel=OPTIONS),
    ] = None,
    kecamatan: Annotated[
        str | None,
        typer.Option("--kecamatan", metavar="NAMA", help="Nama kecamatan untuk judul.",
                     rich_help_panel=OPTIONS),
    ] = None,
    kabupaten: Annotated[
        str | None,
        typer.Option("--kabupaten", metavar="NAMA", help="Nama kabupaten untuk judul.",
                     rich_help_panel=OPTIONS),
    ] = None,
    baris: Annotated[
        int,
        typer.Option("--baris", metavar="N", min=1, max=10_000,
                     help="Jumlah baris isian per sheet.", rich_help_panel=OPTIONS),
    ] = 500,
    timpa: Annotated[
        bool,
        typer.Option("--timpa", metavar="", rich_help_panel=OPTIONS,
                     help="Timpa berkas yang sudah ada (hati-hati: isinya hilang)."),
    ] = False,
    ikm: Annotated[
        bool,
        typer.Option("--ikm", metavar="", rich_help_panel=OPTIONS,
                     help="Tulis templat isian survei IKM (jawaban U1–U9 dari daftar 1–4) "
                     "alih-alih rekap. Bawaan nama: survei_ikm_TAHUN.xlsx."),
    ] = False,
    config: ConfigOption = None,
    debug: DebugOption = False,
    help_: HelpOption = False,
) -> None:
    """Tulis buku kerja isian rekap kosong: satu sheet per unit, dengan pilihan (dropdown).

    Setiap sheet punya judul (kecamatan, unit, tahun), judul kolom baku, dan baris isian dengan
    daftar pilihan Jenis Bukti Dukung dan Ditindaklanjuti (Ya/Tidak), validasi tanggal, dan
    Nomor Bukti sebagai teks. Sheet **Petunjuk** menjelaskan cara mengisinya.

    Contoh: `iku templat -o rekap_2026.xlsx` · `iku templat --unit Trantib --unit PMD`
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

        units = _template_units(unit or [], settings.vocab)
        write_template(target, units=units, kecamatan=kecamatan, kabupaten=kabupaten,
                       tahun=year, rows=baris)
        typer.echo(f"Templat ditulis ke {target}: {len(units)} sheet unit, {baris} baris isian "
                   "per sheet, dan sheet Petunjuk.", err=True)

    run_guarded(debug, body)


def _template_units(names: list[str], vocab: Vocabulary) -> list[Unit]:
    """--unit names as units: a known spelling gives the canonical unit, others as written."""
    from iku_cli.rekap.match import match_unit_name

    if not names:
        return list(vocab.units)
    by_name = {u.name: u for u in vocab.units}
    chosen: list[Unit] = []
    for name in names:
        canonical = match_unit_name(name, vocab)
        picked = by_name[canonical] if canonical else Unit(name.strip(), name.strip())
        if picked not in chosen:
            chosen.append(picked)
    return chosen
