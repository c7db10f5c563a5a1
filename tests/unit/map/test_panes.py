"""A click on the map reaches the communes, whatever is drawn above them.

On a canvas (the region, ``preferCanvas``), each pane has its own canvas over the panes
below, and Leaflet hands a click only to the layers of the canvas it lands on: the
selection's outline once swallowed every click on the region's communes. Every pane but the
communes' lets the pointer through; the names (markers, in their own pane) keep theirs.
"""

from __future__ import annotations

import dash_leaflet as dl

from erbm_map.core.state import ViewState
from erbm_map.map.leafletmap import CLICKED_PANE, PANES, create_map
from erbm_map.web.server import map_urls


def _panes(component: object) -> list[dl.Pane]:
    found = []
    for child in getattr(component, "children", None) or []:
        if isinstance(child, dl.Pane):
            found.append(child)
    return found


def test_only_the_communes_pane_takes_the_pointer(bundle):
    panes = {
        pane.name: pane.style
        for pane in _panes(create_map(bundle, map_urls(bundle), ViewState.default(bundle)))
    }
    assert set(panes) >= {f"erbm-{name}" for name in PANES}
    for name in PANES:
        takes = panes[f"erbm-{name}"].get("pointerEvents") != "none"
        assert takes == (name == CLICKED_PANE), name
