"""Presentation callbacks, registered by one function that is handed the data.

Three callbacks:

- ``open_link`` (server, once per page load): reads ``?chapter`` and ``?commune``,
  adds the focus chapter when the commune is known, and asks for the chapter;
- ``presentation.navigate`` (clientside, ``assets/31-presentation.js``): shows the
  chapter asked for (by a key, an arrow or the link), updates title, progress,
  arrows and URL; no server round-trip. The same script has already painted it,
  so the room sees the change in the frame of the key press;
- ``erbmMap.chapter`` (clientside, ``assets/21e-map-chapters.js``): the map's layers and view for the
  chapter now shown, through the layers' ``hideout`` and the map's ``viewport``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache

from dash import ALL, ClientsideFunction, Dash, Input, Output, State, no_update

from erbm_map.core.deck_ids import CHAPTER_TYPE
from erbm_map.core.deck_ids import PresentationIds as Ids
from erbm_map.core.ids import MAP_LAYER_IDS
from erbm_map.core.ids import Ids as MapIds
from erbm_map.data import Bundle
from erbm_map.data.choices import MapChoice
from erbm_map.presentation.chapters import Chapter, build_chapters
from erbm_map.presentation.deck_layout import create_sections, deck_data
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
        sections, deck, total = create_sections(bundle, chapters), deck_data(chapters, bundle), len(chapters)
    index = chapter_index(query.chapter, total)
    return sections, deck, {"chapter": index or 0}, " ".join(problems(query, total))


def register(
    app: Dash,
    bundle: Bundle,
    choices: Mapping[str, MapChoice],
    default_total: int,
) -> None:
    """Register the presentation's callbacks against ``bundle``."""

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

    app.clientside_callback(
        ClientsideFunction(namespace="erbmMap", function_name="chapter"),
        [Output(layer, "hideout") for layer in MAP_LAYER_IDS],
        Output(MapIds.MAP, "viewport"),
        Input(Ids.CHAPTER, "data"),
        State(Ids.DECK, "data"),
        State(MapIds.MAP_COMMUNES, "hideout"),
        prevent_initial_call=True,
    )
