"""The "changes between zoning vintages" view: which communes gained or lost eligibility.

Besides the list of communes that move, a from–to table counts communes and inhabitants
for every pair of zones (older vintage in rows, newer in columns, both in the order of
``zones.csv``): the Sankey's flows, as figures a planner can quote.
"""

from __future__ import annotations

from collections import Counter

import dash_ag_grid as dag
import pandas as pd
from dash import html

from erbm_map.core.fmt import fmt_number
from erbm_map.core.ids import Ids
from erbm_map.core.labels import Labels
from erbm_map.core.widget_labels import GRID_LOCALE_TEXT
from erbm_map.core.zoning_changes import zoning_changes
from erbm_map.dashboard.layout.table import COLUMN_DEFAULTS, IDENTITY_COLUMNS
from erbm_map.dashboard.smallmap_routes import small_map_url
from erbm_map.data import Bundle
from erbm_map.map.smallmaps import (
    CHANGE_KINDS,
    change_colours,
    changes_between,
    changes_map_name,
    perimeter_index,
)

#: Each kind of change (``imports.changes.zoning_changes``) in French, for one commune and for several.
KIND_LABELS = {"gagne": Labels.CHANGE_GAINS, "perd": Labels.CHANGE_LOSES, "change": Labels.CHANGE_ZONE}
PLURAL_LABELS = {
    "gagne": Labels.CHANGE_GAINS_PLURAL,
    "perd": Labels.CHANGE_LOSES_PLURAL,
    "change": Labels.CHANGE_ZONE_PLURAL,
}

#: CSS width of the changes map, in pixels (the image scales down on a phone).
CHANGES_MAP_WIDTH = 480

#: Column field -> header of the changes grid (``{vintage}``: each of the two vintages compared).
COLUMNS = (
    *IDENTITY_COLUMNS,
    ("ancienne", Labels.ZONE_OF_VINTAGE),
    ("nouvelle", Labels.ZONE_OF_VINTAGE),
    ("evolution", Labels.CHANGE_KIND),
)


def create_changes_grid() -> html.Div:
    """The box of the changed communes' grid, filled by the callback; hidden while there is none."""
    return html.Div(id=Ids.CHANGES_GRID_BOX, hidden=True)


def changes_grid(rows: list[dict], columns: list[dict]) -> dag.AgGrid:
    """The grid of changed communes, built when the changes view opens (not with the page).

    One AG Grid rather than an HTML table: a new vintage can move hundreds of communes, and
    Dash's renderer takes tens of seconds to lay out thousands of HTML components (291 rows
    froze the page 20 s); the grid receives rows as data and draws only those in view.
    """
    return dag.AgGrid(
        id=Ids.CHANGES_GRID,
        rowData=rows,
        columnDefs=columns,
        defaultColDef=COLUMN_DEFAULTS,
        getRowId="params.data.insee",
        dashGridOptions={"localeText": GRID_LOCALE_TEXT, "animateRows": False},
        # A fixed height: the grid draws only the rows in view, however many communes move.
        style={"height": "min(70vh, 560px)"},
        className="ag-theme-quartz changes-grid",
    )


def create_changes(bundle: Bundle, old: str, new: str) -> tuple[list[object], list[dict], list[dict]]:
    """The summary, the rows and the column definitions of the communes whose zone differs."""
    if len(bundle.vintages) < 2 or old not in bundle.vintages or new not in bundle.vintages or old == new:
        return [html.P(Labels.CHANGES_NONE, className="empty")], [], []
    changes = zoning_changes(bundle.zoning[old].to_dict(), bundle.zoning[new].to_dict(), bundle.domain)
    if not changes:
        return [html.P(Labels.CHANGES_EMPTY.format(old=old, new=new), className="empty")], [], []
    counts = Counter(change.kind for change in changes)
    zone_label = bundle.zones["label"].to_dict()
    communes = bundle.communes
    rows = [
        {
            "nom": communes.at[c.insee, "nom"],
            "insee": c.insee,
            "epci_nom": communes.at[c.insee, "epci_nom"],
            "ancienne": zone_label.get(c.old_zone, c.old_zone),
            "nouvelle": zone_label.get(c.new_zone, c.new_zone),
            "evolution": KIND_LABELS[c.kind],
            "kind": c.kind,
        }
        for c in sorted(changes, key=lambda c: (c.kind, communes.at[c.insee, "nom"]))
    ]
    summary = ", ".join(
        f"{fmt_number(counts[k])} {(PLURAL_LABELS if counts[k] > 1 else KIND_LABELS)[k]}"
        for k in ("gagne", "perd", "change")
        if counts[k]
    )
    vintage = {"ancienne": old, "nouvelle": new}
    columns = [
        {"field": field, "headerName": header.format(vintage=vintage.get(field, ""))}
        for field, header in COLUMNS
    ]
    text = Labels.CHANGES_SUMMARY.format(old=old, new=new, count=fmt_number(len(changes)), summary=summary)
    return [html.P(text, **{"data-count": str(len(changes))})], rows, columns


def transition_counts(bundle: Bundle, old: str, new: str) -> pd.DataFrame:
    """Communes and inhabitants of the perimeter per (zone in ``old``, zone in ``new``)."""
    communes = bundle.communes[bundle.communes["bassin_minier"].astype(bool)]
    frame = pd.DataFrame(
        {
            "old": bundle.zoning.loc[communes.index, old],
            "new": bundle.zoning.loc[communes.index, new],
            "population": communes["population"],
        }
    )
    return frame.groupby(["old", "new"], as_index=False).agg(
        communes=("population", "size"), population=("population", "sum")
    )


