"""Read the project's own data files an import checks against (perimeter, past vintages).

These files are written by the project, so they are read strictly with ``csv`` and any
problem is an I/O error (exit 1), not a problem of the planner's file.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from erbm_map.core import paths
from erbm_map.imports.report import EXIT_IO_ERROR, ImportFailure, Rejection

PERIMETER_FILE = "perimetre_bassin_minier.csv"
CPTS_FILE = "cpts.csv"
ESTABLISHMENTS_FILE = "etablissements_import.csv"
_VINTAGE_FILE = re.compile(r"^zonage_(\d{4})\.csv$")


def _read_rows(path: Path, column: str) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if column not in (reader.fieldnames or ()):
                raise ImportFailure(
                    Rejection(None, "fichier du projet invalide", str(path), f"colonne {column}"),
                    EXIT_IO_ERROR,
                )
            return list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ImportFailure(
            Rejection(None, "fichier du projet illisible", str(path), str(exc)), EXIT_IO_ERROR
        ) from None


def perimeter(base: Path | None = None) -> dict[str, str]:
    """INSEE code -> name of the communes of the perimeter."""
    rows = _read_rows(paths.sources_dir(base) / PERIMETER_FILE, "insee")
    return {row["insee"]: row.get("nom") or "" for row in rows}


def vintage_path(vintage: int, base: Path | None = None) -> Path:
    """Path of the zoning file of one vintage (it may not exist)."""
    return paths.zoning_dir(base) / f"zonage_{vintage}.csv"


def vintages(base: Path | None = None) -> list[int]:
    """Vintages present in the zoning directory, oldest first."""
    directory = paths.zoning_dir(base)
    if not directory.is_dir():
        return []
    found = (_VINTAGE_FILE.match(p.name) for p in directory.iterdir())
    return sorted(int(m.group(1)) for m in found if m)


def read_vintage(vintage: int, base: Path | None = None) -> dict[str, str]:
    """INSEE code -> zone of one stored vintage."""
    return {insee: zone for insee, (zone, _) in read_vintage_rows(vintage, base).items()}


def read_vintage_rows(vintage: int, base: Path | None = None) -> dict[str, tuple[str, str]]:
    """INSEE code -> (zone, source) of one stored vintage."""
    rows = _read_rows(vintage_path(vintage, base), "zone")
    return {row["insee"]: (row["zone"], row.get("source") or "") for row in rows}
