"""Issue 18, importer side: each defect reproduced on a copy of the data, then refused.

2 a typo in ``--column``; 3 mixed encodings; 5 an import the app could not load;
6 a kill at any write step; 7 CSV limits and the ceiling of imported rows; 8 code
columns that disagree; 10 archive names that do not sort by time.
"""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest

from erbm_map.core import paths
from erbm_map.data.dataversion import read_stamp, stamp_matches, write_stamp
from erbm_map.imports import establishments
from erbm_map.imports.headers import find_header
from erbm_map.imports.report import ImportFailure
from erbm_map.imports.writer import FAULT_STEPS, archive_name
from erbm_map.imports.zoning import SPECS as ZONING_SPECS
from tests.support.robust_kill import NEW_CPTS, check_step
from tests.unit.imports.imports_testkit import Runner, snapshot

CPTS_HEADER = "Nom de la CPTS;Code INSEE"


def perimeter_codes(data: Path, count: int) -> list[str]:
    text = (paths.sources_dir(data) / "perimetre_bassin_minier.csv").read_text(encoding="utf-8")
    return [row["insee"] for row in csv.DictReader(io.StringIO(text))][:count]


def zoning_two_years(data: Path, tmp_path: Path) -> Path:
    """A national-style file with the 2023 and the 2026 zoning side by side; 37 communes differ."""
    text = (paths.zoning_dir(data) / "zonage_2025.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    lines = ["Code INSEE;Zonage médecins 2023;Zonage médecins 2026"]
    for n, row in enumerate(rows):
        new = "ZIP" if n < 37 and row["zone"] != "ZIP" else row["zone"]
        lines.append(f"{row['insee']};{row['zone']};{new}")
    path = tmp_path / "zonage_2026.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- 2: --column ------------------------------------------------------------------------


def test_unknown_column_key_is_refused_and_the_known_keys_listed(
    run_import: Runner, data: Path, tmp_path: Path
):
    file = zoning_two_years(data, tmp_path)
    before = snapshot(data)
    result = run_import("zonage", file, "--column", "zonage=Zonage médecins 2026", "--confirm")
    assert result.code == 2, result.text
    assert "clé de --column inconnue « zonage »" in result.out
    assert "clés possibles pour ce fichier : insee, zone" in result.out
    assert snapshot(data) == before
    right = run_import("zonage", file, "--column", "zone=Zonage médecins 2026", "--dry-run", "--confirm")
    assert right.code == 0, right.text
    assert "zone ← « Zonage médecins 2026 »" in right.out


def test_one_keys_column_never_decides_another_keys_column():
    cells = ["Zonage médecins 2023", "Code INSEE", "Zonage médecins 2026"]
    rows = [(1, cells), (2, ["ZIP", "59002", "ZAC"])]
    # Pinning the 2026 column for the code must not hand the zone the 2023 column silently.
    with pytest.raises(ImportFailure) as caught:
        find_header(rows, ZONING_SPECS, {"insee": "Zonage médecins 2026"})
    assert caught.value.rejection.reason == "colonnes ambiguës"
    assert "Zonage médecins 2026" in caught.value.rejection.value


# --- 3: encodings -----------------------------------------------------------------------


def test_utf8_file_with_one_cp1252_line_is_refused_with_its_lines(
    run_import: Runner, data: Path, tmp_path: Path
):
    a, b, c = perimeter_codes(data, 3)
    body = f"{CPTS_HEADER}\nCPTS Lens-Liévin;{a}\nCPTS Lens-Liévin;{b}\n".encode()
    body += f"CPTS Lens-Liévin;{c}\n".encode("cp1252")
    file = tmp_path / "cpts.csv"
    file.write_bytes(body)
    before = snapshot(data)
    result = run_import("cpts", file)
    assert result.code == 2, result.text
    assert "ligne 4 : encodages mélangés" in result.out
    assert "lignes en UTF-8 : 2, 3 ; lignes en Windows-1252 : 4" in result.out
    assert snapshot(data) == before


def test_a_cp1252_file_is_read_as_cp1252_end_to_end(run_import: Runner, data: Path, tmp_path: Path):
    a, b = perimeter_codes(data, 2)
    file = tmp_path / "cpts.csv"
    file.write_bytes(f"{CPTS_HEADER}\nCPTS Lens-Liévin;{a}\nCPTS Hénin;{b}\n".encode("cp1252"))
    assert run_import("cpts", file).code == 0
    text = (paths.sources_dir(data) / "cpts.csv").read_text(encoding="utf-8")
    assert "CPTS Lens-Liévin" in text and "CPTS Hénin" in text and "Ã" not in text


# --- 5: the app's loader decides --------------------------------------------------------


def test_import_is_refused_when_the_app_could_not_load_the_result(
    run_import: Runner, data: Path, tmp_path: Path
):
    indicators = data / "indicators.csv"
    lines = indicators.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].replace(",", ",pas-un-nombre,", 1)
    indicators.write_text("\n".join(lines) + "\n", encoding="utf-8")
    file = tmp_path / "cpts.csv"
    file.write_text(f"{CPTS_HEADER}\nCPTS A;62119\n", encoding="utf-8")
    before = snapshot(data)
    for extra in ((), ("--dry-run",)):
        result = run_import("cpts", file, *extra)
        assert result.code == 2, result.text
        assert (
            "l'application ne pourrait pas charger les données « data/indicators.csv, ligne 5 »" in result.out
        )
        assert "sans redémarrage" not in result.out
        assert snapshot(data) == before


