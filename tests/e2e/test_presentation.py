"""Presentation mode in a real browser: keys, links, sizes for a projector, and speed.

Each test opens its own page (the harness fails it on any console error or request
leaving 127.0.0.1). The chapter switch is measured from the key's event time to the
first task after the frame that paints the new title.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from erbm_map.presentation.chapters import ChapterKind, build_chapters
from tests.support.harness import chapter_switch_times, map_bounds, screenshot, wait_idle, wait_map_loaded

pytestmark = pytest.mark.e2e

#: Time between two key presses in the measure, once the map is loaded (a presenter talks for longer):
#: the previous chapter's map has been drawn, as in a room.
PACE_MS = 300


def open_presentation(page, server, query: str = "") -> None:
    page.goto(server.url + "/presentation" + query)
    page.wait_for_selector("#presentation:not(.is-loading)")
    wait_idle(page)


def progress(page) -> tuple[int, int]:
    current, total = page.inner_text("#chapter-progress").split("/")
    return int(current), int(total)


def wait_progress(page, current: int) -> None:
    page.wait_for_function(
        "(n) => document.getElementById('chapter-progress').innerText.trim().startsWith(n + ' /')",
        arg=current,
    )


def chapter_param(page) -> str:
    return parse_qs(urlparse(page.url).query).get("chapter", [""])[-1]


def wait_url_chapter(page, number: int) -> None:
    """Dash confirms a chapter just after it is painted, and writes the URL then."""
    page.wait_for_function(
        "(n) => new URLSearchParams(location.search).get('chapter') === String(n)", arg=number
    )
    wait_idle(page)


def wait_map_idle(page) -> None:
    """The map has painted the chapter's view (its ``data-painted`` caught up with the chapter)."""
    wait_map_loaded(page)
    page.wait_for_function(
        "() => Number(document.getElementById('map').dataset.painted || 0) >= 1", timeout=20_000
    )


#: What would scroll or be cut: the document, the visible chapter's parts (its figures, and its
#: sources under the map: each has its own area of the slide), the title and the footer.
OVERFLOW_JS = """() => {
    const d = document.documentElement;
    const inside = (box, outer) => box.bottom <= outer.bottom + 1 && box.right <= outer.right + 1;
    const frame = document.getElementById('presentation').getBoundingClientRect();
    const parts = [...document.querySelectorAll('.chapter:not([hidden]) > *')];
    const cut = parts.flatMap(part => {
        const outer = part.getBoundingClientRect();
        const out = [...part.querySelectorAll('*')].filter(e => !inside(e.getBoundingClientRect(), outer));
        return (inside(outer, frame) ? out : [part, ...out]).map(e => e.className);
    });
    const edges = ['#chapter-title', '.pfoot', '.pnav']
        .filter(s => !inside(document.querySelector(s).getBoundingClientRect(), frame));
    const title = document.getElementById('chapter-title');
    // The chapter's body must not run under its sources (it may overflow its box yet stay in the section).
    const section = document.querySelector('.chapter:not([hidden])');
    const main = section.querySelector('.chapter-main');
    const spill = main.scrollHeight > main.clientHeight + 1 ? ['chapter-main'] : [];
    return {
        scrolls: d.scrollHeight > innerHeight || d.scrollWidth > innerWidth,
        cut: cut.slice(0, 3).concat(spill),
        edges: edges,
        title: title.scrollWidth > title.clientWidth + 1,
    };
}"""


#: WCAG contrast ratio of the text of the visible chapter's elements against the slide's white.
CONTRAST_JS = """(selectors) => {
    const luminance = rgb => {
        const [r, g, b] = rgb.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(v => v / 255)
            .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const white = luminance('rgb(255, 255, 255)');
    const ratios = {};
    for (const s of selectors) {
        const element = document.querySelector('.chapter:not([hidden]) ' + s);
        ratios[s] = (white + 0.05) / (luminance(getComputedStyle(element).color) + 0.05);
    }
    const title = document.getElementById('chapter-title');
    ratios['#chapter-title'] = (white + 0.05) / (luminance(getComputedStyle(title).color) + 0.05);
    return ratios;
}"""


