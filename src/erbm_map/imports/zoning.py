"""Validate an official zoning file and turn it into a vintage of the perimeter.

Decisions, also stated in the report and in docs/imports.md:

* An official file is national or regional, so rows of communes outside the perimeter
  are expected: they are skipped and counted, not rejected, and their zone label is not
  even checked (another region's labels are not ours to judge).
* A malformed or impossible INSEE code, an unknown zone label, and a commune listed
  twice with different zones are fatal: nothing is written and the exit status is 2.
  A commune listed twice with the same zone is skipped as a harmless repetition.
* An official file lists zoned communes only, so every perimeter commune it does not
  list is stored as ``HZ`` (hors zonage); the vintage always has one row per commune.
* A file that lists no commune of the perimeter at all is refused: it is almost
  certainly the wrong file, and importing it would mark the whole basin ``HZ``.
* A 4-digit code that begins a perimeter code ("5917") was cut, not stripped of its
  leading zero: it is fatal instead of becoming "05917", outside the perimeter.
* Safety interlocks (``interlocks``): a valid file is still written only with
  ``--confirm`` when it would change the eligibility of more than 10 % of the
  perimeter's communes, ends inside a record, or lists far fewer communes than the
  previous vintage. Each is what a truncated or wrong file looks like.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from erbm_map.core.domain import Domain
from erbm_map.core.zoning_changes import ZoningChange
from erbm_map.imports.headers import INSEE_COLUMN, ColumnSpec, Table
from erbm_map.imports.normalise import (
    InvalidValue,
    code_prefixes,
    cut_code,
    normalise_insee,
    normalise_zone,
)
from erbm_map.imports.report import ImportReport

HEADER = ("insee", "zone", "source")

ZONE_COLUMN = ColumnSpec(
    "zone",
    "zonage",
    aliases=(
        "zonage",
        "zonage medecins",
        "zonage medecins generalistes",
        "type de zone",
        "qualification",
        "qualification de la zone",
        "zone",
    ),
)
SPECS = (INSEE_COLUMN, ZONE_COLUMN)

SKIP_OUTSIDE = "hors périmètre"
SKIP_BLANK = "lignes vides"
#: Share of the perimeter's communes whose eligibility may change without ``--confirm``.
MAX_ELIGIBILITY_CHANGE = 0.10
#: A file listing fewer communes than this share of the previous vintage needs ``--confirm``.
MIN_LISTED_SHARE = 0.5
#: Marks, in the source column, a commune the official file did not list.
ABSENT_MARK = "absente du fichier"
CUT_CODE_HINT = "code tronqué ? Les 4 premiers chiffres d'une commune du périmètre"


@dataclass(frozen=True, slots=True)
class ZoningResult:
    """Zone of every perimeter commune, and which of them the file actually listed."""

    zones: dict[str, str]
    listed: frozenset[str]


def validate_zoning(
    table: Table, perimeter: Mapping[str, str], report: ImportReport, domain: Domain
) -> ZoningResult:
    """Check every row of ``table``; record counts and rejections in ``report``."""
    found: dict[str, tuple[str, int]] = {}
    prefixes = code_prefixes(perimeter)
    report.rows_read = len(table.rows)
    for line, cells in table.rows:
        if not any(cells.values()):
            report.skip(SKIP_BLANK)
            continue
        try:
            insee = normalise_insee(cells["insee"])
        except InvalidValue as exc:
            report.reject(line, exc.reason, exc.value, exc.hint)
            continue
        if cut_code(cells["insee"], prefixes):
            report.reject(line, "code INSEE incomplet", cells["insee"], CUT_CODE_HINT)
            continue
        if insee not in perimeter:
            report.skip(SKIP_OUTSIDE)
            continue
        try:
            zone = normalise_zone(cells["zone"], domain)
        except InvalidValue as exc:
            report.reject(line, exc.reason, exc.value, exc.hint)
            continue
        report.keep_first(
            found,
            insee,
            zone,
            line,
            insee,
            lambda first, at, zone=zone: f"déjà en {first} ligne {at}, ici {zone}",
        )
    if report.ok and not found:
        report.reject(
            None,
            "aucune commune du périmètre",
            hint="le fichier ne liste aucune commune du bassin minier : mauvais fichier ?",
        )
    if report.skipped.get(SKIP_OUTSIDE):
        report.notes.append(
            "Les lignes hors périmètre sont ignorées (sans contrôle de leur zone) : un "
            "fichier officiel national ou régional liste aussi les autres communes."
        )
    if not report.ok:
        report.notes.append(
            "Un code INSEE invalide, un libellé de zone inconnu ou une commune présente deux "
            "fois avec des zones différentes bloque tout l'import : corrigez le fichier."
        )
    zones = {insee: found[insee][0] if insee in found else domain.default_zone for insee in perimeter}
    return ZoningResult(zones, frozenset(found))


def zoning_rows(result: ZoningResult, source: str) -> list[tuple[str, str, str]]:
    """Rows of the vintage file, sorted by INSEE code; absent communes say why they are HZ."""
    absent = f"{source} (absente du fichier : hors zonage)"
    return [
        (insee, zone, source if insee in result.listed else absent)
        for insee, zone in sorted(result.zones.items())
    ]


def listed_count(rows: Mapping[str, str]) -> int:
    """Communes a stored vintage's official file listed (source -> not marked absent)."""
    return sum(1 for source in rows.values() if ABSENT_MARK not in source)


def interlocks(
    result: ZoningResult,
    table: Table,
    perimeter_size: int,
    changes: list[ZoningChange] | None,
    previous_listed: int | None,
) -> list[str]:
    """Why this valid file still needs ``--confirm``; empty when it does not.

    ``changes`` and ``previous_listed`` describe the previous vintage (None without one).
    Each message gives the counts the planner checks in the dry run.
    """
    reasons = []
    if table.cut_at is not None:
        reasons.append(
            f"le fichier se termine au milieu de la ligne {table.cut_at} (pas de saut de ligne final, "
            "cellules manquantes) : fichier tronqué ?"
        )
    if changes is not None and perimeter_size:
        moved = sum(1 for change in changes if change.kind != "change")
        if moved > MAX_ELIGIBILITY_CHANGE * perimeter_size:
            reasons.append(
                f"l'éligibilité change pour {moved} communes sur {perimeter_size} "
                f"({moved / perimeter_size:.0%}, seuil {MAX_ELIGIBILITY_CHANGE:.0%})".replace("%", " %")
            )
    if previous_listed and len(result.listed) < MIN_LISTED_SHARE * previous_listed:
        reasons.append(
            f"le fichier liste {len(result.listed)} communes du périmètre contre {previous_listed} "
            "pour le millésime précédent"
        )
    return reasons
