"""The browser scripts read component ids from Python (``window.erbmIds``), never a copy."""

from __future__ import annotations

import json
import re

import pytest

from erbm_map.app import create_app
from erbm_map.core.deck_ids import PresentationIds
from erbm_map.core.domain import ALL_THEMES, MapLayer
from erbm_map.core.ids import MAP_LAYERS, Ids
from erbm_map.core.paths import ROOT
from erbm_map.web.assetbundle import asset_bundles
from erbm_map.web.clientids import IDS_SCRIPT, ids_payload, ids_script, ids_script_url


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


SCRIPTS = sorted((ROOT / "assets").glob("*.js"))
#: A literal id where a script looks an element up, sets its props or names a callback input.
LOOKUP = re.compile(r"""(getElementById|set_props)\(\s*["']|["']#[a-z]|indexOf\(\s*["'][a-z-]+\.""")


def test_the_script_defines_every_id():
    text = ids_script()
    assert text.startswith("window.erbmIds = ") and text.endswith(";\n")
    served = json.loads(text.removeprefix("window.erbmIds = ").rstrip(";\n"))
    assert served == ids_payload()
    assert served["dashboard"] == {member.name: member.value for member in Ids}
    assert served["presentation"] == {member.name: member.value for member in PresentationIds}
    assert set(served["mapLayers"].values()) <= {member.value for member in Ids}
    assert served["mapLayers"] == {layer: str(component) for layer, component in MAP_LAYERS.items()}
    assert set(served["mapLayers"]) == {layer.value for layer in MapLayer}
    assert served["vocabulary"]["allThemes"] == ALL_THEMES


def test_both_apps_load_it_before_their_scripts(client):
    for page in ("/", "/presentation/"):
        html = client.get(page).get_data(as_text=True)
        # Our scripts come as one file after it (``web.assetbundle``).
        assert html.index(ids_script_url()) < html.index(asset_bundles()[0].url)
    response = client.get(ids_script_url())
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert response.get_data(as_text=True) == ids_script()
    assert ids_script_url().startswith(IDS_SCRIPT + "?v=")


def test_no_script_spells_an_id():
    found = {script.name: LOOKUP.findall(script.read_text(encoding="utf-8")) for script in SCRIPTS}
    assert found == {script.name: [] for script in SCRIPTS}
    hyphenated = [m.value for m in (*Ids, *PresentationIds) if "-" in m.value]
    for script in SCRIPTS:
        text = script.read_text(encoding="utf-8")
        assert [v for v in hyphenated if f'"{v}"' in text or f"'{v}'" in text] == [], script.name
