from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from erbm_map.search import SearchIndex, normalize


@pytest.fixture(scope="module")
def index(bundle) -> SearchIndex:
    return SearchIndex.from_communes(bundle.communes)


def test_normalize_folds_accents_case_and_punctuation():
    assert normalize("Hénin-Beaumont") == "henin beaumont"
    assert normalize("  Cœur d’Ostrevent ") == "coeur d ostrevent"


@given(st.text())
def test_normalize_is_idempotent_and_ascii(text):
    once = normalize(text)
    assert normalize(once) == once
    assert once.isascii()


def test_exact_name_comes_first(index):
    assert index.search("Lens")[0] == "62498"
    assert index.search("lens")[0] == "62498"


def test_accent_insensitive(index):
    assert index.search("henin")[0] == "62427"
    assert index.search("HÉNIN-BEAUMONT")[0] == "62427"


def test_by_insee_and_postal_code(index):
    assert index.search("62427") == ["62427"]
    assert "62498" in index.search("62300")


def test_nothing_for_garbage(index):
    assert index.search("") == [] and index.search("???") == []
    assert index.search("zzzzzz") == []


def test_limit_is_respected():
    frame = pd.DataFrame(
        {"insee": [f"{i:05d}" for i in range(30)], "nom": ["Ville"] * 30, "codes_postaux": [""] * 30}
    )
    assert len(SearchIndex.from_communes(frame).search("ville", limit=5)) == 5
