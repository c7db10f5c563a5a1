"""The map's legend, in HTML beside the map: every symbol on screen, with its year.

Each item says which layer, vintage or edition it explains (``data-layer``,
``data-vintage``, ``data-edition``); the browser shows it when the map's rule shows that
layer in the current view (``legendShows`` in ``assets/21-map.js``). Symbols are drawn
from the same data as the map (``sources/symbols.csv``, ``sources/zones.csv``).
"""

from __future__ import annotations

import pandas as pd
from dash import html

from erbm_map.data import Bundle
from erbm_map.domain import ESTABLISHMENT_LAYERS, Layer
from erbm_map.ids import Ids
from erbm_map.labels import LAYER_LABELS, Labels

CONTRACT_LABELS = {layer: LAYER_LABELS[layer] for layer in (Layer.CLS, Layer.CLSM, Layer.CPTS)}
CATEGORY_LABELS = {layer: LAYER_LABELS[layer] for layer in ESTABLISHMENT_LAYERS}


def _value(row: pd.Series, key: str, default: str = "") -> str:
    value = row.get(key, default)
    return default if pd.isna(value) or value == "" else str(value)


def _item(swatch: html.Span, label: str, **data: str) -> html.Li:
    attrs = {f"data-{k}": v for k, v in data.items() if v}
    return html.Li([swatch, html.Span(label)], className="legend-item", **{"data-legend": "1", **attrs})


def _area(fill: str, line: str, linestyle: str = "solid", pattern: str = "") -> html.Span:
    style = {"background": fill, "borderColor": line, "borderStyle": linestyle or "solid"}
    return html.Span(pattern, className="swatch", style=style, **{"aria-hidden": "true"})


def _marker(row: pd.Series) -> html.Span:
    return html.Span(
        html.Span(
            _value(row, "letter"),
            style={"background": _value(row, "color"), "borderColor": _value(row, "line")},
        ),
        className=f"erbm-marker erbm-marker--{_value(row, 'shape', 'circle')} legend-marker",
        **{"aria-hidden": "true"},
    )


def create_legend(bundle: Bundle) -> html.Div:
    """Items for every layer, vintage and edition; the browser shows those of the current view."""
    symbols = bundle.symbols
    zoned: list[html.Li] = []
    for vintage in bundle.vintages:
        present = set(bundle.zoning[vintage].unique())
        zoned.extend(
            _item(
                _area(
                    str(zone["color"]),
                    _value(symbols.loc["zone"], "line"),
                    pattern=str(zone.get("short_label") or code),
                ),
                f"{zone['label']} ({Labels.VINTAGE_OPTION.format(vintage=vintage)})",
                layer=Layer.ZONAGE,
                vintage=vintage,
            )
            for code, zone in bundle.zones.iterrows()
            if code in present
        )
    contracts = [
        _item(
            _area("transparent", _value(symbols.loc[kind], "line"), _value(symbols.loc[kind], "linestyle")),
            Labels.LEGEND_CONTRACT.format(label=label, edition=edition),
            layer=kind,
            edition=edition,
        )
        for kind, label in CONTRACT_LABELS.items()
        if kind != Layer.CPTS
        for edition in bundle.domain.edition_keys
    ]
    if len(bundle.cpts):
        row = symbols.loc[Layer.CPTS]
        contracts.append(
            _item(
                _area("transparent", _value(row, "line"), _value(row, "linestyle")),
                Labels.LAYER_CPTS,
                layer=Layer.CPTS,
            )
        )
    outlines = [
        _item(_area("transparent", _value(symbols.loc["epci"], "line")), Labels.LAYER_EPCI, layer=Layer.EPCI),
        _item(
            _area("transparent", _value(symbols.loc["perimetre"], "line")),
            Labels.LAYER_PERIMETRE,
            layer=Layer.PERIMETRE,
        ),
        _item(
            _area(_value(symbols.loc["voisins"], "color"), _value(symbols.loc["voisins"], "line")),
            Labels.LEGEND_NEIGHBOURS,
            layer="voisins",
        ),
    ]
    markers = [
        _item(_marker(symbols.loc[c]), f"{_value(symbols.loc[c], 'letter')} — {CATEGORY_LABELS[c]}", layer=c)
        for c in ESTABLISHMENT_LAYERS
    ]
    selection = [
        _item(
            _area("transparent", _value(symbols.loc["selection"], "line")),
            Labels.LEGEND_SELECTION,
            layer="selection",
        ),
        _item(
            _area("transparent", _value(symbols.loc["selection"], "line")),
            Labels.LEGEND_SELECTION_EPCI,
            layer="selection-epci",
        ),
    ]
    return html.Details(
        [
            html.Summary(Labels.LEGEND_SHOW, className="legend-summary"),
            html.Ul([*zoned, *contracts, *outlines, *markers, *selection], className="legend-list"),
            html.P(Labels.LOCATION_NOTE, className="legend-note"),
        ],
        id=Ids.MAP_LEGEND,
        className="map-legend",
        open=True,
        role="group",
        **{"aria-label": Labels.LEGEND},
    )
