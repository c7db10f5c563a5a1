"""Browser timings in headless Chromium (Debian's, through Playwright): first paint and click → redraw.

Times are taken inside the page with ``performance.now()``, so Playwright's own
round trips never count: navigation start → map drawn, and input event →
map/panel updated. The requests the browser sends are recorded as it goes: the
callback payloads become the realistic inputs of the server and load benchmarks.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from playwright.sync_api import Browser, Page, Request, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.support.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    make_page,
    wait_idle,
    wait_map_drawn,
)

#: Installed before any page script: marks the map ready (its ``data-ready`` contract), and for
#: interactions records the input event, the next ``data-painted`` of the map, the last DOM change
#: of each watched panel, and the Event Timing API's durations (the INP measure).
PROBE = """
(() => {
  const bench = (window.__bench = { marks: {}, armed: false, t0: null, map: null, panels: {}, events: [] });
  performance.setResourceTimingBufferSize(10000);
  const map = () => document.getElementById('map');
  const painted = () => Number((map() || {dataset: {}}).dataset.painted || 0);
  bench.idle = () => {
    const stores = window.dash_stores || (window.store ? [window.store] : []);
    return stores.length > 0 && stores.every(s => {
      const cb = s.getState().callbacks;
      return ['blocked', 'executed', 'executing', 'prioritized', 'requested', 'watched']
        .every(k => !cb[k] || cb[k].length === 0);
    });
  };
  const tick = () => {
    const now = performance.now();
    if (!bench.marks.drawn && map() && map().dataset.ready === 'true') bench.marks.drawn = now;
    if (bench.marks.drawn && bench.idle()) { bench.marks.idle = now; return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const start = (event) => {
    if (bench.armed && bench.t0 === null) { bench.t0 = event.timeStamp; bench.before = painted(); }
  };
  document.addEventListener('pointerdown', start, true);
  document.addEventListener('keydown', start, true);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (bench.armed && e.interactionId) bench.events.push(e.duration);
    }
  }).observe({ type: 'event', durationThreshold: 16, buffered: false });
  bench.watch = (panels) => {
    // The map says when it painted a view: data-painted grows in the frame after it.
    new MutationObserver(() => {
      // The last paint of the interaction: the map shows its new view once all of it is drawn.
      if (bench.armed && bench.t0 !== null && painted() > bench.before) bench.map = performance.now();
    }).observe(map(), { attributes: true, attributeFilter: ['data-painted'] });
    for (const id of panels) {
      // Dash marks the outputs of a pending callback with data-dash-is-loading: not a change
      // anyone sees, so not the panel's update.
      new MutationObserver((records) => {
        const seen = records.some(r => r.attributeName !== 'data-dash-is-loading');
        if (seen && bench.armed && bench.t0 !== null) bench.panels[id] = performance.now();
      }).observe(document.getElementById(id),
                 { childList: true, subtree: true, characterData: true, attributes: true });
    }
  };
  bench.arm = () => {
    performance.clearResourceTimings();
    Object.assign(bench, { armed: true, t0: null, map: null, panels: {}, events: [] });
  };
  // How long the callbacks took from the page's side: request start to last response byte.
  bench.network = () => {
    const ends = performance.getEntriesByType('resource')
      .filter(e => e.name.includes('/_dash-update-component') && e.startTime >= bench.t0)
      .map(e => e.responseEnd);
    return ends.length ? Math.max(...ends) - bench.t0 : null;
  };
})();
"""
PANELS = ("kpis", "commune-card", "layers-note")
#: The interactions are measured on a view where the contract layers are shown, so that an
#: edition switch changes what the map draws (hidden traces are patched but not rendered).
INTERACTION_QUERY = "?layers=zonage,cls,clsm,epci,perimetre,sanitaire"
CALLBACK_PATH = "/_dash-update-component"
SETTLE_MS = 150


@dataclass
class Observed:
    """One request the browser sent, as needed to replay it."""

    method: str
    url: str
    resource_type: str
    post_data: str | None = None

    @property
    def output(self) -> str:
        """The callback output a ``_dash-update-component`` POST asks for."""
        return str(json.loads(self.post_data or "{}").get("output", ""))


@dataclass
class Visit:
    """A first visit: marks in ms from navigation start, and every request sent."""

    marks: dict[str, float]
    requests: list[Observed]
    errors: list[str]

    @property
    def callbacks(self) -> list[Observed]:
        """The callback POSTs of the page load, in the order the browser sent them."""
        return [r for r in self.requests if r.method == "POST" and CALLBACK_PATH in r.url]


@dataclass
class Interaction:
    """Click → redraw times of one interaction (ms) and the callback POSTs it caused."""

    name: str
    times_ms: list[float] = field(default_factory=list)
    network_ms: list[float | None] = field(default_factory=list)
    """Input event → last callback response received: the part of ``times_ms`` spent waiting."""
    payloads: list[list[Observed]] = field(default_factory=list)
    event_ms: list[float] = field(default_factory=list)
    panels_ms: list[float] = field(default_factory=list)
    """Input event → last update of the interaction's panels (figures, card), when it has some."""
    """The Event Timing API's longest duration per repeat (what INP reports)."""
    error: str = ""


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, with the flags of the browser tests."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def _record(page: Page, into: list[Observed]) -> None:
    def on_request(request: Request) -> None:
        if request.url.startswith("http"):
            method = request.method
            post = request.post_data if method == "POST" else None
            into.append(Observed(method, request.url, request.resource_type, post))

    page.on("request", on_request)


