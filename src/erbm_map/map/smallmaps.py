"""Small maps drawn by the server: contracts as small multiples, and zoning changes.

A contract (CLS, CLSM) is signed per intercommunality, so on the main map its outline runs
along the EPCI lines and merges with them. Four small maps side by side (each kind × each
edition) answer « who is covered » at a glance: covered communes filled with the
contract's colour, the others blank, the EPCIs outlined. The changes map shows, between two
zoning vintages, the communes that gain eligibility, lose it or change zone.

The shapes are the paper map's (:class:`~erbm_map.map.static_map.MapGeometry`), the
colours the data's (``symbols.csv`` and the domain's palette); no text is drawn in the
image: titles, counts and legends are HTML around it, readable and translatable.
:class:`SmallMaps` draws each image once per data version and keeps it.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections import Counter
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
from matplotlib.figure import Figure

from erbm_map.core.contracts import CONTRACT_KINDS, flag_column
from erbm_map.core.domain import Layer
from erbm_map.core.zoning_changes import ZoningChange, zoning_changes
from erbm_map.data import Bundle
from erbm_map.map.static_map import MapGeometry

#: Pixels per inch of the small maps: sharp at their CSS size on a 2× screen.
DPI = 150
#: Width of a small map, in inches (its height follows the territory's shape).
WIDTH = 3.2
#: Share of the covered fill's opacity: the EPCI lines and commune borders stay visible through it.
FILL_ALPHA = 0.85
#: Kinds of change, in the order of the legend (``imports.changes.ZoningChange.kind``).
CHANGE_KINDS = ("gagne", "perd", "change")
#: Raised when the drawing changes, so that browsers fetch the new images.
REVISION = "1"


@dataclass(frozen=True)
class SmallMap:
    """A drawn small map: the PNG, its size in pixels, and what it counts."""

    png: bytes
    width: int
    height: int
    counts: dict[str, int]
    """Communes drawn per category: ``covered`` for a contract, a change kind for the changes map."""


def perimeter_index(bundle: Bundle) -> pd.Index:
    """INSEE codes of the bassin minier's communes: what the coverage figures count."""
    return bundle.communes.index[bundle.communes["bassin_minier"].astype(bool)]


def covered(bundle: Bundle, kind: str, edition: str) -> pd.Index:
    """INSEE codes of the perimeter's communes covered by ``kind`` in ``edition``.

    The same flag columns as :func:`erbm_map.core.contracts.coverage`, so the map and the figure
    above it count the same communes.
    """
    communes = bundle.communes.loc[perimeter_index(bundle)]
    return communes.index[communes[flag_column(kind, edition)].astype(bool)]


def changes_between(bundle: Bundle, old: str, new: str) -> list[ZoningChange]:
    """The communes whose zone differs between two vintages: the changes list's own rule."""
    return zoning_changes(bundle.zoning[old].to_dict(), bundle.zoning[new].to_dict(), bundle.domain)


def change_colours(bundle: Bundle) -> dict[str, str]:
    """Kind of change -> its colour, from the domain's palette (``symbols.csv``, kind « chart »)."""
    return {kind: bundle.domain.palette[f"evolution-{kind}"] for kind in CHANGE_KINDS}


def data_version(bundle: Bundle) -> str:
    """A hash of everything the small maps draw: the ``?v=`` of their URLs.

    Shapes (their GeoJSON's hashes), contract flags, zonings and the symbols: a new import
    that changes any of them gives new URLs; one that does not keeps the browsers' copies.
    """
    digest = hashlib.sha256(REVISION.encode())
    for asset in (bundle.communes_geojson, bundle.epci_geojson, bundle.perimeter_geojson):
        digest.update(asset.etag.encode())
    flags = [flag_column(kind, edition) for kind in CONTRACT_KINDS for edition in bundle.domain.edition_keys]
    tables = (
        bundle.communes[["bassin_minier", *flags]],
        bundle.zoning,
        bundle.symbols,
        pd.Series(bundle.domain.palette, dtype=str),
    )
    for table in tables:
        digest.update(table.to_csv().encode("utf-8"))
    return digest.hexdigest()[:16]


