"""Round trip: every successful import leaves data that the app loads and serves."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from imports_testkit import FIXTURES, Runner

from erbm_map import paths
from erbm_map.app import create_app
from erbm_map.data import load_bundle


@pytest.fixture
def full_data(data: Path) -> Path:
    """The import fixture's copy of ``sources``, plus the built communes the app also reads."""
    shutil.copytree(paths.DEFAULT_DATA_DIR / "communes", data / "communes")
    shutil.copy(paths.DEFAULT_DATA_DIR / "indicators.csv", data / "indicators.csv")
    return data


@pytest.mark.parametrize(
    ("kind", "fixture"),
    [
        ("etablissements", "finess_extrait_2026.csv"),
        ("cpts", "cpts_2026.csv"),
        ("zonage", "zonage_ars_2026.csv"),
    ],
)
def test_import_then_load_and_serve(
    run_import: Runner, full_data: Path, tmp_path: Path, kind: str, fixture: str
):
    before = load_bundle(full_data)
    result = run_import(kind, shutil.copy(FIXTURES / fixture, tmp_path))
    assert result.code == 0, result.err
    bundle = load_bundle(full_data)
    if kind == "etablissements":
        assert len(bundle.establishments) > len(before.establishments)
    elif kind == "cpts":
        assert len(bundle.cpts) > len(before.cpts)
    else:
        assert len(bundle.vintages) == len(before.vintages) + 1
    response = create_app(full_data).server.test_client().get("/")
    assert response.status_code == 200
