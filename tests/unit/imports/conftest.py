"""Shared fixtures of the import tests: a private copy of the data directory, a runner."""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import ModuleType

import pytest

from erbm_map import paths
from erbm_map.imports import cli as import_cli

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "imports"
TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 14, 25, 0, tzinfo=UTC)


def _load_make_fixtures() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "erbm_import_make_fixtures", FIXTURES / "make_fixtures.py"
    )
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


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the committed data directory that a test may damage freely."""
    target = tmp_path / "data"
    shutil.copytree(paths.DEFAULT_DATA_DIR / "sources", target / "sources")
    return target


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


Runner = Callable[..., Result]


@pytest.fixture
def run_import(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Runner:
    """Run ``erbm-map import ...`` through this package's parser, on the data copy.

    The date and the archive timestamp are pinned so outputs can be compared exactly.
    """
    from erbm_map.imports import commands

    original = commands.ImportOptions

    def pinned(**kwargs: object) -> commands.ImportOptions:
        return original(**kwargs, today=TODAY, now=NOW)  # type: ignore[arg-type]

    monkeypatch.setattr("erbm_map.imports.cli.ImportOptions", pinned)

    def run(*argv: str | Path) -> Result:
        parser = argparse.ArgumentParser(prog="erbm-map")
        import_cli.add_parser(parser.add_subparsers(dest="command", required=True))
        args = parser.parse_args(["import", *map(str, argv), "--data-dir", str(data)])
        capsys.readouterr()
        code = args.func(args)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
