"""Issue 18, defect 1: a versioned asset is what its version says, or is not stored.

After an import, a gunicorn worker that had not reloaded yet answered the new
version's GeoJSON URL with the old content and a year of ``immutable`` cache. Here
each ``LiveApp`` stands for one worker (that is what a worker runs) on a shared copy
of the data: one reloads, the other is asked for every URL of the new page before it
has, and must answer each with the content its ``v`` names.
"""

from __future__ import annotations

import hashlib
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
from werkzeug.test import Client

from erbm_map.data.dataversion import read_stamp, write_stamp
from erbm_map.reload import LiveApp, requested_version, watch_interval
from tests.support.assets import VERSIONED, copy_data, get, import_2026

ROOT = Path(__file__).resolve().parents[2]
YEAR = "public, max-age=31536000, immutable"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_data(tmp_path)


def versioned_urls(worker: LiveApp) -> set[str]:
    """Every ``?v=`` URL a browser fetches for the pages a worker serves (pages and layouts)."""
    client = Client(worker)
    pages = ["/", "/_dash-layout", "/presentation/", "/presentation/_dash-layout"]
    text = "".join(client.get(page).get_data(as_text=True) for page in pages).replace("\\u002f", "/")
    return {match.group(0) for match in VERSIONED.finditer(text)}


def stale(worker: LiveApp, url: str) -> str | None:
    """Why ``worker``'s answer to ``url`` is stale: kept with content its ``v`` does not name."""
    response = Client(worker).get(url)
    if response.status_code != 200:
        return f"{url}: {response.status_code}"
    digest = hashlib.sha256(response.get_data()).hexdigest()[:16]
    cache = response.headers.get("Cache-Control", "")
    if digest == url.rsplit("=", 1)[1]:
        return None if cache == YEAR else f"{url}: right content, cache {cache!r}"
    return None if cache == "no-store" else f"{url}: content {digest}, cache {cache!r}"


def test_no_worker_answers_a_new_version_url_with_old_content(data: Path, tmp_path: Path):
    first, second = LiveApp(data), LiveApp(data)
    old_urls = versioned_urls(first)
    stop = threading.Event()
    answers: list[int] = []

    def browse() -> None:  # the import happens under load on the worker that lags
        while not stop.is_set():
            answers.append(Client(second).get("/_dash-layout").status_code)

    users = [threading.Thread(target=browse) for _ in range(3)]
    for user in users:
        user.start()
    try:
        import_2026(data, tmp_path)
        assert first.reload_if_changed()
        new_urls = versioned_urls(first)
        assert new_urls - old_urls, "the import must change some asset, or this test proves nothing"
        # The second worker has not reloaded: every URL of the new page, asked of it, is right.
        problems = [problem for url in sorted(new_urls) if (problem := stale(second, url))]
    finally:
        stop.set()
        for user in users:
            user.join()
    assert problems == []
    assert second.version == read_stamp(data), "the lagging worker caught up to answer"
    assert set(answers) == {200}
    # A page of the previous version asks for assets that are gone: current content, never stored.
    assert [problem for url in sorted(old_urls) for problem in [stale(second, url)] if problem] == []
    gone = sorted(old_urls - new_urls)[0]
    assert Client(second).get(gone).headers["Cache-Control"] == "no-store"


def test_a_version_that_fails_to_load_is_not_waited_for(data: Path, tmp_path: Path):
    live = LiveApp(data)
    url = sorted(versioned_urls(live))[0]
    (data / "sources" / "zones.csv").write_text("broken\n", encoding="utf-8")
    write_stamp(data)
    bogus = url.rsplit("=", 1)[0] + "=0123456789abcdef"
    response = Client(live).get(bogus)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert live.version != read_stamp(data), "the broken version was given up, the last good one served"


class StandIn:
    """What ``LiveApp`` needs of a Dash app: a Flask ``server``."""

    def __init__(self, version: str) -> None:
        self.server = Flask(f"standin{version}")
        self.server.get("/")(lambda: version)


def test_an_idle_worker_picks_up_a_new_version_on_its_own(tmp_path: Path):
    built: list[int] = []

    def factory(_base: Path | None) -> StandIn:
        built.append(len(built))
        return StandIn(str(built[-1]))

    live = LiveApp(tmp_path, factory, interval=3600.0)
    live.watch(0.05)
    try:
        version = write_stamp(tmp_path)
        assert live.wait_for_version(version, timeout=30), "no request was made: the watcher reloads"
        assert live.server.test_client().get("/").text == "1"
    finally:
        live.stop_watching()


@pytest.mark.parametrize(("value", "seconds"), [("", 2.0), ("0.5", 0.5), ("0", 0.1), ("deux", 2.0)])
def test_reload_interval_comes_from_the_environment(monkeypatch, value: str, seconds: float):
    monkeypatch.setenv("ERBM_RELOAD_INTERVAL", value)
    assert watch_interval() == seconds


def test_requested_version_reads_v_only():
    assert requested_version({"QUERY_STRING": "v=abc&x=1"}) == "abc"
    assert requested_version({"QUERY_STRING": "commune=59002"}) is None
    assert requested_version({}) is None


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _until(condition, what: str, log: Path, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what}:\n{log.read_text()}"
        time.sleep(0.1)


def test_every_gunicorn_worker_reloads_idle_and_serves_no_stale_asset(data: Path, tmp_path: Path):
    """Two workers, no request after the import: both reload on their own, then every URL is right."""
    port, log = _port(), tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        "PORT": str(port),
        "WORKERS": "2",
        "THREADS": "2",
        "ERBM_DATA": str(data),
        "ERBM_RELOAD_INTERVAL": "0.2",
    }
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "--config",
        "python:erbm_map.web.gunicorn_conf",
    ]
    with log.open("w") as out:
        process = subprocess.Popen(
            [*command, "erbm_map.reload:serve()"], cwd=ROOT, env=env, stdout=out, stderr=out
        )
    try:
        _until(lambda: _alive(port), "gunicorn did not start", log)
        import_2026(data, tmp_path)
        _until(lambda: log.read_text().count("Données rechargées") >= 2, "an idle worker did not reload", log)
        status, _, layout = get(port, "/_dash-layout")
        urls = {m.group(0) for m in VERSIONED.finditer(layout.decode().replace("\\u002f", "/"))}
        assert status == 200 and len(urls) >= 7
        problems = []
        for _ in range(10):  # the kernel hands requests to both workers
            for url in sorted(urls):
                status, headers, body = get(port, url)
                digest = hashlib.sha256(body).hexdigest()[:16]
                if status != 200 or digest != url.rsplit("=", 1)[1] or headers["Cache-Control"] != YEAR:
                    problems.append(f"{url}: {status} {digest} {headers.get('Cache-Control')}")
        assert problems == []
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    assert "Traceback" not in log.read_text()


def _alive(port: int) -> bool:
    try:
        return get(port, "/")[0] == 200
    except OSError:
        return False
