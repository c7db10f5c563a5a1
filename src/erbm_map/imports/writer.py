"""Store an import's result without ever leaving a half-written data file.

The running dashboard and the build read ``data/sources`` at any time, so a new file is
written to a temporary file in the same directory, flushed to disk, then swapped in
with ``os.replace`` (atomic on one filesystem). The version it replaces is first copied
to ``archive_dir()`` under a UTC timestamp and a name no other import can take, so an
import can always be undone by hand. Every step can be killed (``FAULT_STEPS`` names
them; ``data/storage.fault_point`` simulates the kill): the data file is then the old or the
new one, whole, an archive is complete or absent, and the next import removes the
temporary files and re-sends a reload signal that does not match the data. Imports run
one at a time (``import_lock``), and every written file is spreadsheet-safe
(``render_csv``).
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

from erbm_map.core import paths
from erbm_map.core.textsafe import neutralise_formula
from erbm_map.data.storage import atomic_write_bytes, fault_point, fsync_dir, write_temporary

#: Columns holding numbers: "-2.5" is a longitude there, not a formula.
NUMERIC_COLUMNS = frozenset({"lon", "lat"})
#: What a temporary file of ``atomic_write_bytes`` looks like (left behind by a kill -9).
TEMPORARY_GLOB = ".*.tmp"


#: Every point of a real import's write path where a kill can land, in order: archive
#: written but not named, archive named, new data written but not swapped in, swapped
#: in, reload signal written but not renamed, renamed.
FAULT_STEPS = ("archive:temp", "archive:linked", "data:temp", "data:replaced", "stamp:temp", "stamp:replaced")


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
    """Delete the temporary files a killed write left in the directories imports write.

    Empty archives go too: earlier versions reserved an archive's name before writing
    it, so a kill there left a 0-byte file that the documented restore would copy over
    the data. A data file always has at least its header, so no real archive is empty.
    """
    removed = []
    for directory in (paths.sources_dir(base), paths.zoning_dir(base), paths.archive_dir(base)):
        if directory.is_dir():
            for path in directory.glob(TEMPORARY_GLOB):
                path.unlink(missing_ok=True)
                removed.append(path)
    archives = paths.archive_dir(base)
    if archives.is_dir():
        for path in archives.glob("*.csv"):
            if path.is_file() and path.stat().st_size == 0:
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def timestamp(now: datetime | None = None) -> str:
    """UTC timestamp of archive names: 20260301T142500Z."""
    return (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def archive_name(path: Path, stamp: str, counter: int) -> str:
    """``<name>.<stamp>.csv``, then ``<name>.<stamp>_02.csv``... for later ones in the same second.

    The counter follows ``_``, which sorts after the ``.`` of the first name, and is
    zero-padded, so a plain sort of the names is their order in time (``-2`` sorted
    before the first one). Beyond 99 archives of one file in one second the names stay
    unique but no longer sort.
    """
    suffix = "" if counter == 1 else f"_{counter:02d}"
    return f"{path.stem}.{stamp}{suffix}{path.suffix}"


def archive(path: Path, data: bytes, base: Path | None = None, now: datetime | None = None) -> Path:
    """Store ``data`` (the version of ``path`` being replaced) under a free archive name.

    The bytes are first written in full to a temporary file (removed by the next
    import if a kill interrupts), then given their name with ``os.link``, which fails
    rather than overwrite an existing name: the name is taken only once its content
    is complete, so a kill never leaves an empty archive, and two writers never take
    the same name.
    """
    directory = paths.archive_dir(base)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timestamp(now)
    tmp = write_temporary(directory, path.name, data, 0o644)
    try:
        fault_point("archive:temp")
        counter = 1
        while True:
            candidate = directory / archive_name(path, stamp, counter)
            try:
                os.link(tmp, candidate)
            except FileExistsError:
                counter += 1
                continue
            break
        fault_point("archive:linked")
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(directory)
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
    archived = None if previous is None else archive(path, previous, base, now)
    atomic_write_bytes(path, data, step="data")
    return WriteOutcome(path, archived, unchanged=False)


def source_label(file_name: str, day: str, extra: str | None = None) -> str:
    """Build the ``source`` value of imported rows: "import <file> du <date>[ ; <--source>]".

    Line breaks of the file name or of the ``--source`` text are flattened so that one
    row stays one line of the CSV.
    """
    label = f"import {' '.join(file_name.split())} du {day}"
    extra = " ".join((extra or "").split())
    return f"{label} ; {extra}" if extra else label
