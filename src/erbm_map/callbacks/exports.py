"""CSV export of the communes and the table's data."""

from __future__ import annotations

from dash import Dash, Input, Output, State, dcc

from erbm_map.data import Bundle
from erbm_map.exports import aids_by_zone
from erbm_map.ids import Ids
from erbm_map.layout.table import commune_rows, table_patch


def register(app: Dash, bundle: Bundle) -> None:
    """Register the table refresh and the CSV download."""

    @app.callback(
        Output(Ids.TABLE, "columnDefs"),
        Input(Ids.EDITION, "value"),
        Input(Ids.VINTAGE, "value"),
        prevent_initial_call=True,
    )
    def update_table(edition, vintage):
        # The rows hold every edition and vintage: a switch repoints three columns, rows stay.
        return table_patch(edition or "2024", vintage or bundle.latest_vintage)

    @app.callback(
        Output(Ids.DOWNLOAD_CSV, "data"),
        Input(Ids.EXPORT_CSV, "n_clicks"),
        State(Ids.EDITION, "value"),
        State(Ids.VINTAGE, "value"),
        prevent_initial_call=True,
    )
    def export_csv(_clicks, edition, vintage):
        edition = edition or "2024"
        vintage = vintage or bundle.latest_vintage
        rows = commune_rows(bundle, edition, vintage).assign(zonage=vintage, edition=edition)
        # Places follow the edition (commune_rows); aids keep their unit, date and source.
        aids = aids_by_zone(bundle)
        rows["aides_zone"] = rows["zone"].map(lambda z: aids.get(z, ("", ""))[0])
        rows["aides_date_et_source"] = rows["zone"].map(lambda z: aids.get(z, ("", ""))[1])
        # A BOM and semicolons: what a French spreadsheet opens correctly with a double click.
        payload = rows.to_csv(index=False, sep=";", lineterminator="\n").encode("utf-8-sig")
        return dcc.send_bytes(payload, f"communes-{bundle.perimeter_name}-{edition}-zonage-{vintage}.csv")
