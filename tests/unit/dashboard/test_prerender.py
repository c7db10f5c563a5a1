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
