"""Map text renders offline from the glyphs in ``assets/glyphs``.

A small Dash app (not the dashboard) runs in a thread and serves the real
assets folder; headless Chromium opens it and every request is recorded.
MapLibre falls back to drawing text with a local system font when a glyph
range fails to load, so "text is visible" alone proves nothing: the tests also
require the PBFs to be answered and no fallback warning in the console.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import unquote, urlparse

import dash
import plotly.graph_objects as go
import pytest
from dash import dcc, html
from playwright.sync_api import Browser, ConsoleMessage, Page
from werkzeug.serving import make_server

from erbm_map.figures.basemap import FONT_BOLD, FONT_STACK, GLYPHS_ASSET_PATH, offline_style
from tests.e2e.conftest import ROOT, SCREENSHOTS, make_page

pytestmark = pytest.mark.e2e

LABEL = "Hénin-Beaumont — ZIP"
# Œ/œ (256-511) and ’ (8192-8447) make MapLibre fetch those ranges too.
BOLD_LABEL = "Cœur d’Ostrevent"
TEXT_COLOR = "#111111"
CENTER = {"lon": 3.0, "lat": 50.40}


def map_figure(style: dict | str, *, with_text: bool) -> go.Figure:
    """Two labelled points, one per font stack; the same markers without text."""
    mode = "markers+text" if with_text else "markers"
    fig = go.Figure()
    for lon, lat, text, family in (
        (2.95, 50.42, LABEL, FONT_STACK),
        (3.10, 50.33, BOLD_LABEL, FONT_BOLD),
    ):
        fig.add_trace(
            go.Scattermap(
                lon=[lon],
                lat=[lat],
                mode=mode,
                text=[text],
                textposition="bottom center",
                textfont={"family": family, "size": 16, "color": TEXT_COLOR},
                # A blue marker: its pixels never pass for dark text pixels.
                marker={"size": 14, "color": "#3B82F6"},
                hoverinfo="none",
            )
        )
    fig.update_layout(
        map={"style": style, "center": CENTER, "zoom": 9},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        width=600,
        height=360,
        showlegend=False,
    )
    return fig


@contextmanager
def serve(figures: dict[str, go.Figure]) -> Iterator[str]:
    """Serve a Dash page with one graph per figure on a free port; yield its URL."""
    app = dash.Dash(
        __name__,
        assets_folder=str(ROOT / "assets"),
        # Keep the dashboard's own CSS and JS out of this page; the glyphs are
        # still served, since the ignore list only stops auto-inclusion.
        assets_ignore=r".*\.(css|js)$",
    )
    app.layout = html.Div(
        [dcc.Graph(id=name, figure=fig, style={"display": "inline-block"}) for name, fig in figures.items()]
    )
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page that also records console warnings (MapLibre's glyph fallback is one)."""
    pg, watch = make_page(browser, width=1300, height=500)
    warnings: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "warning":
            warnings.append(message.text)

    pg.on("console", on_console)
    pg.watch = watch  # type: ignore[attr-defined]
    pg.console_warnings = warnings  # type: ignore[attr-defined]
    yield pg
    pg.context.close()


def wait_map_ready(page: Page, graph_id: str) -> None:
    page.wait_for_function(
        """(id) => {
            const gd = document.querySelector(`#${id} .js-plotly-plot`);
            const sub = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
            return !!(sub && sub.map && sub.map.loaded() && sub.map.isStyleLoaded());
        }""",
        arg=graph_id,
        timeout=30_000,
    )


# Texts of the symbol features MapLibre placed on screen (past collision, drawn).
RENDERED_TEXTS_JS = """(id) => {
    const gd = document.querySelector(`#${id} .js-plotly-plot`);
    return gd._fullLayout.map._subplot.map.queryRenderedFeatures()
        .filter((f) => f.layer.type === 'symbol' && f.properties.text)
        .map((f) => f.properties.text);
}"""


def rendered_texts(page: Page, graph_id: str) -> list[str]:
    return page.evaluate(RENDERED_TEXTS_JS, graph_id)


