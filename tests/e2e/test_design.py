"""Read at a glance (issue 21): a legend on the map that counts, charts that fit a phone, no file path.

Expected counts are read from the data files the server loads, never written here.
"""

from __future__ import annotations

import csv

import pytest

from tests.support.harness import ROOT, make_page, screenshot, wait_idle, wait_map_drawn

pytestmark = pytest.mark.e2e

ZONING = ROOT / "data" / "sources" / "zonage"
PHONE = (390, 844)

#: The part of an element's box outside another's, in px (0 when it lies inside).
OVERFLOW = """([inner, outer]) => {
    const a = document.querySelector(inner).getBoundingClientRect();
    const b = document.querySelector(outer).getBoundingClientRect();
    return Math.max(b.left - a.left, a.right - b.right, b.top - a.top, a.bottom - b.bottom, 0);
}"""

#: Chart titles and subtitles that stick out of their chart's picture: [text, px outside].
TITLES_OUTSIDE = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
    const frame = plot.querySelector('svg.main-svg').getBoundingClientRect();
    return [...plot.querySelectorAll('.gtitle, .gtitle-subtitle')].map(t => {
        const r = t.getBoundingClientRect();
        return [t.textContent, Math.max(frame.left - r.left, r.right - frame.right)];
    }).filter(([text, out]) => text && out > 0.5);
})"""

#: Every piece of text a visitor can see, HTML and chart (SVG) text alike.
VISIBLE_TEXT = """() => [document.body.innerText,
    ...[...document.querySelectorAll('svg text')].map(t => t.textContent)].join('\\n')"""


def latest_zoning() -> tuple[str, dict[str, int]]:
    """The newest vintage the session server loads, and its communes per zone."""
    path = sorted(ZONING.glob("zonage_*.csv"))[-1]
    with path.open(encoding="utf-8") as handle:
        zones = [row["zone"] for row in csv.DictReader(handle)]
    return path.stem.split("_")[1], {z: zones.count(z) for z in set(zones)}


def test_the_legend_inside_the_map_counts_the_zones_of_the_vintage(page, server):
    vintage, counts = latest_zoning()
    page.goto(server.url + "/")
    wait_map_drawn(page)
    assert page.evaluate(OVERFLOW, ["#map-legend", "#map"]) == 0
    legend = page.locator("#map-legend")
    zip_line = legend.locator(".legend-item:visible", has_text="ZIP —").inner_text()
    assert f"{counts['ZIP']} communes" in zip_line and "hab." in zip_line and "%" in zip_line, zip_line
    # The vintage is said once, in the heading over its zones.
    assert legend.inner_text().count(vintage) == 1
    screenshot(page, "legend-on-map")


def test_the_legend_starts_folded_on_a_phone_and_opens_inside_the_map(browser, server):
    _, counts = latest_zoning()
    page, watch = make_page(browser, *PHONE)
    page.goto(server.url + "/")
    wait_map_drawn(page)
    page.wait_for_function("() => !document.getElementById('map-legend').open")
    assert not page.locator("#map-legend .legend-item:visible").count()
    page.locator("#map-legend summary").click()
    page.wait_for_function("() => document.getElementById('map-legend').open")
    assert f"{counts['ZIP']} communes" in page.locator("#map-legend").inner_text()
    assert page.evaluate(OVERFLOW, ["#map-legend", "#map"]) == 0
    assert not watch.errors and not watch.external
    page.context.close()


def test_the_legend_counts_the_vintage_the_map_shows(browser, server_2026):
    """With two zonings, the legend heads and counts the one on the map, and only that one."""
    vintage, counts = latest_zoning()
    page, watch = make_page(browser)
    for query, shown, hidden in (("/", "2026", vintage), (f"/?vintage={vintage}", vintage, "2026")):
        page.goto(server_2026.url + query)
        wait_map_drawn(page)
        text = page.locator("#map-legend").inner_text()
        assert text.count(shown) == 1 and hidden not in text, (query, text)
    zip_line = page.locator("#map-legend .legend-item:visible", has_text="ZIP —").inner_text()
    assert f"{counts['ZIP']} communes" in zip_line
    assert not watch.errors and not watch.external
    page.context.close()


def test_the_changes_tab_is_offered_only_with_two_zonings(browser, server, server_2026):
    for srv, offered in ((server, 0), (server_2026, 1)):
        page, watch = make_page(browser)
        page.goto(srv.url + "/")
        page.locator("#coverage-summary").wait_for()
        wait_idle(page)
        assert page.get_by_label("Évolutions du zonage").count() == offered, srv.url
        assert not watch.errors and not watch.external
        page.context.close()


def test_no_visible_text_names_a_data_file(page, server):
    page.goto(server.url + "/")
    wait_map_drawn(page)
    page.get_by_label("Couverture").check()
    page.locator("#coverage-body .js-plotly-plot").first.wait_for()
    wait_idle(page)
    text = page.evaluate(VISIBLE_TEXT)
    assert "Part de la population couverte" in text
    assert "data/" not in text, [line for line in text.splitlines() if "data/" in line]


def test_chart_titles_fit_a_phone(browser, server_2026):
    page, watch = make_page(browser, *PHONE)
    page.goto(server_2026.url + "/")
    wait_map_drawn(page)
    page.get_by_label("Couverture").check()
    page.locator("#coverage-body .js-plotly-plot").first.wait_for()
    wait_idle(page)
    # Contracts, zones, zones per EPCI (the contracts per EPCI are small maps and a table).
    assert page.locator("#coverage-body .gtitle").count() >= 3
    assert page.evaluate(TITLES_OUTSIDE) == []
    page.get_by_label("Évolutions du zonage").check()
    page.locator("#zoning-changes-chart .js-plotly-plot .gtitle").wait_for()
    wait_idle(page)
    assert page.evaluate(TITLES_OUTSIDE) == []
    page.locator("#zoning-changes-chart").scroll_into_view_if_needed()
    screenshot(page, "sankey-390")
    assert not watch.errors and not watch.external
    page.context.close()
