"""Issue 12: every figure says exactly what it measures (pairs, aids, places, coverage, charts)."""

from __future__ import annotations

import csv
import io
import re

import pytest

from erbm_map.core.pairs import pairs
from tests.support.harness import make_page, screenshot, wait_idle

pytestmark = pytest.mark.e2e

#: A change printed beside a pair: a percentage or a ratio.
CHANGE = re.compile(r"[+\u2212-]\s?\d+(?:,\d+)?\s?%|×\s?\d")
LIEVIN_2024_ONLY = ("EHPAD Denise Delaby", "MAS Le Terril Vert", "Hôpital de Riaumont")


def different_stems(bundle) -> list[str]:
    return [stem for stem, pair in pairs(bundle.indicators).items() if not pair.verdict.comparable]


def open_page(page, server, query: str = "") -> None:
    page.goto(server.url + "/" + query)
    page.locator("#coverage-summary").wait_for()
    wait_idle(page)


def card_places(page, edition: str) -> str:
    page.wait_for_function(
        "(ed) => document.querySelector('#commune-card .places')?.innerText.includes('édition ' + ed)"
        " || document.querySelector(`#commune-card ul.places[data-edition='${ed}']`)",
        arg=edition,
    )
    return page.locator("#commune-card").inner_text()


def test_lievin_lists_only_the_places_its_edition_cites(page, server):
    open_page(page, server, "?commune=62510&edition=2019")
    page.wait_for_function("() => document.querySelector('#commune-card-title')?.innerText === 'Liévin'")
    text = card_places(page, "2019")
    assert "cités dans la commune (édition 2019)" in text
    assert not [name for name in LIEVIN_2024_ONLY if name in text]
    page.get_by_label("2024 (bilan 2017-2024)").check()
    page.locator("#commune-card ul.places[data-edition='2024']").wait_for()
    text = page.locator("#commune-card").inner_text()
    assert all(name in text for name in LIEVIN_2024_ONLY)
    assert "(medico-social)" not in text and "établissement médico-social" in text
    assert not page.watch.errors and not page.watch.external


def test_henin_beaumont_aids_are_dated_and_sourced(page, server):
    open_page(page, server, "?commune=62427")
    page.locator("#commune-card .aids-notice").wait_for()
    aids = page.locator("#commune-card .aid-section").inner_text()
    assert "1er janvier 2020" in aids and "brochure 2019" in aids
    assert "Source : ARS HdF, brochure 2019" in aids and "auprès de l'ARS" in aids
    assert "6\u202f900\u202f€ brut par mois pendant 2 ans" in aids
    assert "5\u202f000\u202f€ par an pendant 3 ans" in aids
    page.locator("#commune-card .aids-notice").scroll_into_view_if_needed()
    screenshot(page, "commune-card-aids")
    assert not page.watch.errors and not page.watch.external


def test_no_different_pair_shows_a_change_in_the_panel(page, server, bundle):
    open_page(page, server, "?edition=2024")
    stems = different_stems(bundle)
    assert len(stems) >= 10
    for stem in stems:
        pair = page.locator(f"#kpis .kpi-pair[data-stem='{stem}']").first
        text = pair.inner_text()
        assert pair.get_attribute("data-compare") == "different"
        assert "mesures différentes : " in text, stem
        assert not CHANGE.search(text), (stem, text)
    same = page.locator("#kpis .kpi-pair[data-stem='adultes-relais-mediateurs-sante']").first.inner_text()
    # A pair that compares reads as one line with an arrow (issue 21).
    assert "2019 → 2024 : 13 → 10 (\u221223\u202f%)" in same
    # The brochure's « +15% » is the only change said of the internes (issue 19).
    assert (
        "« par rapport à 2019 » (15 %)"
        in page.locator("#kpis .kpi-pair[data-stem='internes']").first.inner_text()
    )
    assert (
        page.locator("#kpis [data-id='centres-sante.2024'] .kpi-caveat").inner_text() == "lecture incertaine"
    )
    assert not page.watch.errors and not page.watch.external


