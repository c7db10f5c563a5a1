"""Compare two zoning vintages commune by commune.

Pure (no I/O) so that the dashboard and the import report share one definition of what
"gaining" or "losing" eligibility means. Eligibility to the physicians' installation
aids has three levels: full in ZIP, ZAC and ZAR; partial in a QPV (only the priority
neighbourhood is eligible, not the whole commune); none in HZ (hors zonage).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

#: Every zone code a vintage file may hold.
ZONES: frozenset[str] = frozenset({"ZIP", "ZAC", "ZAR", "QPV", "HZ"})
#: Zones that make the whole commune eligible.
ELIGIBLE_ZONES: frozenset[str] = frozenset({"ZIP", "ZAC", "ZAR"})
#: Zones that make part of the commune (its QPV) eligible.
PARTIAL_ZONES: frozenset[str] = frozenset({"QPV"})
#: The zone of a commune a vintage does not list (an official file lists zoned communes only).
DEFAULT_ZONE = "HZ"
#: What the dashboard's loader writes for communes outside the perimeter, whose zoning is
#: not loaded: nothing is known about them, so they are never reported as changed.
NOT_LOADED = "NR"

Eligibility = Literal["eligible", "partielle", "aucune"]
ChangeKind = Literal["gagne", "perd", "change"]

_LEVEL: dict[Eligibility, int] = {"aucune": 0, "partielle": 1, "eligible": 2}


def eligibility(zone: str) -> Eligibility:
    """Return the eligibility level of a zone code; unknown codes are a programming error."""
    if zone not in ZONES:
        raise ValueError(f"unknown zone code {zone!r}; expected one of {sorted(ZONES)}")
    if zone in ELIGIBLE_ZONES:
        return "eligible"
    if zone in PARTIAL_ZONES:
        return "partielle"
    return "aucune"


@dataclass(frozen=True, slots=True)
class ZoningChange:
    """One commune whose zone differs between two vintages.

    ``kind`` is ``"gagne"`` when the eligibility level rises (HZ -> QPV, QPV -> ZIP...),
    ``"perd"`` when it falls, ``"change"`` when the level is the same but the zone type
    differs (ZIP -> ZAC: still eligible, under another regime).
    """

    insee: str
    old_zone: str
    new_zone: str
    kind: ChangeKind
    old_eligibility: Eligibility
    new_eligibility: Eligibility


def zoning_changes(old: Mapping[str, str], new: Mapping[str, str]) -> list[ZoningChange]:
    """List the communes whose zone changed from ``old`` to ``new``, sorted by INSEE code.

    Both mappings go from INSEE code to zone code. A commune missing from one side counts
    as ``HZ``, the project's rule for communes an official file does not list, so that a
    commune entering or leaving the table is reported like any other change. A commune
    whose zone is ``NR`` (not loaded) on either side is left out: the dashboard can pass
    its whole zoning table, neighbours of the perimeter included.

    Raises:
        ValueError: a zone is not one of ``ZONES``.

    """
    changes: list[ZoningChange] = []
    for insee in sorted(set(old) | set(new)):
        before = old.get(insee, DEFAULT_ZONE)
        after = new.get(insee, DEFAULT_ZONE)
        if NOT_LOADED in (before, after):
            continue
        old_level, new_level = eligibility(before), eligibility(after)
        if before == after:
            continue
        if _LEVEL[new_level] > _LEVEL[old_level]:
            kind: ChangeKind = "gagne"
        elif _LEVEL[new_level] < _LEVEL[old_level]:
            kind = "perd"
        else:
            kind = "change"
        changes.append(ZoningChange(insee, before, after, kind, old_level, new_level))
    return changes
