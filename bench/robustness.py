"""``python -m bench.robustness``: issue 14's serving figures, without a browser.

Against the production server (``make serve``'s gunicorn and config) on a copy of the
data: 50 users × 30 s with no pause and with 1 s pauses; the same load while a worker
is killed; the delay between an import and every worker serving it, idle and under
load; 40 slow clients; hostile XLSX files. Users replay what a browser sends on a first
visit (page, layout, dependencies, every callback fired on load, with the values of
the layout) then open a commune's card, as ``bench.load`` does with captured payloads.
Prints a summary and writes ``bench/results/robustness-<time>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import load, servers, slowclients, staleassets
from bench.browser import CALLBACK_PATH
from erbm_map.core.paths import DEFAULT_DATA_DIR
from tests.support import hostile, robust_kill
from tests.support.dashlayout import callback_outputs, collect_components

RESULTS = Path(__file__).resolve().parent / "results"
COMMUNE = "59002"


def _get_json(port: int, path: str) -> object:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        return json.loads(connection.getresponse().read())
    finally:
        connection.close()


def _body(dep: dict, components: dict[str, dict], changes: dict[str, object], changed: list[str]) -> bytes:
    spec = dep["output"]
    outputs = callback_outputs(spec)

    def value(item: dict) -> dict:
        key = f"{item['id']}.{item['property']}"
        current = changes.get(key, components.get(item["id"], {}).get(item["property"]))
        return {**item, "value": current}

    body = {
        "output": spec,
        "outputs": outputs,
        "inputs": [value(i) for i in dep["inputs"]],
        "state": [value(s) for s in dep.get("state", [])],
        "changedPropIds": changed,
    }
    return json.dumps(body).encode()


def sequences(port: int) -> list[list[list[load.Step]]]:
    """A first visit, then the commune card opened from the URL, as one user's loop."""
    deps = [d for d in _get_json(port, "/_dash-dependencies") if not d.get("clientside_function")]  # type: ignore[union-attr]
    components: dict[str, dict] = {}
    collect_components(_get_json(port, "/_dash-layout"), components)
    page = [
        load.Step("GET /", "GET", "/"),
        load.Step("GET layout", "GET", "/_dash-layout"),
        load.Step("GET dependencies", "GET", "/_dash-dependencies"),
        *[
            load.Step("POST page-load callback", "POST", CALLBACK_PATH, _body(d, components, {}, []))
            for d in deps
        ],
    ]
    search = {"url.search": f"?commune={COMMUNE}"}
    card = [
        load.Step("POST commune card", "POST", CALLBACK_PATH, _body(d, components, search, ["url.search"]))
        for d in deps
        if any(f"{i['id']}.{i['property']}" == "url.search" for i in d["inputs"])
    ]
    return [[page, card]]


def _workers(master: int) -> list[int]:
    done = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True, check=False)
    return [int(pid) for pid in done.stdout.split()]


def _load(port: int, variants, users: int, seconds: float, think: float) -> dict:
    return load.run(port, variants, users, seconds, think).to_json()


def kill_during_load(server: servers.Server, variants, users: int, seconds: float, think: float) -> dict:
    """Load while one worker is SIGKILLed a third of the way in; gunicorn replaces it."""
    result: dict = {}
    runner = threading.Thread(
        target=lambda: result.update(_load(server.port, variants, users, seconds, think))
    )
    runner.start()
    time.sleep(seconds / 3)
    victim = _workers(server.process.pid)[0]
    os.kill(victim, signal.SIGKILL)
    runner.join()
    return {"killed_worker": victim, **result}


def _vintages(port: int) -> list[str]:
    components: dict[str, dict] = {}
    collect_components(_get_json(port, "/_dash-layout"), components)
    return sorted(o["value"] for o in components["vintage"]["options"])


