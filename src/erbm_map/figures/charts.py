"""Bar charts and a Sankey, built by pure functions: tables in, plotly figure out.

Every builder has a ``*_text`` twin that says the same in sentences, printed under the
chart for people who cannot see it (and read by the tests). Numbers are fr-FR: the
layout's ``separators`` set a decimal comma and a narrow no-break space for thousands,
and every label printed on a bar is formatted in Python by :mod:`erbm_map.fmt`.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from erbm_map.domain import Domain
from erbm_map.fmt import NNBSP, fmt_number, fmt_share
from erbm_map.labels import Labels

#: Decimal comma, then the thousands separator (plotly's ``separators``).
SEPARATORS = f",{NNBSP}"
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif'
#: Charts are pictures with a text twin: no zoom, no toolbar, no request to any server.
CHART_CONFIG = {"displayModeBar": False, "staticPlot": False, "locale": "fr", "responsive": True}


def _luminance(colour: str) -> float:
    """WCAG relative luminance of ``#RRGGBB``."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ink_on(fill: str, palette: dict[str, str]) -> str:
    """The chart text colour or the background colour, whichever reads better on ``fill``.

    The zoning ramp runs from a dark brown to near-white: one text colour cannot be read on
    all of it (WCAG contrast), so labels on a zone's colour pick theirs.
    """
    fill_y = _luminance(fill)

    def ratio(ink: str) -> float:
        low, high = sorted((fill_y, _luminance(ink)))
        return (high + 0.05) / (low + 0.05)

    return max((palette["texte"], palette["fond"]), key=ratio)


def communes(count: float) -> str:
    """« 1 commune », « 287 communes » (French: 0 and 1 take the singular)."""
    word = Labels.CHART_COMMUNE if count < 2 else Labels.CHART_COMMUNES
    return f"{fmt_number(count)} {word}"


def _layout(title: str, height: int, palette: dict[str, str], **extra: object) -> dict[str, object]:
    """The house style of every chart; its colours come from ``sources/symbols.csv`` (``chart`` rows)."""
    return {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 14}},
        "separators": SEPARATORS,
        "font": {"family": FONT, "size": 12, "color": palette["texte"]},
        "height": height,
        "margin": {"l": 10, "r": 20, "t": 40, "b": 30},
        "paper_bgcolor": palette["fond"],
        "plot_bgcolor": palette["fond"],
        "legend": {"orientation": "h", "y": -0.15, "x": 0},
        # Bar labels keep a readable size: plotly would shrink them to the bar's thickness.
        "uniformtext": {"minsize": 11, "mode": "show"},
        **extra,
    }


def _positions(shares: pd.Series) -> list[str]:
    """Labels inside long bars, outside short ones (an empty bar still says « 0 % »)."""
    return ["inside" if share > 0.5 else "outside" for share in shares]


def _percent_axis(palette: dict[str, str]) -> dict[str, object]:
    return {"range": [0, 100], "ticksuffix": f"{NNBSP}%", "gridcolor": palette["grille"], "zeroline": False}


def coverage_label(row: pd.Series) -> str:
    """« 91 % · 287 communes »."""
    share = fmt_share(row["population"], row["total_population"])
    return f"{share} · {communes(row['communes'])}"


def _edition_bars(
    frame: pd.DataFrame, category: str, domain: Domain, texts: Callable[[pd.DataFrame], list[str]], hover: str
) -> go.Figure:
    """Horizontal share bars (``share`` 0..1 of ``frame``), one trace per edition in its colour.

    ``category`` is the column on the vertical axis; ``hover`` wraps the edition in the tooltip.
    """
    figure = go.Figure()
    colors = domain.edition_colors()
    for edition, rows in frame.groupby("edition", sort=True):
        figure.add_trace(
            go.Bar(
                name=str(edition),
                y=rows[category],
                x=100 * rows["share"],
                orientation="h",
                marker_color=colors.get(str(edition), domain.palette["contour"]),
                text=texts(rows),
                textposition=_positions(rows["share"]),
                insidetextanchor="end",
                cliponaxis=False,
                hovertemplate="%{y} " + hover.format(edition) + " : %{text}<extra></extra>",
            )
        )
    return figure


def build_coverage_chart(summary: pd.DataFrame, domain: Domain) -> go.Figure:
    """Share of the population covered by CLS and CLSM, one bar per edition (``coverage_summary``)."""
    figure = _edition_bars(
        summary, "kind", domain, lambda rows: [coverage_label(row) for _, row in rows.iterrows()], "{}"
    )
    figure.update_layout(
        **_layout(Labels.CHART_SHARE, 260, domain.palette, barmode="group"),
        xaxis=_percent_axis(domain.palette),
        yaxis={"autorange": "reversed"},
    )
    return figure


