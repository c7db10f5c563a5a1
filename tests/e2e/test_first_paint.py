"""The first thing a user does: open the page and see the map."""

from __future__ import annotations

import pytest

from tests.support.harness import screenshot, wait_map_drawn

pytestmark = pytest.mark.e2e


def test_page_opens_and_map_is_drawn(page, server):
    page.goto(server.url + "/")
    wait_map_drawn(page)
    # The communes are drawn as SVG paths of the map (one per commune, plus context around them).
    rendered = page.locator("#map svg path").count()
    assert rendered > 330, "the communes should be drawn on the map"
    assert page.title() == "Santé dans le bassin minier"
    screenshot(page, "main-view")
