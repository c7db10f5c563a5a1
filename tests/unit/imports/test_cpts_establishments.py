"""CPTS perimeters and FINESS extracts replace their table, archiving the previous one."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import openpyxl
import pytest

from erbm_map.core import paths
from tests.unit.imports.imports_testkit import FIXTURES, Runner, snapshot

STAMP = "20260302T142500Z"


def table(data: Path, name: str) -> tuple[bytes, list[dict[str, str]]]:
    raw = (paths.sources_dir(data) / name).read_bytes()
    return raw, list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))


def test_cpts_import_replaces_and_archives(run_import: Runner, data: Path, tmp_path: Path):
    old = (paths.sources_dir(data) / "cpts.csv").read_bytes()
    result = run_import("cpts", shutil.copy(FIXTURES / "cpts_2026.csv", tmp_path), "--source", "ARS")

    assert result.code == 0, result.text
    raw, _ = table(data, "cpts.csv")
    source = "import cpts_2026.csv du 2026-03-02 ; ARS"
    assert raw.decode("utf-8") == (
        "cpts_nom,insee,source\n"
        f"CPTS du Douaisis,59178,{source}\n"
        f"CPTS de l'Artois,62119,{source}\n"
        f"CPTS Lens-Liévin,62498,{source}\n"
        f"CPTS Lens-Liévin,62510,{source}\n"
    )
    assert (paths.archive_dir(data) / f"cpts.{STAMP}.csv").read_bytes() == old
    assert "en-tête : ligne 3" in result.out
    assert "ignorées : 2 (communes sans CPTS : 1, doublons identiques : 1)" in result.out


def test_cpts_commune_in_two_cpts_is_fatal(run_import: Runner, data: Path, tmp_path: Path):
    file = tmp_path / "cpts.csv"
    file.write_text("CPTS;INSEE\nCPTS A;62498\nCPTS B;62498\n", encoding="utf-8")
    before = snapshot(data)
    result = run_import("cpts", file)
    assert result.code == 2
    assert "ligne 3 : doublon « 62498 » (déjà dans « CPTS A » ligne 2)" in result.out
    assert snapshot(data) == before


def test_cpts_spelling_variants_are_flagged(run_import: Runner, tmp_path: Path):
    file = tmp_path / "cpts.csv"
    file.write_text("CPTS;INSEE\nCPTS Lens;62498\nCPTS LENS;62510\n", encoding="utf-8")
    result = run_import("cpts", file, "--dry-run")
    assert result.code == 0
    assert "écrite de plusieurs façons : « CPTS LENS » / « CPTS Lens »" in result.out


def test_finess_extract_with_lambert93(run_import: Runner, data: Path, tmp_path: Path):
    result = run_import("etablissements", shutil.copy(FIXTURES / "finess_extrait_2026.csv", tmp_path))

    assert result.code == 0, result.text
    raw, rows = table(data, "etablissements_import.csv")
    assert raw.startswith(b"finess,nom,categorie,insee,lon,lat,precision,source\n")
    assert [r["insee"] for r in rows] == ["59178", "59606", "62119", "62498"]
    by_finess = {r["finess"]: r for r in rows}
    lens = by_finess["620100057"]
    assert (lens["categorie"], lens["precision"]) == ("sanitaire", "adresse")
    assert float(lens["lon"]) == pytest.approx(2.8319, abs=1e-4)
    assert float(lens["lat"]) == pytest.approx(50.4322, abs=1e-4)
    assert by_finess["590000000"]["categorie"] == "medico-social"
    cmp = by_finess["590000018"]
    assert (cmp["categorie"], cmp["precision"], cmp["lon"], cmp["lat"]) == (
        "sanitaire",
        "commune",
        "",
        "",
    )
    assert by_finess["620000030"]["categorie"] == "dispositif"
    assert "hors périmètre : 1" in result.out
    assert (paths.archive_dir(data) / f"etablissements_import.{STAMP}.csv").exists()


def test_xlsx_extract_with_wgs84_and_comma_decimals(run_import: Runner, data: Path, tmp_path: Path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Extraction FINESS du 01/03/2026"])
    sheet.append([])
    sheet.append(
        [
            "N° FINESS",
            "Raison sociale",
            "Libellé catégorie",
            "Code commune",
            "Latitude",
            "Longitude",
        ]
    )
    sheet.append([62010005, "Clinique Sainte-Barbe", "Clinique", 62498, "50,4322", "2,8319"])
    twice = [None, "Maison de santé du Pévèle", "Maison de santé pluriprofessionnelle", "59004", None, None]
    # The same place twice, as FINESS extracts list it: imported once.
    sheet.append(twice)
    sheet.append(twice)
    file = tmp_path / "finess.xlsx"
    workbook.save(file)

    result = run_import("etablissements", file)
    assert result.code == 0, result.text
    _, rows = table(data, "etablissements_import.csv")
    assert [(r["finess"], r["insee"], r["precision"]) for r in rows] == [
        ("", "59004", "commune"),
        ("062010005", "62498", "adresse"),
    ]
    assert rows[1]["lon"] == "2.831900"
    assert "doublons identiques : 1" in result.out
    assert "en-tête : ligne 3" in result.out


@pytest.mark.parametrize(
    ("row", "fragment"),
    [
        ("X;sanitaire;62498;2.83;", "coordonnées incomplètes"),
        ("X;sanitaire;62498;abc;50.4", "coordonnée invalide « abc »"),
        ("X;sanitaire;62498;7.0;48.5", "coordonnées hors Nord–Pas-de-Calais"),
        (";sanitaire;62498;;", "nom manquant"),
        ("X;;62498;;", "catégorie manquante"),
        ("X;355;62498;;", "catégorie inconnue « 355 »"),
    ],
)
def test_invalid_establishment_rows(run_import: Runner, data: Path, tmp_path: Path, row: str, fragment: str):
    file = tmp_path / "etab.csv"
    file.write_text(f"nom;categorie;insee;lon;lat\n{row}\n", encoding="utf-8")
    before = snapshot(data)
    result = run_import("etablissements", file)
    assert result.code == 2
    assert f"ligne 2 : {fragment}" in result.out
    assert snapshot(data) == before


def test_conflicting_finess_numbers_are_fatal(run_import: Runner, tmp_path: Path):
    file = tmp_path / "etab.csv"
    file.write_text(
        "finess;nom;categorie;insee\n"
        "620100057;CH Lens;sanitaire;62498\n"
        "620100057;CH Liévin;sanitaire;62510\n",
        encoding="utf-8",
    )
    result = run_import("etablissements", file)
    assert result.code == 2
    assert "ligne 3 : doublon « 620100057 » (déjà ligne 2 avec d'autres valeurs)" in result.out


def test_lambert93_outside_the_box_is_refused(run_import: Runner, tmp_path: Path):
    file = tmp_path / "etab.csv"
    # Paris in Lambert-93, declared in Lens.
    file.write_text(
        "rs;categorie;insee;coordxet;coordyet\nX;sanitaire;62498;652000;6862000\n", encoding="utf-8"
    )
    result = run_import("etablissements", file)
    assert result.code == 2
    assert "Lambert-93 (EPSG:2154) attendu" in result.out
