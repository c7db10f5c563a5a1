"""What the stale-asset tests and benchmark share: versioned URLs, a plain GET, a data copy.

The integration tests (``tests/integration``) and ``bench/staleassets.py`` both ask every
``?v=`` URL of the pages and check what comes back; they read the URLs and fetch them the
same way, from here.
"""

from __future__ import annotations

import http.client
import re
import shutil
from pathlib import Path

from erbm_map.cli import main
from erbm_map.core import paths

#: A versioned asset URL in a page or a layout (GeoJSON files and the ids script).
VERSIONED = re.compile(r"/(?:data/[\w-]+\.geojson|erbm-ids\.js)\?v=([0-9a-f]{16})")


def get(port: int, path: str, timeout: float = 90) -> tuple[int, dict[str, str], bytes]:
    """One GET on 127.0.0.1: status, headers, body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def copy_data(tmp_path: Path) -> Path:
    """A copy of the committed data directory (no archive, no stamp) under ``tmp_path``."""
    base = tmp_path / "data"
    shutil.copytree(paths.DEFAULT_DATA_DIR, base, ignore=shutil.ignore_patterns("archive", ".*"))
    return base


def import_2026(data: Path, tmp_path: Path) -> None:
    """Import a two-commune 2026 zoning into ``data``, as a planner would (``--confirm``)."""
    file = tmp_path / "zonage_2026.csv"
    file.write_text("Code commune;Zonage\n59002;ZIP\n62498;ZAC\n", encoding="utf-8")
    assert main(["import", "zonage", str(file), "--data-dir", str(data), "--confirm"]) == 0
