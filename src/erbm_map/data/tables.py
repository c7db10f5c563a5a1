"""Read one CSV or GeoJSON file; a CSV is validated against its pandera schema.

pandera reports every failing cell at once (``lazy=True``); :func:`validate` turns
its failure cases into one :class:`DataError` naming the file, the first bad line
and the problem in French, and counting the others so a maintainer fixes them in
one pass.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from erbm_map.data.errors import DataError

#: Header is line 1, so data row ``i`` (0-based) is line ``i + 2``.
FIRST_DATA_LINE = 2
#: How many other bad lines a message lists before it only counts them.
OTHER_LINES_SHOWN = 5


def line_of(position: int) -> int:
    """The line a person sees in an editor for data row ``position`` (0-based) of a CSV."""
    return int(position) + FIRST_DATA_LINE


def read_table(
    base: Path,
    table: pa.DataFrameSchema,
    *,
    name: str | None = None,
    checks: Mapping[str, pa.Check] | None = None,
) -> pd.DataFrame:
    """Read ``base / table.name`` (or ``name``) as strings and validate it.

    ``checks`` adds, per column, the checks that need another file (known themes,
    known communes): the schema stays declared once, the loader supplies the values.
    """
    path = base / (name or table.name)
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
    if checks:
        table = table.update_columns(
            {column: {"checks": [*table.columns[column].checks, check]} for column, check in checks.items()}
        )
    validate(path, frame, table)
    return frame


def validate(path: Path, frame: pd.DataFrame, table: pa.DataFrameSchema) -> None:
    """Run ``table`` on ``frame`` and raise one French :class:`DataError` if any cell fails.

    ``frame`` has the ``RangeIndex`` ``read_csv`` gives, so a row's label is its position.
    """
    try:
        table.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        raise _data_error(path, frame, table, errors.failure_cases) from None


def _data_error(path: Path, frame: pd.DataFrame, table: pa.DataFrameSchema, cases: pd.DataFrame) -> DataError:
    """The first problem by line, one per cell, and a count of the lines still to fix."""
    missing = cases.loc[cases["check"] == "column_in_dataframe", "failure_case"]
    if len(missing):
        # Without the column, its checks and the checks across rows mean nothing.
        names = [c for c in table.columns if c in set(missing)]
        return DataError(path, f"colonnes manquantes : {', '.join(names)}", row=1)
    order = {column: number for number, column in enumerate(table.columns)}
    problems: dict[tuple[int, str], str] = {}
    # In declaration order, so a cell's first failing check is the one reported.
    cases = cases.assign(number=pd.to_numeric(cases["check_number"], errors="coerce").fillna(-1))
    for case in cases.sort_values("number", kind="stable").itertuples(index=False):
        position = -1 if pd.isna(case.index) else int(case.index)
        column = case.column if case.schema_context == "Column" else str(case.check)
        key = (position, column)
        if key not in problems:
            problems[key] = _problem(frame, table, case, position)
    ranked = sorted(problems, key=lambda k: (k[0], order.get(k[1], len(order)), k[1]))
    first = ranked[0]
    lines = sorted({line_of(p) for p, _ in ranked if p != first[0] and p >= 0})
    problem = problems[first] + _others(len(ranked) - 1, lines)
    return DataError(path, problem, row=line_of(first[0]) if first[0] >= 0 else None)


def _problem(frame: pd.DataFrame, table: pa.DataFrameSchema, case: tuple, position: int) -> str:
    """Fill the check's French template; a repeated key names the line it repeats."""
    if position < 0:
        # A check that could not run (a bug of the declaration, not of the file).
        return f"contrôle impossible ({case.check}) : {case.failure_case}"
    row = frame.iloc[position]
    if case.check == "multiple_fields_uniqueness":
        keys = list(table.unique)
        key = ", ".join(str(row[c]) for c in keys)
        first = int((frame[keys] == row[keys]).all(axis=1).to_numpy().argmax())
        return f"doublon « {key} » dans « {', '.join(keys)} » (déjà ligne {line_of(first)})"
    return str(case.check).format(column=case.column, value=case.failure_case, row=row)


def _others(count: int, lines: list[int]) -> str:
    """`` (+ 2 autres problèmes, lignes 7, 9)``: what is left once the first is fixed."""
    if not count:
        return ""
    plural = "s" if count > 1 else ""
    shown = ", ".join(str(line) for line in lines[:OTHER_LINES_SHOWN])
    more = "…" if len(lines) > OTHER_LINES_SHOWN else ""
    where = f", ligne{'s' if len(lines) > 1 else ''} {shown}{more}" if lines else ""
    return f" (+ {count} autre{plural} problème{plural}{where})"


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


def read_geojson(path: Path) -> tuple[bytes, dict]:
    """Return the raw bytes (served as is) and the parsed collection."""
    if not path.is_file():
        raise DataError(path, "fichier introuvable (lancer « erbm-map build-data »)")
    # Notepad and some GIS tools save UTF-8 with a byte order mark, which JSON forbids: the
    # content is right, so the mark is dropped (served bytes included) rather than the file refused.
    text = read_text(path).removeprefix("\ufeff")
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
