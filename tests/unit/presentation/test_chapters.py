"""build_chapters: the deck is computed from the bundle, chapter by chapter."""

from __future__ import annotations

from dataclasses import replace

import pytest

from erbm_map.core.domain import Layer
from erbm_map.core.fmt import fmt_number
from erbm_map.core.labels import LAYER_LABELS
from erbm_map.core.paths import data_dir
from erbm_map.data.choices import MapChoice, load_map_choices
from erbm_map.data.loader import load_domain
from erbm_map.presentation.chapters import CHANGE_TITLE_CHARS, ChapterKind, build_chapters, figure_message
from erbm_map.presentation.deck_figures import changes, figure_value, in_millions

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
    return [c for c in chapters if c.kind in (ChapterKind.CLOSING, ChapterKind.APPENDIX)]


def test_one_chapter_per_theme_with_figures_between_introduction_and_closing(bundle):
    chapters = build_chapters(bundle)
    themes = themes_with_figures(bundle)
    assert len(chapters) == 1 + len(themes) + 2
    assert chapters[0].kind is ChapterKind.INTRO
    assert [c.kind for c in chapters[-2:]] == [ChapterKind.CLOSING, ChapterKind.APPENDIX]
    assert [c.slug for c in chapters[1:-2]] == themes
    assert len({c.title for c in chapters}) == len(chapters)


def test_default_data_gives_thirteen_chapters(bundle):
    # Introduction, ten themes, the bilan, one appendix of the 16 pairs that do not compare.
    assert len(build_chapters(bundle)) == 13


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
        ("coordination", Layer.CLSM),
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


def test_a_marker_layer_is_listed_only_where_the_map_draws_one_of_its_points(bundle):
    """Prevention's only « dispositif » (the CSAPA d'Hénin-Beaumont) is of 2019: the 2024 map has none."""
    chapters = {c.slug: c for c in build_chapters(bundle)}
    assert Layer.DISPOSITIF not in chapters["prevention"].layers
    assert "Autres dispositifs" not in chapters["prevention"].map_source
    assert Layer.DISPOSITIF in chapters["sante-mentale"].layers
    assert Layer.SANITAIRE in chapters["hopitaux"].layers


def test_a_theme_without_a_choice_shows_the_territory(bundle):
    chapter = next(c for c in build_chapters(bundle, choices={}) if c.slug == "environnement")
    assert chapter.layers == (Layer.PERIMETRE, Layer.EPCI)


def test_closing_lists_every_stem_of_both_editions_with_its_change(bundle):
    bilan, appendix = closing_chapters(build_chapters(bundle))
    assert {c.stem for chapter in (bilan, appendix) for c in chapter.changes} == both_editions(bundle)
    assert bilan.changes and all(c.comparable for c in bilan.changes)
    relais = next(c for c in bilan.changes if c.stem == "adultes-relais-mediateurs-sante")
    assert (relais.before.text, relais.after.text, relais.change) == ("13", "10", "\u221223\u202f%")
    assert relais.ratio == pytest.approx(10 / 13)
    # The brochure's « +15 % » and 653 → 700 disagree: no computed change for the internes.
    internes = next(c for c in appendix.changes if c.stem == "internes")
    assert not internes.comparable and "%" not in internes.change.replace("(15 %)", "")
    for change in appendix.changes:
        assert not change.comparable and change.change.startswith("mesures différentes : ")
        assert change.reason and change.ratio is None
    assert not bilan.has_map and not appendix.has_map


def test_pairs_that_do_not_compare_go_on_one_appendix_after_the_bilan(bundle):
    chapters = build_chapters(bundle, "62498")
    appendices = [c for c in chapters if c.kind is ChapterKind.APPENDIX]
    assert len(appendices) == 1 and chapters[-1] is appendices[0]
    assert chapters[-2].slug == "bilan"
    different = {c.stem for c in changes(bundle) if not c.comparable}
    assert {c.stem for c in appendices[0].changes} == different
    assert appendices[0].title.startswith(f"Annexe — {len(different)} chiffres")


