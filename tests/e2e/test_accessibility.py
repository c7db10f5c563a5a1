"""axe-core finds no serious or critical violation on the dashboard, a card, the table or the presentation.

axe-core is pinned in ``tools/axe/package-lock.json``; ``make test`` installs it (``npm ci``).
The page's Content-Security-Policy forbids inline scripts, so these pages bypass it to let
Playwright inject axe (the app itself is unchanged).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.harness import ROOT, screenshot, wait_idle, wait_map_drawn, watch_page

pytestmark = pytest.mark.e2e

AXE = ROOT / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}

RUN_AXE = """async () => {
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
    }));
}"""


def axe_page(browser, width: int = 1440, height: int = 900):
    if not Path(AXE).exists():
        pytest.fail("axe-core is missing: run `make axe` (npm ci in tools/axe)")
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="fr-FR", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page, watch_page(page)


def violations(page) -> str:
    """The serious and critical violations, one a line ("" when there is none)."""
    page.add_script_tag(path=str(AXE))
    found = [v for v in page.evaluate(RUN_AXE) if v["impact"] in BLOCKING]
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(v['nodes'])}" for v in found)


@pytest.fixture
def checked(browser):
    page, watch = axe_page(browser)
    yield page
    errors = list(watch.errors)
    page.context.close()
    assert not errors, f"console errors: {errors}"


def test_dashboard(checked, server):
    checked.goto(server.url + "/")
    wait_map_drawn(checked)
    found = violations(checked)
    assert not found, found


def test_commune_card(checked, server):
    checked.goto(server.url + "/?commune=62498")
    wait_map_drawn(checked)
    checked.wait_for_function("() => document.querySelector('#commune-card-title')?.innerText === 'Lens'")
    found = violations(checked)
    assert not found, found


def test_commune_card_on_a_phone(browser, server):
    page, watch = axe_page(browser, 390, 844)
    page.goto(server.url + "/?commune=62498")
    wait_map_drawn(page)
    page.wait_for_function("() => document.querySelector('#commune-card-title')?.innerText === 'Lens'")
    found = violations(page)
    errors = list(watch.errors)
    page.context.close()
    assert not found, found
    assert not errors, f"console errors: {errors}"


def test_table_view(checked, server):
    checked.goto(server.url + "/")
    wait_map_drawn(checked)
    checked.get_by_text("Tableau des communes").click()
    checked.locator("#commune-table .ag-row").first.wait_for()
    wait_idle(checked)
    found = violations(checked)
    assert not found, found


def test_presentation(checked, server):
    checked.goto(server.url + "/presentation/")
    checked.wait_for_selector('#map[data-ready="true"]', state="attached")
    wait_idle(checked)
    found = violations(checked)
    screenshot(checked, "axe-presentation")
    assert not found, found


def test_epci_card(checked, server):
    """The intercommunality card in the commune card's column, its table and its source line."""
    checked.goto(server.url + "/?epci=246200364")
    wait_map_drawn(checked)
    checked.locator("#epci-card .card-title").wait_for()
    wait_idle(checked)
    found = violations(checked)
    assert not found, found


def test_indicator_sheet(checked, server):
    """The sheet of a figure, open above the map."""
    checked.goto(server.url + "/")
    wait_map_drawn(checked)
    checked.locator("#kpis .kpi:not([hidden]) .kpi-value").first.click()
    checked.locator("#indicator-sheet-title").wait_for()
    wait_idle(checked)
    found = violations(checked)
    assert not found, found
