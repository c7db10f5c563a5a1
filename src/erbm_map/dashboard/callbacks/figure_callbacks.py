"""The figures panel's sheet and charts, and the Sankey of the zoning-changes view."""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, ctx, dcc, html
from dash.exceptions import PreventUpdate

from erbm_map.charts.bars import CHART_CONFIG
from erbm_map.charts.sankey import build_sankey, sankey_text
from erbm_map.core.ids import Ids, View
from erbm_map.core.labels import Labels
from erbm_map.dashboard.callbacks.urlsync import linked_state
from erbm_map.dashboard.exports import indicator_rows
from erbm_map.dashboard.layout.changes_panel import create_changes_map, create_transition_table
from erbm_map.dashboard.layout.indicator_sheet import create_indicator_sheet, create_pair_charts
from erbm_map.dashboard.layout.legend import legend_items, view_legend
from erbm_map.data import Bundle


def open_sheet(bundle: Bundle, trigger: object, chosen: object) -> tuple[list[object], bool]:
    """(sheet body, hidden) for the figure whose value was clicked; a close hides the sheet.

    ``chosen`` comes from the browser (``Ids.KPI_CHOSEN``, ``{"id": <figure id>, "at": …}``):
    anything else opens nothing, and an unknown figure opens an empty, hidden sheet.
    """
    if trigger == Ids.SHEET_CLOSE:
        return [], True
    if trigger != Ids.KPI_CHOSEN or not isinstance(chosen, dict) or not isinstance(chosen.get("id"), str):
        raise PreventUpdate
    body = create_indicator_sheet(bundle, chosen["id"])
    return body, not body


def changes_chart(bundle: Bundle, view: str | None, old: str | None, new: str | None) -> list[object]:
    """The map, the Sankey and the from–to table of two loaded vintages, only when the view is open."""
    if view != View.CHANGES:
        raise PreventUpdate
    new = new if new in bundle.vintages else bundle.latest_vintage
    if old not in bundle.vintages or old == new:
        return []
    names = (str(old), str(new))
    zoning = bundle.zoning
    perimeter = bundle.communes.index[bundle.communes["bassin_minier"].astype(bool)]
    before, after = zoning.loc[perimeter, old], zoning.loc[perimeter, new]
    return [
        create_changes_map(bundle, names[0], names[1]),
        html.Figure(
            [
                dcc.Graph(
                    figure=build_sankey(before, after, bundle.zones, names, bundle.domain),
                    config=CHART_CONFIG,
                    className="chart-graph",
                ),
                html.Figcaption(
                    [
                        html.Span(Labels.COVERAGE_TEXT, className="chart-text-title"),
                        html.Ul([html.Li(t) for t in sankey_text(before, after, bundle.zones)]),
                    ],
                    className="chart-text",
                ),
            ],
            className="chart",
            **{"data-chart": "sankey"},
        ),
        create_transition_table(bundle, names[0], names[1]),
    ]


def register(app: Dash, bundle: Bundle) -> None:
    """Figures of the view, sheet, pair charts, Sankey, and the map legend's entries."""
    _register_legend(app, bundle)
    _register_kpis(app)
    _register_sheet(app, bundle)
    _register_pair_charts(app, bundle)
    _register_figures_export(app, bundle)
    _register_changes_chart(app, bundle)


def _register_legend(app: Dash, bundle: Bundle) -> None:
    """The map's legend entries follow the view (it folds on a phone: ``create_legend``)."""
    # Every item is built once per data version; a view only picks its own. The view is the
    # address's (every view is a link), read and checked by the URL's own rule.
    items = legend_items(bundle)

    @app.callback(
        Output(Ids.MAP_LEGEND_LIST, "children"),
        Input(Ids.URL, "search"),
        # The first layout holds the legend of its view.
        prevent_initial_call=True,
    )
    def update_legend(search):
        return view_legend(items, linked_state(bundle, search)[0])


def _register_kpis(app: Dash) -> None:
    """The panel's figures follow the edition and the theme, in the browser.

    Both editions' figures are in the page once (``create_kpis``): a switch only shows
    and hides them (``filterKpis``), a side effect with no output and no request.
    """
    app.clientside_callback(
        ClientsideFunction(namespace="erbm", function_name="filterKpis"),
        Input(Ids.EDITION, "value"),
        Input(Ids.THEME, "value"),
        # The first layout shows its view's figures already.
        prevent_initial_call=True,
    )


def _register_sheet(app: Dash, bundle: Bundle) -> None:
    """A figure's sheet is built by the server on a click; the focus follows it in the browser."""

    @app.callback(
        Output(Ids.SHEET_BODY, "children"),
        Output(Ids.SHEET, "hidden"),
        Input(Ids.KPI_CHOSEN, "data"),
        Input(Ids.SHEET_CLOSE, "n_clicks"),
        prevent_initial_call=True,
    )
    def update_sheet(chosen, _close):
        return open_sheet(bundle, ctx.triggered_id, chosen)

    # Focus moves into the sheet when it opens and back to the figure when it closes (a side
    # effect only, hence no output).
    app.clientside_callback(
        ClientsideFunction(namespace="erbm", function_name="focusSheet"),
        Input(Ids.SHEET, "hidden"),
        prevent_initial_call=True,
    )


def _register_pair_charts(app: Dash, bundle: Bundle) -> None:
    """The pair charts are built on demand: a page load does not pay for them."""

    @app.callback(
        Output(Ids.KPI_CHARTS, "children"),
        Input(Ids.KPI_CHARTS_BUTTON, "n_clicks"),
        prevent_initial_call=True,
    )
    def show_pair_charts(clicks):
        if not clicks:
            raise PreventUpdate
        return create_pair_charts(bundle)


def _register_figures_export(app: Dash, bundle: Bundle) -> None:
    """The figures' CSV is made by the server when its button is pressed."""

    @app.callback(
        Output(Ids.DOWNLOAD_FIGURES, "data"),
        Input(Ids.EXPORT_FIGURES, "n_clicks"),
        prevent_initial_call=True,
    )
    def export_figures(clicks):
        if not clicks:
            raise PreventUpdate
        payload = indicator_rows(bundle).to_csv(index=False, sep=";", lineterminator="\n").encode("utf-8-sig")
        return dcc.send_bytes(payload, Labels.FILE_FIGURES.format(place=bundle.perimeter_name) + ".csv")


def _register_changes_chart(app: Dash, bundle: Bundle) -> None:
    """The zoning-changes map, Sankey and table are built only while their view is open."""

    @app.callback(
        Output(Ids.CHANGES_CHART, "children"),
        Input(Ids.TABS, "value"),
        Input(Ids.CHANGES_FROM, "value"),
        Input(Ids.VINTAGE, "value"),
        prevent_initial_call=True,
    )
    def update_changes_chart(view, old, new):
        return changes_chart(bundle, view, old, new)
