"""The map as an image made by the server: PNG at 200 dpi or PDF, the same whatever the screen.

:func:`build_static_map` draws a view (:class:`~erbm_map.core.state.ViewState`) with geopandas and
matplotlib's object API (no ``pyplot``, so no global figure state is shared between requests)
in Lambert-93, where a kilometre is a kilometre on the whole territory and the scale bar holds.
Zoning is the fill; CLS and CLSM are hatched bands inside their edge, never tints that blend
nor hatches over the whole area; the establishments the edition cites carry a shape and a
letter each (:mod:`~erbm_map.map.markers`). The look comes from ``sources/symbols.csv`` and
``zones.csv``, the words from :class:`~erbm_map.core.labels.Labels`; the title block and the locator
inset are :mod:`~erbm_map.map.titleblock`'s.

Frames (:data:`~erbm_map.map.paper.FRAMES`): ``page`` (A4 landscape with title block,
legend, locator and sources: the map export) and ``fiche`` (the print sheet's side column: a
message title, the place centred and whole, a locator and the legend below; the sheet prints
the sources).
"""

from __future__ import annotations

import io
import json
import textwrap
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import geopandas as gpd
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from mpl_toolkits.axes_grid1.anchored_artists import AnchoredSizeBar
from shapely.geometry import box

from erbm_map.core.citations import data_sources
from erbm_map.core.domain import ALL_LAYERS, Layer, MapLayer
from erbm_map.core.labels import LAYER_LABELS, Labels
from erbm_map.core.state import ALL_THEMES, ViewState
from erbm_map.data import Bundle
from erbm_map.map.markers import draw_establishments, label_epcis
from erbm_map.map.paper import (
    FRAMES,
    HALO,
    HALO_COLOUR,
    Frame,
    Header,
    area_kw,
    draw_legend,
    fit_box,
    legend_area,
    legend_line,
    nice_km,
)
from erbm_map.map.symbols import Symbol, paper_symbols
from erbm_map.map.titleblock import draw_locator, draw_title_block, layout, neighbours_frame

LAMBERT_93 = "EPSG:2154"
#: Resolution of the PNG: sharp on paper and on a projector.
DPI = 200
FORMATS = ("png", "pdf")
#: Thin hatching, so that the zone colour under a contract stays readable.
RC = {"hatch.linewidth": 0.7, "pdf.fonttype": 42, "svg.fonttype": "none"}
_RENDER_LOCK = threading.Lock()


@dataclass(frozen=True)
class MapGeometry:
    """The bundle's shapes in Lambert-93, prepared once per app (about 0.3 s)."""

    communes: gpd.GeoDataFrame
    epci: gpd.GeoDataFrame
    perimeter: gpd.GeoSeries
    symbols: Mapping[str, Symbol]
    #: The communes around the territory (``voisins.geojson``), for the locator inset.
    neighbours: gpd.GeoDataFrame | None = None

    @classmethod
    def from_bundle(cls, bundle: Bundle) -> MapGeometry:
        """Parse the GeoJSON the browser also gets, and project it."""

        def frame(raw: bytes) -> gpd.GeoDataFrame:
            features = json.loads(raw)["features"]
            return gpd.GeoDataFrame.from_features(features, crs="EPSG:4326").to_crs(LAMBERT_93)

        communes = frame(bundle.communes_geojson.raw)
        communes["insee"] = communes["insee"].astype(str)
        epci = frame(bundle.epci_geojson.raw)
        epci["epci_siren"] = epci["epci_siren"].astype(str)
        return cls(
            communes=communes.set_index("insee", drop=False),
            epci=epci.set_index("epci_siren", drop=False),
            perimeter=frame(bundle.perimeter_geojson.raw).geometry,
            symbols=paper_symbols(bundle.symbols),
            neighbours=neighbours_frame(bundle, LAMBERT_93),
        )


def _base(bundle: Bundle) -> Path | None:
    base = bundle.meta.get("base")
    return Path(base) if base else None


def canonical(bundle: Bundle, state: ViewState) -> ViewState:
    """The view reduced to what the image shows, so equal images share one cache entry.

    The theme does not change the map; the layers are put in their canonical order; a
    selected commune already frames its intercommunality.
    """
    layers = tuple(layer for layer in ALL_LAYERS if layer in state.layers)
    return ViewState(
        edition=bundle.domain.valid_edition(state.edition),
        theme=ALL_THEMES,
        vintage=state.vintage or bundle.latest_vintage,
        layers=layers,
        commune=state.commune,
        epci="" if state.commune else state.epci,
    )


