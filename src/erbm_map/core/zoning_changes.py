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

from erbm_map.core.domain import ELIGIBILITY_LEVELS, Domain, Eligibility

ChangeKind = Literal["gagne", "perd", "change"]


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


def zoning_changes(old: Mapping[str, str], new: Mapping[str, str], domain: Domain) -> list[ZoningChange]:
    """List the communes whose zone changed from ``old`` to ``new``, sorted by INSEE code.

    Both mappings go from INSEE code to zone code. A commune missing from one side counts
    as the domain's default zone (``HZ``), the project's rule for communes an official
    file does not list, so that a commune entering or leaving the table is reported like
    any other change. A commune whose zone is the not-loaded marker (``NR``) on either
    side is left out: the dashboard can pass
    its whole zoning table, neighbours of the perimeter included.

    Raises:
        ValueError: a zone is not one of the domain's zones.

    """
    changes: list[ZoningChange] = []
    for insee in sorted(set(old) | set(new)):
        before = old.get(insee, domain.default_zone)
        after = new.get(insee, domain.default_zone)
        if domain.not_loaded in (before, after):
            continue
        old_level, new_level = domain.eligibility(before), domain.eligibility(after)
        if before == after:
            continue
        if ELIGIBILITY_LEVELS.index(new_level) > ELIGIBILITY_LEVELS.index(old_level):
            kind: ChangeKind = "gagne"
        elif ELIGIBILITY_LEVELS.index(new_level) < ELIGIBILITY_LEVELS.index(old_level):
            kind = "perd"
        else:
            kind = "change"
        changes.append(ZoningChange(insee, before, after, kind, old_level, new_level))
    return changes
