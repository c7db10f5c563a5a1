"""The map as an image made by the server: PNG at 200 dpi or PDF, the same whatever the screen.

:func:`build_static_map` draws a view (:class:`~erbm_map.core.state.ViewState`) with geopandas and
matplotlib's object API (no ``pyplot``, so no global figure state is shared between requests)
in Lambert-93, where a kilometre is a kilometre on the whole territory and the scale bar holds.
Zoning is the fill; CLS and CLSM are hatched outlines on top, never tints that blend; the
establishments the edition cites carry a shape and a letter each. The look comes from
``sources/symbols.csv`` and ``zones.csv``, the words from :class:`~erbm_map.core.labels.Labels`.

Two frames: ``page`` (A4 landscape with title, legend and sources: the map export) and
``fiche`` (a small map with its legend below, for the print sheet, which prints the sources).
"""

from __future__ import annotations

import io
import json
import textwrap
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
from matplotlib import patheffects, rc_context
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from mpl_toolkits.axes_grid1.anchored_artists import AnchoredSizeBar
from pyproj import Transformer

from erbm_map.core.citations import data_sources
from erbm_map.core.domain import ALL_LAYERS, ESTABLISHMENT_LAYERS, Layer
from erbm_map.core.labels import LAYER_LABELS, Labels
from erbm_map.core.state import ALL_THEMES, ViewState
from erbm_map.data import Bundle
from erbm_map.map.paper import (
    FRAMES,
    Frame,
    Header,
    area_kw,
    draw_legend,
    fan_out,
    fit_box,
    legend_area,
    legend_line,
    legend_marker,
    letter_marker,
    nice_km,
)
from erbm_map.map.symbols import Symbol, paper_symbols

LAMBERT_93 = "EPSG:2154"
#: Resolution of the PNG: sharp on paper and on a projector.
DPI = 200
FORMATS = ("png", "pdf")
#: Thin hatching, so that the zone colour under a contract stays readable.
RC = {"hatch.linewidth": 0.7, "pdf.fonttype": 42, "svg.fonttype": "none"}
_RENDER_LOCK = threading.Lock()
#: Under text and the selection outline, so both read on any fill.
HALO_COLOUR = "white"
HALO = [patheffects.withStroke(linewidth=2.2, foreground=HALO_COLOUR)]


@dataclass(frozen=True)
class MapGeometry:
    """The bundle's shapes in Lambert-93, prepared once per app (about 0.3 s)."""

    communes: gpd.GeoDataFrame
    epci: gpd.GeoDataFrame
    perimeter: gpd.GeoSeries
    symbols: Mapping[str, Symbol]

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


def map_title(bundle: Bundle, state: ViewState) -> str:
    """« Zonage médecins généralistes, … — édition 2024 (bilan 2017-2024), zonage en vigueur en 2025 »."""
    shown = [LAYER_LABELS[layer] for layer in state.layers if layer != Layer.PERIMETRE]
    return Labels.STATIC_TITLE.format(
        layers=", ".join(shown) if shown else Labels.STATIC_NO_LAYER,
        edition=bundle.domain.edition_label(state.edition),
        vintage=state.vintage or bundle.latest_vintage,
    )


def place_title(bundle: Bundle, state: ViewState) -> str:
    """The selected commune (in its EPCI) or EPCI, or the territory's name."""
    if state.commune in bundle.communes.index:
        row = bundle.communes.loc[state.commune]
        return Labels.STATIC_PLACE_COMMUNE.format(name=row["nom"], epci=row["epci_nom"])
    if state.epci in bundle.epci.index:
        return str(bundle.epci.at[state.epci, "epci_nom"])
    return Labels.SUBTITLE


def cited_establishments(bundle: Bundle, edition: str) -> pd.DataFrame:
    """Establishments the edition's brochure cites, and imported ones (FINESS), which no brochure dates."""
    e = bundle.establishments
    editions = e["editions"].fillna("").str.split(";")
    cited = editions.map(lambda values: edition in values)
    imported = e["editions"].fillna("") == ""
    return e[cited | imported]


