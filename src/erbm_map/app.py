"""The application factory: used by ``app.py``, the production server and the tests."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import astuple
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

import dash_leaflet
from dash import Dash, html, set_props
from dash.development.base_component import Component
from flask import has_request_context, request

from erbm_map.core.ids import Ids
from erbm_map.core.labels import Labels
from erbm_map.core.paths import ROOT
from erbm_map.dashboard.callbacks import register_callbacks
from erbm_map.dashboard.callbacks.urlsync import first_view
from erbm_map.dashboard.layout.changes_panel import changes_grid
from erbm_map.dashboard.layout.later import render_later
from erbm_map.dashboard.layout.page import create_page
from erbm_map.dashboard.layout.table import DEFERRED_LIBRARIES, create_grid
from erbm_map.dashboard.prerender import register_prerender
from erbm_map.dashboard.smallmap_routes import register_small_maps
from erbm_map.data import Bundle, load_bundle
from erbm_map.map.leafletmap import MapUrls
from erbm_map.presentation import create_presentation
from erbm_map.presentation.deck_routes import register_deck_routes
from erbm_map.printouts.routes import register_printouts
from erbm_map.web.assetbundle import page_resources, register_asset_bundles
from erbm_map.web.clientids import register_ids_script
from erbm_map.web.deferred import register_deferred
from erbm_map.web.hardening import debug_mode, french_page, harden, log_callback_error
from erbm_map.web.server import configure_server, map_urls

log = logging.getLogger("erbm_map")


def _on_error(error: Exception) -> None:
    """A failing callback logs one line (its traceback with ERBM_DEBUG=1) and shows a short French message."""
    log_callback_error(log, "Callback failed", error)
    set_props(Ids.MESSAGE, {"children": Labels.ERROR})


#: Pages kept built, by query: a shared link opened by a room asks for the same layout.
PAGES_KEPT = 64


def page_search() -> str:
    """The query of the page asking for its layout: its Referer's, as ``location.search`` reads.

    The renderer fetches ``/_dash-layout`` from the page, which is same-origin, so the
    Referer is the page's full address (``Referrer-Policy: strict-origin-when-cross-origin``).
    Without one the default view is built, and the page reads its address itself (see the
    guard in ``callbacks.urlsync.register``).
    """
    if not has_request_context() or not request.referrer:
        return ""
    query = urlsplit(request.referrer).query
    return f"?{query}" if query else ""


def validation_skeleton(page: object) -> html.Div:
    """Every component of ``page`` that has an id, of its type and with its id only.

    The check of the callbacks needs only each id and its component's type (for its props).
    """
    found: list[object] = []

    def walk(node: object) -> None:
        if isinstance(node, list | tuple):
            for child in node:
                walk(child)
        elif isinstance(node, Component):
            if getattr(node, "id", None) is not None:
                found.append(type(node)(id=node.id))
            walk(getattr(node, "children", None))

    walk(page)
    return html.Div(found)


def address_page(bundle: Bundle, urls: MapUrls, search: str, *, tiles: bool) -> html.Div:
    """The whole page of the view an address names, built on the server.

    The map's ``hideout`` and bounds, the controls, the cards and the figures of that view are
    in it, so the page needs no callback to show it.
    """
    state, props = first_view(bundle, search)
    page = create_page(bundle, state, urls, tiles=tiles)
    for component_id, values in props.items():
        component = page[component_id]
        for name, value in values.items():
            setattr(component, name, value)
    return page


def page_layout(bundle: Bundle, urls: MapUrls, *, tiles: bool) -> Callable[[], html.Div]:
    """Dash's layout function: the address's page, its map's frame rendered first (``render_later``)."""

    @lru_cache(maxsize=PAGES_KEPT)
    def build(search: str) -> html.Div:
        return render_later(address_page(bundle, urls, search, tiles=tiles))

    def layout() -> html.Div:
        return build(page_search())

    return layout


def callback_skeleton(bundle: Bundle, urls: MapUrls) -> html.Div:
    """Every component a callback may name, by id and type: the page's (both renders) and the grids'.

    The grids join the page when their view opens: their ids are checked all the same, by
    ``tests/unit/dashboard/test_callback_wiring.py`` rather than in each browser (``create_app``).
    """
    grids = [create_grid(bundle, bundle.domain.edition_keys[0], bundle.latest_vintage), changes_grid([], [])]
    return validation_skeleton([address_page(bundle, urls, "", tiles=False), *grids])


