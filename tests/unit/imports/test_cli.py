"""The ``import`` sub-command wiring: help, arguments, last-resort error handling."""

from __future__ import annotations

import argparse
import importlib.util
import shutil
from pathlib import Path

import pytest

from erbm_map.imports import import_cli
from tests.unit.imports.imports_testkit import FIXTURES, Runner, snapshot


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="erbm-map")
    import_cli.add_parser(parser.add_subparsers(dest="command", required=True))
    return parser


def test_import_without_kind_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    args = build_parser().parse_args(["import"])
    assert args.func(args) == 2
    assert "zonage" in capsys.readouterr().err


def test_arguments_of_each_kind() -> None:
    parser = build_parser()
    args = parser.parse_args(["import", "zonage", "f.csv", "--vintage", "2026", "--replace", "--dry-run"])
    assert (args.kind, args.file, args.vintage, args.replace, args.dry_run) == (
        "zonage",
        Path("f.csv"),
        "2026",
        True,
        True,
    )
    for kind in ("cpts", "etablissements"):
        args = parser.parse_args(["import", kind, "f.csv", "--source", "ARS"])
        assert (args.kind, args.source, args.dry_run, args.data_dir) == (kind, "ARS", False, None)
    with pytest.raises(SystemExit):
        parser.parse_args(["import", "cpts", "f.csv", "--replace"])


def test_unexpected_error_is_one_line_not_a_traceback(
    run_import: Runner, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> int:
        raise RuntimeError("bug")

    monkeypatch.setattr(import_cli, "import_zoning", boom)
    before = snapshot(data)
    result = run_import("zonage", shutil.copy(FIXTURES / "zonage_ars_2026.csv", tmp_path))
    assert result.code == 1
    assert "Erreur inattendue (RuntimeError : bug)" in result.err
    assert "Traceback" not in result.text
    assert snapshot(data) == before


def test_erbm_data_environment_variable_is_honoured(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ERBM_DATA", str(data))
    file = shutil.copy(FIXTURES / "zonage_ars_2026.csv", tmp_path)
    args = build_parser().parse_args(["import", "zonage", str(file), "--confirm"])
    assert args.func(args) == 0
    assert (data / "sources" / "zonage" / "zonage_2026.csv").exists()
    capsys.readouterr()


@pytest.mark.skipif(
    importlib.util.find_spec("erbm_map.geodata.geodata_cli") is None,
    reason="erbm_map.geodata.geodata_cli not written yet",
)
def test_main_entry_point_dispatches_to_import(data: Path, tmp_path: Path) -> None:
    from erbm_map.cli import main

    file = shutil.copy(FIXTURES / "zonage_ars_2026.csv", tmp_path)
    assert main(["import", "zonage", str(file), "--data-dir", str(data), "--dry-run", "--confirm"]) == 0
