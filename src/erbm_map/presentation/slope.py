"""The closing slope: each comparable figure as a line from its first edition to its latest.

Plain HTML (no SVG, no plotly) so that a chapter renders the same in the served deck and
in a standalone file made from the same ``dash.html`` components. Figures have different
units (programmes, conseils, médiateurs), so a shared value axis would flatten the small
ones: every line starts at the same height and rises or falls by its *relative* change,
on one logarithmic scale, so a doubling climbs as far as a halving drops. The values are
written at both ends; the slope only shows the direction and the size of the change.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from dash import html

from erbm_map.presentation.deck_figures import Change, FigureValue
from erbm_map.presentation.deck_labels import PresentationLabels as L

#: Share of the slope box's half-height the steepest line uses (its dot stays inside the box).
REACH = 0.8


def slope_heights(ratios: Sequence[float]) -> list[float]:
    """Where each line ends, in % of the box from its top; 50 is « unchanged ».

    Log₂ of the ratio, scaled so that the largest change (or a doubling, whichever is
    larger) reaches ``REACH`` of the half-height: ×2 and ÷2 are mirror images.
    """
    logs = [math.log2(ratio) for ratio in ratios]
    scale = max([1.0, *(abs(value) for value in logs)])
    return [round(50 - 50 * REACH * value / scale, 2) for value in logs]


def _line(end: float, direction: str) -> html.Span:
    """A thick segment from the box's left middle to its right edge at ``end`` %, cut by clip-path.

    Percentages in a polygon are of the box itself, so the line needs no pixel size.
    """
    half = "var(--u) * .14"
    polygon = (
        f"polygon(0 calc(50% - {half}), 100% calc({end}% - {half}), "
        f"100% calc({end}% + {half}), 0 calc(50% + {half}))"
    )
    return html.Span(
        className=f"pslope-line pslope-{direction}",
        style={"clipPath": polygon, "WebkitClipPath": polygon},
        **{"aria-hidden": "true"},
    )


def _dot(top: float, side: str, direction: str) -> html.Span:
    return html.Span(
        className=f"pslope-dot pslope-dot-{side} pslope-{direction}",
        style={"top": f"{top}%"},
        **{"aria-hidden": "true"},
    )


def caveat(value: FigureValue) -> list[html.Span]:
    """The value's uncertainty note (issue 19), under it."""
    return [html.Span(value.caveat, className="pfig-caveat")] if value.caveat else []


def _direction(ratio: float) -> str:
    return "up" if ratio > 1 else "down" if ratio < 1 else "flat"


def create_slope(changes: Sequence[Change], typeset: object = str) -> html.Div:
    """One row per comparable pair: label, first value, the slope, latest value, change.

    ``typeset`` keeps French guillemets with their words (``layout.typeset``).
    """
    pairs = [change for change in changes if change.comparable and change.ratio]
    heights = slope_heights([change.ratio for change in pairs if change.ratio])
    first = min((c.before.edition for c in pairs), default="")
    latest = max((c.after.edition for c in pairs), default="")
    head = html.Div(
        [
            html.Span(""),
            html.Span(first, className="pslope-edition"),
            html.Span(""),
            html.Span(latest, className="pslope-edition"),
            html.Span(L.CLOSING_CHANGE, className="pslope-edition"),
        ],
        className="pslope-row pslope-head",
    )
    rows = []
    for change, end in zip(pairs, heights, strict=True):
        direction = _direction(change.ratio or 1.0)
        rows.append(
            html.Div(
                [
                    html.Span(typeset(change.label), className="pslope-label"),  # type: ignore[operator]
                    html.Span([change.before.full, *caveat(change.before)], className="pslope-before"),
                    html.Span(
                        [_line(end, direction), _dot(50, "start", direction), _dot(end, "end", direction)],
                        className="pslope-box",
                    ),
                    html.Span([change.after.full, *caveat(change.after)], className="pslope-after"),
                    html.Span(change.change, className=f"pslope-change pslope-{direction}"),
                ],
                className="pslope-row",
                role="listitem",
                **{"data-stem": change.stem, "data-end": str(end)},
            )
        )
    return html.Div(
        [
            head,
            html.Div(rows, role="list", className="pslope-rows"),
            html.P(L.SLOPE_NOTE, className="pslope-note"),
        ],
        className="pslope",
        role="group",
        **{"aria-label": L.SLOPE},
    )
