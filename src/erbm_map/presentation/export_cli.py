"""``erbm-map export presentation``: the presentation as one file, HTML (offline) or PDF.

A presenter carries the file to a room with no network, no Python and no right to install:
the HTML opens from a USB stick in any browser, the PDF in any reader. ``--commune`` or
``--epci`` makes a kit for one place. The output is written atomically.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from erbm_map.core.clitext import os_error_fr
from erbm_map.data import load_bundle
from erbm_map.data.errors import DataError
from erbm_map.data.storage import atomic_write_bytes
from erbm_map.presentation.deck_file import place_and_link, render_deck_html
from erbm_map.presentation.deck_labels import PresentationLabels as L
from erbm_map.presentation.deck_pdf import render_deck_pdf
from erbm_map.web.publicurl import FALLBACK_URL, PublicUrlError, public_url

FORMATS = (".html", ".pdf")


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``export presentation``."""
    parser = sub.add_parser("export", help="exporter la présentation en un fichier (HTML hors ligne ou PDF)")
    kinds = parser.add_subparsers(dest="what", required=True, metavar="{presentation}")
    deck = kinds.add_parser("presentation", help="la présentation, en HTML autonome ou en PDF 16:9")
    deck.add_argument("--output", type=Path, required=True, help="fichier à écrire (.html ou .pdf)")
    deck.add_argument("--commune", default="", help="code INSEE : un kit pour cette commune")
    deck.add_argument("--epci", default="", help="SIREN : un kit pour cette intercommunalité")
    deck.add_argument("--edition", default="", help="édition des brochures (par défaut la plus récente)")
    deck.add_argument("--data-dir", type=Path, default=None, help="dossier de données à lire")
    deck.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the deck; 2 on invalid input, 1 when the file cannot be written."""
    suffix = args.output.suffix.lower()
    if suffix not in FORMATS:
        print(L.DECK_BAD_FORMAT.format(path=args.output))
        return 2
    try:
        bundle = load_bundle(args.data_dir)
        place, link = place_and_link(
            bundle,
            args.commune,
            args.epci,
            args.edition,
            public_url() or FALLBACK_URL,
        )
    except (DataError, PublicUrlError, ValueError) as error:
        print(error)
        return 2
    today = dt.date.today()
    if suffix == ".html":
        data = render_deck_html(bundle, link=link, place=place, today=today, edition=args.edition).encode(
            "utf-8"
        )
    else:
        data = render_deck_pdf(bundle, link=link, place=place, today=today, edition=args.edition)
    try:
        atomic_write_bytes(args.output, data)
    except OSError as error:
        print(L.DECK_WRITE_FAILED.format(path=args.output, error=os_error_fr(error)))
        return 1
    print(L.DECK_WRITTEN.format(path=args.output, size=len(data) / 1e6))
    return 0
