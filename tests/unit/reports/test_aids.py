"""Aid rendering: units and dates are never dropped, on the card, the focus slide and the export."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from erbm_map.core.fmt import fmt_date
from erbm_map.core.paths import DEFAULT_DATA_DIR
from erbm_map.dashboard.exports import report_columns
from erbm_map.dashboard.layout.cards import create_commune_card
from erbm_map.data import DataError, load_bundle
from erbm_map.presentation.focus import create_focus
from erbm_map.reports import commune_report
from erbm_map.reports.facts import aid_amount, aids_of
from tests.unit.dashboard.test_callbacks import text_of

NN = "\u202f"
AMOUNTS = (
    f"50{NN}000{NN}€ en une fois",
    f"6{NN}900{NN}€ brut par mois pendant 2 ans",
    f"5{NN}000{NN}€ par an pendant 3 ans",
)


@pytest.mark.parametrize("zone", ["ZIP", "ZAC", "ZAR"])
def test_every_eligible_zone_has_the_three_aids_with_units_and_date(bundle, zone):
    lines = aids_of(bundle, [zone], "2025").lines
    assert [line.amount for line in lines] == list(AMOUNTS)
    assert [line.unit for line in lines] == ["en une fois", "par mois", "par an"]
    assert {line.valid_from for line in lines} == {"1er janvier 2020"}
    assert all("brochure 2019" in line.source and line.wording for line in lines)
    assert "6 900 € brut par mois pendant 2 ans" in lines[1].wording


def test_the_notice_says_when_by_whom_where_from_and_to_check(bundle):
    aids = aids_of(bundle, ["ZAR"], "2025")
    assert "ARS Hauts-de-France" in aids.announced and "brochure 2019" in aids.announced
    assert "1er janvier 2020" in aids.announced
    assert aids.source.startswith("Source : ARS HdF, brochure 2019")
    assert "ARS" in aids.check and "vérifiez" in aids.check
    assert aids_of(bundle, ["HZ"], "2025").lines == () and aids_of(bundle, ["HZ"], "2025").notices == ()


def test_a_zip_commune_reads_how_the_brochure_words_the_aids(bundle):
    """The 2019 brochure announces the aids for the ZAR and « par ailleurs » the ZAC: a ZIP card says so."""
    caveats = " ".join(aids_of(bundle, ["ZIP"], "2025").caveats)
    assert "par ailleurs" in caveats and "qui n'en bénéficiaient pas jusqu'alors" in caveats
    assert "ZAR" in caveats


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
    report = commune_report(bundle, "62427", "2024", "2025")
    card = text_of(create_commune_card(report))
    focus = text_of(create_focus(report))
    for text in (card, focus):
        assert all(amount in text for amount in AMOUNTS)
        assert "1er janvier 2020" in text and "brochure 2019" in text and "auprès de l'ARS" in text
    # The card names the source in full; the slide cites it in its small print.
    assert "Source : ARS HdF, brochure 2019" in card
    row = report_columns(report)
    assert all(amount in row["aides"] for amount in AMOUNTS) and "1er janvier 2020" in row["aides_source"]


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
