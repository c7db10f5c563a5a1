"""The ``erbm-map import`` command: ``zonage``, ``cpts`` and ``etablissements``.

Planners run it on files they receive by e-mail; whatever the file holds, they must get
a French report and an exit status, never a Python traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from erbm_map.core.clitext import os_error_fr
from erbm_map.imports.commands import (
    ImportOptions,
    import_cpts,
    import_establishments,
    import_zoning,
)
from erbm_map.imports.report import EXIT_IO_ERROR

DESCRIPTION = (
    "Importe un fichier officiel (CSV « ; » ou « , », UTF-8 ou Windows-1252, ou XLSX) dans "
    "data/sources après l'avoir entièrement validé. Codes de sortie : 0 succès, "
    "1 erreur d'entrée/sortie, 2 fichier invalide (rien n'est écrit)."
)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FICHIER", type=Path, help="fichier CSV ou XLSX à importer")
    parser.add_argument(
        "--source",
        metavar="TEXTE",
        help="précision ajoutée à la colonne source (ex. « arrêté ARS du 12/02/2026 »)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="valider et afficher le rapport sans rien écrire"
    )
    parser.add_argument(
        "--data-dir",
        metavar="DOSSIER",
        type=Path,
        default=None,
        help="dossier de données (par défaut $ERBM_DATA, sinon data/ du dépôt)",
    )
    parser.add_argument(
        "--column",
        metavar="CLÉ=EN-TÊTE",
        action="append",
        type=_column_choice,
        default=[],
        help=(
            'colonne à lire quand plusieurs conviennent, ex. --column zone="Zonage médecins 2026" '
            "(clés : insee, zone, cpts_nom, nom, categorie, finess, departement, lon, lat, x, y)"
        ),
    )


def _column_choice(text: str) -> tuple[str, str]:
    """Parse ``--column KEY=HEADER``."""
    key, sep, header = text.partition("=")
    if not sep or not key.strip() or not header.strip():
        raise argparse.ArgumentTypeError(f'« {text} » : forme attendue CLÉ=EN-TÊTE, ex. zone="Zonage 2026"')
    return key.strip(), header.strip()


def _options(args: argparse.Namespace) -> ImportOptions:
    return ImportOptions(
        file=args.file,
        source=args.source,
        dry_run=args.dry_run,
        base=args.data_dir,
        columns=tuple(args.column),
    )


def _run_zoning(args: argparse.Namespace) -> int:
    return import_zoning(_options(args), vintage=args.vintage, replace=args.replace, confirm=args.confirm)


def _run_cpts(args: argparse.Namespace) -> int:
    return import_cpts(_options(args))


def _run_establishments(args: argparse.Namespace) -> int:
    return import_establishments(_options(args))


def _guarded(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn an unexpected exception into a one-line message and exit status 1.

    Every known bad input is reported by the import itself (exit 2); this is the last
    line of defence so that a bug meets the planner as a sentence, not a traceback.
    """

    def handler(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except OSError as exc:
            print(f"Erreur d'entrée/sortie : {os_error_fr(exc)}.", file=sys.stderr)
            return EXIT_IO_ERROR
        except Exception as exc:
            print(
                f"Erreur inattendue ({exc.__class__.__name__} : {exc}). "
                "Merci de la signaler avec le fichier importé.",
                file=sys.stderr,
            )
            return EXIT_IO_ERROR

    return handler


def _help(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        return 2

    return handler


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``import`` and its sub-commands to the ``erbm-map`` parser."""
    parser = subparsers.add_parser(
        "import",
        help="importer un fichier officiel (zonage, CPTS, établissements)",
        description=DESCRIPTION,
    )
    parser.set_defaults(func=_help(parser))
    kinds = parser.add_subparsers(dest="kind", metavar="{zonage,cpts,etablissements}")

    zonage = kinds.add_parser(
        "zonage",
        help="zonage médecins (zones de data/sources/zones.csv) : nouveau millésime",
        description=(
            "Enregistre un zonage officiel comme nouveau millésime "
            "data/sources/zonage/zonage_<année>.csv. Les communes hors périmètre sont "
            "ignorées ; celles du périmètre absentes du fichier reçoivent la zone par défaut "
            "de data/sources/zones.csv (hors zonage)."
        ),
    )
    _common(zonage)
    zonage.add_argument(
        "--vintage", metavar="ANNÉE", help="millésime (2000-2100) ; sinon l'année du nom du fichier"
    )
    zonage.add_argument(
        "--replace", action="store_true", help="remplacer un millésime existant (archivé avant)"
    )
    zonage.add_argument(
        "--confirm",
        action="store_true",
        help=(
            "importer malgré les vérifications de sécurité (plus de 10 %% des communes changent "
            "d'éligibilité, fichier coupé en cours de ligne, beaucoup moins de communes que le "
            "millésime précédent), après avoir relu la simulation --dry-run"
        ),
    )
    zonage.set_defaults(func=_guarded(_run_zoning))

    cpts = kinds.add_parser(
        "cpts",
        help="périmètres des CPTS : remplace data/sources/cpts.csv",
        description="Remplace data/sources/cpts.csv (l'ancien est archivé).",
    )
    _common(cpts)
    cpts.set_defaults(func=_guarded(_run_cpts))

    etablissements = kinds.add_parser(
        "etablissements",
        help="extrait FINESS : remplace data/sources/etablissements_import.csv",
        description=(
            "Remplace data/sources/etablissements_import.csv (l'ancien est archivé). "
            "Coordonnées facultatives : longitude/latitude WGS84 ou X/Y Lambert-93."
        ),
    )
    _common(etablissements)
    etablissements.set_defaults(func=_guarded(_run_establishments))
    return parser
