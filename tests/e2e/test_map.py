"""The map as a person uses it, read through its public contract (data attributes, the DOM)."""

from __future__ import annotations

import pytest

from tests.support.harness import (
    make_page,
    map_bounds,
    painted,
    screenshot,
    wait_idle,
    wait_map_drawn,
    wait_painted,
)

pytestmark = pytest.mark.e2e

#: Visible markers: one per establishment, or one per group of nearby ones (``.erbm-cluster``).
MARKERS = "#map .erbm-marker"
#: Every category of establishment on, with the zoning and the intercommunalities' names.
ALL_CATEGORIES = "?layers=zonage,epci,sanitaire,medico-social,dispositif"
#: Pairs of visible markers whose boxes overlap by more than a quarter of the smaller one.
OVERLAPS = """() => {
    const boxes = [...document.querySelectorAll('#map .erbm-marker')]
        .map(e => e.getBoundingClientRect()).filter(r => r.width > 0);
    const pairs = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        const smaller = Math.min(a.width * a.height, b.width * b.height);
        if (w > 0 && h > 0 && w * h > 0.25 * smaller) pairs.push([i, j]);
    }
    return pairs.length;
}"""
#: Establishments shown: single markers plus the count each group shows.
SHOWN = """() => [...document.querySelectorAll('#map .erbm-marker')]
    .reduce((n, e) => n + (e.classList.contains('erbm-cluster') ? Number(e.innerText) : 1), 0)"""


def cited(bundle, edition: str) -> int:
    """Located establishments an edition cites (imported ones have no edition: every one)."""
    e = bundle.establishments[bundle.establishments["lon"].notna()]
    editions = e["editions"].fillna("").astype(str)
    return int((editions.str.split(";").apply(lambda v: edition in v) | (editions == "")).sum())


def perimeter_box(bundle) -> tuple[float, float, float, float]:
    c = bundle.communes[bundle.communes["bassin_minier"].astype(bool)]
    return c["min_lon"].min(), c["min_lat"].min(), c["max_lon"].max(), c["max_lat"].max()


@pytest.mark.parametrize(
    ("width", "height"), [(390, 844), (768, 1024), (1280, 720), (1440, 900), (1920, 1080)]
)
def test_the_whole_perimeter_is_in_view_at_every_size(browser, server, bundle, width, height):
    page, watch = make_page(browser, width, height)
    page.goto(server.url + "/")
    wait_map_drawn(page)
    west, south, east, north = map_bounds(page)
    min_lon, min_lat, max_lon, max_lat = perimeter_box(bundle)
    assert west <= min_lon and east >= max_lon and south <= min_lat and north >= max_lat, (width, height)
    # Fitted, not merely inside: the territory fills at least half of the map's width or height.
    assert (max_lon - min_lon) / (east - west) > 0.5 or (max_lat - min_lat) / (north - south) > 0.5
    screenshot(page, f"map-{width}")
    assert not watch.errors and not watch.external, (watch.errors, watch.external)
    page.context.close()


def test_no_two_markers_overlap_and_names_sit_above_them(browser, server, bundle):
    page, watch = make_page(browser, 1440, 900)
    page.goto(server.url + "/" + ALL_CATEGORIES)
    wait_map_drawn(page)
    assert page.evaluate(OVERLAPS) == 0
    # Nearby places are grouped, with a count: every cited establishment is still counted.
    assert page.locator("#map .erbm-cluster").count() > 0
    assert page.evaluate(SHOWN) == cited(bundle, "2024")
    # Town names are drawn above the markers.
    z = page.evaluate(
        "() => [document.querySelector('#map .erbm-label').closest('.leaflet-pane'),"
        " document.querySelector('#map .erbm-marker').closest('.leaflet-pane')]"
        ".map(p => Number(getComputedStyle(p).zIndex))"
    )
    assert z[0] > z[1], z
    screenshot(page, "map-groups-1440")
    assert not watch.errors and not watch.external, (watch.errors, watch.external)
    page.context.close()


def test_a_click_on_a_group_zooms_in_to_its_places(page, server):
    page.goto(server.url + "/" + ALL_CATEGORIES)
    wait_map_drawn(page)
    zoom = int(page.get_attribute("#map", "data-zoom"))
    page.locator("#map .erbm-cluster").first.click()
    page.wait_for_function("(z) => Number(document.getElementById('map').dataset.zoom) > z", arg=zoom)
    # A group designates no place: no commune is opened.
    assert "commune=" not in page.url


def test_every_establishment_at_a_shared_town_hall_can_be_hovered(page, server, bundle):
    # Brought into view, a commune's places have their own markers, fanned out around the town hall.
    page.goto(server.url + "/?layers=sanitaire,medico-social,dispositif&edition=2024&commune=59606")
    wait_map_drawn(page)
    # Valenciennes: hospitals and devices at one town hall, each must be reachable by the pointer.
    names = bundle.establishments.query("insee == '59606' and lon == lon and editions.str.contains('2024')")[
        "nom"
    ]
    assert len(names) >= 3
    for name in names:
        marker = page.locator(f'{MARKERS}[title="{name}"]')
        assert marker.count() == 1, name
        box = marker.bounding_box()
        centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        top = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y)?.closest('.erbm-marker')?.title", centre
        )
        assert top == name, f"{name} is hidden under {top}"
        page.mouse.move(*centre)
        page.get_by_role("tooltip").filter(has_text=name).first.wait_for()
        page.mouse.move(5, 5)
    screenshot(page, "map-valenciennes-markers")


