"""Bar charts, built by pure functions: tables in, plotly figure out.

The house style and the contract charts are here; the zoning charts are in ``zonecharts.py``,
the Sankey of zoning changes in ``sankey.py``.

Every builder has a ``*_text`` twin that says the same in sentences, printed under the
chart for people who cannot see it (and read by the tests). Numbers are fr-FR: the
layout's ``separators`` set a decimal comma and a narrow no-break space for thousands,
and every label printed on a bar is formatted in Python by :mod:`erbm_map.core.fmt`.

Charts read themselves (issue 21): zones in the order of ``zones.csv`` (most fragile
first), labels on the bars rather than a legend to look up, a short title that fits a
390 px phone and a subtitle for the rest (vintage, unit).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from erbm_map.core.domain import Domain
from erbm_map.core.fmt import NNBSP, fmt_number, fmt_share
from erbm_map.core.labels import Labels

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


def chart_layout(
    title: str, height: int, palette: dict[str, str], subtitle: str = "", **extra: object
) -> dict[str, object]:
    """The house style of every chart; its colours come from ``sources/symbols.csv`` (``chart`` rows).

    Plotly does not wrap titles: ``title`` stays short (it must fit a 390 px phone) and the
    rest goes in ``subtitle``. No legend: bars carry their own labels.
    """
    return {
        "title": {
            "text": title,
            "x": 0,
            "xanchor": "left",
            "font": {"size": 14},
            **(
                {"subtitle": {"text": subtitle, "font": {"size": 12, "color": palette["contour"]}}}
                if subtitle
                else {}
            ),
        },
        "separators": SEPARATORS,
        "font": {"family": FONT, "size": 12, "color": palette["texte"]},
        "height": height,
        "margin": {"l": 10, "r": 20, "t": 60 if subtitle else 40, "b": 30},
        "paper_bgcolor": palette["fond"],
        "plot_bgcolor": palette["fond"],
        "showlegend": False,
        # Bar labels keep a readable size: plotly would shrink them to the bar's thickness.
        "uniformtext": {"minsize": 11, "mode": "show"},
        **extra,
    }


def label_inks(fills: list[str], positions: list[str], palette: dict[str, str]) -> list[str]:
    """Each bar label's colour: readable on its bar inside it, the text colour outside."""
    return [
        ink_on(f, palette) if p == "inside" else palette["texte"]
        for f, p in zip(fills, positions, strict=True)
    ]


def share_bars(
    names: Sequence[str],
    shares: pd.Series,
    fills: list[str],
    texts: list[str],
    palette: Mapping[str, str],
    *,
    outline: bool = False,
) -> go.Bar:
    """Horizontal bars of shares (0–1) with their own labels, inside the bar when it is long enough.

    Every share chart (coverage, zones) draws its bars this way: labels replace a legend.
    """
    positions = label_positions(shares)
    marker: dict[str, object] = {"color": fills}
    if outline:
        marker["line"] = {"color": palette["contour"], "width": 1}
    return go.Bar(
        y=list(names),
        x=100 * shares,
        orientation="h",
        marker=marker,
        text=texts,
        textposition=positions,
        textfont={"color": label_inks(fills, positions, palette)},
        insidetextanchor="end",
        cliponaxis=False,
        hovertemplate="%{y} : %{text}<extra></extra>",
    )


def label_positions(shares: pd.Series) -> list[str]:
    """Labels inside long bars, outside short ones (an empty bar still says « 0 % »)."""
    return ["inside" if share > 0.5 else "outside" for share in shares]


def percent_axis(palette: dict[str, str]) -> dict[str, object]:
    return {"range": [0, 100], "ticksuffix": f"{NNBSP}%", "gridcolor": palette["grille"], "zeroline": False}


def coverage_label(row: pd.Series) -> str:
    """« 91 % · 287 communes »."""
    share = fmt_share(row["population"], row["total_population"])
    return f"{share} · {communes(row['communes'])}"


#: Characters per line of a category label: two lines of an EPCI name leave a 390 px phone room for bars.
WRAP = 22


def wrap(text: str, width: int = WRAP) -> str:
    """Break a long category label into lines (plotly's ``<br>``) at spaces, never inside a word."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _edition_bars(
    frame: pd.DataFrame, category: str, domain: Domain, texts: Callable[[pd.DataFrame], list[str]], hover: str
) -> go.Figure:
    """Horizontal share bars (``share`` 0..1 of ``frame``), one trace per edition in its colour.

    ``category`` is the column on the vertical axis; ``hover`` wraps the edition in the tooltip.
    Each bar's label starts with its edition (« 2024 · 100 % »): no legend to look up.
    """
    figure = go.Figure()
    colors = domain.edition_colors()
    for edition, rows in frame.groupby("edition", sort=True):
        color = colors.get(str(edition), domain.palette["contour"])
        positions = label_positions(rows["share"])
        figure.add_trace(
            go.Bar(
                name=str(edition),
                y=rows[category],
                x=100 * rows["share"],
                orientation="h",
                marker_color=color,
                text=[f"{edition} · {t}" for t in texts(rows)],
                textposition=positions,
                textfont={"color": label_inks([color] * len(rows), positions, domain.palette)},
                insidetextanchor="end",
                cliponaxis=False,
                hovertemplate="%{y} " + hover.format(edition) + " : %{text}<extra></extra>",
            )
        )
    return figure


def build_coverage_chart(summary: pd.DataFrame, domain: Domain) -> go.Figure:
    """Share of the population covered by CLS and CLSM, one bar per kind and edition (``coverage_summary``).

    Each bar is named on the axis (« CLS 2024 ») and says its share and communes on two
    short lines, which fit beside a half bar on a 390 px phone.
    """
    colors = domain.edition_colors()
    names = [f"{k} {e}" for k, e in zip(summary["kind"], summary["edition"], strict=True)]
    fills = [colors.get(str(e), domain.palette["contour"]) for e in summary["edition"]]
    texts = [
        f"{fmt_share(r['population'], r['total_population'])}<br>{communes(r['communes'])}"
        for _, r in summary.iterrows()
    ]
    figure = go.Figure(share_bars(names, summary["share"], fills, texts, domain.palette))
    figure.update_layout(
        **chart_layout(Labels.CHART_SHARE, 80 + 44 * len(summary), domain.palette, bargap=0.2),
        xaxis=percent_axis(domain.palette),
        yaxis={"autorange": "reversed", "automargin": True},
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


def epci_name(name: str, partial: bool) -> str:
    """The EPCI's name on a chart axis, with a mark when only part of it is in the perimeter."""
    return Labels.EPCI_PARTIAL_MARK.format(epci=name) if partial else name


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
        **chart_layout("", 170, domain.palette, margin={"l": 10, "r": 10, "t": 24, "b": 24}),
        yaxis={"visible": False, "range": [0, 1.2 * max(*values, 1)]},
        xaxis={"type": "category"},
    )
    return figure