def first_visit(browser: Browser, url: str) -> Visit:
    """Open ``url`` in a fresh context (empty cache) and wait for the map and the callbacks."""
    page, watch = make_page(browser)
    try:
        requests: list[Observed] = []
        _record(page, requests)
        page.add_init_script(PROBE)
        page.goto(url)
        wait_map_drawn(page)
        page.wait_for_function("() => window.__bench.marks.idle !== undefined")
        marks = page.evaluate("window.__bench.marks")
        return Visit(marks, requests, list(watch.errors))
    finally:
        page.context.close()


#: Candidate points to click: the name points of the perimeter's communes (a commune outside it
#: designates nothing, by design), read from the files the page preloads and placed on screen by
#: the map's ``data-bounds`` (Web Mercator), nearest the centre first. On the region's canvas the
#: DOM cannot tell a commune of the perimeter from one outside it.
PERIMETER_POINTS = """async () => {
  const file = (name) => document.querySelector(`link[rel=preload][href*="/${name}."]`).href;
  const [communes, names] = await Promise.all(
    [file('carte-communes'), file('carte-noms')].map((u) => fetch(u).then((r) => r.json())));
  const inside = new Set(
    communes.features.filter((f) => f.properties.perimetre).map((f) => f.properties.insee));
  const map = document.getElementById('map');
  const [w, s, e, n] = map.dataset.bounds.split(',').map(Number);
  const rect = map.getBoundingClientRect();
  const y = (lat) => Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360));
  const cx = rect.left + rect.width * 0.55, cy = rect.top + rect.height / 2;
  return names.features
    .filter((f) => f.properties.kind === 'commune' && inside.has(f.properties.insee))
    .map((f) => {
      const [lon, lat] = f.geometry.coordinates;
      return { x: rect.left + (lon - w) / (e - w) * rect.width,
               y: rect.top + (y(n) - y(lat)) / (y(n) - y(s)) * rect.height };
    })
    .filter((p) => p.x > rect.left + 60 && p.x < rect.right - 60
      && p.y > rect.top + 60 && p.y < rect.bottom - 60)
    .sort((a, b) => ((a.x - cx) ** 2 + (a.y - cy) ** 2) - ((b.x - cx) ** 2 + (b.y - cy) ** 2))
    .slice(0, 80);
}"""


def _commune_point(page: Page, x: float, y: float) -> dict | None:
    """``(x, y)`` if it lies on the communes' layer, away from markers and names (DOM only)."""
    return page.evaluate(
        """([x, y]) => {
            const above = '.erbm-marker, .erbm-cluster, .erbm-label, .leaflet-control, button, .map-legend';
            for (const [dx, dy] of [[0, 0], [-20, -20], [20, 20], [-20, 20], [20, -20]]) {
                const hit = document.elementFromPoint(x + dx, y + dy);
                if (!hit || hit.closest(above)) return null;
            }
            const hit = document.elementFromPoint(x, y);
            if (!hit.closest('.leaflet-erbm-communes-pane, canvas')) return null;
            return { x, y };
        }""",
        [x, y],
    )


def _measure(
    page: Page, action: Callable[[], None], expect_map: bool, panels: tuple[str, ...], timeout_ms: float
) -> tuple[float, float, float, float | None]:
    """Run ``action``: input → map painted (or panels), → last callback response, longest event, → panels."""
    page.evaluate("window.__bench.arm()")
    action()
    page.wait_for_function(
        """(exp) => {
            const b = window.__bench;
            return b.t0 !== null && (!exp.map || b.map !== null)
                && exp.panels.every(p => b.panels[p] !== undefined) && b.idle();
        }""",
        arg={"map": expect_map, "panels": list(panels)},
        timeout=timeout_ms,
    )
    # Late renders of the same update (a second afterplot, React commits) still count.
    page.wait_for_timeout(SETTLE_MS)
    return page.evaluate(
        """(exp) => {
            const b = window.__bench;
            b.armed = false;
            // The map's target is input → map painted; panels (figures, card) are reported apart.
            const ends = exp.map ? [b.map] : exp.panels.map(p => b.panels[p]);
            const panels = exp.panels.map(p => b.panels[p]);
            return [Math.max(...ends) - b.t0, b.network(), Math.max(0, ...b.events),
                    panels.length ? Math.max(...panels) - b.t0 : null];
        }""",
        {"map": expect_map, "panels": list(panels)},
    )


