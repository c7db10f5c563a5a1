"""The GeoJSON files the map reads, derived from the loaded data at start-up.

The map's rule (``assets/21a-map-rule.js``, ``21b-map-style.js``) reads facts from feature
properties: a commune's zone in every loaded vintage, the editions whose CLS or CLSM cover
it, the editions that cite an establishment. Deriving these files from the validated tables at
load time (not at build time) means an import is on the map as soon as the data reloads,
and nothing on the map can disagree with the cards.
"""

from __future__ import annotations

import json
import math
from types import MappingProxyType

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from erbm_map.core.contracts import CONTRACT_KINDS, flag_column
from erbm_map.core.domain import Layer
from erbm_map.data.bundle import GeoAsset

PRECISION = 5
#: Commune names are placed from this zoom on at the latest (Leaflet zooms, 256 px tiles).
LABEL_ZOOMS = range(8, 15)
#: Below these zooms, only towns of at least this population are named: the opening view names
#: the main towns rather than whichever villages happen to have room.
LABEL_MIN_POPULATION = {8: 25_000, 9: 12_000, 10: 4_000, 11: 1_500}
#: Intercommunality names would hide the towns' at the opening view: they come one step closer.
EPCI_LABEL_ZOOM = 10
#: Intercommunality names are bolder and larger than the towns'.
EPCI_CHAR_PX = 7.6
#: Rough size of a label in pixels: width per character, height, and the gap kept between labels.
LABEL_CHAR_PX = 6.6
LABEL_HEIGHT_PX = 15
LABEL_GAP_PX = 4
#: Establishments at one town hall are fanned out on a ring of this radius (pixels, any zoom).
FAN_RADIUS_PX = 15
FAN_STEP_PX = 3
#: A contract is drawn as a band inside its territory's edge, never on the edge itself: CLS and
#: CLSM are signed per intercommunality, so an outline would sit on the EPCI line. Each kind has
#: its own ring, in metres from the edge inwards (CLS outermost), so bands never overlap.
BAND_WIDTH_M = 450
BAND_GAP_M = 100
BAND_ORDER: tuple[str, ...] = (*CONTRACT_KINDS, Layer.CPTS)
#: A metric projection (Lambert-93) for buffering; the map's files stay in WGS 84.
METRIC_CRS = "EPSG:2154"
#: A band is a fill, not a border to follow closely: simplified to 30 m (less than the gap)
#: and rounded to 4 decimals (about 10 m): three quarters of the bytes of the exact rings.
BAND_SIMPLIFY_M = 30
BAND_PRECISION = 4


def _collection(features: list[dict]) -> GeoAsset:
    body = json.dumps(
        {"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":")
    )
    return GeoAsset(body.encode("utf-8"))


def _geometry(geometry: shapely.Geometry, precision: int = PRECISION) -> dict:
    rounded = shapely.transform(geometry, lambda xy: np.round(xy, precision))
    return shapely.geometry.mapping(rounded)


def _point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [round(float(lon), PRECISION), round(float(lat), PRECISION)]}


def _editions_covering(communes: pd.DataFrame, kind: str, editions: tuple[str, ...]) -> list[list[str]]:
    flags = [communes[flag_column(kind, e)].astype(bool).to_numpy() for e in editions]
    return [[e for e, f in zip(editions, row, strict=True) if f] for row in zip(*flags, strict=True)]


def communes_features(
    communes: gpd.GeoDataFrame, zoning: pd.DataFrame, cpts: pd.DataFrame, editions: tuple[str, ...]
) -> GeoAsset:
    """Every commune with what its style and tooltip need: zones by vintage, contracts by edition."""
    zones = zoning.loc[communes.index]
    cls, clsm = (_editions_covering(communes, kind, editions) for kind in CONTRACT_KINDS)
    cpts_names = cpts.groupby("insee")["cpts_nom"].agg(lambda s: sorted(set(s))) if len(cpts) else {}
    features = []
    for i, (insee, row) in enumerate(communes.iterrows()):
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "insee": insee,
                    "nom": row["nom"],
                    "epci": row["epci_siren"],
                    "zones": zones.loc[insee].to_dict(),
                    "cls": cls[i],
                    "clsm": clsm[i],
                    "cpts": list(cpts_names.get(insee, [])),
                    "perimetre": bool(row["bassin_minier"]),
                },
                "geometry": _geometry(row["geometry"]),
            }
        )
    return _collection(features)


