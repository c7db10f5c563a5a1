"""Browser test fixtures: the real app on a free port, driven by Debian's Chromium through Playwright.

Every page fails its test on a console error or on a request that leaves 127.0.0.1. The
harness itself (server, pages, waits) is ``tests/support/harness.py``, shared with the benchmarks.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from tests.support.harness import CHROMIUM, CHROMIUM_ARGS, ROOT, SCREENSHOTS, Server, make_page, start_server


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = start_server(tmp_path_factory.mktemp("server"))
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def server_2026(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app with a second zoning vintage, imported from the 2026 fixture as a planner would."""
    data = tmp_path_factory.mktemp("data-2026") / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("archive"))
    fixture = ROOT / "tests" / "fixtures" / "imports" / "zonage_ars_2026.csv"
    # The fixture lists a handful of communes: far fewer than 2025's, knowingly (--confirm).
    command = ["import", "zonage", str(fixture), "--vintage", "2026", "--data-dir", str(data), "--confirm"]
    result = subprocess.run(
        [sys.executable, "-m", "erbm_map.cli", *command], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (data / "sources" / "zonage" / "zonage_2026.csv").exists()
    srv = start_server(tmp_path_factory.mktemp("srv-2026"), {"ERBM_DATA": str(data)})
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: apt-get install chromium")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    b = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield b
    b.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """On a failure, keep a screenshot of every page still open: CI shows only the traceback."""
    outcome = yield
    report = outcome.get_result()
    browser = item.funcargs.get("browser") if hasattr(item, "funcargs") else None
    if report.when != "call" or not report.failed or browser is None:
        return
    for n, context in enumerate(browser.contexts):
        for m, pg in enumerate(context.pages):
            path = SCREENSHOTS / f"failed-{item.name}-{n}-{m}.png"
            try:
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                pg.screenshot(path=str(path), timeout=5_000)
                report.sections.append(("open page", f"{pg.url}: {path}"))
            except Exception as error:  # a diagnosis must not hide the failure it diagnoses
                report.sections.append(("open page", f"{pg.url}: no screenshot ({error})"))


@pytest.fixture(autouse=True)
def _close_leftover_pages(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that fails before closing its page must not leave it running into the next tests."""
    yield
    if "browser" in request.fixturenames:
        for context in list(request.getfixturevalue("browser").contexts):
            context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page; the test fails on console errors or requests leaving 127.0.0.1."""
    pg, watch = make_page(browser)
    pg.watch = watch  # type: ignore[attr-defined]
    yield pg
    # Read before closing: tearing the page down aborts MapLibre's pending work, which it logs.
    errors, external = list(watch.errors), list(watch.external)
    pg.context.close()
    assert not external, f"requests left the machine: {external}"
    assert not errors, f"console errors: {errors}"
