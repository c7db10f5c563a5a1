"""Figures and changes: the hedges, units and computed evolutions of the presentation."""

from __future__ import annotations

import pandas as pd
import pytest

from erbm_map.presentation.deck_figures import (
    change_label,
    changes,
    cite,
    figure_value,
    in_millions,
    theme_figures,
)


def row(value: float, unit: str = "count", qualifier: str = "", edition: str = "2024") -> pd.Series:
    return pd.Series({"value": value, "unit": unit, "qualifier": qualifier, "edition": edition})


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (653, 700, "+7\u202f%"),
        (13, 10, "\u221223\u202f%"),
        (18, 80, "×4,4"),
        (2, 4, "×2"),
        (8, 8, "stable"),
        (1000, 1001, "stable"),
        (0, 5, "—"),
    ],
)
def test_change_label(before, after, expected):
    assert change_label(before, after) == expected


def test_a_hedge_is_set_apart_from_its_number():
    value = figure_value(row(2_800_000, "EUR", "plus de"))
    assert (value.qualifier, value.text, value.full) == ("plus de", "2,8\u202fM€", "plus de 2,8\u202fM€")


def test_a_worded_hedge_is_the_number_itself():
    value = figure_value(row(50, qualifier="une cinquantaine"))
    assert (value.qualifier, value.text) == ("", "Une cinquantaine")


def test_a_yearly_amount_keeps_its_period_apart():
    value = figure_value(row(350_000, "EUR/year", edition="2019"))
    assert (value.text, value.suffix, value.edition) == ("350\u202f000\u202f€", "par an", "2019")


def test_two_editions_of_an_amount_read_in_the_same_unit():
    pair = [row(600_000, "EUR", "plus de", "2019"), row(2_800_000, "EUR", "plus de")]
    assert in_millions(pair)
    assert [figure_value(r, True).text for r in pair] == ["0,6\u202fM€", "2,8\u202fM€"]
    assert figure_value(row(382_000, "EUR"), True).text == "0,382\u202fM€"
    assert not in_millions([row(2_800_000, "EUR")])
    assert not in_millions([row(500_000, "EUR"), row(600_000, "EUR")])


def test_sections_of_one_brochure_are_cited_once():
    cited = cite(
        [
            "ARS HdF, bilan ERBM 2017-2024, section « A »",
            "ARS HdF, bilan ERBM 2017-2024, section « B » ; Autre source",
            "ARS HdF, bilan ERBM 2017-2024, section « A »",
        ]
    )
    assert cited == ("ARS HdF, bilan ERBM 2017-2024, sections « A », « B »", "Autre source")


def test_theme_figures_are_capped(bundle):
    assert len(theme_figures(bundle, "offre-de-soins")) == 3
    assert len(theme_figures(bundle, "offre-de-soins", limit=2)) == 2
    assert theme_figures(bundle, "no-such-theme") == ()


def test_amounts_of_different_periods_are_not_compared(bundle):
    screening = next(c for c in changes(bundle) if c.stem == "depistage-cancers-budget")
    assert screening.change.startswith("mesures différentes : ") and "2017-2024" in screening.change
    assert not screening.comparable and not screening.approximate
    # The 2019 brochure's « + d'1 million d'euros » goes with cancer screening (issue 19).
    assert (screening.before.full, screening.after.full) == ("plus de 1\u202fM€", "près de 1\u202fM€")
    tobacco = next(c for c in changes(bundle) if c.stem == "lieux-sante-sans-tabac-budget")
    assert not tobacco.comparable and "%" not in tobacco.change and "×" not in tobacco.change
    assert (tobacco.before.full, tobacco.after.full) == ("plus de 500\u202f000\u202f€", "plus de 2,8\u202fM€")
    assert tobacco.before.caveat == "lecture incertaine" and tobacco.after.caveat == ""


def test_a_same_pair_reads_in_one_unit(bundle):
    etp = next(c for c in changes(bundle) if c.stem == "programmes-etp")
    assert etp.comparable and etp.change == "+63 %"
