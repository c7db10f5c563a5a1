"""Validate a FINESS-like extract of establishments.

Decisions, also stated in docs/imports.md:

* A FINESS extract is departmental or regional, so establishments of communes outside
  the perimeter are skipped and counted, as for zoning; malformed codes are fatal.
* The category must map to sanitaire, medico-social or dispositif (see
  ``normalise_category``); anything else is fatal rather than guessed.
* FINESS splits the commune code into ``departement`` + 3-digit ``commune``: when the
  code has 3 digits or fewer and a département column exists, both are joined.
* Coordinates are optional. With them the establishment is placed at its address
  (``precision`` "adresse"), without them at the town hall ("commune").
* Duplicates are found by FINESS number, or by name + commune + category when the
  number is missing: an identical repetition is skipped, a conflicting one is fatal.
"""

from __future__ import annotations

from collections.abc import Mapping

from erbm_map.core.text import fold
from erbm_map.imports.coordinates import locate
from erbm_map.imports.headers import INSEE_COLUMN, ColumnSpec, Table
from erbm_map.imports.normalise import (
    InvalidValue,
    clean_text,
    normalise_category,
    normalise_finess,
    normalise_insee,
)
from erbm_map.imports.report import ImportReport

#: Most establishments one import may store. Each is a marker of the map GeoJSON and a
#: row of every worker's reload: 50,000 made a 12.4 MB GeoJSON and 31 s reloads (issue
#: 18); at this ceiling the app loads its data in about twice its time without imports
#: (measured figures in docs/imports.md). A regional extract of one kind fits.
MAX_IMPORTED = 5_000

HEADER = ("finess", "nom", "categorie", "insee", "lon", "lat", "precision", "source")
Record = tuple[str, str, str, str, str, str, str]

SPECS = (
    ColumnSpec(
        "nom",
        "nom (raison sociale)",
        aliases=(
            "raison sociale",
            "nom de l etablissement",
            "nom etablissement",
            "denomination",
            "libelle etablissement",
        ),
        exact=("rslongue", "rs", "nom", "libelle"),
    ),
    ColumnSpec(
        "categorie",
        "catégorie",
        aliases=(
            "libelle categorie",
            "libcategetab",
            "libelle categorie etablissement",
            "categorie etablissement",
            "categorie",
        ),
        exact=("type",),
    ),
    ColumnSpec("insee", INSEE_COLUMN.label, INSEE_COLUMN.aliases, (*INSEE_COLUMN.exact, "commune")),
    ColumnSpec(
        "finess",
        "numéro FINESS",
        aliases=("nofinesset", "finess et", "numero finess", "n finess", "finess"),
        required=False,
    ),
    ColumnSpec(
        "departement",
        "département",
        aliases=("code departement",),
        exact=("departement", "dep", "dept", "code dep"),
        required=False,
    ),
    ColumnSpec("lon", "longitude", ("longitude",), ("lon", "lng", "long"), required=False),
    ColumnSpec("lat", "latitude", ("latitude",), ("lat",), required=False),
    ColumnSpec("x", "X Lambert-93", ("coordxet", "x lambert 93", "coordonnee x", "coord x"), ("x",), False),
    ColumnSpec("y", "Y Lambert-93", ("coordyet", "y lambert 93", "coordonnee y", "coord y"), ("y",), False),
)

SKIP_OUTSIDE = "hors périmètre"
SKIP_BLANK = "lignes vides"


def _commune_code(cells: Mapping[str, str]) -> str:
    """Join FINESS's département and 3-digit commune number into an INSEE code."""
    code = "".join(cells["insee"].split())
    department = "".join(cells.get("departement", "").split()).upper()
    if department and code.isdigit() and len(code) <= 3:
        department = department.zfill(2) if department.isdigit() else department
        return department + code.zfill(3)
    return cells["insee"]


def _record(cells: Mapping[str, str], perimeter: Mapping[str, str]) -> Record | None:
    """Validate one row; None when it is outside the perimeter (skipped, not rejected)."""
    insee = normalise_insee(_commune_code(cells))
    if insee not in perimeter:
        return None
    name = clean_text(cells["nom"])
    if not name:
        raise InvalidValue("nom manquant")
    category = normalise_category(cells["categorie"])
    finess = normalise_finess(cells.get("finess", ""))
    point = locate(dict(cells))
    if point is None:
        return (finess, name, category, insee, "", "", "commune")
    lon, lat = point
    return (finess, name, category, insee, f"{lon:.6f}", f"{lat:.6f}", "adresse")


def validate_establishments(table: Table, perimeter: Mapping[str, str], report: ImportReport) -> list[Record]:
    """Return the valid records of the perimeter; record counts and rejections."""
    found: dict[tuple[str, ...], tuple[Record, int]] = {}
    report.rows_read = len(table.rows)
    for line, cells in table.rows:
        if not any(cells.values()):
            report.skip(SKIP_BLANK)
            continue
        try:
            record = _record(cells, perimeter)
        except InvalidValue as exc:
            report.reject(line, exc.reason, exc.value, exc.hint)
            continue
        if record is None:
            report.skip(SKIP_OUTSIDE)
            continue
        finess, name, category, insee = record[:4]
        key = ("finess", finess) if finess else ("nom", fold(name), insee, category)
        report.keep_first(
            found,
            key,
            record,
            line,
            finess or name,
            lambda _first, at: f"déjà ligne {at} avec d'autres valeurs",
        )
    if report.ok and not found:
        report.reject(None, "aucun établissement du périmètre")
    if len(found) > MAX_IMPORTED:
        report.reject(
            None,
            "trop d'établissements pour la carte",
            f"{len(found)} dans le périmètre",
            f"au plus {MAX_IMPORTED} par import (docs/imports.md) : importez un extrait plus ciblé",
        )
    if report.skipped.get(SKIP_OUTSIDE):
        report.notes.append(
            "Les établissements hors périmètre sont ignorés : un extrait FINESS couvre un "
            "département ou la région."
        )
    return [record for record, _ in found.values()]


def establishment_rows(records: list[Record], source: str) -> list[tuple[str, ...]]:
    """Rows of etablissements_import.csv, sorted by INSEE code, name, FINESS number."""
    ordered = sorted(records, key=lambda r: (r[3], r[1], r[0]))
    return [(*record, source) for record in ordered]
