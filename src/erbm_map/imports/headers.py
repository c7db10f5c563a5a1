"""Find the header row and the wanted columns of an official file.

Official files put title lines, a date or a logo caption above the table, order columns
freely and spell headers in many ways ("Code commune", "CODGEO", "INSEE_COM", "Code
INSEE"). A header row is the first row, within the first ``HEADER_SCAN_ROWS``, where
every required column is recognised. Headers are compared folded (no case, accents,
punctuation); an alias either matches a header exactly or, for aliases specific
enough, appears as whole words inside it ("Zonage médecins généralistes 2026").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from erbm_map.core.text import fold
from erbm_map.imports.reading import DELIMITERS, RawFile, Row, parse_csv
from erbm_map.imports.report import ImportFailure, failure

#: Rows searched for the header: enough for a title block, short enough to stay fast.
HEADER_SCAN_ROWS = 30
#: Reason of the failure of a header row where two columns match one key equally well.
AMBIGUOUS = "colonnes ambiguës"
#: Keys holding an identifier: a second column naming the same key must agree with the first.
CODE_KEYS = ("insee", "finess")
#: Disagreeing lines quoted in the refusal of two code columns.
SAMPLE_LINES = 3


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
    #: Line of the last record when the file ends inside it (no final line break and
    #: fewer cells than the header): the file was probably cut during a copy or a download.
    cut_at: int | None = None


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


def _match(
    cells: Sequence[str], specs: Sequence[ColumnSpec], pinned: Mapping[str, str]
) -> tuple[dict[str, int], dict[str, list[int]]]:
    """Map spec keys to cell indices, and list the keys whose best match is a tie.

    ``pinned`` (key -> header chosen with ``--column``) is served first and exactly.
    A pinned column still competes for the keys that are not pinned: when it ties
    with, or beats, their best other column, the key is reported as a tie, since
    taking the next column would let one key's ``--column`` decide another key's
    column without a word (issue 18: the 2023 zoning read when 2026 was pinned).
    """
    folded = [fold(cell) for cell in cells]
    taken: set[int] = set()
    found: dict[str, int] = {}
    ties: dict[str, list[int]] = {}
    for key, header in pinned.items():
        wanted = fold(header)
        index = next((i for i, h in enumerate(folded) if h == wanted and i not in taken), None)
        if index is not None:
            found[key] = index
            taken.add(index)
    pinned_columns = set(taken)
    for spec in specs:
        if spec.key in pinned:
            continue
        scored = [
            (score, index)
            for index, header in enumerate(folded)
            if index not in taken and (score := _score(header, spec)) is not None
        ]
        if not scored:
            continue
        best = min(scored)
        found[spec.key] = best[1]
        taken.add(best[1])
        tied = [index for score, index in scored if score == best[0]]
        rivals = [
            index
            for index in sorted(pinned_columns)
            if (score := _score(folded[index], spec)) is not None and score[0] <= best[0][0]
        ]
        if len(tied) > 1 or rivals:
            ties[spec.key] = [*rivals, *tied]
    return found, ties


def match_columns(
    cells: Sequence[str], specs: Sequence[ColumnSpec], pinned: Mapping[str, str] | None = None
) -> dict[str, int]:
    """Map each spec key to the index of the best matching cell; a cell serves one spec.

    Specs are served in order, so the required ones listed first get their column
    before an optional one could take it.
    """
    return _match(cells, specs, pinned or {})[0]


def _ambiguous(
    line: int, cells: Sequence[str], specs: Sequence[ColumnSpec], ties: Mapping[str, list[int]]
) -> ImportFailure:
    """Refuse a header row where two columns name the same thing equally well."""
    key, indices = next(iter(ties.items()))
    label = next(spec.label for spec in specs if spec.key == key)
    candidates = " ; ".join(f"« {cells[i].strip()} »" for i in indices)
    example = cells[indices[-1]].strip()
    return failure(
        AMBIGUOUS,
        f"{label} : {candidates}",
        f'choisissez-en une avec --column {key}="{example}"',
        line=line,
    )


def find_header(
    rows: Sequence[Row], specs: Sequence[ColumnSpec], pinned: Mapping[str, str] | None = None
) -> tuple[int, dict[str, int]]:
    """Return (position in ``rows`` of the header, column index by key).

    ``pinned`` maps keys to the headers the planner chose with ``--column``.

    Raises:
        ImportFailure: no row within the first rows names every required column (the
            message lists the missing columns of the most promising row), or two
            columns of the header row match one key equally well (the message lists
            them: picking the first would import the wrong column without a word).

    """
    pinned = pinned or {}
    check_keys(specs, pinned)
    required = {spec.key for spec in specs if spec.required} | pinned.keys()
    best: tuple[int, int, dict[str, int]] | None = None
    for position, (line, cells) in enumerate(rows[:HEADER_SCAN_ROWS]):
        found, ties = _match(cells, specs, pinned)
        if required <= found.keys():
            if ties:
                raise _ambiguous(line, cells, specs, ties)
            return position, found
        hits = len(required & found.keys())
        if hits and (best is None or hits > best[0]):
            best = (hits, position, found)
    if best is None:
        missing = [_wanted(spec, pinned) for spec in specs if spec.required or spec.key in pinned]
        raise failure(
            "colonne manquante",
            ", ".join(missing),
            f"aucun en-tête reconnu dans les {HEADER_SCAN_ROWS} premières lignes",
        )
    _, position, found = best
    missing = [
        _wanted(spec, pinned)
        for spec in specs
        if (spec.required or spec.key in pinned) and spec.key not in found
    ]
    line, cells = rows[position]
    seen = " | ".join(cell for cell in cells if cell.strip())
    raise failure("colonne manquante", ", ".join(missing), f"en-têtes lus : {seen}", line=line)


def check_keys(specs: Sequence[ColumnSpec], pinned: Mapping[str, str]) -> None:
    """Refuse a ``--column`` key this kind of file does not have, listing the ones it has.

    An unknown key used to be accepted and its column taken out of play, so a typo
    imported another column with exit 0 (issue 18).
    """
    known = [spec.key for spec in specs]
    unknown = [key for key in pinned if key not in known]
    if unknown:
        raise failure(
            "clé de --column inconnue",
            unknown[0],
            f"clés possibles pour ce fichier : {', '.join(known)}",
        )


def _wanted(spec: ColumnSpec, pinned: Mapping[str, str]) -> str:
    """Name a missing column, with the header the planner chose for it if any."""
    return f"{spec.label} (--column « {pinned[spec.key]} »)" if spec.key in pinned else spec.label


def _table(
    description: str, rows: Sequence[Row], position: int, columns: dict[str, int], unterminated: bool = False
) -> Table:
    """Pick the wanted cells of every row below the header.

    ``unterminated`` says the file does not end with a line break: its last record is
    then cut short when it has fewer cells than the header row.
    """
    header_line, header_cells = rows[position]
    headers = {key: header_cells[index].strip() for key, index in columns.items()}
    data = []
    for line, cells in rows[position + 1 :]:
        picked = {key: (cells[index] if index < len(cells) else "").strip() for key, index in columns.items()}
        data.append((line, picked))
    last = rows[-1][1] if len(rows) > position + 1 else None
    cut = unterminated and last is not None and len(last) < len(header_cells)
    return Table(description, header_line, headers, data, rows[-1][0] if cut else None)


def _comparable(code: str) -> str:
    """A code as compared across columns: spreadsheets drop leading zeros ("5901", "05901")."""
    return code.strip().lstrip("0").upper()


def check_code_columns(
    rows: Sequence[Row],
    position: int,
    columns: Mapping[str, int],
    specs: Sequence[ColumnSpec],
    pinned: Mapping[str, str],
) -> None:
    """Refuse two columns naming the same code (``Code INSEE`` and ``CODGEO``) that disagree.

    The better-named column used to win silently, so a file whose two code columns
    differ was imported on one of them without a word (issue 18). Columns that agree
    on every line (blank cells aside) are harmless; a ``--column`` choice settles it.
    """
    header = rows[position][1]
    used = set(columns.values())
    for spec in specs:
        if spec.key not in CODE_KEYS or spec.key not in columns or spec.key in pinned:
            continue
        chosen = columns[spec.key]
        others = [i for i, cell in enumerate(header) if i not in used and _score(fold(cell), spec)]
        for other in others:
            differing: list[tuple[int, str]] = []
            for line, cells in rows[position + 1 :]:
                a = cells[chosen] if chosen < len(cells) else ""
                b = cells[other] if other < len(cells) else ""
                if a.strip() and b.strip() and _comparable(a) != _comparable(b):
                    differing.append((line, f"ligne {line} : {a.strip()} ≠ {b.strip()}"))
            if differing:
                names = f"« {header[chosen].strip()} » et « {header[other].strip()} »"
                sample = " ; ".join(text for _, text in differing[:SAMPLE_LINES])
                extra = len(differing) - SAMPLE_LINES
                more = f" et {extra} autre(s)" if extra > 0 else ""
                raise failure(
                    "colonnes de codes en désaccord",
                    names,
                    f"{sample}{more} ; gardez la bonne colonne, ou choisissez-la avec "
                    f'--column {spec.key}="{header[other].strip()}"',
                    line=differing[0][0],
                )


def locate_table(raw: RawFile, specs: Sequence[ColumnSpec], pinned: Mapping[str, str] | None = None) -> Table:
    """Find the table in a CSV (trying each delimiter) or an XLSX (trying each sheet).

    Trying every delimiter rather than sniffing one is what copes with a title line full
    of commas above a ";"-separated table: only the right delimiter yields a header.
    When no candidate has a header, the failure reported is the one of the candidate
    that recognised some columns, since its list of missing columns is the useful one.
    """
    check_keys(specs, pinned or {})
    failures: list[ImportFailure] = []
    if raw.kind == "csv":
        for delimiter in DELIMITERS:
            head = parse_csv(raw.text, delimiter, max_rows=HEADER_SCAN_ROWS)
            try:
                position, columns = find_header(head, specs, pinned)
            except ImportFailure as exc:
                if exc.rejection.reason == AMBIGUOUS:
                    raise
                failures.append(exc)
                continue
            shown = {"\t": "tabulation"}.get(delimiter, delimiter)
            description = f"{raw.description}, séparateur « {shown} »"
            unterminated = not raw.text.endswith(("\n", "\r"))
            rows = parse_csv(raw.text, delimiter)
            check_code_columns(rows, position, columns, specs, pinned or {})
            return _table(description, rows, position, columns, unterminated)
    else:
        for sheet in raw.sheets:
            try:
                position, columns = find_header(sheet.rows, specs, pinned)
            except ImportFailure as exc:
                if exc.rejection.reason == AMBIGUOUS:
                    raise
                failures.append(exc)
                continue
            description = f"{raw.description}, feuille « {sheet.name} »"
            check_code_columns(sheet.rows, position, columns, specs, pinned or {})
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
