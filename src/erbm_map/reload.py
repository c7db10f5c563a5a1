"""Serve the current data: the WSGI entry point that swaps in a new app after an import.

Every import writes the data version stamp (``dataversion``) last: the stamp is the one
authority on which data is current, for every worker. ``LiveApp`` is the WSGI
application the dev server and every gunicorn worker run. A watcher thread per process
(``watch``) looks at the stamp every ``ERBM_RELOAD_INTERVAL`` seconds, so that an idle
worker reloads too, not on its next request; requests also look at it at most once per
``CHECK_INTERVAL``. When it changed, a whole new Dash app (``create_app``) is built in a
background thread while requests keep being answered by the current one. The swap is
one reference assignment: a request runs entirely on the app it started with, so nobody
sees half of a version and no request fails. A version whose data does not load is
logged in one line and skipped; the app keeps serving the last good data.

Versioned assets (``?v=<content hash>``, see ``web/server.versioned``) are the exception to
"the current app answers": a request for a ``v`` the current app does not serve, while
the stamp names a newer version, waits for that version's rebuild (at most
``VERSION_WAIT`` seconds), so a worker never answers a new version's URL with the old
content. A page served by an up-to-date worker thus gets its map from a worker that
is not yet, whole and right.

``serve()`` is the production entry point (``make serve``), ``main()`` the dev server
(``make run``). Both stop with one French line and exit status 2, never a traceback,
when the data cannot be loaded at start-up.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from dash import Dash

from erbm_map.data.dataversion import read_stamp
from erbm_map.web import compression
from erbm_map.web.hardening import debug_mode
from erbm_map.web.server import asset_versions

log = logging.getLogger("erbm_map")

#: Seconds between two looks at the stamp on requests (one small file read per process).
CHECK_INTERVAL = 1.0
#: Seconds between two looks at the stamp by the watcher thread, when
#: ``ERBM_RELOAD_INTERVAL`` does not say otherwise.
WATCH_INTERVAL = 2.0
#: Longest a request for a newer version's asset waits for this process's rebuild (a
#: rebuild takes 2–5 s; nginx gives up after 60 s). Past it, ``web/server.versioned`` answers
#: the current content with ``no-store``.
VERSION_WAIT = 45.0
#: Exit status of a start-up refused because of the data (as ``erbm-map import``).
EXIT_BAD_DATA = 2

Factory = Callable[[Path | None], Dash]


def _create_app(base: Path | None) -> Dash:
    """The app, its static files compressed before it serves (``web.compression.warm``).

    Run at start in the gunicorn master (the workers share the result) and, after an import,
    in each worker's rebuild thread, while the previous app still answers.
    """
    from erbm_map.app import create_app

    app = create_app(base)
    if not debug_mode():
        compression.warm(app.server)
    return app


def watch_interval() -> float:
    """``ERBM_RELOAD_INTERVAL`` in seconds (at least 0.1), or :data:`WATCH_INTERVAL`."""
    text = os.environ.get("ERBM_RELOAD_INTERVAL", "")
    try:
        value = float(text)
    except ValueError:
        if text:
            log.warning("ERBM_RELOAD_INTERVAL=%r ignoré : nombre de secondes attendu", text)
        return WATCH_INTERVAL
    return max(value, 0.1)


def requested_version(environ: dict[str, Any]) -> str | None:
    """The ``v`` of a request's query string (a versioned asset), None without one."""
    query = environ.get("QUERY_STRING", "")
    if "v=" not in query:
        return None
    values = parse_qs(query).get("v")
    return values[0] if values else None