def _cell(communes: int, population: int) -> str:
    if not communes:
        return "—"
    word = Labels.CHART_COMMUNE if communes < 2 else Labels.CHART_COMMUNES
    return Labels.TRANSITION_CELL.format(
        communes=f"{fmt_number(communes)} {word}", population=fmt_number(population)
    )


def _zone_head(bundle: Bundle, zone: str, scope: str) -> html.Th:
    """A row's or column's header: the zone's swatch and short name, its full name on hover."""
    return html.Th(
        [
            html.Span(
                className="transition-swatch",
                style={"background": bundle.zones.at[zone, "color"]},
                **{"aria-hidden": "true"},
            ),
            str(bundle.zones.at[zone, "short_label"] or zone),
        ],
        scope=scope,
        title=str(bundle.zones.at[zone, "label"]),
    )


def _total(frame: pd.DataFrame) -> html.Td:
    """The communes and population of some flows, summed (a row's, a column's or the table's)."""
    return html.Td(_cell(int(frame["communes"].sum()), int(frame["population"].sum())), className="total")


def _flow_cell(table: pd.DataFrame, zone: str, target: str) -> html.Td:
    """The communes gone from ``zone`` to ``target``; its class tells staying from moving."""
    communes, population = (
        (int(table.at[(zone, target), "communes"]), int(table.at[(zone, target), "population"]))
        if (zone, target) in table.index
        else (0, 0)
    )
    return html.Td(
        _cell(communes, population),
        className="stay" if zone == target else ("move" if communes else ""),
        **{"data-from": zone, "data-to": target, "data-communes": str(communes)},
    )


def create_transition_table(bundle: Bundle, old: str, new: str) -> html.Div:
    """The from–to table of two vintages; a commune that keeps its zone is on the diagonal."""
    counts = transition_counts(bundle, old, new)
    rows_zones = [z for z in bundle.zones.index if z in set(counts["old"])]
    cols_zones = [z for z in bundle.zones.index if z in set(counts["new"])]
    table = counts.set_index(["old", "new"])
    body = [
        html.Tr(
            [
                _zone_head(bundle, zone, "row"),
                *(_flow_cell(table, zone, target) for target in cols_zones),
                _total(counts[counts["old"] == zone]),
            ]
        )
        for zone in rows_zones
    ]
    footer = html.Tr(
        [
            html.Th(Labels.TRANSITION_TOTAL, scope="row"),
            *(_total(counts[counts["new"] == z]) for z in cols_zones),
            _total(counts),
        ]
    )
    header = html.Tr(
        [
            html.Th(Labels.TRANSITION_CORNER.format(old=old, new=new), scope="col"),
            *(_zone_head(bundle, z, "col") for z in cols_zones),
            html.Th(Labels.TRANSITION_TOTAL, scope="col"),
        ]
    )
    return html.Div(
        html.Table(
            [
                html.Caption(Labels.TRANSITION_CAPTION.format(old=old, new=new)),
                html.Thead(header),
                html.Tbody([*body, footer]),
            ],
            className="zone-table transition-table",
        ),
        className="transition-scroll",
        **{"data-chart": "transitions"},
    )


def create_changes_map(bundle: Bundle, old: str, new: str) -> html.Figure:
    """The server-drawn map of the changes between two vintages, its legend counting each kind.

    The kinds and counts are :func:`~erbm_map.core.zoning_changes.zoning_changes`', the rule of
    the list below; each swatch's colour is the map's (the domain's palette).
    """
    counts = Counter(change.kind for change in changes_between(bundle, old, new))
    colours = change_colours(bundle)

    def communes(count: int) -> str:
        return Labels.CHART_COMMUNE if count < 2 else Labels.CHART_COMMUNES

    # A kind no commune has is not on the map: its swatch would explain nothing.
    items = [
        html.Li(
            [
                html.Span(
                    className="transition-swatch",
                    style={"background": colours[kind]},
                    **{"aria-hidden": "true"},
                ),
                Labels.CHANGES_MAP_ITEM.format(
                    count=fmt_number(counts[kind]),
                    communes=communes(counts[kind]),
                    kind=(PLURAL_LABELS if counts[kind] > 1 else KIND_LABELS)[kind],
                ),
            ],
            **{"data-kind": kind, "data-count": str(counts[kind])},
        )
        for kind in CHANGE_KINDS
        if counts[kind]
    ]
    same = len(perimeter_index(bundle)) - sum(counts.values())
    items.append(
        html.Li(
            Labels.CHANGES_MAP_SAME.format(count=fmt_number(same), communes=communes(same)),
            **{"data-kind": ""},
        )
    )
    return html.Figure(
        [
            html.Figcaption(Labels.CHANGES_MAP_TITLE.format(old=old, new=new), className="chart-title"),
            html.Img(
                src=small_map_url(bundle, changes_map_name(old, new)),
                alt=Labels.CHANGES_MAP_ALT.format(old=old, new=new),
                width=CHANGES_MAP_WIDTH,
                className="small-map-image",
            ),
            html.Ul(items, className="changes-map-legend"),
        ],
        className="changes-map",
        **{"data-chart": "changes-map"},
    )
