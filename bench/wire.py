"""Bytes on the wire for a first visit, raw and compressed, and the caching headers that come with them.

The browser tells which requests a first visit makes (see :func:`bench.browser.first_visit`);
each is then fetched again here twice, with ``Accept-Encoding: identity`` and with
``br, gzip``, so raw and compressed sizes come from the same server for the same URL.
"""

from __future__ import annotations

import http.client
import re
import time
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from bench.browser import CALLBACK_PATH, Observed

CATEGORIES = ("html", "layout", "scripts", "data", "callbacks")
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/geo+json", "image/svg")
#: One day: below that, a versioned URL is revalidated too often to count as cached.
LONG_CACHE_S = 86_400
#: Names Dash fingerprints (``.v4_4_1m1795343554.``) and query strings that version a URL.
VERSIONED = re.compile(r"\.v\d[\w]*m\d+\.|[?&](v|m)=")


@dataclass
class Fetched:
    """One resource of the first visit, fetched raw and compressed."""

    path: str
    method: str
    category: str
    status: int
    content_type: str
    raw_bytes: int
    compressed_bytes: int
    encoding: str
    cache_control: str
    compressed_ms: float

    @property
    def versioned(self) -> bool:
        """A URL whose content never changes (a fingerprint or ``?v=``/``?m=`` in it)."""
        return bool(VERSIONED.search(self.path))

    @property
    def max_age(self) -> int:
        """``max-age`` of the response, 0 when absent."""
        match = re.search(r"max-age=(\d+)", self.cache_control)
        return int(match.group(1)) if match else 0


def categorise(request: Observed) -> str:
    """html, layout (+ dependencies), scripts (JS, CSS), data (GeoJSON, glyphs, icons), callbacks."""
    path = urlsplit(request.url).path
    if request.method == "POST" and path == CALLBACK_PATH:
        return "callbacks"
    if path in ("/_dash-layout", "/_dash-dependencies"):
        return "layout"
    if request.resource_type == "document":
        return "html"
    if path.endswith((".js", ".css")) or request.resource_type in ("script", "stylesheet"):
        return "scripts"
    return "data"


def _fetch(port: int, request: Observed, encoding: str) -> tuple[int, dict[str, str], int, float]:
    parts = urlsplit(request.url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = {"Accept-Encoding": encoding}
    body = None
    if request.method == "POST":
        body = (request.post_data or "").encode()
        headers["Content-Type"] = "application/json"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        started = time.perf_counter()
        connection.request(request.method, target, body=body, headers=headers)
        response = connection.getresponse()
        size = len(response.read())
        elapsed = (time.perf_counter() - started) * 1000
        return response.status, {k.lower(): v for k, v in response.getheaders()}, size, elapsed
    finally:
        connection.close()


def measure(port: int, requests: list[Observed]) -> list[Fetched]:
    """Fetch every request of a first visit raw and compressed (duplicates once)."""
    seen: set[tuple[str, str, str | None]] = set()
    fetched = []
    for request in requests:
        key = (request.method, request.url, request.post_data)
        if key in seen or urlsplit(request.url).hostname != "127.0.0.1":
            continue
        seen.add(key)
        status, _, raw, _ = _fetch(port, request, "identity")
        _, headers, compressed, elapsed = _fetch(port, request, "br, gzip")
        parts = urlsplit(request.url)
        fetched.append(
            Fetched(
                path=parts.path + (f"?{parts.query}" if parts.query else ""),
                method=request.method,
                category=categorise(request),
                status=status,
                content_type=headers.get("content-type", "").split(";")[0],
                raw_bytes=raw,
                compressed_bytes=compressed,
                encoding=headers.get("content-encoding", ""),
                cache_control=headers.get("cache-control", ""),
                compressed_ms=elapsed,
            )
        )
    return fetched


def totals(fetched: list[Fetched]) -> dict[str, dict[str, int]]:
    """Raw and compressed bytes per category and in all."""
    out = {c: {"raw": 0, "compressed": 0, "requests": 0} for c in (*CATEGORIES, "total")}
    for item in fetched:
        for key in (item.category, "total"):
            out[key]["raw"] += item.raw_bytes
            out[key]["compressed"] += item.compressed_bytes
            out[key]["requests"] += 1
    return out


def findings(fetched: list[Fetched]) -> list[str]:
    """What the serving misses: uncompressed text, versioned URLs without long caching, slow compression."""
    notes = []
    for item in fetched:
        compressible = item.content_type.startswith(COMPRESSIBLE)
        if compressible and not item.encoding and item.raw_bytes >= 1024:
            notes.append(f"not compressed: {item.path} ({item.content_type}, {item.raw_bytes} B)")
        elif not compressible and item.raw_bytes >= 10_240 and not item.encoding:
            notes.append(f"sent as is ({item.content_type}): {item.path} ({item.raw_bytes} B)")
        if item.method == "GET" and item.versioned and "no-cache" in item.cache_control:
            notes.append(f"versioned yet revalidated on every visit (no-cache): {item.path}")
        if item.method == "GET" and item.versioned and item.max_age < LONG_CACHE_S:
            notes.append(
                f"versioned but not cached long: {item.path} (Cache-Control: {item.cache_control!r})"
            )
        if item.method == "GET" and not item.versioned and item.category in ("scripts", "data"):
            notes.append(f"not versioned, revalidated on each visit: {item.path}")
        if item.compressed_ms > 100:
            notes.append(
                f"slow to serve compressed: {item.path} {item.compressed_ms:.0f} ms "
                f"({item.raw_bytes} → {item.compressed_bytes} B, compressed on every request)"
            )
    return notes


def to_json(fetched: list[Fetched]) -> list[dict]:
    """Every resource, for the results file."""
    return [{**asdict(f), "versioned": f.versioned, "max_age": f.max_age} for f in fetched]