def inner_band(area: shapely.Geometry, kind: str) -> shapely.Geometry:
    """The ring of ``area`` that ``kind`` is drawn in: a fixed distance inside the edge.

    The zoning stays visible in the middle, the EPCI line stays alone on the edge, and two
    kinds covering one territory draw two parallel bands instead of one doubled line.
    """
    rank = BAND_ORDER.index(kind)
    start = BAND_GAP_M + rank * (BAND_WIDTH_M + BAND_GAP_M)
    metric = gpd.GeoSeries([area], crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0]
    outer = metric.buffer(-start)
    band = outer.difference(outer.buffer(-BAND_WIDTH_M)).simplify(BAND_SIMPLIFY_M)
    return gpd.GeoSeries([shapely.make_valid(band)], crs=METRIC_CRS).to_crs("EPSG:4326").iloc[0]


def _band_feature(members: gpd.GeoDataFrame, kind: str, properties: dict) -> dict:
    area = shapely.make_valid(shapely.union_all(members.geometry.to_numpy()))
    return {
        "type": "Feature",
        "properties": {"layer": kind, **properties, "communes": len(members)},
        "geometry": _geometry(inner_band(area, kind), BAND_PRECISION),
    }


def contracts_features(communes: gpd.GeoDataFrame, cpts: pd.DataFrame, editions: tuple[str, ...]) -> GeoAsset:
    """A band inside the area each kind of contract covers in each edition (and each CPTS).

    One band per area rather than per commune, so a contract reads as a territory over the
    zoning fill instead of a mesh of commune borders (``inner_band``).
    """
    features = []
    for kind in CONTRACT_KINDS:
        for edition in editions:
            covered = communes[communes[flag_column(kind, edition)].astype(bool)]
            if not covered.empty:
                features.append(_band_feature(covered, kind, {"edition": edition}))
    for name, rows in cpts.groupby("cpts_nom") if len(cpts) else ():
        members = communes[communes.index.isin(rows["insee"])]
        features.append(_band_feature(members, Layer.CPTS, {"edition": "", "nom": name}))
    return _collection(features)


def fan_offsets(frame: pd.DataFrame) -> list[tuple[int, int]]:
    """Pixel offsets that spread points sharing a location on a ring, in a stable order.

    Offsets are in screen pixels, not degrees, so markers stay apart and reachable at
    every zoom (the brochures place establishments at their town hall, several per town).
    """
    key = frame["lon"].round(5).astype(str) + "," + frame["lat"].round(5).astype(str)
    order = frame.assign(_key=key).sort_values(["_key", "id"])
    rank = order.groupby("_key").cumcount()
    size = order.groupby("_key")["_key"].transform("size")
    offsets: dict[object, tuple[int, int]] = {}
    for index, r, n in zip(order.index, rank, size, strict=True):
        if n == 1:
            offsets[index] = (0, 0)
            continue
        radius = FAN_RADIUS_PX + FAN_STEP_PX * max(n - 3, 0)
        angle = 2 * math.pi * r / n - math.pi / 2
        offsets[index] = (round(radius * math.cos(angle)), round(radius * math.sin(angle)))
    return [offsets[i] for i in frame.index]


def establishment_features(establishments: pd.DataFrame, editions: tuple[str, ...]) -> GeoAsset:
    """Located establishments with the editions that cite them (imported ones: every edition)."""
    located = establishments[establishments["lon"].notna() & establishments["lat"].notna()]
    fans = fan_offsets(located)
    features = []
    for (_, row), fan in zip(located.iterrows(), fans, strict=True):
        # Imported places (FINESS) are cited by no brochure: shown in every edition (data.places).
        editions = [e for e in str(row["editions"]).split(";") if e] or list(editions)
        point = _point(row["lon"], row["lat"])
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "id": row["id"],
                    "nom": row["nom"],
                    "categorie": row["categorie"],
                    "theme": row["theme"],
                    "insee": row["insee"],
                    "commune": row["commune"],
                    "editions": editions,
                    "fan": list(fan),
                    # Where the data puts it: a marker a group spread out (dash-leaflet's
                    # spiderfy) stands elsewhere and is not fanned again (``inPlace``).
                    "at": list(point["coordinates"]),
                },
                "geometry": point,
            }
        )
    return _collection(features)


def _pixels(lon: np.ndarray, lat: np.ndarray, zoom: int) -> tuple[np.ndarray, np.ndarray]:
    scale = 256 * 2**zoom
    x = (lon + 180) / 360 * scale
    y = (1 - np.log(np.tan(np.radians(lat)) + 1 / np.cos(np.radians(lat))) / np.pi) / 2 * scale
    return x, y