#: The async chunks the first render asks for: the map's layers. The dropdowns' chunk is asked for
#: by Dash once they render, with the rest of the page (``dashboard.layout.later``).
FIRST_VIEW_CHUNKS = ((dash_leaflet, "async-GeoJSON.js"),)


def chunk_url(app: Dash, module: ModuleType, path: str) -> str:
    """Where Dash serves a component library's async chunk (from the library's own ``_js_dist``)."""
    for entry in module._js_dist:
        if entry.get("async") and entry.get("relative_package_path") == path:
            return app.get_relative_path(f"/_dash-component-suites/{entry['namespace']}/{path}")
    raise RuntimeError(f"{module.__name__} has no async chunk {path}")


def preload_first_view(app: Dash, urls: MapUrls) -> None:
    """Start the map's GeoJSON with the page, and run the first view's chunks with its scripts.

    Without it the files are asked for only once the layout is fetched, rendered, and
    dash-leaflet's GeoJSON chunk loaded: a second after the page on this machine. ``as="fetch"``
    with ``crossorigin`` (same-origin credentials) is what dash-leaflet's own ``fetch`` matches;
    ``assets/19-fetch-once.js`` makes the two layers reading one file share one answer. They are
    needed only once the layout has rendered, so they go at a low priority: on a phone's slow
    link they no longer take bandwidth from the scripts (map ready 5.2 → 4.7 s). The
    establishments' file is not among them: the first view's places come in the layout, and the
    browser reads the file once the map is painted, for the views after it.

    The chunk of the map's layers is a plain script of the page, after the libraries: it registers
    its modules with dash-leaflet's webpack runtime, which then loads nothing when the first render
    asks for them, instead of a script and a React retry later.
    """
    data = (
        f'<link rel="preload" as="fetch" crossorigin fetchpriority="low" href="{url}">'
        for url in dict.fromkeys(astuple(urls))
        if url != urls.establishments
    )
    chunks = "".join(f'<script src="{chunk_url(app, *chunk)}"></script>' for chunk in FIRST_VIEW_CHUNKS)
    index = app.index_string.replace("{%metas%}", "{%metas%}" + "".join(data), 1)
    app.index_string = index.replace("{%renderer%}", chunks + "{%renderer%}", 1)


def create_app(data_dir: Path | None = None) -> Dash:
    """Load the data once, build the layout and register the callbacks."""
    bundle = load_bundle(data_dir)
    app = Dash(
        __name__,
        assets_folder=str(ROOT / "assets"),
        title=Labels.TITLE,
        update_title=None,
        serve_locally=True,
        # The ids script, then our scripts and styles as one file each (``web.assetbundle``).
        **page_resources(),
        compress=False,
        on_error=_on_error,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    # Dash's check of the callbacks against the layout runs in the browser, at every start, and
    # needs every component library there, AG Grid's included, which the page loads only with a
    # grid (``web.deferred``): the same check runs in the tests instead (``callback_skeleton``).
    app.config.suppress_callback_exceptions = True
    urls = map_urls(bundle)
    tiles = os.environ.get("ERBM_TILES") == "osm"
    app.layout = page_layout(bundle, urls, tiles=tiles)
    register_callbacks(app, bundle)
    presentation = create_presentation(app.server, bundle, urls, tiles=tiles)
    configure_server(app.server, bundle, app.csp_hashes(), tiles=tiles)
    register_printouts(app.server, bundle)
    register_deck_routes(app.server, bundle)
    register_small_maps(app.server, bundle)
    register_ids_script(app.server)
    register_asset_bundles(app.server)
    french_page(app)
    register_prerender(app, bundle)
    for dash_app in (app, presentation):
        register_deferred(dash_app, DEFERRED_LIBRARIES)
    preload_first_view(app, urls)
    harden(app.server, [app, presentation])
    app.server.config["ERBM_BUNDLE"] = bundle
    # Dash sets itself up on its first request, without a lock: two first requests in threaded
    # workers race, and a script asked before its path is registered answers 404. One request
    # here, before the app serves anyone, does it once (both apps hook the same server). Not
    # in debug: Dash's own runner (``ERBM_DEBUG=1``) still sets the server up before serving,
    # which Flask refuses once a request has been answered.
    if not debug_mode():
        app.server.test_client().get("/")
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
    return app
