"""Contracts are drawn as bands inside their territory, never on its edge (where the EPCI line is)."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
import shapely

from erbm_map.data.mapassets import BAND_GAP_M, BAND_ORDER, METRIC_CRS, inner_band


def _metric(geometry: shapely.Geometry) -> shapely.Geometry:
    return gpd.GeoSeries([geometry], crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0]


def _features(bundle, name: str) -> list[dict]:
    return json.loads(bundle.map_assets[name].raw)["features"]


@pytest.fixture(scope="module")
def communes(bundle) -> gpd.GeoDataFrame:
    """The communes as the map draws them, with the editions each contract kind covers."""
    return gpd.GeoDataFrame.from_features(_features(bundle, "carte-communes"), crs="EPSG:4326")


def test_every_band_lies_inside_its_territory_clear_of_the_edge(bundle, communes):
    bands = _features(bundle, "carte-contrats")
    assert bands, "the committed data has contracts to draw"
    for feature in bands:
        props = feature["properties"]
        if not props["edition"]:
            continue
        edition = props["edition"]
        covered = communes[[edition in editions for editions in communes[props["layer"]]]]
        assert len(covered) == props["communes"]
        territory = _metric(shapely.union_all(covered.geometry.to_numpy()))
        band = _metric(shapely.geometry.shape(feature["geometry"]))
        assert not band.is_empty
        # Clear of the edge by most of the gap (simplification and rounding eat a little of it).
        assert band.distance(territory.boundary) > BAND_GAP_M / 2
        assert territory.buffer(1).contains(band)
        # A band, not a fill: it covers a small share of its territory.
        assert band.area < 0.5 * territory.area


def test_two_kinds_over_one_territory_draw_two_separate_bands(communes):
    territory = shapely.union_all(communes.geometry.to_numpy())
    first, second = (_metric(inner_band(territory, kind)) for kind in BAND_ORDER[:2])
    assert first.intersection(second).area < 0.01 * min(first.area, second.area)
    outer = _metric(territory).boundary
    assert first.distance(outer) < second.distance(outer)
