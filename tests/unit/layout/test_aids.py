"""Aid rendering: units and dates are never dropped, on the card, the focus slide and the export."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from erbm_map.data import DataError, load_bundle
from erbm_map.exports import aids_by_zone
from erbm_map.layout.aids import aid_amount, aid_lines, aid_notice, fmt_date
from erbm_map.layout.cards import create_commune_card
from erbm_map.paths import DEFAULT_DATA_DIR
from erbm_map.presentation.focus import create_focus
from tests.unit.callbacks.test_callbacks import text_of

NN = "\u202f"
AMOUNTS = (
    f"50{NN}000{NN}€ en une fois",
    f"6{NN}900{NN}€ brut par mois pendant 2 ans",
    f"5{NN}000{NN}€ par an pendant 3 ans",
)


@pytest.mark.parametrize("zone", ["ZIP", "ZAC", "ZAR"])
def test_every_eligible_zone_has_the_three_aids_with_units_and_date(bundle, zone):
    lines = aid_lines(bundle, zone)
    assert [line.amount for line in lines] == list(AMOUNTS)
    assert {line.valid_from for line in lines} == {dt.date(2020, 1, 1)}
    assert all("brochure 2019" in line.source and line.wording for line in lines)
    assert "6 900 € brut par mois pendant 2 ans" in lines[1].wording


def test_the_notice_says_when_by_whom_where_from_and_to_check(bundle):
    announced, source, check = aid_notice(aid_lines(bundle, "ZAR"))
    assert "ARS Hauts-de-France" in announced and "brochure 2019" in announced
    assert "1er janvier 2020" in announced
    assert source.startswith("Source : ARS HdF, brochure 2019")
    assert "ARS" in check and "vérifiez" in check
    assert aid_lines(bundle, "HZ") == [] and aid_notice([]) == []


def test_amounts_keep_their_unit():
    row = {"montant_eur": 6900, "precision": "brut", "unite": "par mois", "duree": "2 ans"}
    assert aid_amount(row) == f"6{NN}900{NN}€ brut par mois pendant 2 ans"
    assert (
        aid_amount({**row, "unite": "unique", "precision": "", "duree": ""}) == f"6{NN}900{NN}€ en une fois"
    )
    assert (
        fmt_date(dt.date(2020, 1, 1)) == "1er janvier 2020"
        and fmt_date(dt.date(2021, 3, 15)) == "15 mars 2021"
    )


def test_card_focus_slide_and_export_print_units_and_date(bundle):
    card = text_of(create_commune_card(bundle, "62427", "2024", "2025"))
    focus = text_of(create_focus(bundle, "62427"))
    for text in (card, focus):
        assert all(amount in text for amount in AMOUNTS)
        assert "1er janvier 2020" in text and "brochure 2019" in text and "auprès de l'ARS" in text
    # The card names the source in full; the slide cites it in its small print.
    assert "Source : ARS HdF, brochure 2019" in card
    lines, notice = aids_by_zone(bundle)["ZAR"]
    assert all(amount in lines for amount in AMOUNTS) and "1er janvier 2020" in notice


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target, ignore=shutil.ignore_patterns("archive"))
    return target


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("unite", "mensuel", r"valeur « mensuel » inconnue dans « unite »"),
        ("valid_from", "janvier 2020", r"date attendue \(AAAA-MM-JJ\) dans « valid_from »"),
        ("valid_from", "", r"valeur vide dans la colonne « valid_from »"),
    ],
)
def test_the_loader_refuses_an_undated_or_unitless_aid(data_copy, column, value, message):
    path = data_copy / "sources" / "aides.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table.loc[3, column] = value
    table.to_csv(path, index=False, lineterminator="\n")
    with pytest.raises(DataError, match=message) as error:
        load_bundle(data_copy)
    assert error.value.row == 5