def label_min_zooms(
    names: list[str],
    lon: np.ndarray,
    lat: np.ndarray,
    priority: np.ndarray,
    *,
    first_zoom: np.ndarray | None = None,
    char_px: np.ndarray | None = None,
) -> list[int]:
    """The zoom from which each label shows without overlapping a label of higher priority.

    Greedy by priority (population for towns) at each zoom, keeping what a lower zoom already
    placed: the main towns are named at the opening view, and names appear as the user zooms
    in. A label is never placed before its ``first_zoom``.
    """
    count = len(names)
    order = np.argsort(-priority, kind="stable")
    first = np.full(count, LABEL_ZOOMS.start) if first_zoom is None else first_zoom
    chars = np.full(count, LABEL_CHAR_PX) if char_px is None else char_px
    width = np.array([len(n) for n in names]) * chars + LABEL_GAP_PX
    height = LABEL_HEIGHT_PX + LABEL_GAP_PX
    minzoom = np.full(count, LABEL_ZOOMS.stop, dtype=int)
    for zoom in LABEL_ZOOMS:
        x, y = _pixels(lon, lat, zoom)
        placed = minzoom <= zoom
        floor = LABEL_MIN_POPULATION.get(zoom, 0)
        for i in order:
            if placed[i] or first[i] > zoom or priority[i] < floor:
                continue
            overlaps = (np.abs(x[i] - x) * 2 < width[i] + width) & (np.abs(y[i] - y) < height) & placed
            if not overlaps.any():
                minzoom[i] = zoom
                placed[i] = True
    return minzoom.tolist()


def label_features(communes: pd.DataFrame, epci: pd.DataFrame) -> GeoAsset:
    """Commune names at their town hall, EPCI names at their label point, each with its first zoom.

    Towns get two first zooms: alone, and beside the intercommunality names (shown with the
    EPCI layer), which come before all but the largest towns from ``EPCI_LABEL_ZOOM`` on.
    """
    lon, lat = communes["mairie_lon"].to_numpy(float), communes["mairie_lat"].to_numpy(float)
    population = communes["population"].to_numpy(float)
    alone = label_min_zooms(list(communes["nom"]), lon, lat, population)
    names = [*communes["nom"], *epci["epci_nom"]]
    all_lon = np.concatenate([lon, epci["label_lon"].to_numpy(float)])
    all_lat = np.concatenate([lat, epci["label_lat"].to_numpy(float)])
    epci_rank = np.full(len(epci), LABEL_MIN_POPULATION[8] - 1.0)
    joint = label_min_zooms(
        names,
        all_lon,
        all_lat,
        np.concatenate([population, epci_rank]),
        first_zoom=np.concatenate(
            [np.full(len(communes), LABEL_ZOOMS.start), np.full(len(epci), EPCI_LABEL_ZOOM)]
        ),
        char_px=np.concatenate([np.full(len(communes), LABEL_CHAR_PX), np.full(len(epci), EPCI_CHAR_PX)]),
    )
    features = [
        {
            "type": "Feature",
            "properties": {"kind": "commune", "insee": insee, "nom": nom, "minzoom": z, "minzoomEpci": zj},
            "geometry": _point(x, y),
        }
        for insee, nom, x, y, z, zj in zip(
            communes.index, communes["nom"], lon, lat, alone, joint, strict=False
        )
    ]
    features.extend(
        {
            "type": "Feature",
            "properties": {"kind": "epci", "epci": siren, "nom": nom, "minzoom": z, "minzoomEpci": z},
            "geometry": _point(x, y),
        }
        for siren, nom, x, y, z in zip(
            epci.index,
            epci["epci_nom"],
            epci["label_lon"],
            epci["label_lat"],
            joint[len(communes) :],
            strict=True,
        )
    )
    return _collection(features)


def build_map_assets(
    communes: gpd.GeoDataFrame,
    zoning: pd.DataFrame,
    cpts: pd.DataFrame,
    establishments: pd.DataFrame,
    epci: pd.DataFrame,
    editions: tuple[str, ...],
) -> MappingProxyType[str, GeoAsset]:
    """Every derived map file, by the name it is served under (``/data/<name>.geojson``)."""
    return MappingProxyType(
        {
            "carte-communes": communes_features(communes, zoning, cpts, editions),
            "carte-contrats": contracts_features(communes, cpts, editions),
            "carte-etablissements": establishment_features(establishments, editions),
            "carte-noms": label_features(communes, epci),
        }
    )
