"""Keyboard users reach every control, see where the focus is, and use the EPCI card."""

from __future__ import annotations

import pytest

from tests.e2e.test_dashboard import open_view
from tests.support.harness import map_bounds

pytestmark = pytest.mark.e2e

FOCUS_PROBE = """() => {
    const e = document.activeElement;
    const owner = e.closest('[id]');
    const style = getComputedStyle(e);
    return {
        key: (owner ? owner.id : '') + ':' + (e.value || e.getAttribute('aria-label') || ''),
        outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    };
}"""


def test_tab_reaches_every_control_with_visible_focus(page, server):
    open_view(page, server)
    reached: dict[str, bool] = {}
    expected = [
        "edition:2024",
        "theme:",
        "vintage:",
        "commune-search:",
        "layers:zonage",
        "layers:cls",
        "layers:dispositif",
        "view-tabs:map",
        "map-recentre:",
        # In the right column, beside the commune card: after the map in the page's order.
        "epci-select:",
    ]
    # Until the last expected control, within a bound: the map's own Tab stops come before it.
    for _ in range(120):
        page.keyboard.press("Tab")
        probe = page.evaluate(FOCUS_PROBE)
        reached[probe["key"]] = probe["outlined"]
        if probe["key"].startswith(expected[-1]):
            break
    # « Imprimer la fiche » is disabled with nothing selected, hence out of the Tab order here;
    # tests/e2e/test_print_sheet.py reaches it and presses Enter once a commune is chosen.
    for key in expected:
        matches = [k for k in reached if k.startswith(key)]
        assert matches, f"{key} is not reachable with Tab; reached {list(reached)}"
        assert all(reached[m] for m in matches), f"focus is not visible on {key}"


def test_keyboard_toggles_a_layer(page, server):
    open_view(page, server)
    page.locator("#layers input[value='cls']").focus()
    page.keyboard.press("Space")
    page.wait_for_function("() => location.search.includes('cls')")


def test_epci_card_from_the_list(page, server, bundle):
    open_view(page, server)
    page.click("#epci-select")
    page.locator(".dash-dropdown-options .dash-dropdown-option").filter(has_text="CA d'Hénin-Carvin").click()
    card = page.locator("#epci-card")
    page.wait_for_function(
        "() => document.querySelector('#epci-card .card-title')?.innerText === \"CA d'Hénin-Carvin\""
    )
    text = card.inner_text()
    members = bundle.communes[bundle.communes["epci_siren"] == "246200299"]
    assert str(len(members)) in text
    assert "Population par zone" in text and "2019 : CLS" in text and "2024 : CLS" in text
    assert "epci=246200299" in page.url


def focus_is_visible(page) -> bool:
    return page.evaluate(FOCUS_PROBE)["outlined"]


def test_keyboard_opens_a_dropdown_and_picks_an_option(page, server):
    open_view(page, server)
    page.locator("#theme").focus()
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    options = page.locator(".dash-dropdown-options .dash-dropdown-option")
    options.first.wait_for()
    before = page.locator("#theme").inner_text()
    # Typed, then Enter on the first match, as a keyboard user narrows a long list: arrow presses
    # sent while the list is still being wired to the keyboard could be lost.
    box = page.locator("input.dash-dropdown-search")
    box.wait_for()
    # The text goes into the search box as one input (``fill``): keys typed while the list is
    # still wiring its box to the keyboard could be lost. Enter then picks, from the box.
    box.fill("Offre hosp")
    page.wait_for_function(
        "() => document.querySelector('.dash-dropdown-options .dash-dropdown-option')"
        "?.innerText.startsWith('Offre hospitalière')"
    )
    box.press("Enter")
    page.wait_for_function("(b) => document.getElementById('theme').innerText !== b", arg=before)
    assert "Offre hospitalière" in page.locator("#theme").inner_text()
    page.wait_for_function("() => new URLSearchParams(location.search).get('theme') !== null")


def test_recentre_with_the_keyboard(page, server):
    open_view(page, server)
    home = map_bounds(page)
    page.locator("#map").focus()
    assert focus_is_visible(page)
    page.keyboard.press("Equal")  # Leaflet's keyboard zoom in (+)
    page.wait_for_function(
        "(b) => document.getElementById('map').dataset.bounds !== b", arg=",".join(f"{v:.5f}" for v in home)
    )
    assert map_bounds(page) != home
    page.locator("#map-recentre").focus()
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(b) => document.getElementById('map').dataset.bounds === b", arg=",".join(f"{v:.5f}" for v in home)
    )


#: Where the focus is: inside the map's frame (« Recentrer », the map, its zoom buttons) or not.
IN_MAP_FRAME = "() => !!document.activeElement.closest('.map-frame')"


def test_the_map_is_one_tab_stop_that_arrow_keys_pan(page, server):
    # Every category on, intercommunalities named: the most markers and labels the map can show.
    open_view(page, server, "?layers=zonage,epci,sanitaire,medico-social,dispositif,cls,clsm")
    page.locator("#map-recentre").focus()
    # « Recentrer », the map, its two zoom buttons and the legend's fold: five stops in all.
    stops = 1
    while True:
        page.keyboard.press("Tab")
        if not page.evaluate(IN_MAP_FRAME):
            break
        stops += 1
        assert stops <= 5, "more than five Tab stops in the map's frame"
    # Shapes, markers and names are reached through lists, never one Tab each.
    assert page.locator("#map [tabindex='0']:not(.leaflet-container)").count() == 0
    assert page.locator("#map path.leaflet-interactive:not([tabindex='-1'])").count() == 0
    home = ",".join(f"{v:.5f}" for v in map_bounds(page))
    page.locator("#map").focus()
    assert focus_is_visible(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("(b) => document.getElementById('map').dataset.bounds !== b", arg=home)
    # The map names the keys and points to the search box, which says it opens a place of the map.
    hint = page.locator("#map").get_attribute("aria-describedby")
    assert "flèches" in page.locator("#map").get_attribute("aria-label")
    assert "commune" in page.locator(f"#{hint}").inner_text()
    search = page.locator("button#commune-search")
    assert search.get_attribute("aria-describedby") == hint


def test_legend_folds_with_the_keyboard(page, server):
    open_view(page, server)
    summary = page.locator("#map-legend summary")
    summary.focus()
    assert focus_is_visible(page)
    assert page.locator("#map-legend").evaluate("d => d.open")
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.getElementById('map-legend').open")
    page.keyboard.press("Space")
    page.wait_for_function("() => document.getElementById('map-legend').open")


def test_view_tabs_and_table_with_the_keyboard(page, server):
    open_view(page, server)
    page.locator("#view-tabs input[value='map']").focus()
    assert focus_is_visible(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => !document.getElementById('panel-table').hidden")
    cell = page.locator("#commune-table .ag-row[row-index='0'] .ag-cell").first
    cell.wait_for()
    name = cell.inner_text().strip()
    cell.focus()
    assert focus_is_visible(page) or cell.evaluate("c => c.classList.contains('ag-cell-focus')")
    page.keyboard.press("Space")
    page.wait_for_function("(n) => document.querySelector('#commune-card-title')?.innerText === n", arg=name)