def coverage_chart_text(summary: pd.DataFrame) -> list[str]:
    """« CLS 2024 : 91 % de la population (1 216 227 hab., 287 communes sur 330) »."""
    return [
        Labels.COVERAGE_ITEM.format(
            kind=row["kind"],
            edition=row["edition"],
            share=fmt_share(row["population"], row["total_population"]),
            population=fmt_number(row["population"]),
            communes=fmt_number(row["communes"]),
            total=fmt_number(row["total_communes"]),
        )
        for _, row in summary.iterrows()
    ]


def build_epci_chart(by_epci: pd.DataFrame, kind: str, domain: Domain) -> go.Figure:
    """Share of each EPCI's population covered by ``kind``, one bar per edition.

    ``by_epci`` has ``epci_nom``, ``edition``, ``share``, ``covered_communes``, ``communes``.
    """
    figure = _edition_bars(
        by_epci,
        "epci_nom",
        domain,
        lambda rows: [
            f"{fmt_number(100 * r['share'])}{NNBSP}% · {fmt_number(r['covered_communes'])}/"
            f"{fmt_number(r['communes'])}"
            for _, r in rows.iterrows()
        ],
        "({})",
    )
    count = by_epci["epci_nom"].nunique()
    figure.update_layout(
        **_layout(
            Labels.COVERAGE_BY_EPCI_TITLE.format(kind=kind), 100 + 56 * count, domain.palette, barmode="group"
        ),
        xaxis=_percent_axis(domain.palette),
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return figure


def epci_chart_text(by_epci: pd.DataFrame, kind: str) -> list[str]:
    """One sentence per EPCI and edition."""
    return [
        Labels.COVERAGE_EPCI_ITEM.format(
            epci=row["epci_nom"],
            kind=kind,
            edition=row["edition"],
            share=f"{fmt_number(100 * row['share'])}{NNBSP}%",
            covered=fmt_number(row["covered_communes"]),
            communes=fmt_number(row["communes"]),
        )
        for _, row in by_epci.iterrows()
    ]


def build_zone_chart(by_zone: pd.DataFrame, zones: pd.DataFrame, vintage: str, domain: Domain) -> go.Figure:
    """Share of the population living in each zone (``population_by_zone``), coloured as on the map."""
    total = by_zone["population"].sum()
    labels = [str(zones.at[code, "short_label"] or code) for code in by_zone["zone"]]
    figure = go.Figure(
        go.Bar(
            y=labels,
            x=100 * by_zone["population"] / total if total else by_zone["population"] * 0,
            orientation="h",
            marker={
                "color": [zones.at[code, "color"] for code in by_zone["zone"]],
                "line": {"color": domain.palette["contour"], "width": 1},
            },
            text=[
                f"{fmt_share(r['population'], total)} · {communes(r['communes'])}"
                for _, r in by_zone.iterrows()
            ],
            textposition=_positions(by_zone["population"] / total if total else by_zone["population"] * 0),
            insidetextanchor="end",
            cliponaxis=False,
            hovertemplate="%{y} : %{text}<extra></extra>",
            showlegend=False,
        )
    )
    figure.update_layout(
        **_layout(Labels.COVERAGE_ZONES.format(vintage=vintage), 80 + 40 * len(by_zone), domain.palette),
        xaxis=_percent_axis(domain.palette),
        yaxis={"autorange": "reversed"},
    )
    return figure


def zone_chart_text(by_zone: pd.DataFrame, zones: pd.DataFrame) -> list[str]:
    """« ZAC — zone d'action complémentaire : 52 % de la population (699 731 hab.), 184 communes »."""
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


def build_epci_zone_chart(
    by_epci: pd.DataFrame, zones: pd.DataFrame, vintage: str, domain: Domain
) -> go.Figure:
    """Each EPCI's population split by zone, stacked to 100 % (``coverage.zones_by_epci``)."""
    totals = by_epci.groupby("epci_nom")["population"].transform("sum")
    frame = by_epci.assign(share=100 * by_epci["population"] / totals)
    figure = go.Figure()
    for code in zones.index:
        rows = frame[frame["zone"] == code]
        if rows.empty:
            continue
        figure.add_trace(
            go.Bar(
                name=str(zones.at[code, "short_label"] or code),
                y=rows["epci_nom"],
                x=rows["share"],
                orientation="h",
                marker={
                    "color": zones.at[code, "color"],
                    "line": {"color": domain.palette["contour"], "width": 1},
                },
                customdata=[communes(c) for c in rows["communes"]],
                hovertemplate="%{y} — " + str(code) + " : %{x:.0f} % · %{customdata}<extra></extra>",
            )
        )
    count = frame["epci_nom"].nunique()
    # Stacked bars list their legend bottom-up by default; the zones read in the file's order.
    figure.update_layout(legend_traceorder="normal")
    figure.update_layout(
        **_layout(
            Labels.COVERAGE_EPCI_ZONES.format(vintage=vintage),
            120 + 34 * count,
            domain.palette,
            barmode="stack",
        ),
        xaxis=_percent_axis(domain.palette),
        yaxis={"autorange": "reversed", "automargin": True, "categoryorder": "category ascending"},
    )
    return figure


def epci_zone_text(by_epci: pd.DataFrame, zones: pd.DataFrame) -> list[str]:
    """« CA de Lens - Liévin : ZAC 48 % (23 communes), ZAR 34 % (8 communes), … »."""
    lines = []
    for epci, rows in by_epci.groupby("epci_nom", sort=True):
        total = rows["population"].sum()
        parts = [
            f"{zones.at[r['zone'], 'short_label'] or r['zone']} {fmt_share(r['population'], total)} "
            f"({communes(r['communes'])})"
            for _, r in rows.sort_values("population", ascending=False).iterrows()
        ]
        lines.append(f"{epci} : {', '.join(parts)}")
    return lines


def build_pair_chart(
    label: str,
    values: tuple[float, float],
    texts: tuple[str, str],
    editions: tuple[str, str],
    domain: Domain,
) -> go.Figure:
    """A small older-against-newer bar pair for a figure whose two editions measure the same thing.

    ``label`` is kept in the figure's metadata; the page prints it above the chart.

    ``texts`` are the printed values with their hedges (« plus de 2,8 M€ »), shown on the bars.
    """
    figure = go.Figure(
        go.Bar(
            x=list(editions),
            y=list(values),
            marker_color=[domain.edition_colors()[e] for e in editions],
            text=list(texts),
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x} : %{text}<extra></extra>",
        ),
        layout={"meta": {"label": label}},
    )
    # The label is the HTML caption above the chart: it wraps, a plotly title would be cut.
    figure.update_layout(
        **_layout("", 170, domain.palette, margin={"l": 10, "r": 10, "t": 24, "b": 24}),
        yaxis={"visible": False, "range": [0, 1.2 * max(*values, 1)]},
        xaxis={"type": "category"},
        showlegend=False,
    )
    return figure


