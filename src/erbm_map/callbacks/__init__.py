"""Callback registration: each module registers the callbacks of one panel, handed its data."""

from __future__ import annotations

from dash import Dash

from erbm_map.callbacks import cards, coverage, exports, figures, mapview, search, urlsync
from erbm_map.data import Bundle


def register_callbacks(app: Dash, bundle: Bundle) -> None:
    """Register every dashboard callback against ``bundle`` (no module reads globals)."""
    urlsync.register(app, bundle)
    mapview.register(app, bundle)
    cards.register(app, bundle)
    exports.register(app, bundle)
    search.register(app, bundle)
    coverage.register(app, bundle)
    figures.register(app, bundle)
