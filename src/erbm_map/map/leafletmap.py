"""The map component, one for the dashboard and the presentation: dash-leaflet through public props.

Each layer is a ``dl.GeoJSON`` reading a versioned GeoJSON URL once. What it shows in a
view is decided by the functions of the map's rule (``assets/21a-map-rule.js``,
``21b-map-style.js``) from the layer's ``hideout``: the view state plus the data they need
(symbols, zone colours, labels), never a rule. A view change is a new ``hideout`` for the
layers whose part of the view changed, and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

import dash_leaflet as dl
import pandas as pd
from dash_extensions.javascript import Namespace

from erbm_map.core.domain import ALL_THEMES, DEFAULT_LAYERS, ESTABLISHMENT_LAYERS, MapLayer
from erbm_map.core.ids import Ids
from erbm_map.core.labels import LAYER_LABELS, Labels
from erbm_map.core.state import ViewState, establishment_shown
from erbm_map.data import Bundle

NS = Namespace("erbmMap")
#: Above this many communes, Leaflet draws on a canvas: SVG keeps one DOM node per polygon.
CANVAS_ABOVE = 1000
#: Room around the territory when it is fitted to the map, in pixels.
HOME_PADDING = (12, 12)
#: A commune brought into view is shown with its neighbours, never closer than this.
PLACE_MAX_ZOOM = 12
#: Map panes, bottom to top (Leaflet's overlay pane is 400, its markers 600).
PANES = {
    MapLayer.NEIGHBOURS: 380,
    "communes": 400,
    "perimetre": 420,
    "epci": 430,
    # Contracts above the outlines: a CLS that covers the whole territory follows its edge.
    "contrats": 450,
    "selection": 460,
}
#: The one pane a click is for: the others draw lines no one clicks. On a canvas (the region)
#: each pane has its own canvas over the ones below, and Leaflet hands a click only to the
#: layers of the canvas it lands on: the panes above the communes let it through.
CLICKED_PANE = "communes"
#: Names above the markers (Leaflet's marker pane is 600, its tooltips 650): a name stays readable.
LABELS_PANE = ("erbm-noms", 620)
#: Markers closer than this on screen (pixels, at scale 1) are grouped into one with a count.
#: A marker is 22 px and a group 28 px: 40 px apart, no two overlap by a quarter.
CLUSTER_RADIUS_PX = 40
#: From this zoom on, every establishment has its own marker: a commune brought into view
#: (``PLACE_MAX_ZOOM``) shows its places fanned out around their town hall.
CLUSTER_MAX_ZOOM = PLACE_MAX_ZOOM - 1
#: Tile basemap, off by default (offline first): set ``ERBM_TILES=osm`` to switch it on.
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_HOST = "https://tile.openstreetmap.org"
OSM_ATTRIBUTION = "© contributeurs OpenStreetMap"


@dataclass(frozen=True)
class MapUrls:
    """Where the browser fetches each layer's GeoJSON (versioned by content hash)."""

    communes: str
    contracts: str
    epci: str
    perimeter: str
    neighbours: str
    establishments: str
    labels: str


def _clean(value: object) -> object:
    return "" if pd.isna(value) else value


def view_json(state: ViewState, seq: int = 0) -> dict[str, object]:
    """A view state as the browser's rule takes it."""
    return {
        "edition": state.edition,
        "vintage": state.vintage,
        "layers": list(state.layers),
        "theme": state.theme,
        "commune": state.commune,
        "epci": state.epci,
        "seq": seq,
    }


def home_bounds(bundle: Bundle) -> list[list[float]]:
    """The territory's bounding box as Leaflet takes it: ``[[south, west], [north, east]]``."""
    c = bundle.communes
    return [
        [float(c["min_lat"].min()), float(c["min_lon"].min())],
        [float(c["max_lat"].max()), float(c["max_lon"].max())],
    ]


def place_bounds(bundle: Bundle, state: ViewState) -> list[list[float]] | None:
    """The box to bring into view for the selected commune, else the selected EPCI."""
    if state.commune in bundle.communes.index:
        row = bundle.communes.loc[state.commune]
    elif state.epci in bundle.epci.index:
        row = bundle.epci.loc[state.epci]
    else:
        return None
    return [[float(row["min_lat"]), float(row["min_lon"])], [float(row["max_lat"]), float(row["max_lon"])]]


