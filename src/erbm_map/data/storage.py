"""Atomic file writes: a reader never sees half a file, and a crash loses nothing.

One implementation for every writer of the data directory: the data build and the
imports of official files.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

#: Environment variable naming the write step at which the process dies (tests, bench).
FAULT_ENV = "ERBM_FAULT_AT"
#: Exit status of a process killed by ``fault_point``, distinct from every import status.
FAULT_EXIT = 86


def fault_point(step: str) -> None:
    """Die at once, like ``kill -9``, when ``$ERBM_FAULT_AT`` names this step.

    The write path names each point between two durable effects, so a test can kill an
    import exactly there instead of racing a timer, and check what a crash leaves behind.
    ``os._exit`` skips every ``finally`` and ``atexit`` handler, as a real kill would.
    """
    if os.environ.get(FAULT_ENV) == step:
        os._exit(FAULT_EXIT)


def _fsync_dir(directory: Path) -> None:
    """Persist the rename itself; not possible (nor needed) on every platform."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def fsync_dir(directory: Path) -> None:
    """Public name of the directory fsync, for writers that rename files themselves."""
    _fsync_dir(directory)


def write_temporary(directory: Path, name: str, data: bytes, mode: int) -> Path:
    """``data`` in a new temporary file of ``directory`` (``.<name>.*.tmp``), flushed to disk.

    The file gets ``mode`` rather than the private 0600 of ``mkstemp``; the caller renames or
    links it into place and removes it on failure.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def atomic_write_bytes(path: Path, data: bytes, step: str = "write") -> None:
    """Replace ``path`` by ``data`` atomically: readers see the old or the new file, whole.

    The bytes go to a temporary file in the same directory, which is flushed to disk and
    renamed over ``path``. It gets the permissions the old file had (0644 for a new file),
    not the private 0600 of ``mkstemp``, so the web server can still read the data.
    ``step`` names the fault points ``<step>:temp`` (temporary file complete, not yet
    renamed) and ``<step>:replaced`` (renamed into place).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    tmp = write_temporary(path.parent, path.name, data, mode)
    try:
        fault_point(f"{step}:temp")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    fault_point(f"{step}:replaced")


def atomic_write_text(path: Path, text: str, step: str = "write") -> None:
    """Write UTF-8 text atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"), step)