def test_the_2019_view_shows_fewer_establishments_than_2024(page, server):
    page.goto(server.url + "/?layers=sanitaire,medico-social,dispositif&edition=2024")
    wait_map_drawn(page)
    in_2024 = page.evaluate(SHOWN)
    before = painted(page)
    page.get_by_label("2019").check()
    wait_painted(page, before)
    in_2019 = page.evaluate(SHOWN)
    assert 0 < in_2019 < in_2024


def test_a_click_selects_a_commune_opens_its_card_and_writes_the_url(page, server, bundle):
    # Zoning alone: no marker or intercommunality name over the town hall.
    page.goto(server.url + "/?layers=zonage,perimetre")
    wait_map_drawn(page)
    # Click at Lens's town hall: the commune under the pointer is selected.
    box = page.locator("#map").bounding_box()
    west, south, east, north = map_bounds(page)
    lon, lat = bundle.communes.loc["62498", ["mairie_lon", "mairie_lat"]]
    point = page.evaluate(
        """([lon, lat, west, south, east, north, w, h]) => {
            const y = v => Math.log(Math.tan(Math.PI / 4 + v * Math.PI / 360));
            return [(lon - west) / (east - west) * w, (y(north) - y(lat)) / (y(north) - y(south)) * h];
        }""",
        [lon, lat, west, south, east, north, box["width"], box["height"]],
    )
    before = painted(page)
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])
    wait_painted(page, before)
    page.wait_for_function("() => location.search.includes('commune=62498')")
    page.wait_for_function("() => document.querySelector('#commune-card-title')?.innerText === 'Lens'")
    # The selection outline is drawn, and the map did not move.
    assert page.locator("#map .leaflet-erbm-selection-pane path").count() >= 1
    assert map_bounds(page) == (west, south, east, north)


def test_a_resize_keeps_the_view(page, server):
    page.goto(server.url + "/?commune=62498")
    wait_map_drawn(page)
    page.wait_for_function("() => location.search.includes('commune=62498')")
    # The commune's view is on screen (zoomed in from the whole territory) and Dash is idle.
    page.wait_for_function(
        "() => { const b = document.getElementById('map').dataset.bounds.split(',').map(Number);"
        " return b[2] - b[0] < 0.5; }"
    )
    wait_idle(page)
    west, south, east, north = map_bounds(page)
    centre = ((west + east) / 2, (south + north) / 2)
    page.set_viewport_size({"width": 1300, "height": 950})
    page.wait_for_function(
        "(b) => document.getElementById('map').dataset.bounds !== b",
        arg=",".join(f"{v:.5f}" for v in (west, south, east, north)),
    )
    w2, s2, e2, n2 = map_bounds(page)
    assert abs((w2 + e2) / 2 - centre[0]) < (east - west) * 0.05
    assert abs((s2 + n2) / 2 - centre[1]) < (north - south) * 0.05


def test_recentre_brings_back_the_whole_territory(page, server, bundle):
    page.goto(server.url + "/?commune=62498")
    wait_map_drawn(page)
    page.wait_for_function(
        "() => { const b = document.getElementById('map').dataset.bounds.split(',').map(Number);"
        " return b[2] - b[0] < 0.5; }"
    )
    page.get_by_role("button", name="Recentrer").click()
    min_lon, _, max_lon, _ = perimeter_box(bundle)
    page.wait_for_function(
        "([a, b]) => { const v = document.getElementById('map').dataset.bounds.split(',').map(Number);"
        " return v[0] <= a && v[2] >= b; }",
        arg=[min_lon, max_lon],
    )


def test_legend_names_the_year_of_each_contract_layer(page, server):
    page.goto(server.url + "/?layers=zonage,cls,clsm&edition=2019")
    wait_map_drawn(page)
    legend = page.locator("#map-legend")
    visible = legend.locator(".legend-item:visible").all_inner_texts()
    assert any("(CLS) en 2019" in text for text in visible), visible
    assert not any("en 2024" in text for text in visible), visible
    assert any("ZIP" in text for text in visible)


def test_the_legend_follows_the_layers_and_the_edition_chosen(page, server):
    """Rendered on the server for each view: a layer ticked joins it, an edition renames it."""
    page.goto(server.url + "/?layers=zonage&edition=2019")
    wait_map_drawn(page)
    items = page.locator("#map-legend .legend-item")
    assert not items.filter(has_text="(CLS)").count()
    page.get_by_label("Contrats locaux de santé (CLS)").check()
    items.filter(has_text="(CLS) en 2019").wait_for()
    page.locator("#edition input[value='2024']").check()
    items.filter(has_text="(CLS) en 2024").wait_for()
    assert not items.filter(has_text="(CLS) en 2019").count()
    page.get_by_label("Contrats locaux de santé (CLS)").uncheck()
    items.filter(has_text="(CLS)").first.wait_for(state="detached")


def test_a_commune_tooltip_names_the_contracts_that_cover_it(page, server, bundle):
    # The tooltip words contract kinds with the types the domain sends (config.domain.contractTypes).
    commune = bundle.communes.loc["62498"]
    edition = bundle.domain.edition_keys[-1]
    covered = [kind.upper() for kind in ("cls", "clsm") if commune[f"{kind}_{edition}"]]
    assert covered, "the test needs a commune covered by a contract"
    page.goto(server.url + f"/?layers=zonage&edition={edition}&commune=62498")
    wait_map_drawn(page)
    box = page.locator("#map").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = page.get_by_role("tooltip").filter(has_text=commune["nom"]).first
    tooltip.wait_for()
    text = tooltip.inner_text()
    assert all(kind in text.split(":")[-1] for kind in covered), text
