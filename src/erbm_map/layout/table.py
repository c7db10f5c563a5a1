"""The table view: the communes as rows, for sorting, filtering and for people who cannot use a map."""

from __future__ import annotations

import pandas as pd
from dash import dash_table, html

from erbm_map.data import Bundle
from erbm_map.ids import Ids
from erbm_map.labels import Labels

COLUMNS = (
    ("nom", "Commune"),
    ("insee", "Code INSEE"),
    ("epci_nom", "Intercommunalité"),
    ("population", "Population"),
    ("zone", "Zone"),
    ("cls", "CLS"),
    ("clsm", "CLSM"),
)


def commune_rows(bundle: Bundle, edition: str, vintage: str) -> pd.DataFrame:
    """Communes with their zone and coverage for an edition and zoning vintage (also the CSV export)."""
    c = bundle.communes
    yes, no = Labels.YES.value, Labels.NO.value
    return pd.DataFrame(
        {
            "nom": c["nom"],
            "insee": c["insee"],
            "epci_nom": c["epci_nom"],
            "population": c["population"].astype(int),
            "zone": bundle.zoning[vintage].reindex(c.index),
            "cls": c[f"cls_{edition}"].astype(bool).map({True: yes, False: no}),
            "clsm": c[f"clsm_{edition}"].astype(bool).map({True: yes, False: no}),
        }
    ).sort_values("nom", ignore_index=True)


def create_table(bundle: Bundle, edition: str, vintage: str) -> html.Div:
    """A sortable, filterable table; a click on a row opens the commune card."""
    rows = commune_rows(bundle, edition, vintage)
    return html.Div(
        [
            html.Button(Labels.EXPORT_CSV, id=Ids.EXPORT_CSV, className="button", n_clicks=0),
            dash_table.DataTable(
                id=Ids.TABLE,
                columns=[
                    {"name": label, "id": key, "type": "numeric" if key == "population" else "text"}
                    for key, label in COLUMNS
                ],
                data=rows.to_dict("records"),
                sort_action="native",
                filter_action="native",
                page_size=25,
                style_table={"overflowX": "auto"},
                style_cell={"fontFamily": "inherit", "padding": "4px 8px", "textAlign": "left"},
                style_header={"fontWeight": "bold"},
            ),
        ],
        className="table-view",
    )
