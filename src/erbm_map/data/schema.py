"""The shape every data file must have, declared once.

The loader checks each file against these declarations, so a hand-edited CSV
with a typo fails at start-up with the file, row and problem named, instead of
showing wrong figures on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

# Zone codes, editions and establishment categories are data: see erbm_map.domain.
UNITS: tuple[str, ...] = ("count", "EUR", "EUR/year", "percent", "inhabitants")
CONTRACT_TYPES: tuple[str, ...] = ("CLS", "CLSM", "ASV")
#: Whether the two editions of a figure measure the same thing (see data/README.md, pair model).
COMPARE: tuple[str, ...] = ("same", "different")
#: How often an aid is paid: the unit is part of the amount and is never dropped.
AID_UNITS: tuple[str, ...] = ("unique", "par mois", "par an")


@dataclass(frozen=True)
class TableSpec:
    """A CSV file: its path relative to the data directory and its required columns."""

    path: str
    columns: tuple[str, ...]
    #: Columns that must be filled on every row.
    required: tuple[str, ...] = ()
    #: Columns whose values must be numbers when filled.
    numeric: tuple[str, ...] = ()


MARKER_SHAPES: tuple[str, ...] = ("circle", "square", "diamond")
LINESTYLES: tuple[str, ...] = ("solid", "dashed", "dotted")
SYMBOLS = TableSpec(
    "sources/symbols.csv",
    ("key", "kind", "letter", "shape", "color", "line", "linestyle", "width", "hatch", "source"),
    required=("key", "kind", "source"),
    numeric=("width",),
)
PERIMETER = TableSpec(
    "sources/perimetre_bassin_minier.csv",
    ("insee", "nom", "departement", "epci_siren", "epci_nom"),
    required=("insee", "nom", "departement", "epci_siren", "epci_nom"),
)
THEMES = TableSpec("sources/themes.csv", ("slug", "label", "order", "source"), required=("slug", "label"))
ZONE_TABLE = TableSpec(
    "sources/zones.csv",
    (
        "code",
        "label",
        "short_label",
        "description",
        "color",
        "pattern",
        "eligibility",
        "role",
        "spellings",
        "source",
    ),
    required=("code", "label", "description", "color"),
)
EDITION_TABLE = TableSpec(
    "sources/editions.csv",
    ("edition", "label", "period", "color", "citation", "source"),
    required=("edition", "label", "period", "color", "citation", "source"),
)
#: What a doctor settling in a zone can claim (empty for the not-loaded marker).
ELIGIBILITY = ("eligible", "partielle", "aucune", "")
ZONE_ROLES = ("par-defaut", "non-charge", "")
INDICATORS = TableSpec(
    "indicators.csv",
    (
        "id",
        "theme",
        "label",
        "value",
        "unit",
        "qualifier",
        "edition",
        "territory",
        "source",
        "note",
        "compare",
        "compare_reason",
    ),
    required=("id", "theme", "label", "value", "unit", "edition", "source"),
    numeric=("value",),
)
CONTRACTS = TableSpec(
    "sources/contracts.csv",
    ("contract_id", "type", "edition", "label", "epci_siren", "epci_nom", "source", "note"),
    required=("contract_id", "type", "edition", "label", "source"),
)
AIDES = TableSpec(
    "sources/aides.csv",
    (
        "id",
        "zone",
        "label",
        "montant_eur",
        "unite",
        "precision",
        "duree",
        "valid_from",
        "edition",
        "conditions",
        "libelle_brochure",
        "source",
        "note",
    ),
    required=(
        "id",
        "zone",
        "label",
        "montant_eur",
        "unite",
        "valid_from",
        "edition",
        "libelle_brochure",
        "source",
    ),
    numeric=("montant_eur",),
)
ESTABLISHMENTS = TableSpec(
    "communes/establishments.csv",
    (
        "id",
        "nom",
        "categorie",
        "theme",
        "insee",
        "commune",
        "editions",
        "montant_eur",
        "description",
        "source",
        "note",
        "lon",
        "lat",
        "precision",
    ),
    required=("id", "nom", "categorie", "theme", "editions", "source", "precision"),
    numeric=("montant_eur", "lon", "lat"),
)
IMPORTED_ESTABLISHMENTS = TableSpec(
    "sources/etablissements_import.csv",
    ("finess", "nom", "categorie", "insee", "lon", "lat", "precision", "source"),
    required=("nom", "categorie", "insee", "source"),
    numeric=("lon", "lat"),
)
CPTS = TableSpec("sources/cpts.csv", ("cpts_nom", "insee", "source"), required=("cpts_nom", "insee"))
ZONING_COLUMNS: tuple[str, ...] = ("insee", "zone", "source")
COMMUNE_PROPERTIES: tuple[str, ...] = (
    "insee",
    "nom",
    "departement",
    "epci_siren",
    "epci_nom",
    "population",
    "bassin_minier",
    "codes_postaux",
    "mairie_lon",
    "mairie_lat",
)
