"""Layout factories and the mounted app: sections, stores, routes and security headers."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from erbm_map.app import create_app
from erbm_map.core.deck_ids import CHAPTER_TYPE
from erbm_map.presentation.chapters import ChapterKind, build_chapters
from erbm_map.presentation.deck_layout import (
    create_figure,
    create_section,
    create_sections,
    deck_data,
    root_class,
)
from erbm_map.presentation.legend import create_legend
from erbm_map.presentation.slope import slope_heights
from tests.support.components import walk


def test_only_the_first_section_is_visible(bundle):
    sections = create_sections(bundle, build_chapters(bundle))
    assert [s.hidden for s in sections] == [False] + [True] * (len(sections) - 1)
    assert [s.id for s in sections] == [{"type": CHAPTER_TYPE, "index": i} for i in range(len(sections))]


def test_a_pair_shows_both_editions(bundle):
    chapter = next(c for c in build_chapters(bundle) if c.slug == "prevention")
    section = create_section(bundle, chapter, 1)
    cells = [c for c in walk(section) if getattr(c, "className", "") == "pfig-cell"]
    editions = [c.to_plotly_json()["props"]["data-edition"] for c in cells]
    assert editions[:2] == ["2019", "2024"]


def classes(component) -> list[str]:
    return [str(getattr(c, "className", "") or "") for c in walk(component)]


def test_a_pair_that_does_not_compare_never_stands_side_by_side(bundle):
    """« 269 | 269 »: the latest value alone in large type, the older one small, under the badge."""
    chapter = next(c for c in build_chapters(bundle) if c.slug == "enfants-jeunes")
    figure = next(f for f in chapter.figures if f.stem == "ecoles-reperage-langage")
    article = create_figure(figure)
    cells = [c for c in walk(article) if getattr(c, "className", "") == "pfig-cell"]
    assert [c.to_plotly_json()["props"]["data-edition"] for c in cells] == ["2024"]
    assert "pfig-arrow" not in classes(article)
    assert "pfig-badge" in classes(article)
    older = next(c for c in walk(article) if getattr(c, "className", "") == "pfig-older")
    assert older.children == "2019\u00a0: 269"


def test_the_closing_is_a_slope_of_the_comparable_pairs(bundle):
    chapters = build_chapters(bundle)
    index, bilan = next((i, c) for i, c in enumerate(chapters) if c.kind is ChapterKind.CLOSING)
    section = create_section(bundle, bilan, index)
    rows = [c for c in walk(section) if "pslope-row" in str(getattr(c, "className", "")).split()]
    stems = [r.to_plotly_json()["props"].get("data-stem") for r in rows if "pslope-head" not in r.className]
    assert stems == [c.stem for c in bilan.changes if not c.unchanged]
    assert "pchanges" not in classes(section)


def test_slope_heights_are_mirror_images_for_a_doubling_and_a_halving():
    up, down, same = slope_heights([2.0, 0.5, 1.0])
    assert same == 50 and up < 50 < down
    assert up - 50 == pytest.approx(50 - down)


def test_the_appendix_shows_both_values_in_words_and_each_reason_once(bundle):
    chapters = build_chapters(bundle)
    index, appendix = next((i, c) for i, c in enumerate(chapters) if c.kind is ChapterKind.APPENDIX)
    section = create_section(bundle, appendix, index)
    items = [
        c
        for c in walk(section)
        if getattr(c, "id", None) is None and "data-stem" in c.to_plotly_json()["props"]
    ]
    assert sorted(i.to_plotly_json()["props"]["data-stem"] for i in items) == sorted(
        c.stem for c in appendix.changes
    )
    reasons = [c.children for c in walk(section) if getattr(c, "className", "") == "pappendix-reason"]
    assert len(reasons) == len(set(reasons)) == len({c.reason for c in appendix.changes})
    assert "pfig-value" not in " ".join(classes(section))


def test_the_legend_lists_the_zones_of_the_vintage_shown_from_the_zones_file(bundle):
    legend = create_legend(bundle, ("zonage", "epci"))
    layers = [c.to_plotly_json()["props"].get("data-layer") for c in walk(legend)]
    assert [layer for layer in layers if layer] == ["zonage", "epci"]
    zones = [
        c.to_plotly_json()["props"]["data-zone"]
        for c in walk(legend)
        if "data-zone" in c.to_plotly_json()["props"]
    ]
    present = set(bundle.zoning[bundle.latest_vintage])
    assert zones == [code for code in bundle.zones.index if code in present]
    swatches = [
        c.style["background"] for c in walk(legend) if getattr(c, "className", "") == "plegend-swatch"
    ]
    assert swatches == [bundle.zones.at[code, "color"] for code in zones]


def test_a_chapter_root_class_reveals_its_map_layers_legend(bundle):
    chapter = next(c for c in build_chapters(bundle) if c.slug == "offre-de-soins")
    assert set(root_class(chapter).split()) >= {"kind-theme", "shows-zonage", "shows-epci"}
    bilan = next(c for c in build_chapters(bundle) if c.kind is ChapterKind.CLOSING)
    assert "shows-" not in root_class(bilan)


def test_focus_section_has_no_permalink_controls(bundle):
    chapter = next(c for c in build_chapters(bundle, "62498") if c.kind is ChapterKind.COMMUNE)
    ids = [getattr(c, "id", None) for c in walk(create_section(bundle, chapter, 1))]
    assert "permalink" not in ids


def test_deck_data_is_what_the_browser_needs(bundle):
    chapters = build_chapters(bundle)
    deck = deck_data(chapters, bundle)
    assert [c["title"] for c in deck["chapters"]] == [c.title for c in chapters]
    assert deck["chapters"][-1]["map"] is False
    assert [c["kicker"] for c in deck["chapters"]] == [c.kicker for c in chapters]
    assert "{current}" in deck["progress"]


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def test_presentation_redirects_keeping_the_query(client):
    response = client.get("/presentation?chapter=3&commune=62498")
    assert response.status_code == 308
    assert response.headers["Location"].endswith("/presentation/?chapter=3&commune=62498")
    assert client.get("/presentation").headers["Location"].endswith("/presentation/")


def test_the_presentation_page_is_served_with_every_inline_script_allowed(client):
    response = client.get("/presentation/")
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    html = response.get_data(as_text=True)
    # Dash's Internet Explorer notice sits in a conditional comment: never executed.
    executed = re.sub(r"<!--.*?-->", "", html, flags=re.S)
    inline = re.findall(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", executed, re.S
    )
    assert inline
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "https://" not in html
    # Its styles come in the one style sheet of our assets (``web.assetbundle``).
    sheet = re.search(r'<link rel="stylesheet" href="(/erbm-assets\.css\?v=\w+)">', html)
    assert sheet and "/* 30-presentation.css */" in client.get(sheet[1]).get_data(as_text=True)


def test_the_dashboard_still_answers(client):
    assert client.get("/").status_code == 200
