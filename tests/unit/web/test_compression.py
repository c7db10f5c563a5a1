"""Immutable scripts are compressed once per process; the layout and callbacks are not memorised."""

from __future__ import annotations

import gzip

import brotli
import pytest
from flask import Flask, Response

from erbm_map.web import compression


@pytest.fixture
def server(monkeypatch) -> tuple[Flask, list[str]]:
    monkeypatch.setattr(compression, "_memory", {})
    compressed: list[str] = []
    original = compression._compress

    def counting(body: bytes, encoding: str) -> bytes:
        compressed.append(encoding)
        return original(body, encoding)

    monkeypatch.setattr(compression, "_compress", counting)
    app = Flask(__name__)
    body = "var x = 1;\n" * 500

    @app.get("/_dash-component-suites/lib/lib.v1.min.js")
    def bundle() -> Response:
        return Response(body, mimetype="text/javascript")

    @app.get("/_dash-layout")
    def layout() -> Response:
        return Response('{"a": 1}' * 200, mimetype="application/json")

    compression.install(app)
    return app, compressed


def test_a_bundle_is_compressed_once_per_encoding_and_reads_back(server):
    app, compressed = server
    client = app.test_client()
    for _ in range(3):
        answer = client.get(
            "/_dash-component-suites/lib/lib.v1.min.js", headers={"Accept-Encoding": "gzip, br"}
        )
        assert answer.headers["Content-Encoding"] == "br"
        assert brotli.decompress(answer.data).decode() == "var x = 1;\n" * 500
    answer = client.get("/_dash-component-suites/lib/lib.v1.min.js", headers={"Accept-Encoding": "gzip"})
    assert gzip.decompress(answer.data).decode().startswith("var x = 1;")
    assert "Accept-Encoding" in answer.headers["Vary"]
    assert compressed == ["br", "gzip"]


def test_a_client_that_accepts_neither_gets_the_plain_script(server):
    app, compressed = server
    answer = app.test_client().get(
        "/_dash-component-suites/lib/lib.v1.min.js", headers={"Accept-Encoding": "identity"}
    )
    assert "Content-Encoding" not in answer.headers and answer.data.startswith(b"var x")
    assert compressed == []


def test_what_changes_under_its_url_is_left_to_flask_compress(server):
    app, compressed = server
    answer = app.test_client().get("/_dash-layout", headers={"Accept-Encoding": "br"})
    assert "Content-Encoding" not in answer.headers
    assert compressed == []
