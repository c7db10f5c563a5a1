"""The map's legend, in HTML over the map: every symbol on screen, with its year.

Each item says which layer, vintage or edition it explains (``data-layer``,
``data-vintage``, ``data-edition``); a view's legend holds the items whose layer the map
draws in that view (``core.state.layer_shown``), rendered on the server for each view.
Symbols are drawn from the same data as the map (``sources/symbols.csv``, ``sources/zones.csv``).

The zones of a vintage come under one heading that names the vintage (said once, not on
every line), and each zone counts its communes, inhabitants and share of the population:
the same table as the « Couverture » tab's zone chart (``core/contracts.population_by_zone``),
so the legend answers « how much of the bassin is this colour? » where the eye is.
"""

from __future__ import annotations

import pandas as pd
from dash import html

from erbm_map.charts.bars import communes, ink_on
from erbm_map.core.contracts import population_by_zone
from erbm_map.core.domain import ESTABLISHMENT_LAYERS, Layer, MapLayer
from erbm_map.core.fmt import fmt_number, fmt_share
from erbm_map.core.ids import Ids
from erbm_map.core.labels import LAYER_LABELS, Labels
from erbm_map.core.state import ViewState, layer_shown
from erbm_map.dashboard.layout.coverage_panel import perimeter_communes
from erbm_map.data import Bundle

CONTRACT_LABELS = {layer: LAYER_LABELS[layer] for layer in (Layer.CLS, Layer.CLSM, Layer.CPTS)}
CATEGORY_LABELS = {layer: LAYER_LABELS[layer] for layer in ESTABLISHMENT_LAYERS}


#: The phone layout's width (``assets/13-legend.css``): below it the map's legend starts folded.
PHONE_QUERY = "(max-width: 767.98px)"


def _value(row: pd.Series, key: str, default: str = "") -> str:
    value = row.get(key, default)
    return default if pd.isna(value) or value == "" else str(value)


def _item(swatch: html.Span, label: str | list[html.Span], **data: str) -> html.Li:
    attrs = {f"data-{k}": v for k, v in data.items() if v}
    return html.Li(
        [swatch, html.Span(label, className="legend-text")],
        className="legend-item",
        **{"data-legend": "1", **attrs},
    )


def _area(fill: str, line: str, linestyle: str = "solid", pattern: str = "", ink: str = "") -> html.Span:
    style = {"background": fill, "borderColor": line, "borderStyle": linestyle or "solid"}
    if ink:
        style["color"] = ink
    return html.Span(pattern, className="swatch", style=style, **{"aria-hidden": "true"})


def _band(line: str) -> html.Span:
    """A contract's swatch: a frame in its colour, as the map draws it inside the territory's edge."""
    style = {"background": "transparent", "borderColor": line, "borderStyle": "solid"}
    return html.Span(className="swatch swatch--band", style=style, **{"aria-hidden": "true"})


def _marker(row: pd.Series) -> html.Span:
    return html.Span(
        html.Span(
            _value(row, "letter"),
            style={"background": _value(row, "color"), "borderColor": _value(row, "line")},
        ),
        className=f"erbm-marker erbm-marker--{_value(row, 'shape', 'circle')} legend-marker",
        **{"aria-hidden": "true"},
    )


def zone_counts(bundle: Bundle, vintage: str) -> dict[str, str]:
    """« 61 communes · 260 710 hab. · 20 % » per zone of ``vintage``, over the perimeter.

    The coverage tab's own table (``population_by_zone``), worded for one line.
    """
    by_zone = population_by_zone(perimeter_communes(bundle), bundle.zoning[vintage])
    total = by_zone["population"].sum()
    return {
        str(row["zone"]): Labels.LEGEND_ZONE_COUNT.format(
            communes=communes(row["communes"]),
            population=fmt_number(row["population"]),
            share=fmt_share(row["population"], total),
        )
        for _, row in by_zone.iterrows()
    }


def zone_items(bundle: Bundle, vintage: str) -> list[html.Li]:
    """The vintage's heading, then its zones in the file's order (the order of fragility)."""
    counts = zone_counts(bundle, vintage)
    edge = _value(bundle.symbols.loc["zone"], "line")
    palette = bundle.domain.palette
    heading = html.Li(
        Labels.LEGEND_VINTAGE.format(vintage=vintage),
        className="legend-heading",
        **{"data-legend": "1", "data-layer": Layer.ZONAGE, "data-vintage": vintage},
    )
    zones = [
        _item(
            _area(
                str(zone["color"]),
                edge,
                pattern=str(zone.get("short_label") or code),
                ink=ink_on(str(zone["color"]), palette),
            ),
            [
                html.Span(str(zone["label"]), className="legend-name"),
                html.Span(counts[code], className="legend-count"),
            ],
            layer=Layer.ZONAGE,
            vintage=vintage,
        )
        for code, zone in bundle.zones.iterrows()
        if code in counts
    ]
    return [heading, *zones]


def legend_items(bundle: Bundle) -> list[html.Li]:
    """Items for every layer, vintage and edition, each saying what it explains (``data-*``)."""
    symbols = bundle.symbols
    zoned = [item for vintage in bundle.vintages for item in zone_items(bundle, vintage)]
    contracts = [
        _item(
            _band(_value(symbols.loc[kind], "line")),
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
                _band(_value(row, "line")),
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
            _area(
                _value(symbols.loc[MapLayer.NEIGHBOURS], "color"),
                _value(symbols.loc[MapLayer.NEIGHBOURS], "line"),
            ),
            Labels.LEGEND_NEIGHBOURS,
            layer=MapLayer.NEIGHBOURS,
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
            layer=MapLayer.SELECTION_EPCI,
        ),
    ]
    return [*zoned, *contracts, *outlines, *markers, *selection]


def explains(item: html.Li, state: ViewState) -> bool:
    """Whether an item explains something the map shows in a view (its layer, vintage, edition)."""
    layer, vintage, edition = (getattr(item, f"data-{key}", "") for key in ("layer", "vintage", "edition"))
    if layer and not layer_shown(layer, state):
        return False
    return vintage in ("", state.vintage) and edition in ("", state.edition)


def view_legend(items: list[html.Li], state: ViewState) -> list[html.Li]:
    """The ``items`` (``legend_items``) a view needs, in order: chosen on the server, never in the browser."""
    return [item for item in items if explains(item, state)]


def create_legend(bundle: Bundle, state: ViewState) -> html.Details:
    """The legend of the first view; ``figure_callbacks`` renders the next views' items."""
    return html.Details(
        [
            html.Summary(Labels.LEGEND_SHOW, className="legend-summary"),
            html.Ul(
                view_legend(legend_items(bundle), state), id=Ids.MAP_LEGEND_LIST, className="legend-list"
            ),
        ],
        id=Ids.MAP_LEGEND,
        className="map-legend",
        open=True,
        role="group",
        # The legend sits over the map: on a phone it would hide most of it, so the browser
        # folds it where this media query matches (the viewport is only known there; the
        # server renders it open), with the page's first view (assets/20-dashboard.js).
        **{"aria-label": Labels.LEGEND, "data-fold": PHONE_QUERY},
    )
