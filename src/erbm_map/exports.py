"""What the CSV exports hold beyond the table, units and dates included.

The figures come with their pair verdict; each commune with the places its edition
cites and the dated aids of its zone.

Pure functions of the bundle; ``callbacks/exports.py`` and ``callbacks/figures.py`` send them.
"""

from __future__ import annotations

import pandas as pd

from erbm_map.data import Bundle
from erbm_map.data.places import cited_in
from erbm_map.fmt import UNIT_SUFFIX
from erbm_map.layout.aids import aid_lines, aid_notice
from erbm_map.layout.kpis import figure_text
from erbm_map.pairs import pairs


def indicator_rows(bundle: Bundle) -> pd.DataFrame:
    """Every figure with its printed value and, for a pair, the verdict of ``pairs.judge``."""
    table = bundle.indicators
    verdicts = {stem: pair.verdict for stem, pair in pairs(table).items()}
    return pd.DataFrame(
        {
            "identifiant": table["id"],
            "theme": table["theme"],
            "edition": table["edition"],
            "libelle": table["label"],
            "valeur": table["value"],
            "unite": table["unit"].map(UNIT_SUFFIX).fillna(""),
            "precision": table["qualifier"],
            "valeur_affichee": [
                figure_text(q, v, u)
                for q, v, u in zip(table["qualifier"], table["value"], table["unit"], strict=True)
            ],
            "territoire": table["territory"],
            "comparaison": [verdicts[s].text if s in verdicts else "" for s in table["stem"]],
            "raison": [verdicts[s].reason if s in verdicts else "" for s in table["stem"]],
            "source": table["source"],
            "note": table["note"],
        }
    )


def places_by_commune(bundle: Bundle, edition: str) -> pd.Series:
    """INSEE code -> « name ; name » of the places the edition cites there."""
    places = cited_in(bundle.establishments, edition).sort_values("nom")
    return places.groupby("insee")["nom"].agg(" ; ".join)


def aids_by_zone(bundle: Bundle) -> dict[str, tuple[str, str]]:
    """Zone code -> (aid lines with units, « announced … from … ; source … »)."""
    found = {}
    for zone in bundle.zones.index:
        lines = aid_lines(bundle, str(zone))
        if lines:
            found[str(zone)] = (" ; ".join(line.text for line in lines), " ".join(aid_notice(lines)))
    return found
