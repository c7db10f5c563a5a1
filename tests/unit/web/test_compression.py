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

    def counting(body: bytes, encoding: str, quality: int = compression.BROTLI_QUALITY) -> bytes:
        compressed.append(encoding)
        return original(body, encoding, quality)

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


def test_new_content_under_a_path_replaces_the_old_and_the_map_data_gets_the_best_quality(monkeypatch):
    monkeypatch.setattr(compression, "_memory", {})
    first = compression.compressed_once("/data/epci.geojson", "br", b'{"a": 1}' * 300)
    again = compression.compressed_once("/data/epci.geojson", "br", b'{"a": 1}' * 300)
    assert first is again
    newer = compression.compressed_once("/data/epci.geojson", "br", b'{"b": 2}' * 300)
    assert brotli.decompress(newer) == b'{"b": 2}' * 300
    assert len(compression._memory) == 1, "one entry per path and encoding"
    qualities = []
    monkeypatch.setattr(
        compression, "_compress", lambda body, encoding, quality: qualities.append(quality) or body
    )
    compression.compressed_once("/data/x.geojson", "br", b"{}")
    compression.compressed_once("/assets/x.js", "br", b"x")
    compression.compressed_once("/data/big.geojson", "br", b" " * (compression.BEST_QUALITY_MAX + 1))
    assert qualities == [
        compression.BROTLI_QUALITY_DATA,
        compression.BROTLI_QUALITY,
        compression.BROTLI_QUALITY,
    ]


def test_warming_compresses_every_script_style_and_map_file_the_page_links(monkeypatch):
    from erbm_map.app import create_app

    monkeypatch.setattr(compression, "_memory", {})
    count = compression.warm(create_app().server)
    paths = {path for path, _encoding in compression._memory}
    assert count == len(paths) >= 15
    assert any(path.startswith("/data/") for path in paths) and any(path.endswith(".css") for path in paths)
    assert not any(path.endswith(".ico") for path in paths)
