"""Live reload (issue 14, finding 7): an import shows in the running app, no restart, no failure.

The swap itself is tested on small stand-in apps (fast, and the rebuild can be slowed
down at will); the real thing on a copy of the data, in-process and under gunicorn.
"""

from __future__ import annotations

import http.client
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from flask import Flask

from erbm_map.data.dataversion import write_stamp
from erbm_map.reload import LiveApp
from tests.support.assets import copy_data, import_2026

ROOT = Path(__file__).resolve().parents[2]


class StandIn:
    """What ``LiveApp`` needs of a Dash app: a Flask ``server`` (answering its version)."""

    def __init__(self, version: str) -> None:
        self.server = Flask(f"standin{version}")
        self.server.get("/")(lambda: version)


def counting_factory(delay: float = 0.0, fail_on: set[int] | None = None):
    built = []

    def factory(_base: Path | None) -> StandIn:
        time.sleep(delay)
        built.append(len(built))
        if fail_on and built[-1] in fail_on:
            raise ValueError("données cassées")
        return StandIn(str(built[-1]))

    return factory


def test_new_version_is_swapped_in_between_requests(tmp_path: Path):
    live = LiveApp(tmp_path, counting_factory(delay=0.3), interval=0.0)
    client = live.server.test_client()
    assert client.get("/").text == "0"
    assert not live.reload_if_changed(), "no stamp change, no rebuild"
    version = write_stamp(tmp_path)
    answers: list[str] = []
    stop = threading.Event()

    def hammer() -> None:
        while not stop.is_set():
            answers.append(_wsgi_get(live))

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        # A hammering request may start (even finish) the rebuild first: wait for the version,
        # whoever started it; and stop the threads whatever happens, or pytest never exits.
        live.wait_until_current(timeout=120)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert live.version == version
    assert set(answers) <= {"0", "1"} and "0" in answers, "the old app answered during the rebuild"
    assert _wsgi_get(live) == "1"


def test_data_that_fails_to_load_keeps_the_last_good_version(tmp_path: Path, caplog):
    live = LiveApp(tmp_path, counting_factory(fail_on={1}), interval=0.0)
    write_stamp(tmp_path)
    with caplog.at_level(logging.ERROR, logger="erbm_map"):
        assert not live.reload_if_changed()
    assert _wsgi_get(live) == "0"
    assert [r.getMessage() for r in caplog.records] == [
        "Nouvelles données non chargées, les précédentes restent servies : ValueError : données cassées"
    ]
    assert not live.reload_if_changed(), "a failed version is not retried"
    write_stamp(tmp_path)
    assert live.reload_if_changed() and _wsgi_get(live) == "2"


def _wsgi_get(live: LiveApp) -> str:
    status: list[str] = []
    body = live(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": "/",
            "SERVER_NAME": "x",
            "SERVER_PORT": "80",
            "wsgi.url_scheme": "http",
            "wsgi.input": None,
        },
        lambda s, h: status.append(s),
    )
    assert status == ["200 OK"]
    return b"".join(body).decode()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_data(tmp_path)


def _vintages(layout: str) -> list[str]:
    return sorted(o["value"] for o in _find(json.loads(layout), "vintage")["options"])


def _find(node: object, ident: str) -> dict:
    if isinstance(node, dict):
        props = node.get("props")
        if isinstance(props, dict) and props.get("id") == ident:
            return props
        children = node.values()
    elif isinstance(node, list):
        children = node
    else:
        return {}
    for child in children:
        found = _find(child, ident)
        if found:
            return found
    return {}


def test_import_shows_in_the_running_app(data: Path, tmp_path: Path, capsys):
    live = LiveApp(data)
    client = live.server.test_client()
    assert _vintages(client.get("/_dash-layout").text) == ["2025"]
    import_2026(data, tmp_path)
    assert "sans redémarrage" in capsys.readouterr().out
    assert live.reload_if_changed()
    assert _vintages(live.server.test_client().get("/_dash-layout").text) == ["2025", "2026"]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _layout(port: int) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", "/_dash-layout")
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def test_every_gunicorn_worker_reloads_without_a_failed_request(data: Path, tmp_path: Path, capsys):
    port = _port()
    env = {**os.environ, "PORT": str(port), "WORKERS": "2", "THREADS": "2", "ERBM_DATA": str(data)}
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "--config",
        "python:erbm_map.web.gunicorn_conf",
    ]
    with (tmp_path / "gunicorn.log").open("w") as log:
        process = subprocess.Popen(
            [*command, "erbm_map.reload:serve()"], cwd=ROOT, env=env, stdout=log, stderr=log
        )
    statuses: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                status, layout = _layout(port)
                break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()
                time.sleep(0.2)
        assert status == 200 and _vintages(layout) == ["2025"]
        import_2026(data, tmp_path)
        capsys.readouterr()
        # Until 20 answers in a row (both workers, surely) show 2026; every answer is a 200
        # and shows one version or the other, whole.
        streak = 0
        deadline = time.monotonic() + 180
        while streak < 20:
            assert time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()
            status, layout = _layout(port)
            statuses.append(status)
            assert status == 200
            vintages = _vintages(layout)
            assert vintages in (["2025"], ["2025", "2026"])
            streak = streak + 1 if vintages == ["2025", "2026"] else 0
        # Both workers have reloaded (each logs it once, its watcher reloads it even idle):
        # twenty answers in a row may all come from one of them while the other still builds.
        log_path = tmp_path / "gunicorn.log"
        while log_path.read_text().count("Données rechargées") < 2:
            assert time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.2)
        # A worker replaced after the import never serves the master's older data.
        workers = subprocess.run(
            ["pgrep", "-P", str(process.pid)], capture_output=True, text=True, check=False
        )
        os.kill(int(workers.stdout.split()[0]), signal.SIGKILL)
        for _ in range(40):
            status, layout = _layout(port)
            statuses.append(status)
            assert status == 200 and _vintages(layout) == ["2025", "2026"]
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    log_text = (tmp_path / "gunicorn.log").read_text()
    # Both workers, then the replacement, which loads the new data before its first answer.
    assert log_text.count("Données rechargées") == 3, log_text
    assert "Traceback" not in log_text
