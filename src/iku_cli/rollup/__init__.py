"""iku gabung: the kabupaten's roll-up of the results its kecamatan sent (never their rows)."""