def _theme_labels(page: Page) -> list[str]:
    page.click("#theme")
    options = page.locator(".dash-dropdown-options .dash-dropdown-option")
    options.first.wait_for()
    labels = [text.strip() for text in options.all_inner_texts()]
    page.keyboard.press("Escape")
    return labels


def interactions(browser: Browser, url: str, repeats: int, timeout_ms: float = 30_000) -> list[Interaction]:
    """Edition switch, theme change, layer toggle and commune selection, ``repeats`` times each."""
    page, _watch = make_page(browser)
    sent: list[Observed] = []
    _record(page, sent)
    page.add_init_script(PROBE)
    page.goto(url + INTERACTION_QUERY)
    wait_map_drawn(page)
    page.evaluate("(panels) => window.__bench.watch(panels)", list(PANELS))
    themes = _theme_labels(page)
    wait_idle(page)

    def edition(i: int) -> None:
        page.locator(f"#edition input[value='{'2019' if i % 2 == 0 else '2024'}']").check()

    def theme(i: int) -> None:
        page.click("#theme")
        option = page.locator(".dash-dropdown-options .dash-dropdown-option").filter(
            has_text=themes[(i + 1) % len(themes)]
        )
        option.first.wait_for()
        page.evaluate("window.__bench.arm()")
        option.first.click()

    def layer(_i: int) -> None:
        page.locator("#layers input[value='cls']").click()

    points: list[dict] = []
    for candidate in page.evaluate(PERIMETER_POINTS):
        point = _commune_point(page, candidate["x"], candidate["y"])
        # Far enough apart to be two communes, so each click changes the selection and the card.
        if point and all(abs(point["x"] - q["x"]) + abs(point["y"] - q["y"]) > 80 for q in points):
            points.append(point)

    def commune(i: int) -> None:
        # A click on the map selects the commune under it; alternate points so the selection changes.
        if len(points) < 2:
            raise RuntimeError("no commune of the perimeter to click on the map")
        point = points[i % min(len(points), 6)]
        page.mouse.click(point["x"], point["y"])

    plan: list[tuple[str, Callable[[int], None], bool, tuple[str, ...]]] = [
        ("edition switch", edition, True, ("kpis",)),
        ("theme change", theme, False, ("kpis",)),
        ("layer toggle", layer, True, ()),
        ("commune selection", commune, True, ("commune-card",)),
    ]
    results = []
    try:
        for name, act, expect_map, panels in plan:
            result = Interaction(name)
            for i in range(repeats):
                before = len(sent)
                try:
                    total, network, event, panel = _measure(
                        page, lambda a=act, k=i: a(k), expect_map, panels, timeout_ms
                    )
                except (PlaywrightTimeout, RuntimeError) as error:
                    result.error = f"repeat {i + 1}: {str(error).splitlines()[0]}"
                    break
                result.times_ms.append(total)
                result.network_ms.append(network)
                result.event_ms.append(event)
                if panel is not None:
                    result.panels_ms.append(panel)
                result.payloads.append(
                    [r for r in sent[before:] if r.method == "POST" and CALLBACK_PATH in r.url]
                )
            results.append(result)
    finally:
        page.context.close()
    return results


def map_drawn_runs(browser: Browser, url: str, runs: int) -> list[dict[str, float]]:
    """Navigation start → map drawn (and → all callbacks done), each run in a fresh context."""
    return [first_visit(browser, url).marks for _ in range(runs)]


def chapter_switches(browser: Browser, url: str, count: int, pace_ms: float = 300) -> list[float]:
    """Presentation, ``count`` key presses at a presenter's pace: key press → chapter's map painted (ms)."""
    page, _watch = make_page(browser, 1920, 1080)
    try:
        page.add_init_script(PROBE)
        page.goto(url + "presentation/")
        page.wait_for_selector("#presentation:not(.is-loading)")
        wait_map_drawn(page)
        page.evaluate("(panels) => window.__bench.watch(panels)", [])
        total = int(page.inner_text("#chapter-progress").split("/")[-1])
        maps: list[float] = []
        # The closing chapter has no map: stop before it.
        for _ in range(min(count, total - 2)):
            page.wait_for_timeout(pace_ms)
            took, _network, _event, _panel = _measure(
                page, lambda: page.keyboard.press("ArrowRight"), True, (), 30_000
            )
            maps.append(round(took, 1))
        return maps
    finally:
        page.context.close()