def build_sankey(
    old: pd.Series, new: pd.Series, zones: pd.DataFrame, names: tuple[str, str], domain: Domain
) -> go.Figure:
    """Communes moving between zones from one zoning vintage to the next (staying ones included).

    ``old`` and ``new`` map INSEE codes to zone codes; ``names`` are the two vintages.
    """
    flows = sankey_flows(old, new)
    left = list(dict.fromkeys(flows["old"]))
    right = list(dict.fromkeys(flows["new"]))
    nodes = [f"{zones.at[z, 'short_label'] or z} ({names[0]})" for z in left] + [
        f"{zones.at[z, 'short_label'] or z} ({names[1]})" for z in right
    ]
    colors = [zones.at[z, "color"] for z in left + right]
    figure = go.Figure(
        go.Sankey(
            arrangement="snap",
            valueformat=",d",
            valuesuffix=f" {Labels.CHART_COMMUNES}",
            node={
                "label": nodes,
                "color": colors,
                "pad": 14,
                "line": {"color": domain.palette["contour"], "width": 1},
            },
            link={
                "source": [left.index(z) for z in flows["old"]],
                "target": [len(left) + right.index(z) for z in flows["new"]],
                "value": flows["communes"].tolist(),
                "color": domain.palette["flux"],
            },
        )
    )
    figure.update_layout(
        **_layout(Labels.SANKEY_TITLE.format(old=names[0], new=names[1]), 420, domain.palette)
    )
    return figure


def sankey_flows(old: pd.Series, new: pd.Series) -> pd.DataFrame:
    """Number of communes per (old zone, new zone), biggest flows first."""
    frame = pd.DataFrame({"old": old, "new": new.reindex(old.index)}).dropna()
    flows = frame.groupby(["old", "new"], as_index=False).size().rename(columns={"size": "communes"})
    return flows.sort_values(["communes", "old", "new"], ascending=[False, True, True], ignore_index=True)


def sankey_text(old: pd.Series, new: pd.Series, zones: pd.DataFrame) -> list[str]:
    """« 12 communes de « ZAC — … » vers « ZIP — … » », moving flows first, then those that stay."""
    flows = sankey_flows(old, new)
    moving = flows[flows["old"] != flows["new"]]
    staying = flows[flows["old"] == flows["new"]]
    lines = [
        Labels.SANKEY_TEXT.format(
            count=fmt_number(row["communes"]),
            old=zones.at[row["old"], "label"],
            new=zones.at[row["new"], "label"],
        )
        for _, row in moving.iterrows()
    ]
    lines += [
        Labels.SANKEY_STAY.format(count=fmt_number(row["communes"]), zone=zones.at[row["old"], "label"])
        for _, row in staying.iterrows()
    ]
    return lines
