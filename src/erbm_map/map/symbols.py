"""How each map layer is drawn on paper, from the same ``sources/symbols.csv`` as the screen.

The file is an editorial choice kept with the data, like the zone colours of ``zones.csv``:
whoever maintains the look edits one CSV, and the map on screen, the server-rendered map and
the print sheet follow. Paper lines are thinner than screen pixels (:data:`PAPER_WIDTH`);
shapes and line styles map to matplotlib's names here, and only here.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd
from matplotlib.markers import MarkerStyle

from erbm_map.core.domain import Layer, MapLayer

#: Every key the renderer draws: the layers plus the base communes and the selection outline.
KEYS: tuple[str, ...] = (
    Layer.CLS,
    Layer.CLSM,
    Layer.CPTS,
    Layer.EPCI,
    Layer.PERIMETRE,
    "selection",
    "communes",
    MapLayer.NEIGHBOURS,
    "zone",
    Layer.SANITAIRE,
    Layer.MEDICO_SOCIAL,
    Layer.DISPOSITIF,
)


@dataclass(frozen=True)
class Symbol:
    """One layer's look: fill and line colours, line width and style, hatch, marker and letter."""

    key: str
    face: str
    edge: str
    width: float
    linestyle: str = "solid"
    hatch: str = ""
    marker: str = ""
    letter: str = ""


#: Screen pixels to paper points: a 3 px contour reads as a 1.8 pt line on A4.
PAPER_WIDTH = 0.6
#: The marker shapes of ``symbols.csv`` (« circle », « square », « diamond ») as matplotlib markers,
#: from matplotlib's own table of marker names.
MARKERS = {name: code for code, name in MarkerStyle.markers.items() if isinstance(code, str)}


def _text(row: pd.Series, key: str, default: str = "") -> str:
    value = row.get(key, default)
    return default if pd.isna(value) or value == "" else str(value)


def paper_symbols(table: pd.DataFrame) -> MappingProxyType[str, Symbol]:
    """The loaded ``symbols.csv`` (validated by the loader), as the paper renderer draws it."""
    return MappingProxyType(
        {
            key: Symbol(
                key=key,
                face=_text(row, "color", "none"),
                edge=_text(row, "line", "none"),
                width=float(row["width"] or 0) * PAPER_WIDTH,
                linestyle=_text(row, "linestyle", "solid"),
                hatch=_text(row, "hatch"),
                marker=MARKERS.get(_text(row, "shape"), ""),
                letter=_text(row, "letter"),
            )
            for key, row in table.iterrows()
            if key in KEYS
        }
    )
