"""The table view: the communes as rows, for sorting, filtering and for people who cannot use a map."""

from __future__ import annotations

import dash_ag_grid as dag
import pandas as pd
from dash import Patch, dcc, html

from erbm_map.core.domain import CONTRACT_KINDS, CONTRACT_TYPE_OF
from erbm_map.core.ids import Ids
from erbm_map.core.labels import Labels
from erbm_map.core.widget_labels import GRID_LOCALE_TEXT
from erbm_map.data import Bundle
from erbm_map.data.places import places_by_commune

#: The grids' library, deferred until a view that shows a grid first opens (``web.deferred``).
GRID_LIBRARY = "grids"
DEFERRED_LIBRARIES = {GRID_LIBRARY: dag.__name__}
#: What every column of a grid of communes can do: sort, filter as one types, resize.
COLUMN_DEFAULTS = {"sortable": True, "filter": True, "floatingFilter": True, "resizable": True, "flex": 1}
#: The columns that name a commune, first in every grid of communes.
IDENTITY_COLUMNS = (("nom", Labels.COMMUNE), ("insee", Labels.INSEE), ("epci_nom", Labels.EPCI))
COLUMNS = (
    *IDENTITY_COLUMNS,
    ("population", Labels.POPULATION),
    ("zone", Labels.ZONE_SHORT),
    *((kind, CONTRACT_TYPE_OF[kind]) for kind in CONTRACT_KINDS),
    ("etablissements", Labels.TABLE_ESTABLISHMENTS),
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
            "etablissements": _places(bundle, edition),
        }
    ).sort_values("nom", ignore_index=True)


def column_fields(edition: str, vintage: str) -> dict[str, str]:
    """The row field each varying column shows for an edition and a zoning vintage.

    Zone, contracts and establishments depend on the vintage or the edition. The grid's rows
    carry one field per edition and per vintage, so that a switch only points these columns
    at other fields: a patch of a few bytes instead of every row again (3,800 rows, 590 kB,
    in the region).
    """
    return {
        "zone": f"zone_{vintage}",
        "cls": f"cls_{edition}",
        "clsm": f"clsm_{edition}",
        "etablissements": f"etablissements_{edition}",
    }


def _places(bundle: Bundle, edition: str) -> pd.Series:
    """The places an edition's brochure cites in each commune (empty where it cites none)."""
    places = bundle.communes["insee"].map(places_by_commune(bundle.establishments, edition))
    # An edition that cites no place at all maps to floats: typed as text before filling.
    return places.astype(object).where(places.notna(), "")


def grid_rows(bundle: Bundle) -> pd.DataFrame:
    """Every commune, sorted by name, with its zone in each vintage and its contracts in each edition."""
    c = bundle.communes
    yes, no = Labels.YES.value, Labels.NO.value
    columns: dict[str, pd.Series] = {
        "nom": c["nom"],
        "insee": c["insee"],
        "epci_nom": c["epci_nom"],
        "population": c["population"].astype(int),
    }
    for vintage in bundle.vintages:
        columns[f"zone_{vintage}"] = bundle.zoning[vintage].reindex(c.index)
    for edition in bundle.domain.edition_keys:
        for kind in ("cls", "clsm"):
            columns[f"{kind}_{edition}"] = c[f"{kind}_{edition}"].astype(bool).map({True: yes, False: no})
        # The places the edition's brochure cites (Liévin's 2024 ones are not in 2019).
        columns[f"etablissements_{edition}"] = _places(bundle, edition)
    return pd.DataFrame(columns).sort_values("nom", ignore_index=True)


