"""Commune card, EPCI card and the zoning-changes view."""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State, html, no_update
from dash.exceptions import PreventUpdate

from erbm_map.core.ids import Ids, View
from erbm_map.core.labels import Labels
from erbm_map.dashboard.layout.cards import create_epci_card
from erbm_map.dashboard.layout.changes_panel import changes_grid, create_changes
from erbm_map.data import Bundle
from erbm_map.reports import epci_report


def register(app: Dash, bundle: Bundle) -> None:
    """Register the card callbacks (the commune card is the URL callback's: see ``urlsync``)."""
    _register_link(app)
    _register_views(app)
    _register_print(app)
    _register_changes(app, bundle)
    _register_epci_card(app, bundle)


def _register_link(app: Dash) -> None:
    """The view's link and its copy button live in the browser: no server round trip."""
    # The permalink follows the URL (layers and theme included) without rebuilding the card.
    app.clientside_callback(
        ClientsideFunction(namespace="erbm", function_name="permalink"),
        Output(Ids.PERMALINK, "value"),
        Output(Ids.PERMALINK_BLOCK, "hidden"),
        Input(Ids.URL, "search"),
        Input(Ids.CARD_STATE, "data"),
        # The first layout holds its link, from the address the browser asked it for.
        prevent_initial_call=True,
    )

    # The copy button is a button: Tab reaches it, Enter or Space copies (and says so). No
    # output: copyLink writes the status itself (``set_props``) once the copy is done.
    app.clientside_callback(
        ClientsideFunction(namespace="erbm", function_name="copyLink"),
        Input(Ids.COPY_LINK, "n_clicks"),
        State(Ids.PERMALINK, "value"),
        prevent_initial_call=True,
    )


def _register_views(app: Dash) -> None:
    """Which panel shows, and where the page scrolls, is purely visual: the browser does it."""
    app.clientside_callback(
        ClientsideFunction(namespace="erbm", function_name="showView"),
        # showView (assets/20-dashboard.js) returns whether each panel is hidden, in this order.
        *(Output(panel, "hidden") for panel in (Ids.PANEL_MAP, Ids.PANEL_TABLE, Ids.PANEL_CHANGES)),
        Input(Ids.TABS, "value"),
        # The page opens on the map, its panels hidden as they should be (``create_centre``).
        prevent_initial_call=True,
    )

    # On a phone the card is above the map: a newly chosen commune scrolls its card into view
    # (a side effect only, hence no output).
    app.clientside_callback(
        ClientsideFunction(namespace="erbm", function_name="scrollToCard"),
        Input(Ids.CARD_STATE, "data"),
        prevent_initial_call=True,
    )


def _register_print(app: Dash) -> None:
    """The print button follows the link: it opens the server's sheet of the place it names."""
    # « Imprimer la fiche » opens the server-made sheet of the linked commune or EPCI in a new
    # tab (the dashboard keeps its view); it is disabled while the link names neither.
    app.clientside_callback(
        ClientsideFunction(namespace="erbm", function_name="sheetButton"),
        Output(Ids.PRINT, "disabled"),
        Input(Ids.URL, "search"),
        Input(Ids.PRINT, "n_clicks"),
        # The first layout's button is already enabled for a linked place (``urlsync.first_view``).
        prevent_initial_call=True,
    )


def _register_changes(app: Dash, bundle: Bundle) -> None:
    """The zoning-changes list is built on the server, only once its view is open."""

    @app.callback(
        Output(Ids.CHANGES, "children"),
        Output(Ids.CHANGES_GRID_BOX, "children"),
        Output(Ids.CHANGES_GRID_BOX, "hidden"),
        Input(Ids.TABS, "value"),
        Input(Ids.CHANGES_FROM, "value"),
        Input(Ids.VINTAGE, "value"),
        Input(Ids.GRIDS_READY, "data"),
        prevent_initial_call=True,
    )
    def update_changes(view, old, new, ready):
        # Built when the view opens, like its chart: a page load does not pay for a hidden list.
        # The summary comes at once; the grid once its library has run (``Ids.GRIDS_READY``).
        if view != View.CHANGES:
            raise PreventUpdate
        summary, rows, columns = create_changes(bundle, old or "", new or bundle.latest_vintage)
        if not ready:
            return summary, no_update, no_update
        return summary, changes_grid(rows, columns) if rows else None, not rows


def _register_epci_card(app: Dash, bundle: Bundle) -> None:
    """The EPCI card follows its dropdown, the vintage and the edition (a server report)."""

    @app.callback(
        Output(Ids.EPCI_CARD, "children"),
        Input(Ids.EPCI_SELECT, "value"),
        Input(Ids.VINTAGE, "value"),
        Input(Ids.EDITION, "value"),
        # The first layout holds the linked EPCI's card (``urlsync.first_view``).
        prevent_initial_call=True,
    )
    def update_epci_card(siren, vintage, edition):
        if not siren or siren not in bundle.epci.index:
            return html.P(Labels.EPCI_EMPTY, className="empty")
        edition = bundle.domain.valid_edition(edition)
        return create_epci_card(epci_report(bundle, siren, edition, vintage or bundle.latest_vintage))
