"""A pair that compares reads « 653 → 700 (+7 %) »; one that does not never gets an arrow."""

from __future__ import annotations

from dash import html

from erbm_map.core.pairs import pairs
from erbm_map.core.state import ALL_THEMES
from erbm_map.dashboard.layout.indicator_sheet import create_indicator_sheet, create_pair_charts
from erbm_map.dashboard.layout.kpis import create_kpis, pair_text
from tests.support.components import text_of, walk

ARROW = "→"


def _pairs_of_panel(bundle, edition):
    found = {}
    for item in create_kpis(bundle, edition, ALL_THEMES):
        if isinstance(item, html.Article):
            for node in walk(item):
                if getattr(node, "className", "") == "kpi-pair":
                    found[node.to_plotly_json()["props"]["data-stem"]] = node
    return found


def test_a_comparable_pair_reads_as_one_arrow_line_in_the_panel(bundle):
    first, latest = bundle.domain.first_edition, bundle.domain.latest_edition
    panel = _pairs_of_panel(bundle, latest)
    pair = panel["adultes-relais-mediateurs-sante"]
    assert pair.to_plotly_json()["props"]["data-compare"] == "same"
    assert text_of(pair) == f"{first} → {latest} : 13 → 10 (\u221223\u202f%)"
    assert text_of(panel["programmes-etp"]) == f"{first} → {latest} : 67 → 109 (+63\u202f%)"


def test_a_pair_that_does_not_compare_keeps_its_reason_and_has_no_arrow(bundle):
    panel = _pairs_of_panel(bundle, bundle.domain.latest_edition)
    different = [stem for stem, pair in pairs(bundle.indicators).items() if not pair.verdict.comparable]
    assert len(different) >= 10
    for stem in different:
        text = text_of(panel[stem])
        assert "mesures différentes : " in text and ARROW not in text, stem


def test_the_sheet_and_the_chart_text_say_the_pair_the_same_way(bundle):
    first, latest = bundle.domain.first_edition, bundle.domain.latest_edition
    sheet = text_of(html.Div(create_indicator_sheet(bundle, f"programmes-etp.{latest}")))
    assert f"{first} → {latest} : 67 → 109 (+63\u202f%) — même mesure" in sheet
    charts = text_of(html.Div(create_pair_charts(bundle)))
    assert f"{first} → {latest} : 2 → 4 (×2)." in charts
    different = text_of(html.Div(create_indicator_sheet(bundle, f"internes.{latest}")))
    assert ARROW not in different and "mesures différentes" in different


def test_a_hedged_value_makes_the_change_indicative():
    old = {"edition": "a", "value": 653, "unit": "count", "qualifier": "plus de", "label": "x"}
    new = {"edition": "b", "value": 700, "unit": "count", "qualifier": "", "label": "x"}
    same = {"compare": "same", "compare_reason": "r"}
    assert pair_text({**old, **same}, {**new, **same}) == "a → b : plus de 653 → 700 (≈ +7\u202f%)"
    different = {"compare": "different", "compare_reason": "r"}
    assert pair_text({**old, **different}, {**new, **different}) == "a : plus de 653 · b : 700"
