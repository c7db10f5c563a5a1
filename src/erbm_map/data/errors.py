"""The one error the loader raises, carrying what a maintainer needs to fix the file."""

from __future__ import annotations

from pathlib import Path


class DataError(ValueError):
    """A data file is missing, malformed or inconsistent.

    ``row`` is the line number a person sees in a spreadsheet or editor (the header
    is line 1), so the message points straight at the cell to fix.
    """

    def __init__(self, path: Path | str, problem: str, row: int | None = None) -> None:
        self.path = Path(path)
        self.row = row
        self.problem = problem
        where = f"{self.path}" + (f", ligne {row}" if row is not None else "")
        super().__init__(f"{where} : {problem}")
