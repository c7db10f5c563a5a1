"""An elected official on a phone or a tablet: the card first, nothing sideways, the map under two fingers."""

from __future__ import annotations

import pytest

from tests.support.harness import map_bounds, screenshot, wait_map_drawn, watch_page

pytestmark = pytest.mark.e2e

SIZES = [(360, 740), (390, 844), (768, 1024)]

#: Elements wider than the page (outside the map and the grid's scrolled rows), for the message.
TOO_WIDE = """() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
        .filter(e => !e.closest('.leaflet-container'))
        .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > width + 0.5; })
        .slice(0, 10).map(e => e.tagName + '#' + e.id + '.' + String(e.className).slice(0, 40));
}"""

CARD_IN_FIRST_SCREEN = """() => {
    const top = document.querySelector('.commune-panel').getBoundingClientRect().top;
    return document.querySelector('#commune-card-title') && top >= -1 && top < innerHeight;
}"""


def phone_page(browser, width: int, height: int, *, touch: bool = False):
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="fr-FR", has_touch=touch, is_mobile=touch
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page, watch_page(page)


@pytest.fixture
def close_clean():
    """Close the pages a test opened; fail on their console errors or requests leaving the machine."""
    opened = []
    yield opened.append
    for page, watch in opened:
        errors, external = list(watch.errors), list(watch.external)
        page.context.close()
        assert not external, f"requests left the machine: {external}"
        assert not errors, f"console errors: {errors}"


def no_sideways_scroll(page, width: int) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{scroll_width} px of content at {width} px: {page.evaluate(TOO_WIDE)}"


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_shared_link_shows_the_card_first_no_sideways_scroll(browser, server, close_clean, width, height):
    page, watch = phone_page(browser, width, height)
    close_clean((page, watch))
    page.goto(server.url + "/?commune=62498")
    wait_map_drawn(page)
    page.wait_for_function("() => document.querySelector('#commune-card-title')?.innerText === 'Lens'")
    page.wait_for_function(CARD_IN_FIRST_SCREEN)
    # The card comes before the map on the page, not only on the screen.
    card_bottom = page.evaluate("document.querySelector('.commune-panel').getBoundingClientRect().bottom")
    map_top = page.evaluate("document.getElementById('map').getBoundingClientRect().top")
    assert card_bottom <= map_top
    no_sideways_scroll(page, width)
    screenshot(page, f"phone-card-{width}")


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_dashboard_and_table_fit_the_screen(browser, server, close_clean, width, height):
    page, watch = phone_page(browser, width, height)
    close_clean((page, watch))
    page.goto(server.url + "/")
    wait_map_drawn(page)
    no_sideways_scroll(page, width)
    screenshot(page, f"phone-map-{width}")
    page.get_by_text("Tableau des communes").click()
    page.locator("#commune-table .ag-row").first.wait_for()
    no_sideways_scroll(page, width)
    page.locator("#commune-table").scroll_into_view_if_needed()
    screenshot(page, f"phone-table-{width}")


def test_choosing_a_commune_in_the_table_scrolls_to_its_card(browser, server, close_clean):
    page, watch = phone_page(browser, 390, 844)
    close_clean((page, watch))
    page.goto(server.url + "/")
    wait_map_drawn(page)
    page.get_by_text("Tableau des communes").click()
    cell = page.locator("#commune-table .ag-row .ag-cell").first
    cell.wait_for()
    # The row at the top of the screen: the card, which takes its place above the table, is out of sight.
    cell.evaluate("e => e.scrollIntoView({block: 'start'})")
    assert not page.evaluate(CARD_IN_FIRST_SCREEN)
    name = cell.inner_text().strip()
    cell.click()
    page.wait_for_function("(n) => document.querySelector('#commune-card-title')?.innerText === n", arg=name)
    page.wait_for_function(CARD_IN_FIRST_SCREEN)


def test_desktop_card_stays_beside_the_map(page, server):
    page.goto(server.url + "/?commune=62498")
    wait_map_drawn(page)
    page.wait_for_function("() => document.querySelector('#commune-card-title')?.innerText === 'Lens'")
    card = page.locator(".commune-panel").bounding_box()
    frame = page.locator("#map").bounding_box()
    assert card["x"] >= frame["x"] + frame["width"]
    assert page.evaluate("scrollY") == 0


def swipe_up(page, x: float, y: float, distance: float) -> None:
    """One finger dragged upwards through Chromium's input pipeline (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    steps = 10
    for step in range(1, steps + 1):
        point = {"x": x, "y": y - distance * step / steps}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def test_one_finger_scrolls_the_page_two_fingers_move_the_map(browser, server, close_clean):
    page, watch = phone_page(browser, 390, 844, touch=True)
    close_clean((page, watch))
    page.goto(server.url + "/")
    wait_map_drawn(page)
    container = page.locator("#map")
    assert container.evaluate("e => getComputedStyle(e).touchAction") == "pan-x pan-y"
    hint = page.locator("#map-touch-hint")
    assert hint.is_visible()
    assert hint.inner_text().startswith("Utilisez deux doigts pour déplacer la carte")
    hint.scroll_into_view_if_needed()
    screenshot(page, "phone-touch-390")
    page.evaluate("window.scrollTo(0, 0)")
    # The map near the top of the screen, with more page below it to scroll to.
    container.evaluate("e => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 60)")
    page.wait_for_function(
        "() => Math.abs(document.getElementById('map').getBoundingClientRect().top - 60) < 2"
    )
    before = map_bounds(page)
    box = container.bounding_box()
    scroll_before = page.evaluate("scrollY")
    swipe_up(page, box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.8, 150)
    page.wait_for_function("(y) => scrollY > y + 50", arg=scroll_before)
    assert map_bounds(page) == before


def test_a_mouse_still_drags_the_map(page, server):
    """Without a touch screen, the map keeps its one-pointer drag and shows no hint."""
    page.goto(server.url + "/")
    wait_map_drawn(page)
    assert not page.locator("#map-touch-hint").is_visible()
    assert page.locator("#map").evaluate("e => getComputedStyle(e).touchAction") == "none"
