"""A planner loads the 2026 zoning, restarts the app, and compares the two vintages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.harness import make_page, screenshot, wait_idle, wait_map_drawn

pytestmark = pytest.mark.e2e


def test_both_vintages_are_offered_and_changes_are_listed(browser, server_2026):
    page, watch = make_page(browser)
    page.goto(server_2026.url + "/")
    wait_map_drawn(page)
    page.click("#vintage")
    options = page.locator(".dash-dropdown-options .dash-dropdown-option").all_inner_texts()
    assert options == ["zonage en vigueur en 2026", "zonage en vigueur en 2025"]
    page.keyboard.press("Escape")
    page.get_by_label("Évolutions du zonage").check()
    # Lens, among the 291 communes the fixture moves: the grid finds it by its filter.
    grid = page.locator("#zoning-changes-grid")
    grid.locator(".ag-row").first.wait_for()
    grid.locator(".ag-floating-filter[aria-colindex='1'] input").fill("Lens")
    lens = grid.locator(".ag-center-cols-container .ag-row[row-id='62498']")
    expect(lens).to_contain_text("QPV")
    assert "communes changent" in page.locator("#zoning-changes").inner_text()
    screenshot(page, "zoning-changes")
    assert not watch.errors and not watch.external
    page.context.close()


def test_qpv_commune_is_partly_eligible(browser, server_2026):
    page, watch = make_page(browser)
    page.goto(server_2026.url + "/?commune=62498&vintage=2026")
    page.wait_for_function("() => document.querySelector('#commune-card-title')?.innerText === 'Lens'")
    wait_idle(page)
    card = page.locator("#commune-card")
    assert card.locator("[data-zone='QPV']").count() == 1
    expect(card).to_contain_text("Partiellement éligible")
    assert not watch.errors and not watch.external
    page.context.close()
