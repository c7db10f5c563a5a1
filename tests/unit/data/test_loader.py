"""The loader refuses damaged data with the file, the line and the problem named."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from erbm_map.core.paths import DEFAULT_DATA_DIR
from erbm_map.data import DataError, load_bundle


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target, ignore=shutil.ignore_patterns("archive"))
    return target


def edit(path: Path, change: Callable[[list[str]], list[str]]) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")


def test_the_committed_data_loads(data_copy):
    assert len(load_bundle(data_copy).communes) == 330


def test_missing_column_is_named(data_copy):
    edit(data_copy / "indicators.csv", lambda ls: [ls[0].replace(",unit,", ",unite,"), *ls[1:]])
    with pytest.raises(DataError, match=r"indicators\.csv, ligne 1 : colonnes manquantes : unit"):
        load_bundle(data_copy)


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Change one cell, keeping the CSV's quoting (``row`` counts data rows from 0)."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table.loc[row, column] = value
    table.to_csv(path, index=False, lineterminator="\n")


def test_unknown_theme_names_the_line(data_copy):
    set_cell(data_copy / "indicators.csv", 4, "theme", "astrologie")
    with pytest.raises(DataError, match=r"ligne 6 : valeur « astrologie » inconnue dans « theme »") as error:
        load_bundle(data_copy)
    assert error.value.row == 6 and error.value.path.name == "indicators.csv"


def test_non_numeric_value_is_refused(data_copy):
    def change(lines: list[str]) -> list[str]:
        cells = lines[3].split(",")
        cells[3] = "934 M€"
        lines[3] = ",".join(cells)
        return lines

    edit(data_copy / "indicators.csv", change)
    with pytest.raises(DataError, match=r"ligne 4 : nombre attendu dans « value », lu « 934 M€ »"):
        load_bundle(data_copy)


def test_unknown_edition_is_refused(data_copy):
    edit(data_copy / "indicators.csv", lambda ls: [ls[0], ls[1].replace(",2019,", ",1850,"), *ls[2:]])
    with pytest.raises(DataError, match="1850"):
        load_bundle(data_copy)


def test_commune_without_zone_is_refused(data_copy):
    edit(data_copy / "sources/zonage/zonage_2025.csv", lambda ls: [ls[0], *ls[2:]])
    with pytest.raises(DataError, match="communes du périmètre sans zone"):
        load_bundle(data_copy)


def test_unknown_zone_code_is_refused(data_copy):
    edit(
        data_copy / "sources/zonage/zonage_2025.csv",
        lambda ls: [ls[0], ls[1].replace(",ZAC,", ",ZZZ,"), *ls[2:]],
    )
    with pytest.raises(DataError, match=r"zonage_2025\.csv, ligne 2 : valeur « ZZZ »"):
        load_bundle(data_copy)


def test_located_establishment_without_coordinates_is_refused(data_copy):
    set_cell(data_copy / "communes/establishments.csv", 2, "lon", "")
    with pytest.raises(
        DataError, match=r"establishments\.csv, ligne 4 : établissement localisé sans coordonnées"
    ):
        load_bundle(data_copy)


def test_unknown_category_is_refused(data_copy):
    edit(
        data_copy / "communes/establishments.csv",
        lambda ls: [ls[0], ls[1].replace(",sanitaire,", ",garage,"), *ls[2:]],
    )
    with pytest.raises(DataError, match=r"ligne 2 : valeur « garage » inconnue dans « categorie »"):
        load_bundle(data_copy)


def test_missing_geojson_is_named(data_copy):
    (data_copy / "communes/communes.geojson").unlink()
    with pytest.raises(DataError, match=r"communes\.geojson : fichier introuvable"):
        load_bundle(data_copy)


def test_feature_without_population_property_is_named(data_copy):
    path = data_copy / "communes/communes.geojson"
    parsed = json.loads(path.read_text(encoding="utf-8"))
    del parsed["features"][7]["properties"]["population"]
    path.write_text(json.dumps(parsed), encoding="utf-8")
    with pytest.raises(DataError, match=r"entité n° 8 \(insee \d{5}\) : propriétés manquantes : population"):
        load_bundle(data_copy)


def test_truncated_geojson_is_refused(data_copy):
    path = data_copy / "communes/communes.geojson"
    path.write_bytes(path.read_bytes()[:5000])
    with pytest.raises(DataError, match="GeoJSON illisible"):
        load_bundle(data_copy)


def test_duplicate_indicator_id_is_refused(data_copy):
    edit(data_copy / "indicators.csv", lambda ls: [*ls, ls[1]])
    with pytest.raises(DataError, match="doublon"):
        load_bundle(data_copy)
