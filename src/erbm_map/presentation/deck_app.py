"""The presentation mode: a second Dash app on the dashboard's Flask server.

It shares the server (so the GeoJSON routes, security headers and error pages of
``web/server.py`` apply) and the assets folder (so the offline glyphs and the
presentation CSS/JS are the same files), under ``/presentation/``.
"""

from __future__ import annotations

import logging

import flask
from dash import Dash, set_props
from werkzeug.wrappers import Response

from erbm_map.core.deck_ids import PresentationIds as Ids
from erbm_map.core.paths import ROOT
from erbm_map.data import Bundle
from erbm_map.map.leafletmap import MapUrls
from erbm_map.presentation.chapters import build_chapters
from erbm_map.presentation.deck_callbacks import register
from erbm_map.presentation.deck_labels import PresentationLabels as L
from erbm_map.presentation.deck_layout import create_layout
from erbm_map.presentation.deck_map import create_presentation_map
from erbm_map.web.assetbundle import page_resources
from erbm_map.web.hardening import french_page, log_callback_error

log = logging.getLogger("erbm_map")
PREFIX = "/presentation/"


def _on_error(error: Exception) -> None:
    """A failing callback is logged; the room sees one short line, and the slides go on."""
    log_callback_error(log, "Presentation callback failed", error)
    set_props(Ids.MESSAGE, {"children": L.ERROR})


def _redirect() -> Response:
    """``/presentation?chapter=3`` -> ``/presentation/?chapter=3`` (308 keeps the method)."""
    query = flask.request.query_string.decode("latin-1")
    return flask.redirect(PREFIX + (f"?{query}" if query else ""), code=308)


def create_presentation(server: flask.Flask, bundle: Bundle, urls: MapUrls, *, tiles: bool = False) -> Dash:
    """Build the presentation app on ``server`` and route ``/presentation`` to it."""
    choices = bundle.map_choices
    chapters = build_chapters(bundle, choices=choices)
    app = Dash(
        __name__,
        server=server,
        url_base_pathname=PREFIX,
        assets_folder=str(ROOT / "assets"),
        serve_locally=True,
        **page_resources(),
        compress=False,
        update_title=None,
        title=L.TITLE,
        on_error=_on_error,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.config.suppress_callback_exceptions = False
    french_page(app)
    first = chapters[0]
    map_component = create_presentation_map(bundle, first.layers, first.commune, urls, tiles=tiles)
    app.layout = create_layout(bundle, chapters, map_component)
    register(app, bundle, choices, len(chapters))
    server.add_url_rule(PREFIX.rstrip("/"), endpoint="presentation_redirect", view_func=_redirect)
    return app
