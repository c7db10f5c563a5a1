"""Establishments and intercommunality names on the paper map: what sits on top of the areas.

The establishments an edition cites carry a shape and a letter each (never colour alone), fanned
out where several share a town hall; names carry a halo so they read over any fill.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import geopandas as gpd
import pandas as pd
from pyproj import Transformer

from erbm_map.core.domain import ESTABLISHMENT_LAYERS
from erbm_map.core.labels import LAYER_LABELS, Labels
from erbm_map.core.state import ViewState
from erbm_map.data import Bundle
from erbm_map.map.paper import HALO, Frame, Header, fan_out, legend_marker, letter_marker
from erbm_map.map.symbols import Symbol

LAMBERT_93 = "EPSG:2154"


def cited_establishments(bundle: Bundle, edition: str) -> pd.DataFrame:
    """Establishments the edition's brochure cites, and imported ones (FINESS), which no brochure dates."""
    e = bundle.establishments
    editions = e["editions"].fillna("").str.split(";")
    cited = editions.map(lambda values: edition in values)
    imported = e["editions"].fillna("") == ""
    return e[cited | imported]


def draw_establishments(
    ax,
    bundle: Bundle,
    symbols: Mapping[str, Symbol],
    state: ViewState,
    frame: Frame,
    metres_per_point: float,
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
        s = symbols[category]
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


def label_epcis(ax, bundle: Bundle, frame: Frame) -> None:
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
