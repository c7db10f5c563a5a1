"""How each map layer is drawn on paper: read from ``sources/map_symbols.csv``, not written in code.

The file is an editorial choice kept with the data, like the zone colours of ``zones.csv``:
whoever maintains the look edits a CSV, and the server-rendered map and the print sheet
follow. A data directory without the file (a regional build made before it existed) uses
the repository's copy, since the look does not depend on the territory.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from erbm_map.data.errors import DataError
from erbm_map.layers import Layer
from erbm_map.paths import DEFAULT_DATA_DIR, sources_dir

FILE_NAME = "map_symbols.csv"
#: Every key the renderer draws: the layers plus the base communes and the selection outline.
KEYS: tuple[str, ...] = (
    Layer.CLS,
    Layer.CLSM,
    Layer.CPTS,
    Layer.EPCI,
    Layer.PERIMETRE,
    "selection",
    "commune",
    "zone",
    Layer.SANITAIRE,
    Layer.MEDICO_SOCIAL,
    Layer.DISPOSITIF,
)
LINESTYLES = ("solid", "dashed", "dotted", "dashdot")


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


def symbols_path(base: Path | None) -> Path:
    """The data directory's symbols file, else the repository's."""
    path = sources_dir(base) / FILE_NAME
    return path if path.is_file() else sources_dir(DEFAULT_DATA_DIR) / FILE_NAME


def load_symbols(base: Path | None = None) -> MappingProxyType[str, Symbol]:
    """Read and check the symbols file: every key once, numbers where numbers go."""
    path = symbols_path(base)
    symbols: dict[str, Symbol] = {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        raise DataError(path, f"fichier illisible ({error})") from error
    for line, row in enumerate(rows, start=2):
        key = (row.get("key") or "").strip()
        if key not in KEYS or key in symbols:
            raise DataError(path, f"clé inconnue ou en double « {key} »", row=line)
        try:
            width = float(row.get("width") or 0)
        except ValueError:
            raise DataError(path, f"nombre attendu dans « width », lu « {row['width']} »", row=line) from None
        style = (row.get("linestyle") or "solid").strip()
        if style not in LINESTYLES:
            raise DataError(path, f"style de trait inconnu « {style} »", row=line)
        symbols[key] = Symbol(
            key=key,
            face=(row.get("face") or "none").strip(),
            edge=(row.get("edge") or "none").strip(),
            width=width,
            linestyle=style,
            hatch=row.get("hatch") or "",
            marker=(row.get("marker") or "").strip(),
            letter=(row.get("letter") or "").strip(),
        )
    missing = [k for k in KEYS if k not in symbols]
    if missing:
        raise DataError(path, f"clés manquantes : {', '.join(missing)}")
    return MappingProxyType(symbols)
