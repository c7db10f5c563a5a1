"""The tests' own house rules: gunicorn only under tests/integration/, no fixed waits.

(That no test imports the benchmark is the import-linter contract in pyproject.toml.)
"""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
STARTS_GUNICORN = re.compile(r"with_name\(\s*\"gunicorn\"\s*\)|\"gunicorn\",")
FIXED_WAIT = re.compile(r"wait_for_timeout\(|time\.sleep\(\s*[0-9.]*[1-9]")


def _sources(folder: str) -> list[Path]:
    return sorted((TESTS / folder).rglob("*.py"))


def test_only_integration_tests_start_gunicorn():
    found = [str(p.relative_to(TESTS)) for p in _sources("unit") if STARTS_GUNICORN.search(p.read_text())]
    assert found == []


def test_browser_tests_wait_for_conditions_not_for_time():
    found = [
        f"{p.relative_to(TESTS)}:{n}"
        for p in _sources("e2e")
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if FIXED_WAIT.search(line)
    ]
    assert found == []
