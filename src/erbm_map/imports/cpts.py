"""Validate a file of CPTS perimeters (one row per CPTS and commune).

Unlike a zoning file, a CPTS file is made for the basin, so a commune outside the
perimeter is an error, not an expected row: it is fatal. A commune is in one CPTS at
most (the map colours communes by CPTS); a commune given to two CPTS is fatal, the same
pair given twice is skipped. A row with a commune code but no CPTS name says that the
commune has no CPTS: it is skipped and counted.
"""

from __future__ import annotations

from collections.abc import Mapping

from erbm_map.core.text import fold
from erbm_map.imports.headers import INSEE_COLUMN, ColumnSpec, Table
from erbm_map.imports.normalise import InvalidValue, clean_text, normalise_insee
from erbm_map.imports.report import ImportReport

HEADER = ("cpts_nom", "insee", "source")

NAME_COLUMN = ColumnSpec(
    "cpts_nom",
    "nom de la CPTS",
    aliases=("nom de la cpts", "nom cpts", "libelle cpts", "cpts", "nom de la communaute"),
    exact=("nom", "libelle", "intitule"),
)
SPECS = (NAME_COLUMN, INSEE_COLUMN)

SKIP_BLANK = "lignes vides"
SKIP_NO_CPTS = "communes sans CPTS"


def validate_cpts(table: Table, perimeter: Mapping[str, str], report: ImportReport) -> dict[str, str]:
    """Return INSEE code -> CPTS name; record counts and rejections in ``report``."""
    found: dict[str, tuple[str, int]] = {}
    spellings: dict[str, set[str]] = {}
    report.rows_read = len(table.rows)
    for line, cells in table.rows:
        if not any(cells.values()):
            report.skip(SKIP_BLANK)
            continue
        name = clean_text(cells["cpts_nom"])
        try:
            insee = normalise_insee(cells["insee"])
        except InvalidValue as exc:
            report.reject(line, exc.reason, exc.value, exc.hint)
            continue
        if insee not in perimeter:
            report.reject(line, "code hors périmètre", insee, "commune hors du bassin minier")
            continue
        if not name:
            report.skip(SKIP_NO_CPTS)
            continue
        if report.keep_first(
            found, insee, name, line, insee, lambda first, at: f"déjà dans « {first} » ligne {at}"
        ):
            spellings.setdefault(fold(name), set()).add(name)
    if report.ok and not found:
        report.reject(None, "fichier vide", hint="aucune commune rattachée à une CPTS")
    for variants in spellings.values():
        if len(variants) > 1:
            shown = " / ".join(f"« {v} »" for v in sorted(variants))
            report.notes.append(f"Attention : une même CPTS semble écrite de plusieurs façons : {shown}")
    return {insee: name for insee, (name, _) in found.items()}


def cpts_rows(found: Mapping[str, str], source: str) -> list[tuple[str, str, str]]:
    """Rows of cpts.csv (cpts_nom, insee, source), sorted by INSEE code then CPTS name."""
    return sorted(
        ((name, insee, source) for insee, name in found.items()),
        key=lambda row: (row[1], row[0]),
    )
