"""Run one import end to end: read, validate everything, report, then (maybe) write.

Nothing is written unless the whole file is valid and the app's own loader accepts the
data directory the import would leave (``loadcheck``), and nothing is written in a dry
run: the single call to ``writer.store`` comes after every check. A real import holds the
data directory's lock from its first read of the project's files to its last write, and
writes the data version stamp last, which tells a running app to reload. Exit statuses:
0 success, 1 I/O error (file missing or unreadable, data directory not writable, another
import running), 2 invalid file.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from erbm_map.core import paths
from erbm_map.core.clitext import os_error_fr
from erbm_map.core.domain import Domain
from erbm_map.core.zoning_changes import ZoningChange, zoning_changes
from erbm_map.data.dataversion import ensure_stamp, write_stamp
from erbm_map.data.loader import load_domain
from erbm_map.imports import cpts, establishments, sources, zoning
from erbm_map.imports.headers import ColumnSpec, Table, locate_table
from erbm_map.imports.loadcheck import loader_rejection
from erbm_map.imports.normalise import InvalidValue, parse_vintage, vintage_from_filename
from erbm_map.imports.reading import read_file
from erbm_map.imports.report import (
    EXIT_INVALID,
    EXIT_IO_ERROR,
    EXIT_OK,
    ImportFailure,
    ImportReport,
    Rejection,
)
from erbm_map.imports.writer import ImportBusy, import_lock, render_csv, source_label, store

#: Changed communes listed one by one in the zoning report.
MAX_LISTED_CHANGES = 30
RELOAD_NOTE = (
    "L'application en cours d'exécution affichera ces données d'elle-même d'ici quelques "
    "secondes, sans redémarrage."
)
RESIGNAL_NOTE = (
    "Le signal de rechargement ne correspondait pas à ces données (import précédent "
    "interrompu ?) : il a été renvoyé. " + RELOAD_NOTE
)
BUSY = (
    "Un autre import est en cours sur ce dossier de données : attendez qu'il se termine, "
    "puis relancez cette commande."
)


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """What every import takes; ``base`` is the data directory (tests use a copy).

    ``today`` dates the ``source`` column and ``now`` the archive names; both default to
    the current time and exist so that tests can fix them.
    """

    file: Path
    source: str | None = None
    dry_run: bool = False
    base: Path | None = None
    today: date | None = None
    now: datetime | None = None
    #: Column key -> header chosen by the planner with ``--column`` (ambiguous files).
    columns: tuple[tuple[str, str], ...] = ()

    def source_text(self) -> str:
        """Return the ``source`` value of the written rows."""
        day = (self.today or date.today()).isoformat()
        return source_label(self.file.name, day, self.source)


@dataclass(frozen=True, slots=True)
class Plan:
    """The file an import would write, or why it must not even though the data is valid."""

    path: Path
    data: bytes
    rows: int
    blocked: str | None = None


Planner = Callable[[Table, Mapping[str, str], ImportReport], Plan]


def _display(path: Path, base: Path | None) -> str:
    """Path relative to the data directory's parent when possible, for a shorter report."""
    root = (base or paths.data_dir()).parent
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _execute(
    report: ImportReport,
    options: ImportOptions,
    specs: Sequence[ColumnSpec],
    planner: Planner,
    out: TextIO | None,
    err: TextIO | None,
) -> int:
    """Run the common sequence of every import; see the module docstring."""
    if options.dry_run:
        return _run(report, options, specs, planner, out, err)
    try:
        with import_lock(options.base):
            return _run(report, options, specs, planner, out, err)
    except ImportBusy:
        report.fatal = Rejection(None, "import déjà en cours", hint="un seul import à la fois")
        report.notes.append(BUSY)
        return _finish(report, EXIT_IO_ERROR, out, err)
    except OSError as exc:
        report.fatal = Rejection(None, "dossier de données inaccessible", hint=os_error_fr(exc))
        return _finish(report, EXIT_IO_ERROR, out, err)


def _run(
    report: ImportReport,
    options: ImportOptions,
    specs: Sequence[ColumnSpec],
    planner: Planner,
    out: TextIO | None,
    err: TextIO | None,
) -> int:
    """Read, validate, plan, then write unless this is a dry run or the plan is blocked."""
    try:
        perimeter = sources.perimeter(options.base)
        table = locate_table(read_file(options.file), specs, dict(options.columns))
        report.details.append(f"format : {table.description}")
        report.details.append(f"en-tête : ligne {table.header_line}")
        report.details.append(
            "colonnes : " + ", ".join(f"{key} ← « {h} »" for key, h in table.headers.items())
        )
        plan = planner(table, perimeter, report)
    except ImportFailure as exc:
        report.fatal = exc.rejection
        return _finish(report, exc.exit_code, out, err)
    if not report.ok:
        return _finish(report, EXIT_INVALID, out, err)
    shown = _display(plan.path, options.base)
    if plan.blocked:
        report.notes.append(plan.blocked)
        return _finish(report, EXIT_INVALID, out, err)
    unloadable = loader_rejection(options.base, plan.path, plan.data)
    if unloadable is not None:
        report.fatal = unloadable
        return _finish(report, EXIT_INVALID, out, err)
    if options.dry_run:
        report.notes.append(
            f"Simulation (--dry-run) : rien n'a été écrit. Un import réel écrirait {shown} "
            f"({plan.rows} lignes)."
        )
        return _finish(report, EXIT_OK, out, err)
    return _finish(report, _write(report, options, plan, shown), out, err)


