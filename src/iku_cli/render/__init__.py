"""Renderers: turn a Result or Report into terminal text, JSON/CSV, or workbooks."""
