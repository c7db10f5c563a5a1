"""build_chapters: the deck is computed from the bundle, chapter by chapter."""

from __future__ import annotations

from dataclasses import replace

import pytest

from erbm_map.core.domain import Layer
from erbm_map.core.fmt import fmt_number
from erbm_map.data.choices import MapChoice
from erbm_map.data.loader import load_domain
from erbm_map.presentation.chapters import ChapterKind, build_chapters
from erbm_map.presentation.deck_figures import figure_value, in_millions

EDITIONS = load_domain().edition_keys


def themes_with_figures(bundle) -> list[str]:
    present = set(bundle.indicators["theme"])
    return [slug for slug in bundle.theme_slugs if slug in present]


def both_editions(bundle) -> set[str]:
    table = bundle.indicators
    return set(table[table["edition"] == EDITIONS[0]]["stem"]) & set(
        table[table["edition"] == EDITIONS[1]]["stem"]
    )


def closing_chapters(chapters):
    return [c for c in chapters if c.kind is ChapterKind.CLOSING]


def test_one_chapter_per_theme_with_figures_between_introduction_and_closing(bundle):
    chapters = build_chapters(bundle)
    themes = themes_with_figures(bundle)
    closing = closing_chapters(chapters)
    assert len(chapters) == 1 + len(themes) + len(closing)
    assert chapters[0].kind is ChapterKind.INTRO
    assert chapters[-len(closing) :] == closing and chapters[-1].slug == "bilan"
    assert [c.slug for c in chapters[1 : -len(closing)]] == themes
    assert len({c.title for c in chapters}) == len(chapters)


def test_default_data_gives_sixteen_chapters(bundle):
    # Introduction, ten themes, four chapters of the 16 pairs that do not compare (five each), the bilan.
    assert len(build_chapters(bundle)) == 16


def test_a_known_commune_adds_a_focus_chapter_after_the_introduction(bundle):
    chapters = build_chapters(bundle, "62498")
    assert len(chapters) == len(build_chapters(bundle)) + 1
    focus = chapters[1]
    assert focus.kind is ChapterKind.COMMUNE
    assert focus.commune == "62498"
    assert focus.title == f"Focus : {bundle.communes.at['62498', 'nom']}"


@pytest.mark.parametrize("commune", ["abc", "", "99999", None])
def test_an_unknown_commune_is_ignored(bundle, commune):
    assert [c.slug for c in build_chapters(bundle, commune)] == [c.slug for c in build_chapters(bundle)]


def test_every_theme_chapter_has_two_to_four_figures(bundle):
    for chapter in build_chapters(bundle):
        if chapter.kind is ChapterKind.THEME:
            assert 2 <= len(chapter.figures) <= 4, chapter.slug


def test_introduction_counts_come_from_the_bundle(bundle):
    intro = build_chapters(bundle)[0]
    shown = [figure.values[0].text for figure in intro.figures]
    assert shown == [
        fmt_number(len(bundle.communes)),
        fmt_number(bundle.communes["population"].sum()),
        fmt_number(len(bundle.epci)),
    ]
    assert shown == ["330", "1\u202f335\u202f831", "9"]


def test_introduction_sets_the_2019_brochure_count_against_the_data(bundle):
    intro = build_chapters(bundle)[0]
    assert "250" in intro.note
    assert "330" in intro.note


def test_figures_printed_in_both_editions_come_first(bundle):
    both = both_editions(bundle)
    for chapter in build_chapters(bundle):
        if chapter.kind is not ChapterKind.THEME:
            continue
        stems = set(bundle.indicators.loc[bundle.indicators["theme"] == chapter.slug, "stem"])
        available = len(stems & both)
        paired = [len(f.values) == 2 for f in chapter.figures]
        assert paired == sorted(paired, reverse=True), chapter.slug
        assert sum(paired) == min(available, len(chapter.figures)), chapter.slug


def test_figure_values_are_the_indicator_rows(bundle):
    table = bundle.indicators
    for chapter in build_chapters(bundle):
        for figure in chapter.figures if chapter.kind is ChapterKind.THEME else ():
            rows = [r for _, r in table[table["stem"] == figure.stem].iterrows()]
            rows.sort(key=lambda r: EDITIONS.index(r["edition"]))
            # Two editions share one unit (M€) only when they measure the same thing.
            millions = in_millions(rows) and figure.comparable
            assert tuple(replace(v, label="") for v in figure.values) == tuple(
                figure_value(r, millions) for r in rows
            )
            # Each edition keeps its own wording: shown beside its value when it differs.
            for value, r in zip(figure.values, rows, strict=True):
                assert value.label == ("" if r["label"] == figure.label else r["label"])


def test_pairs_show_2019_then_2024(bundle):
    care = next(c for c in build_chapters(bundle) if c.slug == "offre-de-soins")
    internes = next(f for f in care.figures if f.stem == "internes")
    assert [(v.edition, v.text) for v in internes.values] == [("2019", "653"), ("2024", "700")]


@pytest.mark.parametrize(
    ("theme", "layer"),
    [
        ("offre-de-soins", Layer.ZONAGE),
        ("sante-mentale", Layer.CLSM),
        ("coordination", Layer.CLS),
        ("hopitaux", Layer.SANITAIRE),
        ("handicap-grand-age", Layer.MEDICO_SOCIAL),
    ],
)
def test_each_theme_map_follows_the_presentation_file(bundle, theme, layer):
    chapter = next(c for c in build_chapters(bundle) if c.slug == theme)
    assert layer in chapter.layers
    assert "choix éditorial erbm-map" in chapter.map_source


def test_an_empty_cpts_layer_is_neither_shown_nor_credited(bundle):
    assert bundle.cpts.empty
    choices = {"coordination": MapChoice((Layer.CLS, Layer.CPTS), "test")}
    chapter = next(c for c in build_chapters(bundle, choices=choices) if c.slug == "coordination")
    assert chapter.layers == (Layer.CLS,)
    assert "CPTS" not in chapter.map_source


def test_a_theme_without_a_choice_shows_the_territory(bundle):
    chapter = next(c for c in build_chapters(bundle, choices={}) if c.slug == "environnement")
    assert chapter.layers == (Layer.PERIMETRE, Layer.EPCI)


def test_closing_lists_every_stem_of_both_editions_with_its_change(bundle):
    closing = closing_chapters(build_chapters(bundle))
    assert {c.stem for chapter in closing for c in chapter.changes} == both_editions(bundle)
    bilan = closing[-1]
    assert bilan.changes and all(c.comparable for c in bilan.changes)
    relais = next(c for c in bilan.changes if c.stem == "adultes-relais-mediateurs-sante")
    assert (relais.before.text, relais.after.text, relais.change) == ("13", "10", "\u221223\u202f%")
    # The brochure's « +15 % » and 653 → 700 disagree: no computed change for the internes.
    internes = next(c for chapter in closing[:-1] for c in chapter.changes if c.stem == "internes")
    assert not internes.comparable and "%" not in internes.change.replace("(15 %)", "")
    for chapter in closing[:-1]:
        assert 0 < len(chapter.changes) <= 5
        for change in chapter.changes:
            assert not change.comparable and change.change.startswith("mesures différentes : ")
    assert not any(chapter.has_map for chapter in closing)


def test_every_chapter_cites_its_sources(bundle):
    for chapter in build_chapters(bundle, "62498"):
        assert chapter.sources, chapter.slug
        assert all(chapter.sources), chapter.slug
