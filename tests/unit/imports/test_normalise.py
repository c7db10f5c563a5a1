"""Cell normalisation: INSEE codes, zone labels, categories, FINESS numbers, vintages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erbm_map.data.loader import load_domain
from erbm_map.imports.normalise import (
    InvalidValue,
    normalise_category,
    normalise_finess,
    normalise_insee,
    normalise_zone,
    parse_number,
    parse_vintage,
    vintage_from_filename,
)

#: Spellings found in real files, with their accents and apostrophes.
REAL_SPELLINGS = {
    "1_ZIP": "ZIP",
    "Zone d'intervention prioritaire": "ZIP",
    "Zone d’Intervention Prioritaire": "ZIP",
    "ZIP": "ZIP",
    "zip ": "ZIP",
    "ZAC": "ZAC",
    "Zone d'action complémentaire": "ZAC",
    "2_ZAC": "ZAC",
    "ZAR": "ZAR",
    "Zone d'accompagnement régional": "ZAR",
    "QPV": "QPV",
    "Quartier prioritaire de la politique de la ville": "QPV",
    "hors zonage": "HZ",
    "HZ": "HZ",
    "Non zoné": "HZ",
    "ZIP - Zone d'intervention prioritaire": "ZIP",
    "ZAC (zone d'action complémentaire)": "ZAC",
    "3 - ZAR": "ZAR",
}
DOMAIN = load_domain()
ZONE_SPELLINGS = {z.code: z.spellings for z in DOMAIN.zones if z.spellings}


@pytest.mark.parametrize(("label", "code"), REAL_SPELLINGS.items())
def test_real_zone_spellings(label: str, code: str) -> None:
    assert normalise_zone(label, DOMAIN) == code


def test_every_vintage_zone_has_spellings_and_no_spelling_is_ambiguous() -> None:
    assert set(ZONE_SPELLINGS) == set(DOMAIN.vintage_codes)
    spellings = [spelling for code in ZONE_SPELLINGS for spelling in ZONE_SPELLINGS[code]]
    assert len(spellings) == len(set(spellings))


@pytest.mark.parametrize("label", ["", "  ", "Zone rouge", "ZIP/ZAC", "ZIP (ZAC)", "1", "ZV", "zipp"])
def test_unknown_or_contradictory_zone_labels_are_rejected(label: str) -> None:
    with pytest.raises(InvalidValue):
        normalise_zone(label, DOMAIN)


ACCENTED = {"e": "eéèêë", "a": "aàâ", "i": "iîï", "o": "oô", "u": "uùû", "c": "cç"}


@st.composite
def variant(draw: st.DrawFn) -> tuple[str, str]:
    """A known spelling with random casing, accents, inner spacing, padding and rank."""
    code = draw(st.sampled_from(sorted(ZONE_SPELLINGS)))
    spelling = draw(st.sampled_from(ZONE_SPELLINGS[code]))
    chars = []
    for char in spelling:
        if char == " ":
            chars.append(draw(st.sampled_from([" ", "  ", "_", "-", "'", "’", " ' "])))
            continue
        char = draw(st.sampled_from(ACCENTED.get(char, char)))
        chars.append(char.upper() if draw(st.booleans()) else char)
    text = "".join(chars)
    prefix = draw(st.sampled_from(["", "1_", "2_", "3 - ", "4. ", "1) ", "12_"]))
    pad = st.sampled_from(["", " ", "  ", "\t", "\u00a0"])
    return draw(pad) + prefix + text + draw(pad), code


@given(variant())
@settings(max_examples=300, deadline=None)
def test_every_spelling_variant_maps_to_its_code(case: tuple[str, str]) -> None:
    label, code = case
    assert normalise_zone(label, DOMAIN) == code


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_random_labels_are_rejected_or_map_to_a_known_code(label: str) -> None:
    try:
        code = normalise_zone(label, DOMAIN)
    except InvalidValue as exc:
        assert exc.reason in {"libellé de zone inconnu", "libellé de zone manquant"}
    else:
        assert code in DOMAIN.vintage_codes


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("59002", "59002"),
        (" 59 002 ", "59002"),
        ("1053", "01053"),
        ("59002.0", "59002"),
        ("2a004", "2A004"),
        ("2B033", "2B033"),
        ("97411", "97411"),
    ],
)
def test_insee_codes_are_normalised(raw: str, code: str) -> None:
    assert normalise_insee(raw) == code


@pytest.mark.parametrize("raw", ["5900A", "00123", "20001", "96001", "59000", "590021", "123", "x"])
def test_impossible_insee_codes_are_unknown(raw: str) -> None:
    with pytest.raises(InvalidValue, match="code INSEE inconnu"):
        normalise_insee(raw)


def test_empty_insee_code_is_missing() -> None:
    with pytest.raises(InvalidValue, match="code INSEE manquant"):
        normalise_insee("  ")


@given(st.integers(min_value=1001, max_value=9999))
def test_four_digit_codes_get_their_leading_zero(number: int) -> None:
    if number % 1000 == 0:
        return
    assert normalise_insee(str(number)) == f"0{number}"


@pytest.mark.parametrize(
    ("label", "category"),
    [
        ("Médico-social", "medico-social"),
        ("medico-social", "medico-social"),
        ("SANITAIRE", "sanitaire"),
        ("Dispositif", "dispositif"),
        ("Centre Hospitalier (C.H.)", "sanitaire"),
        ("Centre Hospitalier Régional (C.H.R.)", "sanitaire"),
        ("Centre Médico-Psychologique (C.M.P.)", "sanitaire"),
        ("Centre Médico-Psycho-Pédagogique (C.M.P.P.)", "medico-social"),
        ("Etablissement d'hébergement pour personnes âgées dépendantes", "medico-social"),
        ("EHPAD du centre hospitalier", "medico-social"),
        ("Maison d'Accueil Spécialisée (M.A.S.)", "medico-social"),
        ("Service de Soins Infirmiers A Domicile (S.S.I.A.D)", "medico-social"),
        ("Dispositif d'appui à la coordination", "dispositif"),
        ("Maison de santé pluriprofessionnelle", "sanitaire"),
    ],
)
def test_categories(label: str, category: str) -> None:
    assert normalise_category(label) == category


@pytest.mark.parametrize("label", ["Pharmacie d'officine", "355", "Cabinet", "massif"])
def test_unknown_categories_are_rejected(label: str) -> None:
    with pytest.raises(InvalidValue, match="catégorie inconnue"):
        normalise_category(label)


@pytest.mark.parametrize(
    ("raw", "finess"),
    [("620100057", "620100057"), ("", ""), ("20000000", "020000000"), ("2A0000019", "2A0000019")],
)
def test_finess_numbers(raw: str, finess: str) -> None:
    assert normalise_finess(raw) == finess


@pytest.mark.parametrize("raw", ["12345", "62010005X", "6201000570"])
def test_invalid_finess_numbers(raw: str) -> None:
    with pytest.raises(InvalidValue, match="FINESS"):
        normalise_finess(raw)


@pytest.mark.parametrize(
    ("raw", "value"), [("50,6279", 50.6279), ("704 123,5", 704123.5), ("2.83", 2.83), (" ", None)]
)
def test_numbers_written_the_french_way(raw: str, value: float | None) -> None:
    assert parse_number(raw) == value


@pytest.mark.parametrize("raw", ["abc", "nan", "inf", "1,2,3"])
def test_invalid_numbers(raw: str) -> None:
    with pytest.raises(InvalidValue):
        parse_number(raw)


def test_vintages() -> None:
    assert parse_vintage("2026") == 2026
    for bad in ("1999", "2101", "26", "20266", "deux"):
        with pytest.raises(InvalidValue, match="millésime invalide"):
            parse_vintage(bad)
    assert vintage_from_filename("Zonage_MG_HdF_2026.xlsx") == 2026
    assert vintage_from_filename("zonage.csv") is None
    assert vintage_from_filename("zonage_20260301.csv") is None
    assert vintage_from_filename("zonage_2026_v2026.csv") == 2026
    with pytest.raises(InvalidValue, match="ambigu"):
        vintage_from_filename("zonage_2023_maj_2026.csv")
