"""The presentation's server callbacks, called directly, and the map they patch."""

from __future__ import annotations

import pytest
from dash import no_update

from erbm_map.figures.map import INDEX, MapUrls
from erbm_map.layers import Layer
from erbm_map.presentation.callbacks import map_request, map_size, open_link
from erbm_map.presentation.chapters import build_chapters
from erbm_map.presentation.layout import deck_data
from erbm_map.presentation.mapview import chapter_patch, create_map, fit_zoom

URLS = MapUrls(communes="/c.geojson", epci="/e.geojson", perimeter="/p.geojson")


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


def test_map_request_trusts_nothing_from_the_browser(bundle, default_deck):
    deck = deck_data(default_deck)
    assert map_request(bundle, 1, deck) == (("zonage", "epci"), "", "offre-de-soins")
    assert map_request(bundle, len(default_deck) - 1, deck) is None
    assert map_request(bundle, 99, deck) is None
    assert map_request(bundle, "1", deck) is None
    assert map_request(bundle, 0, None) is None
    forged = {"chapters": [{"map": True, "layers": ["zonage", "<script>"], "commune": "x", "theme": "y"}]}
    assert map_request(bundle, 0, forged) == (("zonage",), "", "")


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ({"width": 840, "height": 910}, (840.0, 910.0)),
        ({"width": 1}, None),
        (None, None),
        ({"width": "a", "height": 3}, None),
    ],
)
def test_map_size(size, expected):
    assert map_size(size) == expected


def test_a_bigger_map_zooms_in_and_a_commune_closer_than_the_territory(bundle):
    box = (2.4, 50.2, 3.7, 50.6)
    assert fit_zoom(box, 1200, 1200, 1.1) > fit_zoom(box, 600, 600, 1.1)
    assert fit_zoom(box, 600, 600, 1.1) == pytest.approx(fit_zoom(box, 300, 300, 1.1) + 1, abs=0.02)


def test_chapter_patch_switches_layers_and_frames_the_commune(bundle):
    figure, points = create_map(bundle, (Layer.PERIMETRE, Layer.EPCI), "", URLS)
    patch = chapter_patch(bundle, (Layer.ZONAGE, Layer.SANITAIRE), "62498", (840, 910), "", points)
    operations = patch.to_plotly_json()["operations"]
    assigned = {
        tuple(op["location"]): op["params"]["value"] for op in operations if op["operation"] == "Assign"
    }
    assert assigned[("data", INDEX["zone-ZIP"], "visible")] is True
    assert assigned[("data", INDEX["cls"], "visible")] is False
    assert assigned[("data", INDEX["selection"], "locations")] == ["62498"]
    assert assigned[("layout", "map", "zoom")] > figure.layout.map.zoom
    assert len(assigned[("data", INDEX["sanitaire"], "lon")]) == len(points["sanitaire"])


def test_a_theme_chapter_keeps_only_its_own_devices(bundle):
    _, points = create_map(bundle, (Layer.PERIMETRE,), "", URLS)
    patch = chapter_patch(bundle, (Layer.DISPOSITIF,), "", None, "femmes", points)
    operations = patch.to_plotly_json()["operations"]
    assigned = {
        tuple(op["location"]): op["params"]["value"] for op in operations if op["operation"] == "Assign"
    }
    women = bundle.establishments.query("categorie == 'dispositif' and theme == 'femmes'")
    assert assigned[("data", INDEX["dispositif"], "customdata")] == [[i] for i in women["id"]]
    assert ("data", INDEX["sanitaire"], "lon") not in assigned
    assert assigned[("data", INDEX["sanitaire"], "visible")] is False
