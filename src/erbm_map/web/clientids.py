"""The component ids, served to the browser scripts so that they keep no copy of them.

``assets/*.js`` look elements up by id (the map, the legend, the sheet, the presentation's
buttons). Each id is defined once, in ``Ids`` or ``PresentationIds``; this module serves
them as ``window.erbmIds`` from a small script that both Dash apps load before their
assets (Dash puts ``external_scripts`` ahead of the assets folder's scripts).
"""

from __future__ import annotations

import hashlib
import json

from flask import Flask, Response

from erbm_map.core.deck_ids import PresentationIds
from erbm_map.core.domain import ALL_THEMES, CONTRACT_TYPE_OF
from erbm_map.core.ids import MAP_LAYERS, Ids, View
from erbm_map.web.server import add_asset_versions, versioned

#: Where the script is served (same origin: the content security policy allows it).
IDS_SCRIPT = "/erbm-ids.js"


def ids_payload() -> dict[str, dict[str, str]]:
    """Every id the scripts may need, by the name Python gives it."""
    return {
        "dashboard": {member.name: member.value for member in Ids},
        "presentation": {member.name: member.value for member in PresentationIds},
        "mapLayers": {layer: component.value for layer, component in MAP_LAYERS.items()},
        "views": {member.name: member.value for member in View},
        # The vocabulary the scripts compare with (the map's rule also gets it in its hideout).
        "vocabulary": {"allThemes": ALL_THEMES, **{f"contract.{k}": v for k, v in CONTRACT_TYPE_OF.items()}},
    }


def ids_script() -> str:
    """The script that defines ``window.erbmIds``."""
    return f"window.erbmIds = {json.dumps(ids_payload(), sort_keys=True)};\n"


def ids_script_version() -> str:
    """The hash of the script's content: its URL's ``?v=``."""
    return hashlib.sha256(ids_script().encode()).hexdigest()[:16]


def ids_script_url() -> str:
    """The script's URL, versioned by its content (it is cached for a year)."""
    return f"{IDS_SCRIPT}?v={ids_script_version()}"


def register_ids_script(server: Flask) -> None:
    """Serve the ids script on ``server``."""
    body, version = ids_script(), ids_script_version()
    add_asset_versions(server, [version])

    @server.get(IDS_SCRIPT)
    def erbm_ids() -> Response:
        # Versioned by content (``ids_script_url``): kept a year under its own hash only.
        return versioned(Response(body, mimetype="text/javascript"), version)
