"""What hostile or confused clients meet: 404 for unknown paths, 400 for bad callbacks.

Dash serves its page for any path (``/<path:path>``), answers a malformed callback
body with a 500 and a traceback in the log, and so does it for an unknown component
file. All are client errors: an unknown path or file gets the French 404 page of
``web/server.py``, a malformed callback a 400 and one log line. Kept apart from
``web/server.py`` (headers, GeoJSON, compression) so that each concern stays small;
``harden`` runs once both Dash apps have registered their routes.
"""

from __future__ import annotations

import functools
import html
import logging
import os
import traceback
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from dash import Dash
from dash.exceptions import DependencyException, PreventUpdate
from flask import Flask, Response, abort, request
from werkzeug.exceptions import HTTPException

from erbm_map.core.labels import Labels

log = logging.getLogger("erbm_map")

#: Dash's catch-all route, which would serve the page for any path.
CATCH_ALL = "<path:path>"
#: Dash's callback route (the dashboard's and the presentation's).
CALLBACK = "_dash-update-component"
#: Dash's route of component files (JavaScript bundles, source maps).
SUITES = "_dash-component-suites/"
#: Dash's hot-reload route: it lists the installed packages, and only debug mode polls it.
RELOAD_HASH = "_reload-hash"
#: Browser features the app never uses, denied to it and to anything it embeds; the
#: presentation may go full screen on a projector.
PERMISSIONS_POLICY = ", ".join(
    [
        "accelerometer=()",
        "camera=()",
        "display-capture=()",
        "fullscreen=(self)",
        "geolocation=()",
        "gyroscope=()",
        "magnetometer=()",
        "microphone=()",
        "payment=()",
        "usb=()",
        "interest-cohort=()",
    ]
)
#: Longest part of a client's error quoted in the log line.
LOGGED_CHARS = 200
#: The French error page: the app's (``web/server.py``, printouts) and gunicorn's own (``web/serving.py``).
ERROR_PAGE = (
    "<!doctype html><html lang='fr'><meta charset='utf-8'><title>{title}</title>"
    "<body style='font-family:system-ui,sans-serif;margin:3rem'><h1>{heading}</h1><p>{message}</p>"
    "<p><a href='/'>{back}</a></p></body></html>"
)


def error_page(message: str, heading: str = Labels.ERROR_HEADING, title: str = Labels.ERROR_TITLE) -> str:
    """The error page for a French ``message`` (escaped), with a link back to the map."""
    return ERROR_PAGE.format(
        title=html.escape(title, quote=False),
        heading=html.escape(heading, quote=False),
        message=html.escape(message, quote=False),
        back=Labels.SHEET_BACK,
    )


def french_page(app: Dash) -> None:
    """Declare the page French (``<html lang="fr">``): screen readers, hyphenation, translation."""
    app.index_string = app.index_string.replace("<html>", '<html lang="fr">', 1)


def callback_body_problem(
    body: object, callbacks: Mapping[str, Mapping[str, Any]] | None = None
) -> str | None:
    """What makes a callback request body unusable, None when it has the right shape.

    With ``callbacks`` (the app's ``callback_map``), the inputs and states sent must also
    be the ones the callback declares, in order: Dash passes them by position, so a body
    naming other components would hand a callback values of the wrong kind.
    """
    if not isinstance(body, dict):
        return f"corps JSON de type {type(body).__name__}, objet attendu"
    if not isinstance(body.get("output"), str):
        return "champ output absent ou non textuel"
    if not isinstance(body.get("outputs"), dict | list):
        return "champ outputs absent ou invalide"
    for key in ("inputs", "state"):
        value = body.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict | list) for item in value):
            return f"champ {key} invalide"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(item, str) for item in changed):
        return "champ changedPropIds invalide"
    if callbacks is None:
        return None
    declared = callbacks.get(body["output"])
    if declared is None:
        return "callback inconnu"
    for key in ("inputs", "state"):
        problem = _declared_problem(key, declared.get(key, []), body.get(key, []))
        if problem:
            return problem
    return None