def theme_layers(bundle: Bundle) -> dict[str, tuple[str, ...]]:
    """The layers each theme selects: the presentation's chapters' (one mapping for both).

    Sent to the map's rule too (``withThemeLayers``): a theme paints with its layers ahead of
    the server's answer, which proposes the same (``urlsync.theme_proposal``).
    """
    choices = bundle.map_choices
    mapping = {theme: choice.layers for theme, choice in choices.items() if theme in bundle.theme_slugs}
    return {ALL_THEMES: DEFAULT_LAYERS, **mapping}


def map_config(bundle: Bundle, *, marker_scale: float = 1.0) -> dict[str, object]:
    """The data the style rule needs, sent once in every layer's ``hideout``."""
    symbols = {
        key: {k: _clean(row[k]) for k in ("color", "line", "linestyle", "width", "letter", "shape")}
        for key, row in bundle.symbols.iterrows()
    }
    # The layers a view is painted on once they have drawn their data; a layer without features
    # never draws, so it is left out. The neighbours' hideout never changes, but the first view
    # counts as painted only with them drawn.
    with_data = ["communes", "selection", MapLayer.LABELS, "epci", "perimetre", MapLayer.SELECTION_EPCI]
    if bundle.map_assets["carte-contrats"].has_features:
        with_data.append("contrats")
    if bundle.neighbours_geojson.has_features:
        with_data.append(MapLayer.NEIGHBOURS)
    if bundle.establishments["lon"].notna().any():
        with_data.append("etablissements")
    return {
        "zones": {
            code: {"color": str(row["color"]), "label": str(row["label"])}
            for code, row in bundle.zones.iterrows()
        },
        "symbols": symbols,
        "domain": bundle.domain.browser_config(),
        "text": {
            "zone": Labels.MAP_TOOLTIP_ZONE,
            "contracts": Labels.MAP_TOOLTIP_CONTRACTS,
            "none": Labels.MAP_TOOLTIP_NONE,
            "mapKeyboard": Labels.MAP_KEYBOARD,
            "cluster": Labels.MAP_CLUSTER,
            # dash-leaflet's GestureHandling, on a touch screen (assets/21c-map-drive.js).
            "touch": Labels.MAP_TOUCH_HINT,
            "scroll": Labels.MAP_SCROLL_HINT,
            "categories": {layer: LAYER_LABELS[layer] for layer in ESTABLISHMENT_LAYERS},
        },
        "themeCategories": bundle.theme_categories,
        "themeLayers": {theme: list(layers) for theme, layers in theme_layers(bundle).items()},
        "home": {"bounds": home_bounds(bundle), "padding": list(HOME_PADDING)},
        "withData": with_data,
        "markerScale": marker_scale,
    }


def _layer(
    layer_id: str, url: str, hideout: dict, *, clickable: bool = False, **functions: object
) -> dl.GeoJSON:
    props: dict[str, object] = {"id": layer_id, "url": url, "hideout": hideout, **functions}
    if not clickable:
        props["interactive"] = False
    return dl.GeoJSON(**props)


def _pane_layers(urls: MapUrls, hideout: dict, *, interactive: bool) -> dict[str, list[dl.GeoJSON]]:
    """The polygon and line layers, by the pane that stacks them (``PANES``)."""

    def lines(layer_id: str, url: str, key: str) -> dl.GeoJSON:
        return _layer(layer_id, url, hideout, style=NS(f"styles.{key}"), filter=NS(f"filters.{key}"))

    return {
        MapLayer.NEIGHBOURS: [
            _layer(Ids.MAP_NEIGHBOURS, urls.neighbours, hideout, style=NS("styles.voisins"))
        ],
        "communes": [
            _layer(
                Ids.MAP_COMMUNES,
                urls.communes,
                hideout,
                clickable=interactive,
                style=NS("styles.communes"),
                onEachFeature=NS("onEachCommune"),
                eventHandlers={"click": NS("events.commune")},
            ),
        ],
        "contrats": [lines(Ids.MAP_CONTRACTS, urls.contracts, "contrats")],
        "epci": [lines(Ids.MAP_EPCI, urls.epci, "epci")],
        "perimetre": [lines(Ids.MAP_PERIMETER, urls.perimeter, "perimetre")],
        "selection": [
            lines(Ids.MAP_SELECTION, urls.communes, "selection"),
            lines(Ids.MAP_SELECTION_EPCI, urls.epci, "selectionEpci"),
        ],
    }


