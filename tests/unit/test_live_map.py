"""The dashboard's live map: one trace per layer, edition and vintage, and the rule that shows them.

The browser applies the same rule (``assets/21-livemap.js``; the browser tests compare the
two); here it is checked against the figure the presentation patches (``trace_updates``),
which was the dashboard's reference before the map moved to the browser.
"""

from __future__ import annotations

import itertools

import plotly.io as pio
import pytest

from erbm_map.figures.basemap import offline_style
from erbm_map.figures.livemap import build_live_map, live_visible
from erbm_map.figures.map import (
    INDEX,
    TRACES,
    MapUrls,
    build_map,
    contract_locations,
    trace_updates,
    zone_locations,
)
from erbm_map.layers import ALL_LAYERS, DEFAULT_LAYERS
from erbm_map.state import ViewState

URLS = MapUrls(
    communes="/data/communes.geojson", epci="/data/epci.geojson", perimeter="/data/perimetre.geojson"
)


@pytest.fixture(scope="module")
def live(bundle):
    return build_live_map(bundle, URLS)


def test_every_trace_has_a_unique_uid_a_rule_and_its_data(live):
    uids = [t.uid for t in live.data]
    assert len(uids) == len(set(uids))
    assert set(uids) == set(live.layout.meta["erbm"]["rules"])
    # plotly must create every trace's layers, with their data, for the browser to switch them.
    assert all(t.visible is True for t in live.data)
    assert not live.layout.showlegend


def test_no_geojson_inlined_and_no_mapbox(live):
    payload = pio.to_json(live)
    assert '"type":"FeatureCollection"' not in payload.replace(" ", "")
    assert {t.type for t in live.data} == {"choroplethmap", "scattermap"}


def test_zone_and_contract_traces_hold_their_communes(bundle, live):
    by_uid = {t.uid: t for t in live.data}
    for vintage in bundle.vintages:
        for code, codes in zone_locations(bundle, vintage).items():
            uid = f"zone-{vintage}-{code}"
            assert list(by_uid[uid].locations) == codes if codes else uid not in by_uid
    for kind, edition in itertools.product(("cls", "clsm"), ("2019", "2024")):
        assert list(by_uid[f"{kind}-{edition}"].locations) == contract_locations(bundle, kind, edition)
    assert len(by_uid["cls-2019"].locations) == 150 and len(by_uid["cls-2024"].locations) == 287


def _reference(bundle, state: ViewState) -> frozenset[str]:
    """The traces the presentation's figure shows in ``state``, under the live map's uids."""
    updates = trace_updates(bundle, state, frozenset({"visibility", "zones", "selection"}))
    shown = set()
    for name in TRACES:
        props = updates.get(INDEX[name], {})
        if not props.get("visible"):
            continue
        if name.startswith("zone-"):
            shown.add(f"zone-{state.vintage}-{name.removeprefix('zone-')}")
        elif name in ("cls", "clsm"):
            shown.add(f"{name}-{state.edition}")
        else:
            shown.add(name)
    return frozenset(shown)


LAYER_SETS = [(), DEFAULT_LAYERS, ALL_LAYERS, ("cls",), ("zonage", "clsm", "dispositif"), ("epci",)]


@pytest.mark.parametrize("layers", LAYER_SETS)
@pytest.mark.parametrize("edition", ["2019", "2024"])
@pytest.mark.parametrize("commune", ["", "62498"])
def test_rule_shows_what_the_reference_figure_shows(bundle, live, layers, edition, commune):
    state = ViewState(edition=edition, vintage=bundle.latest_vintage, layers=layers, commune=commune)
    present = {t.uid for t in live.data}
    assert live_visible(live, state) & present == _reference(bundle, state) & present


def test_default_view_is_the_initial_state(bundle, live):
    initial = live.layout.meta["erbm"]["initial"]
    assert initial["layers"] == list(DEFAULT_LAYERS)
    assert initial["edition"] == "2024" and initial["vintage"] == bundle.latest_vintage
    shown = live_visible(live, ViewState(vintage=bundle.latest_vintage))
    assert "cls-2024" not in shown and "base" not in shown and "sanitaire" in shown
    assert {u for u in shown if u.startswith("zone-")} == {
        f"zone-{bundle.latest_vintage}-{c}"
        for c, v in zone_locations(bundle, bundle.latest_vintage).items()
        if v
    }


def test_only_the_live_map_drops_paint_fades(bundle):
    style = offline_style("/glyphs/{fontstack}/{range}.pbf")
    urls = MapUrls("/c", "/e", "/p", style=style)
    assert build_live_map(bundle, urls).layout.map.style["transition"] == {"duration": 0, "delay": 0}
    # The presentation's figure keeps MapLibre's default, and the shared style is not changed.
    assert "transition" not in style
    assert (
        "transition" not in build_map(bundle, ViewState(vintage=bundle.latest_vintage), urls).layout.map.style
    )
