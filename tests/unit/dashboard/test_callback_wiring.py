"""Every callback names components and properties that exist: checked here, not in each browser.

Dash can check this in the browser at start-up, against a layout it embeds in every page; the
check then needs every component library on the page, AG Grid's included, and the grids'
library is loaded only when a grid view opens (``web.deferred``). The same check runs here,
once, on what the browser receives: the callbacks of ``/_dash-dependencies``, against every
component the page or its views can hold (``callback_skeleton``, with the grids).
"""

from __future__ import annotations

import json

import pytest
from dash.development.base_component import Component

from erbm_map.app import callback_skeleton, create_app
from erbm_map.core.paths import DEFAULT_DATA_DIR
from erbm_map.web.server import map_urls
from tests.support.dashlayout import callback_outputs


def _ends(spec: str) -> list[tuple[str, str]]:
    """(id, property) of each output of a spec, an ``allow_duplicate`` output's ``@hash`` dropped."""
    outputs = callback_outputs(spec)
    return [
        (o["id"], o["property"].split("@", 1)[0])
        for o in (outputs if isinstance(outputs, list) else [outputs])
    ]


def _key(component_id: object) -> str:
    """A component id as the dependencies name it; a pattern-matching id by its ``type``."""
    if isinstance(component_id, dict):
        return f"pattern:{component_id['type']}"
    if isinstance(component_id, str) and component_id.startswith("{"):
        return f"pattern:{json.loads(component_id)['type']}"
    return str(component_id)


def _components(node: object) -> dict[str, Component]:
    found: dict[str, Component] = {}
    if isinstance(node, list | tuple):
        for child in node:
            found.update(_components(child))
    elif isinstance(node, Component):
        if getattr(node, "id", None) is not None:
            found[_key(node.id)] = node
        found.update(_components(getattr(node, "children", None)))
    return found


@pytest.fixture(scope="module")
def wiring() -> tuple[list[dict], dict[str, Component]]:
    app = create_app(DEFAULT_DATA_DIR)
    bundle = app.server.config["ERBM_BUNDLE"]
    dependencies = app.server.test_client().get("/_dash-dependencies").get_json()
    return dependencies, _components(callback_skeleton(bundle, map_urls(bundle)))


def _ends_of(callback: dict) -> list[tuple[str, str]]:
    ends = [] if callback.get("no_output") else _ends(callback["output"])
    return ends + [(_key(d["id"]), d["property"]) for d in (*callback["inputs"], *callback["state"])]


def miswired(dependencies: list[dict], components: dict[str, Component]) -> list[str]:
    """Each callback end whose component or property does not exist."""
    wrong = []
    for callback in dependencies:
        for component_id, prop in _ends_of(callback):
            component = components.get(_key(component_id))
            if component is None:
                wrong.append(f"{component_id}: no such component")
            elif prop not in component.available_properties and not prop.startswith(
                tuple(component.available_wildcard_properties)
            ):
                wrong.append(f"{component_id}.{prop}: no such property of {type(component).__name__}")
    return wrong


def test_every_callback_names_an_existing_component_and_property(wiring):
    dependencies, components = wiring
    assert len(dependencies) > 20 and "commune-table" in components, "the grids are in the skeleton"
    assert miswired(dependencies, components) == []


def test_the_check_sees_a_wrong_id_and_a_wrong_property(wiring):
    _dependencies, components = wiring
    wrong = [
        {"output": "nowhere.children", "inputs": [{"id": "commune-table", "property": "rows"}], "state": []},
        {"output": "..edition.value...map.viewport@1..", "inputs": [], "state": []},
    ]
    assert miswired(wrong, components) == [
        "nowhere: no such component",
        "commune-table.rows: no such property of AgGrid",
    ]
    assert _key('{"index":["ALL"],"type":"kpi-open"}') == "pattern:kpi-open"


def test_no_callback_runs_when_the_page_opens(wiring):
    """The first layout is the address's view (``urlsync.first_view``): each callback waits for
    an input, and what only the browser knows is set by ``erbm.firstView`` and
    ``erbmMap.firstView``. A first callback round delayed the map by ~100 ms (issue 22)."""
    dependencies, _components = wiring
    on_open = [c["output"] for c in dependencies if not c.get("prevent_initial_call")]
    assert on_open == []
