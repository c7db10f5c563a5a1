"""The presentation as a file: the HTML deck opened from file:// with every request refused,
and the PDF deck (one 16:9 page per chapter, fonts embedded, titles and sources in the text).

The files are made by the command a presenter runs (``erbm-map export presentation``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Route

from erbm_map.presentation.chapters import build_chapters
from erbm_map.presentation.deck_labels import PresentationLabels as L
from tests.support.harness import make_page

pytestmark = pytest.mark.e2e


def export(path: Path, *extra: str) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "erbm_map.cli", "export", "presentation", "--output", str(path), *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return path


@pytest.fixture(scope="module")
def titles(bundle) -> list[str]:
    return [chapter.title for chapter in build_chapters(bundle)] + [L.DECK_COLOPHON_TITLE]


@pytest.fixture(scope="module")
def deck_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export(tmp_path_factory.mktemp("deck") / "presentation.html")


@pytest.fixture
def offline_page(browser: Browser, deck_html: Path) -> Iterator[tuple[object, list[str], list[str]]]:
    """A page that may load the file itself and nothing else: every other request is aborted."""
    page, watch = make_page(browser, 1280, 720)
    refused: list[str] = []
    own = deck_html.as_uri()

    def refuse(route: Route) -> None:
        if route.request.url == own:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.context.route("**/*", refuse)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    yield page, refused, watch.errors
    page.context.close()


def test_html_deck_runs_from_a_usb_stick_with_no_request(offline_page, deck_html, titles):
    page, refused, errors = offline_page
    page.goto(deck_html.as_uri())
    page.wait_for_selector('#map[data-ready="true"]', state="attached")
    assert page.locator("#presentation-body > section").count() == len(titles)
    for index, title in enumerate(titles):
        assert page.inner_text("#chapter-title") == title
        assert page.inner_text("#chapter-progress") == f"{index + 1} / {len(titles)}"
        # Each chapter's view is painted before the next key (the dashboard's map contract).
        page.wait_for_selector(f'#map[data-painted="{index + 1}"]', state="attached")
        if index == 1:
            assert page.locator("#map path.leaflet-interactive, #map path").count() > 300
        page.keyboard.press("PageDown" if index % 2 else "ArrowRight")
    page.keyboard.press("Home")
    assert page.inner_text("#chapter-title") == titles[0]
    page.keyboard.press("End")
    assert page.inner_text("#chapter-title") == titles[-1]
    assert refused == []
    assert errors == []


def poppler(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def test_pdf_deck_has_one_16_9_page_per_chapter_with_fonts_embedded(tmp_path, titles):
    pdf = export(tmp_path / "presentation.pdf")
    info = poppler("pdfinfo", str(pdf))
    assert int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)) == len(titles)
    width, height = map(float, re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M).groups())
    assert width / height == pytest.approx(16 / 9, rel=0.01)
    fonts = poppler("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(re.search(r"\byes\s+yes\s+yes\b", line) for line in fonts), fonts
    for number, title in enumerate(titles, start=1):
        text = " ".join(poppler("pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-").split())
        # pdftotext writes the narrow no-break spaces of French numbers as plain spaces.
        assert " ".join(title.replace("\u202f", " ").split()) in text, (number, title)
        if number < len(titles):
            assert "Sources :" in text, number
