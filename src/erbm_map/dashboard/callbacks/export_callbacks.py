"""Exports of the table as shown (CSV and XLSX), and the table refresh on an edition switch."""

from __future__ import annotations

from dash import Dash, Input, Output, State, dcc

from erbm_map.core.ids import Ids
from erbm_map.core.labels import Labels
from erbm_map.dashboard.exports import build_export, describe_filters, safe_link, shown_codes, to_csv, to_xlsx
from erbm_map.dashboard.layout.table import table_patch
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
    """Register the table refresh and the two downloads."""

    @app.callback(
        Output(Ids.TABLE, "columnDefs"),
        Input(Ids.EDITION, "value"),
        Input(Ids.VINTAGE, "value"),
        prevent_initial_call=True,
    )
    def update_table(edition, vintage):
        # The rows hold every edition and vintage: a switch repoints three columns, rows stay.
        return table_patch(bundle.domain.valid_edition(edition), vintage or bundle.latest_vintage)

    def export(shown, filter_model, href, edition, vintage):
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

    @app.callback(
        Output(Ids.DOWNLOAD_CSV, "data"),
        Input(Ids.EXPORT_CSV, "n_clicks"),
        *VIEW_STATE,
        prevent_initial_call=True,
    )
    def export_csv(_clicks, *view):
        result, name = export(*view)
        return dcc.send_bytes(to_csv(result), f"{name}.csv")

    @app.callback(
        Output(Ids.DOWNLOAD_XLSX, "data"),
        Input(Ids.EXPORT_XLSX, "n_clicks"),
        *VIEW_STATE,
        prevent_initial_call=True,
    )
    def export_xlsx(_clicks, *view):
        result, name = export(*view)
        return dcc.send_bytes(to_xlsx(result), f"{name}.xlsx")
