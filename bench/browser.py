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

from tests.e2e.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    chapter_switch_times,
    make_page,
    wait_idle,
    wait_map_drawn,
)

#: Installed before any page script: marks the first paint, and for interactions records
#: the input event, MapLibre's ``idle`` after it and the last DOM change of each watched panel.
PROBE = """
(() => {
  const bench = (window.__bench = { marks: {}, armed: false, t0: null, map: null, panels: {} });
  performance.setResourceTimingBufferSize(10000);
  const graph = () => document.querySelector('#map .js-plotly-plot');
  const subplot = () => {
    const gd = graph();
    return gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
  };
  const drawn = () => {
    const sub = subplot();
    return !!(sub && sub.map && sub.map.loaded() && sub.map.isStyleLoaded()
              && document.querySelector('#map canvas.maplibregl-canvas'));
  };
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
    if (!bench.marks.plotly && window.Plotly) bench.marks.plotly = now;
    if (!bench.marks.drawn && drawn()) bench.marks.drawn = now;
    if (bench.marks.drawn && bench.idle()) { bench.marks.idle = now; return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const start = (event) => { if (bench.armed && bench.t0 === null) bench.t0 = event.timeStamp; };
  document.addEventListener('pointerdown', start, true);
  document.addEventListener('keydown', start, true);
  bench.watch = (panels) => {
    // The map shows the new view when MapLibre goes idle after it: rendered, every tile of
    // every visible source loaded, no transition left. The view may be applied by plotly (a
    // redraw, then plotly_afterplot) or directly in MapLibre (assets/21-livemap.js): this
    // event ends both.
    subplot().map.on('idle', () => {
      if (bench.armed && bench.t0 !== null) bench.map = performance.now();
    });
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
    Object.assign(bench, { armed: true, t0: null, map: null, panels: {} });
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


#: Candidate points of the map (fractions of its width and height), nearest the centre first.
#: A click does not move the map, so in the region (dense EPCI labels) the search goes wide.
GRID = sorted(
    ((round(0.2 + 0.05 * i, 2), round(0.2 + 0.05 * j, 2)) for i in range(13) for j in range(13)),
    key=lambda p: (p[0] - 0.55) ** 2 + (p[1] - 0.5) ** 2,
)


def _hover_commune(page: Page, fx: float, fy: float) -> dict | None:
    """Hover a point of the map; the commune plotly reports there, unless a marker or label is near."""
    point = page.evaluate(
        """([fx, fy]) => {
            const map = document.querySelector('#map .js-plotly-plot')._fullLayout.map._subplot.map;
            const rect = map.getCanvas().getBoundingClientRect();
            const x = rect.width * fx, y = rect.height * fy;
            const near = map.queryRenderedFeatures([[x - 24, y - 24], [x + 24, y + 24]]);
            if (near.some(f => f.layer.type === 'circle' || f.layer.type === 'symbol')) return null;
            return { x: rect.left + x, y: rect.top + y };
        }""",
        [fx, fy],
    )
    if point is None:
        return None
    page.mouse.move(point["x"], point["y"])
    page.wait_for_timeout(100)
    point["insee"] = page.evaluate(
        """() => {
            const hover = document.querySelector('#map .js-plotly-plot')._hoverdata || [];
            return hover.length && hover[0].location ? String(hover[0].location) : '';
        }"""
    )
    return point if point["insee"] else None


def _measure(
    page: Page, action: Callable[[], None], expect_map: bool, panels: tuple[str, ...], timeout_ms: float
) -> tuple[float, float]:
    """Run ``action``; input event → last expected update, and → last callback response (ms)."""
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
            const ends = exp.panels.map(p => b.panels[p]);
            if (exp.map) ends.push(b.map);
            return [Math.max(...ends) - b.t0, b.network()];
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
    selected = {"insee": ""}

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

    def commune(i: int) -> None:
        if i == 0:
            # A user looking for a commune zooms in first; at the region's scale the EPCI labels
            # cover most of the map (a click does not move it, so this zoom holds for the repeats).
            page.evaluate(
                """() => new Promise(done => {
                    const map = document.querySelector('#map .js-plotly-plot')._fullLayout.map._subplot.map;
                    map.once('idle', done);
                    map.jumpTo({zoom: map.getZoom() + 1.5});
                })"""
            )
        # Hover first, as a hand does: plotly clicks the point it last hovered.
        for fx, fy in GRID:
            point = _hover_commune(page, fx, fy)
            if point and point["insee"] != selected["insee"]:
                break
        else:
            raise RuntimeError("no other commune to click near the map centre")
        selected["insee"] = point["insee"]
        page.evaluate("window.__bench.arm()")
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
                    total, network = _measure(page, lambda a=act, k=i: a(k), expect_map, panels, timeout_ms)
                except (PlaywrightTimeout, RuntimeError) as error:
                    result.error = f"repeat {i + 1}: {str(error).splitlines()[0]}"
                    break
                result.times_ms.append(total)
                result.network_ms.append(network)
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
    """Presentation: key press → new chapter title painted (ms), ``count`` times at a presenter's pace."""
    page, _watch = make_page(browser, 1920, 1080)
    try:
        page.goto(url + "presentation")
        page.wait_for_selector("#presentation:not(.is-loading)")
        wait_idle(page)
        return chapter_switch_times(page, count, pace_ms)
    finally:
        page.context.close()