def _figure(geo: MapGeometry, inside: gpd.GeoDataFrame, fills: pd.Series, bundle: Bundle) -> SmallMap:
    """The perimeter's communes filled with ``fills`` (blank where empty), EPCIs and perimeter outlined."""
    sym, palette = geo.symbols, bundle.domain.palette
    box = geo.perimeter.total_bounds if len(geo.perimeter) else inside.total_bounds
    pad = 0.02 * (box[2] - box[0])
    x0, y0, x1, y1 = box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad
    height = WIDTH * (y1 - y0) / (x1 - x0)
    fig = Figure(figsize=(WIDTH, height), dpi=DPI)
    fig.patch.set_facecolor(palette["fond"])
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    blank = fills.isna()
    base = sym["communes"]
    inside[blank.to_numpy()].plot(ax=ax, facecolor=palette["fond"], edgecolor=base.edge, linewidth=0.3)
    filled = inside[~blank.to_numpy()]
    if not filled.empty:
        filled.plot(
            ax=ax,
            color=fills[~blank].to_list(),
            alpha=FILL_ALPHA,
            edgecolor=base.edge,
            linewidth=0.3,
        )
    epci = geo.epci[geo.epci.index.isin(bundle.communes.loc[inside.index, "epci_siren"])]
    epci.boundary.plot(ax=ax, color=sym[Layer.EPCI].edge, linewidth=0.6)
    if len(geo.perimeter):
        perimeter = sym[Layer.PERIMETRE]
        geo.perimeter.boundary.plot(ax=ax, color=perimeter.edge, linewidth=0.9)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI, facecolor=palette["fond"])
    width_px, height_px = round(WIDTH * DPI), round(height * DPI)
    return SmallMap(png=out.getvalue(), width=width_px, height=height_px, counts={})


def _inside(bundle: Bundle, geo: MapGeometry) -> gpd.GeoDataFrame:
    return geo.communes[geo.communes.index.isin(perimeter_index(bundle))]


def draw_contract_map(bundle: Bundle, geo: MapGeometry, kind: str, edition: str) -> SmallMap:
    """The perimeter with the communes ``kind`` covers in ``edition`` filled in the contract's colour."""
    inside = _inside(bundle, geo)
    hit = inside.index.isin(covered(bundle, kind, edition))
    fills = pd.Series(geo.symbols[kind].edge, index=inside.index).where(hit)
    drawn = _figure(geo, inside, fills, bundle)
    return SmallMap(drawn.png, drawn.width, drawn.height, {"covered": int(hit.sum())})


def draw_changes_map(bundle: Bundle, geo: MapGeometry, old: str, new: str) -> SmallMap:
    """The perimeter with each commune that changes between ``old`` and ``new`` in its kind's colour."""
    inside = _inside(bundle, geo)
    kinds = {change.insee: change.kind for change in changes_between(bundle, old, new)}
    shown = pd.Series(kinds, dtype=object).reindex(inside.index)
    fills = shown.map(change_colours(bundle))
    drawn = _figure(geo, inside, fills, bundle)
    counted = Counter(shown.dropna())
    return SmallMap(drawn.png, drawn.width, drawn.height, {kind: counted[kind] for kind in CHANGE_KINDS})


def contract_map_name(kind: str, edition: str) -> str:
    """The file name of a contract's small map, e.g. ``contrat-cls-<edition>``."""
    return f"contrat-{kind}-{edition}"


def changes_map_name(old: str, new: str) -> str:
    """The file name of the changes map between two vintages."""
    return f"evolution-{old}-{new}"


class SmallMaps:
    """The small maps of one bundle, each drawn on first request and then kept.

    The app is rebuilt for every new data version (``reload.LiveApp``), so the cache lives
    as long as the data it was drawn from; the geometry is read on the first drawing only.
    """

    def __init__(self, bundle: Bundle) -> None:
        self.bundle = bundle
        self.version = data_version(bundle)
        self._geometry: MapGeometry | None = None
        self._drawn: dict[str, SmallMap] = {}
        self._lock = threading.Lock()

    def names(self) -> set[str]:
        """Every small map this bundle can draw."""
        bundle = self.bundle
        found = {
            contract_map_name(kind, edition)
            for kind in CONTRACT_KINDS
            for edition in bundle.domain.edition_keys
        }
        found |= {
            changes_map_name(old, new) for old in bundle.vintages for new in bundle.vintages if old != new
        }
        return found

    def get(self, name: str) -> SmallMap | None:
        """The small map called ``name``, drawn once; None for a name this bundle does not have."""
        if name not in self.names():
            return None
        # One drawing at a time: matplotlib is not shared between threads, and a second
        # request for the same map waits for the first rather than drawing it again.
        with self._lock:
            if name not in self._drawn:
                self._drawn[name] = self._draw(name)
            return self._drawn[name]

    def _draw(self, name: str) -> SmallMap:
        if self._geometry is None:
            self._geometry = MapGeometry.from_bundle(self.bundle)
        for kind in CONTRACT_KINDS:
            for edition in self.bundle.domain.edition_keys:
                if name == contract_map_name(kind, edition):
                    return draw_contract_map(self.bundle, self._geometry, kind, edition)
        for old in self.bundle.vintages:
            for new in self.bundle.vintages:
                if name == changes_map_name(old, new):
                    return draw_changes_map(self.bundle, self._geometry, old, new)
        raise KeyError(name)
