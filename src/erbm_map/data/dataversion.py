"""The data version stamp: how a running app learns that an import changed its data.

Every import writes this small file last, after its data file is in place, so a
reader who sees a new stamp also sees the new data. Its content is a UTC time and a
digest of the data sources it was written for: the app only compares it with the
previous one, and an import uses the digest to tell whether the stamp matches the
data (a kill between the swap and the stamp leaves new data under an old stamp, which
the next import, even of identical data, repairs). The file is not committed
(.gitignore): a fresh clone has none, which reads as the empty version.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from erbm_map.core import paths
from erbm_map.data.storage import atomic_write_text

STAMP_FILE = ".data-version"


def stamp_path(base: Path | None = None) -> Path:
    """Where the stamp of a data directory lives."""
    return (base or paths.data_dir()) / STAMP_FILE


def read_stamp(base: Path | None = None) -> str:
    """The current version of a data directory; "" when it was never imported into."""
    try:
        return stamp_path(base).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def data_digest(base: Path | None = None) -> str:
    """SHA-256 of every file under ``sources`` (names and contents; hidden files skipped).

    ``sources`` is what imports write; temporary files (hidden) are not data.
    """
    root = paths.sources_dir(base)
    digest = hashlib.sha256()
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                digest.update(relative.as_posix().encode("utf-8") + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def write_stamp(base: Path | None = None) -> str:
    """Mark the data directory as changed (atomically); return the new version."""
    version = f"{datetime.now(UTC).strftime('%Y-%m-%dT%H:%M:%S.%fZ')} {data_digest(base)}"
    atomic_write_text(stamp_path(base), version + "\n", step="stamp")
    return version


def stamp_matches(base: Path | None = None) -> bool:
    """Whether the stamp was written for the data now in place."""
    return read_stamp(base).rpartition(" ")[2] == data_digest(base)


def ensure_stamp(base: Path | None = None) -> bool:
    """Write a new stamp unless the current one matches the data; True when written."""
    if stamp_matches(base):
        return False
    write_stamp(base)
    return True
