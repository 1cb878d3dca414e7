"""`python -m iku_cli` runs the same CLI as `iku`."""

from .cli import main

main()
