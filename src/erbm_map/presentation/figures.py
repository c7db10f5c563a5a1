"""Key figures and changes between editions, computed from the indicators table.

Pure functions over the bundle: the chapters call them, the unit tests check them.
Formatting reuses the dashboard's (``figure_text``), so a figure reads the same
on the projector as in the figures panel.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from erbm_map.data import Bundle
from erbm_map.data.schema import EDITIONS
from erbm_map.fmt import NNBSP, fmt_eur, fmt_number, fmt_value
from erbm_map.layout.kpis import figure_text
from erbm_map.presentation.labels import PresentationLabels as L

#: Above this ratio a change reads better as « ×4,4 » than as « +344 % ».
RATIO_FROM = 2.0
MINUS = "\u2212"
MONEY = ("EUR", "EUR/year")


@dataclass(frozen=True)
class FigureValue:
    """One printed value; its hedge (« plus de ») and period (« par an ») are set smaller than the number."""

    edition: str
    """``"2019"``, ``"2024"``, or ``""`` for a figure counted from the data."""
    qualifier: str
    text: str
    suffix: str = ""

    @property
    def full(self) -> str:
        """« plus de 2,8 M€ », « 350 000 € par an »."""
        return " ".join(part for part in (self.qualifier, self.text, self.suffix) if part)


@dataclass(frozen=True)
class KeyFigure:
    """A figure shown large: its values in chronological order, its label and sources."""

    stem: str
    label: str
    values: tuple[FigureValue, ...]
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    """A figure printed in both editions and how it moved."""

    stem: str
    label: str
    before: FigureValue
    after: FigureValue
    change: str
    approximate: bool
    sources: tuple[str, ...]

    @property
    def unchanged(self) -> bool:
        """Same value and same hedge in both editions."""
        return self.before.full == self.after.full


def figure_value(row: pd.Series, millions: bool = False) -> FigureValue:
    """Split a row's printed text into hedge, number and period.

    A worded hedge (« une cinquantaine ») is the number itself and stays whole.
    ``millions`` writes an amount in M€ (exactly: up to three decimals) so that
    two editions of one figure read in the same unit: « 0,6 M€ → 2,8 M€ ».
    """
    qualifier, value, unit = row["qualifier"] or "", row["value"], row["unit"]
    edition = str(row["edition"])
    full = figure_text(qualifier, value, unit)
    if qualifier and not full.startswith(f"{qualifier} "):
        return FigureValue(edition, "", full)
    suffix = L.PER_YEAR if unit == "EUR/year" else ""
    if millions and unit in MONEY:
        text = f"{fmt_number(value / 1_000_000, 3)}{NNBSP}M€"
    elif unit in MONEY:
        text = fmt_eur(value)
    else:
        text = fmt_value(value, unit)
    return FigureValue(edition, qualifier, text, suffix)


def in_millions(rows: Iterable[pd.Series]) -> bool:
    """Amounts of one figure in M€ when one of them reaches a million (and none a billion)."""
    rows = list(rows)
    amounts = [row["value"] for row in rows if row["unit"] in MONEY]
    return len(rows) > 1 and bool(amounts) and 1_000_000 <= max(amounts) < 1_000_000_000


def change_label(before: float, after: float) -> str:
    """« stable », « +7 % », « −23 % » or « ×4,4 », computed from the two values."""
    if before == after:
        return L.CLOSING_STABLE
    if before == 0:
        return "—"
    ratio = after / before
    if ratio >= RATIO_FROM:
        return f"×{fmt_number(ratio, 1)}"
    percent = round(100 * (ratio - 1))
    if percent == 0:
        return L.CLOSING_STABLE
    sign = "+" if percent > 0 else MINUS
    return f"{sign}{fmt_number(abs(percent))}{NNBSP}%"


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def _by_stem(rows: pd.DataFrame) -> dict[str, dict[str, pd.Series]]:
    """Rows grouped by stem, in the order of the file (the brochures' reading order)."""
    grouped: dict[str, dict[str, pd.Series]] = {}
    for _, row in rows.iterrows():
        grouped.setdefault(str(row["stem"]), {})[str(row["edition"])] = row
    return grouped


def _key_figure(stem: str, editions: dict[str, pd.Series]) -> KeyFigure:
    ordered = [editions[e] for e in EDITIONS if e in editions]
    millions = in_millions(ordered)
    return KeyFigure(
        stem=stem,
        label=str(ordered[-1]["label"]),
        values=tuple(figure_value(row, millions) for row in ordered),
        sources=_unique(str(row["source"]) for row in ordered),
    )


def _rank(figure: KeyFigure) -> int:
    """Figures that moved between editions first, then stable pairs, then the latest edition alone."""
    if len(figure.values) == len(EDITIONS):
        return 0 if figure.values[0].full != figure.values[-1].full else 1
    return 2 if figure.values[-1].edition == EDITIONS[-1] else 3


def theme_figures(bundle: Bundle, theme: str, limit: int = 4) -> tuple[KeyFigure, ...]:
    """Up to ``limit`` figures of a theme, those printed in both editions first."""
    rows = bundle.indicators[bundle.indicators["theme"] == theme]
    figures = [_key_figure(stem, editions) for stem, editions in _by_stem(rows).items()]
    return tuple(sorted(figures, key=_rank)[:limit])


def changes(bundle: Bundle) -> tuple[Change, ...]:
    """Every stem printed in both editions with its computed change, in theme order."""
    order = {slug: i for i, slug in enumerate(bundle.theme_slugs)}
    table = bundle.indicators.assign(_order=bundle.indicators["theme"].map(order))
    rows = table.sort_values("_order", kind="stable")
    found = []
    for stem, editions in _by_stem(rows).items():
        if not all(e in editions for e in EDITIONS):
            continue
        old, new = editions[EDITIONS[0]], editions[EDITIONS[-1]]
        millions = in_millions([old, new])
        comparable = old["unit"] == new["unit"]
        found.append(
            Change(
                stem=stem,
                # The latest wording, as in the theme chapters (the 2019 one may fit only its value).
                label=str(new["label"]),
                before=figure_value(old, millions),
                after=figure_value(new, millions),
                change=(
                    change_label(float(old["value"]), float(new["value"]))
                    if comparable
                    else L.CLOSING_NOT_COMPARABLE
                ),
                approximate=comparable and bool(old["qualifier"] or new["qualifier"]),
                sources=_unique([str(old["source"]), str(new["source"])]),
            )
        )
    return tuple(found)


def brochure_of(source: str) -> str:
    """« ARS HdF, bilan ERBM 2017-2024 » from a full citation « …, section « … » »."""
    return source.split(", section", 1)[0].strip()


def cite(sources: Iterable[str]) -> tuple[str, ...]:
    """One citation per brochure with its sections, so small print stays short.

    « B, section « X » » and « B, section « Y » » become « B, sections « X », « Y » ».
    A source may hold several citations joined by « ; ».
    """
    sections: dict[str, list[str]] = {}
    for source in sources:
        for citation in source.split(" ; "):
            brochure, _, rest = citation.partition(", section ")
            found = sections.setdefault(brochure.strip(), [])
            if rest.strip() and rest.strip() not in found:
                found.append(rest.strip())
    return tuple(
        f"{brochure}, {'sections' if len(parts) > 1 else 'section'} {', '.join(parts)}" if parts else brochure
        for brochure, parts in sections.items()
    )