def _focus(geo: MapGeometry, bundle: Bundle, state: ViewState) -> tuple[float, float, float, float]:
    """The box to show: the commune's intercommunality, the chosen one, or the whole territory."""
    siren = ""
    if state.commune in bundle.communes.index:
        siren = str(bundle.communes.at[state.commune, "epci_siren"])
    elif state.epci:
        siren = state.epci
    if siren in geo.epci.index:
        box = geo.epci.loc[[siren]].total_bounds
        pad = 0.06
    else:
        box = geo.perimeter.total_bounds if len(geo.perimeter) else geo.communes.total_bounds
        pad = 0.02
    w, h = box[2] - box[0], box[3] - box[1]
    return box[0] - w * pad, box[1] - h * pad, box[2] + w * pad, box[3] + h * pad


def _draw_areas(ax, bundle: Bundle, geo: MapGeometry, state: ViewState) -> list[object]:
    """Zoning as the fill; CLS, CLSM and CPTS hatched or outlined over it. Returns their legend rows."""
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
    for kind in (Layer.CLS, Layer.CLSM):
        if kind not in layers:
            continue
        flag = bundle.communes[f"{kind}_{state.edition}"].astype(bool)
        covered = communes[flag.reindex(communes.index, fill_value=False).to_numpy()]
        if not covered.empty:
            gpd.GeoSeries([covered.union_all()], crs=communes.crs).plot(ax=ax, **area_kw(sym[kind]))
        label = Labels.LEGEND_CONTRACT.format(label=LAYER_LABELS[kind], edition=state.edition)
        handles.append(legend_area(sym[kind], label))
    if Layer.CPTS in layers:
        members = communes[communes.index.isin(bundle.cpts["insee"])]
        if members.empty:
            handles.append(Header(label=Labels.LEGEND_CPTS_EMPTY))
        else:
            members.plot(ax=ax, **area_kw(sym[Layer.CPTS]))
            handles.append(legend_area(sym[Layer.CPTS], LAYER_LABELS[Layer.CPTS]))
    return handles


def _draw_outlines(ax, geo: MapGeometry, state: ViewState) -> list[object]:
    """Intercommunalities, the perimeter, then the selection (with a halo, so it reads on any fill)."""
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
    shape.boundary.plot(ax=ax, color=HALO_COLOUR, linewidth=selection.width + 2)
    shape.boundary.plot(ax=ax, color=selection.edge, linewidth=selection.width)
    handles.append(legend_line(selection, label))
    return handles


def _draw(fig: Figure, bundle: Bundle, geo: MapGeometry, state: ViewState, frame: Frame) -> None:
    """Everything on the figure: map, then title, legend and sources as the frame asks."""
    layers = set(state.layers)
    vintage = state.vintage or bundle.latest_vintage
    top = 0.83 if frame.title else 0.995
    bottom = 0.09 if frame.sources else 0.005
    if frame.legend == "right":
        map_rect = [0.01, bottom, 0.70, top - bottom]
    elif frame.legend == "below":
        map_rect = [0.005, 0.40, 0.99, 0.595]
    else:
        map_rect = [0.005, bottom, 0.99, top - bottom]
    ax = fig.add_axes(map_rect)
    ax.set_axis_off()
    ax.set_aspect("equal")
    aspect = (map_rect[2] * frame.width) / (map_rect[3] * frame.height)
    span_x, _ = fit_box(ax, _focus(geo, bundle, state), aspect)
    metres_per_point = span_x / (map_rect[2] * frame.width * 72)

    communes = geo.communes
    handles = _draw_areas(ax, bundle, geo, state) + _draw_outlines(ax, geo, state)
    marker_handles, shown = _draw_establishments(ax, bundle, geo, state, frame, metres_per_point)
    handles.extend(marker_handles)

    if state.commune in communes.index:
        point = communes.loc[state.commune].geometry.representative_point()
        ax.annotate(
            str(bundle.communes.at[state.commune, "nom"]),
            (point.x, point.y),
            # Above the establishments fanned out around the town hall, when there are some.
            xytext=(0, 2.2 * frame.marker if (shown["insee"] == state.commune).any() else 0),
            textcoords="offset points",
            ha="center",
            fontsize=frame.font + 2,
            fontweight="bold",
            path_effects=HALO,
            zorder=8,
        )
    elif Layer.EPCI in layers and not state.epci:
        _label_epcis(ax, bundle, frame)

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

    if frame.title:
        fig.text(0.01, 0.965, Labels.TITLE, fontsize=15, fontweight="bold", va="top")
        subtitle = textwrap.fill(map_title(bundle, state), 150) + "\n" + place_title(bundle, state)
        fig.text(0.01, 0.93, subtitle, fontsize=10, va="top", linespacing=1.5)
    if frame.legend != "none":
        draw_legend(fig, handles, frame, map_rect)
    if frame.sources:
        text = (
            Labels.SOURCES_LINE.format(sources=" ; ".join(data_sources(bundle.domain, vintage)))
            + ". "
            + Labels.LOCATION_NOTE
        )
        ink = bundle.domain.palette["legende"]
        fig.text(0.01, 0.07, textwrap.fill(text, 200), fontsize=6.5, va="top", color=ink)


