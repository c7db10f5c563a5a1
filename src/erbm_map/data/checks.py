"""The cell checks data files are declared with, each carrying its French problem.

Files are read as text (``dtype=str``, empty cells as ``""``), so every check works
on strings and an empty cell is the business of :data:`FILLED` alone: the other
checks let it pass, and a person sees one problem per cell. A check's ``error`` is
a template that ``tables.validate`` fills with ``{column}``, ``{value}`` and, for
checks on whole rows, the failing ``{row}``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Mapping, Sequence

import pandas as pd
import pandera.pandas as pa

#: A commune code: five digits, or 2A/2B and three digits for Corsica.
INSEE_PATTERN = r"(?:\d{5}|2[AB]\d{3})"

FILLED = pa.Check(lambda s: s.str.strip() != "", error="valeur vide dans la colonne « {column} »")
NUMBER = pa.Check(
    lambda s: (s.str.strip() == "") | pd.to_numeric(s, errors="coerce").notna(),
    error="nombre attendu dans « {column} », lu « {value} »",
)
INSEE = pa.Check(
    lambda s: (s == "") | s.str.fullmatch(INSEE_PATTERN),
    error="code INSEE attendu dans « {column} » (5 caractères, ex. 62498), lu « {value} »",
)


def _is_iso_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


ISO_DATE = pa.Check(
    lambda s: (s == "") | s.map(_is_iso_date).astype(bool),
    error="date attendue (AAAA-MM-JJ) dans « {column} », lu « {value} »",
)


#: A colour every renderer reads alike: the browser (CSS), plotly, reportlab's ``HexColor``
#: (which misreads ``#RGB``) and matplotlib, which draws the paper map and the PDF exports.
_HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}(?:[0-9A-Fa-f]{2})?")


def _is_colour(text: str) -> bool:
    """``#RRGGBB`` or ``#RRGGBBAA``, and matplotlib (the paper map) reads it: what passes renders."""
    if not _HEX_COLOUR.fullmatch(text):
        return False
    # Imported here: the app has it loaded already; the command line pays only when it validates.
    from matplotlib.colors import to_rgba

    try:
        to_rgba(text)
    except ValueError:
        return False
    return True


COLOUR = pa.Check(
    lambda s: (s == "") | s.map(_is_colour).astype(bool),
    error="couleur « {value} » illisible dans « {column} » (attendu #RRGGBB ou #RRGGBBAA, en hexadécimal)",
)


def _listed(values: Collection[str]) -> str:
    """The allowed values as the message shows them, braces escaped for the template."""
    shown = ", ".join(value or "(vide)" for value in sorted(values))
    return shown.replace("{", "{{").replace("}", "}}")


#: The message of :func:`one_of` unless the caller names the values better.
UNKNOWN_VALUE = "valeur « {value} » inconnue dans « {column} » (attendu : {allowed})"


def one_of(values: Collection[str], error: str = UNKNOWN_VALUE) -> pa.Check:
    """The cell is one of ``values``; ``{allowed}`` in ``error`` lists them for the person fixing it."""
    allowed = tuple(values)
    return pa.Check.isin(allowed, error=error.replace("{allowed}", _listed(allowed)))


def list_of(values: Collection[str], sep: str = ";") -> pa.Check:
    """The cell is a ``sep``-separated list of ``values`` (``2019;2024``)."""
    allowed = frozenset(values)
    return pa.Check(
        lambda s: (s == "") | s.str.split(sep).map(lambda parts: set(parts) <= allowed).astype(bool),
        error=f"valeur « {{value}} » inconnue dans « {{column}} » "
        f"(attendu : {_listed(allowed)}, séparées par « {sep} »)",
    )


def row_check(test: Callable[[pd.DataFrame], pd.Series], error: str) -> pa.Check:
    """A check across the columns of each row; ``error`` may name cells as ``{row[column]}``."""
    return pa.Check(test, error=error)


def csv_table(
    path: str,
    columns: Mapping[str, Sequence[pa.Check]],
    *,
    unique: Sequence[str] = (),
    checks: Sequence[pa.Check] = (),
) -> pa.DataFrameSchema:
    """One CSV file: ``path`` in the data directory, its columns (all required) and their checks.

    Extra columns are allowed: a maintainer may keep notes beside the data. A repeated
    key is reported on its second occurrence, the line a person would delete.
    """
    return pa.DataFrameSchema(
        {name: pa.Column(checks=list(column_checks)) for name, column_checks in columns.items()},
        checks=list(checks),
        unique=list(unique) or None,
        report_duplicates="exclude_first",
        name=path,
    )
