"""The aids a doctor can claim, worded for the print sheet from ``bundle.aides``.

One small function, so that a richer ``aides.csv`` changes one place. Columns that a
later version of the file may add are used when present and skipped when absent:
``wording`` (the sentence to print), ``unit``, ``duration``, ``valid_from`` (a date) and a
per-row ``source``; today's columns (``montant_eur``, ``periodicite``, ``duree``,
``conditions``, ``source``) are the fallback.
"""

from __future__ import annotations

import pandas as pd

from erbm_map.data import Bundle
from erbm_map.fmt import UNIT_SUFFIX, fmt_eur, fmt_value
from erbm_map.labels import Labels
from erbm_map.printouts.model import Block, Line


def _cell(row: pd.Series, column: str) -> str:
    """A cell as text, empty when the column does not exist or the cell is blank."""
    value = row.get(column, "")
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def _amount(row: pd.Series) -> str:
    value = pd.to_numeric(row.get("montant_eur"), errors="coerce")
    if pd.isna(value):
        return ""
    unit = _cell(row, "unit")
    return fmt_value(float(value), unit) if unit in UNIT_SUFFIX else fmt_eur(float(value))


def aid_text(row: pd.Series) -> str:
    """The aid in one sentence: the file's own wording, else label, amount, period, duration, conditions."""
    wording = _cell(row, "wording")
    if wording:
        return wording
    duration = _cell(row, "duration") or _cell(row, "duree")
    head = " ".join(p for p in (_amount(row), _cell(row, "periodicite"), duration) if p)
    conditions = _cell(row, "conditions")
    return f"{row['label']} : {head}" + (f" — {conditions}" if conditions else "")


def aid_date(row: pd.Series) -> str:
    """When the aid applies, if the file says it; the source (printed with the block) dates it otherwise."""
    valid_from = _cell(row, "valid_from")
    return Labels.SHEET_AID_FROM.format(date=valid_from) if valid_from else ""


def aid_block(
    bundle: Bundle, zones: list[str], title: str = Labels.AIDS, empty: str = Labels.AIDS_NONE
) -> Block:
    """The aids of some zones; the same aid in several zones is printed once with its zones."""
    rows = bundle.aides[bundle.aides["zone"].isin(zones)]
    grouped: dict[tuple[str, str], list[str]] = {}
    sources: list[str] = []
    for _, row in rows.iterrows():
        grouped.setdefault((aid_text(row), aid_date(row)), []).append(str(row["zone"]))
        if _cell(row, "source"):
            sources.append(_cell(row, "source"))
    many = len(set(zones)) > 1
    lines = tuple(
        Line((f"{', '.join(dict.fromkeys(z))} — " if many else "") + text, date)
        for (text, date), z in grouped.items()
    )
    return Block(
        "aids",
        title,
        lines,
        empty=empty,
        sources=tuple(Labels.SHEET_AIDS_SOURCE.format(source=s) for s in dict.fromkeys(sources)),
    )
