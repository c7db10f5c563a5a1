"""Serve the current data: the WSGI entry point that swaps in a new app after an import.

Every import writes the data version stamp (``dataversion``) last. ``LiveApp`` is the
WSGI application the dev server and every gunicorn worker run: at most once per
``CHECK_INTERVAL`` it compares the stamp with the version it serves and, when it
changed, builds a whole new Dash app (``create_app``) in a background thread while
requests keep being answered by the current one. The swap is one reference
assignment: a request runs entirely on the app it started with, so nobody sees half
of a version and no request fails. A version whose data does not load is logged in
one line and skipped; the app keeps serving the last good data.

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

from dash import Dash

from erbm_map.dataversion import read_stamp

log = logging.getLogger("erbm_map")

#: Seconds between two looks at the stamp (one small file read per process).
CHECK_INTERVAL = 1.0
#: Exit status of a start-up refused because of the data (as ``erbm-map import``).
EXIT_BAD_DATA = 2

Factory = Callable[[Path | None], Dash]


def _create_app(base: Path | None) -> Dash:
    from erbm_map.app import create_app

    return create_app(base)


class LiveApp:
    """A WSGI application serving the latest loadable version of the data."""

    def __init__(
        self, base: Path | None = None, factory: Factory = _create_app, interval: float = CHECK_INTERVAL
    ) -> None:
        self.base = base
        self._factory = factory
        self._interval = interval
        self._lock = threading.Lock()
        self._builder: threading.Thread | None = None
        self._skipped = ""
        self.version = read_stamp(base)
        self.app = factory(base)
        self._next_check = time.monotonic() + interval

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """Answer one request with the app current when it arrives."""
        if time.monotonic() >= self._next_check:
            self._check()
        return self.app.server.wsgi_app(environ, start_response)

    @property
    def server(self) -> Any:
        """The Flask server of the current app (tests use its ``test_client``)."""
        return self.app.server

    def _check(self) -> None:
        with self._lock:
            if time.monotonic() < self._next_check or self._builder is not None:
                return
            self._next_check = time.monotonic() + self._interval
            version = read_stamp(self.base)
            if version in (self.version, self._skipped):
                return
            self._builder = threading.Thread(target=self._rebuild, args=(version,), daemon=True)
            self._builder.start()

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
        with self._lock:
            self._next_check = 0.0
        self._check()
        builder = self._builder
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
    """Gunicorn's application: ``erbm_map.reload:serve()``."""
    return load_or_exit()


def main() -> None:
    """The dev server (``make run``): threaded, versions hidden, live reload."""
    from werkzeug.serving import WSGIRequestHandler, run_simple

    class Handler(WSGIRequestHandler):
        """Werkzeug's handler without its version and Python's in the ``Server`` header."""

        def version_string(self) -> str:
            return "erbm-map"

    host, port = os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "8050"))
    if os.environ.get("ERBM_DEBUG") == "1":
        # Dash's dev tools (hot reload, callback graph) need Dash's own runner.
        app = load_or_exit().app
        app.run(host=host, port=port, debug=True, request_handler=Handler)
        return
    run_simple(host, port, load_or_exit(), threaded=True, request_handler=Handler)
