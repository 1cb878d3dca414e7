"""`iku gabung`: the kabupaten's roll-up of the results its kecamatan sent. Options, the
pipeline, the renderers, the exit code — no rules here."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from iku_cli.cli.app import app
from iku_cli.cli.common import (
    ARGUMENTS,
    OPTIONS,
    OUTPUT,
    CheckFormat,
    ConfigOption,
    DebugOption,
    DecimalOption,
    ExcelOption,
    ExitCode,
    FormatOption,
    HelpOption,
    KetatOption,
    SeparatorOption,
    TahunOption,
    VerboseOption,
    consoles,
    csv_style,
    exit_code,
    output_kind,
    percent_option,
    refuse_clobbering,
    run_guarded,
    say_written,
)
from iku_cli.cli.help import IkuCommand

GABUNG_OUTPUTS = {".xlsx": "buku kerja kabupaten", ".csv": "CSV", ".json": "JSON"}


@app.command("gabung", options_metavar="[OPSI]", add_help_option=False, cls=IkuCommand)
def gabung_command(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="BERKAS/FOLDER", show_default=False, rich_help_panel=ARGUMENTS,
                       help="Hasil yang dikirim kecamatan: berkas JSON `iku hitung --format "
                       "json` dan buku kerja ringkasan `iku hitung -o`, atau folder berisi "
                       "berkas-berkas itu."),
    ],
    tahun: TahunOption = None,
    target: Annotated[
        str | None,
        typer.Option("--target", metavar="PERSEN", show_default=False, rich_help_panel=OPTIONS,
                     help="Target kabupaten, mis. 90; menghitung capaian kabupaten."),
    ] = None,
    verbose: VerboseOption = False,
    format: FormatOption = CheckFormat.tabel,
    keluaran: Annotated[
        Path | None,
        typer.Option("-o", "--keluaran", metavar="BERKAS", dir_okay=False,
                     rich_help_panel=OUTPUT,
                     help="Tulis juga ke berkas, menurut ekstensinya: .xlsx buku kerja "
                     "kabupaten (per kecamatan dengan grafik, peringkat, masalah, sumber dan "
                     "SHA-256 setiap berkas), .csv, .json."),
    ] = None,
    excel: ExcelOption = False,
    config: ConfigOption = None,
    ketat: KetatOption = False,
    pemisah: SeparatorOption = ",",
    desimal: DecimalOption = None,
    debug: DebugOption = False,
    help_: HelpOption = False,
) -> None:
    """Gabungkan hasil yang dikirim kecamatan menjadi angka kabupaten.

    Membaca hasil iku hitung tiap kecamatan (JSON atau buku kerja ringkasan; bukan
    spreadsheet rekapnya), memeriksa indikator, tahun, versi, kiriman ganda dan kelengkapannya,
    lalu menjumlahkan ditindaklanjuti dan jumlah kegiatan seluruh kecamatan (tidak merata-rata
    persentase). Kecamatan di daftar [kabupaten] kecamatan iku.toml yang belum mengirim
    disebut namanya.

    Contoh:
        iku gabung kiriman/
        iku gabung kiriman/ -o kabupaten_2026.xlsx --target 90
        iku gabung kiriman/ -f json > kabupaten_2026.json

    Kode keluar: 0 tanpa galat · 1 ada galat (hasil yang tidak digabung) atau kiriman tak
    terbaca/tidak lengkap, atau peringatan dengan --ketat · 2 salah pemakaian · 3 tidak ada
    hasil yang bisa digabung · 4 kesalahan iku sendiri.
    """
    pemisah, desimal = csv_style(pemisah, desimal, excel)
    output = output_kind(keluaran, GABUNG_OUTPUTS)
    refuse_clobbering(keluaran, paths)
    target_percent = percent_option("--target", target)

    def body() -> None:
        from iku_cli.cli.config import find_config
        from iku_cli.render.rollup import tabular, terminal
        from iku_cli.rollup.core import RollupOptions, gabung

        out, err = consoles()
        settings = find_config(config)
        rollup = gabung(paths, RollupOptions(
            indicator=settings.indicator, year=tahun if tahun is not None else settings.year,
            regency=settings.regency, expected=settings.subdistricts,
            target=target_percent if target_percent is not None else settings.target,
            scale=settings.scale, achievement_cap=settings.achievement_cap,
            limits=settings.limits,
        ))
        if not rollup.results_used:
            terminal.print_rollup_summary(rollup, err, True)
            err.print("Tidak ada hasil kecamatan yang bisa digabung: kirimkan hasil `iku hitung "
                      "--format json` atau ringkasan `iku hitung -o` dari setiap kecamatan.",
                      style="bold red", markup=False, highlight=False)
            raise typer.Exit(ExitCode.NOTHING)
        if keluaran is not None:
            from iku_cli.atomic import write_text_atomically

            if output == ".xlsx":
                from iku_cli.render.rollup.workbook import write_rollup_workbook

                write_rollup_workbook(rollup, keluaran)
            elif output == ".csv":
                write_text_atomically(keluaran, tabular.rollup_csv(rollup, pemisah, desimal))
            else:
                write_text_atomically(keluaran, tabular.rollup_json(rollup))
        if format is CheckFormat.json:
            sys.stdout.write(tabular.rollup_json(rollup))
        elif format is CheckFormat.csv:
            sys.stdout.write(tabular.rollup_csv(rollup, pemisah, desimal))
        else:
            out.print(terminal.rollup_table(rollup))
            line = terminal.achievement_line(rollup)
            if line is not None:
                out.print(line)
        terminal.print_rollup_summary(rollup, err, verbose)
        if keluaran is not None and output is not None:
            say_written(err, keluaran, GABUNG_OUTPUTS[output])
        raise typer.Exit(exit_code(rollup, ketat, rollup.results_used))

    run_guarded(debug, body)
