"""The « Couverture » tab: shown by the browser, its charts built the first time it is opened."""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output
from dash.exceptions import PreventUpdate

from erbm_map.core.ids import Ids, View
from erbm_map.dashboard.layout.coverage_panel import create_coverage_body
from erbm_map.data import Bundle


def coverage_body(bundle: Bundle, view: str | None, vintage: str | None) -> list[object]:
    """The view's charts when its tab is open; nothing is built (nor plotly.js fetched) before."""
    if view != View.COVERAGE:
        raise PreventUpdate
    return create_coverage_body(bundle, vintage if vintage in bundle.vintages else bundle.latest_vintage)


def register(app: Dash, bundle: Bundle) -> None:
    """Show the panel with its tab (clientside) and fill it on demand (server)."""
    app.clientside_callback(
        ClientsideFunction(namespace="erbm", function_name="showCoverage"),
        Output(Ids.COVERAGE_PANEL, "hidden"),
        Input(Ids.TABS, "value"),
        # The page opens on the map: the panel is hidden in the layout (``create_coverage_panel``).
        prevent_initial_call=True,
    )

    @app.callback(
        Output(Ids.COVERAGE_BODY, "children"),
        Input(Ids.TABS, "value"),
        Input(Ids.VINTAGE, "value"),
        # The page opens on the map: nothing to build before the tab is chosen.
        prevent_initial_call=True,
    )
    def update_coverage(view, vintage):
        return coverage_body(bundle, view, vintage)
