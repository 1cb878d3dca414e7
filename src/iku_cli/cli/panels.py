"""The groups the options of a command are shown in, in this order, by its help."""

ARGUMENTS = "Argumen"
MAIN = "Opsi"  # what most runs use
OUTPUT = "Keluaran"  # where and in which form the result goes
MORE = "Opsi lain"  # what few runs need
