from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from erbm_map.core.domain import DEFAULT_LAYERS
from erbm_map.core.state import ViewState
from erbm_map.core.urlstate import MAX_QUERY_LENGTH, parse_query, to_query

DEFAULT = ViewState(edition="2024", vintage="2025")
KW = {
    "communes": {"62498", "62427"},
    "epcis": {"246200364"},
    "themes": ("offre-de-soins", "sante-mentale"),
    "vintages": ("2025", "2026"),
    "editions": ("2019", "2024"),
    "default": DEFAULT,
}


def test_empty_query_is_the_default_view():
    assert parse_query("", **KW) == (DEFAULT, [])
    assert parse_query(None, **KW) == (DEFAULT, [])


def test_full_query_is_restored():
    state, problems = parse_query(
        "?commune=62498&edition=2019&theme=sante-mentale&layers=zonage,cls&vintage=2026", **KW
    )
    assert problems == []
    assert state == ViewState(
        edition="2019", theme="sante-mentale", vintage="2026", layers=("zonage", "cls"), commune="62498"
    )


def test_bad_values_fall_back_and_are_reported():
    state, problems = parse_query("?commune=99999&edition=1850&theme=<script>&layers=zonage,bogus", **KW)
    assert state.commune == "" and state.edition == "2024" and state.theme == "tous"
    assert state.layers == ("zonage",)
    assert any("99999" in p for p in problems) and any("1850" in p for p in problems)
    assert any("bogus" in p for p in problems) and any("thème" in p for p in problems)


def test_overlong_query_is_ignored():
    state, problems = parse_query("?commune=" + "6" * (MAX_QUERY_LENGTH + 1), **KW)
    assert state == DEFAULT and problems == ["lien trop long"]


def test_round_trip():
    state = ViewState(
        edition="2019", theme="offre-de-soins", vintage="2025", layers=("cls", "epci"), commune="62427"
    )
    assert parse_query(to_query(state), **KW) == (state, [])


def test_no_layers_round_trips_as_empty():
    state = DEFAULT.with_(layers=())
    assert parse_query(to_query(state), **KW)[0].layers == ()


@given(st.text(max_size=300))
def test_any_query_parses_without_error(text):
    state, problems = parse_query(text, **KW)
    assert state.edition in ("2019", "2024")
    assert set(state.layers) <= set(DEFAULT_LAYERS) | {"cls", "clsm", "cpts", "medico-social", "dispositif"}
    # Whatever was read, the view it gives is one a link can say again.
    assert parse_query(to_query(state), **KW) == (state, [])
    assert all(isinstance(problem, str) and problem for problem in problems)


def test_commune_by_name():
    named = {"henin beaumont": "62427", "lens": "62498"}.get
    state, problems = parse_query(
        "?commune=henin-beaumont", **KW, commune_named=lambda v: named(v.replace("-", " "))
    )
    assert (state.commune, problems) == ("62427", [])


def test_unknown_or_ambiguous_name_is_reported():
    state, problems = parse_query("?commune=beaumont", **KW, commune_named=lambda _v: None)
    assert state.commune == "" and problems == ["commune « beaumont »"]


def test_name_is_not_looked_up_without_a_resolver():
    state, problems = parse_query("?commune=lens", **KW)
    assert state.commune == "" and problems == ["commune « lens »"]
