"""The Flask side: GeoJSON served once and cached, security headers, compression, errors.

Kept apart from the Dash layout so that the production server (gunicorn) and the
tests get exactly the same hardening.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Iterable

from flask import Flask, Response, abort, request
from flask_compress import Compress
from werkzeug.exceptions import HTTPException

from erbm_map.data import Bundle, GeoAsset

log = logging.getLogger("erbm_map")

#: Requests larger than this are refused (callbacks carry a few kB; uploads are not used).
MAX_CONTENT_LENGTH = 2 * 1024 * 1024
ERROR_PAGE = (
    "<!doctype html><html lang='fr'><meta charset='utf-8'><title>Erreur</title>"
    "<body style='font-family:system-ui,sans-serif;margin:3rem'>"
    "<h1>Une erreur est survenue</h1><p>{message}</p><p><a href='/'>Revenir à la carte</a></p></body></html>"
)


def content_security_policy(script_hashes: Iterable[str]) -> str:
    """A policy with no external origin: scripts are ours or hashed inline ones.

    MapLibre draws in a web worker built from a blob URL, and Dash components set
    inline styles, hence ``blob:`` for workers and ``'unsafe-inline'`` for styles only.
    """
    scripts = " ".join(["'self'", *script_hashes])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "child-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        ]
    )


def _serve_geojson(asset: GeoAsset) -> Response:
    if request.headers.get("If-None-Match", "").strip('"') == asset.etag:
        return Response(status=304)
    response = Response(asset.raw, mimetype="application/geo+json")
    response.set_etag(asset.etag)
    # Versioned by ?v=<etag> in the figure: safe to keep for a long time.
    response.cache_control.public = True
    response.cache_control.max_age = 31536000
    response.cache_control.immutable = True
    return response


def geojson_url(name: str, asset: GeoAsset) -> str:
    """The versioned URL of a GeoJSON file."""
    return f"/data/{name}.geojson?v={asset.etag}"


def configure_server(server: Flask, bundle: Bundle, script_hashes: Iterable[str]) -> None:
    """Routes, headers, compression and error pages on the Flask server of the Dash app."""
    # Map glyphs: named so that the compression below applies to them (Python maps .pbf to nothing).
    mimetypes.add_type("application/x-protobuf", ".pbf")
    server.config["MAX_CONTENT_LENGTH"] = MAX_CONTENT_LENGTH
    server.config["COMPRESS_MIMETYPES"] = [
        "text/html",
        "text/css",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/geo+json",
        "application/x-protobuf",
        "image/svg+xml",
    ]
    server.config["COMPRESS_ALGORITHM"] = ["br", "gzip"]
    server.config["COMPRESS_MIN_SIZE"] = 500
    Compress(server)
    assets = {
        "communes": bundle.communes_geojson,
        "epci": bundle.epci_geojson,
        "perimetre": bundle.perimeter_geojson,
    }

    @server.get("/data/<name>.geojson")
    def geojson(name: str) -> Response:
        if name not in assets:
            abort(404)
        return _serve_geojson(assets[name])

    policy = content_security_policy(script_hashes)

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
            response.cache_control.no_cache = None
            response.cache_control.public = True
            response.cache_control.max_age = 31536000
        return response

    @server.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        messages = {404: "Cette page n'existe pas.", 413: "La requête est trop volumineuse."}
        text = messages.get(error.code or 500, "La requête n'a pas pu être traitée.")
        return ERROR_PAGE.format(message=text), error.code or 500

    @server.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[str, int]:
        log.exception("Unhandled error on %s", request.path, exc_info=error)
        return ERROR_PAGE.format(
            message="Réessayez dans un instant ; si l'erreur persiste, prévenez l'administrateur."
        ), 500
