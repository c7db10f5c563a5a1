"""Search as people type it, the table on a phone, exports that follow the table, the copy button."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from erbm_map.core.text import fold
from tests.support.harness import make_page, screenshot, wait_idle

pytestmark = pytest.mark.e2e

FIRST_OPTION = ".dash-dropdown-options .dash-dropdown-option"
SUMMARY = "document.querySelector('#commune-table .ag-paging-row-summary-panel')?.innerText"
CARD_TITLE = "document.querySelector('#commune-card-title')?.innerText"


def open_page(page, server, query: str = "") -> None:
    """Load the dashboard and wait for Dash to settle (no map needed for these journeys)."""
    page.goto(server.url + "/" + query)
    page.locator("#commune-search").wait_for()
    wait_idle(page)


def open_table(page, server) -> None:
    open_page(page, server)
    page.get_by_label("Tableau des communes").check()
    page.locator("#commune-table .ag-row").first.wait_for()


def shown_codes(page) -> list[str]:
    """INSEE codes of the rows the grid has drawn, top to bottom."""
    return page.evaluate(
        """() => [...document.querySelectorAll('#commune-table .ag-center-cols-container .ag-row')]
            .sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index')))
            .map(row => row.querySelector("[col-id='insee']").innerText)"""
    )


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("Henin-Beaumont", "Hénin-Beaumont (62427)"),
        ("st amand", "Saint-Amand-les-Eaux (59526)"),
        ("Heinin", "Hénin-Beaumont (62427)"),
        ("62300", "Lens (62498)"),
    ],
)
def test_search_dropdown_offers_the_intended_commune_first(page, server, typed, first):
    open_page(page, server)
    page.click("#commune-search")
    box = page.locator("input.dash-dropdown-search")
    box.wait_for()
    box.press_sequentially(typed)
    wait_idle(page)
    options = page.locator(FIRST_OPTION)
    options.first.wait_for()
    assert options.first.inner_text() == first, options.all_inner_texts()
    page.keyboard.press("Enter")
    name = first.rsplit(" (", 1)[0]
    page.wait_for_function(f"(n) => {CARD_TITLE} === n", arg=name)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("ste catherine", "Sainte-Catherine n'est pas dans le bassin minier"),
        ("arras", "Arras n'est pas dans le bassin minier"),
    ],
)
def test_search_says_a_commune_is_outside_the_perimeter_and_opens_none(page, server, typed, said):
    open_page(page, server)
    page.click("#commune-search")
    box = page.locator("input.dash-dropdown-search")
    box.wait_for()
    box.press_sequentially(typed)
    wait_idle(page)
    options = page.locator(FIRST_OPTION)
    page.wait_for_function(
        "(s) => document.querySelector('.dash-dropdown-options .dash-dropdown-option')?.innerText === s",
        arg=said,
    )
    # No lookalike of the perimeter is offered (« ste catherine » used to open Hérin).
    assert options.all_inner_texts() == [said]
    page.keyboard.press("Enter")
    wait_idle(page)
    assert "commune=" not in page.url
    assert page.evaluate(CARD_TITLE) is None


def test_a_link_may_name_the_commune(page, server):
    open_page(page, server, "?commune=henin-beaumont")
    page.wait_for_function(
        "() => document.querySelector('#commune-card-title')?.innerText === 'Hénin-Beaumont'"
    )
    assert page.locator("#message .warning").count() == 0


def test_table_filter_ignores_accents_and_hyphens(page, server, bundle):
    open_table(page, server)
    # The table's filter folds text in the browser with the same rule as erbm_map.core.text.fold.
    samples = [*bundle.communes["nom"], "  Cœur d’Ostrevent ", "ÆSOP-les-Bains", "Saint--Amand"]
    folded = page.evaluate("(names) => names.map(window.dashAgGridFunctions.foldText)", samples)
    assert folded == [fold(name) for name in samples]
    page.locator("#commune-table .ag-floating-filter[aria-colindex='1'] input").fill("fouquieres les")
    page.wait_for_function(f"() => {SUMMARY}.endsWith('sur 2')")
    names = page.locator("#commune-table .ag-center-cols-container .ag-cell[col-id='nom']").all_inner_texts()
    assert sorted(names) == ["Fouquières-lès-Béthune", "Fouquières-lès-Lens"]


def test_exports_hold_the_filtered_rows_in_the_shown_order(page, server, bundle):
    open_table(page, server)
    page.locator("#commune-table .ag-floating-filter[aria-colindex='5'] input").fill("ZIP")
    zip_codes = set(bundle.communes.index[bundle.zoning[bundle.latest_vintage] == "ZIP"])
    page.wait_for_function(
        f"(n) => {SUMMARY}.endsWith('sur ' + n)",
        arg=len(zip_codes),
    )
    header = page.locator("#commune-table .ag-header-cell[col-id='population'] .ag-header-cell-label")
    header.click()  # ascending
    header.click()  # descending
    page.wait_for_function(
        "() => document.querySelector(\"#commune-table .ag-header-cell[col-id='population']\")"
        "?.getAttribute('aria-sort') === 'descending'"
    )
    wait_idle(page)
    drawn = shown_codes(page)
    population = bundle.communes["population"]
    assert [population[c] for c in drawn] == sorted((population[c] for c in drawn), reverse=True)

    with page.expect_download() as info:
        page.get_by_role("button", name="Exporter les communes (CSV)").click()
    text = info.value.path().read_text(encoding="utf-8-sig")
    comments = [line for line in text.splitlines() if line.startswith("#")]
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    csv_codes = [row["Code INSEE"] for row in csv.DictReader(io.StringIO(body), delimiter=";")]

    with page.expect_download() as info:
        page.get_by_role("button", name="Exporter le tableau (Excel)").click()
    assert info.value.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(info.value.path().read_bytes()))
    xlsx_codes = [row[1] for row in book["Communes"].iter_rows(min_row=2, values_only=True)]
    about = {row[0]: row[1] for row in book["Sources"].iter_rows(values_only=True) if row[0] != "Source"}

    for codes in (csv_codes, xlsx_codes):
        assert set(codes) == zip_codes and len(codes) == len(zip_codes)
        assert codes[: len(drawn)] == drawn
        assert [population[c] for c in codes] == sorted((population[c] for c in codes), reverse=True)
    assert about["Filtres du tableau"] == "Zone contient « ZIP »"
    assert about["Lien de la vue"].startswith(server.url + "/")
    assert "# Filtres du tableau : Zone contient « ZIP »" in comments
    assert any(line.startswith("# Source : ") for line in comments)


def test_table_is_a_readable_list_on_a_phone(browser, server):
    page, watch = make_page(browser, width=360, height=740)
    try:
        open_table(page, server)
        page.locator("#commune-table").scroll_into_view_if_needed()
        shape = page.evaluate(
            """() => {
                const grid = document.querySelector('#commune-table').getBoundingClientRect();
                const cells = [...document.querySelectorAll(
                    '#commune-table .ag-center-cols-container .ag-cell')];
                return {
                    left: grid.left, right: grid.right,
                    columns: [...document.querySelectorAll(
                        '#commune-table .ag-header-row-column .ag-header-cell')]
                        .map(c => c.getAttribute('col-id')),
                    cut: cells.filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.innerText),
                    narrowest: Math.min(...cells.map(c => c.getBoundingClientRect().width)),
                    cells: cells.length,
                };
            }"""
        )
        screenshot(page, "table-360")
        assert shape["columns"] == ["nom", "population", "zone"]
        assert shape["left"] >= 0 and shape["right"] <= 360
        assert shape["cells"] > 0 and shape["cut"] == [] and shape["narrowest"] >= 80
        assert not watch.errors, watch.errors
    finally:
        page.context.close()


def test_copy_link_button_works_from_the_keyboard(page, server):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_page(page, server, "?commune=62427")
    page.locator("#copy-link").wait_for()
    page.locator("#permalink").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "copy-link"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#copy-link-status').innerText === 'Lien copié.'")
    link = page.input_value("#permalink")
    assert link.endswith("?commune=62427") and page.evaluate("navigator.clipboard.readText()") == link
