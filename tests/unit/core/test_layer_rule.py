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

from erbm_map.core.domain import ALL_LAYERS, MapLayer
from erbm_map.core.paths import ROOT
from erbm_map.core.state import ViewState, layer_shown

RULE = ROOT / "assets" / "21a-map-rule.js"
SCRIPT = """
const rule = require(process.argv[1]);
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map(([layer, view]) => rule.shows(layer, view))));
"""


def _views() -> list[ViewState]:
    layer_sets = [(), ALL_LAYERS, *((layer,) for layer in ALL_LAYERS)]
    places = [("", ""), ("62498", ""), ("", "200033579"), ("62498", "200033579")]
    return [ViewState(layers=layers, commune=c, epci=e) for layers, (c, e) in product(layer_sets, places)]


def test_the_legend_and_the_map_draw_the_same_layers_in_every_view():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: `make test` installs it (make node)")
    layers = sorted({*ALL_LAYERS, *(layer.value for layer in MapLayer)})
    cases = [
        (layer, {"layers": list(view.layers), "commune": view.commune, "epci": view.epci})
        for layer, view in product(layers, _views())
    ]
    run = subprocess.run(
        [node, "-e", SCRIPT, str(RULE)], input=json.dumps(cases), capture_output=True, text=True, check=True
    )
    browser = json.loads(run.stdout)
    python = [layer_shown(layer, view) for layer, view in product(layers, _views())]
    differ = [case for case, b, p in zip(cases, browser, python, strict=True) if b != p]
    assert not differ, differ[:5]
    assert any(browser) and not all(browser)
