"""Callback cores and layout factories, called directly with the real bundle."""

from __future__ import annotations

import pytest
from dash import no_update

from erbm_map.core.ids import Ids
from erbm_map.core.labels import Labels
from erbm_map.dashboard.callbacks.urlsync import (
    Sync,
    clicked_place,
    commune_card,
    default_state,
    sync,
    theme_layers,
)
from erbm_map.dashboard.layout.cards import create_commune_card, create_epci_card
from erbm_map.dashboard.layout.kpis import change_text, figure_text, figures_for
from erbm_map.map.map_callbacks import cpts_count, layers_note
from erbm_map.reports import commune_report, epci_report

CONTROLS = {
    "edition": "2024",
    "theme": "tous",
    "vintage": "2025",
    "layers": ["zonage"],
    "commune": None,
    "epci": None,
    "click": None,
    "cell": None,
}


def text_of(component) -> str:
    """All the text a component tree shows."""
    if component is None or isinstance(component, bool):
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(text_of(c) for c in component)
    return text_of(getattr(component, "children", None))


def test_opening_a_link_sets_the_controls(bundle):
    out = sync(bundle, Ids.URL, "?commune=62427&edition=2019&layers=cls", CONTROLS)
    assert out.search is no_update and out.edition == "2019" and out.layers == ["cls"]
    assert out.commune == "62427" and out.message == ""


@pytest.mark.parametrize("name", ["henin-beaumont", "H%C3%A9nin-Beaumont", "henin%20beaumont"])
def test_a_link_may_name_the_commune(bundle, name):
    out = sync(bundle, Ids.URL, f"?commune={name}", CONTROLS)
    assert out.commune == "62427" and out.message == ""


def test_a_link_with_an_unknown_name_warns_in_french(bundle):
    message = sync(bundle, Ids.URL, "?commune=henin", CONTROLS).message
    assert message == Labels.BAD_URL.format(details="commune « henin »")


def test_a_bad_link_says_what_was_ignored(bundle):
    message = sync(bundle, Ids.URL, "?commune=99999&edition=1850", CONTROLS).message
    assert "99999" in message and "1850" in message


def test_changing_a_control_writes_the_url(bundle):
    out = sync(bundle, Ids.EDITION, "", {**CONTROLS, "edition": "2019", "commune": "62498"})
    assert out.search.startswith("?commune=62498&edition=2019")
    assert (out.edition, out.theme, out.vintage, out.layers) == (no_update,) * 4


def test_clicks_designate_communes_epcis_and_establishments(bundle):
    assert clicked_place(bundle, {"insee": "62498", "at": 1}) == ("62498", "")
    assert clicked_place(bundle, {"epci": "246200364", "at": 1}) == ("", "246200364")
    assert clicked_place(bundle, {"insee": "62498", "id": "ch-lens", "at": 1}) == ("62498", "")
    assert clicked_place(bundle, {"insee": "nothing"}) == ("", "")
    assert clicked_place(bundle, {"insee": ["62498"]}) == ("", "")
    assert clicked_place(bundle, None) == ("", "")
    assert clicked_place(bundle, "62498") == ("", "")


def test_map_click_selects_the_commune(bundle):
    out = sync(bundle, Ids.MAP_COMMUNES, "", {**CONTROLS, "click": {"insee": "59606"}})
    assert "commune=59606" in out.search and out.commune == "59606"


def test_choosing_a_theme_adds_its_layers_and_says_which(bundle):
    mapping = theme_layers(bundle)
    out = sync(bundle, Ids.THEME, "", {**CONTROLS, "theme": "hopitaux"}, mapping)
    # Added to the layers on (zoning stays), named in the notice, the layers before kept.
    assert out.layers == ["zonage", "epci", "sanitaire"]
    assert out.search.endswith("&layers=zonage,epci,sanitaire")
    added = "Intercommunalités, Établissements de santé"
    assert out.notice == f"Le thème « Offre hospitalière » a ajouté : {added}."
    assert out.undo == ["zonage"]
    restored = sync(bundle, Ids.URL, "?theme=hopitaux&layers=zonage", CONTROLS, mapping)
    assert restored.theme == "hopitaux" and restored.layers == ["zonage"]


def test_a_theme_that_adds_nothing_says_nothing(bundle):
    mapping = theme_layers(bundle)
    controls = {**CONTROLS, "theme": "hopitaux", "layers": ["sanitaire", "epci", "cls"]}
    out = sync(bundle, Ids.THEME, "", controls, mapping)
    assert out.layers is no_update and out.notice == "" and out.undo is None
    assert out.search.endswith("&layers=sanitaire,epci,cls")


