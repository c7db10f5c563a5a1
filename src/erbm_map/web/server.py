"""The Flask side: GeoJSON served once and cached by version, security headers, compression, errors.

Kept apart from the Dash layout so that the production server (gunicorn) and the
tests get exactly the same hardening.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from flask import Flask, Response, abort, request, send_from_directory
from flask_compress import Compress
from werkzeug.exceptions import HTTPException

from erbm_map.core.domain import MapLayer
from erbm_map.core.labels import Labels
from erbm_map.core.paths import ROOT
from erbm_map.data import Bundle, GeoAsset
from erbm_map.map.leafletmap import OSM_HOST, MapUrls
from erbm_map.web import compression
from erbm_map.web.hardening import error_page

log = logging.getLogger("erbm_map")

#: Requests larger than this are refused (callbacks carry a few kB; uploads are not used).
MAX_CONTENT_LENGTH = 2 * 1024 * 1024
#: One year, in seconds: how long a versioned asset may be kept.
YEAR = 31536000
#: Flask config key of the ``?v=`` tokens the app's versioned assets answer to.
ASSET_VERSIONS = "ERBM_ASSET_VERSIONS"


def script_response(body: str | bytes, max_age: int) -> Response:
    """A script of ours that browsers and proxies may keep for ``max_age`` seconds."""
    response = Response(body, mimetype="text/javascript")
    response.cache_control.public = True
    response.cache_control.max_age = max_age
    return response


def content_security_policy(script_hashes: Iterable[str], *, tiles: bool = False) -> str:
    """A policy with no external origin: scripts are ours or hashed inline ones.

    Dash components and Leaflet set inline styles, hence ``'unsafe-inline'`` for styles
    only. The tile host is allowed for images only when the tile basemap is switched on.
    """
    scripts = " ".join(["'self'", *script_hashes])
    images = "img-src 'self' data:" + (f" {OSM_HOST}" if tiles else "")
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            images,
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        ]
    )


def versioned(response: Response, current: str) -> Response:
    """Cache headers of an asset whose URL carries its version (``?v=<hash of its content>``).

    Only a URL whose ``v`` is the hash of the content answered may be kept a year,
    ``immutable``: that URL can never name other content. Any other ``v`` gets the
    current content with ``no-store``, never a long cache. Two cases lead here: a page
    of the previous version (loaded just before an import) asks for an asset that is
    gone, or a worker that could not load the newer version asks for its URL (see
    ``reload.LiveApp``, which first waits for the rebuild). A 404 would leave the map of
    that page empty; the current content, not stored anywhere, shows the data as it is
    now, and the next page load asks for the new URL. A URL with no ``v`` is revalidated
    on every use (``no-cache`` with the ETag: a 304 costs a few bytes).
    """
    requested = request.args.get("v")
    if requested == current:
        response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    elif requested is None:
        response.headers["Cache-Control"] = "public, no-cache"
    else:
        response.headers["Cache-Control"] = "no-store"
        response.headers.pop("ETag", None)
    return response


def _serve_geojson(asset: GeoAsset) -> Response:
    stale_url = request.args.get("v", asset.etag) != asset.etag
    if not stale_url and request.headers.get("If-None-Match", "").strip('"') == asset.etag:
        return Response(status=304)
    response = Response(asset.raw, mimetype="application/geo+json")
    response.set_etag(asset.etag)
    return versioned(response, asset.etag)


def add_asset_versions(server: Flask, versions: Iterable[str]) -> None:
    """Record the ``?v=`` tokens this app serves.

    ``reload.LiveApp`` reads them to tell a URL of the version it serves from one of a
    version it has yet to load.
    """
    server.config[ASSET_VERSIONS] = frozenset(server.config.get(ASSET_VERSIONS, ())) | set(versions)


def asset_versions(server: Flask) -> frozenset[str]:
    """The ``?v=`` tokens of every versioned asset ``server`` answers with its own content."""
    return frozenset(server.config.get(ASSET_VERSIONS, ()))


def geojson_url(name: str, asset: GeoAsset) -> str:
    """The versioned URL of a GeoJSON file."""
    return f"/data/{name}.geojson?v={asset.etag}"


def served_geojson(bundle: Bundle) -> dict[str, GeoAsset]:
    """Every GeoJSON the browser may fetch, by name (``/data/<name>.geojson``)."""
    return {
        "communes": bundle.communes_geojson,
        "epci": bundle.epci_geojson,
        "perimetre": bundle.perimeter_geojson,
        MapLayer.NEIGHBOURS: bundle.neighbours_geojson,
        **bundle.map_assets,
    }


def map_urls(bundle: Bundle) -> MapUrls:
    """The versioned URL of each map layer's GeoJSON."""
    assets = served_geojson(bundle)
    return MapUrls(
        communes=geojson_url("carte-communes", assets["carte-communes"]),
        contracts=geojson_url("carte-contrats", assets["carte-contrats"]),
        epci=geojson_url("epci", assets["epci"]),
        perimeter=geojson_url("perimetre", assets["perimetre"]),
        neighbours=geojson_url(MapLayer.NEIGHBOURS, assets[MapLayer.NEIGHBOURS]),
        establishments=geojson_url("carte-etablissements", assets["carte-etablissements"]),
        labels=geojson_url("carte-noms", assets["carte-noms"]),
    )


def configure_server(
    server: Flask, bundle: Bundle, script_hashes: Iterable[str], *, tiles: bool = False
) -> None:
    """Routes, headers, compression and error pages on the Flask server of the Dash app."""
    server.config["MAX_CONTENT_LENGTH"] = MAX_CONTENT_LENGTH
    server.config["COMPRESS_MIMETYPES"] = [
        "text/html",
        "text/css",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/geo+json",
        "image/svg+xml",
    ]
    server.config["COMPRESS_ALGORITHM"] = ["br", "gzip"]
    server.config["COMPRESS_MIN_SIZE"] = 500
    Compress(server)
    compression.install(server)
    assets = served_geojson(bundle)
    add_asset_versions(server, (asset.etag for asset in assets.values()))

    @server.get("/data/<name>.geojson")
    def geojson(name: str) -> Response:
        if name not in assets:
            abort(404)
        return _serve_geojson(assets[name])

    @server.get("/favicon.ico")
    def favicon() -> Response:
        # Browsers and bookmarks ask the site's root for it, whatever the page links to.
        return send_from_directory(ROOT / "assets", "favicon.ico", max_age=86400)

    policy = content_security_policy(script_hashes, tiles=tiles)

    @server.after_request
    def headers(response: Response) -> Response:
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
        response.headers["Content-Security-Policy"] = policy
        # Dash versions its assets (the dashboard's and the presentation's, under
        # /presentation/assets/) with ?m=<mtime> (component bundles carry the version in
        # their name and get their cache header from Dash): such URLs never change content.
        if "/assets/" in request.path and "m" in request.args and response.status_code == 200:
            response.cache_control.no_cache = None
            response.cache_control.public = True
            response.cache_control.max_age = 31536000
        return response

    @server.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        messages = {404: Labels.ERROR_NOT_FOUND, 413: Labels.ERROR_TOO_LARGE}
        return error_page(messages.get(error.code or 500, Labels.ERROR_REQUEST)), error.code or 500

    @server.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[str, int]:
        log.exception("Unhandled error on %s", request.path, exc_info=error)
        return error_page(Labels.ERROR_SERVER), 500
