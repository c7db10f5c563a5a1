"""Commune search: the server ranks matches (exact name first), the dropdown shows them."""

from __future__ import annotations

from dash import Dash, Input, Output
from dash.exceptions import PreventUpdate

from erbm_map.data import Bundle
from erbm_map.ids import Ids
from erbm_map.layout.controls import SEARCH_LIMIT, commune_options
from erbm_map.search import MAX_QUERY, index_for


def register(app: Dash, bundle: Bundle) -> None:
    """Register the search-as-you-type callback; the index is built once here."""
    index = index_for(bundle.communes)

    @app.callback(
        Output(Ids.SEARCH, "options"),
        Input(Ids.SEARCH, "search_value"),
        Input(Ids.SEARCH, "value"),
    )
    def search_communes(query, value):
        if query and len(query) > MAX_QUERY:
            raise PreventUpdate
        codes = index.search(query or "", limit=SEARCH_LIMIT) if query else []
        # The dropdown filters options again in the browser, word by word: the typed text is
        # added to each option's search words so that it keeps the server's typo-tolerant matches.
        options = commune_options(bundle, codes, query=query or "")
        if value in bundle.communes.index and value not in codes:
            # The dropdown only keeps a value among its options; it goes last, and only
            # shows while typing if the text really matches it.
            options += commune_options(bundle, [value])
        return options