def test_opens_on_chapter_one_and_keys_move_through_the_deck(page, server):
    open_presentation(page, server)
    wait_map_loaded(page)
    loaded = {r.url for r in page.watch.requests if "/data/" in r.url}
    first_title = page.inner_text("#chapter-title")
    current, total = progress(page)
    assert current == 1
    assert total == 13

    for _ in range(3):
        page.keyboard.press("ArrowRight")
    wait_progress(page, 4)
    assert page.inner_text("#chapter-title") != first_title
    wait_url_chapter(page, 4)
    assert chapter_param(page) == "4"

    page.keyboard.press("Home")
    wait_progress(page, 1)
    assert page.inner_text("#chapter-title") == first_title
    wait_url_chapter(page, 1)

    page.keyboard.press("End")
    wait_progress(page, total)
    page.keyboard.press("PageUp")
    wait_progress(page, total - 1)
    page.keyboard.press(" ")
    wait_progress(page, total)
    page.keyboard.press("ArrowLeft")
    wait_progress(page, total - 1)
    page.keyboard.press("PageDown")
    wait_progress(page, total)
    assert page.is_disabled("#chapter-next")

    page.click("#chapter-prev")
    wait_progress(page, total - 1)
    for selector in ("#chapter-prev", "#chapter-next"):
        assert page.get_attribute(selector, "aria-label")

    page.keyboard.press("f")
    page.keyboard.press("f")
    wait_url_chapter(page, total - 1)
    # The map's geometry was fetched at load, each file under its versioned URL: chapters only
    # change the layers' hideout and the view.
    geojson = {r.url for r in page.watch.requests if "/data/" in r.url}
    assert geojson == loaded and len(loaded) == 7
    assert all("?v=" in url for url in loaded)


def test_a_theme_chapter_shows_2019_and_2024_values_of_one_figure(page, server, bundle):
    chapters = build_chapters(bundle)
    index = next(
        i for i, c in enumerate(chapters) if any(len(f.values) == 2 and f.comparable for f in c.figures)
    )
    expected = next(f for f in chapters[index].figures if len(f.values) == 2 and f.comparable)
    page.emulate_media(reduced_motion="reduce")
    open_presentation(page, server, f"?chapter={index + 1}")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.chapter:not([hidden])')).animationName")
        == "none"
    )
    figure = page.locator(f".chapter:not([hidden]) .pfig[data-stem='{expected.stem}']")
    assert figure.locator("[data-edition='2019'] .pfig-number").inner_text() == expected.values[0].text
    assert figure.locator("[data-edition='2024'] .pfig-number").inner_text() == expected.values[1].text


def test_sizes_for_the_back_of_the_room_at_1920x1080(page, server, bundle):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_presentation(page, server)
    wait_map_idle(page)
    screenshot(page, "presentation-1-introduction")

    chapters = build_chapters(bundle)
    paired = next(
        i for i, c in enumerate(chapters) if any(len(f.values) == 2 and f.comparable for f in c.figures)
    )
    for _ in range(paired):
        page.keyboard.press("ArrowRight")
    wait_progress(page, paired + 1)
    sizes = page.evaluate(
        """() => {
            const shown = s => document.querySelector('.chapter:not([hidden]) ' + s);
            const px = s => parseFloat(getComputedStyle(shown(s)).fontSize);
            return {value: px('.pfig-value'), before: px('.pfig-before'), label: px('.pfig-label'),
                    title: parseFloat(getComputedStyle(document.getElementById('chapter-title')).fontSize),
                    kicker: parseFloat(getComputedStyle(document.querySelector('.pkicker')).fontSize)};
        }"""
    )
    assert sizes["value"] >= 48
    assert sizes["before"] >= 48
    assert sizes["label"] >= 24
    assert sizes["title"] >= 40
    assert sizes["kicker"] >= 24
    assert page.inner_text(".pkicker").lower() == chapters[paired].kicker.lower()
    contrasts = page.evaluate(
        CONTRAST_JS, [".pfig-value", ".pfig-before", ".pfig-label", ".pfig-edition", ".psources"]
    )
    assert all(ratio >= 4.5 for ratio in contrasts.values()), contrasts
    wait_map_idle(page)
    screenshot(page, f"presentation-{paired + 1}-{chapters[paired].slug}")

    closing = next(i for i, c in enumerate(chapters) if c.kind is ChapterKind.CLOSING)
    for _ in range(closing - paired):
        page.keyboard.press("ArrowRight")
    wait_progress(page, closing + 1)
    assert (
        page.evaluate("parseFloat(getComputedStyle(document.querySelector('.pslope-after')).fontSize)") >= 48
    )
    screenshot(page, f"presentation-{closing + 1}-bilan")


