"""The map's legend, in HTML beside the map rather than drawn by plotly.

The dashboard's live map shows and hides layers in MapLibre without a plotly redraw
(see :func:`erbm_map.figures.livemap.build_live_map`), so plotly's own legend would list every
trace of every edition. Each item here names the trace uids it stands for; the browser
shows an item when one of them is on the map (``assets/21-livemap.js``).
"""

from __future__ import annotations

from dash import html
from plotly.graph_objects import Figure

from erbm_map.data import Bundle
from erbm_map.figures.livemap import SELECTION_STYLE
from erbm_map.figures.map import CATEGORY_STYLE, CONTRACT_STYLE
from erbm_map.ids import Ids
from erbm_map.labels import Labels


def _item(uids: list[str], swatch: html.Span, label: str) -> html.Li:
    return html.Li([swatch, html.Span(label)], className="legend-item", **{"data-uids": " ".join(uids)})


def _area(fill: str, line: str) -> html.Span:
    return html.Span(
        className="swatch", style={"background": fill, "borderColor": line}, **{"aria-hidden": "true"}
    )


def create_legend(bundle: Bundle, figure: Figure) -> html.Div:
    """Items for every trace of the live figure that has something to say, in map order."""
    uids = [trace.uid for trace in figure.data]
    groups: list[html.Div] = []
    for vintage in bundle.vintages:
        items = [
            _item([f"zone-{vintage}-{code}"], _area(str(zone["color"]), "#FFFFFF"), str(zone["label"]))
            for code, zone in bundle.zones.iterrows()
            if f"zone-{vintage}-{code}" in uids
        ]
        groups.append(
            html.Div(
                [
                    html.P(Labels.VINTAGE_OPTION.format(vintage=vintage), className="legend-title"),
                    html.Ul(items),
                ],
                className="legend-group",
                **{"data-uids": " ".join(f"zone-{vintage}-{code}" for code in bundle.zones.index)},
            )
        )
    others: list[html.Li] = []
    for kind, style in CONTRACT_STYLE.items():
        kind_uids = [u for u in uids if u == kind or u.startswith(f"{kind}-")]
        if kind_uids:
            others.append(
                _item(kind_uids, _area(str(style["fill"]), str(style["line"])), str(style["label"]))
            )
    others.append(_item(["epci"], _area("transparent", "#333333"), Labels.LAYER_EPCI))
    others.append(_item(["perimetre"], _area("transparent", "#000000"), Labels.LAYER_PERIMETRE))
    for category, style in CATEGORY_STYLE.items():
        marker = html.Span(
            style["letter"],
            className="marker",
            style={"background": style["color"]},
            **{"aria-hidden": "true"},
        )
        others.append(_item([category], marker, f"{style['letter']} — {style['label']}"))
    others.append(
        _item(["selection"], _area("transparent", SELECTION_STYLE["line"]), Labels.LEGEND_SELECTION)
    )
    return html.Div(
        [*groups, html.Ul(others)],
        id=Ids.MAP_LEGEND,
        className="map-legend",
        role="group",
        **{"aria-label": Labels.LEGEND},
    )
