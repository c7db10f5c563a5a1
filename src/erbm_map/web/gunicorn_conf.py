"""Production serving with gunicorn: ``make serve`` (``--config python:erbm_map.web.gunicorn_conf``).

Read by gunicorn, not imported by the app. Every setting can be changed from the
environment so that the same file serves a laptop, a test and the production host:

- ``HOST`` / ``PORT``: where to listen (default ``127.0.0.1:8050``; a reverse proxy
  faces the network);
- ``WORKERS``: how many worker processes (default ``2 × cores + 1``, at most
  :data:`MAX_WORKERS`);
- ``THREADS``: threads per worker (default :data:`DEFAULT_THREADS`);
- ``REQUEST_TIMEOUT``: seconds a client has to send its whole request (default 10, see
  ``erbm_map.web.serving``);
- ``ACCESS_LOG=1``: log every request to stderr (off by default: the reverse proxy
  already logs, and a line per callback is noise at 50 users);
- ``ERBM_RELOAD_INTERVAL``: seconds between two looks of each worker at the data
  version stamp (default 2, see ``erbm_map.reload``);
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
#: Threads per worker: a slow client holds one for at most ``web/serving.REQUEST_READ_TIMEOUT``
#: seconds, so 5 workers × 16 threads leave room for the others while 40 of them dawdle.
DEFAULT_THREADS = 16


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
# Threaded workers (gthread) with a deadline per request (erbm_map.web.serving): processes use
# the cores for the CPU-bound callbacks, threads keep answering while slow clients send
# their requests, and gunicorn's own error pages are French with our security headers.
worker_class = "erbm_map.web.serving.GuardedThreadWorker"
threads = int(os.environ.get("THREADS") or DEFAULT_THREADS)
# A worker takes no more connections than it has threads, so the kernel hands the others
# to a worker with a free thread instead of queueing them behind slow clients; without
# keep-alive (the reverse proxy opens one connection per request anyway), a connection
# is a request.
worker_connections = threads
keepalive = 0
# The factory runs once in the master: the data bundle is loaded and validated before the
# fork, shared copy-on-write by the workers, and a data error stops the start at once.
preload_app = True
# Longest request line and header block gunicorn reads (its defaults); beyond, a French
# 414 or 431 page from erbm_map.web.serving.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
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


def post_fork(server: object, worker: object) -> None:
    """Bring a new worker up to date, then keep it so.

    A worker forked after an import loads that import before serving (``LiveApp.catch_up``),
    then watches the data version on its own thread (``ERBM_RELOAD_INTERVAL``, ``LiveApp.watch``).
    """
    app = server.app.wsgi()  # type: ignore[attr-defined]
    if hasattr(app, "catch_up"):
        app.catch_up()
        app.watch()
