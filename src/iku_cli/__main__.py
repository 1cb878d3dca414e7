"""`python -m iku_cli` runs the same CLI as `iku`."""

from iku_cli.cli import main

main()
