"""The zoning charts of the « Couverture » tab: population per zone, and each EPCI's zones.

Zones in the order of ``zones.csv`` (most fragile first), EPCIs most fragile first, labels
on the bars rather than a legend (issue 21). Pure builders with their text twins, in the
house style of :mod:`erbm_map.charts.bars`.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from erbm_map.charts.bars import (
    chart_layout,
    communes,
    epci_name,
    ink_on,
    percent_axis,
    share_bars,
    wrap,
)
from erbm_map.core.domain import Domain
from erbm_map.core.fmt import NNBSP, fmt_number, fmt_share
from erbm_map.core.labels import Labels


def in_zone_order(by_zone: pd.DataFrame, zones: pd.DataFrame) -> pd.DataFrame:
    """``population_by_zone``'s rows in the order of ``zones.csv`` (most fragile first)."""
    order = {code: n for n, code in enumerate(zones.index)}
    return by_zone.sort_values("zone", key=lambda codes: codes.map(order), ignore_index=True)


def build_zone_chart(by_zone: pd.DataFrame, zones: pd.DataFrame, vintage: str, domain: Domain) -> go.Figure:
    """Share of the population living in each zone (``population_by_zone``), coloured as on the map."""
    by_zone = in_zone_order(by_zone, zones)
    total = by_zone["population"].sum()
    shares = by_zone["population"] / total if total else by_zone["population"] * 0
    labels = [str(zones.at[code, "short_label"] or code) for code in by_zone["zone"]]
    fills = [str(zones.at[code, "color"]) for code in by_zone["zone"]]
    texts = [
        f"{fmt_share(r['population'], total)} · {communes(r['communes'])}" for _, r in by_zone.iterrows()
    ]
    figure = go.Figure(share_bars(labels, shares, fills, texts, domain.palette, outline=True))
    figure.update_layout(
        **chart_layout(
            Labels.POP_BY_ZONE,
            100 + 40 * len(by_zone),
            domain.palette,
            subtitle=Labels.CHART_VINTAGE.format(vintage=vintage),
        ),
        xaxis=percent_axis(domain.palette),
        yaxis={"autorange": "reversed"},
    )
    return figure


def zone_chart_text(by_zone: pd.DataFrame, zones: pd.DataFrame) -> list[str]:
    """« ZAC — zone d'action complémentaire : 52 % de la population (699 731 hab.), 184 communes »."""
    by_zone = in_zone_order(by_zone, zones)
    total = by_zone["population"].sum()
    return [
        Labels.COVERAGE_ZONE_ITEM.format(
            zone=zones.at[row["zone"], "label"],
            share=fmt_share(row["population"], total),
            population=fmt_number(row["population"]),
            communes=fmt_number(row["communes"]),
        )
        for _, row in by_zone.iterrows()
    ]


#: Segments narrower than this (% of the bar) carry no label: it would not fit.
MIN_LABELLED_SHARE = 8.0


def epci_zone_order(by_epci: pd.DataFrame, zones: pd.DataFrame) -> list[str]:
    """EPCI names, most fragile first: by share of the first zone of ``zones.csv``, then of the next ones."""
    totals = by_epci.groupby("epci_nom")["population"].sum()
    shares = by_epci.pivot_table(index="epci_nom", columns="zone", values="population", aggfunc="sum")
    shares = (
        shares.reindex(columns=[z for z in zones.index if z in shares.columns]).fillna(0).div(totals, axis=0)
    )
    return shares.sort_values(list(shares.columns), ascending=False).index.tolist()


def build_epci_zone_chart(
    by_epci: pd.DataFrame,
    zones: pd.DataFrame,
    vintage: str,
    domain: Domain,
    partial: frozenset[str] = frozenset(),
) -> go.Figure:
    """Each EPCI's population split by zone, stacked to 100 % (``core/contracts.zones_by_epci``).

    EPCIs come most fragile first (``epci_zone_order``); wide segments say their zone and
    share, so no legend is needed; ``partial`` EPCIs are flagged on the axis.
    """
    totals = by_epci.groupby("epci_nom")["population"].transform("sum")
    frame = by_epci.assign(share=100 * by_epci["population"] / totals)
    names = {n: wrap(epci_name(n, n in partial)) for n in frame["epci_nom"].unique()}
    order = [names[n] for n in epci_zone_order(by_epci, zones)]
    frame = frame.assign(epci_nom=frame["epci_nom"].map(names))
    figure = go.Figure()
    for code in zones.index:
        rows = frame[frame["zone"] == code]
        if rows.empty:
            continue
        short = str(zones.at[code, "short_label"] or code)
        fill = str(zones.at[code, "color"])
        figure.add_trace(
            go.Bar(
                name=short,
                y=rows["epci_nom"],
                x=rows["share"],
                orientation="h",
                marker={"color": fill, "line": {"color": domain.palette["contour"], "width": 1}},
                text=[
                    f"{short} {fmt_number(v)}{NNBSP}%" if v >= MIN_LABELLED_SHARE else ""
                    for v in rows["share"]
                ],
                textposition="inside",
                insidetextanchor="middle",
                textfont={"color": ink_on(fill, domain.palette)},
                customdata=[communes(c) for c in rows["communes"]],
                hovertemplate="%{y} — " + short + " : %{x:.0f} % · %{customdata}<extra></extra>",
            )
        )
    figure.update_layout(
        **chart_layout(
            Labels.COVERAGE_EPCI_ZONES,
            130 + 34 * len(order),
            domain.palette,
            subtitle=Labels.CHART_VINTAGE.format(vintage=vintage),
            barmode="stack",
            # A segment's label is hidden when it does not fit rather than overflow its neighbour.
            uniformtext={"minsize": 10, "mode": "hide"},
        ),
        xaxis=percent_axis(domain.palette),
        yaxis={"autorange": "reversed", "automargin": True, "categoryorder": "array", "categoryarray": order},
    )
    return figure


def epci_zone_text(
    by_epci: pd.DataFrame, zones: pd.DataFrame, partial: frozenset[str] = frozenset()
) -> list[str]:
    """« CA de Lens - Liévin : ZIP 18 % (…), ZAC 48 % (23 communes), … », EPCIs and zones in order."""
    lines = []
    for epci in epci_zone_order(by_epci, zones):
        rows = in_zone_order(by_epci[by_epci["epci_nom"] == epci], zones)
        total = rows["population"].sum()
        parts = [
            f"{zones.at[r['zone'], 'short_label'] or r['zone']} {fmt_share(r['population'], total)} "
            f"({communes(r['communes'])})"
            for _, r in rows.iterrows()
        ]
        lines.append(f"{epci_name(epci, epci in partial)} : {', '.join(parts)}")
    return lines
