"""A deferred library's tag is written inert: same source, a type no browser fetches or runs."""

from __future__ import annotations

from erbm_map.web.deferred import INERT_TYPE, defer_scripts

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
