"""A deferred library's tag is written inert: same source, a type no browser fetches or runs."""

from __future__ import annotations

import re

from erbm_map.app import create_app
from erbm_map.web.assetbundle import asset_bundles
from erbm_map.web.deferred import INERT_TYPE, defer_scripts, legacy_only

GRID = '<script src="/_dash-component-suites/dash_ag_grid/dash_ag_grid.v35_3_0m1.min.js"></script>'
OTHER = '<script src="/_dash-component-suites/dash_leaflet/dash_leaflet.v1_1_3m1.js"></script>'


def test_only_the_named_library_is_deferred():
    written = defer_scripts(OTHER + GRID, {"grids": "dash_ag_grid"})
    assert written == OTHER + (
        f'<script type="{INERT_TYPE}" data-deferred="grids" '
        'src="/_dash-component-suites/dash_ag_grid/dash_ag_grid.v35_3_0m1.min.js"></script>'
    )
    assert not INERT_TYPE.endswith("javascript")


def test_a_library_s_async_chunks_and_other_packages_are_left_alone():
    chunk = '<script src="/_dash-component-suites/dash_ag_grid/async-community.js"></script>'
    assert defer_scripts(chunk + OTHER, {"grids": "dash_ag_grid"}) == chunk + OTHER


def test_dash_s_polyfill_runs_only_in_browsers_without_modules():
    polyfill = '<script src="/_dash-component-suites/dash/deps/polyfill@7.v4_4_1m1.12.1.min.js"></script>'
    assert legacy_only(OTHER + polyfill) == OTHER + polyfill.replace("<script ", "<script nomodule ")
    assert legacy_only(OTHER) == OTHER


def test_the_page_runs_the_polyfill_only_without_modules_and_carries_the_runtime_it_gave():
    page = create_app().server.test_client().get("/").get_data(as_text=True)
    assert re.search(r'<script nomodule src="[^"]*/polyfill@[^"]*"></script>', page)
    assert not re.search(r'<script src="[^"]*/polyfill@', page)
    assert "regeneratorRuntime = runtime" in asset_bundles()[0].body
