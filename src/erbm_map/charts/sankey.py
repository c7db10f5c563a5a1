"""The Sankey of the zoning-changes view: communes from one vintage's zones to the next's.

Zones keep the order of ``zones.csv`` (most fragile on top) on both sides, rather than the
order plotly's layout would pick, and each flow takes the colour of the zone it comes
from (at the ``flux`` opacity of ``symbols.csv``): a planner follows « where did the ZIP
communes go? » by colour (issue 21). A text twin lists the flows in sentences.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from erbm_map.charts.bars import chart_layout
from erbm_map.core.domain import Domain
from erbm_map.core.fmt import fmt_number
from erbm_map.core.labels import Labels

#: Vertical gap between two nodes of a column, as a share of the plot's height.
NODE_GAP = 0.04


def sankey_flows(old: pd.Series, new: pd.Series) -> pd.DataFrame:
    """Number of communes per (old zone, new zone), biggest flows first."""
    frame = pd.DataFrame({"old": old, "new": new.reindex(old.index)}).dropna()
    flows = frame.groupby(["old", "new"], as_index=False).size().rename(columns={"size": "communes"})
    return flows.sort_values(["communes", "old", "new"], ascending=[False, True, True], ignore_index=True)


def _column(sizes: list[int], slots: int) -> list[float]:
    """Centres (0 top .. 1 bottom) of nodes stacked in order, gaps sized for ``slots`` nodes."""
    scale = (1 - NODE_GAP * (slots - 1)) / max(sum(sizes), 1)
    centres, top = [], 0.0
    for size in sizes:
        centres.append(min(max(top + scale * size / 2, 0.001), 0.999))
        top += scale * size + NODE_GAP
    return centres


def _translucent(colour: str, flux: str) -> str:
    """``colour`` (``#RRGGBB``) with the alpha of the ``flux`` colour (``#RRGGBBAA``)."""
    return colour[:7] + (flux[7:9] if len(flux) == 9 else "")


def build_sankey(
    old: pd.Series, new: pd.Series, zones: pd.DataFrame, names: tuple[str, str], domain: Domain
) -> go.Figure:
    """Communes moving between zones from one zoning vintage to the next (staying ones included).

    ``old`` and ``new`` map INSEE codes to zone codes; ``names`` are the two vintages.
    """
    flows = sankey_flows(old, new)
    left = [z for z in zones.index if z in set(flows["old"])]
    right = [z for z in zones.index if z in set(flows["new"])]
    slots = max(len(left), len(right))
    left_sizes = [int(flows.loc[flows["old"] == z, "communes"].sum()) for z in left]
    right_sizes = [int(flows.loc[flows["new"] == z, "communes"].sum()) for z in right]
    short = {z: str(zones.at[z, "short_label"] or z) for z in zones.index}
    palette = domain.palette
    figure = go.Figure(
        go.Sankey(
            arrangement="fixed",
            valueformat=",d",
            valuesuffix=f" {Labels.CHART_COMMUNES}",
            node={
                "label": [short[z] for z in left + right],
                "color": [zones.at[z, "color"] for z in left + right],
                "x": [0.001] * len(left) + [0.999] * len(right),
                "y": _column(left_sizes, slots) + _column(right_sizes, slots),
                "pad": 14,
                "line": {"color": palette["contour"], "width": 1},
                "hovertemplate": "%{label} : %{value}<extra></extra>",
            },
            link={
                "source": [left.index(z) for z in flows["old"]],
                "target": [len(left) + right.index(z) for z in flows["new"]],
                "value": flows["communes"].tolist(),
                "color": [_translucent(str(zones.at[z, "color"]), palette["flux"]) for z in flows["old"]],
                "line": {"color": palette["contour"], "width": 0.5},
            },
        )
    )
    figure.update_layout(
        **chart_layout(
            Labels.SANKEY_TITLE.format(old=names[0], new=names[1]),
            440,
            palette,
            subtitle=Labels.SANKEY_SUBTITLE.format(old=names[0]),
            margin={"l": 10, "r": 10, "t": 84, "b": 10},
        ),
        annotations=_vintage_headers(names),
    )
    return figure


def _vintage_headers(names: tuple[str, str]) -> list[dict[str, object]]:
    """The two vintages in bold above their columns: plotly's Sankey names neither side."""
    return [
        {
            "text": f"<b>{name}</b>",
            "x": x,
            "y": 1.0,
            "xref": "paper",
            "yref": "paper",
            "xanchor": anchor,
            "yanchor": "bottom",
            "showarrow": False,
        }
        for name, x, anchor in ((names[0], 0, "left"), (names[1], 1, "right"))
    ]


def sankey_text(old: pd.Series, new: pd.Series, zones: pd.DataFrame) -> list[str]:
    """« 12 communes de « ZAC — … » vers « ZIP — … » », moving flows first, then those that stay."""
    flows = sankey_flows(old, new)
    moving = flows[flows["old"] != flows["new"]]
    staying = flows[flows["old"] == flows["new"]]
    lines = [
        Labels.SANKEY_TEXT.format(
            count=fmt_number(row["communes"]),
            old=zones.at[row["old"], "label"],
            new=zones.at[row["new"], "label"],
        )
        for _, row in moving.iterrows()
    ]
    lines += [
        Labels.SANKEY_STAY.format(count=fmt_number(row["communes"]), zone=zones.at[row["old"], "label"])
        for _, row in staying.iterrows()
    ]
    return lines
