"""No function of the application is longer than a screen: long ones are split where it reads better.

A function's length runs from its ``def`` (decorators excluded) to its last line, as ``ast``
gives them; nested functions are counted on their own and inside the function that holds them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "erbm_map"
MAX_LINES = 60

#: Functions still over the limit, as (path under ``src/erbm_map``, name): none today.
ALLOWED: set[tuple[str, str]] = set()


def long_functions(root: Path, limit: int = MAX_LINES) -> list[tuple[str, str, int]]:
    """(path under ``root``, function name, lines) of every function longer than ``limit``."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > limit:
                    found.append((path.relative_to(root).as_posix(), node.name, lines))
    return found


def test_no_function_is_longer_than_the_limit() -> None:
    over = [
        f"{path} {name}: {lines} lines"
        for path, name, lines in long_functions(SRC)
        if (path, name) not in ALLOWED
    ]
    assert over == [], f"functions over {MAX_LINES} lines:\n" + "\n".join(over)


def test_the_allow_list_names_only_long_functions() -> None:
    # An entry whose function was split (or renamed) must go, so the list does not hide a new one.
    long = {(path, name) for path, name, _lines in long_functions(SRC)}
    assert sorted(ALLOWED - long) == [], f"no longer over {MAX_LINES} lines: remove them from ALLOWED"


def test_the_check_can_fail(tmp_path: Path) -> None:
    body = "".join(f"    x{n} = {n}\n" for n in range(MAX_LINES))
    (tmp_path / "long.py").write_text(f"def long():\n{body}\n\ndef short():\n    return 1\n")
    assert long_functions(tmp_path) == [("long.py", "long", MAX_LINES + 1)]


@pytest.mark.parametrize("lines", [MAX_LINES - 1, MAX_LINES])
def test_a_function_at_the_limit_passes(tmp_path: Path, lines: int) -> None:
    body = "".join(f"    x{n} = {n}\n" for n in range(lines - 1))
    (tmp_path / "fits.py").write_text(f"def fits():\n{body}")
    assert long_functions(tmp_path) == []
