"""The presentation's server callback, called directly, and the map data its chapters carry."""

from __future__ import annotations

import pytest
from dash import no_update

from erbm_map.core.domain import Layer
from erbm_map.presentation.chapters import build_chapters
from erbm_map.presentation.deck_callbacks import open_link
from erbm_map.presentation.deck_layout import deck_data
from erbm_map.presentation.deck_map import create_presentation_map
from erbm_map.web.server import map_urls


@pytest.fixture(scope="module")
def default_deck(bundle):
    return build_chapters(bundle)


def deck_for(bundle):
    return lambda commune: build_chapters(bundle, commune)


def test_a_plain_link_keeps_the_deck_and_asks_for_its_chapter(bundle, default_deck):
    sections, deck, target, message = open_link(bundle, deck_for(bundle), len(default_deck), "?chapter=4")
    assert sections is no_update
    assert deck is no_update
    assert target == {"chapter": 3}
    assert message == ""


def test_a_commune_link_sends_the_deck_with_its_focus(bundle, default_deck):
    sections, deck, target, message = open_link(
        bundle, deck_for(bundle), len(default_deck), "?commune=62498&chapter=2"
    )
    assert len(sections) == len(deck["chapters"]) == len(default_deck) + 1
    assert deck["chapters"][1]["commune"] == "62498"
    assert target == {"chapter": 1}
    assert message == ""


@pytest.mark.parametrize("search", ["?chapter=999", "?chapter=abc", "?commune=abc", "?commune=abc&chapter=0"])
def test_a_bad_link_falls_back_to_chapter_one_with_a_message(bundle, default_deck, search):
    sections, _, target, message = open_link(bundle, deck_for(bundle), len(default_deck), search)
    assert sections is no_update
    assert target == {"chapter": 0}
    assert message


def test_a_commune_chapter_frames_its_commune_and_others_the_territory(bundle):
    deck = deck_data(build_chapters(bundle, "62498"), bundle)
    focus = next(c for c in deck["chapters"] if c["commune"] == "62498")
    (south, west), (north, east) = focus["bounds"]
    row = bundle.communes.loc["62498"]
    assert (west, south, east, north) == pytest.approx(
        (row["min_lon"], row["min_lat"], row["max_lon"], row["max_lat"])
    )
    assert all(c["bounds"] is None for c in deck["chapters"] if not c["commune"])


def test_a_theme_chapter_tells_the_map_its_theme_and_layers(bundle):
    deck = deck_data(build_chapters(bundle), bundle)
    offre = next(c for c in deck["chapters"] if c["slug"] == "offre-de-soins")
    assert offre["theme"] == "offre-de-soins"
    assert offre["layers"] == [Layer.ZONAGE, Layer.EPCI]


def test_the_presentation_map_is_the_dashboards_component_made_static(bundle):
    urls = map_urls(bundle)
    component = create_presentation_map(bundle, (Layer.PERIMETRE, Layer.EPCI), "", urls)
    assert component.id == "map"
    assert component.dragging is False and component.scrollWheelZoom is False
    communes = next(c for c in walk(component) if getattr(c, "id", None) == "map-communes")
    assert communes.hideout["view"]["layers"] == [Layer.PERIMETRE, Layer.EPCI]
    assert communes.hideout["config"]["markerScale"] > 1


def walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children] if children is not None else []:
        if hasattr(child, "to_plotly_json"):
            yield from walk(child)
