"""Issue 19, slides: a value read with an uncertain note carries its caveat wherever it is shown."""

from __future__ import annotations

from erbm_map.presentation.chapters import build_chapters
from erbm_map.presentation.deck_layout import create_section
from tests.support.components import walk


def caveats_of(section) -> list[str]:
    return [n.children for n in walk(section) if getattr(n, "className", "") == "pfig-caveat"]


def test_the_women_slide_flags_the_nine_projects(bundle):
    chapters = build_chapters(bundle)
    index, chapter = next((i, c) for i, c in enumerate(chapters) if c.slug == "femmes")
    figure = next(f for f in chapter.figures if f.stem == "projets-sante-femmes")
    assert [(v.full, v.caveat) for v in figure.values] == [("9", "lecture très incertaine")]
    article = next(
        n
        for n in walk(create_section(bundle, chapter, index))
        if getattr(n, "className", "") == "pfig"
        and n.to_plotly_json()["props"]["data-stem"] == "projets-sante-femmes"
    )
    cell = next(n for n in walk(article) if getattr(n, "className", "") == "pfig-cell")
    assert cell.to_plotly_json()["props"]["data-caveat"] == "lecture très incertaine"
    assert caveats_of(cell) == ["lecture très incertaine"]


def test_every_slide_value_with_an_uncertain_reading_shows_its_caveat(bundle):
    caveats = dict(zip(bundle.indicators["id"], bundle.indicators["caveat"], strict=True))
    shown = 0
    for index, chapter in enumerate(build_chapters(bundle)):
        values = [v for f in chapter.figures for v in f.values]
        values += [v for change in chapter.changes for v in (change.before, change.after)]
        stems = [f.stem for f in chapter.figures for _ in f.values]
        stems += [c.stem for c in chapter.changes for _ in (0, 1)]
        expected = [caveats.get(f"{stem}.{v.edition}", "") for stem, v in zip(stems, values, strict=True)]
        assert [v.caveat for v in values] == expected, chapter.slug
        rendered = caveats_of(create_section(bundle, chapter, index))
        assert sorted(rendered) == sorted(c for c in expected if c), chapter.slug
        shown += len(rendered)
    # The tobacco pair (its theme chapter and its « mesures différentes » row) and the nine projects.
    assert shown >= 5
