"""Browser harness: the real app on a free port, driven by Debian's Chromium through Playwright.

Shared by the browser tests (``tests/e2e``, whose ``conftest.py`` turns it into fixtures)
and the benchmarks (``bench/browser.py``). It lives in ``bench`` rather than in a
``conftest.py``: a conftest is pytest's plugin file, not a module to import, and the
benchmarks run without pytest. Nothing here imports pytest.

Screenshots go to ``tests/screenshots/`` (git-ignored) so a developer can look at them.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Browser, ConsoleMessage, Page, Request

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL_HOSTS = {"127.0.0.1"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the app did not answer at {url}")


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def stop(self) -> None:
        """The server and any process it started (Dash's reloader, in debug mode)."""
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def start_server(tmp: Path, env: dict[str, str] | None = None) -> Server:
    """``app.py`` as ``make run`` starts it; debug mode only when ``env`` asks for it."""
    port = free_port()
    log = tmp / f"server-{port}.log"
    inherited = {key: value for key, value in os.environ.items() if key != "ERBM_DEBUG"}
    full_env = {**inherited, "HOST": "127.0.0.1", "PORT": str(port), **(env or {})}
    with log.open("w") as handle:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py")],
            cwd=ROOT,
            env=full_env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/")
    except RuntimeError:
        process.kill()
        raise RuntimeError(log.read_text()) from None
    return Server(url, process, log)


@dataclass
class Watch:
    """What a page did that a test must not tolerate."""

    errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)


def watch_page(page: Page) -> Watch:
    watch = Watch()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            watch.errors.append(message.text)

    def on_request(request: Request) -> None:
        watch.requests.append(request)
        parsed = urlparse(request.url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname not in LOCAL_HOSTS:
            watch.external.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    page.on("request", on_request)
    return watch


def make_page(browser: Browser, width: int = 1600, height: int = 1000) -> tuple[Page, Watch]:
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="fr-FR", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page, watch_page(page)


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def wait_map_drawn(page: Page) -> None:
    """The page's test contract: the map's ``data-ready`` once its first view is painted, the
    dashboard's ``data-complete`` once the rest of its page is in (``dashboard.layout.later``),
    then no callback in flight."""
    page.wait_for_function(
        """() => !!document.querySelector('#map[data-ready="true"]')
            && (document.body.dataset.complete === 'true' || !document.getElementById('main'))""",
        timeout=30_000,
    )
    wait_idle(page)


def painted(page: Page) -> int:
    """How many views the map has painted (``data-painted``)."""
    return int(page.get_attribute("#map", "data-painted") or 0)


def wait_painted(page: Page, before: int) -> int:
    """Wait until the map paints a view after the ``before``-th one; return the new count."""
    page.wait_for_function(
        "(n) => Number(document.getElementById('map').dataset.painted || 0) > n", arg=before, timeout=20_000
    )
    return painted(page)


def map_bounds(page: Page) -> tuple[float, float, float, float]:
    """The visible area, ``(west, south, east, north)``, from the map's ``data-bounds``."""
    west, south, east, north = (float(v) for v in page.get_attribute("#map", "data-bounds").split(","))
    return west, south, east, north


def wait_idle(page: Page) -> None:
    """Wait until Dash has no callback in flight (its store lists the pending ones)."""
    page.wait_for_function(
        """() => {
            const stores = window.dash_stores || (window.store ? [window.store] : []);
            return stores.length > 0 && stores.every(s => {
                const cb = s.getState().callbacks;
                return ["blocked", "executed", "executing", "prioritized", "requested", "watched"]
                    .every(k => !cb[k] || cb[k].length === 0);
            });
        }""",
        timeout=30_000,
    )


def wait_map_loaded(page: Page) -> None:
    """No callback in flight and the presentation's map painted its view."""
    wait_idle(page)
    page.wait_for_selector('#map[data-ready="true"]', state="attached", timeout=30_000)


#: Installed on the presentation: the time from each key press to the new chapter title painted.
CHAPTER_SWITCH_PROBE = """() => {
            window.__switch = [];
            const title = document.getElementById('chapter-title');
            const painted = start => requestAnimationFrame(
                // rAF runs just before the frame is drawn; the first task after it, once it is painted.
                () => setTimeout(() => window.__switch.push(performance.now() - start), 0));
            // Capture phase: registered before the presentation's own handler changes the title,
            // so the measuring callbacks run first in the frame, ahead of any later work.
            window.addEventListener('keydown', event => {
                const start = event.timeStamp, before = title.textContent;
                requestAnimationFrame(() => {
                    if (title.textContent !== before) {
                        setTimeout(() => window.__switch.push(performance.now() - start), 0);
                        return;
                    }
                    new MutationObserver((_, observer) => { observer.disconnect(); painted(start); })
                        .observe(title, {childList: true, characterData: true, subtree: true});
                });
            }, true);
        }"""


def chapter_switch_times(page: Page, count: int, pace_ms: float) -> list[float]:
    """Press ArrowRight ``count`` times at a presenter's pace; key press → title painted (ms).

    Used by the browser test (that each key paints a chapter) and by ``make bench`` (how fast).
    """
    page.evaluate(CHAPTER_SWITCH_PROBE)
    for number in range(1, count + 1):
        # A presenter's pace: the previous chapter's map has been patched and drawn.
        wait_map_loaded(page)
        page.wait_for_timeout(pace_ms)
        page.keyboard.press("ArrowRight")
        page.wait_for_function("(n) => window.__switch.length >= n", arg=number)
    return [round(t, 1) for t in page.evaluate("window.__switch")]
