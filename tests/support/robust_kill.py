"""``python -m tests.support.robust_kill``: kill an import at every step of its write path.

For each step of ``erbm_map.imports.writer.FAULT_STEPS``, an import of a new CPTS file
runs in a child process that dies there (``ERBM_FAULT_AT``, ``os._exit``: no cleanup
runs, as with ``kill -9``), on a copy of the data. The check then reads what is left:
the data file is the old or the new one, whole; no archive is empty or differs from the
old file; and after the planner re-runs the same import, the data is the new one, no
temporary file remains, and the reload signal matches the data. Prints one line a step
and a summary; exits 1 when any step fails. The unit test
``tests/unit/imports/test_integrity.py`` runs the same ``check_step``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from erbm_map.core import paths
from erbm_map.data.dataversion import stamp_matches, write_stamp
from erbm_map.data.storage import FAULT_ENV, FAULT_EXIT
from erbm_map.imports.writer import FAULT_STEPS, TEMPORARY_GLOB

#: The file the killed imports write: a perimeter commune in a new CPTS.
NEW_CPTS = "Nom de la CPTS;Code INSEE\nCPTS Lens-Liévin;62119\n"


def _import(data: Path, file: Path, step: str | None) -> subprocess.CompletedProcess[str]:
    """Run ``erbm-map import cpts`` in a child, dying at ``step`` (None: run to the end)."""
    env = {key: value for key, value in os.environ.items() if key != FAULT_ENV}
    if step is not None:
        env[FAULT_ENV] = step
    command = [sys.executable, "-m", "erbm_map.cli", "import", "cpts", str(file), "--data-dir", str(data)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)


def _temporaries(data: Path) -> list[str]:
    """Temporary files left in the directories an import writes."""
    folders = (paths.sources_dir(data), paths.zoning_dir(data), paths.archive_dir(data))
    return sorted(str(p) for folder in folders if folder.is_dir() for p in folder.glob(TEMPORARY_GLOB))


def check_step(data: Path, file: Path, step: str, rerun: object = None) -> dict[str, object]:
    """Kill an import of ``file`` at ``step`` on ``data``, then re-run it; what held.

    ``rerun`` runs the second import (a callable taking the file; tests pass an
    in-process runner), by default a child process. Returns the facts and ``ok``.
    """
    target = paths.sources_dir(data) / "cpts.csv"
    old = target.read_bytes()
    write_stamp(data)  # a data directory in sync before the import
    started = time.perf_counter()
    killed = _import(data, file, step)
    seconds = time.perf_counter() - started
    current = target.read_bytes()
    archives = sorted(paths.archive_dir(data).glob("cpts.*.csv")) if paths.archive_dir(data).is_dir() else []
    facts: dict[str, object] = {
        "step": step,
        "exit": killed.returncode,
        "seconds": round(seconds, 2),
        "killed_at_step": killed.returncode == FAULT_EXIT,
        "data_whole": current == old or (b"CPTS Lens-Li" in current and current.endswith(b"\n")),
        "data_after_kill": "old" if current == old else "new",
        "signal_matches_after_kill": stamp_matches(data),
        "empty_archives": sum(1 for p in archives if p.stat().st_size == 0),
        "archives_all_old": all(p.read_bytes() == old for p in archives),
    }
    code = rerun(file) if callable(rerun) else _import(data, file, None).returncode
    facts["rerun_exit"] = code
    facts["data_new_after_rerun"] = target.read_bytes() != old and b"CPTS Lens-Li" in target.read_bytes()
    facts["signal_matches_after_rerun"] = stamp_matches(data)
    facts["temporaries_after_rerun"] = _temporaries(data)
    facts["ok"] = bool(
        facts["killed_at_step"]
        and facts["data_whole"]
        and facts["empty_archives"] == 0
        and facts["archives_all_old"]
        and code == 0
        and facts["data_new_after_rerun"]
        and facts["signal_matches_after_rerun"]
        and not facts["temporaries_after_rerun"]
    )
    return facts


def kill_at_each_step(work: Path, source: Path | None = None) -> list[dict[str, object]]:
    """``check_step`` for every step, each on a fresh copy of the data directory."""
    source = source or paths.DEFAULT_DATA_DIR
    file = work / "cpts_nouvelles.csv"
    file.write_text(NEW_CPTS, encoding="utf-8")
    results = []
    for step in FAULT_STEPS:
        data = work / f"data-{step.replace(':', '-')}"
        shutil.copytree(source, data, ignore=shutil.ignore_patterns("archive", ".*"))
        results.append(check_step(data, file, step))
        shutil.rmtree(data)
    return results


def main(argv: list[str] | None = None) -> int:
    """Run every step, print one line each and the summary the lead copies into the docs."""
    del argv
    with tempfile.TemporaryDirectory(prefix="erbm-kill-") as temp:
        results = kill_at_each_step(Path(temp))
    for facts in results:
        print(
            f"{facts['step']:<16} exit {facts['exit']} ({facts['seconds']} s) "
            f"data {facts['data_after_kill']}, "
            f"signal ok {facts['signal_matches_after_kill']} -> after re-run: signal ok "
            f"{facts['signal_matches_after_rerun']}, empty archives {facts['empty_archives']} : "
            f"{'OK' if facts['ok'] else 'ÉCHEC'}"
        )
    passed = sum(1 for facts in results if facts["ok"])
    print(json.dumps({"kill_at_each_step": {"steps": len(results), "passed": passed}}))
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