def test_no_different_pair_shows_a_change_in_the_presentation(page, server, bundle):
    page.goto(server.url + "/presentation")
    page.locator(".pappendix [data-stem]").first.wait_for(state="attached")
    for stem in different_stems(bundle):
        # One appendix line per pair, under its reason (« Mesures différentes » is the chapter's kicker).
        row = page.locator(f".pappendix [data-stem='{stem}']")
        assert row.get_attribute("data-compare") == "different"
        text = row.text_content()
        assert not CHANGE.search(text), (stem, text)
        for figure in page.locator(f".pfig[data-stem='{stem}']").all():
            words = figure.text_content()
            assert "mesures différentes" in words and not CHANGE.search(words), (stem, words)
    assert page.locator(".pslope-row[data-stem]").count() == 3
    assert (
        "\u221223\u202f%"
        in page.locator(".pslope-row[data-stem='adultes-relais-mediateurs-sante']").text_content()
    )
    assert not page.watch.errors and not page.watch.external


def test_no_different_pair_shows_a_change_in_the_export(page, server, bundle):
    open_page(page, server)
    with page.expect_download() as info:
        page.locator("#export-figures").click()
    rows = list(csv.DictReader(io.StringIO(info.value.path().read_text("utf-8-sig")), delimiter=";"))
    by_id = {row["identifiant"]: row for row in rows}
    assert len(rows) == len(bundle.indicators)
    for stem in different_stems(bundle):
        for edition in ("2019", "2024"):
            row = by_id[f"{stem}.{edition}"]
            assert row["comparaison"].startswith("mesures différentes : "), stem
            assert not CHANGE.search(row["comparaison"]), stem
    assert by_id["adultes-relais-mediateurs-sante.2024"]["comparaison"] == "\u221223\u202f%"
    assert by_id["risque-cardiovasculaire-pharmacie-budget.2019"]["unite"] == "€ par an"
    assert not page.watch.errors and not page.watch.external


def test_coverage_is_on_the_dashboard_and_in_its_tab(page, server):
    open_page(page, server)
    summary = page.locator("#coverage-summary")
    assert summary.is_visible()
    cls = "li[data-kind='CLS'][data-edition='{}']"
    assert summary.locator(cls.format("2024")).get_attribute("data-share") == "91\u202f%"
    assert summary.locator(cls.format("2019")).get_attribute("data-share") == "48\u202f%"
    assert "CLSM 2024 : 77\u202f%" in summary.inner_text()
    # No chart before its view is opened: plotly.js is fetched only with the first chart.
    assert page.locator(".chart-graph").count() == 0
    page.get_by_label("Couverture").check()
    panel = page.locator("#panel-coverage")
    panel.locator(".chart[data-chart='contracts'] .main-svg").first.wait_for()
    assert panel.is_visible() and page.locator("#panel-map").is_hidden()
    text = panel.inner_text()
    assert "CLS 2024 : 91\u202f%" in text and "CLS 2019 : 48\u202f%" in text
    assert "CLS 2019 et CLS 2024 ne se comparent pas" in text and "Liste des CLSM 2024" in text
    bars = panel.locator(".chart[data-chart='contracts'] .bartext").all_text_contents()
    assert any(t.startswith("91\u202f%") for t in bars) and any(t.startswith("48\u202f%") for t in bars)
    panel.locator(".chart[data-chart='zones'] .main-svg").first.wait_for()
    screenshot(page, "coverage-view")
    assert not page.watch.errors and not page.watch.external


def test_pair_charts_come_on_demand(page, server):
    open_page(page, server)
    assert page.locator("#kpi-charts .chart-graph").count() == 0
    page.locator("#kpi-charts-button").click()
    chart = page.locator("#kpi-charts .chart[data-stem='adultes-relais-mediateurs-sante']")
    chart.locator(".main-svg").first.wait_for()
    assert "2019 → 2024 : 13 → 10 (\u221223\u202f%)" in chart.inner_text()
    assert page.locator("#kpi-charts .chart[data-stem='internes']").count() == 0
    assert page.locator("#kpi-charts .chart[data-stem='cls']").count() == 0
    chart.scroll_into_view_if_needed()
    screenshot(page, "pair-chart")
    assert not page.watch.errors and not page.watch.external


