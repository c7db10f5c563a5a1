"""Issue 19, screens: uncertain readings flagged in the figures panel and the indicator sheet,
the internes pair without a computed change, and the coverage view's captions."""

from __future__ import annotations

from dash import html

from erbm_map.core.state import ALL_THEMES
from erbm_map.dashboard.layout.coverage_panel import (
    coverage_lines,
    coverage_notes,
    create_coverage_body,
    create_coverage_summary,
    summary_of,
)
from erbm_map.dashboard.layout.indicator_sheet import create_indicator_sheet
from erbm_map.dashboard.layout.kpis import create_kpis
from tests.support.components import text_of, walk


def kpis_by_id(bundle) -> dict[str, html.Article]:
    """Every edition's panel: a view holds its own edition's figures only."""
    return {
        item.to_plotly_json()["props"]["data-id"]: item
        for edition in bundle.domain.edition_keys
        for item in create_kpis(bundle, edition, ALL_THEMES)
        if isinstance(item, html.Article)
    }


def test_every_uncertain_figure_shows_its_caveat_next_to_it_in_the_panel(bundle):
    articles = kpis_by_id(bundle)
    flagged = bundle.indicators[bundle.indicators["caveat"] != ""]
    assert len(flagged) >= 5
    for ident, found in zip(flagged["id"], flagged["caveat"], strict=True):
        article = articles[ident]
        assert article.to_plotly_json()["props"]["data-caveat"] == found
        badges = [n for n in walk(article) if getattr(n, "className", "") == "kpi-caveat"]
        assert [b.children for b in badges] == [found], ident
    assert not any(
        getattr(n, "className", "") == "kpi-caveat" for n in walk(articles["centres-sante-existants.2024"])
    )


def test_the_other_editions_uncertain_value_is_flagged_in_the_pair_line(bundle):
    article = kpis_by_id(bundle)["lieux-sante-sans-tabac-budget.2024"]
    line = next(n for n in walk(article) if getattr(n, "className", "") == "kpi-change").children
    assert line.startswith("2019 : plus de 500\u202f000\u202f€") and "(lecture incertaine) · 2024" in line


def test_the_internes_pair_shows_no_computed_change(bundle):
    article = kpis_by_id(bundle)["internes.2024"]
    pair = next(n for n in walk(article) if getattr(n, "className", "") == "kpi-pair")
    assert pair.to_plotly_json()["props"]["data-compare"] == "different"
    text = text_of(pair)
    assert "7\u202f%" not in text and "« par rapport à 2019 » (15 %)" in text


def test_the_sheet_flags_an_uncertain_figure_and_an_uncertain_twin(bundle):
    sheet = html.Div(create_indicator_sheet(bundle, "projets-sante-femmes.2024"))
    assert [n.children for n in walk(sheet) if getattr(n, "className", "") == "sheet-caveat"] == [
        "lecture très incertaine"
    ]
    twin = html.Div(create_indicator_sheet(bundle, "femmes-enceintes-tabac-budget.2024"))
    assert "plus de 600\u202f000\u202f€ dédiés à l'accompagnement" in text_of(twin)
    assert "arrêt du tabac (lecture incertaine)" in text_of(twin)
    plain = html.Div(create_indicator_sheet(bundle, "programmes-etp.2024"))
    assert not [n for n in walk(plain) if getattr(n, "className", "") == "sheet-caveat"]


def test_the_coverage_view_says_what_cls_counts_and_does_not_compare_the_editions(bundle):
    notes = coverage_notes(bundle)
    assert notes[0].startswith("CLS 2019 et CLS 2024 ne se comparent pas : ")
    assert "signés ou en cours d'élaboration" in notes[0]
    lines = coverage_lines(bundle, summary_of(bundle))
    cls_2019 = next(line for line in lines if line.startswith("CLS 2019 : "))
    assert cls_2019.endswith("— contrats locaux de santé signés ou en cours d'élaboration")
    summary = text_of(create_coverage_summary(bundle))
    assert "ne se comparent pas" in summary and "signés ou en cours d'élaboration" in summary


def test_the_clsm_2024_list_has_its_caption(bundle):
    caption = next(note for note in coverage_notes(bundle) if note.startswith("Liste des CLSM 2024 — "))
    assert "Lecture incertaine" in caption and "n'a pas de légende" in caption
    lines = coverage_lines(bundle, summary_of(bundle))
    assert next(line for line in lines if line.startswith("CLSM 2024 : ")).endswith("(lecture incertaine)")
    assert "incertaine" not in next(line for line in lines if line.startswith("CLSM 2019 : "))
    body = {
        c.to_plotly_json()["props"]["data-chart"]: text_of(c) for c in create_coverage_body(bundle, "2025")
    }
    assert "Liste des CLSM 2024" in body["contracts"]
    # Under each small map, what its list counts and how it was read, in the lines' own words.
    assert "CLSM 2024 · 1\u202f023\u202f633 hab. (77\u202f%) lecture incertaine" in body["contract-maps"]
    assert (
        "CLS 2019 · 644\u202f664 hab. (48\u202f%) contrats locaux de santé signés ou en cours"
        in body["contract-maps"]
    )
