"""Renderers of the IKM survey (iku ikm, templat --ikm)."""
