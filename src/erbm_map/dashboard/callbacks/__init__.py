"""The dashboard's callbacks, each module registered with the bundle it reads."""

from __future__ import annotations

from dash import Dash

from erbm_map.dashboard.callbacks import card_callbacks as cards
from erbm_map.dashboard.callbacks import coverage_callbacks as coverage
from erbm_map.dashboard.callbacks import export_callbacks as exports
from erbm_map.dashboard.callbacks import figure_callbacks as figures
from erbm_map.dashboard.callbacks import search_callbacks as search
from erbm_map.dashboard.callbacks import urlsync
from erbm_map.data import Bundle
from erbm_map.map import map_callbacks as mapview


def register_callbacks(app: Dash, bundle: Bundle) -> None:
    """Register every dashboard callback against ``bundle`` (no module reads globals)."""
    urlsync.register(app, bundle)
    mapview.register(app, bundle)
    cards.register(app, bundle)
    exports.register(app, bundle)
    search.register(app, bundle)
    coverage.register(app, bundle)
    figures.register(app, bundle)