def _write(report: ImportReport, options: ImportOptions, plan: Plan, shown: str) -> int:
    """Write a checked plan (the previous file archived), then signal the app; the exit code."""
    try:
        outcome = store(plan.path, plan.data, options.base, options.now)
    except OSError as exc:
        report.notes.append(f"Erreur d'écriture de {shown} : {os_error_fr(exc)}")
        return EXIT_IO_ERROR
    if outcome.unchanged:
        report.notes.append(f"{shown} contient déjà exactement ces données : rien n'a changé.")
    else:
        report.notes.append(f"Import terminé : {shown} écrit ({plan.rows} lignes).")
    if outcome.archived is not None:
        report.notes.append(f"Version précédente archivée : {_display(outcome.archived, options.base)}")
    try:
        # Idempotent: identical data still gets a signal when the last one does not match
        # it (an import killed between its swap and its signal).
        signalled = write_stamp(options.base) if not outcome.unchanged else ensure_stamp(options.base)
    except OSError as exc:
        report.notes.append(
            f"Données écrites, mais le signal de rechargement n'a pas pu l'être ({os_error_fr(exc)}) : "
            "redémarrez l'application pour les afficher."
        )
        return EXIT_IO_ERROR
    if signalled:
        report.notes.append(RELOAD_NOTE if not outcome.unchanged else RESIGNAL_NOTE)
    return EXIT_OK


def _finish(report: ImportReport, code: int, out: TextIO | None, err: TextIO | None) -> int:
    """Print the report on stdout and, for a failure, the outcome on stderr."""
    print(report.render(), file=out or sys.stdout)
    if code == EXIT_INVALID:
        print("Import refusé : aucun fichier n'a été modifié (code 2).", file=err or sys.stderr)
    elif code == EXIT_IO_ERROR:
        print("Erreur d'entrée/sortie : import interrompu (code 1).", file=err or sys.stderr)
    return code


# --- zoning -----------------------------------------------------------------------------


def _resolve_vintage(file: Path, vintage: str | int | None) -> int:
    if vintage is not None:
        return parse_vintage(str(vintage))
    found = vintage_from_filename(file.name)
    if found is None:
        raise InvalidValue(
            "millésime manquant", file.name, "indiquez --vintage AAAA (aucune année dans le nom)"
        )
    return found


def _zoning_notes(
    result: zoning.ZoningResult,
    report: ImportReport,
    perimeter: Mapping[str, str],
    previous: tuple[int, dict[str, str]] | None,
    domain: Domain,
) -> list[ZoningChange] | None:
    """Add the zoning counts to the report; return the changes from ``previous`` (if any)."""
    absent = len(result.zones) - len(result.listed)
    if absent:
        report.notes.append(
            f"Communes du périmètre absentes du fichier : {absent}, enregistrées "
            f"{domain.zone(domain.default_zone).label} ({domain.default_zone}) : un fichier "
            "officiel ne liste que les communes zonées."
        )
    counts = Counter(result.zones.values())
    report.notes.append("Répartition : " + ", ".join(f"{z} {counts[z]}" for z in domain.vintage_codes))
    if previous is None:
        return None
    year, old = previous
    try:
        changes = zoning_changes(old, result.zones, domain)
    except ValueError:
        report.notes.append(f"Comparaison avec {year} impossible : zones inconnues dans ce fichier.")
        return None
    kinds = Counter(change.kind for change in changes)
    report.notes.append(
        f"Changements par rapport à {year} : {len(changes)} commune(s) (gagne : "
        f"{kinds['gagne']}, perd : {kinds['perd']}, change : {kinds['change']})"
    )
    for change in changes[:MAX_LISTED_CHANGES]:
        name = perimeter.get(change.insee, "")
        report.notes.append(
            f"  {change.insee} {name} : {change.old_zone} → {change.new_zone} ({change.kind})"
        )
    if len(changes) > MAX_LISTED_CHANGES:
        report.notes.append(f"  … et {len(changes) - MAX_LISTED_CHANGES} autre(s)")
    return changes


