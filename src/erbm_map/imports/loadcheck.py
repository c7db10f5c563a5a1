"""Check that the app could load the data directory an import would leave behind.

The importer's own checks know one file; the app's loader knows every file and every
rule across them (schemas, known communes, CPTS overlap, coordinates, colours...). So
before anything is written, the would-be data directory is assembled in a temporary
folder (links to the current files, the new file in place) and handed to the app's own
``load_bundle``: whatever rule the loader gains, the importer enforces without a copy
of it, and an import can no longer succeed where a restart of the app would fail.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from erbm_map.core import paths
from erbm_map.imports.report import Rejection

#: Not data: the loader never reads the archive, and hidden files are temporaries or the stamp.
SKIPPED = frozenset({"archive"})
REASON = "l'application ne pourrait pas charger les données"
HINT = "rien n'a été écrit"


def _mirror(source: Path, target: Path, keep_out: Path | None) -> None:
    """Recreate ``source`` in ``target`` with symbolic links, except ``keep_out`` and its parents.

    The directories on the way to ``keep_out`` are real, so the new file can be placed
    in them without touching the data directory; everything else is a link (fast, even
    for a regional build of many megabytes).
    """
    target.mkdir(parents=True, exist_ok=True)
    for entry in source.iterdir():
        if entry.name.startswith(".") or entry.name in SKIPPED or entry == keep_out:
            continue
        if keep_out is not None and entry.is_dir() and keep_out.is_relative_to(entry):
            _mirror(entry, target / entry.name, keep_out)
        else:
            (target / entry.name).symlink_to(entry.resolve())


def _shown(path: Path, root: Path, base: Path) -> str:
    """Name a file of the would-be directory by its place in the real one."""
    for candidate, folder in ((path, root), (path.resolve(), base)):
        if candidate.is_relative_to(folder):
            return str(Path(base.name) / candidate.relative_to(folder))
    return str(path)


def loader_rejection(base: Path | None, path: Path, data: bytes) -> Rejection | None:
    """Load the data directory as it would be with ``data`` at ``path``; None if the app could.

    Returns the rejection to report otherwise: the loader's own French message, with
    the file (named as in the real data directory) and the line.
    """
    from erbm_map.data.errors import DataError
    from erbm_map.data.loader import load_bundle

    base = (base or paths.data_dir()).resolve()
    target = path.resolve()
    with tempfile.TemporaryDirectory(prefix="erbm-import-check-") as temp:
        root = Path(temp).resolve() / base.name
        _mirror(base, root, target)
        candidate = root / target.relative_to(base)
        candidate.parent.mkdir(parents=True, exist_ok=True)
        candidate.write_bytes(data)
        try:
            load_bundle(root)
        except DataError as exc:
            where = _shown(exc.path, root, base) + (f", ligne {exc.row}" if exc.row is not None else "")
            return Rejection(None, REASON, where, f"{exc.problem} ; {HINT}")
        except Exception as exc:
            return Rejection(None, REASON, f"{exc.__class__.__name__} : {exc}", HINT)
    return None
