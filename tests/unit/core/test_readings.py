"""Issue 19, data: the brochure rows as corrected, the short caveat, and establishment amounts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from erbm_map.core.paths import DEFAULT_DATA_DIR
from erbm_map.core.readings import amount_for, caveat, with_caveat
from erbm_map.data import DataError, load_bundle


def row(bundle, ident: str) -> pd.Series:
    return bundle.indicators.set_index("id").loc[ident]


def test_the_2019_cancer_and_cardiovascular_amounts_follow_the_brochure_layout(bundle):
    # « 350 000 € par an+ d'1 million d'euros / dédiés aux dépistages des cancers… / … du risque
    # cardiovasculaire en pharmacie »: the million is printed right before the cancer caption.
    cancers = row(bundle, "depistage-cancers-budget.2019")
    assert (cancers["value"], cancers["unit"], cancers["qualifier"]) == (1_000_000, "EUR", "plus de")
    assert cancers["label"].startswith("dédiés aux dépistages des cancers")
    cardio = row(bundle, "risque-cardiovasculaire-pharmacie-budget.2019")
    assert (cardio["value"], cardio["unit"], cardio["qualifier"]) == (350_000, "EUR/year", "")
    assert cardio["label"].startswith("par an dédiés au repérage du risque cardiovasculaire")


def test_the_cancer_pair_reason_no_longer_says_yearly(bundle):
    reason = row(bundle, "depistage-cancers-budget.2019")["compare_reason"]
    assert reason == row(bundle, "depistage-cancers-budget.2024")["compare_reason"]
    assert "annuel" not in reason and "par an" not in reason and "2017-2024" in reason


def test_the_tobacco_line_is_read_by_the_same_rule_as_the_cancer_line_and_flagged(bundle):
    # « + de 600 000 € + de 500 000 € / consacrés au déploiement du dispositif « Lieux de santé sans
    # tabac » »: the second amount is printed right before the first caption.
    places = row(bundle, "lieux-sante-sans-tabac-budget.2019")
    women = row(bundle, "femmes-enceintes-tabac-budget.2019")
    assert (places["value"], women["value"]) == (500_000, 600_000)
    assert places["caveat"] == women["caveat"] == "lecture incertaine"
    assert "Lecture inverse possible" in places["note"]


def test_the_internes_pair_shows_no_computed_change(bundle):
    internes = bundle.indicators[bundle.indicators["stem"] == "internes"]
    assert set(internes["compare"]) == {"different"}
    reason = internes["compare_reason"].iloc[0]
    assert "ne date pas ses 653 internes" in reason and "« par rapport à 2019 » (15 %)" in reason


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("Lecture très incertaine. Le bloc …", "lecture très incertaine"),
        ("Lecture incertaine : la liste …", "lecture incertaine"),
        ("Lecture de mise en page : premier montant.", ""),
        ("", ""),
        (None, ""),
        (float("nan"), ""),
    ],
)
def test_caveat_is_the_short_form_of_the_note(note, expected):
    assert caveat(note) == expected


def test_every_uncertain_note_carries_its_caveat_in_the_bundle(bundle):
    table = bundle.indicators
    flagged = table[table["note"].str.contains("incertaine", case=False)]
    assert set(flagged["id"]) == set(table.loc[table["caveat"] != "", "id"])
    assert {"centres-sante.2024", "projets-sante-femmes.2024"} <= set(flagged["id"])
    assert row(bundle, "projets-sante-femmes.2024")["caveat"] == "lecture très incertaine"
    assert row(bundle, "centres-sante.2024")["caveat"] == "lecture incertaine"
    clsm = bundle.contracts[bundle.contracts["contract_id"].str.startswith("clsm-")]
    assert set(clsm.loc[clsm["edition"] == "2024", "caveat"]) == {"lecture incertaine"}
    assert with_caveat("9", {"caveat": "lecture très incertaine"}) == "9 (lecture très incertaine)"
    assert with_caveat("9", {"caveat": ""}) == "9"


def test_an_establishment_amount_has_its_purpose_and_shows_only_in_its_edition(bundle):
    places = bundle.establishments.set_index("id")
    lens = places.loc["ch-lens"]
    assert amount_for(lens, "2019") == (
        "192\u202fM€ pour la reconstruction du CH de Lens, au service de tous les patients du territoire "
        "(brochure 2019)"
    )
    assert amount_for(lens, "2024") == ""
    assert "192" not in lens["description"]
    assert amount_for(places.loc["csapa-henin-beaumont"], "2019").startswith(
        "615\u202f000\u202f€ pour reconstruire"
    )
    assert amount_for(places.loc["ch-valenciennes"], "2019") == ""
    with_amount = places[places["montant_eur"].notna()]
    assert len(with_amount) == 2
    for ident, found in with_amount.iterrows():
        assert found["montant_objet"] and found["montant_edition"] in found["editions"].split(";"), ident


def test_both_establishment_files_carry_the_same_amount_columns():
    columns = ["montant_eur", "montant_objet", "montant_edition"]
    sources = pd.read_csv(DEFAULT_DATA_DIR / "sources/establishments.csv", dtype=str, keep_default_na=False)
    built = pd.read_csv(DEFAULT_DATA_DIR / "communes/establishments.csv", dtype=str, keep_default_na=False)
    assert "montant_note" not in sources and "montant_note" not in built
    merged = sources[["id", *columns]].merge(built[["id", *columns]], on="id", suffixes=("", "_built"))
    for column in columns:
        assert (merged[column] == merged[f"{column}_built"]).all(), column


@pytest.mark.parametrize(("column", "value"), [("montant_objet", ""), ("montant_edition", "2024")])
def test_the_loader_refuses_an_amount_without_purpose_or_of_an_edition_that_does_not_cite_it(
    tmp_path: Path, column: str, value: str
):
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target, ignore=shutil.ignore_patterns("archive"))
    path = target / "communes/establishments.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table.loc[table["id"] == "csapa-henin-beaumont", column] = value
    table.to_csv(path, index=False, lineterminator="\n")
    with pytest.raises(DataError, match="csapa-henin-beaumont"):
        load_bundle(target)
