"""The presentation's map: the dashboard's map component and rule, framed for a projector.

A chapter switch changes only the layers' ``hideout`` and the map's ``viewport``, in the
browser (``erbmMap.chapter`` in ``assets/21e-map-chapters.js``), from the deck's data. Leaflet fits
the view to the map's real size, so a projector's resolution or full screen needs nothing more.
"""

from __future__ import annotations

import dash_leaflet as dl

from erbm_map.core.state import ViewState
from erbm_map.data import Bundle
from erbm_map.map.leafletmap import MapUrls, create_map, place_bounds

#: Establishment markers and letters, grown for a projector.
MARKER_SCALE = 1.4


def state_for(bundle: Bundle, layers: tuple[str, ...], commune: str, theme: str = "") -> ViewState:
    """The dashboard's view state for a chapter: the latest edition's contracts, latest zoning."""
    return ViewState.default(bundle).with_(layers=layers, commune=commune, theme=theme)


def chapter_bounds(bundle: Bundle, commune: str) -> list[list[float]] | None:
    """The box a commune chapter frames; ``None`` frames the whole territory."""
    return place_bounds(bundle, ViewState(commune=commune)) if commune else None


def create_presentation_map(
    bundle: Bundle, layers: tuple[str, ...], commune: str, urls: MapUrls, *, tiles: bool = False
) -> dl.Map:
    """The first chapter's map: static (a clicker or an arrow key turns the page, never pans the map)."""
    return create_map(
        bundle,
        urls,
        state_for(bundle, layers, commune),
        marker_scale=MARKER_SCALE,
        tiles=tiles,
        interactive=False,
    )
