"""Fixtures of the import tests: a private copy of the data directory, a CLI runner."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from erbm_map.core import paths
from erbm_map.imports import import_cli
from tests.unit.imports.imports_testkit import NOW, TODAY, Result, Runner


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the committed data directory that a test may damage freely.

    The whole directory, not only ``sources``: an import loads the data directory it
    would leave with the app's loader, which reads the build outputs too.
    """
    target = tmp_path / "data"
    shutil.copytree(paths.DEFAULT_DATA_DIR, target, ignore=shutil.ignore_patterns("archive", ".*"))
    return target


@pytest.fixture
def run_import(data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Runner:
    """Run ``erbm-map import ...`` through this package's parser, on the data copy.

    The date and the archive timestamp are pinned so outputs can be compared exactly.
    """
    from erbm_map.imports import commands

    original = commands.ImportOptions

    def pinned(**kwargs: object) -> commands.ImportOptions:
        return original(**kwargs, today=TODAY, now=NOW)  # type: ignore[arg-type]

    monkeypatch.setattr("erbm_map.imports.import_cli.ImportOptions", pinned)

    def run(*argv: str | Path) -> Result:
        parser = argparse.ArgumentParser(prog="erbm-map")
        import_cli.add_parser(parser.add_subparsers(dest="command", required=True))
        args = parser.parse_args(["import", *map(str, argv), "--data-dir", str(data)])
        capsys.readouterr()
        code = args.func(args)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
