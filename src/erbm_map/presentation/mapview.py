"""The presentation's map: the dashboard figure, framed for the screen and patched per chapter.

One figure serves every chapter. A chapter change sends a ``Patch`` with the
visible layers, the selected commune and the view; the GeoJSON, referenced by URL,
crosses the wire once. The view is fitted to the map's real size in pixels (sent
by the browser), because a projector's resolution, or full screen, changes how
much of the territory a given zoom shows.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from dash import Patch

from erbm_map.data import Bundle
from erbm_map.figures.geometry import MAX_ZOOM, centre_of
from erbm_map.figures.map import CATEGORY_STYLE, INDEX, MapUrls, build_map, map_patch
from erbm_map.state import ViewState

#: Map size at 1920×1080 (see ``30-presentation.css``), used until the browser reports its own.
REFERENCE_SIZE = (840, 910)
#: MapLibre draws the world 512 px wide at zoom 0.
TILE_SIZE = 512
#: Room around the territory so its edge is not cut.
TERRITORY_MARGIN = 1.08
#: Around a commune, enough room to see its neighbours.
COMMUNE_MARGIN = 5.0
LEGEND_FONT_SIZE = 18
LABEL_FONT_SIZE = 16
#: Establishment markers and letters, grown for a projector.
MARKER_SCALE = 1.5
MARKER_FONT_SIZE = 14
#: What a chapter patches on an establishment trace when it keeps only its theme's points.
POINT_PROPS = ("lon", "lat", "text", "hovertext", "customdata")
#: What a chapter changes on the map: edition and zoning vintage stay those of the first figure.
PARTS = frozenset({"visibility", "selection"})
#: A static map: a clicker or an arrow key must turn the page, never pan the map under it.
GRAPH_CONFIG = {"staticPlot": True, "displayModeBar": False, "locale": "fr"}


def fit_zoom(box: tuple[float, float, float, float], width: float, height: float, margin: float) -> float:
    """Web-Mercator zoom at which ``box`` (lon/lat min, max), grown by ``margin``, fills the map."""
    min_lon, min_lat, max_lon, max_lat = box
    lon_span = max(max_lon - min_lon, 1e-4) * margin
    y_min, y_max = (math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) for lat in (min_lat, max_lat))
    y_span = max(y_max - y_min, 1e-6) * margin
    zoom_x = math.log2(width * 360 / (TILE_SIZE * lon_span))
    zoom_y = math.log2(height * 2 * math.pi / (TILE_SIZE * y_span))
    return round(min(zoom_x, zoom_y, MAX_ZOOM), 2)


def framing(bundle: Bundle, commune: str, size: tuple[float, float]) -> dict[str, object]:
    """Centre and zoom: on the commune when there is one, else on the whole territory."""
    c = bundle.communes
    if commune in c.index:
        row = c.loc[commune]
        edges = (row["min_lon"], row["min_lat"], row["max_lon"], row["max_lat"])
        margin = COMMUNE_MARGIN
    else:
        edges = (c["min_lon"].min(), c["min_lat"].min(), c["max_lon"].max(), c["max_lat"].max())
        margin = TERRITORY_MARGIN
    min_lon, min_lat, max_lon, max_lat = (float(v) for v in edges)
    box = (min_lon, min_lat, max_lon, max_lat)
    return {"center": centre_of(*box), "zoom": fit_zoom(box, *size, margin)}


def state_for(bundle: Bundle, layers: tuple[str, ...], commune: str) -> ViewState:
    """The dashboard's view state for a chapter: 2024 contracts, latest zoning."""
    return ViewState(vintage=bundle.latest_vintage, layers=layers, commune=commune)


def establishment_points(bundle: Bundle, figure: go.Figure) -> dict[str, pd.DataFrame]:
    """Per category, the points of the full figure (in its order) with each one's theme.

    Read from the figure rather than rebuilt, so a subset can never drift from what
    ``build_map`` placed (fan-out of shared town halls included).
    """
    themes = bundle.establishments.set_index("id")["theme"]
    points = {}
    for category in CATEGORY_STYLE:
        trace = figure.data[INDEX[category]]
        ids = [str(row[0]) for row in trace.customdata]
        points[category] = pd.DataFrame(
            {
                "lon": list(trace.lon),
                "lat": list(trace.lat),
                "text": list(trace.text),
                "hovertext": list(trace.hovertext),
                "customdata": [[i] for i in ids],
                "theme": themes.reindex(ids).tolist(),
            }
        )
    return points


def create_map(
    bundle: Bundle, layers: tuple[str, ...], commune: str, urls: MapUrls
) -> tuple[go.Figure, dict[str, pd.DataFrame]]:
    """The first chapter's map, with text large enough for a projector, and every marker's place.

    The places (see :func:`establishment_points`) are what later chapters patch in.
    """
    figure = build_map(bundle, state_for(bundle, layers, commune), urls)
    figure.data[INDEX["epci-labels"]].textfont.size = LABEL_FONT_SIZE
    points = establishment_points(bundle, figure)
    for category in CATEGORY_STYLE:
        trace = figure.data[INDEX[category]]
        trace.marker.size = trace.marker.size * MARKER_SCALE
        trace.textfont.size = MARKER_FONT_SIZE
    view = framing(bundle, commune, REFERENCE_SIZE)
    figure.update_layout(
        map={"center": view["center"], "zoom": view["zoom"]},
        legend={
            "font": {"size": LEGEND_FONT_SIZE},
            "grouptitlefont": {"size": LEGEND_FONT_SIZE},
            "bgcolor": "rgba(255,255,255,0.95)",
        },
    )
    return figure, points


def chapter_patch(
    bundle: Bundle,
    layers: tuple[str, ...],
    commune: str,
    size: tuple[float, float] | None,
    theme: str = "",
    points: dict[str, pd.DataFrame] | None = None,
) -> Patch:
    """Layers, selection and view of a chapter, as the smallest update of the figure.

    In a theme chapter, an establishment layer keeps only that theme's points (a
    slide on women's health shows the maison des femmes, not every device); a layer
    with none of them keeps all its points, since it was chosen as context.
    """
    patch = map_patch(bundle, state_for(bundle, layers, commune), recentre=False, parts=PARTS)
    for category, rows in (points or {}).items():
        if category not in layers:
            continue
        mine = rows[rows["theme"] == theme]
        chosen = mine if theme and not mine.empty else rows
        for prop in POINT_PROPS:
            patch["data"][INDEX[category]][prop] = chosen[prop].tolist()
    view = framing(bundle, commune, size or REFERENCE_SIZE)
    patch["layout"]["map"]["center"] = view["center"]
    patch["layout"]["map"]["zoom"] = view["zoom"]
    return patch
