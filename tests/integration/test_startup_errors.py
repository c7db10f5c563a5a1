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
from collections.abc import Callable
from pathlib import Path

import pytest

from erbm_map.core.paths import DEFAULT_DATA_DIR
from erbm_map.reload import EXIT_BAD_DATA, load_or_exit

ROOT = Path(__file__).resolve().parents[2]
READ_AT_START = [
    "communes/communes.geojson",
    "communes/communes_france.csv",
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
    command = [gunicorn, "--config", "python:erbm_map.web.gunicorn_conf", "erbm_map.reload:serve()"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "aucune commune" in done.stderr and "Traceback" not in done.stderr + done.stdout
    assert len([line for line in done.stderr.splitlines() if line.strip()]) == 1


# ---- issue 18, defect 9: every corrupt-data case names the file and, where there is one, the line ----

GEOJSON = [name for name in READ_AT_START if name.endswith(".geojson")]
CSV = [name for name in READ_AT_START if name.endswith(".csv")]


def _first_feature(path: Path, change: Callable[[dict], object]) -> None:
    """Damage the first feature in place: build-data writes one feature per line, line 2 first."""
    lines = path.read_text(encoding="utf-8").split("\n")
    comma = "," if lines[1].endswith(",") else ""
    feature = json.loads(lines[1].rstrip(","))
    changed = change(feature)
    lines[1] = json.dumps(feature if changed is None else changed, separators=(",", ":")) + comma
    path.write_text("\n".join(lines), encoding="utf-8")


FEATURE_DAMAGES = {
    "not an object": (lambda f: "x", "objet « Feature » attendu"),
    "no properties": (lambda f: f.pop("properties") and None, "propriétés absentes"),
    "a point": (
        lambda f: f.update(geometry={"type": "Point", "coordinates": [3, 50]}),
        "Polygon ou MultiPolygon",
    ),
    "no geometry": (lambda f: f.update(geometry=None), "géométrie absente"),
    "unreadable coordinates": (
        lambda f: f["geometry"].update(coordinates=[[["trois", "cinquante"]]]),
        "coordonnées illisibles",
    ),
}


@pytest.mark.parametrize("damage", FEATURE_DAMAGES)
@pytest.mark.parametrize("name", GEOJSON)
def test_a_malformed_feature_names_file_feature_and_line(broken, capsys, name, damage):
    change, expected = FEATURE_DAMAGES[damage]
    _first_feature(broken / name, change)
    line = _start(broken, capsys)
    assert line.startswith("Démarrage impossible, données invalides : ")
    assert f"{name}, ligne 2 : entité n° 1" in line and expected in line


@pytest.mark.parametrize(
    ("name", "prop", "value", "expected"),
    [
        ("communes/communes.geojson", "population", "beaucoup", "« population » doit être un nombre"),
        ("communes/communes.geojson", "mairie_lat", None, "« mairie_lat » doit être un nombre, lu null"),
        ("communes/communes.geojson", "bassin_minier", "oui", "« bassin_minier » doit être true ou false"),
        ("communes/communes.geojson", "insee", 59002, "« insee » doit être un code INSEE"),
        ("communes/epci.geojson", "label_lon", "x", "« label_lon » doit être un nombre"),
        ("communes/epci.geojson", "epci_nom", None, "« epci_nom » doit être un texte non vide"),
    ],
)
def test_a_property_of_the_wrong_type_is_named(broken, capsys, name, prop, value, expected):
    _first_feature(broken / name, lambda f: f["properties"].update({prop: value}))
    line = _start(broken, capsys)
    assert f"{name}, ligne 2 : entité n° 1" in line and expected in line


@pytest.mark.parametrize("name", GEOJSON)
def test_a_geojson_that_is_not_a_collection_or_is_cut_is_named(broken, capsys, name):
    path = broken / name
    path.write_text("[]", encoding="utf-8")
    assert f"{name} : FeatureCollection attendue" in _start(broken, capsys)
    raw = (DEFAULT_DATA_DIR / name).read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    line = _start(broken, capsys)
    assert f"{name}, ligne " in line and "tronqué" in line


def test_a_repeated_epci_is_named(broken, capsys):
    path = broken / "communes/epci.geojson"
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join([*lines[:2], lines[1], *lines[2:]]), encoding="utf-8")
    line = _start(broken, capsys)
    assert (
        "epci.geojson, ligne 3 : entité n° 2" in line
        and "« epci_siren » en double (déjà entité n° 1)" in line
    )


@pytest.mark.parametrize("name", CSV)
def test_a_missing_column_names_the_file_and_the_header(broken, capsys, name):
    path = broken / name
    header, *rows = path.read_text(encoding="utf-8").split("\n")
    first = header.split(",")[0]
    path.write_text("\n".join([header.replace(first, "zzz", 1), *rows]), encoding="utf-8")
    line = _start(broken, capsys)
    assert f"{name}, ligne 1 : colonnes manquantes : {first}" in line


# Every CSV goes through the one reader (the sweep above shows it): two files, read first and last.
@pytest.mark.parametrize("name", ["sources/zones.csv", "sources/presentation.csv"])
def test_an_unclosed_quote_names_the_file_and_its_line(broken, capsys, name):
    path = broken / name
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    path.write_text("\n".join([*lines, '"pas fermé,x']) + "\n", encoding="utf-8")
    line = _start(broken, capsys)
    assert f"{name}, ligne {len(lines) + 1} : CSV mal formé : guillemet ouvert jamais refermé" in line


@pytest.mark.parametrize(
    ("name", "expected"), [("sources/editions.csv", "aucune édition"), ("sources/themes.csv", "aucun thème")]
)
def test_a_vocabulary_file_with_its_header_only_is_named(broken, capsys, name, expected):
    path = broken / name
    path.write_text(path.read_text(encoding="utf-8").split("\n")[0] + "\n", encoding="utf-8")
    line = _start(broken, capsys)
    assert f"{name}, ligne 2 : {expected}" in line
