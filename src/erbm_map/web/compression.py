"""Libraries' scripts and our assets compressed once per process, not once per request.

flask-compress compresses every response as it leaves, which is right for the layout and
the callbacks' answers, but a first visit also asks for about 2 MB of scripts that are the
same for every visitor: compressing them again each time put about 150 ms of server work
between a visitor and the map, on the cores the browser and the callbacks share. Here such
a response (a static route, :data:`STATIC_PREFIXES`) is compressed once per content, at a
higher quality (fewer bytes on a phone), kept in memory under its path and a checksum of
its body (a query string cannot fill the memory, and an edited file is compressed anew),
and flask-compress leaves it alone (it skips a response that has a ``Content-Encoding``).

``warm`` fills the memory in the gunicorn master before the workers are forked, so that
every worker shares it and the first visitor after a start does not pay for it either.
"""

from __future__ import annotations

import gzip
import re
import zlib

import brotli
from flask import Flask, Response, request

#: Static routes: Dash's libraries, the assets folder, our bundles and ids script, the map's data.
STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/", "/erbm-assets.", "/erbm-ids.js", "/data/")
#: What is worth compressing (images and fonts are compressed already).
TEXT_TYPES = frozenset({"text/javascript", "application/javascript", "text/css", "application/geo+json"})
#: Brotli's quality: 9 takes ~80 ms for AG Grid's 1.3 MB once, and sends 10 % less than the
#: per-request default (4); 11 saves 8 % more on scripts for 2 s per start, not worth it.
BROTLI_QUALITY = 9
#: The map's data (455 kB raw on the bassin) is where 11 pays: 63 kB sent instead of 84 kB at
#: 9, 88 kB at 4, for 0.5 s once per data version (at start in the master, in the rebuild's
#: thread after an import, see ``reload``). Only for files up to :data:`BEST_QUALITY_MAX`: the
#: region's communes (2.5 MB raw) would take seconds at 11, in every worker after an import.
BROTLI_QUALITY_DATA = 11
BEST_QUALITY_MAX = 600_000
DATA_PREFIX = "/data/"
GZIP_LEVEL = 9
#: Encodings offered, best first.
ENCODINGS = ("br", "gzip")
#: A script's or a style sheet's URL in the page.
LINKED = re.compile(r'(?:src|href)="([^"]+)"')

#: (path, encoding) → (checksum of the body, compressed body): the latest content of each path.
_memory: dict[tuple[str, str], tuple[int, bytes]] = {}


def _compress(body: bytes, encoding: str, quality: int = BROTLI_QUALITY) -> bytes:
    if encoding == "br":
        return brotli.compress(body, quality=quality)
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


def compressed_once(path: str, encoding: str, body: bytes) -> bytes:
    """``body`` compressed with ``encoding``, from memory after the first time for this content."""
    checksum = zlib.crc32(body)
    memo = _memory.get((path, encoding))
    if memo is None or memo[0] != checksum:
        best = path.startswith(DATA_PREFIX) and len(body) <= BEST_QUALITY_MAX
        quality = BROTLI_QUALITY_DATA if best else BROTLI_QUALITY
        memo = (checksum, _compress(body, encoding, quality))
        # One assignment: a thread reads the old entry or the new one, never half of one.
        _memory[(path, encoding)] = memo
    return memo[1]


def _static(response: Response) -> bool:
    return (
        request.method == "GET"
        and request.path.startswith(STATIC_PREFIXES)
        and response.status_code == 200
        and response.mimetype in TEXT_TYPES
        and "Content-Encoding" not in response.headers
    )


def compress_static(response: Response) -> Response:
    """The ``after_request`` hook: a static text resource sent compressed from memory."""
    if not _static(response):
        return response
    response.vary.add("Accept-Encoding")
    encoding = request.accept_encodings.best_match(ENCODINGS)
    if encoding is None:
        return response
    response.direct_passthrough = False
    body = compressed_once(request.path, encoding, response.get_data())
    response.set_data(body)
    response.headers["Content-Encoding"] = encoding
    return response


def install(server: Flask) -> None:
    """Hook :func:`compress_static` so that it runs before flask-compress's own hook.

    Flask runs ``after_request`` hooks last registered first: call this after ``Compress``.
    """
    server.after_request(compress_static)


def warm(server: Flask) -> int:
    """Ask ``server`` for each script and style its page links, in each encoding; return how many."""
    client = server.test_client()
    page = client.get("/").get_data(as_text=True)
    count = 0
    for url in LINKED.findall(page):
        if not url.startswith(STATIC_PREFIXES) or url.split("?")[0].endswith(".ico"):
            continue
        for encoding in ENCODINGS:
            client.get(url, headers={"Accept-Encoding": encoding}).close()
        count += 1
    return count