def reload_delay(server: servers.Server, data: Path, year: int, streak: int = 30) -> dict:
    """Seconds from an import's end (stamp written) to ``streak`` answers in a row showing it."""
    file = data.parent / f"zonage_{year}.csv"
    file.write_text("Code commune;Zonage\n59002;ZIP\n62498;ZAC\n", encoding="utf-8")
    command = [str(Path(sys.executable).with_name("erbm-map")), "import", "zonage", str(file), "--confirm"]
    subprocess.run([*command, "--data-dir", str(data)], check=True, capture_output=True)
    written = time.monotonic()
    seen, polls, errors, first = 0, 0, 0, None
    while seen < streak and time.monotonic() - written < 300:
        polls += 1
        try:
            fresh = str(year) in _vintages(server.port)
        except (OSError, ValueError, KeyError):
            errors += 1
            continue
        if fresh and first is None:
            first = time.monotonic() - written
        seen = seen + 1 if fresh else 0
        time.sleep(0.05)
    return {
        "first_answer_s": first,
        "all_workers_s": time.monotonic() - written - 0.05 * streak,
        "polls": polls,
        "poll_errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.robustness", description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--quick", action="store_true", help="10 s loads")
    parser.add_argument("--stale-assets-only", action="store_true", help="only the stale-asset check")
    args = parser.parse_args(argv)
    seconds = 10.0 if args.quick else args.seconds
    out: dict[str, object] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
    }
    out["load_average_start"] = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="erbm-robust-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(DEFAULT_DATA_DIR, data, ignore=shutil.ignore_patterns("archive", ".*"))
        dataset = servers.DataSet("copy", "Bassin minier (copie)", data)
        server = servers.start_production(dataset, Path(tmp))
        out["workers"] = server.workers
        try:
            variants = sequences(server.port)
            if args.stale_assets_only:
                stale_assets(out, server, data, variants, 2026)
                return _finish(out)
            for think in (0.0, 1.0):
                print(f"load: {args.users} users × {seconds:.0f} s, think {think} s...", flush=True)
                out[f"load_think_{think:g}"] = _load(server.port, variants, args.users, seconds, think)
            print("load with a worker killed...", flush=True)
            out["load_kill_worker"] = kill_during_load(server, variants, args.users, seconds, 0.0)
            time.sleep(5)
            print("reload delay, idle...", flush=True)
            out["reload_idle"] = reload_delay(server, data, 2026)
            print("reload delay, under load (20 users, 1 s think)...", flush=True)
            background: dict = {}
            runner = threading.Thread(
                target=lambda: background.update(_load(server.port, variants, 20, 40.0, 1.0)), daemon=True
            )
            runner.start()
            time.sleep(5)
            out["reload_under_load"] = reload_delay(server, data, 2027)
            runner.join()
            out["reload_under_load"]["load"] = background  # type: ignore[index]
            stale_assets(out, server, data, variants, 2028)
            print("40 slow clients...", flush=True)
            out["slow_clients"] = slowclients.hold(server.port, 40, 20.0)
        finally:
            server.stop()
        print("hostile XLSX files...", flush=True)
        out["hostile_xlsx"] = hostile.run(Path(tmp) / "xlsx")
        print("an import killed at each write step...", flush=True)
        out["kill_at_each_step"] = robust_kill.kill_at_each_step(Path(tmp) / "kills")
    return _finish(out)


def stale_assets(out: dict, server: servers.Server, data: Path, variants, year: int) -> None:
    """The stale-asset check after an idle import, then after one under load (20 users, no pause)."""
    print("stale assets after an import and 15 s idle...", flush=True)
    out["stale_assets_idle"] = staleassets.check(server.port, data, year, idle=15.0)
    print("stale assets after an import under load (20 users, no pause, 30 s)...", flush=True)
    out["stale_assets_under_load"] = staleassets.under_load(
        server.port, data, year + 1, lambda: _load(server.port, variants, 20, 30.0, 0.0)
    )


def _finish(out: dict) -> int:
    out["load_average_end"] = os.getloadavg()
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"robustness-{datetime.now(UTC).strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False))
    print(summary_text(out))
    print(f"Results: {path}")
    return 0


def summary_text(out: dict) -> str:
    """The figures docs/performance.md quotes."""
    lines = [
        staleassets.summary_line(key, out[key])
        for key in ("stale_assets_idle", "stale_assets_under_load")
        if key in out
    ]
    if "load_think_0" not in out:
        return "\n".join(lines)
    for key in ("load_think_0", "load_think_1", "load_kill_worker"):
        r = out[key]
        ms = r["latency_ms"]
        lines.append(
            f"{key}: {r['requests']} req, {r['requests_per_s']:.0f} req/s, p50 {ms['median']:.0f} ms, "
            f"p95 {ms['p95']:.0f} ms, p99 {ms['p99']:.0f} ms, errors {r['errors']} {r['error_kinds']}"
        )
    for key in ("reload_idle", "reload_under_load"):
        r = out[key]
        first, every = r["first_answer_s"], r["all_workers_s"]
        lines.append(f"{key}: first {first:.1f} s, every worker {every:.1f} s, errors {r['poll_errors']}")
    s = out["slow_clients"]
    ms = s["normal_latency_ms"]
    lines.append(
        f"slow clients: {s['slow_clients']}, normal requests {s['normal_requests']}, "
        f"errors {s['normal_errors']}, "
        f"p50 {ms['median']:.0f} ms, max {ms['max']:.0f} ms, over 1 s {s['normal_over_1s']}"
    )
    for h in out["hostile_xlsx"]:
        lines.append(
            f"xlsx {h['kind']}: {h['bytes']} B, {h['seconds']} s, {h['peak_mb']} MB, refused {h['refused']}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
