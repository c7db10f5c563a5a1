"""The pair model on every pair in the data: a change only where both editions measure the same thing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from erbm_map.core.pairs import change_label, judge, pairs
from erbm_map.core.paths import DEFAULT_DATA_DIR
from erbm_map.dashboard.exports import indicator_rows
from erbm_map.data import DataError, load_bundle

CHANGE = re.compile(r"[+\u2212-]\s?\d+(?:,\d+)?\s?%|×\s?\d|stable")
#: Pairs the audit of issue 12 found shown as evolutions though they measure different things.
AUDITED_DIFFERENT = (
    "equipes-mobiles-psychiatrie-precarite",
    "unites-enseignement-autisme",
    "medecins-soutenus",
    "ecoles-reperage-langage",
    "depistage-cancers-budget",
)


def all_pairs(bundle):
    return list(pairs(bundle.indicators).values())


def test_every_figure_of_both_editions_is_a_judged_pair(bundle):
    table = bundle.indicators
    both = {s for s, eds in table.groupby("stem")["edition"] if set(eds) == {"2019", "2024"}}
    assert {p.stem for p in all_pairs(bundle)} == both
    assert len(both) == 19


@pytest.mark.parametrize("stem", sorted(pairs(load_bundle().indicators)))
def test_each_pair_follows_its_verdict(bundle, stem):
    pair = pairs(bundle.indicators)[stem]
    old, new = pair.old, pair.new
    verdict = judge(old, new)
    assert old["compare"] == new["compare"] and old["compare_reason"] == new["compare_reason"]
    reason = old["compare_reason"]
    assert reason and "\n" not in reason and len(reason) < 200
    if old["compare"] == "same":
        assert old["unit"] == new["unit"]
        assert verdict.comparable and verdict.delta == change_label(old["value"], new["value"])
        assert verdict.text.endswith(verdict.delta)
    else:
        assert not verdict.comparable and verdict.delta == ""
        assert verdict.text == f"mesures différentes : {reason}"
        assert not CHANGE.search(verdict.text.replace(reason, "")), verdict.text


def test_the_audited_pairs_are_different_and_comparable_ones_keep_their_change(bundle):
    found = pairs(bundle.indicators)
    for stem in AUDITED_DIFFERENT:
        assert not found[stem].verdict.comparable, stem
    assert not found["internes"].verdict.comparable and "(15 %)" in found["internes"].verdict.reason
    assert found["adultes-relais-mediateurs-sante"].verdict.text == "\u221223\u202f%"
    assert found["clsm"].verdict.text == "×2"


def test_only_the_brochure_printed_15_percent_is_shown(bundle):
    row = bundle.indicators.set_index("id").loc["internes-evolution.2024"]
    assert row["value"] == 15 and "+15% par rapport à 2019" in row["note"]
    # 653 → 700 is not turned into a change: the brochures do not say how « +15% » was computed.
    internes = pairs(bundle.indicators)["internes"].verdict
    assert not internes.delta and "7 %" not in internes.text and "7\u202f%" not in internes.text


def test_each_edition_keeps_its_own_label_and_unit(bundle):
    internes = pairs(bundle.indicators)["internes"]
    assert "en 2024" in internes.new["label"] and "en 2024" not in internes.old["label"]
    screening = pairs(bundle.indicators)["depistage-cancers-budget"]
    assert (screening.old["unit"], screening.new["unit"]) == ("EUR", "EUR")
    cardio = bundle.indicators.set_index("id").loc["risque-cardiovasculaire-pharmacie-budget.2019"]
    assert (cardio["value"], cardio["unit"]) == (350_000, "EUR/year")


def test_a_same_verdict_needs_one_unit():
    old = {"value": 350_000, "unit": "EUR/year", "qualifier": "", "compare": "same", "compare_reason": "r"}
    new = {
        "value": 1_000_000,
        "unit": "EUR",
        "qualifier": "près de",
        "compare": "same",
        "compare_reason": "r",
    }
    assert not judge(old, new).comparable
    assert judge(old, {**new, "unit": "EUR/year"}).text == "≈ ×2,9"


def test_the_export_carries_the_verdict_without_a_change_for_different_pairs(bundle):
    rows = indicator_rows(bundle).set_index("identifiant")
    assert len(rows) == len(bundle.indicators)
    for pair in all_pairs(bundle):
        for edition in ("2019", "2024"):
            text = rows.at[f"{pair.stem}.{edition}", "comparaison"]
            if pair.verdict.comparable:
                assert text == pair.verdict.text
            else:
                assert (
                    text.startswith("mesures différentes : ") and rows.at[f"{pair.stem}.{edition}", "raison"]
                )
    assert rows.at["risque-cardiovasculaire-pharmacie-budget.2019", "unite"] == "€ par an"
    assert rows.at["cls-population-couverte.2024", "comparaison"] == ""


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target, ignore=shutil.ignore_patterns("archive"))
    return target


def change_rows(path: Path, ids: list[str], **values: str) -> None:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column, value in values.items():
        table.loc[table["id"].isin(ids), column] = value
    table.to_csv(path, index=False, lineterminator="\n")


@pytest.mark.parametrize(
    ("ids", "values", "message"),
    [
        (
            ["cls.2019", "cls.2024"],
            {"compare": ""},
            r"« compare » doit valoir same ou different pour « cls\.2019 »",
        ),
        (["cls.2024"], {"compare": "same"}, r"les deux éditions de « cls » n'ont pas le même « compare »"),
        (["cls.2019", "cls.2024"], {"compare_reason": ""}, r"« compare_reason » vide pour « cls\.2019 »"),
        (["ptsm.2024"], {"compare": "same", "compare_reason": "x"}, r"présent dans une seule édition"),
        (
            ["depistage-cancers-budget.2019", "depistage-cancers-budget.2024"],
            {"compare": "same"},
            r"« depistage-cancers-budget » : unités différentes",
        ),
    ],
)
def test_the_loader_refuses_a_broken_pair(data_copy, ids, values, message):
    if "unités" in message:
        # No pair of the data has two units any more: give the 2019 amount a yearly unit.
        change_rows(data_copy / "indicators.csv", ids[:1], unit="EUR/year")
    change_rows(data_copy / "indicators.csv", ids, **values)
    with pytest.raises(DataError, match=message):
        load_bundle(data_copy)
