from __future__ import annotations

import datetime as dt
import math

import pytest

from erbm_map.core.fmt import NNBSP, fmt_date, fmt_eur, fmt_km, fmt_moment, fmt_number, fmt_share, fmt_value


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1335831, 0, f"1{NNBSP}335{NNBSP}831"),
        (653, 0, "653"),
        (2.8, 1, "2,8"),
        (2.0, 1, "2"),
        (12.25, 2, "12,25"),
    ],
)
def test_numbers_follow_fr_fr(value, decimals, expected):
    assert fmt_number(value, decimals) == expected


def test_missing_number_is_a_dash():
    assert fmt_number(math.nan) == "—"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (934_000_000, f"934{NNBSP}M€"),
        (2_800_000, f"2,8{NNBSP}M€"),
        (615_000, f"615{NNBSP}000{NNBSP}€"),
        (1_000_000_000, f"1{NNBSP}Md€"),
    ],
)
def test_euros(value, expected):
    assert fmt_eur(value) == expected


def test_values_by_unit():
    assert fmt_value(15, "percent") == f"15{NNBSP}%"
    assert fmt_value(1335831, "inhabitants") == f"1{NNBSP}335{NNBSP}831{NNBSP}hab."
    assert fmt_value(350_000, "EUR/year") == f"350{NNBSP}000{NNBSP}€ par an"
    assert fmt_value(700, "count") == "700"
    assert fmt_km(4.24) == f"4,2{NNBSP}km"
    assert fmt_share(1, 4) == f"25{NNBSP}%" and fmt_share(1, 0) == "—"


def test_dates_are_written_in_french_words():
    assert fmt_date(dt.date(2020, 1, 1)) == "1er janvier 2020"
    assert fmt_date("2026-12-07") == "7 décembre 2026"
    assert fmt_date(dt.date(2021, 8, 15)) == "15 août 2021"
    assert fmt_moment(dt.datetime(2026, 11, 29, 3, 5)) == "29 novembre 2026 à 3 h 05"