def test_the_closing_holds_only_comparable_pairs_and_counts_their_directions(bundle):
    bilan = next(c for c in build_chapters(bundle) if c.kind is ChapterKind.CLOSING)
    comparable = [c for c in changes(bundle) if c.comparable]
    assert [c.stem for c in bilan.changes] == [c.stem for c in comparable]
    up = sum(1 for c in comparable if c.ratio > 1)
    down = sum(1 for c in comparable if c.ratio < 1)
    assert (up, down) == (2, 1)
    assert (
        bilan.title
        == f"Sur {len(comparable)} chiffres comparables entre 2019 et 2024\u00a0: 2 en hausse, 1 en baisse"
    )
    assert bilan.kicker == "Ce qui a changé entre 2019 et 2024"


def test_theme_titles_state_a_figure_of_the_chapter_and_keep_the_theme_as_kicker(bundle):
    labels = dict(zip(bundle.themes["slug"], bundle.themes["label"], strict=True))
    for chapter in build_chapters(bundle):
        if chapter.kind is not ChapterKind.THEME:
            continue
        assert chapter.kicker == labels[chapter.slug]
        # The title is one of the chapter's own figures, its latest value first: nothing invented.
        assert any(chapter.title == figure_message(f) for f in chapter.figures), chapter.slug
        assert len(chapter.title) <= CHANGE_TITLE_CHARS, chapter.slug


def test_the_hospital_title_is_its_934_million_figure(bundle):
    hopitaux = next(c for c in build_chapters(bundle) if c.slug == "hopitaux")
    assert hopitaux.title == "934\u202fM€ d'investissement dans 23 établissements de santé (brochure 2024)"


def test_a_title_claims_a_change_only_for_a_pair_that_compares(bundle):
    chapters = {c.slug: c for c in build_chapters(bundle)}
    assert (
        chapters["coordination"].title
        == "4 conseils locaux de santé mentale (CLSM)\u00a0: ×2 entre 2019 et 2024"
    )
    for chapter in chapters.values():
        for figure in chapter.figures:
            if len(figure.values) > 1 and not figure.comparable:
                # « 269 » twice is no trend: the title keeps the latest value and its brochure only.
                assert figure_message(figure).endswith("(brochure 2024)") or "2024" in figure.label


def test_the_introduction_title_is_counted_from_the_communes_table(bundle):
    intro = build_chapters(bundle)[0]
    assert intro.title == "330 communes et 1\u202f335\u202f831 habitants dans 9 intercommunalités"
    assert intro.kicker == "Le territoire du bassin minier"


#: Contract layers and the words a figure uses when it is about that contract.
CONTRACT_WORDS = {Layer.CLS: "(CLS)", Layer.CLSM: "(CLSM)", Layer.CPTS: "(CPTS)"}


def test_presentation_file_maps_the_contracts_the_chapter_text_is_about(bundle):
    """Every contract a chapter's figures name is on its map; a contract on the map is named there,
    or is the theme itself (« santé mentale » and its CLSM)."""
    choices = load_map_choices(data_dir(), bundle.theme_slugs)
    labels = dict(zip(bundle.themes["slug"], bundle.themes["label"], strict=True))
    for chapter in build_chapters(bundle):
        if chapter.kind is not ChapterKind.THEME:
            continue
        text = " ".join(f.label for f in chapter.figures)
        named = {layer for layer, word in CONTRACT_WORDS.items() if word in text}
        mapped = {layer for layer in choices[chapter.slug].layers if layer in CONTRACT_WORDS}
        assert named <= mapped, (chapter.slug, named, mapped)
        for layer in mapped - named:
            assert labels[chapter.slug].lower() in LAYER_LABELS[layer].lower(), (chapter.slug, layer)


def test_every_chapter_cites_its_sources(bundle):
    for chapter in build_chapters(bundle, "62498"):
        assert chapter.sources, chapter.slug
        assert all(chapter.sources), chapter.slug