#: Margin around the place, as a share of its size: the EPCI's outline is never cut by the frame.
EPCI_MARGIN = 0.1
#: Around a commune on the sheet: one commune's width of neighbours on each side, room for its name.
COMMUNE_MARGIN = 1.1


def _focus(
    geo: MapGeometry, bundle: Bundle, state: ViewState, frame: Frame
) -> tuple[float, float, float, float]:
    """The box to show: the commune (sheet) or its intercommunality, the chosen one, or the territory."""
    siren = ""
    if frame.focus == "place" and state.commune in geo.communes.index:
        box = geo.communes.loc[[state.commune]].total_bounds
        pad = COMMUNE_MARGIN
        side = max(box[2] - box[0], box[3] - box[1])
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        half = side * (0.5 + pad)
        return cx - half, cy - half, cx + half, cy + half
    if state.commune in bundle.communes.index:
        siren = str(bundle.communes.at[state.commune, "epci_siren"])
    elif state.epci:
        siren = state.epci
    if siren in geo.epci.index:
        box = geo.epci.loc[[siren]].total_bounds
        pad = EPCI_MARGIN
    else:
        box = geo.perimeter.total_bounds if len(geo.perimeter) else geo.communes.total_bounds
        pad = 0.02
    w, h = box[2] - box[0], box[3] - box[1]
    return box[0] - w * pad, box[1] - h * pad, box[2] + w * pad, box[3] + h * pad


def contract_band(shape, outer: float, inner: float):
    """The strip of a shape between ``outer`` and ``inner`` metres inside its edge."""
    return shape.buffer(-outer).difference(shape.buffer(-inner))


def band_kw(symbol: Symbol) -> dict[str, object]:
    """A contract on paper: a hatched strip inside the covered area's edge, no fill and no outline.

    A hatch over the whole area covered up to 90 % of a page and muddied the zones; an
    outline ran on the EPCI lines (contracts are signed per EPCI). The strip leaves the
    zone colours whole and sits inside the edge; its hatch (denser than the file's, since
    the strip is narrow) and its colour tell CLS from CLSM, in grey print too.
    """
    return {"facecolor": "none", "edgecolor": symbol.edge, "linewidth": 0, "hatch": symbol.hatch * 3}


def _draw_areas(ax, bundle: Bundle, geo: MapGeometry, state: ViewState, band: float = 1500.0) -> list[object]:
    """Zoning as the fill; CLS and CLSM as bands inside their edge, CPTS outlined. Their legend rows.

    ``band`` is the strip's width in metres (a few points on paper whatever the zoom).
    """
    sym, layers, communes = geo.symbols, set(state.layers), geo.communes
    vintage = state.vintage or bundle.latest_vintage
    handles: list[object] = []
    base, border = sym["communes"], sym["zone"]
    if Layer.ZONAGE in layers:
        # One collection for every commune, coloured by zone: half the patches of a base plus fills.
        zones = bundle.zoning[vintage].reindex(communes.index).fillna(bundle.domain.not_loaded)
        colours = zones.map(bundle.zones["color"]).fillna(base.face)
        communes.plot(ax=ax, color=colours.to_list(), edgecolor=border.edge, linewidth=border.width)
        handles.append(Header(label=Labels.LEGEND_ZONES.format(vintage=vintage)))
        for code, zone in bundle.zones.iterrows():
            if (zones == code).any():
                swatch = Patch(
                    facecolor=zone["color"], edgecolor=base.edge, linewidth=0.4, label=zone["label"]
                )
                handles.append(swatch)
    else:
        communes.plot(ax=ax, facecolor=base.face, edgecolor=base.edge, linewidth=base.width)
    drawn = 0
    for kind in (Layer.CLS, Layer.CLSM):
        if kind not in layers:
            continue
        flag = bundle.communes[f"{kind}_{state.edition}"].astype(bool)
        covered = communes[flag.reindex(communes.index, fill_value=False).to_numpy()]
        s = sym[kind]
        if not covered.empty:
            # CLS on the outer strip, CLSM on the next one in: both read where both cover.
            strip = contract_band(covered.union_all(), drawn * band, (drawn + 1) * band)
            gpd.GeoSeries([strip], crs=communes.crs).plot(ax=ax, **band_kw(s))
            inner = covered.union_all().buffer(-(drawn + 1) * band).boundary
            gpd.GeoSeries([inner], crs=communes.crs).plot(
                ax=ax, color=s.edge, linewidth=0.5, linestyle=s.linestyle
            )
            drawn += 1
        label = Labels.LEGEND_CONTRACT.format(label=LAYER_LABELS[kind], edition=state.edition)
        handles.append(Patch(**band_kw(s), label=label))
    if Layer.CPTS in layers:
        members = communes[communes.index.isin(bundle.cpts["insee"])]
        if members.empty:
            handles.append(Header(label=Labels.LEGEND_CPTS_EMPTY))
        else:
            members.plot(ax=ax, **area_kw(sym[Layer.CPTS]))
            handles.append(legend_area(sym[Layer.CPTS], LAYER_LABELS[Layer.CPTS]))
    return handles


