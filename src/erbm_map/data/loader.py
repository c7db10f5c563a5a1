"""Load and validate the committed data directory into a :class:`Bundle`.

Everything is read and checked here, once, so that a broken file stops the app at
start-up with the file, the line and the problem named, never later in a callback.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from types import MappingProxyType

import geopandas as gpd
import numpy as np
import pandas as pd
import pandera.pandas as pa

from erbm_map.core.contracts import contract_flags
from erbm_map.core.domain import (
    CATEGORY_KIND,
    EDITIONS_FILE,
    ESTABLISHMENT_LAYERS,
    HOSPITALS,
    SYMBOLS_FILE,
    ZONE_ROLES,
    ZONES_FILE,
    Domain,
    build_domain,
)
from erbm_map.core.paths import communes_dir, data_dir, zoning_dir
from erbm_map.core.readings import caveat
from erbm_map.data import geo, schema
from erbm_map.data.bundle import EMPTY_COLLECTION, Bundle, GeoAsset
from erbm_map.data.checks import list_of, one_of
from erbm_map.data.choices import load_map_choices
from erbm_map.data.errors import DataError
from erbm_map.data.mapassets import build_map_assets
from erbm_map.data.pair_checks import check_pairs
from erbm_map.data.places import cited_in
from erbm_map.data.rules import Region, one_cpts_per_commune
from erbm_map.data.tables import FIRST_DATA_LINE, line_of, read_geojson, read_table

ZONING_FILE = re.compile(r"^zonage_(\d{4})\.csv$")
LAMBERT_93 = "EPSG:2154"


def _known_communes(communes: pd.DataFrame) -> pa.Check:
    """The check tables that name a commune share: its code is one of ``communes.geojson``."""
    return one_of(communes.index, "commune inconnue « {value} » (absente de communes.geojson)")


def _communes(base: Path) -> tuple[gpd.GeoDataFrame, GeoAsset]:
    path = communes_dir(base) / geo.COMMUNES.name
    raw, parsed = read_geojson(path)
    if not parsed["features"]:
        raise DataError(path, "aucune commune (relancer « erbm-map build-data »)")
    frame = geo.read_features(path, raw, parsed, geo.COMMUNES)
    bounds = frame.geometry.bounds
    frame[["min_lon", "min_lat", "max_lon", "max_lat"]] = bounds.to_numpy()
    return frame.set_index("insee", drop=False).sort_index(), GeoAsset(raw)


def _zoning(base: Path, communes: pd.DataFrame, domain: Domain) -> pd.DataFrame:
    folder = zoning_dir(base)
    files = sorted(p for p in folder.glob("zonage_*.csv") if ZONING_FILE.match(p.name))
    if not files:
        raise DataError(folder, "aucun fichier de zonage (zonage_<année>.csv)")
    perimeter = communes.index[communes["bassin_minier"].astype(bool)]
    columns = {}
    known = {"insee": _known_communes(communes), "zone": one_of(domain.vintage_codes)}
    for path in files:
        vintage = ZONING_FILE.match(path.name).group(1)
        table = read_table(base, schema.ZONING, name=str(path.relative_to(base)), checks=known)
        zones = table.set_index("insee")["zone"]
        absent = perimeter.difference(zones.index)
        if len(absent):
            raise DataError(path, f"{len(absent)} communes du périmètre sans zone, dont {absent[0]}")
        columns[vintage] = zones
    zoning = pd.DataFrame(columns).reindex(communes.index)
    return zoning.fillna(domain.not_loaded)


def _establishments(base: Path, communes: pd.DataFrame, themes: set[str], domain: Domain) -> pd.DataFrame:
    spec = schema.ESTABLISHMENTS
    path = base / spec.name
    categories = one_of(domain.category_keys)
    region = Region.around(communes).checks()
    checks = {
        "categorie": categories,
        "theme": one_of(themes),
        "editions": list_of(domain.edition_keys),
        **region,
    }
    table = read_table(base, spec, checks=checks)
    imported = read_table(
        base,
        schema.IMPORTED_ESTABLISHMENTS,
        checks={"categorie": categories, "insee": _known_communes(communes), **region},
    )
    if len(imported):
        hall = communes.loc[imported["insee"], ["mairie_lon", "mairie_lat"]].to_numpy()
        no_xy = imported["lon"] == ""
        imported.loc[no_xy, "lon"] = [f"{v:.5f}" for v in hall[no_xy.to_numpy(), 0]]
        imported.loc[no_xy, "lat"] = [f"{v:.5f}" for v in hall[no_xy.to_numpy(), 1]]
        imported.loc[no_xy, "precision"] = "commune"
        imported = imported.assign(
            id="finess-" + imported["finess"].where(imported["finess"] != "", imported.index.astype(str)),
            theme="",
            commune=communes.loc[imported["insee"], "nom"].to_numpy(),
            editions="",
            montant_eur="",
            description="",
            note="",
        )
    # Imported rows carry only what FINESS gives: every other column of the brochure table is
    # empty for them (selecting the brochure's columns by name broke on each new column).
    imported = imported.reindex(columns=table.columns, fill_value="")
    merged = pd.concat([table, imported if len(imported) else None], ignore_index=True)
    merged["lon"] = pd.to_numeric(merged["lon"], errors="coerce")
    merged["lat"] = pd.to_numeric(merged["lat"], errors="coerce")
    merged["montant_eur"] = pd.to_numeric(merged["montant_eur"], errors="coerce")
    located = merged["precision"] != schema.NOT_LOCATED
    dangling = merged.index[located & (merged["insee"] != "") & ~merged["insee"].isin(communes.index)]
    # Establishments just outside the perimeter are allowed: they carry their own town point.
    outside = merged.loc[dangling]
    if len(outside) and (outside["lon"].isna().any() or outside["lat"].isna().any()):
        raise DataError(path, "établissement hors périmètre sans coordonnées", row=line_of(dangling[0]))
    return merged


def _nearest_hospital(communes: gpd.GeoDataFrame, establishments: pd.DataFrame) -> pd.DataFrame:
    """Nearest health establishment to each commune's town hall, in Lambert-93 metres.

    Both sides are town-hall points, so the distance is town to town: honest about
    what we know, since the brochures give towns, not addresses.
    """
    hospitals = establishments[(establishments["categorie"] == HOSPITALS) & establishments["lon"].notna()]
    if hospitals.empty:
        return pd.DataFrame({"nearest_hospital": "", "nearest_hospital_km": np.nan}, index=communes.index)
    h = gpd.GeoSeries(gpd.points_from_xy(hospitals["lon"], hospitals["lat"]), crs="EPSG:4326").to_crs(
        LAMBERT_93
    )
    c = gpd.GeoSeries(
        gpd.points_from_xy(communes["mairie_lon"], communes["mairie_lat"]), crs="EPSG:4326"
    ).to_crs(LAMBERT_93)
    hx, hy = h.x.to_numpy(), h.y.to_numpy()
    dx = c.x.to_numpy()[:, None] - hx[None, :]
    dy = c.y.to_numpy()[:, None] - hy[None, :]
    dist = np.hypot(dx, dy)
    best = dist.argmin(axis=1)
    return pd.DataFrame(
        {
            "nearest_hospital": hospitals["id"].to_numpy()[best],
            "nearest_hospital_km": dist[np.arange(len(best)), best] / 1000.0,
        },
        index=communes.index,
    )


def _neighbours(base: Path) -> GeoAsset:
    """The faint context around the territory; a data directory built without it has none."""
    path = communes_dir(base) / geo.NEIGHBOURS.name
    if not path.exists():
        return GeoAsset(EMPTY_COLLECTION)
    raw, parsed = read_geojson(path)
    geo.read_features(path, raw, parsed, geo.NEIGHBOURS)
    return GeoAsset(raw)


def _symbols(base: Path) -> pd.DataFrame:
    """How each map layer and establishment category is drawn (colours, letters, shapes)."""
    table = read_table(base, schema.SYMBOLS)
    categories = set(table.loc[table["kind"] == CATEGORY_KIND, "key"])
    # Each category is a map layer with its label (erbm_map.core.domain.Layer): the two lists agree.
    if categories != set(ESTABLISHMENT_LAYERS):
        expected = ", ".join(ESTABLISHMENT_LAYERS)
        raise DataError(base / schema.SYMBOLS.name, f"catégories (kind « category ») attendues : {expected}")
    return table.set_index("key", drop=False)


def read_domain(base: Path) -> Domain:
    """Read and check the vocabulary files (zones, editions, symbols) into a :class:`Domain`."""
    return _vocabulary(base)[0]


@cache
def _domain_at(base: Path, stamp: tuple[int, ...]) -> Domain:
    return read_domain(base)


def load_domain(base: Path | None = None) -> Domain:
    """The vocabulary of a data directory (the configured one by default), read once per version.

    For the code that has no bundle (imports, the command line); the app reads it in
    :func:`load_bundle`. A damaged file raises the loader's French ``DataError``.
    """
    root = (base or data_dir()).resolve()
    # Keyed on the files' modification times: an edited file is read again, an unchanged one never.
    stamp = tuple(
        (root / name).stat().st_mtime_ns if (root / name).exists() else 0
        for name in (ZONES_FILE, EDITIONS_FILE, SYMBOLS_FILE)
    )
    return _domain_at(root, stamp)


def _vocabulary(base: Path) -> tuple[Domain, pd.DataFrame, pd.DataFrame]:
    """The domain, with the zones and symbols tables it was typed from (read once, kept by the bundle)."""
    zones = read_table(base, schema.ZONE_TABLE)
    zpath = base / schema.ZONE_TABLE.name
    for role in ZONE_ROLES:
        if (zones["role"] == role).sum() != 1:
            raise DataError(zpath, f"une et une seule zone doit avoir le rôle « {role} »")
    editions = read_table(base, schema.EDITION_TABLE)
    epath = base / schema.EDITION_TABLE.name
    if editions.empty:
        raise DataError(epath, "aucune édition (une ligne par brochure)", row=FIRST_DATA_LINE)
    if list(editions["edition"]) != sorted(editions["edition"]):
        raise DataError(epath, "éditions à ranger de la plus ancienne à la plus récente")
    symbols = _symbols(base)
    domain = build_domain(zones.to_dict("records"), editions.to_dict("records"), symbols.to_dict("records"))
    return domain, zones.set_index("code", drop=False), symbols


def _france_names(base: Path) -> pd.DataFrame | None:
    """Every commune of France (``communes_france.csv``, built by ``build-data``), if built.

    The search names a commune outside the perimeter instead of offering a lookalike.
    """
    if not (base / schema.FRANCE_NAMES.name).exists():
        return None
    return read_table(base, schema.FRANCE_NAMES)


def _boundaries(base: Path) -> tuple[pd.DataFrame, bytes, bytes, int]:
    """(EPCI with their bounding boxes, EPCI and perimeter GeoJSON as read, perimeter features).

    Both files are checked; their text is kept as read, since the map serves it as is.
    """
    epci_path, perimeter_path = communes_dir(base) / geo.EPCI.name, communes_dir(base) / geo.PERIMETER.name
    epci_raw, epci_parsed = read_geojson(epci_path)
    perimeter_raw, perimeter_parsed = read_geojson(perimeter_path)
    epci = geo.read_features(epci_path, epci_raw, epci_parsed, geo.EPCI)
    geo.read_features(perimeter_path, perimeter_raw, perimeter_parsed, geo.PERIMETER)
    epci[["min_lon", "min_lat", "max_lon", "max_lat"]] = epci.geometry.bounds.to_numpy()
    epci = pd.DataFrame(epci.drop(columns="geometry")).set_index("epci_siren", drop=False)
    return epci, epci_raw, perimeter_raw, len(perimeter_parsed["features"])


def _themes(base: Path) -> pd.DataFrame:
    """The themes in their ``order``; there must be one at least (the figures are by theme)."""
    themes = read_table(base, schema.THEMES)
    if themes.empty:
        raise DataError(base / schema.THEMES.name, "aucun thème (une ligne par thème)", row=FIRST_DATA_LINE)
    return themes.assign(order=pd.to_numeric(themes["order"], errors="coerce")).sort_values("order")


def _indicators(base: Path, theme_slugs: set[str], editions: pa.Check) -> pd.DataFrame:
    """The brochure's figures, with their numeric value, their stem and their caveat."""
    indicators = read_table(
        base, schema.INDICATORS, checks={"theme": one_of(theme_slugs), "edition": editions}
    )
    indicators = indicators.assign(
        value=pd.to_numeric(indicators["value"]),
        stem=indicators["id"].str.rsplit(".", n=1).str[0],
        caveat=indicators["note"].map(caveat),
    )
    check_pairs(base / schema.INDICATORS.name, indicators)
    return indicators


