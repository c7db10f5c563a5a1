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
from erbm_map.data.schema import ZONES
from erbm_map.figures.geometry import centre_of, spread_points, zoom_for_bounds
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


def locations_props(bundle: Bundle, codes: pd.Index | list[str]) -> dict[str, list]:
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
            put(name, **locations_props(bundle, by_zone[code]))
    for kind in ("cls", "clsm"):
        if "visibility" in parts:
            put(kind, visible=kind in layers)
        if "contracts" in parts:
            put(kind, **locations_props(bundle, contract_locations(bundle, kind, state.edition)))
    if "visibility" in parts:
        put("cpts", visible=Layer.CPTS in layers and not bundle.cpts.empty)
        put("epci", visible=Layer.EPCI in layers)
        put("epci-labels", visible=Layer.EPCI in layers)
        put("perimetre", visible=Layer.PERIMETRE in layers)
        for category in CATEGORY_STYLE:
            put(category, visible=category in layers)
    if "selection" in parts:
        selected = [state.commune] if state.commune in bundle.communes.index else []
        put("selection", visible=bool(selected), **locations_props(bundle, selected))
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


def choropleth_trace(
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


def zone_trace(bundle: Bundle, code: str, urls: MapUrls, **extra: object) -> go.Choroplethmap:
    """The fill of one zoning zone (no communes yet): its colour, label and hover."""
    zone = bundle.zones.loc[code]
    label = str(zone["label"])
    return choropleth_trace(
        label,
        urls.communes,
        str(zone["color"]),
        "#FFFFFF",
        0.6,
        hovertemplate=_hover(label),
        marker_opacity=0.85,
        **extra,
    )


def contract_trace(kind: str, urls: MapUrls, **extra: object) -> go.Choroplethmap:
    """The fill and outline of one kind of contract (CLS, CLSM, CPTS), with no communes yet."""
    style = CONTRACT_STYLE[kind]
    label = str(style["label"])
    return choropleth_trace(
        label,
        urls.communes,
        str(style["fill"]),
        str(style["line"]),
        float(style["width"]),
        hovertemplate=_hover(label),
        **extra,
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


def apply_layout(figure: go.Figure, style: dict | str, view: dict[str, object]) -> None:
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
    vintage = state.vintage or bundle.latest_vintage
    traces: list[go.BaseTraceType] = [
        go.Choroplethmap(
            name=Labels.COMMUNES,
            geojson=urls.communes,
            featureidkey="properties.insee",
            **locations_props(bundle, bundle.communes.index),
            hovertemplate=_hover(),
            colorscale=_uniform("#FFFFFF"),
            showscale=False,
            marker={"line": {"color": "#9E9E9E", "width": 0.6}},
            showlegend=False,
        )
    ]
    title = {"text": Labels.VINTAGE_OPTION.format(vintage=vintage)}
    traces.extend(zone_trace(bundle, c, urls, legendgroup="zonage", legendgrouptitle=title) for c in ZONES)
    traces.extend(contract_trace(kind, urls, legendgroup=kind) for kind in CONTRACT_STYLE)
    cpts = bundle.cpts
    traces[INDEX["cpts"]].update(**locations_props(bundle, list(cpts["insee"].unique())))
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
        choropleth_trace(
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
    apply_layout(figure, urls.style, view_for(bundle, state) or home_view(bundle))
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