def test_indicator_sheet_opens_from_the_keyboard(page, server):
    open_page(page, server, "?theme=sante-mentale")
    value = page.locator("#kpis [data-id='equipes-mobiles-psychiatrie-precarite.2024'] .kpi-value")
    value.focus()
    page.keyboard.press("Enter")
    sheet = page.locator("#indicator-sheet")
    sheet.locator("#indicator-sheet-title").wait_for()
    page.wait_for_function("() => document.activeElement?.id === 'indicator-sheet'")
    text = sheet.inner_text()
    assert "2024 (bilan 2017-2024)" in text and "Améliorer la santé mentale des habitants" in text
    assert "Édition 2019" in text and "équipe mobile psychiatrie précarité créée" in text
    assert "mesures différentes : " in text and not CHANGE.search(text)
    screenshot(page, "indicator-sheet")
    page.keyboard.press("Escape")
    sheet.wait_for(state="hidden")
    page.wait_for_function("() => document.activeElement?.classList.contains('kpi-value')")
    assert not page.watch.errors and not page.watch.external


def test_epci_card_speaks_of_the_intercommunality(page, server):
    open_page(page, server, "?epci=200093201")
    card = page.locator("#epci-card")
    card.locator(".card-title").wait_for()
    text = card.inner_text()
    assert "Communes du périmètre" in text and "dans la commune" not in text
    assert "CLSM CLSM" not in text
    assert not page.watch.errors and not page.watch.external


def export_communes(page) -> dict[str, dict[str, str]]:
    """The commune CSV by INSEE code, its columns keyed by the start of their header."""
    with page.expect_download() as info:
        page.locator("#export-csv").click()
    lines = info.value.path().read_text("utf-8-sig").splitlines()
    about = dict(line[2:].split(" : ", 1) for line in lines if line.startswith("# "))
    rows = csv.DictReader(
        io.StringIO("\n".join(line for line in lines if not line.startswith("#"))), delimiter=";"
    )
    keys = {
        "Code INSEE": "insee",
        "Établissements": "etablissements",
        "Aides à": "aides_zone",
        "Aides :": "aides_date_et_source",
    }
    out = {}
    for row in rows:
        named = {
            key: value
            for header, value in row.items()
            for start, key in keys.items()
            if header.startswith(start)
        }
        out[named["insee"]] = {**named, "edition": about["Édition des brochures"][:4]}
    return out


def test_table_and_export_follow_the_edition(page, server):
    open_page(page, server, "?edition=2019")
    page.get_by_label("Tableau des communes").check()
    page.locator("#commune-table .ag-floating-filter[aria-colindex='1'] input").fill("Liévin")
    cell = page.locator("#commune-table .ag-row[row-id='62510'] .ag-cell[col-id='etablissements']")
    cell.wait_for()
    assert cell.inner_text().strip() == ""
    lievin = export_communes(page)["62510"]
    assert lievin["edition"] == "2019" and lievin["etablissements"] == ""
    assert "6\u202f900\u202f€ brut par mois pendant 2 ans" in lievin["aides_zone"]
    assert "1er janvier 2020" in lievin["aides_date_et_source"]
    page.get_by_label("2024 (bilan 2017-2024)").check()
    page.wait_for_function(
        "() => document.querySelector(\"#commune-table .ag-row[row-id='62510'] "
        ".ag-cell[col-id='etablissements']\")?.innerText.includes('Riaumont')"
    )
    lievin = export_communes(page)["62510"]
    assert all(name in lievin["etablissements"] for name in LIEVIN_2024_ONLY)
    assert not page.watch.errors and not page.watch.external


def test_zoning_changes_show_a_sankey_with_its_text(browser, server_2026):
    page, watch = make_page(browser)
    page.goto(server_2026.url + "/")
    page.locator("#coverage-summary").wait_for()
    assert page.locator("#zoning-changes-chart .chart-graph").count() == 0
    page.get_by_label("Évolutions du zonage").check()
    chart = page.locator("#zoning-changes-chart .chart[data-chart='sankey']")
    chart.locator(".sankey").first.wait_for()
    lines = chart.locator(".chart-text li").all_inner_texts()
    assert lines and " passent de « " in lines[0]
    moving = sum(int(line.split(" ")[0].replace("\u202f", "")) for line in lines if " passent de " in line)
    listed = int(page.locator("#zoning-changes [data-count]").get_attribute("data-count"))
    assert moving == listed
    chart.scroll_into_view_if_needed()
    screenshot(page, "zoning-sankey")
    assert not watch.errors and not watch.external
    page.context.close()
