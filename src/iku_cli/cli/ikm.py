"""`iku ikm`: the Indeks Kepuasan Masyarakat from survey sheets. Options, the pipeline, the
renderers, the exit code — no rules here. Nothing heavy is imported at module level (``iku
--help`` stays fast): the pipeline and renderers load inside the command."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from iku_cli.cli.app import app
from iku_cli.cli.common import (
    ARGUMENTS,
    MORE,
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
    HiddenOption,
    KetatOption,
    SeparatorOption,
    VerboseOption,
    consoles,
    csv_style,
    exit_code,
    fail,
    output_kind,
    refuse_clobbering,
    run_guarded,
    say_nothing_to_count,
    say_written,
)
from iku_cli.cli.help import IkuCommand
from iku_cli.ikm.vocab import DEFAULT_ORDER, DEFAULT_WEIGHT, ORDERS

IKM_OUTPUTS = {".xlsx": "buku kerja IKM", ".docx": "draf laporan SKM", ".csv": "CSV",
               ".json": "JSON"}


class Urutan(StrEnum):
    permen = "permen"
    sarana_u8 = "sarana-u8"


if {item.value for item in Urutan} != set(ORDERS):  # pragma: no cover - the vocabulary rules
    raise RuntimeError("Urutan and ikm.vocab.ORDERS disagree")


@app.command("ikm", options_metavar="[OPSI]", add_help_option=False, cls=IkuCommand)
def ikm_command(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="BERKAS/FOLDER", show_default=False, rich_help_panel=ARGUMENTS,
                       help="Lembar survei: berkas .xlsx, .xls, .ods atau .csv, atau folder."),
    ],
    populasi: Annotated[
        int | None,
        typer.Option("--populasi", metavar="JUMLAH", min=1, show_default=False,
                     rich_help_panel=OPTIONS,
                     help="Jumlah penerima layanan setahun: memeriksa sampel minimum "
                     "(Krejcie–Morgan) dan memperingatkan bila responden kurang."),
    ] = None,
    verbose: VerboseOption = False,
    format: FormatOption = CheckFormat.tabel,
    keluaran: Annotated[
        Path | None,
        typer.Option("-o", "--keluaran", metavar="BERKAS", dir_okay=False,
                     help="Tulis juga ke berkas, menurut ekstensinya: .xlsx buku kerja IKM; "
                     ".docx draf laporan SKM; .csv; .json.",
                     rich_help_panel=OUTPUT),
    ] = None,
    excel: ExcelOption = False,
    bobot: Annotated[
        str | None,
        typer.Option("--bobot", metavar="BOBOT", rich_help_panel=MORE, show_default=False,
                     help="Bobot tiap unsur: 0.111 (bawaan, seperti lembar pengolahan resmi; "
                     "nilai tertinggi 99,90), 1/9 (tepat; tertinggi 100), atau 0.11."),
    ] = None,
    urutan: Annotated[
        Urutan | None,
        typer.Option("--urutan", metavar="URUTAN", case_sensitive=False,
                     rich_help_panel=MORE,
                     help="Urutan unsur untuk kolom U1–U9 tanpa nama: permen (U8 Penanganan "
                     "Pengaduan, U9 Sarana dan Prasarana) atau sarana-u8 (keduanya ditukar). "
                     "Kolom bernama selalu dipetakan menurut namanya."),
    ] = None,
    config: ConfigOption = None,
    ketat: KetatOption = False,
    sertakan_tersembunyi: HiddenOption = False,
    pemisah: SeparatorOption = ",",
    desimal: DecimalOption = None,
    debug: DebugOption = False,
    help_: HelpOption = False,
) -> None:
    """Hitung Indeks Kepuasan Masyarakat (IKM) dari lembar survei (PermenPAN-RB 14/2017).

    Membaca satu baris per responden dengan jawaban 1–4 (atau a–d) untuk sembilan unsur
    pelayanan (kolom U1–U9 atau nama unsurnya), lalu menghitung NRR per unsur, NRR
    tertimbang, IKM = jumlah NRR tertimbang × 25, mutu dan kinerja, unsur prioritas
    perbaikan, IKM per jenis layanan, dan profil responden. Responden dengan jawaban kosong
    atau tidak sah tidak dihitung di semua unsur (galat).

    Contoh:
        iku ikm survei_2026.xlsx
        iku ikm survei_2026.xlsx --populasi 1200
        iku ikm survei_2026.xlsx --populasi 1200 -o ikm_2026.xlsx
        iku ikm survei_2026.xlsx --populasi 1200 -o laporan_skm.docx
        iku ikm survei/ -f csv --excel > ikm_2026.csv

    Kode keluar: 0 tanpa galat · 1 ada galat, berkas tak terbaca, atau peringatan dengan
    --ketat · 2 salah pemakaian · 3 tidak ada tabel survei · 4 kesalahan iku sendiri.
    """
    from iku_cli.cli.config import ConfigError, find_config
    from iku_cli.ikm.core import parse_weight

    pemisah, desimal = csv_style(pemisah, desimal, excel)
    output = output_kind(keluaran, IKM_OUTPUTS)
    refuse_clobbering(keluaran, paths)
    try:
        settings = find_config(config)
    except ConfigError as error:
        fail(str(error), error.exit_code)
    chosen_weight = bobot or settings.ikm_weight or DEFAULT_WEIGHT
    try:
        weight = parse_weight(chosen_weight)
    except ValueError:
        fail(f"--bobot harus 0.111, 1/9, atau 0.11, bukan {chosen_weight!r}", ExitCode.USAGE)
    order = urutan.value if urutan is not None else settings.ikm_order or DEFAULT_ORDER

    def body() -> None:
        from iku_cli.ikm.core import IkmOptions, ikm
        from iku_cli.render.ikm import tabular as ikm_tabular
        from iku_cli.render.ikm import terminal as ikm_terminal

        out, err = consoles()
        result = ikm(paths, IkmOptions(
            bobot=weight, urutan=order, populasi=populasi,
            include_hidden=sertakan_tersembunyi, kecamatan=settings.subdistrict,
            tahun=settings.year, limits=settings.limits, history=settings.ikm_history,
        ))
        if not result.rows_listed:
            ikm_terminal.print_ikm_summary(result, err, True)
            say_nothing_to_count(err, result.sources, result.rows_listed, "responden")
            raise typer.Exit(ExitCode.NOTHING)
        if keluaran is not None:
            from iku_cli.atomic import write_text_atomically

            if output == ".xlsx":
                from iku_cli.render.ikm.workbook import write_ikm_workbook

                write_ikm_workbook(result, keluaran)
            elif output == ".docx":
                from iku_cli.render.ikm.skm_report import write_skm_report

                write_skm_report(result, keluaran, settings.skm, settings.signatory)
            elif output == ".csv":
                write_text_atomically(keluaran, ikm_tabular.ikm_csv(result, pemisah, desimal))
            else:
                write_text_atomically(keluaran, ikm_tabular.ikm_json(result))
        if format is CheckFormat.json:
            sys.stdout.write(ikm_tabular.ikm_json(result))
        elif format is CheckFormat.csv:
            sys.stdout.write(ikm_tabular.ikm_csv(result, pemisah, desimal))
        else:
            out.print(ikm_terminal.result_view(result))
        ikm_terminal.print_ikm_summary(result, err, verbose)
        if keluaran is not None and output is not None:
            say_written(err, keluaran, IKM_OUTPUTS[output])
        raise typer.Exit(exit_code(result, ketat, result.rows_listed))

    run_guarded(debug, body)
