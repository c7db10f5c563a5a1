"""Hostile clients (issue 14, findings 8 and 11): bad callback bodies, unknown paths, headers."""

from __future__ import annotations

import copy
import json
import logging
import random

import pytest

from erbm_map.app import create_app
from erbm_map.web.hardening import PERMISSIONS_POLICY
from tests.support.dashlayout import callback_outputs

CALLBACK = "/_dash-update-component"


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def _bodies(client) -> list[dict]:
    """One plausible body per server callback, built from ``/_dash-dependencies``."""
    bodies = []
    for dep in client.get("/_dash-dependencies").get_json():
        if dep.get("clientside_function"):
            continue
        spec = dep["output"]
        inputs = [{**i, "value": None} for i in dep["inputs"]]
        bodies.append(
            {
                "output": spec,
                "outputs": callback_outputs(spec),
                "inputs": inputs,
                "state": [{**s, "value": None} for s in dep.get("state", [])],
                "changedPropIds": [f"{i['id']}.{i['property']}" for i in dep["inputs"][:1]],
            }
        )
    return bodies


def _structural(body: dict, rng: random.Random) -> dict:
    """Break the shape Dash relies on: keys missing, wrong types, unknown ids."""
    body = copy.deepcopy(body)
    key = rng.choice(["output", "outputs", "inputs", "state", "changedPropIds"])
    mutation = rng.randrange(5)
    if mutation == 0:
        body.pop(key, None)
    elif mutation == 1:
        body[key] = rng.choice([None, 0, -1, "x", True, {}, [], [None], [[]], {"id": None}])
    elif mutation == 2 and body["inputs"]:
        body["inputs"][0] = {"id": "inconnu", "property": "value", "value": 1}
    elif mutation == 3:
        body["output"] = rng.choice(["inconnu.value", "..a.b...c.d..", "", "." * 50])
    else:
        body["outputs"] = [{"id": 1, "property": None}] * rng.randrange(3)
    return body


@pytest.mark.parametrize(
    "raw",
    [b"null", b"[]", b"0", b'"x"', b"{}", b'{"output": null}', b"{not json", b"[" * 100_000 + b"]" * 100_000],
)
def test_malformed_callback_body_is_a_400_with_one_log_line(client, caplog, raw):
    with caplog.at_level(logging.INFO, logger="erbm_map"):
        response = client.post(CALLBACK, data=raw, content_type="application/json")
    assert response.status_code == 400
    assert b"Traceback" not in response.data
    assert not [r for r in caplog.records if r.exc_info]
    assert len([r for r in caplog.records if r.name == "erbm_map"]) <= 1


def test_mutated_callback_requests_never_answer_500(client, caplog):
    rng = random.Random(14)
    bodies = _bodies(client)
    assert bodies
    statuses = []
    with caplog.at_level(logging.INFO):
        for n in range(300):
            body = _structural(rng.choice(bodies), rng)
            for prefix in ("", "/presentation"):
                response = client.post(
                    prefix + CALLBACK, data=json.dumps(body), content_type="application/json"
                )
                statuses.append(response.status_code)
                assert response.status_code in (200, 204, 400), (n, body)
    assert 400 in statuses
    tracebacks = [r for r in caplog.records if r.exc_info]
    assert not tracebacks, tracebacks[0].getMessage()
    assert len([r for r in caplog.records if r.levelno >= logging.WARNING]) == statuses.count(400)


@pytest.mark.parametrize(
    "path",
    [
        "/foo",
        "/commune/59002",
        "/presentation/x",
        "/../etc/passwd",
        "/index.php",
        "/.env",
        "/%00",
        "/_dash-component-suites/dash/../../../etc/passwd",
        "/_dash-component-suites/os/path.py",
        "/_dash-component-suites/dash/dcc/nope.js",
        "/presentation/_dash-component-suites/x/y.js",
    ],
)
def test_unknown_paths_are_a_french_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    text = response.get_data(as_text=True)
    assert "Cette page n'existe pas" in text and "react-entry-point" not in text
    assert (
        response.headers["Content-Security-Policy"]
        and response.headers["X-Content-Type-Options"] == "nosniff"
    )


@pytest.mark.parametrize("path", ["/", "/?commune=59002", "/presentation/", "/presentation/?chapter=2"])
def test_pages_are_french_and_still_served(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert b'<html lang="fr">' in response.data


def test_every_response_carries_the_permissions_policy(client):
    for path in ["/", "/nope", "/data/communes.geojson", "/_dash-layout", "/presentation"]:
        headers = client.get(path).headers
        assert headers["Permissions-Policy"] == PERMISSIONS_POLICY
        assert "geolocation=()" in headers["Permissions-Policy"]
        assert headers["X-Frame-Options"] == "SAMEORIGIN"


def test_a_callback_that_prevents_its_update_still_answers_204():
    from dash import Dash, Input, Output, html
    from dash.exceptions import PreventUpdate

    from erbm_map.web.hardening import harden

    app = Dash(__name__)
    app.layout = html.Div([html.Button(id="b"), html.Div(id="out")])

    @app.callback(Output("out", "children"), Input("b", "n_clicks"))
    def never(_clicks):
        raise PreventUpdate

    harden(app.server, [app])
    body = {
        "output": "out.children",
        "outputs": {"id": "out", "property": "children"},
        "inputs": [{"id": "b", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["b.n_clicks"],
    }
    response = app.server.test_client().post(CALLBACK, json=body)
    assert response.status_code == 204
