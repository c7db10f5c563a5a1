"""Helpers shared by the import tests (a uniquely named module, unlike ``conftest``)."""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import ModuleType

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "imports"
TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 14, 25, 0, tzinfo=UTC)


def _load_make_fixtures() -> ModuleType:
    spec = importlib.util.spec_from_file_location("erbm_import_make_fixtures", FIXTURES / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_fixtures = _load_make_fixtures()


def snapshot(directory: Path) -> dict[str, str]:
    """SHA-256 of every file under ``directory`` (paths relative), directories included."""
    result: dict[str, str] = {}
    for path in sorted(directory.rglob("*")):
        key = str(path.relative_to(directory))
        result[key] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return result


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


Runner = Callable[..., Result]
