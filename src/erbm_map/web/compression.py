"""Libraries' scripts and our assets compressed once per process, not once per request.

flask-compress compresses every response as it leaves, which is right for the layout and
the callbacks' answers, but a first visit also asks for about 3 MB of scripts that never
change under their URL (Dash fingerprints its libraries' bundles, ``/assets/`` carries the
file's time): compressing them again for every visitor put about 150 ms of server work
between a visitor and the map, on the cores the browser and the callbacks share. Here such
a response is compressed once, at a higher quality (fewer bytes on a phone), kept in
memory keyed by its whole URL, and flask-compress leaves it alone (it skips a response
that already has a ``Content-Encoding``).

``warm`` fills the memory in the gunicorn master before the workers are forked, so that
every worker shares it and the first visitor after a start does not pay for it either.
"""

from __future__ import annotations

import gzip
import re
import threading

import brotli
from flask import Flask, Response, request

#: Immutable under their URL: Dash's fingerprinted bundles and our timestamped assets.
IMMUTABLE_PREFIXES = ("/_dash-component-suites/", "/assets/")
#: What is worth compressing (images and fonts are compressed already).
TEXT_TYPES = frozenset({"text/javascript", "application/javascript", "text/css"})
#: Brotli's quality: 9 takes ~80 ms for AG Grid's 1.3 MB once, and sends 10 % less than the
#: per-request default (4); 11 would save 8 % more for 2 s per start.
BROTLI_QUALITY = 9
GZIP_LEVEL = 9
#: Encodings offered, best first.
ENCODINGS = ("br", "gzip")
#: A script's or a style sheet's URL in the page.
LINKED = re.compile(r'(?:src|href)="([^"]+)"')

_memory: dict[tuple[str, str], bytes] = {}
_lock = threading.Lock()


def _compress(body: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(body, quality=BROTLI_QUALITY)
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


def compressed_once(key: str, encoding: str, body: bytes) -> bytes:
    """``body`` compressed with ``encoding``, from memory after the first time for ``key``."""
    memo = _memory.get((key, encoding))
    if memo is None:
        memo = _compress(body, encoding)
        with _lock:
            _memory[(key, encoding)] = memo
    return memo


def _immutable(response: Response) -> bool:
    return (
        request.method == "GET"
        and request.path.startswith(IMMUTABLE_PREFIXES)
        and response.status_code == 200
        and response.mimetype in TEXT_TYPES
        and "Content-Encoding" not in response.headers
    )


def compress_immutable(response: Response) -> Response:
    """The ``after_request`` hook: an immutable text resource sent compressed from memory."""
    if not _immutable(response):
        return response
    response.vary.add("Accept-Encoding")
    encoding = request.accept_encodings.best_match(ENCODINGS)
    if encoding is None:
        return response
    response.direct_passthrough = False
    body = compressed_once(request.full_path, encoding, response.get_data())
    response.set_data(body)
    response.headers["Content-Encoding"] = encoding
    return response


def install(server: Flask) -> None:
    """Hook :func:`compress_immutable` so that it runs before flask-compress's own hook.

    Flask runs ``after_request`` hooks last registered first: call this after ``Compress``.
    """
    server.after_request(compress_immutable)


def warm(server: Flask) -> int:
    """Ask ``server`` for each script and style its page links, in each encoding; return how many."""
    client = server.test_client()
    page = client.get("/").get_data(as_text=True)
    count = 0
    for url in LINKED.findall(page):
        if not url.startswith(IMMUTABLE_PREFIXES):
            continue
        for encoding in ENCODINGS:
            client.get(url, headers={"Accept-Encoding": encoding})
        count += 1
    return count
