"""Presentation mode: the dashboard's data as a sequence of chapters for a projector.

Modules:

- ``deck_app``: ``create_presentation``, the second Dash app on the dashboard's server;
- ``chapters``: ``build_chapters``, the pure list of chapters built from the bundle;
- ``deck_figures``: key figures and changes between editions, computed from the indicators;
- ``query``: ``?chapter`` and ``?commune`` of a presentation link;
- ``deck_layout``, ``focus``: layout factories (chapters, footer, the focus commune card);
- ``deck_map``: the map, framed for the screen;
- ``deck_callbacks``: link reading, clientside navigation and the map's chapter views;
- ``deck_labels``: French labels (component ids are in ``core/deck_ids.py``);
- ``deck_file``, ``deck_pdf``, ``deck_routes``, ``export_cli``: the deck as a file.

The map layers of each chapter (``sources/presentation.csv``) come in the bundle
(``Bundle.map_choices``, read by ``data/choices.py``).
"""

from erbm_map.presentation.deck_app import create_presentation

__all__ = ["create_presentation"]
