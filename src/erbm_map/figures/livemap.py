"""The dashboard's live map: built once, every view applied by the browser.

Plotly hands every trace back to MapLibre on any update (``setData`` on every source, then
several frames re-tiled on the CPU when there is no GPU): 0.6 to 1.2 s per click, whatever
the update. The dashboard therefore builds its figure once with a trace for every layer,
edition and zoning vintage, each with a stable ``uid``, and the browser shows or hides their
MapLibre layers directly (assets/21-livemap.js), one or two frames per click. Which trace
shows in which view is the rule below, written once here and applied by the browser from the
figure's ``layout.meta``; :func:`live_visible` is its reference, tested against the browser's.
"""

from __future__ import annotations

import itertools

import plotly.graph_objects as go

from erbm_map.data import Bundle
from erbm_map.data.schema import EDITIONS, ZONES
from erbm_map.figures.geometry import MAX_ZOOM
from erbm_map.figures.map import (
    CATEGORY_STYLE,
    INDEX,
    MapUrls,
    apply_layout,
    build_map,
    choropleth_trace,
    contract_locations,
    contract_trace,
    home_view,
    locations_props,
    zone_locations,
    zone_trace,
)
from erbm_map.labels import Labels
from erbm_map.layers import Layer
from erbm_map.state import ViewState

SELECTION_STYLE = {"line": "#000000", "width": 4.0}


def _rule(layer: str = "", *, edition: str = "", vintage: str = "", kind: str = "") -> dict[str, str]:
    """A trace's visibility rule: the layer that must be on, and its edition or vintage."""
    rule = {"layer": layer, "edition": edition, "vintage": vintage, "kind": kind}
    return {k: v for k, v in rule.items() if v}


def zoned_vintages(bundle: Bundle) -> list[str]:
    """Vintages whose zoning covers every commune: under them the white base is never seen."""
    index = bundle.communes.index
    return [v for v in bundle.vintages if bool(bundle.zoning[v].reindex(index).isin(ZONES).all())]


def rule_shows(rule: dict[str, str], state: ViewState, zoned: list[str]) -> bool:
    """Whether a trace with ``rule`` is seen in ``state`` (mirrored by ``erbmLive.shows``)."""
    layers = set(state.layers)
    if rule.get("kind") == "base":
        return not (Layer.ZONAGE in layers and state.vintage in zoned)
    if rule.get("kind") == "selection":
        return bool(state.commune)
    return (
        rule["layer"] in layers
        and rule.get("edition", state.edition) == state.edition
        and rule.get("vintage", state.vintage) == state.vintage
    )


def _state_json(state: ViewState) -> dict[str, object]:
    """A view as the browser's map manager takes it."""
    return {
        "edition": state.edition,
        "vintage": state.vintage,
        "layers": list(state.layers),
        "commune": state.commune,
        "epci": state.epci,
    }


def live_visible(figure: go.Figure, state: ViewState) -> frozenset[str]:
    """The uids of the live map's traces seen in ``state``."""
    meta = figure.layout.meta["erbm"]
    return frozenset(uid for uid, rule in meta["rules"].items() if rule_shows(rule, state, meta["zoned"]))


def build_live_map(bundle: Bundle, urls: MapUrls) -> go.Figure:
    """The dashboard's figure: every layer of every edition and vintage, each under a stable uid.

    Traces are listed bottom to top. Nothing here depends on the view: the browser applies it.
    """
    # The traces that do not change with the view are the presentation's figure's.
    reference = build_map(bundle, ViewState(vintage=bundle.latest_vintage), urls)
    traces: list[tuple[str, dict[str, str], go.BaseTraceType]] = [
        ("base", _rule(kind="base"), reference.data[INDEX["base"]])
    ]
    for vintage in bundle.vintages:
        for code, codes in zone_locations(bundle, vintage).items():
            if codes:
                trace = zone_trace(bundle, code, urls).update(locations_props(bundle, codes))
                traces.append((f"zone-{vintage}-{code}", _rule(Layer.ZONAGE, vintage=vintage), trace))
    for kind, edition in itertools.product(("cls", "clsm"), EDITIONS):
        codes = contract_locations(bundle, kind, edition)
        trace = contract_trace(kind, urls).update(locations_props(bundle, codes))
        traces.append((f"{kind}-{edition}", _rule(kind, edition=edition), trace))
    cpts = list(bundle.cpts["insee"].unique())
    if cpts:
        trace = contract_trace("cpts", urls).update(locations_props(bundle, cpts))
        traces.append(("cpts", _rule(Layer.CPTS), trace))
    for name, layer in (
        ("epci", Layer.EPCI),
        ("perimetre", Layer.PERIMETRE),
        *((c, c) for c in CATEGORY_STYLE),
        ("epci-labels", Layer.EPCI),
    ):
        traces.append((name, _rule(layer), reference.data[INDEX[name]]))
    # Every commune, outlined only where the browser sets the ``selected`` feature state: a
    # selection is then drawn in the frame of the click itself, with no new data to tile.
    selection = choropleth_trace(
        "Commune sélectionnée",
        urls.communes,
        "rgba(0,0,0,0)",
        SELECTION_STYLE["line"],
        SELECTION_STYLE["width"],
        hoverinfo="skip",
    )
    selection.update(locations=list(bundle.communes.index), z=[0] * len(bundle.communes))
    traces.append(("selection", _rule(kind="selection"), selection))
    figure = go.Figure()
    for uid, _, trace in traces:
        # Every trace is plotly-visible with its data, so its MapLibre layers exist and are
        # tiled once; the browser switches their opacity or visibility.
        trace.update(uid=uid, visible=True, showlegend=False)
        figure.add_trace(trace)
    # Layers are shown and hidden at once: MapLibre's default 300 ms fade would redraw the map for
    # each of its steps (0.1 s each without a GPU), and any paint change restarts it on all the
    # layer's properties.
    style = (
        {**urls.style, "transition": {"duration": 0, "delay": 0}}
        if isinstance(urls.style, dict)
        else urls.style
    )
    apply_layout(figure, style, home_view(bundle))
    figure.update_layout(
        showlegend=False,
        meta={
            "erbm": {
                "rules": {uid: rule for uid, rule, _ in traces},
                "zoned": zoned_vintages(bundle),
                "geojson": {"communes": urls.communes, "epci": urls.epci},
                "selection": SELECTION_STYLE,
                "maxZoom": MAX_ZOOM,
                "caption": Labels.EXPORT_CAPTION,
                # Until the page's controls report the view, the map shows the default one.
                "initial": _state_json(ViewState(vintage=bundle.latest_vintage)),
            }
        },
    )
    return figure
