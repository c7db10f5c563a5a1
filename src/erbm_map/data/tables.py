"""Read one CSV or GeoJSON file and check it against its :class:`TableSpec`."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from erbm_map.data.errors import DataError
from erbm_map.data.schema import TableSpec

#: Header is line 1, so data row ``i`` (0-based) is line ``i + 2``.
FIRST_DATA_LINE = 2


def read_table(base: Path, spec: TableSpec) -> pd.DataFrame:
    """Read ``spec.path`` as strings and check columns, required cells and numbers."""
    path = base / spec.path
    if not path.is_file():
        raise DataError(path, "fichier introuvable")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise DataError(path, f"CSV illisible ({error})") from error
    missing = [c for c in spec.columns if c not in frame.columns]
    if missing:
        raise DataError(path, f"colonnes manquantes : {', '.join(missing)}", row=1)
    for column in spec.required:
        empty = frame.index[frame[column].str.strip() == ""]
        if len(empty):
            raise DataError(
                path,
                f"valeur vide dans la colonne « {column} »",
                row=int(empty[0]) + FIRST_DATA_LINE,
            )
    for column in spec.numeric:
        filled = frame[column].str.strip() != ""
        numbers = pd.to_numeric(frame.loc[filled, column], errors="coerce")
        bad = numbers.index[numbers.isna()]
        if len(bad):
            value = frame.at[bad[0], column]
            raise DataError(
                path,
                f"nombre attendu dans « {column} », lu « {value} »",
                row=int(bad[0]) + FIRST_DATA_LINE,
            )
    return frame


def check_values(path: Path, frame: pd.DataFrame, column: str, allowed: set[str] | tuple[str, ...]) -> None:
    """Fail on the first cell of ``column`` whose value is not in ``allowed``."""
    bad = frame.index[~frame[column].isin(allowed)]
    if len(bad):
        value = frame.at[bad[0], column]
        raise DataError(
            path,
            f"valeur « {value} » inconnue dans « {column} » (attendu : {', '.join(sorted(allowed))})",
            row=int(bad[0]) + FIRST_DATA_LINE,
        )


def check_unique(path: Path, frame: pd.DataFrame, columns: list[str]) -> None:
    """Fail on the first repeated key."""
    dup = frame.index[frame.duplicated(columns)]
    if len(dup):
        key = ", ".join(str(frame.at[dup[0], c]) for c in columns)
        raise DataError(path, f"doublon ({key})", row=int(dup[0]) + FIRST_DATA_LINE)


def read_geojson(path: Path) -> tuple[bytes, dict]:
    """Return the raw bytes (served as is) and the parsed collection."""
    if not path.is_file():
        raise DataError(path, "fichier introuvable (lancer « erbm-map build-data »)")
    raw = path.read_bytes()
    try:
        parsed = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataError(path, f"GeoJSON illisible ({error})") from error
    if parsed.get("type") != "FeatureCollection" or not isinstance(parsed.get("features"), list):
        raise DataError(path, "FeatureCollection attendue")
    return raw, parsed
