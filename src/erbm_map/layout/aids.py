"""The installation aids of a zone, dated and sourced: one rendering for every screen.

The amounts come from the 2019 brochure, which announced them for 1 January 2020.
An official reads a card as today's entitlement, so every rendering (commune card,
presentation focus slide, print sheet, exports) says when and by whom they were
announced, keeps the unit (« par mois », « par an ») and advises checking with the ARS.
:func:`aid_lines` and :func:`aid_notice` are pure: other screens reuse them as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from dash import html

from erbm_map.data import Bundle
from erbm_map.fmt import fmt_eur
from erbm_map.labels import MONTHS, Labels


def fmt_date(day: dt.date) -> str:
    """« 1er janvier 2020 », « 15 mars 2021 »."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class AidLine:
    """One aid of a zone as every screen prints it."""

    label: str
    amount: str
    """Amount with its unit and duration: « 6 900 € brut par mois pendant 2 ans »."""
    conditions: str
    valid_from: dt.date
    edition: str
    """The brochure that announced the aid (``sources/editions.csv``)."""
    wording: str
    """The brochure's own sentence."""
    source: str

    @property
    def text(self) -> str:
        """« Rémunération garantie : 6 900 € brut par mois pendant 2 ans »."""
        return Labels.AID_LINE.format(label=self.label, amount=self.amount)


def aid_amount(row: pd.Series | dict) -> str:
    """« 50 000 € en une fois », « 6 900 € brut par mois pendant 2 ans », « 5 000 € par an pendant 3 ans »."""
    unit = Labels.AID_UNIQUE.value if row["unite"] == "unique" else str(row["unite"])
    parts = [fmt_eur(float(row["montant_eur"])), str(row["precision"] or ""), unit]
    if row["duree"]:
        parts.append(Labels.AID_DURATION.format(duration=row["duree"]))
    return " ".join(part for part in parts if part)


def aid_lines(bundle: Bundle, zone_code: str) -> list[AidLine]:
    """The aids announced for a zone (QPV: those of its priority areas), in file order."""
    rows = bundle.aides[bundle.aides["zone"] == zone_code]
    return [
        AidLine(
            label=str(row["label"]),
            amount=aid_amount(row),
            conditions=str(row["conditions"]),
            valid_from=dt.date.fromisoformat(str(row["valid_from"])),
            edition=str(row["edition"]),
            wording=str(row["libelle_brochure"]),
            source=str(row["source"]),
        )
        for _, row in rows.iterrows()
    ]


def announcing_editions(editions: Iterable[str]) -> str:
    """« 2019 », or « 2019 et 2024 » when aids came from several brochures."""
    return f" {Labels.AND} ".join(sorted(set(editions)))


def aid_notice(lines: list[AidLine]) -> list[str]:
    """When and by whom the aids were announced, their source(s), and the advice to check."""
    if not lines:
        return []
    start = min(line.valid_from for line in lines)
    sources = " ; ".join(dict.fromkeys(line.source for line in lines))
    return [
        Labels.AIDS_ANNOUNCED.format(
            edition=announcing_editions(line.edition for line in lines), date=fmt_date(start)
        ),
        Labels.AIDS_SOURCE.format(source=sources),
        Labels.AIDS_CHECK.value,
    ]


def create_aid_block(bundle: Bundle, zone_code: str, vintage: str, compact: bool = False) -> list[object]:
    """The aid section's body: the lines, the partial-eligibility warning, dates, source and advice.

    ``compact`` gives the projector's form: no conditions, and one line for the date and the
    advice (the slide cites the source in its small print); units and date stay.
    """
    lines = aid_lines(bundle, zone_code)
    body: list[object] = []
    level = bundle.domain.aid_level(zone_code)
    if level == "partielle":
        body.append(html.P(Labels.AIDS_PARTIAL, className="partial"))
    if not lines or level == "aucune":
        return body or [html.P(Labels.AIDS_NONE)]
    items = []
    for line in lines:
        children: list[object] = [html.Strong(line.label), f" : {line.amount}"]
        if not compact and line.conditions:
            children.append(html.Span(f" — {line.conditions}", className="aid-conditions"))
        items.append(html.Li(children, **{"data-aid": line.label}))
    body.append(html.Ul(items, className="aids"))
    if compact:
        start = fmt_date(min(line.valid_from for line in lines))
        body.append(
            html.P(
                Labels.AIDS_COMPACT.format(
                    edition=announcing_editions(line.edition for line in lines), date=start
                ),
                className="aids-notice aids-dated",
            )
        )
        return body
    announced, source, check = aid_notice(lines)
    body.append(
        html.Div(
            [
                html.P(announced, className="aids-dated"),
                html.P(Labels.AIDS_ZONING.format(vintage=vintage), className="aids-zoning"),
                html.P(source, className="aids-source"),
                html.P(check, className="aids-check"),
            ],
            className="aids-notice",
        )
    )
    return body
