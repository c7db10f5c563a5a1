"""Commune card, EPCI card and the zoning-changes view."""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

from erbm_map.callbacks.urlsync import clicked_place
from erbm_map.data import Bundle
from erbm_map.ids import Ids
from erbm_map.labels import Labels
from erbm_map.layout.cards import create_commune_card, create_epci_card
from erbm_map.layout.changes import create_changes


def register(app: Dash, bundle: Bundle) -> None:
    """Register the card callbacks."""

    @app.callback(
        Output(Ids.COMMUNE_CARD, "children"),
        Output(Ids.CARD_STATE, "data"),
        Input(Ids.MAP, "clickData"),
        Input(Ids.SEARCH, "value"),
        Input(Ids.EDITION, "value"),
        Input(Ids.VINTAGE, "value"),
        State(Ids.CARD_STATE, "data"),
    )
    def update_commune_card(click, commune, edition, vintage, shown):
        # A map click opens the card at once, alongside the URL callback, instead of after it:
        # one round trip instead of two. The commune it then sets is already shown.
        if ctx.triggered_id == Ids.MAP:
            commune, _epci = clicked_place(bundle, click)
            if not commune:
                raise PreventUpdate
        edition, vintage = edition or "2024", vintage or bundle.latest_vintage
        key = [commune or "", edition, vintage]
        if key == shown:
            return no_update, no_update
        if not commune or commune not in bundle.communes.index:
            return html.P(Labels.COMMUNE_EMPTY, className="empty"), key
        return create_commune_card(bundle, commune, edition, vintage), key

    # The permalink follows the URL (layers and theme included) without rebuilding the card.
    app.clientside_callback(
        ClientsideFunction(namespace="erbm", function_name="permalink"),
        Output(Ids.PERMALINK, "value"),
        Output(Ids.PERMALINK_BLOCK, "hidden"),
        Input(Ids.URL, "search"),
        Input(Ids.CARD_STATE, "data"),
    )

    app.clientside_callback(
        ClientsideFunction(namespace="erbm", function_name="showView"),
        Output("panel-map", "hidden"),
        Output("panel-table", "hidden"),
        Output("panel-changes", "hidden"),
        Input(Ids.TABS, "value"),
    )

    app.clientside_callback(
        ClientsideFunction(namespace="erbm", function_name="printCard"),
        Output(Ids.PRINT, "title"),
        Input(Ids.PRINT, "n_clicks"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(Ids.CHANGES, "children"), Input(Ids.CHANGES_FROM, "value"), Input(Ids.VINTAGE, "value")
    )
    def update_changes(old, new):
        return create_changes(bundle, old or "", new or bundle.latest_vintage)

    @app.callback(
        Output(Ids.EPCI_CARD, "children"),
        Input(Ids.EPCI_SELECT, "value"),
        Input(Ids.VINTAGE, "value"),
    )
    def update_epci_card(siren, vintage):
        if not siren or siren not in bundle.epci.index:
            return html.P(Labels.EPCI_EMPTY, className="empty")
        return create_epci_card(bundle, siren, vintage or bundle.latest_vintage)
