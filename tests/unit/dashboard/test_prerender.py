"""The page's HTML holds its first view: a shared link's card reads before any script runs."""

from __future__ import annotations

import re

import pytest

from erbm_map.app import create_app


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def _prerender(html: str) -> str:
    found = re.search(r"<div id=\"prerender\".*?</div>\s*<div id=\"react-entry-point\"", html, re.S)
    assert found, "the page writes its first view ahead of the app"
    return found.group(0)


def test_a_shared_link_to_a_commune_has_its_card_and_sheet_link_in_the_html(client, bundle):
    page = client.get("/?commune=62510&edition=2019").get_data(as_text=True)
    block = _prerender(page)
    assert '<h2 class="card-title">Liévin</h2>' in block
    # The same report as the app's card: its zone, and an aid with its amount and unit.
    assert "zone d&#x27;accompagnement régional" in block or "zone d'accompagnement régional" in block
    assert "50\u202f000\u202f€ en une fois" in block
    assert 'href="/fiche?commune=62510&amp;edition=2019"' in block
    # No component id: the app's own card (with its ids) replaces this copy.
    assert block.count(" id=") == 2, "no component id but the block's and the app's root"
    assert "Loading..." not in page and "Chargement de la carte…" in block


def test_a_page_without_a_commune_or_with_a_bad_one_shows_no_card(client):
    for query in ("/", "/?commune=99999", "/?commune=%3Cscript%3E", "/?edition=%FF%FE"):
        response = client.get(query)
        assert response.status_code == 200, query
        block = _prerender(response.get_data(as_text=True))
        assert "card-title" not in block and "<script" not in block, query


def test_the_figures_of_the_linked_view_are_written_once_as_an_inert_template(client, bundle):
    page = client.get("/?edition=2019&theme=offre-de-soins").get_data(as_text=True)
    found = re.findall(r'<template id="kpis-html">(.*?)</template>', page, re.S)
    assert len(found) == 1, "one template, after the app's root"
    figures = [
        dict(re.findall(r'([\w-]+)(?:="([^"]*)")?', tag))
        for tag in re.findall(r"<article ([^>]*)>", found[0])
    ]
    assert len(figures) > 50, "the figures of both editions are written"
    shown = {(f["data-edition"], f["data-theme"]) for f in figures if "hidden" not in f}
    assert shown == {("2019", "offre-de-soins")}
    assert {f["data-edition"] for f in figures} == set(bundle.domain.edition_keys)
    # The layout itself holds no figure: the browser moves these into its empty panel.
    layout = client.get("/_dash-layout", headers={"Referer": "http://x/?edition=2019"}).get_data(as_text=True)
    assert "kpi-value" not in layout and '"kpis"' in layout
