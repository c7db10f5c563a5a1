"""One rule for « is this layer drawn in this view? »: the legend's (Python) and the map's (JS).

The legend is rendered on the server (``core.state.layer_shown``), the map draws in the browser
(``shows`` in ``assets/21a-map-rule.js``). Both are run here over every layer and kind of
view, so the legend can never explain a layer the map does not draw, or miss one it does.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from itertools import product

import pytest

from erbm_map.core.domain import ALL_LAYERS, ALL_THEMES, ESTABLISHMENT_LAYERS, MapLayer
from erbm_map.core.paths import ROOT
from erbm_map.core.state import ViewState, layer_shown

RULE = ROOT / "assets" / "21a-map-rule.js"
SCRIPT = """
const rule = require(process.argv[1]);
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map(([layer, view]) => rule.shows(layer, view))));
"""


def _run_rule(script: str, payload: object) -> object:
    """``script`` run by Node on the map's rule file, ``payload`` on its standard input (JSON both ways)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: `make test` installs it (make node)")
    run = subprocess.run(
        [node, "-e", script, str(RULE)], input=json.dumps(payload), capture_output=True, text=True, check=True
    )
    return json.loads(run.stdout)


def _views() -> list[ViewState]:
    layer_sets = [(), ALL_LAYERS, *((layer,) for layer in ALL_LAYERS)]
    places = [("", ""), ("62498", ""), ("", "200033579"), ("62498", "200033579")]
    return [ViewState(layers=layers, commune=c, epci=e) for layers, (c, e) in product(layer_sets, places)]


def test_the_legend_and_the_map_draw_the_same_layers_in_every_view():
    layers = sorted({*ALL_LAYERS, *(layer.value for layer in MapLayer)})
    cases = [
        (layer, {"layers": list(view.layers), "commune": view.commune, "epci": view.epci})
        for layer, view in product(layers, _views())
    ]
    browser = _run_rule(SCRIPT, cases)
    python = [layer_shown(layer, view) for layer, view in product(layers, _views())]
    differ = [case for case, b, p in zip(cases, browser, python, strict=True) if b != p]
    assert not differ, differ[:5]
    assert any(browser) and not all(browser)


THEME_SCRIPT = """
const rule = require(process.argv[1]);
const [cases, themeLayers] = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = cases.map(([layers, theme]) => rule.withThemeLayers(layers, theme, themeLayers));
process.stdout.write(JSON.stringify(out));
"""


def test_a_theme_paints_ahead_with_the_layers_the_server_then_proposes(bundle):
    """The map applies a theme's layers before the server ticks their boxes: the same set."""
    from erbm_map.core.ids import Ids
    from erbm_map.dashboard.callbacks.urlsync import theme_proposal
    from erbm_map.map.leafletmap import theme_layers

    mapping = theme_layers(bundle)
    cases = [(list(layers), theme) for theme in mapping for layers in [(), ("zonage",), ALL_LAYERS]]
    for (layers, theme), browser in zip(cases, _run_rule(THEME_SCRIPT, [cases, mapping]), strict=True):
        proposal = theme_proposal(bundle, Ids.THEME, theme, tuple(layers), None, mapping)
        server = proposal.layers if proposal.layers is not None else tuple(layers)
        assert set(browser) == set(server), (theme, layers)


PLACES_SCRIPT = """
const rule = require(process.argv[1]);
const [cases, themeCategories, allThemes] = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = cases.map(([place, view]) => rule.showsEstablishment(place, view, themeCategories, allThemes));
process.stdout.write(JSON.stringify(out));
"""


def test_the_layout_and_the_map_choose_the_same_establishments_in_every_view(bundle):
    """The first layout carries its view's establishments (``view_establishments``); every later
    view has them chosen in the browser: both sides run over every place, edition, theme and
    category set, so a page never opens on places its next view would not draw."""
    from erbm_map.core.state import establishment_shown

    places = [f["properties"] for f in json.loads(bundle.map_assets["carte-etablissements"].raw)["features"]]
    themes = [ALL_THEMES, "", *bundle.theme_slugs]
    categories = [(), ESTABLISHMENT_LAYERS, *((c,) for c in ESTABLISHMENT_LAYERS)]
    views = [
        ViewState(edition=e.key, theme=t, layers=tuple(c))
        for e, t, c in product(bundle.domain.editions, themes, categories)
    ]
    themed = bundle.theme_categories
    cases = [
        (place, {"edition": v.edition, "theme": v.theme, "layers": list(v.layers)})
        for place, v in product(places, views)
    ]
    browser = _run_rule(PLACES_SCRIPT, [cases, themed, ALL_THEMES])
    python = [establishment_shown(place, v, themed) for place, v in product(places, views)]
    differ = [case for case, b, p in zip(cases, browser, python, strict=True) if b != p]
    assert not differ, differ[:3]
    assert any(browser) and not all(browser)


def test_the_first_layout_carries_its_views_establishments(bundle):
    """The default view's places, each with where its data puts it (the spread-out test)."""
    from erbm_map.map.leafletmap import view_establishments

    state = ViewState.default(bundle)
    shown = view_establishments(bundle, state)["features"]
    assert shown, "the default view draws establishments"
    assert all(f["properties"]["categorie"] in state.layers for f in shown)
    assert all(f["properties"]["at"] == f["geometry"]["coordinates"] for f in shown)
    nothing = view_establishments(bundle, state.with_(layers=("zonage",)))["features"]
    assert nothing == []


def test_a_slide_lists_a_category_exactly_when_its_map_draws_a_place_of_it(bundle):
    """The deck's chapters and the map choose places by one rule: a slide's map lists a
    category of establishments when the same view of the dashboard would draw one of its places."""
    from erbm_map.map.leafletmap import view_establishments
    from erbm_map.presentation.chapters import draws_points

    latest = bundle.domain.latest_edition
    for layer, theme in product(ESTABLISHMENT_LAYERS, ["", *bundle.theme_slugs]):
        view = ViewState(edition=latest, theme=theme, layers=(layer,))
        drawn = bool(view_establishments(bundle, view)["features"])
        assert draws_points(bundle, layer, theme) == drawn, (layer, theme)
