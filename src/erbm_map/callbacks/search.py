"""Commune search: the server ranks matches (exact name first), the dropdown shows them."""

from __future__ import annotations

from dash import Dash, Input, Output
from dash.exceptions import PreventUpdate

from erbm_map.data import Bundle
from erbm_map.ids import Ids
from erbm_map.layout.controls import SEARCH_LIMIT, commune_options
from erbm_map.search import SearchIndex

MAX_QUERY = 80


def register(app: Dash, bundle: Bundle) -> None:
    """Register the search-as-you-type callback; the index is built once here."""
    index = SearchIndex.from_communes(bundle.communes)

    @app.callback(
        Output(Ids.SEARCH, "options"),
        Input(Ids.SEARCH, "search_value"),
        Input(Ids.SEARCH, "value"),
    )
    def search_communes(query, value):
        if query and len(query) > MAX_QUERY:
            raise PreventUpdate
        codes = index.search(query or "", limit=SEARCH_LIMIT) if query else []
        if value in bundle.communes.index and value not in codes:
            codes = [value, *codes]
        return commune_options(bundle, codes)
