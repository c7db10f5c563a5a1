"""Read one CSV or GeoJSON file and check it against its :class:`TableSpec`."""

from __future__ import annotations

import io
import json
import re
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
    text = read_text(path)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        raise DataError(path, "fichier vide") from None
    except pd.errors.ParserError as error:
        problem, row = _parser_problem(str(error))
        raise DataError(path, f"CSV mal formé : {problem}", row=row) from None
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


#: pandas' parser errors, in English, and what they mean for the person fixing the file.
_PARSER_ERRORS = (
    (re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)"), "{2} champs au lieu de {0}", 1),
    (re.compile(r"EOF inside string starting at row (\d+)"), "guillemet ouvert jamais refermé", 0),
)


def _parser_problem(message: str) -> tuple[str, int | None]:
    """Translate a pandas parser error into (French problem, line) where possible."""
    for pattern, problem, line_group in _PARSER_ERRORS:
        match = pattern.search(message)
        if match:
            groups = match.groups()
            return problem.format(*groups), int(groups[line_group]) + (0 if line_group else 1)
    return "ligne illisible", None


def read_text(path: Path) -> str:
    """Read a UTF-8 text file; a wrong encoding names the line of the first bad byte."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(path, f"fichier illisible ({error.strerror or error.__class__.__name__})") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start]
        problem = f"encodage non UTF-8 (octet 0x{byte:02x}) : enregistrez le fichier en UTF-8"
        raise DataError(path, problem, row=line) from None


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
    text = read_text(path)
    if not text.strip():
        raise DataError(path, "fichier vide (relancer « erbm-map build-data »)")
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError(
            path, f"GeoJSON illisible, fichier tronqué ? (colonne {error.colno})", row=error.lineno
        ) from None
    if not isinstance(parsed, dict) or parsed.get("type") != "FeatureCollection":
        raise DataError(path, "FeatureCollection attendue")
    if not isinstance(parsed.get("features"), list):
        raise DataError(path, "FeatureCollection attendue")
    raw = text.encode("utf-8")
    return raw, parsed
