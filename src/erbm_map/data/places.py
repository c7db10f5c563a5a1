"""Which establishments and schemes an edition cites.

``editions`` lists the brochures that cite a place (« 2019;2024 »). Places imported
from FINESS carry none: no brochure cites them, they are shown in every edition.
"""

from __future__ import annotations

import pandas as pd


def cited_mask(establishments: pd.DataFrame, edition: str) -> pd.Series:
    """True for the places the ``edition`` brochure cites (and for imported ones)."""
    editions = establishments["editions"].fillna("")
    return (editions == "") | editions.str.split(";").apply(lambda cited: edition in cited)


def cited_in(establishments: pd.DataFrame, edition: str) -> pd.DataFrame:
    """The rows of ``establishments`` that ``edition`` cites."""
    return establishments[cited_mask(establishments, edition)]


def places_by_commune(establishments: pd.DataFrame, edition: str) -> pd.Series:
    """INSEE code -> « name ; name » of the places the edition cites there."""
    places = cited_in(establishments, edition).sort_values("nom")
    return places.groupby("insee")["nom"].agg(" ; ".join)