def _draw_establishments(
    ax, bundle: Bundle, geo: MapGeometry, state: ViewState, frame: Frame, metres_per_point: float
) -> tuple[list[object], pd.DataFrame]:
    """The edition's establishments as a shape and a letter each, fanned out; their legend rows."""
    layers = set(state.layers)
    markers = [c for c in ESTABLISHMENT_LAYERS if c in layers]
    if not markers:
        return [], pd.DataFrame({"insee": []})
    handles: list[object] = [Header(label=Labels.LEGEND_ESTABLISHMENTS.format(edition=state.edition))]
    rows = cited_establishments(bundle, state.edition)
    rows = rows[rows["categorie"].isin(markers) & rows["lon"].notna()]
    if rows.empty:
        rows = rows.assign(x=[], y=[])
    else:
        xy = gpd.GeoSeries(gpd.points_from_xy(rows["lon"], rows["lat"]), crs="EPSG:4326").to_crs(LAMBERT_93)
        rows = fan_out(
            rows.assign(x=xy.x.to_numpy(), y=xy.y.to_numpy()), frame.marker * 1.5 * metres_per_point
        )
    for category in markers:
        s = geo.symbols[category]
        mine = rows[rows["categorie"] == category]
        label = f"{s.letter} — {LAYER_LABELS[category]}"
        if mine.empty:
            handles.append(
                (*legend_marker(s, frame.marker * 1.1), Labels.LEGEND_NONE_CITED.format(label=label))
            )
            continue
        kw = {"zorder": 5, "linewidth": s.width}
        ax.scatter(
            mine["x"], mine["y"], s=frame.marker**2, marker=s.marker, facecolor=s.face, edgecolor=s.edge, **kw
        )
        letter = letter_marker(s.letter)
        ax.scatter(mine["x"], mine["y"], s=(frame.marker * 0.55) ** 2, marker=letter, color="white", zorder=6)
        handles.append((*legend_marker(s, frame.marker * 1.1), label))
    return handles, rows


def _label_epcis(ax, bundle: Bundle, frame: Frame) -> None:
    """Intercommunality names at their label points, with a halo so they read over any fill.

    In a regional build only those of the bassin minier are named: a hundred names would
    cover the map.
    """
    epci = bundle.epci
    mining = bundle.communes.loc[bundle.communes["bassin_minier"].astype(bool), "epci_siren"]
    if len(mining) < len(bundle.communes):
        epci = epci[epci.index.isin(mining)]
    to_l93 = Transformer.from_crs("EPSG:4326", LAMBERT_93, always_xy=True)
    xs, ys = to_l93.transform(epci["label_lon"].to_numpy(), epci["label_lat"].to_numpy())
    for name, x, y in zip(epci["epci_nom"], xs, ys, strict=True):
        ax.text(
            x,
            y,
            textwrap.fill(str(name), 22),
            ha="center",
            va="center",
            fontsize=frame.font - 1.5,
            path_effects=HALO,
            zorder=7,
        )


def draw_static_map(
    bundle: Bundle, state: ViewState, *, frame: str = "page", geometry: MapGeometry | None = None
) -> Figure:
    """The view drawn on a matplotlib figure (not saved): what :func:`build_static_map` writes."""
    geo = geometry or MapGeometry.from_bundle(bundle)
    chosen = FRAMES[frame]
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
