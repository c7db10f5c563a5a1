"""Valid zoning files become a new vintage; existing vintages are protected."""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pytest

from erbm_map.core import paths
from tests.unit.imports.imports_testkit import FIXTURES, Runner, make_fixtures, snapshot

EXPECTED_2026 = {
    "59002": "ZIP",
    "59178": "ZAC",
    "62498": "QPV",
    "62510": "QPV",
    "59606": "ZAC",
}
STAMP = "20260302T142500Z"


def read_vintage(data: Path, year: int) -> list[dict[str, str]]:
    raw = (paths.zoning_dir(data) / f"zonage_{year}.csv").read_bytes()
    assert b"\r" not in raw
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))


def perimeter_codes(data: Path) -> list[str]:
    with (paths.sources_dir(data) / "perimetre_bassin_minier.csv").open(encoding="utf-8") as f:
        return sorted(row["insee"] for row in csv.DictReader(f))


def copy_fixture(name: str, tmp_path: Path, new_name: str | None = None) -> Path:
    return Path(shutil.copy(FIXTURES / name, tmp_path / (new_name or name)))


def test_cp1252_semicolon_csv_with_title_line(run_import: Runner, data: Path, tmp_path: Path):
    old = (paths.zoning_dir(data) / "zonage_2025.csv").read_bytes()
    result = run_import("zonage", "--confirm", copy_fixture("zonage_ars_2026.csv", tmp_path))

    assert result.code == 0, result.text
    rows = read_vintage(data, 2026)
    assert [r["insee"] for r in rows] == perimeter_codes(data)
    zones = {r["insee"]: r["zone"] for r in rows}
    for insee, zone in EXPECTED_2026.items():
        assert zones[insee] == zone
    assert zones["62119"] == "HZ"
    others = set(zones) - set(EXPECTED_2026) - {"62119"}
    assert {zones[i] for i in others} == {"HZ"}
    sources = {r["insee"]: r["source"] for r in rows}
    assert sources["59002"] == "import zonage_ars_2026.csv du 2026-03-02"
    assert sources["62119"] == "import zonage_ars_2026.csv du 2026-03-02"
    assert sources["59004"].endswith("(absente du fichier : hors zonage)")
    assert (paths.zoning_dir(data) / "zonage_2025.csv").read_bytes() == old
    assert not paths.archive_dir(data).exists()
    for fragment in (
        "encodage Windows-1252, séparateur « ; »",
        "en-tête : ligne 2",
        "Lignes lues : 11",
        "acceptées : 6",
        "ignorées : 5 (hors périmètre : 4, lignes vides : 1)",
        "rejetées : 0",
        "absentes du fichier : 324, enregistrées hors zonage (HZ)",
        "Changements par rapport à 2025",
        "59002 Abscon : ZAC → ZIP (change)",
        "redémarrage",
    ):
        assert fragment in result.out
    assert result.err == ""


def test_xlsx_with_header_on_row_3(run_import: Runner, data: Path, tmp_path: Path):
    file = make_fixtures.zoning_xlsx(tmp_path / "zonage_ministere_2026.xlsx")
    result = run_import("zonage", "--confirm", file)

    assert result.code == 0, result.text
    assert "feuille « Zonage MG 2026 »" in result.out
    assert "en-tête : ligne 3" in result.out
    assert "hors périmètre : 2" in result.out
    zones = {r["insee"]: r["zone"] for r in read_vintage(data, 2026)}
    assert {i: zones[i] for i in EXPECTED_2026} == EXPECTED_2026
    assert zones["62119"] == "HZ"


def test_utf8_bom_comma_csv(run_import: Runner, data: Path, tmp_path: Path):
    result = run_import("zonage", "--confirm", copy_fixture("zonage_national_2026_bom.csv", tmp_path))
    assert result.code == 0, result.text
    assert "UTF-8 (BOM), séparateur « , »" in result.out
    zones = {r["insee"]: r["zone"] for r in read_vintage(data, 2026)}
    assert (zones["59002"], zones["59178"], zones["62498"]) == ("ZIP", "ZAC", "QPV")


def test_existing_vintage_is_not_overwritten_without_replace(run_import: Runner, data: Path, tmp_path: Path):
    file = copy_fixture("zonage_ars_2026.csv", tmp_path)
    before = snapshot(data)
    result = run_import("zonage", "--confirm", file, "--vintage", "2025")
    assert result.code == 2
    assert "Le millésime 2025 existe déjà" in result.out
    assert "--replace" in result.out
    assert snapshot(data) == before


