"""The data build: deterministic, and what is committed is what it produces."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from erbm_map.core.paths import DEFAULT_DATA_DIR, communes_dir
from erbm_map.data import DataError
from erbm_map.geodata import assemble as geodata
from erbm_map.geodata import datafrance
from erbm_map.geodata.assemble import build


@pytest.fixture(scope="module")
def wheel() -> Path:
    return datafrance.ensure_wheel()


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_build_is_deterministic_and_matches_the_committed_files(tmp_path, wheel):
    first, second = tmp_path / "a", tmp_path / "b"
    build("bassin-minier", first, wheel)
    build("bassin-minier", second, wheel)
    assert digests(communes_dir(first)) == digests(communes_dir(second))
    committed = {k: v for k, v in digests(communes_dir(DEFAULT_DATA_DIR)).items() if not k.startswith(".")}
    assert digests(communes_dir(first)) == committed, "run `erbm-map build-data` and commit the result"


def test_official_names_get_their_article_back():
    assert datafrance.official_name("Neuville", "3") == "La Neuville"
    assert datafrance.official_name("Lens", "0") == "Lens"
    assert datafrance.official_name("Hôpital", "5") == "L'Hôpital"


def test_unknown_perimeter_is_refused(tmp_path, wheel):
    with pytest.raises(ValueError, match="Périmètre inconnu"):
        build("corse", tmp_path, wheel)


def test_a_damaged_perimeter_file_is_named_before_any_geometry_is_written(tmp_path, wheel, monkeypatch):
    source = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR / "sources", source / "sources")
    shutil.copy2(DEFAULT_DATA_DIR / "indicators.csv", source / "indicators.csv")
    path = source / "sources" / "perimetre_bassin_minier.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], "5900," + lines[1].split(",", 1)[1], *lines[2:]]) + "\n")
    monkeypatch.setattr(geodata, "DEFAULT_DATA_DIR", source)
    with pytest.raises(DataError, match=r"perimetre_bassin_minier\.csv, ligne 2 : code INSEE attendu"):
        build("bassin-minier", tmp_path / "out", wheel)
    assert not (communes_dir(tmp_path / "out") / "communes.geojson").exists()
