"""First paint against the floor of Dash + dash-leaflet, bytes as sent, and a phone on slow 4G.

``python -m bench.firstpaint`` (also run by ``python -m bench``) opens, in ONE browser and
alternating fresh contexts, the dashboard (navigation → ``#map[data-ready]``) and the bare
app of ``shared/peers/dash_leaflet_floor`` drawing the same communes (navigation → every
commune's ``path.leaflet-interactive``), and reports the ratio of the medians: on a shared,
loaded machine only a ratio within one run compares. ``--baseline DIR`` adds a third server
run from another checkout (the code before a change), alternated with the others, so that
before and after come from the same run.

The phone profile is Lighthouse's mobile one, set through the Chrome DevTools Protocol:
150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU slowed 4×; a shared link
``/?commune=62510`` is timed to the commune card visible (the card the page's HTML holds,
before any script, counts: a reader sees it) and to the map ready.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench import browser as chromium_browser
from bench import servers
from bench.stats import summary

#: Where the peers live: ``ERBM_PEERS``, else ``shared/peers`` beside or above the checkout.
PEER_CANDIDATES = (
    Path(os.environ.get("ERBM_PEERS", "/nonexistent")),
    servers.ROOT.parent / "shared" / "peers",
    servers.ROOT.parent.parent / "shared" / "peers",
)
PEER_APP = Path("dash_leaflet_floor") / "app.py"
SHARED_LINK = "/?commune=62510"
#: Lighthouse's mobile throttling (slow 4G, 4× CPU), in the units CDP takes (bytes/s, ms).
PHONE_NETWORK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}
PHONE_CPU = 4
#: How long a visit waits, after the map, for the rest of the page (a slowed phone takes longest).
COMPLETE_WAIT_MS = 5_000
PHONE_VIEWPORT = {"width": 412, "height": 823}

#: Installed before any page script: when the map is ready, the commune card visible, and
#: (for the peer) every commune drawn. Times in ms since navigation start.
PROBE = """
(() => {
  const marks = (window.__firstpaint = {});
  const want = Number(new URLSearchParams(location.search).get('__n') || 0);
  const tick = () => {
    const now = performance.now();
    const map = document.getElementById('map');
    if (!marks.map && map && map.dataset.ready === 'true') marks.map = now;
    // The rest of the dashboard's page, rendered once the map is ready (dashboard/layout/later.py).
    if (!marks.complete && document.body && document.body.dataset.complete === 'true') marks.complete = now;
    // The card as the page's HTML writes it (dashboard/prerender.py), else the app's own.
    const title = document.querySelector('#prerender .card-title')
      || document.getElementById('commune-card-title');
    if (!marks.card && title && title.checkVisibility() && title.getBoundingClientRect().top < innerHeight)
      marks.card = now;
    if (!marks.peer && want && document.querySelectorAll('path.leaflet-interactive').length >= want)
      marks.peer = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""


def peer_app() -> Path | None:
    """The bare app's script, if the shared peers are on this machine."""
    for folder in PEER_CANDIDATES:
        if (folder / PEER_APP).exists():
            return folder / PEER_APP
    return None


@dataclass
class Peer:
    """The bare app, serving ``features`` communes."""

    url: str
    features: int
    process: subprocess.Popen

    def stop(self) -> None:
        """Only the process this run started."""
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


@contextmanager
def peer_server(geojson: Path, logs: Path) -> Iterator[Peer | None]:
    """Run the bare app from a scratch folder (it writes its style function into ./assets)."""
    script = peer_app()
    if script is None:
        yield None
        return
    features = len(json.loads(geojson.read_text(encoding="utf-8"))["features"])
    port = servers.free_port()
    scratch = Path(tempfile.mkdtemp(prefix="peer-", dir=logs))
    with (logs / f"peer-{port}.log").open("w") as handle:
        process = subprocess.Popen(
            [sys.executable, str(script), str(port), str(geojson)],
            cwd=scratch,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    peer = Peer(f"http://127.0.0.1:{port}", features, process)
    try:
        deadline = time.monotonic() + 120
        while servers._status(port) != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the peer app did not start: {(logs / f'peer-{port}.log').read_text()}")
            time.sleep(0.1)
        yield peer
    finally:
        peer.stop()


@dataclass
class Visit:
    """One navigation in a fresh context: marks (ms) and bytes as sent (CDP encoded lengths)."""

    marks: dict[str, float]
    bytes_sent: int
    requests: int
    fetched_twice: list[str] = field(default_factory=list)


def visit(
    chromium: Browser, url: str, wait_for: tuple[str, ...], *, phone: bool = False, timeout_ms: float = 90_000
) -> Visit:
    """Open ``url`` in a fresh context and wait for the marks named in ``wait_for``."""
    options: dict = {"locale": "fr-FR"}
    if phone:
        options.update(viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True, device_scale_factor=2)
    else:
        options.update(viewport={"width": 1600, "height": 1000})
    context = chromium.new_context(**options)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        sizes: dict[str, float] = {}
        urls: Counter[str] = Counter()

        def sent(event: dict) -> None:
            request = event["request"]
            if request["method"] == "GET" and request["url"].startswith("http"):
                urls[request["url"]] += 1

        cdp.on("Network.requestWillBeSent", sent)
        cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
        if phone:
            cdp.send("Network.emulateNetworkConditions", PHONE_NETWORK)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU})
        page.add_init_script(PROBE)
        page.goto(url)
        condition = " && ".join(f"window.__firstpaint.{mark} !== undefined" for mark in wait_for)
        page.wait_for_function(f"() => {condition}", timeout=timeout_ms, polling=100)
        if "map" in wait_for:
            # A page that renders in one pass (code before issue 22's third round) never says it.
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_function(
                    "() => window.__firstpaint.complete !== undefined", timeout=COMPLETE_WAIT_MS
                )
        marks = page.evaluate("window.__firstpaint")
        twice = sorted(u for u, n in urls.items() if n > 1 and "_dash-update-component" not in u)
        return Visit(marks, int(sum(sizes.values())), len(sizes), twice)
    finally:
        context.close()


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def compare(chromium: Browser, targets: dict[str, tuple[str, str]], runs: int) -> dict[str, dict]:
    """Alternate the ``targets`` (name → (url, mark)) ``runs`` times, each in a fresh context."""
    out: dict[str, dict] = {name: {"ms": [], "bytes": [], "fetched_twice": []} for name in targets}
    for _ in range(runs):
        for name, (url, mark) in targets.items():
            seen = visit(chromium, url, (mark,))
            out[name]["ms"].append(round(seen.marks[mark], 1))
            if "complete" in seen.marks:
                out[name].setdefault("complete_ms", []).append(round(seen.marks["complete"], 1))
            out[name]["bytes"].append(seen.bytes_sent)
            out[name]["fetched_twice"] = seen.fetched_twice
    for data in out.values():
        data["summary"] = summary(data["ms"])
        data["bytes_median"] = _median(data["bytes"])
    return out


def phone(chromium: Browser, base: str, runs: int) -> dict:
    """A shared link on the phone profile: navigation → card visible, → map ready (ms)."""
    card, ready, complete, sent = [], [], [], []
    for _ in range(runs):
        seen = visit(chromium, base + SHARED_LINK, ("card", "map"), phone=True)
        card.append(round(seen.marks["card"], 1))
        ready.append(round(seen.marks["map"], 1))
        if "complete" in seen.marks:
            complete.append(round(seen.marks["complete"], 1))
        sent.append(seen.bytes_sent)
    out = {"card_ms": card, "map_ms": ready, "bytes": sent, "card": summary(card), "map": summary(ready)}
    if complete:
        out["complete_ms"] = complete
    return out


def targets_for(apps: dict[str, str], peer: Peer | None) -> dict[str, tuple[str, str]]:
    """Each app's URL and the mark that ends its first paint."""
    out = {name: (url + "/", "map") for name, url in apps.items()}
    if peer is not None:
        out["peer"] = (f"{peer.url}/?__n={peer.features}", "peer")
    return out


def measure(dataset: servers.DataSet, apps: dict[str, str], logs: Path, runs: int, phone_runs: int) -> dict:
    """Peer comparison (and the phone profile on the bassin minier) for the running ``apps``."""
    geojson = (dataset.data_dir or servers.ROOT / "data") / "communes" / "communes.geojson"
    result: dict[str, object] = {}
    with peer_server(geojson, logs) as peer, chromium_browser.chromium() as chromium:
        result["first_paint"] = compare(chromium, targets_for(apps, peer), runs)
        if peer is not None:
            peer_ms = result["first_paint"]["peer"]["summary"]["median"]
            result["ratio"] = {
                name: round(data["summary"]["median"] / peer_ms, 2)
                for name, data in result["first_paint"].items()
                if name != "peer"
            }
        if dataset is servers.BASSIN and phone_runs:
            result["phone"] = {name: phone(chromium, url, phone_runs) for name, url in apps.items()}
    return result


def _complete(data: dict, separator: str) -> str:
    """The whole page's time, for a page that renders in two passes (none before issue 22's third round)."""
    if not data.get("complete_ms"):
        return ""
    return f"{separator}page complete {_median(data['complete_ms']):.0f} ms"


def lines(key: str, result: dict) -> list[str]:
    """Printed summary of :func:`measure`."""
    out = []
    for name, data in result.get("first_paint", {}).items():
        ratio = result.get("ratio", {}).get(name)
        s = data["summary"]
        out.append(
            f"[{key}] {name:9s} navigation → drawn {s['median']:7.0f} ms [{s['min']:.0f}–{s['max']:.0f}]"
            f"  {data['bytes_median'] / 1000:7.1f} kB as sent"
            + (f"  ratio {ratio:.2f}" if ratio else "")
            + _complete(data, "  ")
            + (f"  fetched twice: {', '.join(data['fetched_twice'])}" if data["fetched_twice"] else "")
        )
    for name, data in result.get("phone", {}).items():
        out.append(
            f"[{key}] {name:9s} phone {SHARED_LINK}: card {data['card']['median']:.0f} ms, "
            f"map {data['map']['median']:.0f} ms"
            + _complete(data, ", ")
            + f" ({statistics.median(data['bytes']) / 1000:.1f} kB)"
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.firstpaint", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="navigations per app (alternated)")
    parser.add_argument("--phone-runs", type=int, default=3, help="shared-link loads on the phone profile")
    parser.add_argument("--datasets", default="bassin", help="comma-separated: bassin, region")
    parser.add_argument("--baseline", type=Path, help="another checkout to measure alongside (before)")
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="NAME=DIR",
        help="another checkout to alternate with the others, under NAME (an experiment)",
    )
    args = parser.parse_args(argv)
    wanted = {k.strip() for k in args.datasets.split(",")}
    results = {"load_average_start": os.getloadavg(), "datasets": {}}
    with tempfile.TemporaryDirectory(prefix="erbm-firstpaint-") as tmp:
        logs = Path(tmp)
        for dataset in (d for d in (servers.BASSIN, servers.REGION) if d.key in wanted):
            if dataset is servers.REGION:
                servers.ensure_region(logs / "build-region.log")
            started = [servers.start_production(dataset, logs)]
            apps = {"dashboard": started[0].url}
            try:
                if args.baseline:
                    started.append(servers.start_production(dataset, logs, root=args.baseline.resolve()))
                    apps = {"before": started[-1].url, "after": started[0].url}
                for variant in args.variant:
                    name, _, folder = variant.partition("=")
                    started.append(servers.start_production(dataset, logs, root=Path(folder).resolve()))
                    apps[name] = started[-1].url
                result = measure(dataset, apps, logs, args.runs, args.phone_runs)
            finally:
                for server in started:
                    server.stop()
            results["datasets"][dataset.key] = result
            print("\n".join(lines(dataset.key, result)), flush=True)
    results["load_average_end"] = os.getloadavg()
    out = servers.ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "firstpaint-latest.json").write_text(json.dumps(results, indent=1))
    print(f"load average {results['load_average_start'][0]:.1f} → {results['load_average_end'][0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
