"""Store an import's result without ever leaving a half-written data file.

The running dashboard and the build read ``data/sources`` at any time, so a new file is
written to a temporary file in the same directory, flushed to disk, then swapped in
with ``os.replace`` (atomic on one filesystem). The version it replaces is first copied
to ``archive_dir()`` under a UTC timestamp, so an import can always be undone by hand.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from erbm_map import paths
from erbm_map.storage import atomic_write_bytes


def render_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """Render rows as the project's CSV: UTF-8 without BOM, comma, LF line endings."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def timestamp(now: datetime | None = None) -> str:
    """UTC timestamp of archive names: 20260301T142500Z."""
    return (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def archive_path(path: Path, base: Path | None = None, now: datetime | None = None) -> Path:
    """Free archive name ``<name>.<timestamp>.csv`` (``-2``, ``-3``... within one second)."""
    directory = paths.archive_dir(base)
    stamp = timestamp(now)
    candidate = directory / f"{path.stem}.{stamp}{path.suffix}"
    counter = 2
    while candidate.exists():
        candidate = directory / f"{path.stem}.{stamp}-{counter}{path.suffix}"
        counter += 1
    return candidate


@dataclass(frozen=True, slots=True)
class WriteOutcome:
    """What ``store`` did: ``archived`` is None when there was no previous version."""

    path: Path
    archived: Path | None
    unchanged: bool


def store(path: Path, data: bytes, base: Path | None = None, now: datetime | None = None) -> WriteOutcome:
    """Archive the current ``path`` (if any), then write ``data`` there atomically.

    Identical content is not rewritten (nor archived): re-running an import is a no-op.

    Raises:
        OSError: the data or archive directory cannot be written; the data file is then
            either untouched or already fully replaced, never partial.

    """
    try:
        previous = path.read_bytes()
    except FileNotFoundError:
        previous = None
    if previous == data:
        return WriteOutcome(path, None, unchanged=True)
    archived = None
    if previous is not None:
        archived = archive_path(path, base, now)
        atomic_write_bytes(archived, previous)
    atomic_write_bytes(path, data)
    return WriteOutcome(path, archived, unchanged=False)


def source_label(file_name: str, day: str, extra: str | None = None) -> str:
    """Build the ``source`` value of imported rows: "import <file> du <date>[ ; <--source>]".

    Line breaks of the file name or of the ``--source`` text are flattened so that one
    row stays one line of the CSV.
    """
    label = f"import {' '.join(file_name.split())} du {day}"
    extra = " ".join((extra or "").split())
    return f"{label} ; {extra}" if extra else label