def _declared_problem(key: str, declared: list[Mapping[str, Any]], sent: list[Any]) -> str | None:
    if len(declared) != len(sent):
        return f"champ {key} : {len(sent)} éléments au lieu de {len(declared)}"
    for want, got in zip(declared, sent, strict=True):
        pattern = not isinstance(want.get("id"), str) or want["id"].startswith("{")
        named = isinstance(got, dict) and (got.get("id"), got.get("property")) == (
            want["id"],
            want["property"],
        )
        if not pattern and not named:
            return f"champ {key} : {want['id']}.{want['property']} attendu"
    return None


def debug_mode() -> bool:
    """Whether ``ERBM_DEBUG=1``: full tracebacks, Dash's dev tools, no warm-up request."""
    return os.environ.get("ERBM_DEBUG") == "1"


def log_callback_error(logger: logging.Logger, what: str, error: Exception) -> None:
    """Log a failing callback as one line naming the error and where it was raised.

    A client sending odd values can make a callback fail on every request; a traceback
    each time would flood the log. ``ERBM_DEBUG=1`` logs the full traceback.
    """
    if debug_mode():
        logger.error(what, exc_info=error)
        return
    frames = traceback.extract_tb(error.__traceback__)
    where = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    text = " ".join(str(error).split())[:LOGGED_CHARS]
    logger.error("%s: %s: %s%s", what, error.__class__.__name__, text, where)


def _refuse(problem: str) -> None:
    """One warning line, then the French 400 page of ``web/server.py``."""
    text = " ".join(problem.split())[:LOGGED_CHARS]
    log.warning("Requête de callback refusée (400) sur %s : %s", request.path, text)
    abort(400)


def _guard_callback(view: Callable[..., Any], app: Dash) -> Callable[..., Any]:
    @functools.wraps(view)
    def guarded(*args: object, **kwargs: object) -> Any:
        try:
            body = request.get_json(silent=True)
        except RecursionError:  # "[[[[…" nested deeper than Python's stack
            body = None
        problem = callback_body_problem(body, app.callback_map)
        if problem is not None:
            _refuse(problem)
        try:
            return view(*args, **kwargs)
        except (HTTPException, PreventUpdate):
            raise  # Flask's and Dash's own answers (PreventUpdate is a 204)
        except Exception as exc:
            # Callbacks' own errors go to ``on_error``; what reaches here is Dash failing
            # to read the request (unknown ids, wrong shapes): the client's error.
            _refuse(f"{exc.__class__.__name__} : {exc}")
            raise  # unreachable: abort() raised

    return guarded


def _not_found(*_args: object, **_kwargs: object) -> Response:
    abort(404)


def _guard_suite(view: Callable[..., Any]) -> Callable[..., Any]:
    """A component file Dash does not know, or that does not exist, is a 404 (Dash: 500)."""

    @functools.wraps(view)
    def guarded(*args: object, **kwargs: object) -> Any:
        try:
            return view(*args, **kwargs)
        except (DependencyException, OSError):
            abort(404)

    return guarded


def harden(server: Flask, apps: Sequence[Dash]) -> None:
    """Guard the callback routes of ``apps``, close the catch-all routes, add the permissions header.

    Outside debug (``ERBM_DEBUG=1``), Dash's hot-reload route is closed too: nothing polls
    it, and it tells anyone which packages are installed.
    """
    debug = debug_mode()
    for app in apps:
        endpoint = app.config.routes_pathname_prefix + CALLBACK
        server.view_functions[endpoint] = _guard_callback(server.view_functions[endpoint], app)
    for endpoint, view in list(server.view_functions.items()):
        if endpoint.endswith(CATCH_ALL) or (endpoint.endswith(RELOAD_HASH) and not debug):
            server.view_functions[endpoint] = _not_found
        elif SUITES in endpoint:
            server.view_functions[endpoint] = _guard_suite(view)

    @server.after_request
    def permissions(response: Response) -> Response:
        response.headers["Permissions-Policy"] = PERMISSIONS_POLICY
        return response
