"""Map, figures panel and layer note: the view is applied in the browser by the map's rule."""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State, html

from erbm_map.core.domain import ESTABLISHMENT_LAYERS, Layer
from erbm_map.core.ids import MAP_LAYER_IDS, Ids
from erbm_map.core.labels import Labels
from erbm_map.data import Bundle


def cpts_count(bundle: Bundle, edition: str) -> str:
    """The CPTS count the brochure gives for an edition, as printed."""
    rows = bundle.indicators[
        (bundle.indicators["stem"] == "cpts") & (bundle.indicators["edition"] == edition)
    ]
    return f"{int(rows.iloc[0]['value'])}" if not rows.empty else "—"


def layers_note(bundle: Bundle, edition: str, layers: list[str]) -> list[object]:
    """What the visible layers cannot show: CPTS perimeters, exact addresses."""
    notes: list[object] = []
    if Layer.CPTS in layers:
        if bundle.cpts.empty:
            notes.append(
                html.P(Labels.CPTS_NO_DATA.format(edition=edition, count=cpts_count(bundle, edition)))
            )
        else:
            notes.append(html.P(Labels.CPTS_IMPORTED.format(count=bundle.cpts["cpts_nom"].nunique())))
    if set(layers) & set(ESTABLISHMENT_LAYERS):
        notes.append(html.P(Labels.LOCATION_NOTE))
    return notes


def register(app: Dash, bundle: Bundle) -> None:
    """Register the map, figures and layer-note callbacks."""
    # The view is applied in the browser (assets/21d-map-views.js): each layer whose part of the view
    # changed gets a new ``hideout``; a click outlines its commune without a server round trip.
    app.clientside_callback(
        ClientsideFunction(namespace="erbmMap", function_name="apply"),
        [Output(layer, "hideout") for layer in MAP_LAYER_IDS],
        Input(Ids.EDITION, "value"),
        Input(Ids.VINTAGE, "value"),
        Input(Ids.LAYERS, "value"),
        Input(Ids.THEME, "value"),
        Input(Ids.SEARCH, "value"),
        Input(Ids.EPCI_SELECT, "value"),
        Input(Ids.MAP_COMMUNES, "clickData"),
        Input(Ids.MAP_ESTABLISHMENTS, "clickData"),
        Input(Ids.MAP_LABELS, "clickData"),
        State(Ids.MAP_COMMUNES, "hideout"),
        # The layout's hideouts are the first view's: the browser applies it as soon as Dash
        # holds the layout (``erbmMap.firstView``), without a first callback round.
        prevent_initial_call=True,
    )
    # « Recentrer » fits the map to the territory in the browser: a side effect, no output.
    app.clientside_callback(
        ClientsideFunction(namespace="erbmMap", function_name="recentre"),
        Input(Ids.MAP_RECENTRE, "n_clicks"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="erbm", function_name="exportLinks"),
        Output(Ids.EXPORT_PNG, "href"),
        Output(Ids.EXPORT_PDF, "href"),
        Input(Ids.URL, "search"),
        # The first layout's links are its view's (``urlsync.first_view``).
        prevent_initial_call=True,
    )

    @app.callback(
        Output(Ids.LAYERS_NOTE, "children"),
        Input(Ids.EDITION, "value"),
        Input(Ids.LAYERS, "value"),
        # The first layout holds the note of its view (``urlsync.first_view``).
        prevent_initial_call=True,
    )
    def update_note(edition, layers):
        return layers_note(bundle, bundle.domain.valid_edition(edition), layers or [])
