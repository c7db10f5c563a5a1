"""Production serving (issue 14, findings 9 and 11): slow clients, gunicorn's own error pages.

One gunicorn, as ``make serve`` starts it, with 1 worker of 2 threads and a 1 s request
deadline, so that two slow clients would hold every thread of it without the deadline.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.harness import start_server

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(port: int, path: str = "/", headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    port = _free_port()
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    env = {**os.environ, "PORT": str(port), "WORKERS": "1", "THREADS": "2", "REQUEST_TIMEOUT": "1"}
    env.pop("ERBM_DATA", None)
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "--config",
        "python:erbm_map.web.gunicorn_conf",
    ]
    with log.open("w") as handle:
        process = subprocess.Popen(
            [*command, "erbm_map.reload:serve()"], cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if _get(port).status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(log.read_text())
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def _slow_client(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a")
    return sock


def test_slow_clients_are_cut_and_others_served(gunicorn: int):
    slow = [_slow_client(gunicorn) for _ in range(2)]
    try:
        for sock in slow:
            # Never sending the end of its head, each is disconnected at its deadline...
            assert sock.recv(1024) == b""
        # ... and the threads it held answer the others.
        assert _get(gunicorn).status == 200
    finally:
        for sock in slow:
            sock.close()


@pytest.mark.parametrize(
    ("path", "headers", "status", "title"),
    [
        ("/" + "x" * 5000, {}, 414, "Adresse trop longue"),
        ("/", {"X-Big": "y" * 9000}, 431, "En-têtes trop volumineux"),
    ],
)
def test_gunicorn_error_pages_are_french_with_security_headers(gunicorn: int, path, headers, status, title):
    response = _get(gunicorn, path, headers)
    assert response.status == status
    assert title in response.body.decode("utf-8")  # type: ignore[attr-defined]
    assert "lang='fr'" in response.body.decode("utf-8")  # type: ignore[attr-defined]
    for name in (
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "X-Frame-Options",
        "Permissions-Policy",
    ):
        assert response.getheader(name), name


def test_no_version_in_the_server_header(gunicorn: int):
    assert _get(gunicorn).getheader("Server") == "gunicorn"
    assert _get(gunicorn, "/nope").status == 404


def test_dev_server_hides_its_version(tmp_path: Path):
    server = start_server(tmp_path)
    try:
        response = _get(server.port)
        assert response.getheader("Server") == "erbm-map"
        assert "Werkzeug" not in str(response.getheaders()) and "Python" not in str(response.getheaders())
    finally:
        server.stop()


def test_debug_mode_starts_and_serves_without_a_traceback(tmp_path: Path):
    """``ERBM_DEBUG=1`` (README): Dash's own runner with its dev tools, which set the server up
    when it starts; nothing may have answered a request before."""
    server = start_server(tmp_path, {"ERBM_DEBUG": "1"})
    try:
        assert _get(server.port, "/_dash-layout").status == 200
    finally:
        server.stop()
    assert "Traceback" not in server.log.read_text()


def test_deployment_example_binds_the_app_to_localhost_behind_nginx():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    deploy = readme[readme.index("## Déployer") :].split("\n## ", 1)[0]
    assert "0.0.0.0" not in deploy and "127.0.0.1" in deploy and "deploy/nginx/erbm-map.conf" in deploy
    site = (ROOT / "deploy/nginx/erbm-map.conf").read_text(encoding="utf-8")
    assert "server 127.0.0.1:8050;" in site and "server_tokens off;" in site
    assert "client_header_timeout" in site and "proxy_request_buffering on;" in site
