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


def swipe_up(page, x: float, y: float, distance: float, fingers: int = 1, before_lift=None) -> None:
    """Fingers 80 px apart dragged upwards together through Chromium's input pipeline (DevTools
    protocol); ``before_lift()`` runs while they are still on the screen."""
    steps = 10
    cdp = page.context.new_cdp_session(page)
    for step in range(steps + 1):
        points = [
            {"x": x + 80 * (n - (fingers - 1) / 2), "y": y - distance * step / steps, "id": n}
            for n in range(fingers)
        ]
        cdp.send(
            "Input.dispatchTouchEvent", {"type": "touchMove" if step else "touchStart", "touchPoints": points}
        )
    if before_lift:
        before_lift()
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def map_near_the_top(page) -> dict[str, float]:
    """Scroll the map to 60 px below the top of the screen, more page below it; its box."""
    container = page.locator("#map")
    container.evaluate("e => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 60)")
    page.wait_for_function(
        "() => Math.abs(document.getElementById('map').getBoundingClientRect().top - 60) < 2"
    )
    return container.bounding_box()


def test_one_finger_scrolls_the_page_two_fingers_move_the_map(browser, server, close_clean):
    """dash-leaflet's GestureHandling, mounted by the map's drive on a touch screen only."""
    page, watch = phone_page(browser, 390, 844, touch=True)
    close_clean((page, watch))
    page.goto(server.url + "/")
    wait_map_drawn(page)
    container = page.locator("#map")
    page.wait_for_function("() => document.getElementById('map').dataset.gestureHandlingTouchContent")
    hint = container.get_attribute("data-gesture-handling-touch-content")
    assert hint.startswith("Utilisez deux doigts pour déplacer la carte")
    assert container.evaluate("e => getComputedStyle(e).touchAction") == "pan-x pan-y"
    # One finger: the page scrolls, the map stays, and the hint shows over the map meanwhile.
    box = map_near_the_top(page)
    before = map_bounds(page)
    scroll_before = page.evaluate("scrollY")
    shown = []

    def hint_over_the_map() -> None:
        shown.append(container.evaluate("e => getComputedStyle(e, '::after').content"))
        screenshot(page, "phone-touch-390")

    swipe_up(
        page, box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.8, 150, before_lift=hint_over_the_map
    )
    assert shown == [f'"{hint}"']
    page.wait_for_function("(y) => scrollY > y + 50", arg=scroll_before)
    assert map_bounds(page) == before
    # Two fingers: the map moves, the page does not.
    box = map_near_the_top(page)
    scroll_before = page.evaluate("scrollY")
    bounds = container.get_attribute("data-bounds")
    swipe_up(page, box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.7, 120, fingers=2)
    page.wait_for_function("(b) => document.getElementById('map').dataset.bounds !== b", arg=bounds)
    assert page.evaluate("scrollY") == scroll_before
    # GestureHandling leaves dragging on after two fingers: one finger still scrolls the page.
    assert "leaflet-touch-drag" in container.get_attribute("class")
    box = map_near_the_top(page)
    before = map_bounds(page)
    scroll_before = page.evaluate("scrollY")
    swipe_up(page, box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.8, 150)
    page.wait_for_function("(y) => scrollY > y + 50", arg=scroll_before)
    assert map_bounds(page) == before


def test_a_mouse_still_drags_the_map_and_the_wheel_zooms(page, server):
    """Without a touch screen the map has no GestureHandling: no Ctrl needed for the wheel."""
    page.goto(server.url + "/")
    wait_map_drawn(page)
    container = page.locator("#map")
    assert container.get_attribute("data-gesture-handling-touch-content") is None
    assert container.evaluate("e => getComputedStyle(e).touchAction") == "none"
    box = container.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    zoom = int(container.get_attribute("data-zoom"))
    page.mouse.wheel(0, -300)
    page.wait_for_function("(z) => Number(document.getElementById('map').dataset.zoom) > z", arg=zoom)
    assert page.evaluate("scrollY") == 0
    bounds = container.get_attribute("data-bounds")
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 120, box["y"] + box["height"] / 2 + 40, steps=8)
    page.mouse.up()
    page.wait_for_function("(b) => document.getElementById('map').dataset.bounds !== b", arg=bounds)
    assert container.get_attribute("data-gesture-handling-touch-content") is None
