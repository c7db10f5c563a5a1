"""Presentation callbacks, registered by one function that is handed the data.

Three callbacks:

- ``open_link`` (server, once per page load): reads ``?chapter`` and ``?commune``,
  adds the focus chapter when the commune is known, and asks for the chapter;
- ``presentation.navigate`` (clientside, ``assets/31-presentation.js``): shows the
  chapter asked for (by a key, an arrow or the link), updates title, progress,
  arrows and URL; no server round-trip. The same script has already painted it,
  so the room sees the change in the frame of the key press;
- ``move_map`` (server): a ``Patch`` of the map for the chapter now shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache

import pandas as pd
from dash import ALL, ClientsideFunction, Dash, Input, Output, State, no_update
from dash.exceptions import PreventUpdate

from erbm_map.data import Bundle
from erbm_map.layers import ALL_LAYERS
from erbm_map.presentation.chapters import Chapter, build_chapters
from erbm_map.presentation.choices import MapChoice
from erbm_map.presentation.ids import CHAPTER_TYPE
from erbm_map.presentation.ids import PresentationIds as Ids
from erbm_map.presentation.layout import create_sections, deck_data
from erbm_map.presentation.mapview import chapter_patch
from erbm_map.presentation.query import chapter_index, parse_query, problems

#: Decks with a focus commune kept built (a meeting shows a handful of communes).
DECK_CACHE = 64


def open_link(
    bundle: Bundle, deck_for: Callable[[str], list[Chapter]], default_total: int, search: str | None
) -> tuple[object, object, dict[str, int], str]:
    """Pure core of the link callback: (sections, deck data, target, message)."""
    communes = frozenset(bundle.communes.index)
    query = parse_query(search, communes)
    sections: object = no_update
    deck: object = no_update
    total = default_total
    if query.commune:
        chapters = deck_for(query.commune)
        sections, deck, total = create_sections(bundle, chapters), deck_data(chapters), len(chapters)
    index = chapter_index(query.chapter, total)
    return sections, deck, {"chapter": index or 0}, " ".join(problems(query, total))


def map_request(
    bundle: Bundle, index: object, deck: Mapping | None
) -> tuple[tuple[str, ...], str, str] | None:
    """Layers, commune and theme of the chapter at ``index``, checked (the deck comes from the browser)."""
    entries = (deck or {}).get("chapters") or []
    if not isinstance(index, int) or not 0 <= index < len(entries):
        return None
    entry = entries[index]
    if not isinstance(entry, Mapping) or not entry.get("map"):
        return None
    layers = tuple(str(layer) for layer in entry.get("layers") or () if layer in ALL_LAYERS)
    commune = str(entry.get("commune") or "")
    theme = str(entry.get("theme") or "")
    return (
        layers,
        commune if commune in bundle.communes.index else "",
        theme if theme in bundle.theme_slugs else "",
    )


def map_size(size: object) -> tuple[float, float] | None:
    """The browser's ``{"width", "height"}``, if it is a plausible screen size."""
    if not isinstance(size, Mapping):
        return None
    try:
        width, height = float(size["width"]), float(size["height"])
    except (KeyError, TypeError, ValueError):
        return None
    return (width, height) if 50 <= width <= 10_000 and 50 <= height <= 10_000 else None


def register(
    app: Dash,
    bundle: Bundle,
    choices: Mapping[str, MapChoice],
    default_total: int,
    points: dict[str, pd.DataFrame],
) -> None:
    """Register the presentation's callbacks against ``bundle`` (``points``: see ``establishment_points``)."""

    @lru_cache(maxsize=DECK_CACHE)
    def deck_for(commune: str) -> list[Chapter]:
        return build_chapters(bundle, commune, choices=choices)

    @app.callback(
        Output(Ids.BODY, "children"),
        Output(Ids.DECK, "data"),
        Output(Ids.TARGET, "data"),
        Output(Ids.MESSAGE, "children"),
        Input(Ids.URL, "search"),
    )
    def on_link(search: str | None) -> tuple[object, object, dict[str, int], str]:
        return open_link(bundle, deck_for, default_total, search)

    app.clientside_callback(
        ClientsideFunction(namespace="presentation", function_name="navigate"),
        Output(Ids.CHAPTER, "data"),
        Output({"type": CHAPTER_TYPE, "index": ALL}, "hidden"),
        Output(Ids.TITLE, "children"),
        Output(Ids.PROGRESS, "children"),
        Output(Ids.PROGRESS, "aria-label"),
        Output(Ids.ROOT, "className"),
        Output(Ids.PREV, "disabled"),
        Output(Ids.NEXT, "disabled"),
        Input(Ids.TARGET, "data"),
        Input(Ids.DECK, "data"),
        State(Ids.CHAPTER, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(Ids.MAP, "figure"),
        Input(Ids.CHAPTER, "data"),
        Input(Ids.SIZE, "data"),
        State(Ids.DECK, "data"),
        prevent_initial_call=True,
    )
    def move_map(index: object, size: object, deck: Mapping | None) -> object:
        request = map_request(bundle, index, deck)
        if request is None:
            raise PreventUpdate
        layers, commune, theme = request
        return chapter_patch(bundle, layers, commune, map_size(size), theme, points)