def test_undo_puts_back_the_layers_from_before_the_theme(bundle):
    mapping = theme_layers(bundle)
    controls = {**CONTROLS, "theme": "hopitaux", "layers": ["zonage", "sanitaire", "epci"]}
    out = sync(bundle, Ids.THEME_UNDO, "", {**controls, "undo": ["zonage", "cls"]}, mapping)
    assert out.layers == ["zonage", "cls"] and out.notice == "" and out.undo is None
    assert "theme=hopitaux" in out.search and out.search.endswith("&layers=zonage,cls")
    # The undo store comes from the browser: anything but known layers is dropped.
    forged = sync(bundle, Ids.THEME_UNDO, "", {**controls, "undo": ["zonage", "<script>"]}, mapping)
    assert forged.layers == ["zonage"]
    assert sync(bundle, Ids.THEME_UNDO, "", {**controls, "undo": "x"}, mapping).layers is no_update


def test_changing_the_layers_by_hand_takes_the_theme_notice_away(bundle):
    out = sync(bundle, Ids.LAYERS, "", {**CONTROLS, "layers": ["cls"]}, theme_layers(bundle))
    assert out.notice == "" and out.undo is None and out.layers is no_update


def test_table_selection_selects_the_commune(bundle):
    out = sync(bundle, Ids.TABLE, "", {**CONTROLS, "cell": [{"insee": "59178", "nom": "Douai"}]})
    assert out.commune == "59178"


def test_cpts_layer_says_there_is_no_perimeter(bundle):
    assert cpts_count(bundle, "2019") == "4" and cpts_count(bundle, "2024") == "13"
    note = text_of(layers_note(bundle, "2024", ["cpts"]))
    assert "Aucun périmètre de CPTS" in note and "13 CPTS" in note
    assert "mairie" in text_of(layers_note(bundle, "2024", ["sanitaire"]))
    assert layers_note(bundle, "2024", ["zonage"]) == []


def test_figures_carry_their_other_edition(bundle):
    rows = figures_for(bundle, "2024", "offre-de-soins").set_index("stem")
    assert rows.loc["internes", "other_value"] == 653
    assert change_text(rows.loc["internes"]) == "2019 : 653 · 2024 : 700"
    only_2019 = figures_for(bundle, "2019", "tous")
    assert len(only_2019) == (bundle.indicators["edition"] == "2019").sum()


def test_figure_text_keeps_the_brochure_hedge():
    assert figure_text("plus de", 2_800_000, "EUR") == "plus de 2,8\u202fM€"
    assert figure_text("une cinquantaine", 50, "count") == "Une cinquantaine"
    assert figure_text("", 700, "count") == "700"


def test_commune_card_lists_aids_contracts_and_nearest_hospital(bundle):
    card = text_of(create_commune_card(commune_report(bundle, "62427", "2024", "2025")))
    zone = bundle.zoning.at["62427", "2025"]
    assert bundle.zones.at[zone, "label"] in card
    assert "50\u202f000\u202f€" in card
    assert "CLS" in card and "CLSM" in card
    # The CSAPA is cited by the 2019 brochure only: its card lists it, the 2024 one does not.
    assert "CSAPA" not in card
    assert "CSAPA" in text_of(create_commune_card(commune_report(bundle, "62427", "2019", "2025")))


def test_hors_zonage_commune_has_no_aid(bundle):
    insee = bundle.zoning.index[bundle.zoning["2025"] == "HZ"][0]
    report = commune_report(bundle, insee, "2024", "2025")
    assert report.aids.lines == () and "Aucune aide" in text_of(create_commune_card(report))


def test_epci_card_adds_up(bundle):
    card = text_of(create_epci_card(epci_report(bundle, "246200364", "2024", "2025")))
    members = bundle.communes[bundle.communes["epci_siren"] == "246200364"]
    assert "CA de Lens - Liévin" in card and str(len(members)) in card
    assert "2019 : CLS" in card and "2024 : CLS" in card


def test_default_view(bundle):
    state = default_state(bundle)
    assert state.vintage == bundle.latest_vintage and state.edition == "2024"


def test_url_callback_renders_the_card_only_when_its_view_changes(bundle):
    current = {
        "search": "?commune=62498",
        "edition": "2024",
        "theme": "tous",
        "vintage": "2025",
        "layers": ["zonage"],
        "commune": "62498",
        "epci": None,
    }
    clicked = sync(bundle, Ids.MAP_COMMUNES, current["search"], {**CONTROLS, "click": {"insee": "62427"}})
    card, key = commune_card(bundle, clicked, current, ["62498", "2024", "2025"])
    assert key == ["62427", "2024", "2025"] and "Hénin-Beaumont" in text_of(card)
    # The same commune again (the URL now confirms it, or a layer toggle): nothing is sent.
    same = Sync(layers=["zonage", "cls"], message="")
    assert commune_card(bundle, same, current, ["62498", "2024", "2025"]) == (no_update, no_update)
    # Another edition redraws it; no commune leaves the invitation to choose one.
    edition = Sync(edition="2019", message="")
    assert commune_card(bundle, edition, current, ["62498", "2024", "2025"])[1] == ["62498", "2019", "2025"]
    empty = Sync(commune=None, message="")
    card, key = commune_card(bundle, empty, current, ["62498", "2024", "2025"])
    assert key == ["", "2024", "2025"] and "Cliquez" in text_of(card)