def dark_pixels(page: Page, png: bytes) -> int:
    """Count near-black pixels of a screenshot, decoded by the browser's own PNG decoder."""
    return page.evaluate(
        """async (b64) => {
            const img = new Image();
            img.src = 'data:image/png;base64,' + b64;
            await img.decode();
            const canvas = document.createElement('canvas');
            canvas.width = img.width;
            canvas.height = img.height;
            const ctx = canvas.getContext('2d');
            ctx.drawImage(img, 0, 0);
            const data = ctx.getImageData(0, 0, img.width, img.height).data;
            let n = 0;
            for (let i = 0; i < data.length; i += 4) {
                if (data[i] < 90 && data[i + 1] < 90 && data[i + 2] < 90) n++;
            }
            return n;
        }""",
        base64.b64encode(png).decode(),
    )


def test_map_text_renders_from_local_glyphs(page: Page) -> None:
    probe = dash.Dash(__name__)
    style = offline_style(probe.get_asset_url(GLYPHS_ASSET_PATH))
    assert style["glyphs"] == "/assets/glyphs/{fontstack}/{range}.pbf"
    figures = {
        "with-text": map_figure(style, with_text=True),
        "no-text": map_figure(style, with_text=False),
    }
    with serve(figures) as url:
        page.goto(url + "/")
        for graph_id in figures:
            wait_map_ready(page, graph_id)
        page.wait_for_function(f"(id) => ({RENDERED_TEXTS_JS})(id).length >= 2", arg="with-text")
        page.wait_for_timeout(500)  # one more frame after placement, for the screenshots
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        with_text = page.locator("#with-text .maplibregl-canvas").screenshot(
            path=str(SCREENSHOTS / "glyphs-offline.png")
        )
        without_text = page.locator("#no-text .maplibregl-canvas").screenshot()
        texts = sorted(rendered_texts(page, "with-text"))
        no_texts = rendered_texts(page, "no-text")
        dark_with, dark_without = dark_pixels(page, with_text), dark_pixels(page, without_text)

    watch = page.watch  # type: ignore[attr-defined]
    assert not watch.external, f"requests left the machine: {watch.external}"
    glyphs = {}
    for request in watch.requests:
        path = unquote(urlparse(request.url).path)
        if path.startswith("/assets/glyphs/"):
            response = request.response()
            glyphs[path] = response.status if response else None
    assert glyphs, "MapLibre requested no glyphs"
    assert all(status == 200 for status in glyphs.values()), glyphs
    for stack in (FONT_STACK, FONT_BOLD):
        for glyph_range in ("0-255", "8192-8447"):
            assert f"/assets/glyphs/{stack}/{glyph_range}.pbf" in glyphs, glyphs
    assert f"/assets/glyphs/{FONT_BOLD}/256-511.pbf" in glyphs, glyphs
    assert not watch.errors, f"console errors: {watch.errors}"
    fallback = [w for w in page.console_warnings if "glyph" in w.lower()]  # type: ignore[attr-defined]
    assert not fallback, f"MapLibre drew text with a local font instead of the PBFs: {fallback}"

    assert texts == sorted([LABEL, BOLD_LABEL])
    assert no_texts == []
    # Two 16 px labels ink a few hundred near-black pixels; the bare markers none.
    assert dark_without < 20, dark_without
    assert dark_with > 300, dark_with


def test_markers_only_on_white_bg_make_no_request(page: Page) -> None:
    """Circles alone need neither glyphs nor a sprite, even with plotly's built-in style."""
    with serve({"markers": map_figure("white-bg", with_text=False)}) as url:
        page.goto(url + "/")
        wait_map_ready(page, "markers")
        page.wait_for_timeout(500)
    watch = page.watch  # type: ignore[attr-defined]
    assert not watch.external, f"requests left the machine: {watch.external}"
    assert not [r.url for r in watch.requests if r.url.endswith(".pbf")]
    assert not watch.errors, f"console errors: {watch.errors}"
