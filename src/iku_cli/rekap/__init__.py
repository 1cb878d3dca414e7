"""The rekap pipeline (iku hitung, periksa): read -> locate -> normalize -> compute."""
