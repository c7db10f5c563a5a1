"""What a deck says about its own data: version, export date, brochures, zoning, the live link.

A file carried on a USB stick outlives the data it was made from; its last page says which
data it shows, so a room can tell an old deck from a current one. The HTML and PDF decks
both print these lines.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from erbm_map.core.fmt import fmt_date
from erbm_map.data import Bundle
from erbm_map.data.dataversion import read_stamp
from erbm_map.presentation.deck_labels import PresentationLabels as L
from erbm_map.web.server import served_geojson


def data_version(bundle: Bundle) -> str:
    """The data directory's import stamp, else the content hash of its commune map (never empty)."""
    base = bundle.meta.get("base")
    stamp = read_stamp(Path(base) if base else None)
    return stamp.split(" ")[0] if stamp else served_geojson(bundle)["carte-communes"].etag


def colophon_lines(bundle: Bundle, *, link: str, today: dt.date) -> list[str]:
    """The deck's last page, one sentence per line."""
    return [
        L.DECK_EXPORTED.format(date=fmt_date(today)),
        L.DECK_VERSION.format(version=data_version(bundle)),
        *(L.DECK_BROCHURE.format(citation=edition.citation) for edition in bundle.domain.editions),
        L.DECK_ZONING.format(vintage=bundle.latest_vintage),
        L.DECK_LINK.format(link=link),
    ]
