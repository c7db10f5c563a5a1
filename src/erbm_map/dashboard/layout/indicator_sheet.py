"""The indicator sheet (what a figure is, exactly) and the 2019-against-2024 charts of the panel.

A click on a figure's value opens its sheet: the value with its hedge, the edition, the
brochure section, the extracted wording and the reading note, then the other edition's
value and whether the two compare (``core/pairs.judge``). Charts are built only on demand.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from erbm_map.charts.bars import CHART_CONFIG, build_pair_chart
from erbm_map.core.domain import Domain
from erbm_map.core.ids import Ids
from erbm_map.core.labels import Labels
from erbm_map.core.pairs import Pair, judge, pairs
from erbm_map.core.readings import with_caveat
from erbm_map.dashboard.layout.kpis import figure_text, pair_text
from erbm_map.data import Bundle


def create_sheet() -> html.Div:
    """The sheet's frame: a dialog the callback fills and shows, closed by its button or Escape."""
    return html.Div(
        [
            html.Button(
                "×",
                id=Ids.SHEET_CLOSE,
                className="sheet-close",
                n_clicks=0,
                title=Labels.SHEET_CLOSE,
                **{"aria-label": Labels.SHEET_CLOSE},
            ),
            html.Div(id=Ids.SHEET_BODY),
        ],
        id=Ids.SHEET,
        className="sheet",
        role="dialog",
        hidden=True,
        tabIndex="-1",
        **{"aria-modal": "true", "aria-labelledby": Ids.SHEET_TITLE},
    )


def create_pair_charts_block(domain: Domain) -> html.Div:
    """The charts button (charts appear under it when asked for) and the figures' CSV export."""
    return html.Div(
        [
            html.Button(
                Labels.KPI_CHARTS.format(first=domain.first_edition, latest=domain.latest_edition),
                id=Ids.KPI_CHARTS_BUTTON,
                className="button",
                n_clicks=0,
            ),
            html.Button(Labels.EXPORT_FIGURES, id=Ids.EXPORT_FIGURES, className="button", n_clicks=0),
            dcc.Download(id=Ids.DOWNLOAD_FIGURES),
            html.Div(id=Ids.KPI_CHARTS, className="kpi-charts"),
        ],
        className="kpi-charts-block",
    )


def _text(row: pd.Series | dict) -> str:
    return figure_text(row["qualifier"] or "", row["value"], row["unit"])


def _flagged(row: pd.Series | dict) -> str:
    """Value and label, then the short caveat: « plus de 99 centres de santé (lecture incertaine) »."""
    return with_caveat(f"{_text(row)} {row['label']}", row)


def pair_chart(pair: Pair, domain: Domain) -> html.Figure:
    """A ``same`` pair's small chart, its text equivalent under it."""
    old, new = pair.old, pair.new
    # The older wording names no year: it fits both bars (the newer one may say « en 2024 »).
    label = str(old["label"])
    figure = build_pair_chart(
        label,
        (float(old["value"]), float(new["value"])),
        (_text(old), _text(new)),
        (str(old["edition"]), str(new["edition"])),
        domain,
    )
    sentence = Labels.PAIR_CHART_TEXT.format(label=label, pair=pair_text(old, new))
    return html.Figure(
        [
            html.P(label, className="chart-title"),
            dcc.Graph(figure=figure, config=CHART_CONFIG, className="chart-graph chart-small"),
            html.Figcaption(sentence, className="chart-text"),
        ],
        className="chart",
        **{"data-chart": f"pair-{pair.stem}", "data-stem": pair.stem},
    )


def create_pair_charts(bundle: Bundle) -> list[object]:
    """One small chart per pair whose two editions measure the same thing."""
    found = [pair for pair in pairs(bundle.indicators).values() if pair.verdict.comparable]
    domain = bundle.domain
    title = Labels.KPI_CHARTS_TITLE.format(first=domain.first_edition, latest=domain.latest_edition)
    return [html.H3(title), *(pair_chart(pair, domain) for pair in found)]


def _row(term: str, value: object) -> list[object]:
    return [html.Dt(term), html.Dd(value)]


def create_indicator_sheet(bundle: Bundle, ident: str) -> list[object]:
    """The sheet of one figure (``ident`` as in indicators.csv), or nothing for an unknown id."""
    table = bundle.indicators
    match = table[table["id"] == ident]
    if match.empty:
        return []
    row = match.iloc[0]
    twins = table[(table["stem"] == row["stem"]) & (table["id"] != ident)]
    facts = (
        _row(Labels.SHEET_VALUE, _text(row))
        + _row(Labels.EDITION, bundle.domain.edition_label(row["edition"]))
        + _row(Labels.SHEET_TERRITORY, row["territory"] or "—")
        + _row(Labels.SHEET_SECTION, row["source"])
        + _row(Labels.SHEET_LABEL, row["label"])
        + _row(Labels.SHEET_NOTE, row["note"] or "—")
    )
    head: list[object] = [
        html.H2(Labels.SHEET, id=Ids.SHEET_TITLE),
        html.P(f"{_text(row)} {row['label']}", className="sheet-lead"),
    ]
    if row.get("caveat"):
        head.append(html.P(row["caveat"], className="sheet-caveat"))
    if twins.empty:
        only = _row(Labels.SHEET_COMPARE, Labels.PAIR_ONLY.format(edition=row["edition"]))
        return [*head, html.Dl(facts + only, className="facts sheet-facts", **{"data-compare": ""})]
    twin = twins.iloc[0]
    old, new = (row, twin) if row["edition"] < twin["edition"] else (twin, row)
    verdict = judge(old, new)
    comparison = (
        f"{pair_text(old, new)} — {Labels.PAIR_SAME_NOTE.format(reason=verdict.reason)}"
        if verdict.comparable
        else verdict.text
    )
    facts += _row(Labels.SHEET_OTHER.format(edition=twin["edition"]), _flagged(twin))
    facts += _row(
        Labels.SHEET_COMPARE,
        html.Span(comparison, className="kpi-delta" if verdict.comparable else "kpi-different"),
    )
    children = [
        *head,
        html.Dl(
            facts,
            className="facts sheet-facts",
            **{"data-compare": "same" if verdict.comparable else "different"},
        ),
    ]
    if verdict.comparable:
        children.append(pair_chart(Pair(str(row["stem"]), old, new), bundle.domain))
    return children
