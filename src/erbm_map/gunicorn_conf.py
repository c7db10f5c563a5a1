"""Production serving with gunicorn: ``make serve`` (``--config python:erbm_map.gunicorn_conf``).

Read by gunicorn, not imported by the app. Every setting can be changed from the
environment so that the same file serves a laptop, a test and the production host:

- ``HOST`` / ``PORT``: where to listen (default ``127.0.0.1:8050``; a reverse proxy
  faces the network);
- ``WORKERS``: how many worker processes (default ``2 × cores + 1``, at most
  :data:`MAX_WORKERS`);
- ``ACCESS_LOG=1``: log every request to stderr (off by default: the reverse proxy
  already logs, and a line per callback is noise at 50 users);
- ``LOG_LEVEL``: gunicorn's own log level (default ``info``);
- ``TIMEOUT``: seconds before a silent worker is killed and replaced;
- ``CONTROL_SOCKET``: path of gunicorn's control socket (``gunicornc``); without it there
  is none, because the default path is shared by every gunicorn of the user and a second
  instance (a benchmark, another data set) would take it over.
"""

from __future__ import annotations

import os

#: More workers than this only adds memory and context switches: the callbacks are
#: CPU-bound and short, so the gain stops once every core is busy.
MAX_WORKERS = 8


def cores() -> int:
    """Cores this process may run on (a container's CPU set, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def default_workers(count: int) -> int:
    """Gunicorn's rule of thumb for ``count`` cores: 2 × cores + 1, capped (5 on the 2-core host)."""
    return max(1, min(2 * count + 1, MAX_WORKERS))


bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WORKERS") or default_workers(cores()))
# Sync workers: callbacks are short and CPU-bound, so processes (not threads) use both cores.
worker_class = "sync"
# The factory runs once in the master: the data bundle is loaded and validated before the
# fork, shared copy-on-write by the workers, and a data error stops the start at once.
preload_app = True
timeout = int(os.environ.get("TIMEOUT", "30"))
graceful_timeout = 20
# The heartbeat file lives in memory: a slow or full disk must not get workers killed.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = "-" if os.environ.get("ACCESS_LOG") == "1" else None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
if os.environ.get("CONTROL_SOCKET"):
    control_socket = os.environ["CONTROL_SOCKET"]
else:
    control_socket_disable = True
