"""The map: one figure built once, then changed through ``Patch()`` updates.

Every trace has a fixed place in ``figure.data`` (see :data:`TRACES`). A view
change is then a small set of property updates (``visible``, ``locations``)
computed by :func:`trace_updates`; :func:`build_map` applies them to a fresh
figure and :func:`map_patch` to a ``Patch``, so both paths cannot drift apart.
The GeoJSON is referenced by URL: the browser fetches it once and plotly caches it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from dash import Patch

from erbm_map.data import Bundle
from erbm_map.data.schema import EDITIONS, ZONES
from erbm_map.figures.geometry import MAX_ZOOM, centre_of, spread_points, zoom_for_bounds
from erbm_map.fmt import fmt_eur
from erbm_map.labels import Labels
from erbm_map.layers import Layer
from erbm_map.state import ViewState

UIREVISION = "erbm-map"
ZONE_TRACES = tuple(f"zone-{code}" for code in ZONES)
TRACES: tuple[str, ...] = (
    "base",
    *ZONE_TRACES,
    "cls",
    "clsm",
    "cpts",
    "epci",
    "perimetre",
    "sanitaire",
    "medico-social",
    "dispositif",
    "epci-labels",
    "selection",
)
INDEX = {name: i for i, name in enumerate(TRACES)}
#: Establishment look: colour-blind-safe colours (Okabe–Ito), sizes and a letter each,
#: so the category never rests on colour alone.
CATEGORY_STYLE = {
    "sanitaire": {"color": "#0072B2", "size": 15, "letter": "H", "label": Labels.LAYER_SANITAIRE},
    "medico-social": {
        "color": "#009E73",
        "size": 12,
        "letter": "M",
        "label": Labels.LAYER_MEDICO_SOCIAL,
    },
    "dispositif": {"color": "#CC79A7", "size": 10, "letter": "D", "label": Labels.LAYER_DISPOSITIF},
}
CONTRACT_STYLE = {
    "cls": {
        "fill": "rgba(0,114,178,0.28)",
        "line": "#0072B2",
        "width": 2.5,
        "label": Labels.LAYER_CLS,
    },
    "clsm": {
        "fill": "rgba(204,121,167,0.30)",
        "line": "#8E3B6B",
        "width": 2.0,
        "label": Labels.LAYER_CLSM,
    },
    "cpts": {
        "fill": "rgba(0,158,115,0.25)",
        "line": "#00664A",
        "width": 2.0,
        "label": Labels.LAYER_CPTS,
    },
}


@dataclass(frozen=True)
class MapUrls:
    """Where the browser fetches the geometry and, for map text, the glyphs."""

    communes: str
    epci: str
    perimeter: str
    style: dict | str = "white-bg"
    font: str | None = None


def _esc(value: object) -> str:
    """Hover text is rendered by plotly with some HTML; file text must not be."""
    return html.escape(str(value), quote=False)


def _uniform(color: str) -> list[list[object]]:
    return [[0, color], [1, color]]


def _locations(bundle: Bundle, codes: pd.Index | list[str]) -> dict[str, list]:
    """Locations with their z and hover names, always aligned."""
    codes = list(codes)
    names = bundle.communes["nom"].reindex(codes).map(_esc).tolist() if codes else []
    return {"locations": codes, "z": [0] * len(codes), "text": names}


def _hover(suffix: str = "") -> str:
    tail = f"<br>{_esc(suffix)}" if suffix else ""
    return f"<b>%{{text}}</b> (%{{location}}){tail}<extra></extra>"


def zone_locations(bundle: Bundle, vintage: str) -> dict[str, list[str]]:
    """INSEE codes of each zone code for a zoning vintage."""
    zones = bundle.zoning[vintage]
    return {code: list(zones.index[zones == code]) for code in ZONES}


def contract_locations(bundle: Bundle, kind: str, edition: str) -> list[str]:
    """Communes covered by a CLS or CLSM in an edition (flags precomputed at build)."""
    flag = bundle.communes[f"{kind}_{edition}"].astype(bool)
    return list(bundle.communes.index[flag])


#: What a view change can touch; a callback asks only for the parts its inputs changed.
PARTS = frozenset({"visibility", "zones", "contracts", "selection"})


def trace_updates(
    bundle: Bundle, state: ViewState, parts: frozenset[str] = PARTS
) -> dict[int, dict[str, object]]:
    """What differs between views: per trace index, the properties to set.

    ``parts`` limits the update to what changed: a layer toggle only flips
    ``visible`` flags, an edition switch only moves the contract traces.
    """
    layers = set(state.layers)
    vintage = state.vintage or bundle.latest_vintage
    updates: dict[int, dict[str, object]] = {}

    def put(name: str, **props: object) -> None:
        updates.setdefault(INDEX[name], {}).update(props)

    by_zone = zone_locations(bundle, vintage)
    if "visibility" in parts or "zones" in parts:
        # When the zone traces cover every commune, the white base under them is never seen,
        # yet plotly would hand its polygons to MapLibre again on every update, to be re-tiled
        # and redrawn each frame: hidden, it costs nothing (half the polygons in the region).
        zoned = bool(bundle.zoning[vintage].reindex(bundle.communes.index).isin(ZONES).all())
        put("base", visible=not (Layer.ZONAGE in layers and zoned))
    for code, name in zip(ZONES, ZONE_TRACES, strict=True):
        if "visibility" in parts or "zones" in parts:
            put(name, visible=Layer.ZONAGE in layers and bool(by_zone[code]))
        if "zones" in parts:
            put(name, **_locations(bundle, by_zone[code]))
    for kind in ("cls", "clsm"):
        if "visibility" in parts:
            put(kind, visible=kind in layers)
        if "contracts" in parts:
            put(kind, **_locations(bundle, contract_locations(bundle, kind, state.edition)))
    if "visibility" in parts:
        put("cpts", visible=Layer.CPTS in layers and not bundle.cpts.empty)
        put("epci", visible=Layer.EPCI in layers)
        put("epci-labels", visible=Layer.EPCI in layers)
        put("perimetre", visible=Layer.PERIMETRE in layers)
        for category in CATEGORY_STYLE:
            put(category, visible=category in layers)
    if "selection" in parts:
        selected = [state.commune] if state.commune in bundle.communes.index else []
        put("selection", visible=bool(selected), **_locations(bundle, selected))
    return updates


def view_for(bundle: Bundle, state: ViewState) -> dict[str, object] | None:
    """Centre and zoom on the selected commune, else the selected EPCI, else nothing."""
    if state.commune in bundle.communes.index:
        row = bundle.communes.loc[state.commune]
    elif state.epci in bundle.epci.index:
        row = bundle.epci.loc[state.epci]
    else:
        return None
    box = (row["min_lon"], row["min_lat"], row["max_lon"], row["max_lat"])
    return {"center": centre_of(*box), "zoom": zoom_for_bounds(*box)}


def home_view(bundle: Bundle) -> dict[str, object]:
    """The whole territory."""
    c = bundle.communes
    box = (c["min_lon"].min(), c["min_lat"].min(), c["max_lon"].max(), c["max_lat"].max())
    return {"center": centre_of(*box), "zoom": zoom_for_bounds(*box, padding=1.05)}


def _choropleth(
    name: str, geojson: str, fill: str, line: str, width: float, **kwargs: object
) -> go.Choroplethmap:
    return go.Choroplethmap(
        name=name,
        geojson=geojson,
        featureidkey="properties.insee",
        locations=[],
        z=[],
        colorscale=_uniform(fill),
        showscale=False,
        marker={"line": {"color": line, "width": width}},
        **{"showlegend": True, **kwargs},
    )


def _establishment_trace(bundle: Bundle, category: str, font: str | None) -> go.Scattermap:
    style = CATEGORY_STYLE[category]
    rows = bundle.establishments[
        (bundle.establishments["categorie"] == category) & bundle.establishments["lon"].notna()
    ]
    rows = spread_points(rows)
    amounts = [fmt_eur(v) if pd.notna(v) else "montant non précisé" for v in rows["montant_eur"]]
    hover = [
        f"<b>{_esc(n)}</b><br>{_esc(c)}<br>{a}"
        for n, c, a in zip(rows["nom"], rows["commune"], amounts, strict=True)
    ]
    mode = "markers+text" if font else "markers"
    return go.Scattermap(
        name=f"{style['letter']} — {style['label']}",
        lon=rows["lon"],
        lat=rows["lat"],
        mode=mode,
        text=[style["letter"]] * len(rows),
        textfont={"color": "#FFFFFF", "size": 10, **({"family": font} if font else {})},
        marker={"size": style["size"], "color": style["color"]},
        customdata=rows[["id"]].to_numpy(),
        hovertext=hover,
        hoverinfo="text",
        legendgroup="etablissements",
    )


def _layout(figure: go.Figure, style: dict | str, view: dict[str, object]) -> None:
    figure.update_layout(
        map={"style": style, **view},
        uirevision=UIREVISION,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        legend={
            "x": 0.01,
            "y": 0.99,
            "xanchor": "left",
            "yanchor": "top",
            "bgcolor": "rgba(255,255,255,0.92)",
            "bordercolor": "#555555",
            "borderwidth": 1,
            "font": {"size": 12},
            "groupclick": "toggleitem",
        },
        font={"family": "system-ui, sans-serif"},
        separators=", ",
        clickmode="event",
    )


def build_map(bundle: Bundle, state: ViewState, urls: MapUrls) -> go.Figure:
    """The complete figure for the first paint; later changes go through :func:`map_patch`."""
    zones = bundle.zones
    vintage = state.vintage or bundle.latest_vintage
    traces: list[go.BaseTraceType] = [
        go.Choroplethmap(
            name=Labels.COMMUNES,
            geojson=urls.communes,
            featureidkey="properties.insee",
            **_locations(bundle, bundle.communes.index),
            hovertemplate=_hover(),
            colorscale=_uniform("#FFFFFF"),
            showscale=False,
            marker={"line": {"color": "#9E9E9E", "width": 0.6}},
            showlegend=False,
        )
    ]
    for code in ZONES:
        zone = zones.loc[code]
        traces.append(
            _choropleth(
                str(zone["label"]),
                urls.communes,
                str(zone["color"]),
                "#FFFFFF",
                0.6,
                hovertemplate=_hover(str(zone["label"])),
                legendgroup="zonage",
                legendgrouptitle={"text": Labels.VINTAGE_OPTION.format(vintage=vintage)},
                marker_opacity=0.85,
            )
        )
    for kind, style in CONTRACT_STYLE.items():
        traces.append(
            _choropleth(
                str(style["label"]),
                urls.communes,
                str(style["fill"]),
                str(style["line"]),
                float(style["width"]),
                hovertemplate=_hover(str(style["label"])),
                legendgroup=kind,
            )
        )
    cpts = bundle.cpts
    traces[INDEX["cpts"]].update(**_locations(bundle, list(cpts["insee"].unique())))
    epci = bundle.epci
    traces.append(
        go.Choroplethmap(
            name=Labels.LAYER_EPCI,
            geojson=urls.epci,
            featureidkey="properties.epci_siren",
            locations=list(epci.index),
            z=[0] * len(epci),
            colorscale=_uniform("rgba(0,0,0,0)"),
            showscale=False,
            marker={"line": {"color": "#333333", "width": 2.2}},
            hoverinfo="skip",
            showlegend=True,
        )
    )
    traces.append(
        go.Choroplethmap(
            name=Labels.LAYER_PERIMETRE,
            geojson=urls.perimeter,
            featureidkey="properties.nom",
            locations=["Périmètre de la Mission Bassin Minier"],
            z=[0],
            colorscale=_uniform("rgba(0,0,0,0)"),
            showscale=False,
            marker={"line": {"color": "#000000", "width": 3.5}},
            hoverinfo="skip",
        )
    )
    traces.extend(_establishment_trace(bundle, c, urls.font) for c in CATEGORY_STYLE)
    traces.append(
        go.Scattermap(
            name=Labels.LAYER_EPCI,
            lon=epci["label_lon"],
            lat=epci["label_lat"],
            mode="markers+text" if urls.font else "markers",
            marker={"size": 9, "color": "#333333"},
            text=list(epci["epci_nom"]),
            textposition="top center",
            textfont={
                "size": 12,
                "color": "#111111",
                **({"family": urls.font} if urls.font else {}),
            },
            customdata=epci[["epci_siren"]].to_numpy(),
            hovertext=[_esc(n) for n in epci["epci_nom"]],
            hoverinfo="text",
            showlegend=False,
        )
    )
    traces.append(
        _choropleth(
            "Commune sélectionnée",
            urls.communes,
            "rgba(0,0,0,0)",
            "#000000",
            4.0,
            hovertemplate=_hover(),
            showlegend=False,
        )
    )
    figure = go.Figure(data=traces)
    for index, props in trace_updates(bundle, state).items():
        figure.data[index].update(props)
    _layout(figure, urls.style, view_for(bundle, state) or home_view(bundle))
    return figure


def map_patch(bundle: Bundle, state: ViewState, *, recentre: bool, parts: frozenset[str] = PARTS) -> Patch:
    """The smallest update that brings the figure to ``state`` for the ``parts`` that changed."""
    patch = Patch()
    for index, props in trace_updates(bundle, state, parts).items():
        for key, value in props.items():
            patch["data"][index][key] = value
    if "zones" in parts:
        vintage = state.vintage or bundle.latest_vintage
        title = Labels.VINTAGE_OPTION.format(vintage=vintage)
        for name in ZONE_TRACES:
            patch["data"][INDEX[name]]["legendgrouptitle"]["text"] = title
    if recentre:
        view = view_for(bundle, state)
        if view is not None:
            patch["layout"]["map"]["center"] = view["center"]
            patch["layout"]["map"]["zoom"] = view["zoom"]
    return patch


# --- The dashboard's live map -------------------------------------------------------------
#
# Plotly hands every trace back to MapLibre on any update (``setData`` on every source, then
# several frames re-tiled on the CPU when there is no GPU): 0.6 to 1.2 s per click, whatever
# the update. The dashboard therefore builds its figure once with a trace for every layer,
# edition and zoning vintage, each with a stable ``uid``, and the browser shows or hides their
# MapLibre layers directly (assets/21-livemap.js), one or two frames per click. Which trace
# shows in which view is the rule below, written once here and applied by the browser from the
# figure's ``layout.meta``; :func:`live_visible` is its reference, tested against the browser's.

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
    zones = bundle.zones
    # The traces that do not change with the view are the presentation's figure's.
    reference = build_map(bundle, ViewState(vintage=bundle.latest_vintage), urls)
    traces: list[tuple[str, dict[str, str], go.BaseTraceType]] = [
        ("base", _rule(kind="base"), reference.data[INDEX["base"]])
    ]
    for vintage in bundle.vintages:
        for code, codes in zone_locations(bundle, vintage).items():
            if not codes:
                continue
            zone = zones.loc[code]
            trace = _choropleth(
                str(zone["label"]),
                urls.communes,
                str(zone["color"]),
                "#FFFFFF",
                0.6,
                hovertemplate=_hover(str(zone["label"])),
                marker_opacity=0.85,
            )
            trace.update(**_locations(bundle, codes))
            traces.append((f"zone-{vintage}-{code}", _rule(Layer.ZONAGE, vintage=vintage), trace))
    for kind, style in CONTRACT_STYLE.items():
        editions: tuple[str, ...] = EDITIONS if kind != "cpts" else ("",)
        for edition in editions:
            if kind == "cpts":
                codes = list(bundle.cpts["insee"].unique())
                if not codes:
                    continue
            else:
                codes = contract_locations(bundle, kind, edition)
            trace = _choropleth(
                str(style["label"]),
                urls.communes,
                str(style["fill"]),
                str(style["line"]),
                float(style["width"]),
                hovertemplate=_hover(str(style["label"])),
            )
            trace.update(**_locations(bundle, codes))
            uid = f"{kind}-{edition}" if edition else kind
            traces.append((uid, _rule(kind, edition=edition), trace))
    for name, layer in (
        ("epci", Layer.EPCI),
        ("perimetre", Layer.PERIMETRE),
        *((c, c) for c in CATEGORY_STYLE),
        ("epci-labels", Layer.EPCI),
    ):
        traces.append((name, _rule(layer), reference.data[INDEX[name]]))
    # Every commune, outlined only where the browser sets the ``selected`` feature state: a
    # selection is then drawn in the frame of the click itself, with no new data to tile.
    selection = _choropleth(
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
        # tiled once; the browser switches their ``visibility``.
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
    _layout(figure, style, home_view(bundle))
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