def test_import_is_refused_when_a_table_it_never_reads_is_broken(
    run_import: Runner, data: Path, tmp_path: Path
):
    """A table the importer never reads, broken: the loader names it, and nothing is written."""
    file = tmp_path / "cpts.csv"
    file.write_text(f"{CPTS_HEADER}\nCPTS A;62119\n", encoding="utf-8")
    (paths.sources_dir(data) / "aides.csv").write_text("pas,un,tableau\n", encoding="utf-8")
    before = snapshot(data)
    result = run_import("cpts", file)
    assert result.code == 2, result.text
    assert "« data/sources/aides.csv, ligne 1 » (colonnes manquantes : id, zone" in result.out
    assert snapshot(data) == before


# --- 6: kills and the reload signal -----------------------------------------------------


def test_identical_import_resends_a_signal_that_does_not_match_the_data(
    run_import: Runner, data: Path, tmp_path: Path
):
    file = tmp_path / "cpts.csv"
    file.write_text(f"{CPTS_HEADER}\nCPTS A;62119\n", encoding="utf-8")
    assert run_import("cpts", file).code == 0
    # As a kill between the swap and the signal leaves it: new data, the old signal.
    (data / ".data-version").write_text("2026-01-01T00:00:00Z ancienne\n", encoding="utf-8")
    result = run_import("cpts", file)
    assert result.code == 0, result.text
    assert "rien n'a changé" in result.out and "renvoyé" in result.out
    assert stamp_matches(data)
    stamp = read_stamp(data)
    again = run_import("cpts", file)
    assert again.code == 0 and "renvoyé" not in again.out
    assert read_stamp(data) == stamp


def test_empty_archive_left_by_an_earlier_version_is_removed(run_import: Runner, data: Path, tmp_path: Path):
    empty = paths.archive_dir(data) / "cpts.20260101T000000Z-2.csv"
    empty.parent.mkdir(parents=True)
    empty.write_bytes(b"")
    file = tmp_path / "cpts.csv"
    file.write_text(f"{CPTS_HEADER}\nCPTS A;62119\n", encoding="utf-8")
    assert run_import("cpts", file).code == 0
    assert not empty.exists()
    assert all(p.stat().st_size for p in paths.archive_dir(data).iterdir())


@pytest.mark.parametrize("step", FAULT_STEPS)
def test_import_killed_at_each_step_leaves_data_and_signal_in_agreement(
    run_import: Runner, data: Path, tmp_path: Path, step: str
):
    file = tmp_path / "cpts_nouvelles.csv"
    file.write_text(NEW_CPTS, encoding="utf-8")
    facts = check_step(data, file, step, rerun=lambda f: run_import("cpts", f).code)
    assert facts["ok"], facts
    if step.startswith("stamp:") or step == "data:replaced":
        assert facts["data_after_kill"] == "new"
    else:
        assert facts["data_after_kill"] == "old" and facts["signal_matches_after_kill"]


