"""The route of the small maps (``/cartes/<name>.png?v=<data version>``).

The images are the server's own (same origin: the content security policy's ``img-src
'self'`` allows them). Their URL carries the hash of what they draw
(:func:`erbm_map.map.smallmaps.data_version`), so a browser keeps each a year and an
import that changes the data gives new URLs (``web/server.versioned``).
"""

from __future__ import annotations

from flask import Flask, Response, abort

from erbm_map.data import Bundle
from erbm_map.map.smallmaps import SmallMaps, data_version
from erbm_map.web.server import add_asset_versions, versioned

#: Where the small maps are served.
SMALL_MAPS = "/cartes"


def small_map_url(bundle: Bundle, name: str) -> str:
    """The versioned URL of the small map ``name`` (``smallmaps.contract_map_name`` …)."""
    return f"{SMALL_MAPS}/{name}.png?v={data_version(bundle)}"


def register_small_maps(server: Flask, bundle: Bundle) -> SmallMaps:
    """Serve the bundle's small maps on ``server``; returns their cache (tests read it)."""
    maps = SmallMaps(bundle)
    add_asset_versions(server, [maps.version])

    @server.get(f"{SMALL_MAPS}/<name>.png")
    def small_map(name: str) -> Response:
        drawn = maps.get(name)
        if drawn is None:
            abort(404)
        return versioned(Response(drawn.png, mimetype="image/png"), maps.version)

    return maps
