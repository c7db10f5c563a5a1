"""The production server under test: gunicorn with the project's config, started cold and timed.

The benchmarks run against what production runs (``make serve``), not the
development server, so the worker count, preload and compression are the real ones.
"""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from erbm_map.web.gunicorn_conf import cores, default_workers

ROOT = Path(__file__).resolve().parents[1]
REGION_DIR = ROOT / "build" / "region"
#: What ``make serve`` runs: the live-reloading app (``erbm_map.reload``).
APP_SPEC = "erbm_map.reload:serve()"
START_TIMEOUT = 180.0


@dataclass(frozen=True)
class DataSet:
    """A data directory the app can run on, with the targets that apply to it."""

    key: str
    label: str
    data_dir: Path | None

    def env(self) -> dict[str, str]:
        """``ERBM_DATA`` for the region; nothing (the committed data) for the bassin minier."""
        return {"ERBM_DATA": str(self.data_dir)} if self.data_dir else {}


BASSIN = DataSet("bassin", "Bassin minier", None)
REGION = DataSet("region", "Région", REGION_DIR)


def ensure_region(log: Path) -> None:
    """Build the regional data set once; later runs reuse ``build/region``."""
    if (REGION_DIR / "communes" / "communes.geojson").exists():
        return
    print("Building the regional data set (build/region), once...", flush=True)
    command = [
        str(Path(sys.executable).with_name("erbm-map")),
        "build-data",
        "--perimeter",
        "hauts-de-france",
        "--output",
        str(REGION_DIR),
    ]
    with log.open("w") as handle:
        subprocess.run(command, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, check=True)


def free_port() -> int:
    """A port nobody listens on (the kernel picks it)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _status(port: int, path: str = "/") -> int | None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return None
    finally:
        connection.close()


@dataclass
class Server:
    """A running gunicorn master and how long it took to answer its first request."""

    url: str
    port: int
    process: subprocess.Popen
    log: Path
    cold_start_s: float
    workers: int

    def stop(self) -> None:
        """SIGTERM lets the master stop its workers; the process group is killed only if it hangs."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def start_production(
    dataset: DataSet, log_dir: Path, workers: int | None = None, root: Path | None = None
) -> Server:
    """Start gunicorn as ``make serve`` does and time process start → first HTTP 200 on ``/``.

    ``root``: another checkout to serve (its ``src`` first on the path), to measure the code
    before a change in the same run as the code after it.
    """
    port = free_port()
    log = log_dir / f"gunicorn-{dataset.key}-{port}.log"
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), **dataset.env()}
    if root is not None:
        env["PYTHONPATH"] = f"{root / 'src'}{os.pathsep}{root}"
    env.pop("ERBM_DEBUG", None)
    env.pop("ACCESS_LOG", None)
    if not dataset.data_dir:
        env.pop("ERBM_DATA", None)
    if workers:
        env["WORKERS"] = str(workers)
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = [gunicorn, "--config", "python:erbm_map.web.gunicorn_conf", APP_SPEC]
    with log.open("w") as handle:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=root or ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = started + START_TIMEOUT
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{log.read_text()}")
        if _status(port) == 200:
            cold = time.perf_counter() - started
            break
        time.sleep(0.02)
    else:
        process.kill()
        raise RuntimeError(f"gunicorn did not answer within {START_TIMEOUT:.0f} s:\n{log.read_text()}")
    return Server(f"http://127.0.0.1:{port}", port, process, log, cold, workers or default_workers(cores()))
