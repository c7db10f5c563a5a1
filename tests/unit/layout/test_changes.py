"""The zoning-changes view: its summary, rows and columns, as data for one grid."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from erbm_map.data import Bundle
from erbm_map.layout.changes import create_changes


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