def test_replace_archives_the_old_vintage_first(run_import: Runner, data: Path, tmp_path: Path):
    old = (paths.zoning_dir(data) / "zonage_2025.csv").read_bytes()
    file = copy_fixture("zonage_ars_2026.csv", tmp_path)
    result = run_import("zonage", "--confirm", file, "--vintage", "2025", "--replace")

    assert result.code == 0, result.text
    archived = paths.archive_dir(data) / f"zonage_2025.{STAMP}.csv"
    assert archived.read_bytes() == old
    assert f"archivée : data/archive/zonage_2025.{STAMP}.csv" in result.out
    assert read_vintage(data, 2025)[0]["source"].startswith("import zonage_ars_2026.csv")
    assert not (paths.zoning_dir(data) / "zonage_2026.csv").exists()
    leftovers = [p for p in paths.zoning_dir(data).iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_second_replace_in_the_same_second_keeps_both_archives(
    run_import: Runner, data: Path, tmp_path: Path
):
    assert run_import("zonage", "--confirm", copy_fixture("zonage_ars_2026.csv", tmp_path)).code == 0
    first = (paths.zoning_dir(data) / "zonage_2026.csv").read_bytes()
    xlsx = make_fixtures.zoning_xlsx(tmp_path / "zonage_ministere_2026.xlsx")
    assert run_import("zonage", "--confirm", xlsx, "--replace").code == 0
    assert (
        run_import("zonage", "--confirm", copy_fixture("zonage_ars_2026.csv", tmp_path), "--replace").code
        == 0
    )
    archive = paths.archive_dir(data)
    # A plain sort of the names is their order in time (issue 18: "-2" sorted first).
    assert sorted(p.name for p in archive.iterdir()) == [
        f"zonage_2026.{STAMP}.csv",
        f"zonage_2026.{STAMP}_02.csv",
    ]
    assert (archive / f"zonage_2026.{STAMP}.csv").read_bytes() == first
    assert (paths.zoning_dir(data) / "zonage_2026.csv").read_bytes() == first


def test_reimporting_identical_data_changes_nothing(run_import: Runner, data: Path, tmp_path: Path):
    file = copy_fixture("zonage_ars_2026.csv", tmp_path)
    assert run_import("zonage", "--confirm", file).code == 0
    before = snapshot(data)
    result = run_import("zonage", "--confirm", file, "--replace")
    assert result.code == 0
    assert "rien n'a changé" in result.out
    assert snapshot(data) == before


def test_dry_run_writes_nothing(run_import: Runner, data: Path, tmp_path: Path):
    before = snapshot(data)
    result = run_import("zonage", "--confirm", copy_fixture("zonage_ars_2026.csv", tmp_path), "--dry-run")
    assert result.code == 0
    assert "Simulation (--dry-run) : rien n'a été écrit" in result.out
    assert "data/sources/zonage/zonage_2026.csv (330 lignes)" in result.out
    assert snapshot(data) == before


def test_dry_run_of_an_existing_vintage_reports_the_refusal(run_import: Runner, data: Path, tmp_path: Path):
    before = snapshot(data)
    file = copy_fixture("zonage_ars_2026.csv", tmp_path, "zonage_2025_bis.csv")
    result = run_import("zonage", "--confirm", file, "--dry-run")
    assert result.code == 2
    assert "existe déjà" in result.out
    assert snapshot(data) == before


def test_vintage_option_wins_over_file_name_and_source_is_appended(
    run_import: Runner, data: Path, tmp_path: Path
):
    file = copy_fixture("zonage_ars_2026.csv", tmp_path)
    result = run_import("zonage", "--confirm", file, "--vintage", "2027", "--source", "arrêté\ndu 12/02")
    assert result.code == 0, result.text
    rows = read_vintage(data, 2027)
    assert rows[0]["source"] == "import zonage_ars_2026.csv du 2026-03-02 ; arrêté du 12/02"
    assert not (paths.zoning_dir(data) / "zonage_2026.csv").exists()


def test_write_failure_is_an_io_error_and_leaves_no_partial_file(
    run_import: Runner, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    def failing_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    before = snapshot(data)
    result = run_import("zonage", "--confirm", copy_fixture("zonage_ars_2026.csv", tmp_path))
    assert result.code == 1
    assert "plus d'espace sur le disque" in result.out  # errno in French, not "No space left"
    assert "No space left" not in result.text
    assert "Erreur d'entrée/sortie" in result.err
    assert snapshot(data) == before


def test_four_digit_codes_are_padded_and_excel_floats_read(run_import: Runner, data: Path, tmp_path: Path):
    file = tmp_path / "zonage_2026.csv"
    file.write_text("INSEE_COM,zone\n59002.0,ZIP\n1053,ZAR\n62498,QPV\n", encoding="utf-8")
    result = run_import("zonage", "--confirm", file)
    assert result.code == 0, result.text
    assert "acceptées : 2" in result.out
    assert "hors périmètre : 1" in result.out
    assert {r["insee"]: r["zone"] for r in read_vintage(data, 2026)}["59002"] == "ZIP"