# --- 7: limits --------------------------------------------------------------------------


def test_csv_with_one_huge_first_line_is_refused_at_once(run_import: Runner, data: Path, tmp_path: Path):
    file = tmp_path / "cpts.csv"
    file.write_text("x" * 5_000_000 + f"\n{CPTS_HEADER}\nCPTS A;62119\n", encoding="utf-8")
    started = time.perf_counter()
    result = run_import("cpts", file)
    assert time.perf_counter() - started < 5
    assert result.code == 2
    assert "ligne 1 : ligne trop longue (plus de 65534 caractères)" in result.out


def test_csv_with_too_many_columns_or_cells_is_refused(
    run_import: Runner, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    file = tmp_path / "cpts.csv"
    file.write_text(CPTS_HEADER + ";x" * 1_000 + "\nCPTS A;62119\n", encoding="utf-8")
    assert "plus de 1000 colonnes" in run_import("cpts", file).out
    monkeypatch.setattr("erbm_map.imports.reading.MAX_CSV_CELLS", 5)
    file.write_text(f"{CPTS_HEADER}\nCPTS A;62119\nCPTS A;62498\n", encoding="utf-8")
    result = run_import("cpts", file)
    assert result.code == 2 and "plus de 5 cellules" in result.out


def test_establishments_past_the_ceiling_are_refused(
    run_import: Runner, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(establishments, "MAX_IMPORTED", 3)
    lines = ["finess;raison sociale;categorie;code insee"]
    lines += [
        f"59010000{n};ETABLISSEMENT {n};Centre Hospitalier;{code}"
        for n, code in enumerate(perimeter_codes(data, 4))
    ]
    file = tmp_path / "finess.csv"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = snapshot(data)
    result = run_import("etablissements", file)
    assert result.code == 2, result.text
    assert "trop d'établissements pour la carte « 4 dans le périmètre » (au plus 3 par import" in result.out
    assert snapshot(data) == before


# --- 8: code columns that disagree ------------------------------------------------------


def test_two_code_columns_that_disagree_are_refused_with_sample_lines(
    run_import: Runner, data: Path, tmp_path: Path
):
    a, b, c = perimeter_codes(data, 3)
    file = tmp_path / "cpts.csv"
    rows = [f"CPTS A;{a};{a}", f"CPTS A;{b};{c}", f"CPTS B;{c};{b}"]
    file.write_text("Nom de la CPTS;Code INSEE;CODGEO\n" + "\n".join(rows) + "\n", encoding="utf-8")
    before = snapshot(data)
    result = run_import("cpts", file)
    assert result.code == 2, result.text
    assert "ligne 3 : colonnes de codes en désaccord « « Code INSEE » et « CODGEO » »" in result.out
    assert f"ligne 3 : {b} ≠ {c} ; ligne 4 : {c} ≠ {b}" in result.out
    assert snapshot(data) == before
    chosen = run_import("cpts", file, "--column", "insee=CODGEO", "--dry-run")
    assert chosen.code == 0, chosen.text


def test_two_code_columns_that_agree_are_accepted(run_import: Runner, data: Path, tmp_path: Path):
    a, b = perimeter_codes(data, 2)
    file = tmp_path / "cpts.csv"
    rows = [f"CPTS A;{a};{a}", f"CPTS A;{b};{b.lstrip('0')}"]
    file.write_text("Nom de la CPTS;Code INSEE;CODGEO\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert run_import("cpts", file).code == 0


# --- 10: archive names ------------------------------------------------------------------


def test_archive_names_sort_by_time():
    target = Path("cpts.csv")
    names = [archive_name(target, "20260302T142500Z", n) for n in range(1, 13)]
    names.append(archive_name(target, "20260302T142501Z", 1))
    assert sorted(names) == names


def test_signal_written_by_the_build_matches_the_data(data: Path):
    write_stamp(data)
    assert stamp_matches(data)
    (paths.sources_dir(data) / "cpts.csv").write_text("cpts_nom,insee,source\nA,62119,x\n", encoding="utf-8")
    assert not stamp_matches(data)
