"""Paper helpers of the server-rendered map: frames, symbols as matplotlib artists, the legend.

Kept apart from :mod:`erbm_map.map.static_map`, which decides *what* is drawn; this
module only knows *how* a symbol of ``sources/symbols.csv`` looks on paper.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from erbm_map.map.symbols import Symbol

#: Under text and the selection outline, so both read on any fill.
HALO_COLOUR = "white"
HALO = [patheffects.withStroke(linewidth=2.2, foreground=HALO_COLOUR)]


@dataclass(frozen=True)
class Frame:
    """A paper size and what goes around the map on it (sizes in inches and points)."""

    name: str
    width: float
    height: float
    title: bool
    legend: str
    sources: bool
    marker: float
    font: float
    #: Whether a locator inset shows where the view lies in the bassin minier.
    inset: bool = False
    #: « epci »: a commune is shown in its intercommunality; « place »: the commune itself, centred.
    focus: str = "epci"
    #: A taller figure for a commune's sheet, whose text is shorter than an EPCI's (0: same height).
    commune_height: float = 0.0


#: A4 landscape: the map export, with its title block (message, issuer and date, place).
PAGE = Frame("page", 11.69, 8.27, title=True, legend="right", sources=True, marker=9.0, font=8.0, inset=True)
#: The print sheet's map, 80 mm wide and as tall as the sheet's side column allows: its own
#: message title and issuer line, the place centred, a locator and the legend below; the
#: sheet prints the sources itself.
SHEET = Frame(
    "fiche",
    3.15,
    5.5,
    title=True,
    legend="below",
    sources=False,
    marker=7.0,
    font=6.0,
    inset=True,
    focus="place",
    commune_height=7.0,
)
#: A 16:9 slide's map (PDF deck): legend beside it, big enough to read on a projector; the page
#: prints the title and sources itself.
SLIDE = Frame("diapositive", 9.6, 5.6, title=False, legend="right", sources=False, marker=9.0, font=7.5)
FRAMES: Mapping[str, Frame] = {PAGE.name: PAGE, SHEET.name: SHEET, SLIDE.name: SLIDE}


def fit_box(ax, box: tuple[float, float, float, float], aspect: float) -> tuple[float, float]:
    """Widen the box to the axes' aspect, so the map fills its frame at equal scale."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if w / h < aspect:
        extra = (h * aspect - w) / 2
        x0, x1 = x0 - extra, x1 + extra
    else:
        extra = (w / aspect - h) / 2
        y0, y1 = y0 - extra, y1 + extra
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    return x1 - x0, y1 - y0


def nice_km(span_m: float) -> int:
    """A round length (1, 2 or 5 × 10^k km) about a fifth of the map's width."""
    target = span_m / 5000.0
    power = 10 ** math.floor(math.log10(max(target, 1)))
    for step in (5, 2, 1):
        if step * power <= target:
            return int(step * power)
    return 1


def fan_out(points: pd.DataFrame, step: float) -> pd.DataFrame:
    """Spread points that share a town hall on a circle whose chord is one marker wide."""
    out = points.sort_values(["insee", "categorie", "id"]).copy()
    rank = out.groupby("insee").cumcount().to_numpy()
    size = out.groupby("insee")["id"].transform("size").to_numpy()
    radius = np.where(size > 1, step / (2 * np.sin(np.pi / np.maximum(size, 2))), 0.0)
    angle = np.pi / 2 + 2 * np.pi * rank / np.maximum(size, 1)
    out["x"] = out["x"].to_numpy() + radius * np.cos(angle)
    out["y"] = out["y"].to_numpy() + radius * np.sin(angle)
    return out


def letter_marker(letter: str) -> str:
    """A letter as a marker path, upright (mathtext sets single letters in italics)."""
    return rf"$\mathrm{{{letter}}}$"


def area_kw(symbol: Symbol) -> dict[str, object]:
    return {
        "facecolor": symbol.face,
        "edgecolor": symbol.edge,
        "linewidth": symbol.width,
        "linestyle": symbol.linestyle,
        "hatch": symbol.hatch or None,
    }


def legend_area(symbol: Symbol, label: str) -> Patch:
    return Patch(**area_kw(symbol), label=label)


def legend_line(symbol: Symbol, label: str) -> Line2D:
    return Line2D([], [], color=symbol.edge, linewidth=symbol.width, linestyle=symbol.linestyle, label=label)


def legend_marker(symbol: Symbol, size: float) -> tuple[Line2D, Line2D]:
    shape = Line2D(
        [],
        [],
        linestyle="none",
        marker=symbol.marker,
        markersize=size,
        markerfacecolor=symbol.face,
        markeredgecolor=symbol.edge,
        markeredgewidth=symbol.width,
    )
    letter = Line2D(
        [], [], linestyle="none", marker=letter_marker(symbol.letter), markersize=size * 0.6, color="white"
    )
    return shape, letter


class Header(Patch):
    """A legend row with no symbol: the title of the rows under it."""

    def __init__(self, label: str) -> None:
        super().__init__(facecolor="none", edgecolor="none", label=label)


def draw_legend(fig: Figure, handles: list[object], frame: Frame, map_rect: list[float]) -> Legend:
    """One legend for every symbol on the map; header rows are set in bold. Returns it (for its extent)."""
    artists, labels = [], []
    for handle in handles:
        if isinstance(handle, tuple):
            artists.append(handle[:-1])
            labels.append(handle[-1])
        else:
            artists.append(handle)
            labels.append(handle.get_label())
    labels = [textwrap.fill(label, 34 if frame.legend == "right" else 25) for label in labels]
    if frame.legend == "right":
        where = {
            "loc": "upper left",
            "bbox_to_anchor": (map_rect[0] + map_rect[2] + 0.01, map_rect[1] + map_rect[3]),
        }
        columns = 1
    else:
        where = {"loc": "upper center", "bbox_to_anchor": (0.5, map_rect[1] - 0.005)}
        columns = 2
    legend = fig.legend(
        artists,
        labels,
        **where,
        ncols=columns,
        frameon=False,
        fontsize=frame.font + (1.5 if frame.legend == "right" else 0),
        handler_map={tuple: HandlerTuple(ndivide=1)},
        handlelength=2.2,
        handleheight=1.4,
        labelspacing=0.55 if frame.legend == "right" else 0.35,
        columnspacing=1.0,
        borderaxespad=0.2,
    )
    for handle, text in zip(handles, legend.get_texts(), strict=True):
        if isinstance(handle, Header):
            text.set_fontweight("bold")
    return legend
