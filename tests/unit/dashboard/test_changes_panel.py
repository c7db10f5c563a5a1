"""The zoning-changes view: its summary, rows and columns, as data for one grid."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from dash import html

from erbm_map.core.fmt import fmt_number
from erbm_map.dashboard.layout.changes_panel import create_changes, create_transition_table
from erbm_map.data import Bundle


def _two_vintages(bundle: Bundle) -> Bundle:
    """The bundle with a 2026 vintage where Lens moves from ZAR to ZIP and Liévin leaves the zoning."""
    zoning = bundle.zoning.assign(**{"2026": bundle.zoning["2025"]})
    zoning.loc["62498", "2026"] = "ZIP"
    zoning.loc["62510", "2026"] = "HZ"
    return replace(bundle, zoning=pd.DataFrame(zoning))


def test_changes_are_rows_of_data_with_dated_columns(bundle: Bundle) -> None:
    summary, rows, columns = create_changes(_two_vintages(bundle), "2025", "2026")
    assert {row["insee"]: row["kind"] for row in rows} == {"62498": "change", "62510": "perd"}
    lens = next(row for row in rows if row["insee"] == "62498")
    assert lens["nom"] == "Lens" and lens["nouvelle"].startswith("ZIP")
    assert [c["headerName"] for c in columns][3:5] == ["Zone 2025", "Zone 2026"]
    assert summary[0].to_plotly_json()["props"]["data-count"] == "2"


def test_one_vintage_has_no_rows_and_says_so(bundle: Bundle) -> None:
    summary, rows, columns = create_changes(bundle, "2025", "2025")
    assert rows == [] and columns == [] and summary[0].className == "empty"


def test_the_from_to_table_counts_communes_and_inhabitants_in_zone_order(bundle: Bundle) -> None:
    two = _two_vintages(bundle)
    table = create_transition_table(two, "2025", "2026")
    cells = {
        (c.to_plotly_json()["props"]["data-from"], c.to_plotly_json()["props"]["data-to"]): c
        for c in _walk(table)
        if isinstance(c, html.Td) and "data-from" in c.to_plotly_json()["props"]
    }
    lens_from = two.zoning.at["62498", "2025"]
    lens = cells[(lens_from, "ZIP")]
    population = int(bundle.communes.at["62498", "population"])
    moved = [k for k, c in cells.items() if k[0] != k[1] and c.className == "move"]
    assert (lens_from, "ZIP") in moved and len(moved) <= 2
    assert lens_from != "ZIP" and lens.children == f"1 commune · {fmt_number(population)} hab."
    stays = sum(int(c.to_plotly_json()["props"]["data-communes"]) for k, c in cells.items() if k[0] == k[1])
    assert stays == int(bundle.communes["bassin_minier"].sum()) - 2
    order = list(bundle.zones.index)
    rows = list(dict.fromkeys(k[0] for k in cells))
    assert rows == sorted(rows, key=order.index)


def _walk(node):
    yield node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from _walk(child)
