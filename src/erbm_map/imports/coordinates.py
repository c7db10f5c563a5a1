"""Coordinates of imported establishments: WGS84 or FINESS's Lambert-93, checked on a map.

FINESS extracts give ``coordxet``/``coordyet`` in Lambert-93 (EPSG:2154) while other
extracts give longitude/latitude; both end up as WGS84 (EPSG:4326). A point outside a
box around Nord–Pas-de-Calais is refused: it is a swapped pair, a wrong projection or a
typo, and would otherwise put a hospital in the sea without anyone noticing.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from erbm_map.imports.normalise import InvalidValue, parse_number

if TYPE_CHECKING:
    from pyproj import Transformer

#: (west, south, east, north) in degrees: Nord and Pas-de-Calais with a margin of ~10 km.
BBOX = (1.40, 49.85, 4.35, 51.15)


@cache
def _lambert93_to_wgs84() -> Transformer:
    """Built once (pyproj's setup costs tens of milliseconds), imported only when needed."""
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True)


def in_bbox(lon: float, lat: float) -> bool:
    """Whether a WGS84 point falls in ``BBOX``."""
    west, south, east, north = BBOX
    return west <= lon <= east and south <= lat <= north


def _pair(first: str, second: str, label: str) -> tuple[float, float] | None:
    a, b = parse_number(first), parse_number(second)
    if a is None and b is None:
        return None
    if a is None or b is None:
        raise InvalidValue("coordonnées incomplètes", f"{first} ; {second}", label)
    return a, b


def locate(cells: dict[str, str]) -> tuple[float, float] | None:
    """Return (lon, lat) in WGS84 from the row's coordinate cells, None when it has none.

    Longitude/latitude win over Lambert-93 when a row has both.

    Raises:
        InvalidValue: unreadable or incomplete coordinates, or a point outside ``BBOX``.

    """
    point = _pair(cells.get("lon", ""), cells.get("lat", ""), "longitude et latitude")
    if point is not None:
        lon, lat = point
        if not in_bbox(lon, lat):
            hint = "longitude et latitude inversées ?" if in_bbox(lat, lon) else ""
            raise InvalidValue("coordonnées hors Nord–Pas-de-Calais", f"{lon} ; {lat}", hint)
        return lon, lat
    point = _pair(cells.get("x", ""), cells.get("y", ""), "X et Y Lambert-93")
    if point is None:
        return None
    x, y = point
    lon, lat = _lambert93_to_wgs84().transform(x, y)
    if not in_bbox(lon, lat):
        raise InvalidValue(
            "coordonnées hors Nord–Pas-de-Calais",
            f"X {x} ; Y {y}",
            "Lambert-93 (EPSG:2154) attendu",
        )
    return lon, lat
