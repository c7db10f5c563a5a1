"""The dashboard journeys of planners and elected officials, in a real browser."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import parse_qs, urlparse

import pytest

from tests.support.harness import make_page, screenshot, wait_idle, wait_map_drawn

pytestmark = pytest.mark.e2e


def open_view(page, server, query: str = "") -> None:
    page.goto(server.url + "/" + query)
    wait_map_drawn(page)


def choose_commune(page, text: str, expected: str) -> None:
    """Type in the search box, wait for the server-ranked list, take the first match with Enter."""
    page.click("#commune-search")
    box = page.locator("input.dash-dropdown-search")
    box.wait_for()
    box.press_sequentially(text)
    first = page.locator(".dash-dropdown-options .dash-dropdown-option").first
    first.wait_for()
    page.wait_for_function(
        "(e) => document.querySelector('.dash-dropdown-options .dash-dropdown-option')"
        "?.innerText.startsWith(e)",
        arg=expected,
    )
    page.keyboard.press("Enter")


def wait_card(page, name: str) -> None:
    """Wait until the commune card shows ``name``."""
    page.wait_for_function("(n) => document.querySelector('#commune-card-title')?.innerText === n", arg=name)


def query_of(page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query, keep_blank_values=True).items()}


def test_search_lens_opens_its_card(page, server, bundle):
    open_view(page, server)
    choose_commune(page, "Lens", "Lens (62498)")
    title = page.locator("#commune-card-title")
    title.wait_for()
    assert title.inner_text() == "Lens"
    card = page.locator("#commune-card")
    assert "62498" in card.inner_text()
    zone = bundle.zoning.at["62498", bundle.latest_vintage]
    assert card.locator(f"[data-zone='{zone}']").count() == 1
    assert query_of(page)["commune"] == "62498"


def test_search_without_accents_finds_henin_beaumont(page, server):
    open_view(page, server)
    choose_commune(page, "henin beau", "Hénin-Beaumont")
    wait_card(page, "Hénin-Beaumont")


def test_link_opens_henin_beaumont_card_with_zone_and_aid(page, server, bundle):
    open_view(page, server, "?commune=62427")
    wait_card(page, "Hénin-Beaumont")
    card = page.locator("#commune-card")
    zone = bundle.zoning.at["62427", bundle.latest_vintage]
    assert card.locator(f"[data-zone='{zone}']").count() == 1
    text = card.inner_text()
    # The aid of its zone, as the unit test of the card reads it (tests/unit/dashboard/test_callbacks.py).
    assert "50\u202f000\u202f€" in text
    screenshot(page, "commune-card")


def kpi_value(page, ident: str) -> str:
    locator = page.locator(f"#kpis [data-id='{ident}'] .kpi-value")
    locator.wait_for()
    return locator.inner_text()


def test_edition_switch_changes_cls_figure(page, server):
    open_view(page, server, "?theme=coordination&edition=2019")
    assert kpi_value(page, "cls.2019") == "3"
    page.get_by_label("2024 (bilan 2017-2024)").check()
    assert kpi_value(page, "cls.2024") == "6"
    change = page.locator("#kpis [data-id='cls.2024'] .kpi-pair").inner_text()
    # 3 contracts « signed or in preparation » against 6 « signed »: side by side, no change.
    assert "2019 : 3" in change and "2024 : 6" in change and "mesures différentes" in change
    assert query_of(page)["edition"] == "2024"


def test_url_round_trip_restores_the_view(page, server):
    open_view(page, server, "?commune=62498&edition=2019&theme=sante-mentale&layers=zonage,cls")
    wait_card(page, "Lens")
    assert page.locator("#edition input[value='2019']").is_checked()
    assert page.locator("#layers input[value='cls']").is_checked()
    assert not page.locator("#layers input[value='epci']").is_checked()
    assert "Santé mentale" in page.locator("#theme").inner_text()
    page.get_by_label("Conseils locaux de santé mentale (CLSM)").check()
    page.wait_for_function("() => location.search.includes('clsm')")
    query = query_of(page)
    assert query["layers"].split(",") == ["zonage", "cls", "clsm"]
    assert query["edition"] == "2019" and query["theme"] == "sante-mentale" and query["commune"] == "62498"
    saved = page.url
    page.goto("about:blank")
    open_view(page, server, "?" + urlparse(saved).query)
    wait_card(page, "Lens")
    assert page.locator("#layers input[value='clsm']").is_checked()


def test_csv_export_has_every_commune_and_the_zone(page, server, bundle):
    page.goto(server.url + "/")
    wait_idle(page)
    page.get_by_label("Tableau des communes").check()
    page.locator("#commune-table .ag-row").first.wait_for()
    with page.expect_download() as info:
        page.get_by_role("button", name="Exporter les communes (CSV)").click()
    text = info.value.path().read_text(encoding="utf-8-sig")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    rows = list(csv.DictReader(io.StringIO(body), delimiter=";"))
    assert len(rows) == len(bundle.communes) == 330
    zone = f"Zone médecins généralistes (zonage en vigueur en {bundle.latest_vintage})"
    assert {zone, "Code INSEE", "CLS (brochure 2024)", "CLSM (brochure 2024)"} <= set(rows[0])
    lens = next(r for r in rows if r["Code INSEE"] == "62498")
    assert lens[zone] == bundle.zoning.at["62498", bundle.latest_vintage]


def test_table_row_opens_commune_card(page, server):
    open_view(page, server)
    page.get_by_label("Tableau des communes").check()
    cell = page.locator("#commune-table .ag-cell[col-id='nom']").filter(has_text="Abscon").first
    cell.click()
    wait_card(page, "Abscon")


def test_table_filters_by_zone(page, server, bundle):
    open_view(page, server)
    page.get_by_label("Tableau des communes").check()
    page.locator("#commune-table .ag-floating-filter[aria-colindex='5'] input").fill("ZIP")
    expected = int((bundle.zoning[bundle.latest_vintage] == "ZIP").sum())
    page.wait_for_function(
        "(n) => document.querySelector('#commune-table .ag-paging-row-summary-panel')"
        "?.innerText.includes(String(n))",
        arg=expected,
    )


def test_bad_url_falls_back_with_a_message(page, server):
    open_view(page, server, "?commune=99999&edition=1850")
    message = page.locator("#message .warning")
    message.wait_for()
    assert "99999" in message.inner_text() and "1850" in message.inner_text()
    assert page.locator("#edition input[value='2024']").is_checked()
    assert "Cliquez sur une commune" in page.locator("#commune-card").inner_text()


def test_commune_card_prints_on_one_a4_page(page, server):
    open_view(page, server, "?commune=62427")
    wait_card(page, "Hénin-Beaumont")
    page.emulate_media(media="print")
    assert not page.locator("#map").is_visible(), "the print view shows the card alone"
    pdf = page.pdf(format="A4", print_background=True)
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert pages == 1


def test_theme_filter_runs_in_the_browser(page, server):
    open_view(page, server, "?edition=2019")
    posts_before = len([r for r in page.watch.requests if r.method == "POST"])
    page.click("#theme")
    page.locator(".dash-dropdown-options .dash-dropdown-option").filter(
        has_text="Santé mentale"
    ).first.click()
    page.wait_for_function("() => location.search.includes('theme=sante-mentale')")
    # The figures are filtered by a clientside callback, which may run a moment after the URL.
    page.wait_for_function(
        "() => { const shown = [...document.querySelectorAll('#kpis .kpi:not([hidden])')];"
        " return shown.length > 0 && shown.every(e => e.dataset.theme === 'sante-mentale'); }"
    )
    themes = page.eval_on_selector_all("#kpis .kpi:not([hidden])", "els => els.map(e => e.dataset.theme)")
    editions = page.eval_on_selector_all("#kpis .kpi:not([hidden])", "els => els.map(e => e.dataset.edition)")
    assert themes and set(themes) == {"sante-mentale"} and set(editions) == {"2019"}
    kpi_posts = [
        r for r in page.watch.requests[posts_before:] if r.method == "POST" and "kpis" in (r.post_data or "")
    ]
    assert kpi_posts == [], "filtering the figures must not call the server"


def test_permalink_follows_the_view_without_rebuilding_the_card(page, server):
    open_view(page, server, "?commune=62498")
    wait_card(page, "Lens")
    link = page.locator("#permalink")
    page.wait_for_function("() => document.querySelector('#permalink').value.includes('commune=62498')")
    with page.expect_response(
        lambda r: "_dash-update-component" in r.url and "url.search" in (r.request.post_data or "")
    ) as info:
        page.get_by_label("Conseils locaux de santé mentale (CLSM)").check()
    assert "commune-card" not in json.loads(info.value.body())["response"], "the card must not be resent"
    page.wait_for_function("() => document.querySelector('#permalink').value.includes('clsm')")
    assert link.input_value().startswith(server.url + "/?")


def layers_in_url(page) -> set[str]:
    return set(parse_qs(urlparse(page.url).query).get("layers", [""])[0].split(","))


def checked_layers(page) -> set[str]:
    return set(page.eval_on_selector_all("#layers input:checked", "els => els.map(e => e.value)"))


def test_a_theme_adds_its_layers_says_so_and_can_be_undone(page, server, browser):
    mine = {"zonage", "cls", "clsm", "sanitaire", "medico-social", "dispositif"}
    open_view(page, server, "?layers=" + ",".join(sorted(mine)))
    notice = page.locator("#theme-notice")
    assert notice.is_hidden()
    page.click("#theme")
    options = page.locator(".dash-dropdown-options .dash-dropdown-option")
    options.filter(has_text="Santé mentale").first.click()
    page.wait_for_function("() => location.search.includes('theme=sante-mentale')")
    # Added, never taken away: the planner's zoning and CLS stay on.
    notice.wait_for()
    assert layers_in_url(page) == mine | {"epci"} == checked_layers(page)
    assert "Intercommunalités" in notice.inner_text() and "Santé mentale" in notice.inner_text()
    # The link reproduces the view exactly.
    other, watch = make_page(browser)
    other.goto(page.url)
    wait_map_drawn(other)
    assert checked_layers(other) == mine | {"epci"}
    assert "Santé mentale" in other.locator("#theme").inner_text()
    assert not watch.errors, watch.errors
    other.context.close()
    # « Annuler » puts the layers back; the theme stays.
    notice.get_by_role("button", name="Annuler").click()
    page.wait_for_function("() => !new URLSearchParams(location.search).get('layers').includes('epci')")
    notice.wait_for(state="hidden")
    assert layers_in_url(page) == mine == checked_layers(page)
    assert "theme=sante-mentale" in page.url


def test_the_cards_written_in_the_html_give_way_to_the_apps(page, server):
    """The page's own copy of the card (before the scripts) is gone once the app shows its card."""
    open_view(page, server, "?commune=62510")
    wait_card(page, "Liévin")
    assert page.locator("#prerender").count() == 0, "the copy has left the page"
    titles = page.locator(".card-title:visible")
    assert titles.count() == 1 and titles.first.get_attribute("id") == "commune-card-title"
