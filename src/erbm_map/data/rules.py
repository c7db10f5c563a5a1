"""Rules across rows or files that a cell check cannot state: the region's bounds, one CPTS per commune.

The importer validates a would-be data directory with the loader, so a rule here is
the importer's rule too: what the app refuses at start-up, an import refuses before
it writes anything.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from erbm_map.data.errors import DataError
from erbm_map.data.tables import line_of

#: Margin around the communes' box. 10 km is the margin of the importer's Nord–Pas-de-Calais
#: box (``imports/coordinates.BBOX``) and is wider than any neighbouring commune reaches past
#: the territory's edge (``voisins.geojson`` goes at most ~5 km beyond ``communes.geojson``), so
#: a brochure place in a neighbouring town, which the loader allows, stays inside.
MARGIN_KM = 10.0
#: Kilometres in one degree of latitude (a meridian's length / 180; the Earth's mean radius of
#: 6 371 km gives 111.2 km).
KM_PER_DEGREE = 111.2


@dataclass(frozen=True)
class Region:
    """The box a located place must fall in: the communes of ``communes.geojson`` and a margin."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def around(cls, communes: pd.DataFrame) -> Region:
        """The communes' box (``min_lon``… columns) widened by :data:`MARGIN_KM` on every side."""
        west, south = communes["min_lon"].min(), communes["min_lat"].min()
        east, north = communes["max_lon"].max(), communes["max_lat"].max()
        dlat = MARGIN_KM / KM_PER_DEGREE
        # A degree of longitude shrinks with the cosine of the latitude; the box's northern
        # edge is where it is shortest, so the margin is at least MARGIN_KM everywhere.
        dlon = MARGIN_KM / (KM_PER_DEGREE * math.cos(math.radians(north)))
        return cls(float(west - dlon), float(south - dlat), float(east + dlon), float(north + dlat))

    def checks(self) -> dict[str, pa.Check]:
        """The ``lon`` and ``lat`` checks of a table of places (an empty cell is not located)."""
        return {
            "lon": _between(self.west, self.east, "longitude"),
            "lat": _between(self.south, self.north, "latitude"),
        }


def _between(low: float, high: float, what: str) -> pa.Check:
    # The bounds are written with a dot, as the file writes coordinates.
    error = (
        f"{what} « {{value}} » hors de la région (attendu entre {low:.2f} et {high:.2f} : "
        f"les communes de communes.geojson et {MARGIN_KM:.0f} km autour ; longitude et latitude inversées ?)"
    )
    return pa.Check(
        lambda s: (s.str.strip() == "") | pd.to_numeric(s, errors="coerce").between(low, high),
        error=error,
    )


def one_cpts_per_commune(path: Path, cpts: pd.DataFrame) -> None:
    """A commune belongs to one CPTS at most: the map colours it once, the coverage counts it once."""
    repeated = cpts["insee"].duplicated()
    if not repeated.any():
        return
    position = int(repeated.to_numpy().argmax())
    row = cpts.iloc[position]
    first = int((cpts["insee"] == row["insee"]).to_numpy().argmax())
    before = cpts.iloc[first]["cpts_nom"]
    if before == row["cpts_nom"]:
        problem = f"commune « {row['insee']} » en double dans « {before} » (déjà ligne {line_of(first)})"
    else:
        problem = (
            f"commune « {row['insee']} » dans deux CPTS : « {row['cpts_nom']} » "
            f"et « {before} » (ligne {line_of(first)}) ; une commune n'appartient qu'à une CPTS"
        )
    others = int(repeated.sum()) - 1
    if others:
        problem += f" (+ {others} autre{'s' if others > 1 else ''})"
    raise DataError(path, problem, row=line_of(position))
