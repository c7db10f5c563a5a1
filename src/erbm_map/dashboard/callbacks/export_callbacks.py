"""Exports of the table as shown (CSV and XLSX), and the table refresh on an edition switch."""

from __future__ import annotations

import json

from dash import Dash, Input, Output, State, dcc
from dash.exceptions import PreventUpdate

from erbm_map.core.ids import GRID_VIEWS, Ids, View
from erbm_map.core.labels import Labels
from erbm_map.dashboard.exports import (
    TableExport,
    build_export,
    describe_filters,
    safe_link,
    shown_codes,
    to_csv,
    to_xlsx,
)
from erbm_map.dashboard.layout.table import (
    GRID_LIBRARY,
    NARROW_COLUMNS,
    NARROW_WIDTH,
    create_grid,
    table_patch,
)
from erbm_map.data import Bundle

#: What the browser sends with an export: the grid's shown rows, its filters and the view's link.
VIEW_STATE = (
    State(Ids.TABLE, "virtualRowData"),
    State(Ids.TABLE, "filterModel"),
    State(Ids.URL, "href"),
    State(Ids.EDITION, "value"),
    State(Ids.VINTAGE, "value"),
)


def register(app: Dash, bundle: Bundle) -> None:
    """Register the grids' library, the table's first opening, its refresh and the two downloads."""
    _register_grid_library(app)
    _register_table_opening(app, bundle)
    _register_table_pick(app)
    _register_table_refresh(app, bundle)
    _register_downloads(app, bundle)


def _register_grid_library(app: Dash) -> None:
    """The grids' library runs when a view showing a grid first opens (``web.deferred``)."""
    views = json.dumps([str(view) for view in GRID_VIEWS])
    app.clientside_callback(
        f"""function (view) {{
            return window.dash_clientside.erbmDeferred.readyFor(view, {views}, {json.dumps(GRID_LIBRARY)});
        }}""",
        Output(Ids.GRIDS_READY, "data"),
        Input(Ids.TABS, "value"),
        prevent_initial_call=True,
    )


def _register_table_opening(app: Dash, bundle: Bundle) -> None:
    """The grid is built the first time its view opens, then narrowed to a list on a phone."""

    @app.callback(
        Output(Ids.TABLE_BOX, "children"),
        Output(Ids.TABLE_LOADED, "data"),
        Input(Ids.TABS, "value"),
        Input(Ids.GRIDS_READY, "data"),
        State(Ids.TABLE_LOADED, "data"),
        State(Ids.EDITION, "value"),
        State(Ids.VINTAGE, "value"),
        prevent_initial_call=True,
    )
    def open_table(view, ready, loaded, edition, vintage):
        # Once, when the view is first opened and the grids' library has run: AG Grid's bundle
        # and chunk then load, not with the page.
        if view != View.TABLE or not ready or loaded:
            raise PreventUpdate
        vintage = vintage if vintage in bundle.vintages else bundle.latest_vintage
        return create_grid(bundle, bundle.domain.valid_edition(edition), vintage), True

    # The grid is built at its view's size, so its gridSizeChanged event (which narrows it to a
    # list on a phone) does not come: the same rule runs once the new grid is ready
    # (dash-ag-grid's public ``getApiAsync``). It only acts on the grid, hence no output.
    app.clientside_callback(
        f"""function (loaded) {{
            const ids = window.erbmIds.dashboard, grids = window.dash_ag_grid;
            if (loaded && grids && grids.getApiAsync) {{
                grids.getApiAsync(ids.TABLE).then((api) => window.dashAgGridFunctions.narrowColumns(
                    {{api: api, clientWidth: document.getElementById(ids.TABLE).clientWidth}},
                    {list(NARROW_COLUMNS)!r}, {NARROW_WIDTH}));
            }}
        }}""",
        Input(Ids.TABLE_LOADED, "data"),
        prevent_initial_call=True,
    )


def _register_table_pick(app: Dash) -> None:
    """A row chosen in the grid reaches the URL callback, which picks the commune."""
    # A chosen row reaches the URL callback through a store that is there from the start: Dash
    # refuses to run a callback one of whose inputs is missing, and the grid comes later.
    app.clientside_callback(
        "function (rows) { return rows; }",
        Output(Ids.TABLE_PICK, "data"),
        Input(Ids.TABLE, "selectedRows"),
        prevent_initial_call=True,
    )


def _register_table_refresh(app: Dash, bundle: Bundle) -> None:
    """An edition or vintage switch repoints the grid's columns; its rows are not sent again."""

    @app.callback(
        Output(Ids.TABLE, "columnDefs"),
        Input(Ids.EDITION, "value"),
        Input(Ids.VINTAGE, "value"),
        prevent_initial_call=True,
    )
    def update_table(edition, vintage):
        # The rows hold every edition and vintage: a switch repoints three columns, rows stay.
        return table_patch(bundle.domain.valid_edition(edition), vintage or bundle.latest_vintage)


def view_export(
    bundle: Bundle, shown: object, filter_model: object, href: object, edition: object, vintage: object
) -> tuple[TableExport, str]:
    """(export, file name without extension) of the table as the browser shows it (``VIEW_STATE``)."""
    edition = bundle.domain.valid_edition(edition)
    vintage = vintage if vintage in bundle.vintages else bundle.latest_vintage
    result = build_export(
        bundle,
        shown_codes(bundle, shown),
        edition=edition,
        vintage=vintage,
        link=safe_link(href),
        filters=describe_filters(filter_model),
    )
    name = Labels.FILE_NAME.format(
        stem=Labels.CHART_COMMUNES, place=bundle.perimeter_name, edition=edition, vintage=vintage
    )
    return result, name


def _register_downloads(app: Dash, bundle: Bundle) -> None:
    """The CSV and XLSX downloads hold the rows and filters the grid shows (``VIEW_STATE``)."""

    @app.callback(
        Output(Ids.DOWNLOAD_CSV, "data"),
        Input(Ids.EXPORT_CSV, "n_clicks"),
        *VIEW_STATE,
        prevent_initial_call=True,
    )
    def export_csv(_clicks, *view):
        result, name = view_export(bundle, *view)
        return dcc.send_bytes(to_csv(result), f"{name}.csv")

    @app.callback(
        Output(Ids.DOWNLOAD_XLSX, "data"),
        Input(Ids.EXPORT_XLSX, "n_clicks"),
        *VIEW_STATE,
        prevent_initial_call=True,
    )
    def export_xlsx(_clicks, *view):
        result, name = view_export(bundle, *view)
        return dcc.send_bytes(to_xlsx(result), f"{name}.xlsx")
