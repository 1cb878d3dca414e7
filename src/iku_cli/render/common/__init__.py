"""Renderers both pipelines share: workbook cells and styles, the print setup, streamed
sheets, the problem sheet, the console and JSON/CSV helpers, the progress bar."""
