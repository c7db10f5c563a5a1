"""The "changes between zoning vintages" view: which communes gained or lost eligibility."""

from __future__ import annotations

from collections import Counter

import dash_ag_grid as dag
from dash import html

from erbm_map.data import Bundle
from erbm_map.fmt import fmt_number
from erbm_map.ids import Ids
from erbm_map.imports.changes import zoning_changes
from erbm_map.labels import GRID_LOCALE_TEXT, Labels
from erbm_map.layout.table import COLUMN_DEFAULTS, IDENTITY_COLUMNS

#: Each kind of change (``imports.changes.zoning_changes``) in French, for one commune and for several.
KIND_LABELS = {"gagne": Labels.CHANGE_GAINS, "perd": Labels.CHANGE_LOSES, "change": Labels.CHANGE_ZONE}
PLURAL_LABELS = {
    "gagne": Labels.CHANGE_GAINS_PLURAL,
    "perd": Labels.CHANGE_LOSES_PLURAL,
    "change": Labels.CHANGE_ZONE_PLURAL,
}


#: Column field -> header of the changes grid (``{vintage}``: each of the two vintages compared).
COLUMNS = (
    *IDENTITY_COLUMNS,
    ("ancienne", Labels.ZONE_OF_VINTAGE),
    ("nouvelle", Labels.ZONE_OF_VINTAGE),
    ("evolution", Labels.CHANGE_KIND),
)


def create_changes_grid() -> html.Div:
    """The grid of changed communes, filled by the callback; hidden while there is none.

    One AG Grid rather than an HTML table: a new vintage can move hundreds of communes, and
    Dash's renderer takes tens of seconds to lay out thousands of HTML components (291 rows
    froze the page 20 s); the grid receives rows as data and draws only those in view.
    """
    return html.Div(
        dag.AgGrid(
            id=Ids.CHANGES_GRID,
            rowData=[],
            columnDefs=[],
            defaultColDef=COLUMN_DEFAULTS,
            getRowId="params.data.insee",
            dashGridOptions={"localeText": GRID_LOCALE_TEXT, "animateRows": False},
            # A fixed height: the grid draws only the rows in view, however many communes move.
            style={"height": "min(70vh, 560px)"},
            className="ag-theme-quartz changes-grid",
        ),
        id=Ids.CHANGES_GRID_BOX,
        hidden=True,
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
