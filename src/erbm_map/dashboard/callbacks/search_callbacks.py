"""Commune search: the server ranks matches (exact name first), the dropdown shows them."""

from __future__ import annotations

from dash import Dash, Input, Output
from dash.exceptions import PreventUpdate

from erbm_map.core.ids import Ids
from erbm_map.core.labels import Labels
from erbm_map.core.search import MAX_QUERY, SearchIndex
from erbm_map.dashboard.layout.controls import SEARCH_LIMIT, commune_options
from erbm_map.data import Bundle

#: The value of the search list's notice (never a commune: INSEE codes are digits).
OUTSIDE_VALUE = "hors-perimetre"


def outside_option(name: str, query: str) -> dict[str, object]:
    """The list's one line for a commune of France outside the perimeter: said, not chosen."""
    return {
        "label": Labels.SEARCH_OUTSIDE.format(name=name),
        "value": OUTSIDE_VALUE,
        "disabled": True,
        # The dropdown filters options by the typed words again: the query keeps the line.
        "search": f"{name} {query}",
    }


def search_options(bundle: Bundle, index: SearchIndex, query: str | None, value: str | None) -> list[dict]:
    """The search list for what is typed: the communes ranked, or why there is none."""
    codes = index.search(query or "", limit=SEARCH_LIMIT) if query else []
    elsewhere = index.outside(query) if query and not codes else None
    # The dropdown filters options again in the browser, word by word: the typed text is
    # added to each option's search words so that it keeps the server's typo-tolerant matches.
    options = (
        [outside_option(elsewhere, query or "")]
        if elsewhere
        else commune_options(bundle, codes, query=query or "")
    )
    if value in bundle.communes.index and value not in codes:
        # The dropdown only keeps a value among its options; it goes last, and only
        # shows while typing if the text really matches it.
        options += commune_options(bundle, [value])
    return options


def register(app: Dash, bundle: Bundle) -> None:
    """Register the search-as-you-type callback; the index is built once here."""
    index = SearchIndex.from_communes(bundle.communes, bundle.france_names)

    @app.callback(
        Output(Ids.SEARCH, "options"),
        Input(Ids.SEARCH, "search_value"),
        Input(Ids.SEARCH, "value"),
        # The first layout holds the linked commune's option (``create_controls``).
        prevent_initial_call=True,
    )
    def search_communes(query, value):
        if query and len(query) > MAX_QUERY:
            raise PreventUpdate
        return search_options(bundle, index, query, value)
