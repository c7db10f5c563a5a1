"""Checks of the pair model (indicators), run by the loader once the file's schema holds.

A figure printed in both editions says, in the data, whether the two measure the
same thing (``compare``) and why (``compare_reason``). The screens compute a change
only for ``same`` pairs, so a missing or contradictory verdict must stop the app at
start-up rather than let a ratio of two different measures reach an official. These
checks compare rows with each other, which a per-cell schema does not express.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from erbm_map.data import schema
from erbm_map.data.errors import DataError
from erbm_map.data.tables import line_of


def check_pairs(path: Path, indicators: pd.DataFrame) -> None:
    """Each stem in both editions carries one verdict and one reason; a lone figure carries none.

    ``indicators`` has a ``stem`` column. A ``same`` pair must share its unit: a change
    between « 350 000 € par an » and « 1 M€ » would be a ratio of two units.
    """
    editions = indicators.groupby("stem")["edition"].nunique()
    for position, row in enumerate(indicators.itertuples(index=False)):
        line = line_of(position)
        paired = editions[row.stem] > 1
        compare, reason = row.compare.strip(), row.compare_reason.strip()
        if not paired and (compare or reason):
            raise DataError(
                path, f"« compare » rempli pour « {row.id} », présent dans une seule édition", row=line
            )
        if paired and compare not in schema.COMPARE:
            raise DataError(
                path,
                f"« compare » doit valoir {' ou '.join(schema.COMPARE)} pour « {row.id} » (lu « {compare} »)",
                row=line,
            )
        if paired and not reason:
            raise DataError(path, f"« compare_reason » vide pour « {row.id} »", row=line)
    for stem, rows in indicators[indicators["stem"].map(editions) > 1].groupby("stem"):
        line = line_of(rows.index[-1])
        if rows["compare"].nunique() > 1 or rows["compare_reason"].nunique() > 1:
            raise DataError(path, f"les deux éditions de « {stem} » n'ont pas le même « compare »", row=line)
        if rows["compare"].iloc[0] == "same" and rows["unit"].nunique() > 1:
            raise DataError(
                path, f"« {stem} » : unités différentes, la paire ne peut pas être « same »", row=line
            )
