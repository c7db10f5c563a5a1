"""The presentation map's legend: what the chapter's layers draw, inside the map box.

One block per layer, built from the same data as the map (``sources/zones.csv`` for the
zones, ``sources/symbols.csv`` for lines and markers). The served deck holds the blocks of
every layer a chapter may show and the chapter's root class (``shows-<layer>``, see
``layout.root_class``) reveals its own, so the key press that paints a chapter repaints its
legend too, with no callback. ``create_legend(bundle, chapter.layers)`` alone is the legend
of one chapter, for a deck rendered to a file.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from dash import html

from erbm_map.core.domain import ESTABLISHMENT_LAYERS, Layer
from erbm_map.core.labels import LAYER_LABELS
from erbm_map.data import Bundle
from erbm_map.data.mapassets import BAND_ORDER
from erbm_map.presentation.deck_labels import PresentationLabels as L

#: The order blocks are read in: the zones first, outlines last.
LEGEND_ORDER = (
    Layer.ZONAGE,
    Layer.CLSM,
    Layer.CLS,
    Layer.CPTS,
    *ESTABLISHMENT_LAYERS,
    Layer.EPCI,
    Layer.PERIMETRE,
)
#: Layers with a line symbol in ``symbols.csv`` (contracts and outlines).
LINE_LAYERS = (Layer.CLS, Layer.CLSM, Layer.CPTS, Layer.EPCI, Layer.PERIMETRE)


def _text(row: pd.Series, key: str) -> str:
    value = row.get(key, "")
    return "" if pd.isna(value) else str(value)


def _zones(bundle: Bundle) -> html.Div:
    """The zones of the vintage the map shows, in the file's order (the order of fragility)."""
    vintage = bundle.latest_vintage
    present = set(bundle.zoning[vintage].unique()) if vintage in bundle.zoning else set()
    items = [
        html.Li(
            [
                html.Span(
                    className="plegend-swatch",
                    style={"background": str(zone["color"])},
                    **{"aria-hidden": "true"},
                ),
                html.Span(str(zone.get("short_label") or code), className="plegend-code"),
                html.Span(str(zone["label"]).split(" — ", 1)[-1]),
            ],
            **{"data-zone": str(code)},
        )
        for code, zone in bundle.zones.iterrows()
        if code in present
    ]
    return html.Div(
        [html.P(L.LEGEND_ZONING.format(vintage=vintage), className="plegend-head"), html.Ul(items)],
        className="plegend-block",
        **{"data-layer": Layer.ZONAGE},
    )


def _line(bundle: Bundle, layer: str) -> html.Div:
    row = bundle.symbols.loc[layer]
    label = LAYER_LABELS[layer]
    if layer in (Layer.CLS, Layer.CLSM):
        # The presentation's map draws the latest edition's contracts (``mapview.state_for``).
        label = L.LEGEND_CONTRACT.format(label=label, edition=bundle.domain.latest_edition)
    if layer in BAND_ORDER:
        # Contracts are bands inside the territory's edge (``data.mapassets.inner_band``), not lines.
        kind, style = "plegend-band", {"borderColor": _text(row, "line")}
    else:
        kind = "plegend-line"
        style = {"borderTopColor": _text(row, "line"), "borderTopStyle": _text(row, "linestyle") or "solid"}
    return html.Div(
        [html.Span(className=kind, style=style, **{"aria-hidden": "true"}), html.Span(label)],
        className="plegend-block plegend-row",
        **{"data-layer": layer},
    )


def _marker(bundle: Bundle, layer: str) -> html.Div:
    row = bundle.symbols.loc[layer]
    marker = html.Span(
        html.Span(
            _text(row, "letter"), style={"background": _text(row, "color"), "borderColor": _text(row, "line")}
        ),
        className=f"erbm-marker erbm-marker--{_text(row, 'shape') or 'circle'} plegend-marker",
        **{"aria-hidden": "true"},
    )
    return html.Div(
        [marker, html.Span(LAYER_LABELS[layer])],
        className="plegend-block plegend-row",
        **{"data-layer": layer},
    )


def legend_layers(bundle: Bundle, layers: Iterable[str]) -> list[str]:
    """The layers a legend explains, in a fixed reading order; an empty CPTS layer has nothing to explain."""
    wanted = set(layers)
    empty = {Layer.CPTS} if bundle.cpts.empty else set()
    return [layer for layer in LEGEND_ORDER if layer in wanted and layer not in empty]


def create_legend(bundle: Bundle, layers: Iterable[str]) -> html.Div:
    """A block per layer of ``layers``: zone swatches, contract and outline lines, category markers."""
    blocks = []
    for layer in legend_layers(bundle, layers):
        if layer == Layer.ZONAGE:
            blocks.append(_zones(bundle))
        elif layer in LINE_LAYERS:
            blocks.append(_line(bundle, layer))
        else:
            blocks.append(_marker(bundle, layer))
    return html.Div(blocks, className="plegend", role="group", **{"aria-label": L.LEGEND})
