"""Small geometric helpers for the map view, pure and unit-tested."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

#: Offset, in degrees of latitude, between establishments that share a town-hall point.
SPREAD_RADIUS = 0.006
#: Closer than this, a commune fills the map and its neighbours (context) disappear.
MAX_ZOOM = 11.5


def zoom_for_bounds(
    min_lon: float,
    min_lat: float,
    max_lon: float,
    max_lat: float,
    width_px: int = 900,
    height_px: int = 650,
    padding: float = 3.0,
) -> float:
    """Web-Mercator zoom at which the box fits a map of the given size, with some margin.

    MapLibre's zoom counts 512-pixel tiles (not the 256 of older web maps): at zoom z
    the world is 512 * 2**z pixels wide.
    """
    lon_span = max(max_lon - min_lon, 1e-4) * padding
    lat_mid = math.radians((min_lat + max_lat) / 2)
    lat_span = max(max_lat - min_lat, 1e-4) * padding / math.cos(lat_mid)
    zoom_x = math.log2(width_px * 360 / (512 * lon_span))
    zoom_y = math.log2(height_px * 360 / (512 * lat_span))
    return round(max(min(zoom_x, zoom_y, MAX_ZOOM), 5.0), 2)


def centre_of(min_lon: float, min_lat: float, max_lon: float, max_lat: float) -> dict[str, float]:
    """Centre of a bounding box as plotly's ``map.center``."""
    return {"lon": round((min_lon + max_lon) / 2, 5), "lat": round((min_lat + max_lat) / 2, 5)}


def spread_points(frame: pd.DataFrame, group: str = "insee") -> pd.DataFrame:
    """Fan out points that share a location on a small circle, so each stays reachable.

    Establishments are placed at their town hall; several in one town would sit on
    top of each other and only one could be hovered or clicked. The fan-out is
    deterministic (ordered by ``id``), so the map is the same on every load.
    """
    out = frame.sort_values([group, "id"]).copy()
    rank = out.groupby(group).cumcount().to_numpy()
    size = out.groupby(group)[group].transform("size").to_numpy()
    angle = 2 * np.pi * rank / np.maximum(size, 1)
    radius = np.where(size > 1, SPREAD_RADIUS, 0.0)
    lat = out["lat"].to_numpy()
    out["lat"] = lat + radius * np.sin(angle)
    out["lon"] = out["lon"].to_numpy() + radius * np.cos(angle) / np.cos(np.radians(lat))
    return out
