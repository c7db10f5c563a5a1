"""Shared fixtures: the loaded data bundle (once per session)."""

from __future__ import annotations

import pytest

from erbm_map.data import Bundle, load_bundle


@pytest.fixture(scope="session")
def bundle() -> Bundle:
    return load_bundle()
