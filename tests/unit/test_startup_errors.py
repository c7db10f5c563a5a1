"""Bad data at start-up (issue 14, finding 10): one French line naming file and line, exit 2.

Every data file the app reads is damaged the ways files get damaged (emptied,
re-saved in Windows-1252, cut in the middle) and the app's own entry point must stop
with one line, never a traceback. ``sources/establishments.csv`` and
``sources/perimetre_bassin_minier.csv`` are inputs of ``erbm-map build-data`` only.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from erbm_map.paths import DEFAULT_DATA_DIR
from erbm_map.reload import EXIT_BAD_DATA, load_or_exit

ROOT = Path(__file__).resolve().parents[2]
READ_AT_START = [
    "communes/communes.geojson",
    "communes/epci.geojson",
    "communes/perimetre.geojson",
    "communes/establishments.csv",
    "communes/voisins.geojson",
    "indicators.csv",
    "sources/aides.csv",
    "sources/contracts.csv",
    "sources/cpts.csv",
    "sources/editions.csv",
    "sources/etablissements_import.csv",
    "sources/presentation.csv",
    "sources/symbols.csv",
    "sources/themes.csv",
    "sources/zones.csv",
    "sources/zonage/zonage_2025.csv",
]


def _cp1252(raw: bytes) -> bytes:
    """The file as Excel re-saves it on a French Windows (or a stray byte if it has no accent)."""
    return (
        raw.decode("utf-8").encode("cp1252")
        if raw.decode("utf-8") != raw.decode("ascii", "ignore")
        else b"\xff" + raw
    )


def test_every_data_file_read_at_start_is_covered():
    build_inputs = {"sources/establishments.csv", "sources/perimetre_bassin_minier.csv"}
    files = {
        str(p.relative_to(DEFAULT_DATA_DIR))
        for p in DEFAULT_DATA_DIR.rglob("*.*")
        if p.suffix in (".csv", ".geojson")
    }
    assert files - build_inputs == set(READ_AT_START)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    base = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, base, ignore=shutil.ignore_patterns("archive", ".*"))
    return base


def _start(base: Path, capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as stop:
        load_or_exit(base)
    assert stop.value.code == EXIT_BAD_DATA
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err and captured.out == ""
    return lines[0]


@pytest.mark.parametrize("damage", ["empty", "cp1252"])
@pytest.mark.parametrize("name", READ_AT_START)
def test_damaged_file_stops_the_app_with_one_french_line(broken, capsys, name, damage):
    path = broken / name
    path.write_bytes(b"" if damage == "empty" else _cp1252(path.read_bytes()))
    line = _start(broken, capsys)
    assert line.startswith("Démarrage impossible, données invalides : ")
    assert name in line
    expected = "fichier vide" if damage == "empty" else "encodage non UTF-8"
    assert expected in line or (damage == "empty" and "colonnes manquantes" in line)
    if damage == "cp1252":
        assert ", ligne " in line


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("communes/communes.geojson", '{"type": "FeatureCollection", "features": []}', "aucune commune"),
        (
            "sources/presentation.csv",
            "theme,layers,source\ninconnu,zonage,x\n",
            "ligne 2 : thème inconnu « inconnu »",
        ),
        (
            "sources/presentation.csv",
            "theme,layers,source\nintroduction,lune,x\n",
            "ligne 2 : couches inconnues",
        ),
    ],
)
def test_inconsistent_file_names_the_line(broken, capsys, name, content, expected):
    (broken / name).write_text(content, encoding="utf-8")
    line = _start(broken, capsys)
    assert name in line and expected in line


def test_row_with_extra_fields_names_its_line(broken, capsys):
    path = broken / "sources/aides.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    fields = len(lines[0].split(","))
    path.write_text("\n".join([*lines, "x," * fields]) + "\n", encoding="utf-8")
    line = _start(broken, capsys)
    assert (
        f"aides.csv, ligne {len(lines) + 1} : CSV mal formé : {fields + 1} champs au lieu de {fields}" in line
    )


def test_truncated_geojson_names_its_line(broken, capsys):
    path = broken / "communes/communes.geojson"
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    line = _start(broken, capsys)
    assert "communes.geojson, ligne " in line and "tronqué" in line


def test_dev_server_entry_point_exits_2_without_traceback(broken):
    (broken / "communes/communes.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": []})
    )
    env = {**os.environ, "ERBM_DATA": str(broken), "PORT": "1"}
    env.pop("ERBM_DEBUG", None)
    done = subprocess.run(
        [sys.executable, str(ROOT / "app.py")], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "aucune commune" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_gunicorn_entry_point_exits_2_without_traceback(broken):
    (broken / "communes/communes.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": []})
    )
    env = {**os.environ, "ERBM_DATA": str(broken), "PORT": "1"}
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = [gunicorn, "--config", "python:erbm_map.gunicorn_conf", "erbm_map.reload:serve()"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "aucune commune" in done.stderr and "Traceback" not in done.stderr + done.stdout
    assert len([line for line in done.stderr.splitlines() if line.strip()]) == 1
