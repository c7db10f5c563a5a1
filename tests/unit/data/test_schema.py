"""The pandera schemas of the data files, seen through the French message a maintainer reads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pytest

from erbm_map.core.paths import DEFAULT_DATA_DIR
from erbm_map.data import DataError, load_bundle
from erbm_map.data.checks import FILLED, csv_table
from erbm_map.data.tables import line_of, validate


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target, ignore=shutil.ignore_patterns("archive"))
    return target


def set_cells(path: Path, cells: dict[tuple[int, str], str]) -> int:
    """Change cells ``(row, column)`` (rows from 0) keeping the CSV's quoting; return the row count."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    for (row, column), value in cells.items():
        table.loc[row, column] = value
    table.to_csv(path, index=False, lineterminator="\n")
    return len(table)


def refusal(base: Path) -> DataError:
    with pytest.raises(DataError) as error:
        load_bundle(base)
    return error.value


def test_data_row_zero_is_line_two():
    assert [line_of(0), line_of(7)] == [2, 9]


def test_every_bad_line_of_a_file_is_counted_after_the_first(data_copy):
    set_cells(
        data_copy / "indicators.csv",
        {(9, "value"): "beaucoup", (4, "theme"): "astrologie", (7, "unit"): "km"},
    )
    themes = pd.read_csv(data_copy / "sources/themes.csv", dtype=str)["slug"]
    error = refusal(data_copy)
    assert error.row == 6 and error.path.name == "indicators.csv"
    assert str(error).endswith(
        "indicators.csv, ligne 6 : valeur « astrologie » inconnue dans « theme » "
        f"(attendu : {', '.join(sorted(themes))}) (+ 2 autres problèmes, lignes 9, 11)"
    )


def test_a_cell_gets_one_problem_even_when_several_checks_fail(data_copy):
    set_cells(data_copy / "sources/aides.csv", {(2, "zone"): ""})
    error = refusal(data_copy)
    assert error.row == 4
    assert error.problem == "valeur vide dans la colonne « zone »"


def test_all_missing_columns_are_named_in_declared_order(data_copy):
    path = data_copy / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].replace(",edition,", ",annee,").replace(",unit,", ",unite,")
    path.write_text("\n".join([header, *lines[1:]]) + "\n", encoding="utf-8")
    error = refusal(data_copy)
    assert (error.row, error.problem) == (1, "colonnes manquantes : unit, edition")


def test_a_repeated_key_names_the_line_it_repeats(data_copy):
    path = data_copy / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[3]]) + "\n", encoding="utf-8")
    ident = lines[3].split(",")[0]
    error = refusal(data_copy)
    assert error.row == len(lines) + 1
    assert error.problem == f"doublon « {ident} » dans « id » (déjà ligne 4)"


def test_a_malformed_insee_code_is_named(data_copy):
    path = data_copy / "sources/cpts.csv"
    path.write_text(path.read_text(encoding="utf-8") + "CPTS Lens,6249,test\n", encoding="utf-8")
    error = refusal(data_copy)
    assert error.row == 2 and error.path.name == "cpts.csv"
    assert error.problem == "code INSEE attendu dans « insee » (5 caractères, ex. 62498), lu « 6249 »"


@pytest.mark.parametrize("name", ["sources/cpts.csv", "sources/zonage/zonage_2025.csv"])
def test_a_commune_outside_communes_geojson_is_named(data_copy, name):
    path = data_copy / name
    header = path.read_text(encoding="utf-8").splitlines()[0]
    row = "CPTS Paris,75056,test" if "cpts" in name else "75056,ZIP,test"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    error = refusal(data_copy)
    assert (error.path.name, error.row) == (Path(name).name, 2)
    assert error.problem == "commune inconnue « 75056 » (absente de communes.geojson)"


def test_an_unknown_edition_in_a_list_is_named(data_copy):
    set_cells(data_copy / "communes/establishments.csv", {(5, "editions"): "2019;1850"})
    error = refusal(data_copy)
    assert error.row == 7
    assert error.problem == (
        "valeur « 2019;1850 » inconnue dans « editions » (attendu : 2019, 2024, séparées par « ; »)"
    )


def test_an_indicator_id_must_end_with_its_edition(data_copy):
    path = data_copy / "indicators.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = int(table.index[table["edition"] == "2019"][0])
    set_cells(path, {(row, "id"): "nouvelle-mesure.2024"})
    error = refusal(data_copy)
    assert error.row == line_of(row)
    assert error.problem == "l'identifiant « nouvelle-mesure.2024 » doit finir par « .2019 »"


def test_a_zone_code_listed_twice_is_refused(data_copy):
    path = data_copy / "sources/zones.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    error = refusal(data_copy)
    assert error.path.name == "zones.csv" and error.row == len(lines) + 1
    assert error.problem.startswith("doublon « ZIP » dans « code »")


def test_a_check_that_cannot_run_is_reported_not_raised(tmp_path):
    table = csv_table(
        "t.csv",
        {"a": [FILLED]},
        checks=[pa.Check(lambda t: t["absent"] != "", error="jamais lu")],
    )
    frame = pd.DataFrame({"a": ["x", "y"]}, dtype=str)
    with pytest.raises(DataError) as error:
        validate(tmp_path / "t.csv", frame, table)
    assert error.value.row is None
    assert error.value.problem.startswith("contrôle impossible (jamais lu) : KeyError")


def test_braces_in_an_allowed_value_do_not_break_the_message(data_copy):
    path = data_copy / "sources/themes.csv"
    themes = pd.read_csv(path, dtype=str, keep_default_na=False)
    old = themes.at[0, "slug"]
    set_cells(path, {(0, "slug"): "offre-{de}-soins"})
    error = refusal(data_copy)
    assert f"valeur « {old} » inconnue dans « theme »" in error.problem
    assert "offre-{de}-soins" in error.problem


def test_an_edition_key_must_be_a_year(data_copy):
    set_cells(data_copy / "sources/editions.csv", {(1, "edition"): "2O24"})
    error = refusal(data_copy)
    assert (error.path.name, error.row) == ("editions.csv", 3)
    assert error.problem == "édition « 2O24 » : une année sur 4 chiffres attendue"


def test_an_empty_allowed_value_is_shown_as_such(data_copy):
    set_cells(data_copy / "sources/zones.csv", {(0, "eligibility"): "oui"})
    error = refusal(data_copy)
    assert (error.path.name, error.row) == ("zones.csv", 2)
    assert error.problem == (
        "valeur « oui » inconnue dans « eligibility » (attendu : (vide), aucune, eligible, partielle)"
    )


@pytest.mark.parametrize(("column", "value"), [("edition", "2020"), ("zone", "ZZZ")])
def test_an_aid_names_a_known_edition_and_zone(data_copy, column, value):
    set_cells(data_copy / "sources/aides.csv", {(2, column): value})
    error = refusal(data_copy)
    assert (error.path.name, error.row) == ("aides.csv", 4)
    assert error.problem.startswith(f"valeur « {value} » inconnue dans « {column} » (attendu : ")
