"""What each interaction sends back, through the Flask test client, on the bassin minier data.

Not a timing test: it pins what keeps interactions fast whatever the machine. The map
is never sent again (the browser applies each view to it), the grid is patched
(``Patch``), never resent whole, and every callback response
of an interaction stays under 20 kB (``make bench`` measures the times; see
``docs/performance.md``). The requests are built from ``/_dash-dependencies`` as the
browser builds them, so a new input or callback is covered without editing this file.
"""

from __future__ import annotations

import json

import pytest

from erbm_map.app import create_app
from erbm_map.core.paths import DEFAULT_DATA_DIR
from tests.support.dashlayout import callback_outputs, collect_components

LIMIT = 20_000
#: Outputs that carry the map or the table's rows: a whole value there is tens of kB or more.
PATCHED = ("map.figure", "commune-table.")


class Dashboard:
    """The app on the committed data, its callbacks, and the controls' values in the first view."""

    def __init__(self) -> None:
        self.app = create_app(DEFAULT_DATA_DIR)
        self.bundle = self.app.server.config["ERBM_BUNDLE"]
        self.client = self.app.server.test_client()
        self.dependencies = [
            d for d in self.client.get("/_dash-dependencies").get_json() if not d.get("clientside_function")
        ]
        components: dict[str, dict] = {}
        collect_components(self.client.get("/_dash-layout").get_json(), components)
        self.components = components

    def value(self, component: str, prop: str, changes: dict[str, object]) -> object:
        key = f"{component}.{prop}"
        return changes[key] if key in changes else self.components.get(component, {}).get(prop)

    def post(self, dependency: dict, changes: dict[str, object]) -> tuple[int, bytes]:
        def items(kind: str) -> list[dict[str, object]]:
            return [
                {
                    "id": i["id"],
                    "property": i["property"],
                    "value": self.value(i["id"], i["property"], changes),
                }
                for i in dependency[kind]
            ]

        body = {
            "output": dependency["output"],
            "outputs": callback_outputs(dependency["output"]),
            "inputs": items("inputs"),
            "changedPropIds": list(changes),
            "state": items("state"),
        }
        response = self.client.post("/_dash-update-component", json=body)
        return response.status_code, response.data

    def triggered_by(self, changes: dict[str, object]) -> list[dict]:
        return [
            d for d in self.dependencies if any(f"{i['id']}.{i['property']}" in changes for i in d["inputs"])
        ]


@pytest.fixture(scope="module")
def dashboard() -> Dashboard:
    return Dashboard()


def interactions(dashboard: Dashboard) -> dict[str, dict[str, object]]:
    """What a user changes, as ``{"component.prop": new value}``."""
    bundle = dashboard.bundle
    layers = list(dashboard.components["layers"]["value"])
    commune = "62498" if "62498" in bundle.communes.index else str(bundle.communes.index[0])
    return {
        "edition switch": {"edition.value": "2019"},
        "theme change": {"theme.value": bundle.theme_slugs[0]},
        "layer toggle": {"layers.value": [*layers, "cls"] if "cls" not in layers else layers[:-1]},
        "commune selection": {"commune-search.value": commune},
        "map click": {"map-communes.clickData": {"insee": commune, "at": 1}},
        "vintage switch": {"vintage.value": bundle.vintages[0]},
        "EPCI selection": {"epci-select.value": str(bundle.epci.index[0])},
    }


NAMES = (
    "edition switch",
    "theme change",
    "layer toggle",
    "commune selection",
    "map click",
    "vintage switch",
    "EPCI selection",
)


@pytest.mark.parametrize("name", NAMES)
def test_interaction_responses_are_patches_under_20_kb(dashboard, name):
    changes = interactions(dashboard)[name]
    triggered = dashboard.triggered_by(changes)
    assert triggered, f"{name}: no callback listens to {list(changes)}"
    problems = []
    for dependency in triggered:
        output = dependency["output"]
        status, data = dashboard.post(dependency, changes)
        if status not in (200, 204):
            problems.append(f"{output}: HTTP {status}")
            continue
        if output.startswith(PATCHED):
            response = json.loads(data)["response"]
            values = [value for props in response.values() for value in props.values()]
            if not all(isinstance(v, dict) and v.get("__dash_patch_update") for v in values):
                problems.append(f"{output}: sent whole, not as a Patch")
        if len(data) >= LIMIT:
            problems.append(f"{output}: {len(data)} bytes (limit {LIMIT})")
    assert not problems, f"{name}: " + "; ".join(problems)


def test_view_changes_reach_the_map_in_the_browser_never_from_the_server(dashboard):
    """The map applies a view itself (assets/21-map.js): no server callback sends a layer's hideout."""
    every = interactions(dashboard)
    assert not [
        d
        for d in dashboard.dependencies
        if ".hideout" in d["output"] or (".data" in d["output"] and d["output"].startswith("map-"))
    ]
    clientside = [
        d
        for d in dashboard.client.get("/_dash-dependencies").get_json()
        if (d.get("clientside_function") or {}).get("function_name") == "apply"
    ]
    assert len(clientside) == 1
    assert "map-communes.hideout" in clientside[0]["output"]
    inputs = {f"{i['id']}.{i['property']}" for i in clientside[0]["inputs"]}
    for name in NAMES:
        assert set(every[name]) <= inputs, name
