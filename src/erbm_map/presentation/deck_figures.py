"""Key figures and changes between editions, computed from the indicators table.

Pure functions over the bundle: the chapters call them, the unit tests check them.
Formatting reuses the dashboard's (``figure_text``), so a figure reads the same
on the projector as in the figures panel.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import pandas as pd

from erbm_map.core.fmt import NNBSP, fmt_eur, fmt_number, fmt_value
from erbm_map.core.pairs import change_label, judge
from erbm_map.dashboard.layout.kpis import figure_text
from erbm_map.data import Bundle
from erbm_map.presentation.deck_labels import PresentationLabels as L

__all__ = ["Change", "FigureValue", "KeyFigure", "change_label", "changes", "cite", "theme_figures"]

MONEY = ("EUR", "EUR/year")


@dataclass(frozen=True)
class FigureValue:
    """One printed value; its hedge (« plus de ») and period (« par an ») are set smaller than the number."""

    edition: str
    """The edition's key (its year), or ``""`` for a figure counted from the data."""
    qualifier: str
    text: str
    suffix: str = ""
    label: str = ""
    """This edition's own wording, when it differs from the figure's label."""
    caveat: str = ""
    """The row's short uncertainty note (``core/readings.caveat``), shown with the value."""

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
    comparison: str = ""
    """The pair's verdict (``core/pairs.judge``): « +7 % » or « mesures différentes : … »; empty alone."""
    comparable: bool = True
    reason: str = ""
    """Why a pair does not compare (``compare_reason``), without the « mesures différentes » prefix."""


@dataclass(frozen=True)
class Change:
    """A figure printed in both editions and how it moved."""

    stem: str
    label: str
    before: FigureValue
    after: FigureValue
    change: str
    """The pair's verdict text: a change for ``same`` pairs, « mesures différentes : … » otherwise."""
    approximate: bool
    sources: tuple[str, ...]
    comparable: bool = True
    ratio: float | None = None
    """``after / before`` for a comparable pair (the closing slope draws it); ``None`` otherwise."""
    reason: str = ""
    """Why the pair does not compare (``compare_reason``), without the « mesures différentes » prefix."""

    @property
    def unchanged(self) -> bool:
        """A comparable figure with the same value and hedge in both editions."""
        return self.comparable and self.before.full == self.after.full


def figure_value(row: pd.Series, millions: bool = False) -> FigureValue:
    """Split a row's printed text into hedge, number and period.

    A worded hedge (« une cinquantaine ») is the number itself and stays whole.
    ``millions`` writes an amount in M€ (exactly: up to three decimals) so that
    two editions of one figure read in the same unit: « 0,6 M€ → 2,8 M€ ».
    """
    qualifier, value, unit = row["qualifier"] or "", row["value"], row["unit"]
    edition = str(row["edition"])
    caveat = str(row.get("caveat") or "")
    full = figure_text(qualifier, value, unit)
    if qualifier and not full.startswith(f"{qualifier} "):
        return FigureValue(edition, "", full, caveat=caveat)
    suffix = L.PER_YEAR if unit == "EUR/year" else ""
    if millions and unit in MONEY:
        text = f"{fmt_number(value / 1_000_000, 3)}{NNBSP}M€"
    elif unit in MONEY:
        text = fmt_eur(value)
    else:
        text = fmt_value(value, unit)
    return FigureValue(edition, qualifier, text, suffix, caveat=caveat)


def in_millions(rows: Iterable[pd.Series]) -> bool:
    """Amounts of one figure in M€ when one of them reaches a million (and none a billion)."""
    rows = list(rows)
    amounts = [row["value"] for row in rows if row["unit"] in MONEY]
    return len(rows) > 1 and bool(amounts) and 1_000_000 <= max(amounts) < 1_000_000_000


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def _by_stem(rows: pd.DataFrame) -> dict[str, dict[str, pd.Series]]:
    """Rows grouped by stem, in the order of the file (the brochures' reading order)."""
    grouped: dict[str, dict[str, pd.Series]] = {}
    for _, row in rows.iterrows():
        grouped.setdefault(str(row["stem"]), {})[str(row["edition"])] = row
    return grouped


def _key_figure(stem: str, editions: dict[str, pd.Series]) -> KeyFigure:
    ordered = [editions[e] for e in sorted(editions)]
    verdict = judge(ordered[0], ordered[-1]) if len(ordered) > 1 else None
    # One unit for both values only when they compare; otherwise each keeps the brochure's own.
    millions = in_millions(ordered) and (verdict is None or verdict.comparable)
    label = str(ordered[-1]["label"])
    values = tuple(
        replace(figure_value(row, millions), label="" if row["label"] == label else str(row["label"]))
        for row in ordered
    )
    return KeyFigure(
        stem=stem,
        label=label,
        values=values,
        sources=_unique(str(row["source"]) for row in ordered),
        comparison=verdict.text if verdict else "",
        comparable=verdict.comparable if verdict else True,
        reason=verdict.reason if verdict and not verdict.comparable else "",
    )


def _rank(figure: KeyFigure, latest: str) -> int:
    """Figures that moved between editions first, then stable pairs, then the latest edition alone."""
    if len(figure.values) > 1:
        return 0 if figure.comparable and figure.values[0].full != figure.values[-1].full else 1
    return 2 if figure.values[-1].edition == latest else 3


def theme_figures(bundle: Bundle, theme: str, limit: int = 3) -> tuple[KeyFigure, ...]:
    """Up to ``limit`` figures of a theme, those printed in both editions first."""
    rows = bundle.indicators[bundle.indicators["theme"] == theme]
    figures = [_key_figure(stem, editions) for stem, editions in _by_stem(rows).items()]
    latest = bundle.domain.latest_edition
    return tuple(sorted(figures, key=lambda figure: _rank(figure, latest))[:limit])


def changes(bundle: Bundle) -> tuple[Change, ...]:
    """Every stem printed in both editions with its computed change, in theme order."""
    order = {slug: i for i, slug in enumerate(bundle.theme_slugs)}
    table = bundle.indicators.assign(_order=bundle.indicators["theme"].map(order))
    rows = table.sort_values("_order", kind="stable")
    found = []
    for stem, editions in _by_stem(rows).items():
        if len(editions) < 2:
            continue
        old, new = editions[min(editions)], editions[max(editions)]
        verdict = judge(old, new)
        millions = verdict.comparable and in_millions([old, new])
        before = figure_value(old, millions)
        found.append(
            Change(
                stem=stem,
                # The latest wording; the older one rides with its value when it differs.
                label=str(new["label"]),
                before=replace(before, label="" if old["label"] == new["label"] else str(old["label"])),
                after=figure_value(new, millions),
                change=verdict.text,
                approximate=verdict.approximate,
                sources=_unique([str(old["source"]), str(new["source"])]),
                comparable=verdict.comparable,
                ratio=float(new["value"]) / float(old["value"])
                if verdict.comparable and float(old["value"])
                else None,
                reason="" if verdict.comparable else verdict.reason,
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
