"""``zoning_changes``: which communes gain, lose or change eligibility between vintages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from erbm_map.core.zoning_changes import ZoningChange, zoning_changes
from erbm_map.data.loader import load_domain

DOMAIN = load_domain()
ZONES = frozenset(DOMAIN.vintage_codes)
eligibility = DOMAIN.eligibility


def test_kinds_of_change() -> None:
    old = {
        "59002": "HZ",
        "59004": "ZIP",
        "59005": "ZIP",
        "59007": "QPV",
        "59008": "ZAC",
        "59011": "ZAR",
    }
    new = {
        "59002": "ZAC",
        "59004": "HZ",
        "59005": "ZAR",
        "59007": "ZIP",
        "59008": "QPV",
        "59011": "ZAR",
    }
    assert zoning_changes(old, new, DOMAIN) == [
        ZoningChange("59002", "HZ", "ZAC", "gagne", "aucune", "eligible"),
        ZoningChange("59004", "ZIP", "HZ", "perd", "eligible", "aucune"),
        ZoningChange("59005", "ZIP", "ZAR", "change", "eligible", "eligible"),
        ZoningChange("59007", "QPV", "ZIP", "gagne", "partielle", "eligible"),
        ZoningChange("59008", "ZAC", "QPV", "perd", "eligible", "partielle"),
    ]


def test_hz_to_qpv_is_a_partial_gain() -> None:
    (change,) = zoning_changes({"62498": "HZ"}, {"62498": "QPV"}, DOMAIN)
    assert (change.kind, change.new_eligibility) == ("gagne", "partielle")


def test_missing_communes_count_as_hors_zonage() -> None:
    assert zoning_changes({"59002": "ZIP"}, {"62498": "HZ"}, DOMAIN) == [
        ZoningChange("59002", "ZIP", "HZ", "perd", "eligible", "aucune")
    ]
    assert zoning_changes({}, {"62498": "QPV"}, DOMAIN)[0].kind == "gagne"


def test_communes_not_loaded_are_left_out() -> None:
    old = {"59350": "NR", "59002": "NR", "62498": "ZIP"}
    new = {"59350": "NR", "59002": "ZIP", "62498": "NR"}
    assert zoning_changes(old, new, DOMAIN) == []
    with pytest.raises(ValueError):
        eligibility("NR")


def test_unknown_zone_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown zone code"):
        zoning_changes({"59002": "ZIP"}, {"59002": "ZV"}, DOMAIN)


def test_inputs_are_not_modified() -> None:
    old, new = {"59002": "ZIP"}, {"59002": "HZ"}
    zoning_changes(old, new, DOMAIN)
    assert (old, new) == ({"59002": "ZIP"}, {"59002": "HZ"})


vintage = st.dictionaries(st.sampled_from([f"5900{i}" for i in range(10)]), st.sampled_from(sorted(ZONES)))
OPPOSITE = {"gagne": "perd", "perd": "gagne", "change": "change"}


@given(vintage, vintage)
def test_changes_are_exactly_the_differing_communes(old: dict[str, str], new: dict[str, str]) -> None:
    changes = zoning_changes(old, new, DOMAIN)
    differing = sorted(i for i in set(old) | set(new) if old.get(i, "HZ") != new.get(i, "HZ"))
    assert [c.insee for c in changes] == differing
    for change in changes:
        assert change.old_eligibility == eligibility(change.old_zone)
        assert change.new_eligibility == eligibility(change.new_zone)
        if change.kind == "change":
            assert change.old_eligibility == change.new_eligibility


@given(vintage, vintage)
def test_reversing_the_vintages_reverses_the_changes(old: dict[str, str], new: dict[str, str]) -> None:
    forward = zoning_changes(old, new, DOMAIN)
    backward = zoning_changes(new, old, DOMAIN)
    assert [(c.insee, OPPOSITE[c.kind]) for c in forward] == [(c.insee, c.kind) for c in backward]
