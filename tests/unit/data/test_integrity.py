"""Issue 18, defects 4 and 8: what the loader refuses so that the importer, which validates
with it, refuses it too: a colour no renderer reads, a commune in two CPTS, a place
outside the region. Each refusal names the file, the line and the value.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from matplotlib.colors import to_rgba

from erbm_map.core.paths import DEFAULT_DATA_DIR
from erbm_map.data import DataError, load_bundle
from erbm_map.data.rules import Region


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target, ignore=shutil.ignore_patterns("archive", ".*"))
    return target


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Change one cell (``row`` counts data rows from 0, so it is line ``row + 2``)."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table.loc[row, column] = value
    table.to_csv(path, index=False, lineterminator="\n")


def append(path: Path, line: str) -> int:
    """Add one line at the end of a CSV; returns its line number."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n" + line + "\n", encoding="utf-8")
    return len(text.rstrip("\n").splitlines()) + 1


def refusal(base: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        load_bundle(base)
    return caught.value


# ---- defect 4: colours ----


@pytest.mark.parametrize(
    ("name", "row", "column", "colour"),
    [
        ("sources/zones.csv", 2, "color", "#12345"),
        ("sources/zones.csv", 0, "color", "rouge"),
        ("sources/zones.csv", 1, "color", "#GG0000"),
        ("sources/zones.csv", 3, "color", "0.5"),
        ("sources/editions.csv", 1, "color", "#abc"),
        ("sources/symbols.csv", 9, "color", "#0072B2 "),
        ("sources/symbols.csv", 0, "line", "bleu"),
    ],
)
def test_a_colour_no_renderer_reads_is_refused_with_file_line_and_value(data_copy, name, row, column, colour):
    set_cell(data_copy / name, row, column, colour)
    error = refusal(data_copy)
    assert (error.path.name, error.row) == (Path(name).name, row + 2)
    assert error.problem.startswith(f"couleur « {colour} » illisible dans « {column} »")


def test_every_colour_that_passes_is_one_the_paper_map_reads(bundle):
    """The committed colours pass, and matplotlib reads each (the check is not looser)."""
    colours = [*bundle.zones["color"], *(e.color for e in bundle.domain.editions)]
    colours += [c for c in (*bundle.symbols["color"], *bundle.symbols["line"]) if c]
    assert colours and all(len(to_rgba(c)) == 4 for c in colours)


# ---- defect 8: CPTS overlap, places outside the region ----


def test_a_commune_in_two_cpts_is_refused(data_copy):
    path = data_copy / "sources/cpts.csv"
    append(path, "CPTS Lens-Liévin,62498,test")
    second = append(path, "CPTS Artois,62498,test")
    error = refusal(data_copy)
    assert (error.path.name, error.row) == ("cpts.csv", second)
    assert "commune « 62498 » dans deux CPTS" in error.problem
    assert "« CPTS Artois »" in error.problem
    assert f"« CPTS Lens-Liévin » (ligne {second - 1})" in error.problem


def test_a_commune_twice_in_one_cpts_is_refused(data_copy):
    path = data_copy / "sources/cpts.csv"
    append(path, "CPTS Lens-Liévin,62498,test")
    second = append(path, "CPTS Lens-Liévin,62498,test")
    error = refusal(data_copy)
    assert error.row == second and "en double" in error.problem


def test_communes_in_distinct_cpts_load(data_copy):
    path = data_copy / "sources/cpts.csv"
    append(path, "CPTS Lens-Liévin,62498,test")
    append(path, "CPTS Artois,62510,test")
    assert len(load_bundle(data_copy).cpts) == 2


@pytest.mark.parametrize(
    ("column", "value"), [("lon", "120"), ("lat", "-3"), ("lon", "50.4"), ("lat", "inf")]
)
def test_a_brochure_place_outside_the_region_is_refused(data_copy, column, value):
    set_cell(data_copy / "communes/establishments.csv", 3, column, value)
    error = refusal(data_copy)
    assert (error.path.name, error.row) == ("establishments.csv", 5)
    what = "longitude" if column == "lon" else "latitude"
    assert error.problem.startswith(f"{what} « {value} » hors de la région")


def test_an_imported_place_outside_the_region_is_refused(data_copy):
    line = append(
        data_copy / "sources/etablissements_import.csv",
        "590000001,Clinique du large,sanitaire,62498,120.0,50.4,adresse,FINESS test",
    )
    error = refusal(data_copy)
    assert (error.path.name, error.row) == ("etablissements_import.csv", line)
    assert error.problem.startswith("longitude « 120.0 » hors de la région")


def test_an_imported_place_in_the_region_loads(data_copy):
    append(
        data_copy / "sources/etablissements_import.csv",
        "590000001,Clinique de Lens,sanitaire,62498,2.83,50.43,adresse,FINESS test",
    )
    places = load_bundle(data_copy).establishments
    assert places["nom"].eq("Clinique de Lens").sum() == 1


def test_the_region_holds_every_neighbouring_commune_and_committed_place(bundle):
    """The bound is derived from the data: it reaches past every neighbour the map draws."""
    region = Region.around(bundle.communes)
    neighbours = gpd.GeoDataFrame.from_features(json.loads(bundle.neighbours_geojson.raw)["features"])
    west, south, east, north = neighbours.total_bounds
    assert region.west < west and region.south < south and region.east > east and region.north > north
    places = bundle.establishments.dropna(subset=["lon", "lat"])
    assert places["lon"].between(region.west, region.east).all()
    assert places["lat"].between(region.south, region.north).all()


def test_a_geojson_saved_with_a_byte_order_mark_loads(data_copy):
    """Notepad's UTF-8 starts with a BOM: the content is right, and it used to read as « tronqué »."""
    path = data_copy / "communes/epci.geojson"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert not load_bundle(data_copy).epci_geojson.raw.startswith(b"\xef")
