"""The map choices file: read, checked, and optional."""

from __future__ import annotations

from pathlib import Path

import pytest

import erbm_map
from erbm_map.core.domain import ALL_LAYERS
from erbm_map.core.paths import DEFAULT_DATA_DIR
from erbm_map.data import DataError
from erbm_map.data.choices import load_map_choices, parse_layers

THEMES = ("offre-de-soins", "hopitaux")


def write(tmp_path, text: str):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "presentation.csv").write_text(text, encoding="utf-8")
    return tmp_path


def test_the_committed_file_covers_every_theme_and_names_known_layers(bundle):
    choices = load_map_choices(DEFAULT_DATA_DIR, bundle.theme_slugs)
    assert set(bundle.theme_slugs) <= set(choices)
    assert {"introduction", "commune"} <= set(choices)
    for choice in choices.values():
        assert set(choice.layers) <= set(ALL_LAYERS)
        assert choice.source == "choix éditorial erbm-map"


def test_the_loader_reads_the_file_into_the_bundle(bundle):
    assert bundle.map_choices
    assert dict(bundle.map_choices) == dict(load_map_choices(DEFAULT_DATA_DIR, bundle.theme_slugs))


def test_only_the_data_package_reads_the_file():
    package = Path(erbm_map.__file__).parent
    readers = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if path.parent.name != "data" and "load_map_choices" in path.read_text(encoding="utf-8")
    ]
    assert readers == []


def test_parse_layers():
    assert parse_layers(" zonage ; epci;") == ("zonage", "epci")


def test_a_missing_file_means_no_choices(tmp_path):
    assert dict(load_map_choices(tmp_path, THEMES)) == {}


@pytest.mark.parametrize(
    "body",
    [
        "inconnu,zonage,s\n",
        "hopitaux,helicopteres,s\n",
        "hopitaux,,s\n",
        "hopitaux, ; ,s\n",
        "hopitaux,sanitaire,s\nhopitaux,epci,s\n",
    ],
)
def test_a_bad_row_fails_at_start_up(tmp_path, body):
    base = write(tmp_path, "theme,layers,source\n" + body)
    with pytest.raises(DataError, match=r"presentation\.csv, ligne [23] : "):
        load_map_choices(base, THEMES)
