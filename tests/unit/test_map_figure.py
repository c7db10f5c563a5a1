"""The map figure and its patches, built from the real bundle."""

from __future__ import annotations

import json

import plotly.io as pio
import pytest

from erbm_map.figures.geometry import spread_points, zoom_for_bounds
from erbm_map.figures.map import INDEX, PARTS, TRACES, MapUrls, build_map, map_patch, trace_updates
from erbm_map.state import ViewState

URLS = MapUrls(
    communes="/data/communes.geojson", epci="/data/epci.geojson", perimeter="/data/perimetre.geojson"
)


@pytest.fixture(scope="module")
def figure(bundle):
    return build_map(bundle, ViewState(vintage="2025"), URLS)


def test_one_trace_per_slot(figure):
    assert len(figure.data) == len(TRACES)
    assert figure.layout.uirevision == "erbm-map"


def test_geojson_is_referenced_by_url_not_inlined(figure):
    payload = pio.to_json(figure)
    assert '"type":"FeatureCollection"' not in payload.replace(" ", "")
    assert all(isinstance(t.geojson, str) for t in figure.data if t.type == "choroplethmap")


def test_no_deprecated_mapbox_traces(figure):
    assert {t.type for t in figure.data} <= {"choroplethmap", "scattermap"}


def test_zone_traces_partition_the_communes(figure, bundle):
    located = [
        loc for name in TRACES if name.startswith("zone-") for loc in figure.data[INDEX[name]].locations
    ]
    assert sorted(located) == sorted(bundle.communes.index)


def test_hover_names_are_aligned_with_locations(figure, bundle):
    zip_trace = figure.data[INDEX["zone-ZIP"]]
    assert len(zip_trace.text) == len(zip_trace.locations) > 0
    for insee, name in zip(zip_trace.locations, zip_trace.text, strict=True):
        assert (
            bundle.communes.at[insee, "nom"].replace("'", "&#x27;") == name
            or bundle.communes.at[insee, "nom"] == name
        )


def test_layer_toggle_only_touches_visibility(bundle):
    updates = trace_updates(bundle, ViewState(vintage="2025", layers=("cls",)), frozenset({"visibility"}))
    assert all(set(props) == {"visible"} for props in updates.values())
    assert updates[INDEX["cls"]]["visible"] is True
    assert updates[INDEX["zone-ZIP"]]["visible"] is False


def test_edition_moves_contract_coverage(bundle):
    old = trace_updates(bundle, ViewState(edition="2019", vintage="2025"), frozenset({"contracts"}))
    new = trace_updates(bundle, ViewState(edition="2024", vintage="2025"), frozenset({"contracts"}))
    assert len(old[INDEX["cls"]]["locations"]) == 150 and len(new[INDEX["cls"]]["locations"]) == 287


def test_patch_is_small_and_a_patch(bundle):
    state = ViewState(vintage="2025", layers=("zonage", "cls"), commune="62498")
    for parts in [frozenset({p}) for p in PARTS]:
        patch = map_patch(bundle, state, recentre=True, parts=parts)
        body = json.dumps(patch.to_plotly_json())
        assert "__dash_patch_update" in body
        assert len(body) < 20_000, parts
    # Opening a link sets everything at once: still a patch, never the whole figure.
    assert len(json.dumps(map_patch(bundle, state, recentre=True).to_plotly_json())) < 40_000


def test_selection_recentres_on_the_commune(bundle):
    patch = map_patch(
        bundle, ViewState(vintage="2025", commune="62498"), recentre=True, parts=frozenset({"selection"})
    )
    ops = patch.to_plotly_json()["operations"]
    centre = next(op for op in ops if op["location"] == ["layout", "map", "center"])
    assert 2.7 < centre["params"]["value"]["lon"] < 2.9 and 50.4 < centre["params"]["value"]["lat"] < 50.5


def test_zoom_grows_as_the_box_shrinks():
    assert zoom_for_bounds(2.0, 50.0, 4.0, 51.0) < zoom_for_bounds(2.8, 50.4, 2.9, 50.45) <= 11.5


def test_points_in_one_town_are_spread_apart():
    import pandas as pd

    frame = pd.DataFrame(
        {"id": ["a", "b", "c"], "insee": ["1", "1", "2"], "lon": [3.0, 3.0, 3.5], "lat": [50.0, 50.0, 50.2]}
    )
    spread = spread_points(frame).set_index("id")
    assert (spread.loc["a", "lon"], spread.loc["a", "lat"]) != (
        spread.loc["b", "lon"],
        spread.loc["b", "lat"],
    )
    assert (spread.loc["c", "lon"], spread.loc["c", "lat"]) == (3.5, 50.2)
