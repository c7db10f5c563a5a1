"""The ``erbm-map`` command line: build the data, import official files, serve."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from erbm_map.core.clitext import install_french_argparse

DESCRIPTION = "Carte ERBM : construire les données géographiques, importer des fichiers officiels."


def build_parser() -> argparse.ArgumentParser:
    """Assemble the sub-commands; each module owns the parser of its own command."""
    from erbm_map.geodata import geodata_cli as build_cli
    from erbm_map.imports import import_cli
    from erbm_map.presentation import export_cli

    parser = argparse.ArgumentParser(prog="erbm-map", description=DESCRIPTION)
    sub = parser.add_subparsers(dest="command", required=True, metavar="{build-data,import,export}")
    build_cli.add_parser(sub)
    import_cli.add_parser(sub)
    export_cli.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status (0 ok, 1 I/O error, 2 invalid input)."""
    install_french_argparse()
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
