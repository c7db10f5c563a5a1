"""The figures panel: each figure of a theme with its change between editions."""

from __future__ import annotations

import re

import pandas as pd
from dash import html

from erbm_map.data import Bundle
from erbm_map.fmt import fmt_value
from erbm_map.labels import Labels
from erbm_map.state import ALL_THEMES

EDITIONS = ("2019", "2024")


def figures_for(bundle: Bundle, edition: str, theme: str) -> pd.DataFrame:
    """Figures of ``edition`` (all themes or one), each joined with its other-edition twin."""
    table = bundle.indicators
    shown = table[table["edition"] == edition]
    if theme != ALL_THEMES:
        shown = shown[shown["theme"] == theme]
    other = EDITIONS[1] if edition == EDITIONS[0] else EDITIONS[0]
    twins = table[table["edition"] == other].set_index("stem")
    shown = shown.assign(
        other_value=shown["stem"].map(twins["value"]),
        other_qualifier=shown["stem"].map(twins["qualifier"]),
        other_edition=other,
    )
    order = {slug: i for i, slug in enumerate(bundle.theme_slugs)}
    return shown.assign(_order=shown["theme"].map(order)).sort_values(["_order"], kind="stable")


#: Hedges that already say the number (« une cinquantaine »): printing 50 after them would repeat it.
_WORDED = re.compile(r"(dizaine|vingtaine|trentaine|quarantaine|cinquantaine|centaine|millier)")


def figure_text(qualifier: str, value: float, unit: str) -> str:
    """« plus de 2,8 M€ », « 700 », or « une cinquantaine » when the hedge is itself the number."""
    if qualifier and _WORDED.search(qualifier):
        return qualifier[0].upper() + qualifier[1:]
    text = fmt_value(value, unit)
    return f"{qualifier} {text}" if qualifier else text


def change_text(row: pd.Series) -> str | None:
    """« 653 → 700 » in chronological order, or None when the other edition lacks the figure."""
    if pd.isna(row["other_value"]):
        return None
    this = figure_text(row["qualifier"], row["value"], row["unit"])
    other = figure_text(row["other_qualifier"] or "", row["other_value"], row["unit"])
    return f"{other} → {this}" if row["edition"] == "2024" else f"{this} → {other}"


def create_kpi(row: pd.Series, hidden: bool = False) -> html.Article:
    """One figure: value, label, change, source in small print and note on hover."""
    change = change_text(row)
    source = Labels.KPI_SOURCE.format(source=row["source"])
    children: list[object] = [
        html.Div(figure_text(row["qualifier"], row["value"], row["unit"]), className="kpi-value"),
        html.Div(row["label"], className="kpi-label"),
    ]
    if change:
        children.append(
            html.Div(f"2019 → 2024 : {change}", className="kpi-change", **{"data-stem": row["stem"]})
        )
    if row["note"]:
        children.append(html.Div(row["note"], className="kpi-note"))
    children.append(html.Div(source, className="kpi-source"))
    return html.Article(
        children,
        className="kpi",
        hidden=hidden,
        **{"data-id": row["id"], "data-edition": row["edition"], "data-theme": row["theme"]},
    )


def shows(edition: str, theme: str, row_edition: str, row_theme: str) -> bool:
    """Whether a figure belongs to the view (the same rule as ``filterKpis`` in assets/)."""
    return row_edition == edition and theme in (ALL_THEMES, row_theme)


def create_kpis(bundle: Bundle, edition: str, theme: str) -> list[object]:
    """Every figure of both editions, those outside the view hidden.

    The whole panel is in the layout once; switching edition or theme only toggles
    ``hidden`` in the browser (``filterKpis``), so it costs no request and no bytes.
    """
    items: list[object] = []
    for ed in EDITIONS:
        rows = figures_for(bundle, ed, ALL_THEMES)
        items.extend(
            create_kpi(row, hidden=not shows(edition, theme, ed, row["theme"])) for _, row in rows.iterrows()
        )
        any_shown = any(shows(edition, theme, ed, t) for t in rows["theme"])
        items.append(
            html.P(
                Labels.KPI_NONE.format(edition=ed),
                className="empty",
                hidden=ed != edition or any_shown,
                **{"data-empty": ed},
            )
        )
    return items
