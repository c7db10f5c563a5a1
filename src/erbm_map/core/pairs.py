"""The pair model: whether and how a figure printed in both editions is compared.

``data/indicators.csv`` says, for each figure present in both brochures, whether the
two editions measure the same thing (``compare`` = ``same``) or not (``different``)
and why (``compare_reason``). :func:`judge` is the one rule every screen calls: the
figures panel, the indicator sheet, the presentation's chapters and closing table,
the charts and the exports. A change (« +7 % », « ×4,4 ») exists only for ``same``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from erbm_map.core.fmt import NNBSP, fmt_number
from erbm_map.core.labels import Labels

#: Above this ratio a change reads better as « ×4,4 » than as « +344 % ».
RATIO_FROM = 2.0
MINUS = "\u2212"
SAME = "same"


@dataclass(frozen=True)
class Verdict:
    """What may be said about a pair: a change, or why there is none."""

    comparable: bool
    delta: str
    """« +7 % », « ×4,4 », « stable »; empty when the two editions do not compare."""
    approximate: bool
    """A hedge (« plus de », « près de ») on either value: the change is then indicative."""
    reason: str

    @property
    def text(self) -> str:
        """The words shown beside the two values: the change, or « mesures différentes : … »."""
        if not self.comparable:
            return Labels.PAIR_DIFFERENT.format(reason=self.reason)
        return f"{Labels.PAIR_APPROX} {self.delta}" if self.approximate else self.delta


@dataclass(frozen=True)
class Pair:
    """The two editions of one figure, each with its own label, unit and hedge."""

    stem: str
    old: Mapping
    new: Mapping

    @property
    def verdict(self) -> Verdict:
        """:func:`judge` of the pair."""
        return judge(self.old, self.new)


def change_label(before: float, after: float) -> str:
    """« stable », « +7 % », « −23 % » or « ×4,4 », computed from two values of one measure."""
    if before == after:
        return Labels.PAIR_STABLE
    if before == 0:
        return "—"
    ratio = after / before
    if ratio >= RATIO_FROM:
        return f"×{fmt_number(ratio, 1)}"
    percent = round(100 * (ratio - 1))
    if percent == 0:
        return Labels.PAIR_STABLE
    sign = "+" if percent > 0 else MINUS
    return f"{sign}{fmt_number(abs(percent))}{NNBSP}%"


def judge(old: Mapping, new: Mapping) -> Verdict:
    """The one decision: a change only when the data says ``same`` and the units agree.

    ``old`` and ``new`` are indicator rows (2019 then 2024). The loader already refuses a
    ``same`` pair with two units; the unit test here is a second lock, not the rule.
    """
    reason = str(old.get("compare_reason") or new.get("compare_reason") or "")
    same = old.get("compare") == SAME and new.get("compare") == SAME and old["unit"] == new["unit"]
    if not same:
        return Verdict(comparable=False, delta="", approximate=False, reason=reason)
    return Verdict(
        comparable=True,
        delta=change_label(float(old["value"]), float(new["value"])),
        approximate=bool(old.get("qualifier") or new.get("qualifier")),
        reason=reason,
    )


def pairs(indicators: pd.DataFrame) -> dict[str, Pair]:
    """Every stem printed in two editions or more, its oldest against its newest, in file order.

    Edition keys are years, so their order is the brochures' order.
    """
    found: dict[str, dict[str, Mapping]] = {}
    for _, row in indicators.iterrows():
        found.setdefault(str(row["stem"]), {})[str(row["edition"])] = row
    return {
        stem: Pair(stem, editions[min(editions)], editions[max(editions)])
        for stem, editions in found.items()
        if len(editions) > 1
    }
