"""``python -m bench`` (``make bench``): measure the dashboard against its performance targets.

Prints a table and writes everything measured to ``bench/results/`` (JSON, git-ignored).
``--quick`` takes fewer runs and a shorter load for development; the default is the
full suite the figures in ``docs/performance.md`` come from.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import erbm_map
from bench import browser, callbacks, firstpaint, load, report, servers, wire
from bench.stats import summary
from erbm_map.core.paths import DEFAULT_DATA_DIR

RESULTS = Path(__file__).resolve().parent / "results"
FULL = {"starts": 3, "runs": 5, "clicks": 10, "calls": 200, "seconds": 30.0, "phone": 3}
QUICK = {"starts": 1, "runs": 2, "clicks": 3, "calls": 50, "seconds": 10.0, "phone": 1}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs and a 10 s load (development)")
    parser.add_argument(
        "--datasets", default="bassin,region", help="comma-separated: bassin, region (default: both)"
    )
    parser.add_argument("--users", type=int, default=50, help="simulated users of the load test")
    parser.add_argument("--seconds", type=float, help="duration of the load test")
    parser.add_argument(
        "--think", type=float, default=1.0, help="mean pause of a user between steps, s (0: no pause)"
    )
    parser.add_argument("--no-load", action="store_true", help="skip the load test")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: the config's)")
    return parser.parse_args(argv)


def _git() -> dict[str, object]:
    def run(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=servers.ROOT, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    return {
        "commit": run("rev-parse", "HEAD"),
        "dirty": bool(run("status", "--porcelain", "--untracked-files=no")),
    }


def _meta(args: argparse.Namespace, plan: dict) -> dict[str, object]:
    return {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": args.quick,
        "plan": plan,
        "python": platform.python_version(),
        "versions": {
            p: version(p)
            for p in ("dash", "dash-leaflet", "plotly", "flask-compress", "gunicorn", "dash-ag-grid")
        },
        "cores": os.cpu_count(),
        "package": str(Path(erbm_map.__file__).parent),
        "load_average_start": os.getloadavg(),
        **_git(),
    }


def _cold_starts(dataset: servers.DataSet, logs: Path, starts: int, workers: int | None) -> list[float]:
    """Extra cold starts (the first one is the server the other measures then use)."""
    times = []
    for _ in range(starts - 1):
        server = servers.start_production(dataset, logs, workers)
        times.append(server.cold_start_s)
        server.stop()
    return times


def measure(dataset: servers.DataSet, args: argparse.Namespace, plan: dict, logs: Path) -> dict:
    """Items 1–7 for one data set (the load test only on the bassin minier)."""
    out: dict[str, object] = {"label": dataset.label}
    print(f"[{dataset.label}] cold start(s)...", flush=True)
    starts = _cold_starts(dataset, logs, plan["starts"], args.workers)
    server = servers.start_production(dataset, logs, args.workers)
    starts.append(server.cold_start_s)
    out["cold_start_s"] = {"runs": starts, "median": statistics.median(starts)}
    out["workers"] = server.workers
    try:
        with browser.chromium() as chromium:
            out["chromium"] = chromium.version
            print(f"[{dataset.label}] first visit, map drawn × {plan['runs']}...", flush=True)
            visit = browser.first_visit(chromium, server.url + "/")
            runs = browser.map_drawn_runs(chromium, server.url + "/", plan["runs"])
            out["map_drawn"] = {
                "runs": runs,
                "summary": summary([r["drawn"] for r in runs]),
                "idle": summary([r["idle"] for r in runs]),
                "console_errors": visit.errors,
            }
            print(f"[{dataset.label}] click → redraw × {plan['clicks']}...", flush=True)
            clicks = browser.interactions(chromium, server.url + "/", plan["clicks"])
            print(f"[{dataset.label}] presentation chapter switch × 10...", flush=True)
            switches = browser.chapter_switches(chromium, server.url + "/", 10)
            out["chapter_switch"] = {"times_ms": switches, "summary": summary(switches)}
        out["clicks"] = {
            c.name: {
                "times_ms": c.times_ms,
                "summary": summary(c.times_ms),
                "network": summary([n for n in c.network_ms if n is not None]),
                "event_ms": c.event_ms,
                "panels": summary(c.panels_ms),
                "event": summary(c.event_ms),
                "error": c.error,
            }
            for c in clicks
        }
        print(f"[{dataset.label}] against the bare dash-leaflet app, and on a phone...", flush=True)
        out.update(firstpaint.measure(dataset, {"dashboard": server.url}, logs, plan["runs"], plan["phone"]))
        print("\n".join(firstpaint.lines(dataset.key, out)), flush=True)
        print(f"[{dataset.label}] bytes of a first visit...", flush=True)
        fetched = wire.measure(server.port, visit.requests)
        out["first_visit"] = {
            "totals": wire.totals(fetched),
            "resources": wire.to_json(fetched),
            "findings": wire.findings(fetched),
        }
        if dataset is servers.BASSIN and not args.no_load:
            print(f"[{dataset.label}] load: {args.users} users × {plan['seconds']:.0f} s...", flush=True)
            variants = load.sequences(visit, clicks)
            out["load"] = load.run(server.port, variants, args.users, plan["seconds"], args.think).to_json()
            out["load"]["workers"] = server.workers
    finally:
        server.stop()
    print(f"[{dataset.label}] server time × {plan['calls']} per callback...", flush=True)
    replayed = callbacks.replay(dataset.data_dir or DEFAULT_DATA_DIR, clicks, plan["calls"])
    out["server"] = {name: [r.to_json() for r in rows] for name, rows in replayed.items()}
    return out


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    plan = dict(QUICK if args.quick else FULL)
    if args.seconds:
        plan["seconds"] = args.seconds
    wanted = [k.strip() for k in args.datasets.split(",") if k.strip()]
    datasets = [d for d in (servers.BASSIN, servers.REGION) if d.key in wanted]
    results: dict[str, object] = {"meta": _meta(args, plan), "targets": report.TARGETS, "datasets": {}}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="erbm-bench-") as tmp:
        logs = Path(tmp)
        if servers.REGION in datasets:
            servers.ensure_region(logs / "build-region.log")
        for dataset in datasets:
            results["datasets"][dataset.key] = measure(dataset, args, plan, logs)
    results["meta"]["seconds"] = round(time.monotonic() - started, 1)
    results["meta"]["load_average_end"] = os.getloadavg()
    results["checks"] = [{**c.__dict__, "ok": c.ok} for c in report.checks(results)]
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    path = RESULTS / f"bench-{stamp}{'-quick' if args.quick else ''}.json"
    text = json.dumps(results, indent=1, ensure_ascii=False)
    path.write_text(text)
    (RESULTS / "latest.json").write_text(text)
    print()
    print(report.table(results))
    print()
    print(report.callback_table(results))
    for key, data in results["datasets"].items():
        for note in data.get("first_visit", {}).get("findings", []):
            print(f"[{key}] {note}")
    missed = [c for c in report.checks(results) if c.ok is False]
    load_avg = results["meta"]["load_average_start"]
    print(f"\nLoad average at start: {load_avg[0]:.1f} (a busy machine slows the browser timings).")
    print(f"{len(missed)} target(s) missed. Results: {path.relative_to(servers.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