#: Width of a contract's band on paper, in points: about 1.2 mm, whatever the zoom.
BAND_POINTS = 3.5
#: Over what lies outside the sheet's place: the place stands out whole, its context stays legible.
VEIL = {"facecolor": "white", "alpha": 0.55, "edgecolor": "none", "zorder": 3}


def _draw_neighbours(ax, geo: MapGeometry) -> None:
    """The communes around the territory in faint grey, so the map's edges do not end in white."""
    if geo.neighbours is not None and not geo.neighbours.empty and MapLayer.NEIGHBOURS in geo.symbols:
        s = geo.symbols[MapLayer.NEIGHBOURS]
        geo.neighbours.plot(ax=ax, facecolor=s.face, edgecolor=s.edge, linewidth=s.width)


def _draw_outlines(ax, geo: MapGeometry, state: ViewState, veil: bool = False) -> list[object]:
    """Intercommunalities, the perimeter, then the selection (with a halo, so it reads on any fill).

    With ``veil`` (the sheet), what lies outside the selection is paled, so the place reads whole.
    """
    sym, layers, handles = geo.symbols, set(state.layers), []
    if Layer.EPCI in layers:
        geo.epci.boundary.plot(ax=ax, color=sym[Layer.EPCI].edge, linewidth=sym[Layer.EPCI].width)
        handles.append(legend_line(sym[Layer.EPCI], LAYER_LABELS[Layer.EPCI]))
    if Layer.PERIMETRE in layers:
        s = sym[Layer.PERIMETRE]
        geo.perimeter.boundary.plot(ax=ax, color=s.edge, linewidth=s.width, linestyle=s.linestyle)
        handles.append(legend_line(s, LAYER_LABELS[Layer.PERIMETRE]))
    selection = sym["selection"]
    if state.commune in geo.communes.index:
        shape, label = geo.communes.loc[[state.commune]], Labels.LEGEND_SELECTION
    elif state.epci in geo.epci.index:
        shape, label = geo.epci.loc[[state.epci]], Labels.LEGEND_SELECTION_EPCI
    else:
        return handles
    if veil:
        x0, x1 = ax.get_xlim()
        y0, y1 = ax.get_ylim()
        outside = box(x0, y0, x1, y1).difference(shape.union_all())
        gpd.GeoSeries([outside], crs=shape.crs).plot(ax=ax, **VEIL)
    shape.boundary.plot(ax=ax, color=HALO_COLOUR, linewidth=selection.width + 2, zorder=4)
    shape.boundary.plot(ax=ax, color=selection.edge, linewidth=selection.width, zorder=4)
    handles.append(legend_line(selection, label))
    return handles


def _name_place(ax, bundle: Bundle, geo: MapGeometry, state: ViewState, frame: Frame, shown) -> None:
    """The selected commune's name above its outline (with a halo), never over it."""
    shape = geo.communes.loc[state.commune].geometry
    x0, _, x1, y1 = shape.bounds
    # Above the establishments fanned out around the town hall, when some sit near the top.
    lift = 2.2 * frame.marker if (shown["insee"] == state.commune).any() else 3
    ax.annotate(
        str(bundle.communes.at[state.commune, "nom"]),
        ((x0 + x1) / 2, y1),
        xytext=(0, lift),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=frame.font + 2,
        fontweight="bold",
        path_effects=HALO,
        zorder=8,
        annotation_clip=False,
    )