def test_a_zoning_chapter_has_a_legend_in_its_map_box_and_other_maps_do_not_show_it(page, server, bundle):
    chapters = build_chapters(bundle)
    zoning = next(i for i, c in enumerate(chapters) if "zonage" in c.layers)
    open_presentation(page, server, f"?chapter={zoning + 1}")
    legend = page.locator(".pmap .plegend [data-layer='zonage']")
    legend.wait_for(state="visible")
    # Inside the map box, from zones.csv: the zones of the vintage the map shows.
    inside = page.evaluate(
        """() => {
            const box = document.querySelector('.pmap').getBoundingClientRect();
            const l = document.querySelector('.plegend').getBoundingClientRect();
            return l.left >= box.left && l.right <= box.right && l.top >= box.top && l.bottom <= box.bottom;
        }"""
    )
    assert inside
    present = set(bundle.zoning[bundle.latest_vintage])
    codes = [code for code in bundle.zones.index if code in present]
    assert legend.locator(".plegend-code").all_inner_texts() == codes
    assert bundle.latest_vintage in legend.locator(".plegend-head").inner_text()
    assert (
        float(page.evaluate("parseFloat(getComputedStyle(document.querySelector('.plegend li')).fontSize)"))
        >= 16
    )

    # A key press to a chapter without zones hides that block with the chapter's root class.
    other = next(i for i, c in enumerate(chapters) if c.has_map and "zonage" not in c.layers and i > zoning)
    for _ in range(other - zoning):
        page.keyboard.press("ArrowRight")
    wait_progress(page, other + 1)
    assert not legend.is_visible()
    assert page.locator(".pmap .plegend [data-layer='epci']").is_visible()


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_nothing_scrolls_or_is_cut_on_any_chapter(page, server, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_presentation(page, server, "?commune=62498")
    _, total = progress(page)
    # Every chapter in one go: each key press paints its chapter synchronously, so the layout can be
    # measured right after it (the map patches that follow do not change the page's layout).
    page.evaluate(f"window.__overflow = {OVERFLOW_JS}")
    found = page.evaluate(
        """(total) => {
            const found = [];
            for (let number = 1; number <= total; number++) {
                if (number > 1) {
                    document.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}));
                }
                found.push([document.getElementById('chapter-progress').innerText, window.__overflow()]);
            }
            return found;
        }""",
        total,
    )
    assert [number for number, _ in found] == [f"{n} / {total}" for n in range(1, total + 1)]
    for number, problems in found:
        assert problems == {"scrolls": False, "cut": [], "edges": [], "title": False}, (number, problems)


def test_escape_returns_to_the_dashboard(page, server):
    open_presentation(page, server, "?chapter=2")
    page.keyboard.press("Escape")
    page.wait_for_url(server.url + "/")
    page.wait_for_selector("#map")


def test_bad_links_fall_back_without_crashing(page, server):
    open_presentation(page, server, "?chapter=999")
    assert progress(page) == (1, 13)
    assert "999" in page.inner_text("#presentation-message")

    open_presentation(page, server, "?commune=abc")
    assert progress(page) == (1, 13)
    assert "abc" in page.inner_text("#presentation-message")
    assert page.locator(".chapter-commune").count() == 0


def test_a_commune_link_inserts_its_focus_after_the_introduction(page, server, bundle):
    open_presentation(page, server, "?commune=62498")
    assert progress(page) == (1, 14)
    wait_map_loaded(page)
    territory = map_bounds(page)
    page.keyboard.press("ArrowRight")
    wait_progress(page, 2)
    assert page.inner_text("#chapter-title") == f"Focus : {bundle.communes.at['62498', 'nom']}"
    wait_url_chapter(page, 2)
    assert parse_qs(urlparse(page.url).query) == {"commune": ["62498"], "chapter": ["2"]}
    assert "31\u202f415" in page.inner_text(".chapter:not([hidden]) .pfig-value")
    # The map frames the commune: its visible area shrinks to a fraction of the territory's.
    page.wait_for_function(
        "(w) => { const b = document.getElementById('map').dataset.bounds.split(',').map(Number);"
        " return b[2] - b[0] < w / 3; }",
        arg=territory[2] - territory[0],
    )
    west, south, east, north = map_bounds(page)
    row = bundle.communes.loc["62498"]
    assert (
        west <= row["min_lon"]
        and east >= row["max_lon"]
        and south <= row["min_lat"]
        and north >= row["max_lat"]
    )


def test_chapter_switch_is_painted_by_the_browser(page, server):
    """Each arrow key paints the next chapter's title; ``make bench`` measures how fast."""
    open_presentation(page, server)
    times = chapter_switch_times(page, 10, pace_ms=PACE_MS)
    print(f"\nchapter switch, key press to title painted: {times} ms")
    assert len(times) == 10 and all(t > 0 for t in times)
    assert progress(page)[0] == 11


#: Visible text smaller than its floor: 14 px for the map's names, 16 px for anything else.
SMALL_TEXT_JS = """() => {
    const small = [];
    const walker = document.createTreeWalker(document.getElementById('presentation'), NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const element = walker.currentNode.parentElement;
        if (!walker.currentNode.textContent.trim() || !element || element.closest('[hidden]')) { continue; }
        const style = getComputedStyle(element);
        const shown = element.getClientRects().length > 0 && style.visibility !== 'hidden';
        const floor = element.closest('.erbm-label') ? 14 : 16;
        if (shown && parseFloat(style.fontSize) < floor) {
            small.push(`${element.className || element.tagName} ${style.fontSize}`);
        }
    }
    return [...new Set(small)];
}"""

#: The territory's outline (the perimeter layer) and the map's box, in px.
TERRITORY_JS = """() => {
    const map = document.getElementById('map').closest('.pmap').getBoundingClientRect();
    const shapes = [...document.querySelectorAll('#map .leaflet-erbm-perimetre-pane path')]
        .map(p => p.getBoundingClientRect()).filter(r => r.width > 0);
    const left = Math.min(...shapes.map(r => r.left)), right = Math.max(...shapes.map(r => r.right));
    const top = Math.min(...shapes.map(r => r.top)), bottom = Math.max(...shapes.map(r => r.bottom));
    return {box: [map.width, map.height], territory: [right - left, bottom - top]};
}"""


def test_the_back_of_the_room_reads_every_word_at_1280x720(page, server):
    """A projector's 1280×720: no text under 16 px, the map's names at 14 px, the map fills its box."""
    page.set_viewport_size({"width": 1280, "height": 720})
    open_presentation(page, server, "?commune=62498")
    wait_map_idle(page)
    assert page.locator("#map .erbm-label:not([hidden])").count() > 0
    drawn = page.evaluate(TERRITORY_JS)
    (box_w, box_h), (w, h) = drawn["box"], drawn["territory"]
    assert w >= 0.8 * box_w and h >= 0.7 * box_h, drawn
    _, total = progress(page)
    small = {}
    for number in range(1, total + 1):
        if number > 1:
            page.keyboard.press("ArrowRight")
            wait_progress(page, number)
        found = page.evaluate(SMALL_TEXT_JS)
        if found:
            small[number] = found
    assert small == {}, small
