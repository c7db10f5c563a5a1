"""The table view: the communes as rows, for sorting, filtering and for people who cannot use a map."""

from __future__ import annotations

import dash_ag_grid as dag
import pandas as pd
from dash import html

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


#: French wording of the grid's own controls (filters, pagination).
LOCALE_TEXT = {
    "page": "Page",
    "of": "sur",
    "to": "à",
    "more": "plus",
    "next": "Suivante",
    "previous": "Précédente",
    "first": "Première",
    "last": "Dernière",
    "filterOoo": "Filtrer…",
    "contains": "Contient",
    "notContains": "Ne contient pas",
    "equals": "Égal à",
    "notEqual": "Différent de",
    "startsWith": "Commence par",
    "endsWith": "Finit par",
    "blank": "Vide",
    "notBlank": "Non vide",
    "lessThan": "Inférieur à",
    "greaterThan": "Supérieur à",
    "inRange": "Entre",
    "andCondition": "ET",
    "orCondition": "OU",
    "noRowsToShow": "Aucune commune",
    "loadingOoo": "Chargement…",
    "pageSizeSelectorLabel": "Lignes par page :",
}


def create_table(bundle: Bundle, edition: str, vintage: str) -> html.Div:
    """A sortable, filterable grid; choosing a row (click, or Space) opens the commune card."""
    rows = commune_rows(bundle, edition, vintage)
    return html.Div(
        [
            html.Button(Labels.EXPORT_CSV, id=Ids.EXPORT_CSV, className="button", n_clicks=0),
            dag.AgGrid(
                id=Ids.TABLE,
                rowData=rows.to_dict("records"),
                columnDefs=[
                    {
                        "field": key,
                        "headerName": label,
                        **(
                            {
                                "filter": "agNumberColumnFilter",
                                "type": "numericColumn",
                                "valueFormatter": {"function": "frNumber(params.value)"},
                            }
                            if key == "population"
                            else {}
                        ),
                    }
                    for key, label in COLUMNS
                ],
                defaultColDef={
                    "sortable": True,
                    "filter": True,
                    "floatingFilter": True,
                    "resizable": True,
                    "flex": 1,
                },
                getRowId="params.data.insee",
                dashGridOptions={
                    "pagination": True,
                    "paginationPageSize": 25,
                    "rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
                    "localeText": LOCALE_TEXT,
                    "animateRows": False,
                },
                style={"height": "calc(100vh - 16rem)", "minHeight": "480px"},
                className="ag-theme-quartz",
            ),
        ],
        className="table-view",
    )
