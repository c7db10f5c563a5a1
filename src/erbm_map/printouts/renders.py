"""Server renders kept by view: a repeated request costs a dictionary look-up.

A render takes 0.3 to 1.5 s of CPU (matplotlib); a sheet or a map link is opened again and
again (printing, sharing, the PDF after the page). Renders are keyed by the canonical view
(``canonical``: the theme and layer order do not change the image) and kept in a small LRU.
The shapes are projected once, on the first render, not at start-up.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from erbm_map.core.state import ViewState
from erbm_map.data import Bundle
from erbm_map.map.static_map import MapGeometry, build_static_map, canonical

#: About 0.2–0.8 MB an image: 32 entries stay under 25 MB per server process.
MAX_ENTRIES = 32


@dataclass(frozen=True)
class Render:
    """Image bytes, the time the render took (0 on a cache hit) and whether it was cached."""

    data: bytes
    milliseconds: float
    cached: bool


class Renders:
    """The map renders of one bundle, with an LRU cache by (view, format, frame)."""

    def __init__(self, bundle: Bundle, max_entries: int = MAX_ENTRIES) -> None:
        self.bundle = bundle
        self.max_entries = max_entries
        self._geometry: MapGeometry | None = None
        self._entries: OrderedDict[tuple, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def geometry(self) -> MapGeometry:
        """The projected shapes, made on first use."""
        with self._lock:
            if self._geometry is None:
                self._geometry = MapGeometry.from_bundle(self.bundle)
            return self._geometry

    def map(self, state: ViewState, fmt: str, frame: str = "page") -> Render:
        """The view's image, from the cache when it was rendered before."""
        key = (canonical(self.bundle, state), fmt, frame)
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return Render(self._entries[key], 0.0, True)
        start = time.perf_counter()
        data = build_static_map(self.bundle, state, fmt, frame=frame, geometry=self.geometry())
        elapsed = (time.perf_counter() - start) * 1000
        with self._lock:
            self._entries[key] = data
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return Render(data, elapsed, False)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, in pixels (read from its IHDR chunk)."""
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