def _draw(fig: Figure, bundle: Bundle, geo: MapGeometry, state: ViewState, frame: Frame) -> None:
    """Everything on the figure: map, then title block, legend, locator and sources as the frame asks."""
    layers = set(state.layers)
    vintage = state.vintage or bundle.latest_vintage
    top = draw_title_block(fig, bundle, state, frame) - 0.01 if frame.title else 0.995
    map_rect, inset_rect = layout(frame, top)
    ax = fig.add_axes(map_rect)
    ax.set_axis_off()
    ax.set_aspect("equal")
    aspect = (map_rect[2] * frame.width) / (map_rect[3] * frame.height)
    span_x, _ = fit_box(ax, _focus(geo, bundle, state, frame), aspect)
    metres_per_point = span_x / (map_rect[2] * frame.width * 72)

    communes = geo.communes
    band = BAND_POINTS * metres_per_point
    _draw_neighbours(ax, geo)
    handles = _draw_areas(ax, bundle, geo, state, band)
    handles += _draw_outlines(ax, geo, state, veil=frame.focus == "place")
    marker_handles, shown = draw_establishments(ax, bundle, geo.symbols, state, frame, metres_per_point)
    handles.extend(marker_handles)

    if state.commune in communes.index:
        _name_place(ax, bundle, geo, state, frame, shown)
    elif Layer.EPCI in layers and not state.epci:
        label_epcis(ax, bundle, frame)

    _scale_bar(ax, span_x, frame)
    legend = draw_legend(fig, handles, frame, map_rect) if frame.legend != "none" else None
    if legend is not None and frame.legend == "right" and inset_rect:
        # The inset takes the height the legend leaves under it (a long legend leaves less).
        legend_bottom = fig.transFigure.inverted().transform(legend.get_window_extent().p0)[1]
        title_room = 3 * frame.font / (frame.height * 72)
        height = min(inset_rect[3], legend_bottom - title_room - 0.01 - inset_rect[1])
        inset_rect = [inset_rect[0], inset_rect[1], inset_rect[2], height] if height > 0.06 else None
    if frame.inset and inset_rect:
        x0, x1 = ax.get_xlim()
        y0, y1 = ax.get_ylim()
        width = 60 if frame.legend == "right" else 22
        draw_locator(fig, inset_rect, geo, (x0, y0, x1, y1), bundle.domain.palette, frame.font, width)
    if frame.sources:
        _sources_line(fig, bundle, vintage)


def _scale_bar(ax, span_x: float, frame: Frame) -> None:
    """A round number of kilometres in the lower left corner, sized for the map's width."""
    km = nice_km(span_x)
    ax.add_artist(
        AnchoredSizeBar(
            ax.transData,
            km * 1000,
            Labels.SCALE_KM.format(km=km),
            loc="lower left",
            frameon=True,
            size_vertical=span_x / 400,
            fontproperties={"size": frame.font},
            pad=0.4,
            borderpad=0.6,
        )
    )


def _sources_line(fig: Figure, bundle: Bundle, vintage: str) -> None:
    """The sources of the vintage's data, and what the locations are, under the map."""
    text = (
        Labels.SOURCES_LINE.format(sources=" ; ".join(data_sources(bundle.domain, vintage)))
        + ". "
        + Labels.LOCATION_NOTE
    )
    ink = bundle.domain.palette["legende"]
    fig.text(0.01, 0.07, textwrap.fill(text, 200), fontsize=6.5, va="top", color=ink)


def draw_static_map(
    bundle: Bundle, state: ViewState, *, frame: str = "page", geometry: MapGeometry | None = None
) -> Figure:
    """The view drawn on a matplotlib figure (not saved): what :func:`build_static_map` writes."""
    geo = geometry or MapGeometry.from_bundle(bundle)
    chosen = FRAMES[frame]
    if chosen.commune_height and state.commune:
        chosen = replace(chosen, height=chosen.commune_height)
    with rc_context(RC):
        fig = Figure(figsize=(chosen.width, chosen.height), dpi=DPI)
        fig.patch.set_facecolor("white")
        _draw(fig, bundle, geo, canonical(bundle, state), chosen)
    return fig


def build_static_map(
    bundle: Bundle,
    state: ViewState,
    fmt: str = "png",
    *,
    frame: str = "page",
    geometry: MapGeometry | None = None,
) -> bytes:
    """The view as PNG (200 dpi) or PDF bytes; ``geometry`` saves re-reading the shapes."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    out = io.BytesIO()
    # No creation date in the PDF: the same view gives the same bytes.
    metadata = {"Title": Labels.TITLE, "CreationDate": None} if fmt == "pdf" else {"Title": Labels.TITLE}
    # rcParams are process-wide: one render at a time sets and reads them.
    with _RENDER_LOCK, rc_context(RC):
        fig = draw_static_map(bundle, state, frame=frame, geometry=geometry)
        fig.savefig(out, format=fmt, dpi=DPI, facecolor="white", metadata=metadata)
    return out.getvalue()