#: Text filters compare folded text (no accents, case, hyphens: « henin » finds Hénin-Beaumont)
#: through a named function of assets/20-dashboard.js, the browser twin of ``erbm_map.core.text.fold``.
TEXT_FILTER = {
    "filter": "agTextColumnFilter",
    "filterParams": {"textFormatter": {"function": "foldText(params)"}},
}
NUMBER_COLUMN = {
    "filter": "agNumberColumnFilter",
    "type": "numericColumn",
    "valueFormatter": {"function": "frNumber(params.value)"},
}
#: Columns a narrow table (a phone) keeps: a list of communes with their zone and population.
NARROW_COLUMNS = ("nom", "population", "zone")
#: Below this grid width (px), the other columns are hidden (assets/20-dashboard.js).
NARROW_WIDTH = 600
#: Smallest width (px) of a column, so that no cell is cut to a couple of letters.
MIN_WIDTHS = {"nom": 130, "epci_nom": 160, "population": 110}
#: Names take twice the share of the width that codes and flags take.
FLEX = {"nom": 2, "epci_nom": 2}


def column_defs(edition: str, vintage: str) -> list[dict[str, object]]:
    """Grid columns; ``colId`` stays the column's name so sorting and filters survive a switch."""
    fields = column_fields(edition, vintage)
    return [
        {
            "field": fields.get(key, key),
            "colId": key,
            "headerName": label,
            "minWidth": MIN_WIDTHS.get(key, 84),
            "flex": FLEX.get(key, 1),
            **(NUMBER_COLUMN if key == "population" else TEXT_FILTER),
            # A long name wraps on a narrow screen instead of being cut.
            **({"wrapText": True, "autoHeight": True} if key == "nom" else {}),
        }
        for key, label in COLUMNS
    ]


def table_patch(edition: str, vintage: str) -> Patch:
    """Point the zone and contract columns at the fields of an edition and vintage."""
    patch = Patch()
    fields = column_fields(edition, vintage)
    for position, (key, _label) in enumerate(COLUMNS):
        if key in fields:
            patch[position]["field"] = fields[key]
    return patch


def create_table() -> html.Div:
    """The table view: its exports, and a box the grid goes in when the view is first opened.

    The exports follow the grid: only its filtered rows, in its order. The grid is not in
    the first layout: AG Grid loads its 872 kB chunk when a grid first renders, even hidden,
    and the page opens on the map (``callbacks.exports``, ``create_grid``). Its main bundle
    is not run with the page either (``DEFERRED_LIBRARIES``): ``Ids.GRIDS_READY`` turns true
    once it has run, and the grids wait for it.
    """
    return html.Div(
        [
            html.Div(
                [
                    html.Button(Labels.EXPORT_CSV, id=Ids.EXPORT_CSV, className="button", n_clicks=0),
                    html.Button(Labels.EXPORT_XLSX, id=Ids.EXPORT_XLSX, className="button", n_clicks=0),
                    html.Span(Labels.EXPORT_NOTE, className="note"),
                    dcc.Download(id=Ids.DOWNLOAD_XLSX),
                ],
                className="table-actions",
            ),
            html.Div(id=Ids.TABLE_BOX, className="table-box"),
            dcc.Store(id=Ids.TABLE_LOADED, data=False),
            dcc.Store(id=Ids.GRIDS_READY, data=False),
            dcc.Store(id=Ids.TABLE_PICK),
        ],
        className="table-view",
    )


def create_grid(bundle: Bundle, edition: str, vintage: str) -> dag.AgGrid:
    """A sortable, filterable grid of the communes; choosing a row (click, or Space) opens its card."""
    return dag.AgGrid(
        id=Ids.TABLE,
        rowData=grid_rows(bundle).to_dict("records"),
        columnDefs=column_defs(edition, vintage),
        defaultColDef={**COLUMN_DEFAULTS, "wrapHeaderText": True, "autoHeaderHeight": True},
        getRowId="params.data.insee",
        dashGridOptions={
            "pagination": True,
            "paginationPageSize": 25,
            "paginationPageSizeSelector": [25, 50, 100],
            "rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
            "localeText": GRID_LOCALE_TEXT,
            "animateRows": False,
        },
        # A phone gets a list (name, population, zone); a wider screen every column.
        eventListeners={
            "gridSizeChanged": [f"narrowColumns(params, {list(NARROW_COLUMNS)!r}, {NARROW_WIDTH})"]
        },
        style={"height": "calc(100vh - 16rem)", "minHeight": "480px"},
        className="ag-theme-quartz",
    )
