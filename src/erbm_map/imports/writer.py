"""Store an import's result without ever leaving a half-written data file.

The running dashboard and the build read ``data/sources`` at any time, so a new file is
written to a temporary file in the same directory, flushed to disk, then swapped in
with ``os.replace`` (atomic on one filesystem). The version it replaces is first copied
to ``archive_dir()`` under a UTC timestamp and a name no other import can take, so an
import can always be undone by hand. Imports run one at a time (``import_lock``), and
every written file is spreadsheet-safe (``render_csv``).
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from erbm_map import paths
from erbm_map.storage import atomic_write_bytes
from erbm_map.textsafe import neutralise_formula

#: Columns holding numbers: "-2.5" is a longitude there, not a formula.
NUMERIC_COLUMNS = frozenset({"lon", "lat"})
#: What a temporary file of ``atomic_write_bytes`` looks like (left behind by a kill -9).
TEMPORARY_GLOB = ".*.tmp"


class ImportBusy(Exception):
    """Another import holds the data directory's lock."""


def render_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """Render rows as the project's CSV: UTF-8 without BOM, comma, LF line endings.

    Text cells starting like a formula (``=``, ``+``, ``-``, ``@``, tab, CR) are quoted
    with ``'`` (OWASP's CSV-injection rule): planners open these files in Excel.
    """
    text = [column not in NUMERIC_COLUMNS for column in header]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(
        [neutralise_formula(cell) if is_text else cell for cell, is_text in zip(row, text, strict=True)]
        for row in rows
    )
    return buffer.getvalue().encode("utf-8")


@contextlib.contextmanager
def import_lock(base: Path | None = None) -> Iterator[None]:
    """Hold the data directory's import lock, or raise ``ImportBusy`` at once.

    The lock is an ``fcntl.flock`` on the data directory itself, so no lock file is
    left in the data, and the kernel releases it when the process dies: a killed import
    never leaves the directory locked. Inside the lock, the temporary files of a killed
    earlier write are removed, since no other writer can be using them.
    """
    directory = base or paths.data_dir()
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ImportBusy from None
        remove_temporaries(base)
        yield
    finally:
        os.close(fd)


def remove_temporaries(base: Path | None = None) -> list[Path]:
    """Delete the temporary files a killed write left in the directories imports write."""
    removed = []
    for directory in (paths.sources_dir(base), paths.zoning_dir(base), paths.archive_dir(base)):
        if directory.is_dir():
            for path in directory.glob(TEMPORARY_GLOB):
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def timestamp(now: datetime | None = None) -> str:
    """UTC timestamp of archive names: 20260301T142500Z."""
    return (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def archive_path(path: Path, base: Path | None = None, now: datetime | None = None) -> Path:
    """Reserve a free archive name ``<name>.<timestamp>.csv`` (``-2``, ``-3``... within one second).

    The name is taken by creating the file exclusively (``O_EXCL``), so two writers can
    never pick the same one and overwrite each other's archive.
    """
    directory = paths.archive_dir(base)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timestamp(now)
    candidate = directory / f"{path.stem}.{stamp}{path.suffix}"
    counter = 2
    while True:
        try:
            os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        except FileExistsError:
            candidate = directory / f"{path.stem}.{stamp}-{counter}{path.suffix}"
            counter += 1
            continue
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
        try:
            atomic_write_bytes(archived, previous)
        except BaseException:
            archived.unlink(missing_ok=True)
            raise
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
