"""The data version stamp: how a running app learns that an import changed its data.

Every import writes this small file last, after its data file is in place, so a
reader who sees a new stamp also sees the new data. Its content (a UTC time and a
random token) only has to differ from the previous one; the app compares it, nothing
parses it. The file is not committed (.gitignore): a fresh clone has none, which reads
as the empty version.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

from erbm_map import paths
from erbm_map.storage import atomic_write_text

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


def write_stamp(base: Path | None = None) -> str:
    """Mark the data directory as changed (atomically); return the new version."""
    version = f"{datetime.now(UTC).strftime('%Y-%m-%dT%H:%M:%S.%fZ')} {uuid.uuid4().hex}"
    atomic_write_text(stamp_path(base), version + "\n")
    return version
