"""Every surface says the same facts: the card, the print sheet and the CSV row of every commune,
in every edition, name the same aids (with their units), contracts, places and nearest hospital;
the EPCI card and the EPCI sheet the same aids, contracts and places.

The facts looked for are every candidate the data holds for the place (the aids of every zone,
the contracts of every edition, the places the brochures cite there in any edition), so a surface
that shows one from another edition, or drops a unit, disagrees with the others.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from erbm_map.core.state import ViewState
from erbm_map.dashboard.exports import HEADERS, build_export, to_csv
from erbm_map.dashboard.layout.cards import create_commune_card, create_epci_card
from erbm_map.printouts.sheet import build_sheet
from erbm_map.reports import commune_report, epci_report
from erbm_map.reports.facts import aids_of, contract_text, joined
from tests.unit.dashboard.test_callbacks import text_of


def _walk(component: object):
    if isinstance(component, list | tuple):
        for child in component:
            yield from _walk(child)
    elif hasattr(component, "children"):
        yield component
        yield from _walk(component.children)


def _by_class(card: list[object], name: str) -> str:
    return " ".join(text_of(c) for c in _walk(card) if name in (getattr(c, "className", "") or "").split())


def _sheet(bundle, state: ViewState) -> dict[str, str]:
    sheet = build_sheet(bundle, state, "x")
    texts = {
        b.key: " ".join([b.title, b.empty, *(f"{x.text} {x.note}" for x in b.lines), *b.sources])
        for b in sheet.blocks
    }
    return {**texts, "all": " ".join(texts.values())}


def _flat(text: str) -> str:
    """Runs of ordinary spaces as one (a card's text joins its elements with spaces)."""
    return re.sub(" +", " ", text)


def _found(candidates: set[str], text: str) -> set[str]:
    return {c for c in candidates if c in _flat(text)}


@pytest.fixture(scope="module")
def candidates(bundle):
    """Every aid line, contract and cited place name the data holds."""
    aids = {a.text for zone in bundle.zones.index for a in aids_of(bundle, [str(zone)], "x").lines}
    contracts = {
        contract_text(str(r["type"]), str(r["label"]))
        for _, r in bundle.contracts.iterrows()
        if r["type"] in ("CLS", "CLSM")
    }
    return aids, contracts


def _csv_rows(bundle, edition: str) -> dict[str, dict[str, str]]:
    codes = list(bundle.communes.index)
    export = build_export(bundle, codes, edition=edition, vintage=bundle.latest_vintage)
    text = to_csv(export).decode("utf-8-sig")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    return {row["Code INSEE"]: row for row in csv.DictReader(io.StringIO(body), delimiter=";")}


def _header(bundle, key: str, edition: str) -> str:
    return HEADERS[key].format(edition=edition, vintage_label="", aids=joined(bundle.aides["edition"]))


@pytest.mark.parametrize("edition", ["2019", "2024"])
def test_card_sheet_and_csv_row_of_every_commune_agree(bundle, candidates, edition):
    aids, contracts = candidates
    vintage = bundle.latest_vintage
    rows = _csv_rows(bundle, edition)
    columns = {
        key: _header(bundle, key, edition)
        for key in ("etablissements", "contrats", "etablissement_proche", "aides", "aides_source")
    }
    for insee in bundle.communes.index:
        report = commune_report(bundle, insee, edition, vintage)
        card = create_commune_card(report)
        sheet = _sheet(bundle, ViewState(vintage=vintage, edition=edition, commune=insee))
        row = rows[insee]
        here = set(bundle.establishments.loc[bundle.establishments["insee"] == insee, "nom"])
        card_text = text_of(card)
        said = {
            "card": (
                _found(aids, card_text),
                _found(contracts, card_text),
                _found(here, _by_class(card, "places")),
                _by_class(card, "nearest"),
            ),
            "sheet": (
                _found(aids, sheet["aids"]),
                _found(contracts, sheet["contracts"]),
                _found(here, sheet["establishments"]),
                sheet["nearest"],
            ),
            "csv": (
                _found(aids, row[columns["aides"]]),
                _found(contracts, row[columns["contrats"]]),
                _found(here, row[columns["etablissements"]]),
                row[columns["etablissement_proche"]],
            ),
        }
        expected = (
            {a.text for a in report.aids.lines},
            {c.text for c in report.contracts.contracts},
            {p.name for p in report.places},
        )
        for surface, (aid_set, contract_set, place_set, nearest) in said.items():
            assert (aid_set, contract_set, place_set) == expected, (insee, edition, surface)
            assert report.nearest_text in _flat(nearest), (insee, edition, surface)
        if report.aids.lines:
            for surface in (card_text, sheet["aids"], row[columns["aides_source"]]):
                assert report.aids.lines[0].valid_from in _flat(surface), (insee, edition)


@pytest.mark.parametrize("edition", ["2019", "2024"])
def test_card_and_sheet_of_every_epci_agree(bundle, candidates, edition):
    aids, contracts = candidates
    vintage = bundle.latest_vintage
    for siren in bundle.epci.index:
        report = epci_report(bundle, siren, edition, vintage)
        card = create_epci_card(report)
        sheet = _sheet(bundle, ViewState(vintage=vintage, edition=edition, epci=siren))
        here = set(bundle.establishments["nom"])
        card_text = text_of(card)
        expected = (
            {a.text for a in report.aids.lines},
            {c.text for each in report.contracts for c in each.contracts},
            {p.name for p in report.places},
        )
        for surface, (aid_text, contract_text_, places_text) in {
            "card": (card_text, card_text, _by_class(card, "places")),
            "sheet": (sheet["aids"], sheet["contracts"], sheet["establishments"]),
        }.items():
            found = (_found(aids, aid_text), _found(contracts, contract_text_), _found(here, places_text))
            assert found == expected, (siren, edition, surface)
        assert report.source_line in card_text


def test_the_liévin_sheet_of_2019_names_none_of_the_2024_places(bundle):
    """The three places the 2024 bilan cites in Liévin are not in its 2019 views, and CH Lens is nearest."""
    for surface in (
        _sheet(bundle, ViewState(vintage=bundle.latest_vintage, edition="2019", commune="62510"))["all"],
        text_of(create_commune_card(commune_report(bundle, "62510", "2019", bundle.latest_vintage))),
    ):
        assert not any(name in surface for name in ("Denise Delaby", "Terril Vert", "Riaumont"))
        assert "Schaffner de Lens (Lens)" in surface
