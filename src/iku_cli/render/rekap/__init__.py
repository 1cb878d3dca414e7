"""Renderers of the rekap count (iku hitung, periksa, templat)."""