def _previous_vintage(year: int, base: Path | None) -> tuple[int, dict[str, str], int] | None:
    """Pick the vintage to compare with: the one being replaced, else the latest earlier.

    Returns (year, zone by INSEE code, communes its official file listed).
    """
    existing = sources.vintages(base)
    candidates = [v for v in existing if v == year] or [v for v in existing if v < year]
    if not candidates:
        return None
    try:
        rows = sources.read_vintage_rows(candidates[-1], base)
    except ImportFailure:
        return None
    zones = {insee: zone for insee, (zone, _) in rows.items()}
    listed = zoning.listed_count({insee: source for insee, (_, source) in rows.items()})
    return candidates[-1], zones, listed


def import_zoning(
    options: ImportOptions,
    vintage: str | int | None = None,
    replace: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
    confirm: bool = False,
) -> int:
    """``erbm-map import zonage``: store an official zoning file as a new vintage.

    The vintage comes from ``vintage`` or else from a year in the file name. An existing
    vintage is refused (exit 2) unless ``replace``; it is then archived before being
    replaced. A file that trips a safety interlock (``zoning.interlocks``) is written
    only with ``confirm``. See ``erbm_map.imports.zoning`` for what is skipped and what
    is fatal.
    """
    report = ImportReport(f"Import du zonage : {options.file.name}")
    try:
        year = _resolve_vintage(options.file, vintage)
    except InvalidValue as exc:
        report.fatal = Rejection(None, exc.reason, exc.value, exc.hint)
        return _finish(report, EXIT_INVALID, out, err)
    report.details.append(f"millésime : {year}")

    def plan(table: Table, perimeter: Mapping[str, str], rep: ImportReport) -> Plan:
        domain = load_domain(options.base)
        result = zoning.validate_zoning(table, perimeter, rep, domain)
        path = sources.vintage_path(year, options.base)
        if not rep.ok:
            return Plan(path, b"", 0)
        previous = _previous_vintage(year, options.base)
        changes = _zoning_notes(result, rep, perimeter, previous[:2] if previous else None, domain)
        rows = zoning.zoning_rows(result, options.source_text())
        reasons = zoning.interlocks(result, table, len(perimeter), changes, previous[2] if previous else None)
        blocked = None
        if path.exists() and not replace:
            blocked = (
                f"Le millésime {year} existe déjà ({_display(path, options.base)}) : "
                "ajoutez --replace pour le remplacer (l'ancien sera archivé)."
            )
        if reasons:
            rep.notes.append("Vérifications de sécurité :")
            rep.notes.extend(f"  - {reason}" for reason in reasons)
            if confirm:
                rep.notes.append("  confirmé par --confirm.")
            elif blocked is None:
                blocked = (
                    "Import suspendu par sécurité : relisez ce rapport (--dry-run), puis relancez "
                    "avec --confirm si ces chiffres sont attendus."
                )
        return Plan(path, render_csv(zoning.HEADER, rows), len(rows), blocked)

    return _execute(report, options, zoning.SPECS, plan, out, err)


def import_cpts(options: ImportOptions, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """``erbm-map import cpts``: replace ``cpts.csv`` (the old one is archived)."""
    report = ImportReport(f"Import des CPTS : {options.file.name}")

    def plan(table: Table, perimeter: Mapping[str, str], rep: ImportReport) -> Plan:
        found = cpts.validate_cpts(table, perimeter, rep)
        rows = cpts.cpts_rows(found, options.source_text())
        path = paths.sources_dir(options.base) / sources.CPTS_FILE
        if rep.ok:
            rep.notes.append(f"CPTS : {len(set(found.values()))}, communes couvertes : {len(found)}")
        return Plan(path, render_csv(cpts.HEADER, rows), len(rows))

    return _execute(report, options, cpts.SPECS, plan, out, err)


def import_establishments(
    options: ImportOptions, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """``erbm-map import etablissements``: replace ``etablissements_import.csv``."""
    report = ImportReport(f"Import des établissements : {options.file.name}")

    def plan(table: Table, perimeter: Mapping[str, str], rep: ImportReport) -> Plan:
        records = establishments.validate_establishments(table, perimeter, rep)
        rows = establishments.establishment_rows(records, options.source_text())
        path = paths.sources_dir(options.base) / sources.ESTABLISHMENTS_FILE
        if rep.ok:
            placed = sum(1 for record in records if record[6] == "adresse")
            rep.notes.append(
                f"Localisés à l'adresse : {placed} ; à la mairie (sans coordonnées) : {len(records) - placed}"
            )
        return Plan(path, render_csv(establishments.HEADER, rows), len(rows))

    return _execute(report, options, establishments.SPECS, plan, out, err)
