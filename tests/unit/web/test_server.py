"""HTTP behaviour of the real app through Flask's test client."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from erbm_map.app import create_app
from erbm_map.core.paths import ROOT


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


@pytest.mark.parametrize(
    "path", ["/", "/?commune=99999&edition=1850", "/?layers=%3Cscript%3E&theme=%00", "/?" + "x" * 5000]
)
def test_any_query_returns_the_page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert b'id="react-entry-point"' in response.data


def test_security_headers(client):
    headers = client.get("/").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert "http" not in policy, "no external origin may be allowed"
    assert "'unsafe-eval'" not in policy


def test_geojson_is_served_once_then_revalidated(client):
    first = client.get("/data/communes.geojson")
    assert first.status_code == 200 and first.mimetype == "application/geo+json"
    assert first.headers["Cache-Control"] == "public, no-cache", "no version in the URL: revalidate"
    again = client.get("/data/communes.geojson", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    versioned = client.get(f"/data/communes.geojson?v={first.headers['ETag'].strip(chr(34))}")
    assert "immutable" in versioned.headers["Cache-Control"]


def test_responses_are_compressed(client):
    response = client.get("/data/communes.geojson", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("Content-Encoding") == "gzip"


def test_favicon_is_the_projects_at_the_root_and_in_the_page(client):
    """Browsers ask /favicon.ico whatever the page links to; both give the project's icon."""
    icon = (ROOT / "assets" / "favicon.ico").read_bytes()

    def served(path: str) -> bytes:
        response = client.get(path)
        # A file response holds the file open until it is closed (pytest fails on the warning).
        with response:
            return response.data

    assert served("/favicon.ico") == icon
    linked = re.search(r'<link rel="icon"[^>]*href="([^"]+)"', client.get("/").text)
    assert linked and served(linked.group(1)) == icon


def test_unknown_paths_get_a_french_page(client):
    response = client.get("/data/secret.geojson")
    assert response.status_code == 404 and "Cette page n'existe pas" in response.get_data(as_text=True)
    assert b"Traceback" not in response.data


def test_oversized_request_is_refused(client):
    response = client.post(
        "/_dash-update-component", data=b"x" * (3 * 1024 * 1024), content_type="application/json"
    )
    assert response.status_code == 413
    assert b"Traceback" not in response.data


def test_broken_callback_request_gets_no_traceback(client):
    response = client.post("/_dash-update-component", data=b"{not json", content_type="application/json")
    assert response.status_code == 400
    assert b"Traceback" not in response.data and b'File "' not in response.data


def test_a_fresh_app_serves_its_first_requests_at_once():
    """Threaded workers get a page and its scripts at the same moment: none may answer 404."""
    script = re.search(r'src="(/_dash-component-suites/dash/deps/react@[^"]+)"', create_app().index()).group(
        1
    )
    for _ in range(3):
        server = create_app().server
        start = threading.Barrier(8)

        def fetch(path: str, server=server, start=start) -> int:
            client = server.test_client()
            start.wait()
            return client.get(path).status_code

        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(fetch, ["/", *[script] * 7]))
        assert statuses == [200] * 8
