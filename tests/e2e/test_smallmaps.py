"""Issue 21: contracts as small multiples in the coverage tab, zoning changes as a map."""

from __future__ import annotations

import pytest

from erbm_map.core.contracts import CONTRACT_KINDS
from tests.support.harness import make_page, screenshot, wait_map_drawn

pytestmark = pytest.mark.e2e

#: Every image of the selector is loaded and has pixels (not a broken or blocked image).
LOADED = """(selector) => {
  const images = [...document.querySelectorAll(selector)];
  return images.length > 0 && images.every((i) => i.complete && i.naturalWidth > 0);
}"""


@pytest.mark.parametrize("width", [1440, 390])
def test_small_maps_show_in_the_coverage_and_changes_tabs(browser, server_2026, bundle, width):
    page, watch = make_page(browser, width=width, height=900)
    page.goto(server_2026.url + "/")
    wait_map_drawn(page)
    page.get_by_label("Couverture").check()
    maps = page.locator("#panel-coverage .small-map")
    maps.first.wait_for()
    page.wait_for_function(LOADED, arg="#panel-coverage .small-map img")
    assert maps.count() == len(CONTRACT_KINDS) * len(bundle.domain.edition_keys)
    first, latest = bundle.domain.first_edition, bundle.domain.latest_edition
    titles = page.locator("#panel-coverage .small-map-title").all_inner_texts()
    assert f"CLS {latest} · 1\u202f216\u202f227 hab. (91\u202f%)" in titles
    cls_first = page.locator(f"#panel-coverage .small-map[data-kind='CLS'][data-edition='{first}']")
    assert "signés ou en cours d'élaboration" in cls_first.inner_text()
    # Each image fits the panel (no sideways scroll on a phone).
    boxes = [maps.nth(i).locator("img").bounding_box() for i in range(maps.count())]
    assert all(box and box["x"] >= 0 and box["x"] + box["width"] <= width for box in boxes)
    table = page.locator("#panel-coverage .epci-contracts")
    assert (
        table.locator("tbody tr").count()
        == bundle.communes.loc[bundle.communes["bassin_minier"].astype(bool), "epci_siren"].nunique()
    )
    assert page.locator(".chart[data-chart='epci-cls']").count() == 0, "the 0 %/100 % bars are gone"
    page.locator("#panel-coverage .small-maps-block").scroll_into_view_if_needed()
    screenshot(page, f"smallmaps-coverage-{width}")
    table.scroll_into_view_if_needed()
    screenshot(page, f"smallmaps-table-{width}")

    page.get_by_label("Évolutions du zonage").check()
    figure = page.locator("#panel-changes .changes-map")
    figure.wait_for()
    page.wait_for_function(LOADED, arg="#panel-changes .changes-map img")
    counts = {
        item.get_attribute("data-kind"): item.get_attribute("data-count")
        for item in figure.locator("li[data-count]").all()
    }
    summary = page.locator("#zoning-changes p[data-count]")
    summary.wait_for()
    assert sum(int(n) for n in counts.values()) == int(summary.get_attribute("data-count") or 0) > 0
    figure.scroll_into_view_if_needed()
    screenshot(page, f"smallmaps-changes-{width}")
    assert not watch.errors and not watch.external
    page.context.close()
