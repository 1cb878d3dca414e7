"""Renderers shared by both pipelines: workbook cells and styles, streamed sheets, the progress bar."""