def _labels_pane(urls: MapUrls, hideout: dict, *, interactive: bool) -> dl.Pane:
    """Town and intercommunality names, above every line."""
    labels = _layer(
        Ids.MAP_LABELS,
        urls.labels,
        hideout,
        clickable=interactive,
        filter=NS("filters.noms"),
        pointToLayer=NS("pointToLayer"),
        onEachFeature=NS("onEachLabel"),
        eventHandlers={"click": NS("events.nom")},
    )
    return dl.Pane([labels], name=LABELS_PANE[0], style={"zIndex": LABELS_PANE[1]})


def view_establishments(bundle: Bundle, state: ViewState) -> dict[str, object]:
    """The establishments a view draws, as the rule hands them to their layer (``establishmentsData``).

    The layout carries the first view's: they draw in the same frames as the other layers,
    where setting them from the browser cost a Dash round and a redraw after the first layer.
    """
    themed = bundle.theme_categories
    shown = [f for f in located_places(bundle) if establishment_shown(f["properties"], state, themed)]
    return {"type": "FeatureCollection", "features": shown}


def located_places(bundle: Bundle) -> list[dict]:
    """The map's establishments, as its file serves them (each with the editions that show it)."""
    return bundle.map_assets["carte-etablissements"].features


def _establishments(hideout: dict, data: dict, *, marker_scale: float, interactive: bool) -> dl.GeoJSON:
    """The establishments, grouped when close (dash-leaflet's clustering).

    Clustering (supercluster) indexes the layer's data and ignores ``filter`` (GeoJSON.ts,
    ``_buildIndex``): ``data`` is the view's establishments, set by the rule for each new view.
    """
    return dl.GeoJSON(
        id=Ids.MAP_ESTABLISHMENTS,
        data=data,
        hideout=hideout,
        filter=NS("filters.etablissements"),
        pointToLayer=NS("pointToLayer"),
        cluster=True,
        clusterToLayer=NS("clusterToLayer"),
        # A click on a group zooms to where it splits; a group that never splits (places at
        # one town hall) is spread around its centre instead (dash-leaflet's spiderfy).
        zoomToBoundsOnClick=True,
        spiderfyOnMaxZoom=True,
        superClusterOptions={
            # extent 256: the radius is in Leaflet's CSS pixels (supercluster's tiles are 512).
            "radius": round(CLUSTER_RADIUS_PX * marker_scale),
            "extent": 256,
            "maxZoom": CLUSTER_MAX_ZOOM,
        },
        eventHandlers={"click": NS("events.etablissement")} if interactive else {},
    )


def create_map(
    bundle: Bundle,
    urls: MapUrls,
    state: ViewState,
    *,
    marker_scale: float = 1.0,
    tiles: bool = False,
    interactive: bool = True,
) -> dl.Map:
    """The map of a view: every layer, each reading its GeoJSON once and styled from ``hideout``."""
    config = {**map_config(bundle, marker_scale=marker_scale), "establishmentsUrl": urls.establishments}
    hideout = {"config": config, "view": view_json(state)}
    in_pane = _pane_layers(urls, hideout, interactive=interactive)
    panes = [
        dl.Pane(
            in_pane[name],
            name=f"erbm-{name}",
            style={"zIndex": z} if name == CLICKED_PANE else {"zIndex": z, "pointerEvents": "none"},
        )
        for name, z in PANES.items()
    ]
    panes.append(_labels_pane(urls, hideout, interactive=interactive))
    establishments = _establishments(
        hideout, view_establishments(bundle, state), marker_scale=marker_scale, interactive=interactive
    )
    children: list[object] = [*panes, establishments, dl.ScaleControl(position="bottomleft", imperial=False)]
    if interactive:
        # On a touch screen the drive puts dash-leaflet's GestureHandling here (one finger
        # scrolls the page, two move the map); a desktop keeps its wheel zoom and mouse drag.
        children.append(dl.LayerGroup(id=Ids.MAP_GESTURES))
    if tiles:
        children.insert(0, dl.TileLayer(url=OSM_TILES, attribution=OSM_ATTRIBUTION, maxZoom=19))
    return dl.Map(
        children,
        id=Ids.MAP,
        bounds=home_bounds(bundle),
        boundsOptions={"padding": list(HOME_PADDING)},
        zoomSnap=0.25,
        zoomDelta=0.5,
        minZoom=7,
        maxZoom=16,
        # Leaflet gives each custom pane its own renderer, of the kind ``preferCanvas`` says.
        preferCanvas=len(bundle.communes) > CANVAS_ABOVE,
        attributionControl=tiles,
        scrollWheelZoom=interactive,
        dragging=interactive,
        doubleClickZoom=interactive,
        keyboard=interactive,
        zoomControl=interactive,
        trackViewport=False,
        className="leaflet-map",
    )
