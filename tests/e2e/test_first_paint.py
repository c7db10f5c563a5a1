"""The first thing a user does: open the page and see the map."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

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


def test_a_shared_link_opens_with_its_card_and_no_callback(page, server):
    """The first layout is the link's view: its card is there, no callback runs to show it,
    and each map file is downloaded once, the download of each the first view draws started
    by the page itself (the establishments come in the layout; their file is read after)."""
    page.goto(server.url + "/?commune=62510")
    wait_map_drawn(page)
    assert page.locator("#commune-card-title").inner_text() == "Liévin"
    assert page.locator("#commune-search").inner_text().startswith("Liévin")
    requests = page.watch.requests  # type: ignore[attr-defined]
    assert [r.url for r in requests if "/_dash-update-component" in r.url] == []
    files = [r.url for r in requests if "/data/" in r.url and ".geojson" in r.url]
    assert files and len(files) == len(set(files)), f"a map file was asked twice: {files}"
    preloaded = page.locator("link[rel=preload][as=fetch]").evaluate_all("links => links.map(l => l.href)")
    drawn_first = [f for f in files if "/carte-etablissements.geojson" not in f]
    assert drawn_first and set(drawn_first) <= set(preloaded)
    assert not [f for f in preloaded if "/carte-etablissements.geojson" in f]


def test_the_grids_library_loads_with_the_first_grid_not_with_the_page(page, server):
    """AG Grid's bundle is not fetched for the map; opening the table fetches it once and shows rows."""
    page.goto(server.url + "/")
    wait_map_drawn(page)
    requests = page.watch.requests  # type: ignore[attr-defined]

    def grid_scripts() -> list[str]:
        return [r.url for r in requests if "/dash_ag_grid/" in r.url]

    assert grid_scripts() == []
    assert page.evaluate("typeof window.dash_ag_grid") == "undefined"
    page.get_by_label("Tableau des communes").check()
    page.locator("#commune-table .ag-row").first.wait_for(timeout=20_000)
    assert page.locator("#commune-table .ag-row").count() > 10
    main = [url for url in grid_scripts() if "/dash_ag_grid/dash_ag_grid." in url]
    assert len(main) == 1, grid_scripts()
    page.get_by_label("Carte", exact=True).check()
    page.get_by_label("Tableau des communes").check()
    assert len([url for url in grid_scripts() if "/dash_ag_grid/dash_ag_grid." in url]) == 1


def test_the_first_view_is_drawn_once(page, server):
    """The layers draw the view their layout came with; none is rebuilt before the map is ready."""
    page.add_init_script(
        """
        window.__removedPaths = 0;
        new MutationObserver((changes) => {
          for (const change of changes) {
            for (const node of change.removedNodes) {
              const paths = node.nodeName === 'path' || (node.querySelectorAll && node.querySelector('path'));
              if (paths) { window.__removedPaths += 1; }
            }
          }
        }).observe(document, { childList: true, subtree: true });
        """
    )
    page.goto(server.url + "/?commune=62510")
    wait_map_drawn(page)
    assert page.locator("#map path.leaflet-interactive").count() >= 330
    assert page.evaluate("window.__removedPaths") == 0


def test_a_link_whose_layout_request_lost_its_referer_still_opens_its_view(page, server):
    """The layout is built for its request's Referer; without one (a privacy setting) it is the
    default view, and the browser hands its own address to the URL callback once."""

    def without_referer(route):
        headers = {k: v for k, v in route.request.headers.items() if k.lower() != "referer"}
        route.continue_(headers=headers)

    page.route("**/_dash-layout", without_referer)
    page.goto(server.url + "/?commune=62510")
    wait_map_drawn(page)
    title = "() => (document.getElementById('commune-card-title') || {}).innerText === 'Liévin'"
    page.wait_for_function(title)
    assert "commune=62510" in page.locator("#permalink").input_value()


#: The map's place on screen in the frame its first view is painted, before the rest of the page.
MAP_AT_READY = """(() => { const look = () => { const map = document.getElementById('map');
  if (map && map.dataset.ready === 'true') {
    const header = document.querySelector('.header');
    window.__atReady = { map: map.getBoundingClientRect().toJSON(),
                         header: header.getBoundingClientRect().height,
                         complete: document.body.dataset.complete || null };
    return; }
  requestAnimationFrame(look); }; requestAnimationFrame(look); })();"""


@pytest.mark.parametrize("viewport", [{"width": 1440, "height": 900}, {"width": 390, "height": 844}])
def test_nothing_moves_when_the_rest_of_the_page_comes(page, server, viewport):
    """The map is painted before the rest of the page (``dashboard.layout.later``): what is
    rendered then lands in containers that kept their place, and the lazily loaded dropdowns in
    boxes of their height, so the map has not moved once everything is in."""
    page.set_viewport_size(viewport)
    page.add_init_script(MAP_AT_READY)
    page.goto(server.url + "/?commune=62510")
    wait_map_drawn(page)
    at_ready = page.evaluate("window.__atReady")
    assert at_ready["complete"] is None, "the rest of the page came after the map"
    now = page.evaluate("document.getElementById('map').getBoundingClientRect().toJSON()")
    header = page.evaluate("document.querySelector('.header').getBoundingClientRect().height")
    assert header == at_ready["header"]
    assert {k: round(now[k]) for k in ("x", "y", "width", "height")} == {
        k: round(at_ready["map"][k]) for k in ("x", "y", "width", "height")
    }
    assert page.locator("#sidebar input[type=checkbox]").count() > 3


def test_a_tap_on_a_dropdown_before_it_is_there_opens_it_once_it_is(page, server):
    """The dropdowns come with the rest of the page, once the map is painted; their boxes are
    there from the first render. A tap on one before then brings the rest and opens the
    dropdown when it is in, instead of being lost (the map's data held back until after it)."""
    held = []

    def hold(route):
        held.append(route)

    page.route("**/data/carte-communes.geojson*", hold)
    page.goto(server.url + "/")
    page.wait_for_function(
        "() => { const box = document.getElementById('theme-box'); return !!box && !box.childElementCount; }"
    )
    assert page.evaluate("document.body.dataset.complete") is None
    page.locator("#theme-box").click()
    expect(page.locator("#theme")).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("dialog").get_by_text("Tous les thèmes")).to_be_visible()
    assert page.evaluate("document.getElementById('map').dataset.ready") is None
    for route in held:
        route.continue_()
    page.keyboard.press("Escape")
    wait_map_drawn(page)