class LiveApp:
    """A WSGI application serving the latest loadable version of the data."""

    def __init__(
        self,
        base: Path | None = None,
        factory: Factory = _create_app,
        interval: float = CHECK_INTERVAL,
        version_wait: float = VERSION_WAIT,
    ) -> None:
        self.base = base
        self._factory = factory
        self._interval = interval
        self._version_wait = version_wait
        self._lock = threading.Lock()
        self._swapped = threading.Condition()
        self._builder: threading.Thread | None = None
        self._watcher: threading.Thread | None = None
        self._stop = threading.Event()
        self._skipped = ""
        self.version = read_stamp(base)
        self.app = factory(base)
        self._next_check = time.monotonic() + interval

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """Answer one request with the app current when it arrives (see the module's docstring)."""
        app = self.app
        wanted = requested_version(environ)
        if wanted is not None and wanted not in asset_versions(app.server) and self.behind():
            app = self.wait_until_current()
        elif time.monotonic() >= self._next_check:
            self._check()
        return app.server.wsgi_app(environ, start_response)

    @property
    def server(self) -> Any:
        """The Flask server of the current app (tests use its ``test_client``)."""
        return self.app.server

    def behind(self) -> bool:
        """Whether the stamp names a version this process has neither loaded nor given up on."""
        return read_stamp(self.base) not in (self.version, self._skipped)

    def poll(self) -> threading.Thread | None:
        """Look at the stamp now, start a rebuild if it changed; return the running rebuild."""
        with self._lock:
            self._next_check = time.monotonic() + self._interval
            if self._builder is None:
                version = read_stamp(self.base)
                if version not in (self.version, self._skipped):
                    self._builder = threading.Thread(target=self._rebuild, args=(version,), daemon=True)
                    self._builder.start()
            return self._builder

    def _check(self) -> None:
        if time.monotonic() >= self._next_check:
            self.poll()

    def _rebuild(self, version: str) -> None:
        started = time.perf_counter()
        try:
            app = self._factory(self.base)
        except Exception as exc:
            self._skipped = version
            log.error("Nouvelles données non chargées, les précédentes restent servies : %s", one_line(exc))
        else:
            self.app, self.version = app, version
            log.warning("Données rechargées (version %s) en %.1f s", version, time.perf_counter() - started)
        finally:
            with self._lock:
                self._builder = None
            with self._swapped:
                self._swapped.notify_all()

    def wait_until_current(self, timeout: float | None = None) -> Dash:
        """Rebuild until the app serves the stamp's version (or gave it up); return that app.

        Bounded by ``timeout`` (default ``version_wait``): a request never waits longer.
        Tests use it as a deterministic "this worker has caught up".
        """
        deadline = time.monotonic() + (self._version_wait if timeout is None else timeout)
        while (builder := self.poll()) is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            builder.join(left)
        return self.app

    def wait_for_version(self, version: str, timeout: float) -> bool:
        """Wait until this process serves ``version`` (the watcher's test hook); True when it does."""
        with self._swapped:
            return self._swapped.wait_for(lambda: self.version == version, timeout)

    def watch(self, interval: float | None = None) -> threading.Thread:
        """Start the watcher thread: a look at the stamp every ``interval`` seconds.

        Started in each process that serves (a gunicorn worker after its fork, the dev
        server), never before a fork: a thread does not survive it.
        """
        if self._watcher is None or not self._watcher.is_alive():
            every = watch_interval() if interval is None else interval
            self._stop.clear()
            self._watcher = threading.Thread(
                target=self._watch, args=(every,), daemon=True, name="erbm-reload-watcher"
            )
            self._watcher.start()
        return self._watcher

    def stop_watching(self) -> None:
        """Stop the watcher thread (tests; a process that ends needs not)."""
        self._stop.set()
        if self._watcher is not None:
            self._watcher.join()

    def _watch(self, interval: float) -> None:
        while not self._stop.wait(interval):
            try:
                self.poll()
            except Exception as exc:  # an unreadable stamp must not end the watcher
                log.error("Surveillance des données : %s", one_line(exc))

    def catch_up(self) -> None:
        """Load the current version now, in this thread, if it is not the one served.

        For a gunicorn worker forked after an import (a replaced worker): the master
        holds the data of its start, and the worker must not serve it even once.
        """
        version = read_stamp(self.base)
        if version not in (self.version, self._skipped):
            self._rebuild(version)

    def reload_if_changed(self, timeout: float = 120.0) -> bool:
        """Look at the stamp now and wait for the rebuild it starts; True when the app changed."""
        before = self.app
        builder = self.poll()
        if builder is not None:
            builder.join(timeout)
        return self.app is not before


def one_line(exc: BaseException) -> str:
    """An exception as one line: ``DataError`` messages already name file, line and problem."""
    from erbm_map.data import DataError

    text = " ".join(str(exc).split())
    return text if isinstance(exc, DataError) else f"{exc.__class__.__name__} : {text}"


def load_or_exit(base: Path | None = None) -> LiveApp:
    """Build the ``LiveApp``, or stop the process with one French line and exit status 2."""
    from erbm_map.data import DataError

    try:
        return LiveApp(base)
    except DataError as exc:
        print(f"Démarrage impossible, données invalides : {one_line(exc)}", file=sys.stderr, flush=True)
    except Exception as exc:
        print(f"Démarrage impossible : {one_line(exc)}", file=sys.stderr, flush=True)
    raise SystemExit(EXIT_BAD_DATA)


def serve() -> LiveApp:
    """Gunicorn's application: ``erbm_map.reload:serve()`` (the watcher starts after the fork)."""
    return load_or_exit()


def main() -> None:
    """The dev server (``make run``): threaded, versions hidden, live reload."""
    from werkzeug.serving import WSGIRequestHandler, run_simple

    class Handler(WSGIRequestHandler):
        """Werkzeug's handler without its version and Python's in the ``Server`` header."""

        def version_string(self) -> str:
            return "erbm-map"

    host, port = os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "8050"))
    if debug_mode():
        # Dash's dev tools (hot reload, callback graph) need Dash's own runner.
        app = load_or_exit().app
        # No version check: it would call plotly.com, and the tool runs offline.
        app.run(
            host=host, port=port, debug=True, dev_tools_disable_version_check=True, request_handler=Handler
        )
        return
    live = load_or_exit()
    live.watch()
    run_simple(host, port, live, threaded=True, request_handler=Handler)
