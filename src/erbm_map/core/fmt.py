"""French (fr-FR) number and date formatting: 1 335 831 hab., 934 M€, 12,5 %, 1er janvier 2020.

Thousands are separated by a narrow no-break space (U+202F), as ``Intl.NumberFormat("fr-FR")``
does, so figures never wrap in the middle and match what the browser would print.
"""

from __future__ import annotations

import datetime as dt
import math

from erbm_map.core.labels import MONTHS

NNBSP = "\u202f"
#: The words after a figure of each unit (cards, sheets and the figures export).
UNIT_SUFFIX = {"inhabitants": "hab.", "percent": "%", "EUR": "€", "EUR/year": "€ par an"}


def fmt_number(value: float, decimals: int = 0) -> str:
    """Group thousands with U+202F and use a decimal comma; trailing zeros are dropped."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = f"{value:,.{decimals}f}".replace(",", NNBSP).replace(".", ",")
    if decimals and "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def fmt_eur(value: float) -> str:
    """Amounts: millions as « 934 M€ » / « 2,8 M€ », smaller ones in full « 615 000 € »."""
    if value >= 1_000_000_000:
        return f"{fmt_number(value / 1_000_000_000, 1)}{NNBSP}Md€"
    if value >= 1_000_000:
        return f"{fmt_number(value / 1_000_000, 1)}{NNBSP}M€"
    return f"{fmt_number(value)}{NNBSP}€"


def fmt_value(value: float, unit: str) -> str:
    """A figure with its unit, as shown on a card (the label follows it)."""
    if unit in ("EUR", "EUR/year"):
        # « 934 M€ », « 2,8 M€ par an »: the amount carries the euro sign, the unit what follows it.
        return fmt_eur(value) + UNIT_SUFFIX[unit].removeprefix("€")
    if unit in UNIT_SUFFIX:
        return f"{fmt_number(value, 1 if unit == 'percent' else 0)}{NNBSP}{UNIT_SUFFIX[unit]}"
    return fmt_number(value, 1 if value != int(value) else 0)


def fmt_km(value: float) -> str:
    """Distances to one decimal: « 4,2 km »."""
    return f"{fmt_number(value, 1)}{NNBSP}km"


def fmt_share(part: float, whole: float) -> str:
    """A percentage of a whole, « 88 % », or « — » when the whole is zero."""
    if not whole:
        return "—"
    return f"{fmt_number(100 * part / whole)}{NNBSP}%"


def fmt_date(day: dt.date | str) -> str:
    """« 1er janvier 2020 », « 7 décembre 2026 »: every date a reader sees, never « 2020-01-01 ».

    Accepts a date or an ISO string (the data files store ISO dates), so no caller formats one.
    """
    day = dt.date.fromisoformat(day) if isinstance(day, str) else day
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def fmt_moment(moment: dt.datetime) -> str:
    """« 7 décembre 2026 à 9 h 05 »: a date and time of day, as French administrative text writes it."""
    return f"{fmt_date(moment.date())} à {moment.hour} h {moment.minute:02d}"
