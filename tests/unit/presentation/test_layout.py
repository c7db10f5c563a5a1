"""Layout factories and the mounted app: sections, stores, routes and security headers."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from erbm_map.app import create_app
from erbm_map.core.deck_ids import CHAPTER_TYPE
from erbm_map.presentation.chapters import ChapterKind, build_chapters
from erbm_map.presentation.deck_layout import create_section, create_sections, deck_data


def walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str):
            yield from walk(child)


def test_only_the_first_section_is_visible(bundle):
    sections = create_sections(bundle, build_chapters(bundle))
    assert [s.hidden for s in sections] == [False] + [True] * (len(sections) - 1)
    assert [s.id for s in sections] == [{"type": CHAPTER_TYPE, "index": i} for i in range(len(sections))]


def test_a_pair_shows_both_editions(bundle):
    chapter = next(c for c in build_chapters(bundle) if c.slug == "offre-de-soins")
    section = create_section(bundle, chapter, 1)
    cells = [c for c in walk(section) if getattr(c, "className", "") == "pfig-cell"]
    editions = [c.to_plotly_json()["props"]["data-edition"] for c in cells]
    assert editions[:2] == ["2019", "2024"]


def test_focus_section_has_no_permalink_controls(bundle):
    chapter = next(c for c in build_chapters(bundle, "62498") if c.kind is ChapterKind.COMMUNE)
    ids = [getattr(c, "id", None) for c in walk(create_section(bundle, chapter, 1))]
    assert "permalink" not in ids


def test_deck_data_is_what_the_browser_needs(bundle):
    chapters = build_chapters(bundle)
    deck = deck_data(chapters, bundle)
    assert [c["title"] for c in deck["chapters"]] == [c.title for c in chapters]
    assert deck["chapters"][-1]["map"] is False
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
    assert "/presentation/assets/30-presentation.css" in html


def test_the_dashboard_still_answers(client):
    assert client.get("/").status_code == 200
