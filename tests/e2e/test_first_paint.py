"""The first thing a user does: open the page and see the map."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot, wait_map_drawn

pytestmark = pytest.mark.e2e


def test_page_opens_and_map_is_drawn(page, server):
    page.goto(server.url + "/")
    wait_map_drawn(page)
    rendered = page.evaluate(
        """() => {
            const sub = document.querySelector('#map .js-plotly-plot')._fullLayout.map._subplot;
            return sub.map.queryRenderedFeatures().length;
        }"""
    )
    assert rendered > 100, "the communes should be rendered as map features"
    assert page.title() == "Santé dans le bassin minier"
    screenshot(page, "main-view")
