"""Issue 14's import findings, each reproduced: truncated zoning files, ambiguous columns,
spreadsheet formulas, concurrent imports, hostile XLSX, temporary files, English messages."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from erbm_map.cli import main
from erbm_map.core import paths
from erbm_map.core.textsafe import FORMULA_PREFIXES
from erbm_map.data.dataversion import read_stamp
from erbm_map.imports.writer import archive, import_lock, render_csv
from tests.support.hostile import PAST_LIMITS, hostile_xlsx
from tests.unit.imports.imports_testkit import NOW, Runner, snapshot

ROOT = Path(__file__).resolve().parents[3]


def vintage(data: Path, year: int = 2026) -> dict[str, str]:
    text = (paths.zoning_dir(data) / f"zonage_{year}.csv").read_text(encoding="utf-8")
    return {row["insee"]: row["zone"] for row in csv.DictReader(io.StringIO(text))}


def zoning_2025(data: Path) -> list[list[str]]:
    text = (paths.zoning_dir(data) / "zonage_2025.csv").read_text(encoding="utf-8")
    return [[row["insee"], row["zone"]] for row in csv.DictReader(io.StringIO(text))]


def write(path: Path, header: list[str], rows: list[list[str]], *, end: str = "\n") -> Path:
    lines = [";".join(header), *(";".join(row) for row in rows)]
    path.write_text("\n".join(lines) + end, encoding="utf-8")
    return path


# --- finding 2: a truncated zoning file --------------------------------------------------


def test_zoning_file_cut_after_50_rows_needs_confirm(run_import: Runner, data: Path, tmp_path: Path):
    rows = zoning_2025(data)[:50]
    file = write(tmp_path / "zonage_2025.csv", ["insee", "zone"], rows)
    before = snapshot(data)
    result = run_import("zonage", file, "--replace")
    assert result.code == 2, result.text
    assert "Import suspendu par sécurité" in result.out and "--confirm" in result.out
    assert "le fichier liste 50 communes du périmètre contre 330" in result.out
    assert "l'éligibilité change pour" in result.out
    assert snapshot(data) == before
    # The dry run gives the same counts, and --confirm imports.
    dry = run_import("zonage", file, "--replace", "--dry-run")
    assert dry.code == 2 and "contre 330" in dry.out and snapshot(data) == before
    assert run_import("zonage", file, "--replace", "--confirm").code == 0


def test_zoning_file_ending_mid_record_needs_confirm(run_import: Runner, data: Path, tmp_path: Path):
    rows = zoning_2025(data)
    file = tmp_path / "zonage_2026.csv"
    body = "".join(f"{insee};{zone};x;1\n" for insee, zone in rows[1:])
    text = "insee;zone;nom;population\n" + body + f"{rows[0][0]};{rows[0][1]};Absc"
    file.write_text(text, encoding="utf-8")
    result = run_import("zonage", file)
    assert result.code == 2, result.text
    assert f"se termine au milieu de la ligne {len(rows) + 1}" in result.out
    assert not (paths.zoning_dir(data) / "zonage_2026.csv").exists()


def test_code_cut_mid_value_is_not_padded_into_outside_the_perimeter(
    run_import: Runner, data: Path, tmp_path: Path
):
    rows = zoning_2025(data)
    file = write(
        tmp_path / "zonage_2026.csv", ["zone", "insee"], [[z, i] for i, z in rows] + [["ZIP", "5917"]]
    )
    result = run_import("zonage", file, "--confirm")
    assert result.code == 2, result.text
    assert f"ligne {len(rows) + 2} : code INSEE incomplet « 5917 »" in result.out
    assert not (paths.zoning_dir(data) / "zonage_2026.csv").exists()


def test_an_unchanged_complete_zoning_needs_no_confirm(run_import: Runner, data: Path, tmp_path: Path):
    file = write(tmp_path / "zonage_2026.csv", ["insee", "zone"], zoning_2025(data))
    result = run_import("zonage", file)
    assert result.code == 0, result.text
    assert "Vérifications de sécurité" not in result.out


# --- finding 3: ambiguous columns -------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "wanted"),
    [
        (["Code commune", "Zonage médecins 2023", "Zonage médecins 2026"], "Zonage médecins 2026"),
        (
            ["Code commune", "Zonage infirmiers", "Zonage médecins généralistes 2026"],
            "Zonage médecins généralistes 2026",
        ),
    ],
)
def test_ambiguous_columns_are_refused_then_chosen(
    run_import: Runner, data: Path, tmp_path: Path, header: list[str], wanted: str
):
    rows = [[insee, "HZ", zone] for insee, zone in zoning_2025(data)]
    file = write(tmp_path / "zonage_2026.csv", header, rows)
    before = snapshot(data)
    result = run_import("zonage", file)
    assert result.code == 2
    assert "colonnes ambiguës" in result.out
    assert f"« {header[1]} » ; « {header[2]} »" in result.out
    assert f'--column zone="{wanted}"' in result.out
    assert snapshot(data) == before
    chosen = run_import("zonage", file, "--column", f"zone={wanted}")
    assert chosen.code == 0, chosen.text
    assert vintage(data) == dict(zoning_2025(data))


def test_column_option_naming_a_missing_header_is_reported(run_import: Runner, tmp_path: Path):
    file = write(tmp_path / "zonage_2026.csv", ["Code commune", "Zonage"], [["59002", "ZIP"]])
    result = run_import("zonage", file, "--column", "zone=Zonage 2030")
    assert result.code == 2
    assert "colonne manquante" in result.out and "Zonage 2030" in result.out


# --- finding 4: spreadsheet formulas ----------------------------------------------------


def test_formulas_in_names_and_source_are_neutralised(run_import: Runner, data: Path, tmp_path: Path):
    names = ['=HYPERLINK("http://x.example","clic")', "@SUM(1+1)", "=cmd|' /C calc'!A0", "+CPTS", "-CPTS"]
    rows = [
        [name, insee]
        for name, insee in zip(names, ["62119", "62498", "62510", "59178", "59606"], strict=True)
    ]
    file = write(tmp_path / "cpts.csv", ["Nom de la CPTS", "Code INSEE"], rows)
    result = run_import("cpts", file, "--source", "=cmd|' /C calc'!A0")
    assert result.code == 0, result.text
    text = (paths.sources_dir(data) / "cpts.csv").read_text(encoding="utf-8")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_PREFIXES)]
    assert '\'=HYPERLINK("http://x.example","clic")' in cells and "'-CPTS" in cells


def test_negative_coordinates_are_not_quoted():
    data = render_csv(("nom", "lon", "lat"), [("-x", "-1.5", "50.1")])
    assert data.decode().splitlines()[1] == "'-x,-1.5,50.1"


# --- finding 5: concurrent imports ------------------------------------------------------


def test_second_import_while_one_runs_gets_a_french_message(run_import: Runner, data: Path, tmp_path: Path):
    file = write(tmp_path / "cpts.csv", ["Nom de la CPTS", "Code INSEE"], [["CPTS A", "62119"]])
    before = snapshot(data)
    with import_lock(data):
        result = run_import("cpts", file)
    assert result.code == 1
    assert "Un autre import est en cours" in result.out
    assert snapshot(data) == before
    assert run_import("cpts", file).code == 0


def test_archive_names_taken_at_the_same_second_are_unique(data: Path):
    target = paths.sources_dir(data) / "cpts.csv"
    names: list[Path] = []
    threads = [
        threading.Thread(target=lambda: names.append(archive(target, b"v", data, NOW))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(names)) == 8
    assert all(name.read_bytes() == b"v" for name in names)


def test_concurrent_imports_lose_no_version(data: Path, tmp_path: Path):
    """Four imports race; every version written is either the current file or archived."""
    files = []
    for n in range(4):
        files.append(
            write(tmp_path / f"cpts_{n}.csv", ["Nom de la CPTS", "Code INSEE"], [[f"CPTS {n}", "62119"]])
        )
    command = [sys.executable, "-m", "erbm_map.cli", "import", "cpts"]
    children = [
        subprocess.Popen(
            [*command, str(f), "--data-dir", str(data)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        for f in files
    ]
    outputs = []
    for child in children:
        out, _ = child.communicate(timeout=120)
        outputs.append((child.returncode, out.decode()))
    done = [n for n, (code, _) in enumerate(outputs) if code == 0]
    busy = [n for n, (code, out) in enumerate(outputs) if code == 1 and "Un autre import est en cours" in out]
    assert len(done) + len(busy) == 4, outputs
    assert done, outputs
    versions = [(paths.sources_dir(data) / "cpts.csv").read_text(encoding="utf-8")]
    versions += [p.read_text(encoding="utf-8") for p in paths.archive_dir(data).glob("cpts.*.csv")]
    for n in done:
        assert sum(f"CPTS {n}," in version for version in versions) == 1, (n, versions)
    assert len(versions) == len(done) + 1  # the committed version, archived once


# --- finding 6: hostile XLSX files ------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("huge-cell", "cellule trop longue"),
        ("wide", "plus de 1000 colonnes"),
        ("tall", "plus de 60000 lignes"),
    ],
)
def test_hostile_xlsx_is_refused_while_streaming(
    run_import: Runner, data: Path, tmp_path: Path, kind, reason
):
    file = hostile_xlsx(tmp_path / "zonage_2026.xlsx", kind, PAST_LIMITS[kind])
    before = snapshot(data)
    result = run_import("zonage", file)
    assert result.code == 2
    assert reason in result.out
    assert snapshot(data) == before


def test_red_team_huge_cell_is_refused_before_parsing(run_import: Runner, tmp_path: Path):
    file = hostile_xlsx(tmp_path / "zonage_2026.xlsx", "huge-cell")
    assert file.stat().st_size < 300_000
    result = run_import("zonage", file)
    assert result.code == 2 and "décompressés" in result.out


# --- finding 11: temporary files, English messages --------------------------------------


def test_temporary_files_of_a_killed_write_are_removed_and_ignored(
    run_import: Runner, data: Path, tmp_path: Path
):
    leftover = paths.sources_dir(data) / ".cpts.csv.abc123.tmp"
    leftover.write_text("half", encoding="utf-8")
    file = write(tmp_path / "cpts.csv", ["Nom de la CPTS", "Code INSEE"], [["CPTS A", "62119"]])
    assert run_import("cpts", file).code == 0
    assert not leftover.exists()
    for name in ("data/sources/.cpts.csv.abc123.tmp", "data/sources/zonage/.zonage_2026.csv.x.tmp"):
        ignored = subprocess.run(["git", "check-ignore", "-q", name], cwd=ROOT, check=False)
        assert ignored.returncode == 0, name


def test_successful_import_writes_the_data_version_last(run_import: Runner, data: Path, tmp_path: Path):
    file = write(tmp_path / "cpts.csv", ["Nom de la CPTS", "Code INSEE"], [["CPTS A", "62119"]])
    assert read_stamp(data) == ""
    assert run_import("cpts", file).code == 0
    stamp = read_stamp(data)
    assert stamp
    written = paths.sources_dir(data) / "cpts.csv"
    assert os.stat(data / ".data-version").st_mtime_ns >= written.stat().st_mtime_ns
    assert (
        "sans redémarrage"
        in run_import("cpts", write(tmp_path / "b.csv", ["cpts", "insee"], [["B", "62119"]])).out
    )
    assert read_stamp(data) != stamp


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["import", "zonage"], "argument(s) obligatoire(s) manquant(s) : FICHIER"),
        (["import", "zonage", "f.csv", "--bogus"], "argument(s) non reconnu(s) : --bogus"),
        (["import", "logos"], "choix invalide : 'logos'"),
        (["import", "zonage", "f.csv", "--column", "zone"], "forme attendue CLÉ=EN-TÊTE"),
    ],
)
def test_cli_usage_errors_are_in_french(capsys: pytest.CaptureFixture[str], argv: list[str], expected: str):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "utilisation : " in err and "erreur : " in err
    assert "usage:" not in err and "error:" not in err


def test_cli_help_is_in_french(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit):
        main(["import", "zonage", "--help"])
    out = capsys.readouterr().out
    assert "afficher cette aide et quitter" in out and "show this help" not in out


def test_missing_file_error_is_in_french(run_import: Runner, tmp_path: Path):
    file = tmp_path / "dossier"
    file.mkdir()
    result = run_import("zonage", file / "zonage_2026.csv")
    assert result.code == 1 and "fichier introuvable" in result.out
    unreadable = run_import("zonage", file, "--vintage", "2026")
    assert unreadable.code == 1
    assert "Is a directory" not in unreadable.text and "c'est un dossier" in unreadable.out
