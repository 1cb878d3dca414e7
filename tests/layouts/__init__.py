"""An independent layout generator for property tests of the rekap reader.

Written from the input contract only (docs: rekap-format.md, cli-and-output.md), never from the
implementation: :mod:`layouts.draw` draws a workbook as plain data together with its true counts
by construction, :mod:`layouts.save` writes it as .xlsx and converts batches to .ods/.xls with
LibreOffice.
"""
