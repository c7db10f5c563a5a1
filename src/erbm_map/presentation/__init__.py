"""Presentation mode: the dashboard's data as a sequence of chapters for a projector.

Modules:

- ``app``: ``create_presentation``, the second Dash app on the dashboard's server;
- ``chapters``: ``build_chapters``, the pure list of chapters built from the bundle;
- ``figures``: key figures and changes between editions, computed from the indicators;
- ``choices``: the map layers of each chapter, read from ``sources/presentation.csv``;
- ``query``: ``?chapter`` and ``?commune`` of a presentation link;
- ``layout``, ``focus``: layout factories (chapters, footer, the focus commune card);
- ``mapview``: the map figure, framed for the screen, and its per-chapter ``Patch``;
- ``callbacks``: link reading, clientside navigation and map patches;
- ``ids``, ``labels``: component ids and French labels.
"""

from erbm_map.presentation.deck_app import create_presentation

__all__ = ["create_presentation"]