def load_bundle(base: Path | None = None) -> Bundle:
    """Read, validate and join the data directory (``$ERBM_DATA`` or ``data/``)."""
    base = (base or data_dir()).resolve()
    domain, zones, symbols = _vocabulary(base)
    communes, communes_asset = _communes(base)
    epci, epci_raw, perimeter_raw, perimeter_features = _boundaries(base)
    themes = _themes(base)
    theme_slugs = set(themes["slug"])
    editions = one_of(domain.edition_keys)
    indicators = _indicators(base, theme_slugs, editions)

    contracts = read_table(base, schema.CONTRACTS, checks={"edition": editions})
    contracts = contracts.assign(caveat=contracts["note"].map(caveat))
    communes = communes.join(contract_flags(communes, contracts, domain.edition_keys))

    aides = read_table(base, schema.AIDES, checks={"zone": one_of(domain.vintage_codes), "edition": editions})
    aides = aides.assign(montant_eur=pd.to_numeric(aides["montant_eur"], errors="coerce"))

    cpts = read_table(base, schema.CPTS, checks={"insee": _known_communes(communes)})
    one_cpts_per_commune(base / schema.CPTS.name, cpts)

    zoning = _zoning(base, communes, domain)
    establishments = _establishments(base, communes, theme_slugs, domain)
    communes = communes.join(_nearest_hospital(communes, establishments))
    map_assets = build_map_assets(communes, zoning, cpts, establishments, epci, domain.edition_keys)
    # The card of an edition names the nearest hospital that edition cites.
    for edition in domain.edition_keys:
        nearest = _nearest_hospital(communes, cited_in(establishments, edition))
        communes = communes.join(nearest.add_suffix(f"_{edition}"))
    communes = pd.DataFrame(communes.drop(columns="geometry"))
    name = "bassin-minier" if communes["bassin_minier"].astype(bool).all() else "hauts-de-france"
    return Bundle(
        communes=communes,
        epci=epci,
        zoning=zoning,
        zones=zones,
        domain=domain,
        aides=aides,
        themes=themes.reset_index(drop=True),
        indicators=indicators,
        contracts=contracts,
        establishments=establishments,
        cpts=cpts,
        communes_geojson=communes_asset,
        epci_geojson=GeoAsset(epci_raw),
        perimeter_geojson=GeoAsset(perimeter_raw),
        perimeter_name=name,
        neighbours_geojson=_neighbours(base),
        map_assets=map_assets,
        symbols=symbols,
        map_choices=load_map_choices(base, tuple(themes["slug"])),
        france_names=_france_names(base),
        meta=MappingProxyType({"base": str(base), "perimeter_features": perimeter_features}),
    )
