"""The application factory: used by ``app.py``, the production server and the tests."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from dash import Dash, set_props

from erbm_map.core.ids import Ids
from erbm_map.core.labels import Labels
from erbm_map.core.paths import ROOT
from erbm_map.core.state import ViewState
from erbm_map.dashboard.callbacks import register_callbacks
from erbm_map.dashboard.layout.page import create_page
from erbm_map.dashboard.smallmap_routes import register_small_maps
from erbm_map.data import load_bundle
from erbm_map.presentation import create_presentation
from erbm_map.presentation.deck_routes import register_deck_routes
from erbm_map.printouts.routes import register_printouts
from erbm_map.web.clientids import ids_script_url, register_ids_script
from erbm_map.web.hardening import french_page, harden, log_callback_error
from erbm_map.web.server import configure_server, map_urls

log = logging.getLogger("erbm_map")


def _on_error(error: Exception) -> None:
    """A failing callback logs one line (its traceback with ERBM_DEBUG=1) and shows a short French message."""
    log_callback_error(log, "Callback failed", error)
    set_props(Ids.MESSAGE, {"children": Labels.ERROR})


def create_app(data_dir: Path | None = None) -> Dash:
    """Load the data once, build the layout and register the callbacks."""
    bundle = load_bundle(data_dir)
    app = Dash(
        __name__,
        assets_folder=str(ROOT / "assets"),
        title=Labels.TITLE,
        update_title=None,
        serve_locally=True,
        external_scripts=[ids_script_url()],
        compress=False,
        on_error=_on_error,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.config.suppress_callback_exceptions = False
    urls = map_urls(bundle)
    tiles = os.environ.get("ERBM_TILES") == "osm"
    state = ViewState.default(bundle)
    app.layout = create_page(bundle, state, urls, tiles=tiles)
    register_callbacks(app, bundle)
    presentation = create_presentation(app.server, bundle, urls, tiles=tiles)
    configure_server(app.server, bundle, app.csp_hashes(), tiles=tiles)
    register_printouts(app.server, bundle)
    register_deck_routes(app.server, bundle)
    register_small_maps(app.server, bundle)
    register_ids_script(app.server)
    french_page(app)
    harden(app.server, [app, presentation])
    app.server.config["ERBM_BUNDLE"] = bundle
    # Dash sets itself up on its first request, without a lock: two first requests in threaded
    # workers race, and a script asked before its path is registered answers 404. One request
    # here, before the app serves anyone, does it once (both apps hook the same server).
    app.server.test_client().get("/")
    if os.environ.get("ERBM_DEBUG") != "1":
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
    return app
