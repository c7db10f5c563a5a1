"""The live map: each view is applied in MapLibre by the browser, with no server call and no redraw."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from erbm_map.figures.livemap import build_live_map, live_visible
from erbm_map.figures.map import MapUrls
from erbm_map.state import ViewState
from tests.e2e.conftest import SCREENSHOTS, screenshot, wait_idle, wait_map_drawn

pytestmark = pytest.mark.e2e

#: What MapLibre shows: the uids of the trace layers neither hidden nor transparent (the
#: selection's outline layer is always drawn, transparent but for the commune in its feature
#: state).
SHOWN = """() => {
    const map = window.erbmLive.map;
    const uids = map.getStyle().layers
        .filter(l => l.id.startsWith('plotly-trace-layer-') && (l.layout || {}).visibility !== 'none')
        .filter(l => !['fill-opacity', 'line-opacity'].some(p => (l.paint || {})[p] === 0))
        .map(l => l.id.slice('plotly-trace-layer-'.length).replace(/-(fill|line|circle|symbol)$/, ''));
    const selected = window.erbmLive.selected;
    const state = selected && map.getFeatureState({source: 'source-selection', id: Number(selected)});
    return [...new Set(uids)].filter(u => u !== 'selection' || (state && state.selected)).sort();
}"""


def open_live(page, server, query: str = "") -> None:
    page.goto(server.url + "/" + query)
    wait_map_drawn(page)
    page.wait_for_function("() => window.erbmLive && window.erbmLive.plotted")
    wait_idle(page)


def map_posts(page, since: int) -> list[str]:
    return [
        r.post_data or ""
        for r in page.watch.requests[since:]
        if r.method == "POST" and "map.figure" in (r.post_data or "")
    ]


def test_layer_toggle_switches_maplibre_layers_without_the_server(page, server):
    open_live(page, server)
    before = len(page.watch.requests)
    assert "cls-2024" not in page.evaluate(SHOWN)
    page.get_by_label("Contrats locaux de santé (CLS)").check()
    page.wait_for_function("() => location.search.includes('cls')")
    page.wait_for_function("() => window.erbmLive.shown.has('cls-2024')")
    assert "cls-2024" in page.evaluate(SHOWN) and "cls-2019" not in page.evaluate(SHOWN)
    # Hidden at first paint, its data waited; shown, it is loaded and drawn.
    page.wait_for_function("() => window.erbmLive.map.querySourceFeatures('source-cls-2024').length > 0")
    page.wait_for_function("() => Object.keys(window.erbmLive.deferred).length === 0")
    assert map_posts(page, before) == [], "the map must not be sent by the server"
    assert not [r for r in page.watch.requests[before:] if "/data/" in r.url], "GeoJSON fetched again"
    assert page.locator("#map-legend [data-uids='cls-2019 cls-2024']").is_visible()
    assert not page.locator("#map-legend [data-uids='clsm-2019 clsm-2024']").is_visible()


def test_edition_switch_swaps_the_contract_layers_and_their_hover(page, server):
    open_live(page, server, "?layers=zonage,cls")
    page.locator("#edition input[value='2019']").check()
    page.wait_for_function("() => window.erbmLive.shown.has('cls-2019')")
    shown = page.evaluate(SHOWN)
    assert "cls-2019" in shown and "cls-2024" not in shown
    hover = page.evaluate(
        "() => Object.fromEntries(window.erbmLive.gd.calcdata"
        ".map(cd => [cd[0].trace.uid, cd[0].trace.hoverinfo]))"
    )
    assert hover["cls-2024"] == "skip" and hover["cls-2019"] != "skip"


@pytest.mark.parametrize(
    "query, state",
    [
        ("", {}),
        (
            "?edition=2019&layers=cls,clsm,medico-social",
            {"edition": "2019", "layers": ("cls", "clsm", "medico-social")},
        ),
        (
            "?layers=epci,dispositif,cpts&commune=62498",
            {"layers": ("epci", "dispositif", "cpts"), "commune": "62498"},
        ),
    ],
)
def test_browser_applies_the_same_rule_as_python(page, server, bundle, query, state):
    open_live(page, server, query)
    if "commune" in state:
        page.wait_for_function("(c) => window.erbmLive.selected === c", arg=state["commune"])
    figure = build_live_map(bundle, MapUrls("/c", "/e", "/p"))
    expected = sorted(live_visible(figure, ViewState(vintage=bundle.latest_vintage, **state)))
    assert page.evaluate("() => [...window.erbmLive.shown].sort()") == expected
    assert page.evaluate(SHOWN) == expected


def test_view_survives_a_resize(page, server):
    open_live(page, server, "?edition=2019&layers=zonage,clsm&commune=59178")
    page.wait_for_function("() => window.erbmLive.selected === '59178'")
    before, zoom = page.evaluate(SHOWN), page.evaluate("() => window.erbmLive.map.getZoom()")
    page.set_viewport_size({"width": 1300, "height": 900})
    # plotly redraws on a resize, re-adding layers and setting their visibility again.
    page.wait_for_timeout(1500)
    wait_idle(page)
    assert page.evaluate(SHOWN) == before
    assert "clsm-2019" in before and "selection" in before
    assert abs(page.evaluate("() => window.erbmLive.map.getZoom()") - zoom) < 1.0
    # The outline is drawn where it should be: the selection line layer renders the commune.
    page.wait_for_function(
        """() => {
            const map = window.erbmLive.map;
            const layer = 'plotly-trace-layer-selection-line';
            return map.getPaintProperty(layer, 'line-width')[0] === 'case'
                && map.getFeatureState({source: 'source-selection', id: 59178}).selected === true;
        }"""
    )


def test_map_click_selects_in_place_and_search_recentres(page, server, bundle):
    open_live(page, server)
    zoom = page.evaluate("() => window.erbmLive.map.getZoom()")
    box = page.locator("#map canvas.maplibregl-canvas").bounding_box()
    for fx, fy in [(0.55, 0.6), (0.45, 0.55), (0.6, 0.65), (0.4, 0.6), (0.5, 0.7)]:
        page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
        page.wait_for_timeout(150)
        hovered = page.evaluate(
            "() => { const h = window.erbmLive.gd._hoverdata || [];"
            " return h.length && h[0].location ? String(h[0].location) : ''; }"
        )
        if hovered:
            page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
            break
    else:
        pytest.fail("no commune under the pointer")
    page.wait_for_function("(c) => window.erbmLive.selected === c", arg=hovered)
    page.wait_for_function("(c) => location.search.includes('commune=' + c)", arg=hovered)
    wait_idle(page)
    assert "selection" in page.evaluate(SHOWN)
    name = bundle.communes.loc[hovered, "nom"]
    page.wait_for_function("(n) => document.querySelector('#commune-card-title')?.innerText === n", arg=name)
    assert f"?commune={hovered}&" in page.locator("#permalink").input_value()
    assert abs(page.evaluate("() => window.erbmLive.map.getZoom()") - zoom) < 1e-6, (
        "a click must not move the map"
    )
    page.locator("#epci-select").click()
    page.locator(".dash-dropdown-options .dash-dropdown-option").filter(has_text="Lens").first.click()
    page.wait_for_function("(z) => window.erbmLive.map.getZoom() > z + 0.5", arg=zoom)
    screenshot(page, "live-map-epci")


def test_png_export_is_the_map_as_shown_with_its_legend(page, server):
    open_live(page, server, "?edition=2019&layers=zonage,cls,sanitaire")
    # plotly's own export would redraw every trace off screen: its button is gone.
    assert page.locator("#map .modebar-btn[data-title*='PNG']").count() == 0
    with page.expect_download() as info:
        page.locator("#export-png").click()
    download = info.value
    assert download.suggested_filename == "carte-bassin-minier.png"
    data = Path(download.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "map-export.png").write_bytes(data)
    size = page.evaluate(
        "() => [window.erbmLive.map.getCanvas().width, window.erbmLive.map.getCanvas().height]"
    )
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == tuple(size)
    # Decoded by the browser: the map's colours and the legend's white box are both there.
    colours = page.evaluate(
        """async (b64) => {
            const img = new Image();
            img.src = 'data:image/png;base64,' + b64;
            await img.decode();
            const c = document.createElement('canvas');
            c.width = img.width; c.height = img.height;
            const ctx = c.getContext('2d');
            ctx.drawImage(img, 0, 0);
            const px = (x, y) => Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3)).join(',');
            const seen = new Set();
            for (let x = 0; x < img.width; x += 13) {
                for (let y = 0; y < img.height; y += 13) seen.add(px(x, y));
            }
            return {distinct: seen.size, legend: px(12, 12)};
        }""",
        base64.b64encode(data).decode(),
    )
    assert colours["distinct"] > 20, "the image must hold the drawn map, not a blank canvas"
    assert colours["legend"] in ("255,255,255", "254,254,254", "253,253,253")
