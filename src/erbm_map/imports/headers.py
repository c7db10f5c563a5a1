"""Find the header row and the wanted columns of an official file.

Official files put title lines, a date or a logo caption above the table, order columns
freely and spell headers in many ways ("Code commune", "CODGEO", "INSEE_COM", "Code
INSEE"). A header row is the first row, within the first ``HEADER_SCAN_ROWS``, where
every required column is recognised. Headers are compared folded (no case, accents,
punctuation); an alias either matches a header exactly or, for aliases specific
enough, appears as whole words inside it ("Zonage médecins généralistes 2026").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from erbm_map.imports.normalise import fold
from erbm_map.imports.reading import DELIMITERS, RawFile, Row, parse_csv
from erbm_map.imports.report import ImportFailure, failure

#: Rows searched for the header: enough for a title block, short enough to stay fast.
HEADER_SCAN_ROWS = 30


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """A column an import needs, with the headers that name it.

    ``aliases`` (folded) match exactly or as whole words inside a header; ``exact``
    aliases are too generic for that ("com", "nom", "x") and must be the whole header.
    Earlier aliases win over later ones when several columns match.
    """

    key: str
    label: str
    aliases: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    required: bool = True


@dataclass(frozen=True, slots=True)
class Table:
    """The data rows below the header, cells picked by column key."""

    description: str
    header_line: int
    headers: dict[str, str]
    rows: list[tuple[int, dict[str, str]]]


def _score(header: str, spec: ColumnSpec) -> tuple[int, int] | None:
    """Rank how well a folded header names ``spec``: lower is better, None for no match."""
    if not header:
        return None
    for rank, alias in enumerate((*spec.aliases, *spec.exact)):
        if header == alias:
            return (0, rank)
    padded = f" {header} "
    for rank, alias in enumerate(spec.aliases):
        if f" {alias} " in padded:
            return (1, rank)
    return None


def match_columns(cells: Sequence[str], specs: Sequence[ColumnSpec]) -> dict[str, int]:
    """Map each spec key to the index of the best matching cell; a cell serves one spec.

    Specs are served in order, so the required ones listed first get their column
    before an optional one could take it.
    """
    folded = [fold(cell) for cell in cells]
    taken: set[int] = set()
    found: dict[str, int] = {}
    for spec in specs:
        best: tuple[tuple[int, int], int] | None = None
        for index, header in enumerate(folded):
            if index in taken:
                continue
            score = _score(header, spec)
            if score is not None and (best is None or (score, index) < best):
                best = (score, index)
        if best is not None:
            found[spec.key] = best[1]
            taken.add(best[1])
    return found


def find_header(rows: Sequence[Row], specs: Sequence[ColumnSpec]) -> tuple[int, dict[str, int]]:
    """Return (position in ``rows`` of the header, column index by key).

    Raises:
        ImportFailure: no row within the first rows names every required column; the
            message lists the missing columns of the most promising row.

    """
    required = {spec.key for spec in specs if spec.required}
    best: tuple[int, int, dict[str, int]] | None = None
    for position, (_, cells) in enumerate(rows[:HEADER_SCAN_ROWS]):
        found = match_columns(cells, specs)
        if required <= found.keys():
            return position, found
        hits = len(required & found.keys())
        if hits and (best is None or hits > best[0]):
            best = (hits, position, found)
    if best is None:
        missing = [spec.label for spec in specs if spec.required]
        raise failure(
            "colonne manquante",
            ", ".join(missing),
            f"aucun en-tête reconnu dans les {HEADER_SCAN_ROWS} premières lignes",
        )
    _, position, found = best
    missing = [spec.label for spec in specs if spec.required and spec.key not in found]
    line, cells = rows[position]
    seen = " | ".join(cell for cell in cells if cell.strip())
    raise failure("colonne manquante", ", ".join(missing), f"en-têtes lus : {seen}", line=line)


def _table(description: str, rows: Sequence[Row], position: int, columns: dict[str, int]) -> Table:
    header_line, header_cells = rows[position]
    headers = {key: header_cells[index].strip() for key, index in columns.items()}
    data = []
    for line, cells in rows[position + 1 :]:
        picked = {key: (cells[index] if index < len(cells) else "").strip() for key, index in columns.items()}
        data.append((line, picked))
    return Table(description, header_line, headers, data)


def locate_table(raw: RawFile, specs: Sequence[ColumnSpec]) -> Table:
    """Find the table in a CSV (trying each delimiter) or an XLSX (trying each sheet).

    Trying every delimiter rather than sniffing one is what copes with a title line full
    of commas above a ";"-separated table: only the right delimiter yields a header.
    When no candidate has a header, the failure reported is the one of the candidate
    that recognised some columns, since its list of missing columns is the useful one.
    """
    failures: list[ImportFailure] = []
    if raw.kind == "csv":
        for delimiter in DELIMITERS:
            head = parse_csv(raw.text, delimiter, max_rows=HEADER_SCAN_ROWS)
            try:
                position, columns = find_header(head, specs)
            except ImportFailure as exc:
                failures.append(exc)
                continue
            shown = {"\t": "tabulation"}.get(delimiter, delimiter)
            description = f"{raw.description}, séparateur « {shown} »"
            return _table(description, parse_csv(raw.text, delimiter), position, columns)
    else:
        for sheet in raw.sheets:
            try:
                position, columns = find_header(sheet.rows, specs)
            except ImportFailure as exc:
                failures.append(exc)
                continue
            description = f"{raw.description}, feuille « {sheet.name} »"
            return _table(description, sheet.rows, position, columns)
    if not failures:
        raise failure("fichier vide", hint="aucune feuille de calcul")
    located = [f for f in failures if f.rejection.line is not None]
    raise (located or failures)[0]


#: The commune code column every import needs.
INSEE_COLUMN = ColumnSpec(
    "insee",
    "code commune (INSEE)",
    aliases=(
        "code commune",
        "code insee",
        "codgeo",
        "insee com",
        "code commune insee",
        "insee commune",
        "depcom",
        "code geographique",
        "code geo",
    ),
    exact=("insee", "com", "code"),
)
