"""How sure a reading of the brochures is, and which edition an amount belongs to, said once.

The brochures only exist as extracted text; some figures were re-attached to their caption
by reading the layout, and their ``note`` says so (« Lecture incertaine », « Lecture très
incertaine »). :func:`caveat` turns such a note into the short words every surface shows
beside the figure (panel, sheet, slides, report, export), so a reader never meets the bare
number. :func:`amount_for` says an establishment's amount with its purpose and brochure, and
only in a view of that brochure's edition.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from erbm_map.core.fmt import fmt_eur
from erbm_map.core.labels import Labels

#: The words a note opens with when the reading is uncertain; the stronger one first.
_STRONG = "très incertaine"
_WEAK = "incertaine"


def caveat(note: object) -> str:
    """« lecture très incertaine », « lecture incertaine », or ``""`` for a reading the note trusts.

    The note is the data's own statement (``indicators.csv``, ``contracts.csv``); the short
    form is derived here and nowhere else, so that every surface flags the same figures.
    """
    text = "" if note is None or (isinstance(note, float) and pd.isna(note)) else str(note).lower()
    if _STRONG in text:
        return str(Labels.CAVEAT_STRONG)
    if _WEAK in text:
        return str(Labels.CAVEAT)
    return ""


def with_caveat(value: str, row: Mapping) -> str:
    """« plus de 99 (lecture incertaine) » for a row whose ``caveat`` is set, else ``value``."""
    found = str(row.get("caveat") or "")
    return Labels.CAVEAT_OF.format(value=value, caveat=found) if found else value


def amount_for(row: Mapping, edition: str) -> str:
    """« 192 M€ pour la reconstruction du CH de Lens … (brochure 2019) », or ``""``.

    An establishment's amount (``montant_eur``) is printed by one brochure
    (``montant_edition``) for one purpose (``montant_objet``): a view of another edition
    shows no amount, since that brochure does not give it.
    """
    amount = pd.to_numeric(row.get("montant_eur"), errors="coerce")
    if pd.isna(amount) or str(row.get("montant_edition") or "") != str(edition):
        return ""
    return Labels.AMOUNT_FOR.format(
        amount=fmt_eur(float(amount)), purpose=row["montant_objet"], edition=row["montant_edition"]
    )
