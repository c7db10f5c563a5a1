"""Header detection: title lines, column order, casing, accents and spacing do not matter."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erbm_map.imports import cpts, establishments, zoning
from erbm_map.imports.headers import HEADER_SCAN_ROWS, find_header, locate_table, match_columns
from erbm_map.imports.reading import RawFile
from erbm_map.imports.report import ImportFailure

#: Headers as official files write them, for each column of a zoning file.
CODE_HEADERS = [
    "Code commune",
    "code INSEE",
    "CODGEO",
    "code_commune",
    "INSEE_COM",
    "Code commune INSEE",
]
ZONE_HEADERS = [
    "Zonage",
    "zone",
    "Qualification",
    "Zonage médecins",
    "Type de zone",
    "Zonage MG 2026",
]
#: Other columns of such files, which must not be taken for the wanted ones.
OTHER_HEADERS = [
    "Libellé commune",
    "Nom de la commune",
    "Population",
    "Département",
    "EPCI",
    "Région",
]
#: Words of title lines above the table.
TITLE_WORDS = [
    "Arrêté",
    "ARS",
    "Hauts-de-France",
    "du",
    "12",
    "février",
    "2026",
    "médecins",
    "généralistes",
    "Zonage",
    "—",
    "Source :",
    "DREES",
]

ACCENTS = {"e": "eéè", "E": "EÉ", "i": "iî", "a": "aà"}


@st.composite
def disguised(draw: st.DrawFn, header: str) -> str:
    """Re-case, re-accent and re-space a header the way spreadsheets vary them."""
    out = []
    for char in header:
        if char in " _":
            out.append(draw(st.sampled_from([" ", "_", "  ", "\n", " - ", "."])))
            continue
        char = draw(st.sampled_from(ACCENTS.get(char, char)))
        out.append(draw(st.sampled_from([char.lower(), char.upper()])))
    pad = st.sampled_from(["", " ", "\t"])
    return draw(pad) + "".join(out) + draw(pad)


@st.composite
def zoning_sheet(draw: st.DrawFn) -> tuple[list[tuple[int, list[str]]], int, int, int]:
    """Title lines, then a header row with the wanted columns among others, then data."""
    titles = draw(
        st.lists(
            st.lists(st.sampled_from(TITLE_WORDS), min_size=0, max_size=6).map(" ".join),
            max_size=8,
        )
    )
    code = draw(disguised(draw(st.sampled_from(CODE_HEADERS))))
    zone = draw(disguised(draw(st.sampled_from(ZONE_HEADERS))))
    others = draw(st.lists(st.sampled_from(OTHER_HEADERS), max_size=4, unique=True))
    header = draw(st.permutations([code, zone, *others]))
    rows = [(n + 1, [title] if title else []) for n, title in enumerate(titles)]
    rows.append((len(rows) + 1, list(header)))
    rows.append((len(rows) + 1, ["59002"] * len(header)))
    return rows, len(titles), header.index(code), header.index(zone)


@given(zoning_sheet())
@settings(max_examples=300, deadline=None)
def test_header_is_found_below_any_title_lines(
    case: tuple[list[tuple[int, list[str]]], int, int, int],
) -> None:
    rows, position, code_index, zone_index = case
    found_position, columns = find_header(rows, zoning.SPECS)
    assert found_position == position
    assert columns == {"insee": code_index, "zone": zone_index}


@given(zoning_sheet(), st.sampled_from([";", ","]))
@settings(max_examples=100, deadline=None)
def test_csv_delimiter_is_found_despite_commas_in_titles(
    case: tuple[list[tuple[int, list[str]]], int, int, int], delimiter: str
) -> None:
    rows, position, _, _ = case
    lines = []
    for _, cells in rows:
        quoted = ['"' + c.replace('"', '""') + '"' if any(x in c for x in ',;\n"') else c for c in cells]
        lines.append(delimiter.join(quoted))
    text = "Titre, avec des virgules; et des points-virgules\n" + "\n".join(lines) + "\n"
    table = locate_table(RawFile("csv", "CSV", text=text), zoning.SPECS)
    header_line = rows[position][0] + 1 + sum(c.count("\n") for _, cs in rows[:position] for c in cs)
    assert table.header_line == header_line
    assert table.rows[-1][1] == {"insee": "59002", "zone": "59002"}


def test_missing_column_names_what_is_missing() -> None:
    rows = [(1, ["Titre"]), (2, ["Code commune", "Population"]), (3, ["59002", "4500"])]
    with pytest.raises(ImportFailure) as caught:
        find_header(rows, zoning.SPECS)
    rejection = caught.value.rejection
    assert (rejection.reason, rejection.value, rejection.line) == ("colonne manquante", "zonage", 2)


def test_header_beyond_the_scan_window_is_not_found() -> None:
    rows = [(n, ["titre"]) for n in range(1, HEADER_SCAN_ROWS + 1)]
    rows.append((HEADER_SCAN_ROWS + 1, ["code commune", "zonage"]))
    with pytest.raises(ImportFailure, match="colonne manquante"):
        find_header(rows, zoning.SPECS)


def test_exact_header_wins_over_a_longer_one() -> None:
    cells = ["Nom commune", "Nom de la CPTS", "Code INSEE"]
    assert match_columns(cells, cpts.SPECS) == {"cpts_nom": 1, "insee": 2}


def test_generic_aliases_must_match_whole_headers() -> None:
    cells = ["Nom commune", "Commune de rattachement", "Code commune"]
    assert match_columns(cells, cpts.SPECS) == {"insee": 2}


def test_finess_headers() -> None:
    cells = [
        "nofinessej",
        "nofinesset",
        "rs",
        "rslongue",
        "departement",
        "libdepartement",
        "commune",
        "categetab",
        "libcategetab",
        "coordxet",
        "coordyet",
    ]
    assert match_columns(cells, establishments.SPECS) == {
        "nom": 3,
        "categorie": 8,
        "insee": 6,
        "finess": 1,
        "departement": 4,
        "x": 9,
        "y": 10,
    }
