"""The figures panel: each figure of a theme with its other edition and whether they compare."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd
from dash import html

from erbm_map.core.fmt import fmt_value
from erbm_map.core.labels import Labels
from erbm_map.core.pairs import judge
from erbm_map.core.readings import with_caveat
from erbm_map.core.state import ALL_THEMES
from erbm_map.data import Bundle


def figures_for(bundle: Bundle, edition: str, theme: str) -> pd.DataFrame:
    """Figures of ``edition`` (all themes or one), each joined with its other-edition twin."""
    table = bundle.indicators
    shown = table[table["edition"] == edition]
    if theme != ALL_THEMES:
        shown = shown[shown["theme"] == theme]
    domain = bundle.domain
    # A figure's twin is the other end of the comparison: the first edition against the latest.
    other = domain.latest_edition if edition == domain.first_edition else domain.first_edition
    twins = table[table["edition"] == other].set_index("stem")
    shown = shown.assign(
        other_value=shown["stem"].map(twins["value"]),
        other_qualifier=shown["stem"].map(twins["qualifier"]),
        other_unit=shown["stem"].map(twins["unit"]),
        other_label=shown["stem"].map(twins["label"]),
        other_caveat=shown["stem"].map(twins["caveat"]) if "caveat" in twins else "",
        other_edition=other,
    )
    order = {slug: i for i, slug in enumerate(bundle.theme_slugs)}
    return shown.assign(_order=shown["theme"].map(order)).sort_values(["_order"], kind="stable")


#: Hedges that already say the number (« une cinquantaine »): printing 50 after them would repeat it.
_WORDED = re.compile(r"(dizaine|vingtaine|trentaine|quarantaine|cinquantaine|centaine|millier)")


def figure_text(qualifier: str, value: float, unit: str) -> str:
    """« plus de 2,8 M€ », « 700 », or « une cinquantaine » when the hedge is itself the number."""
    if qualifier and _WORDED.search(qualifier):
        return qualifier[0].upper() + qualifier[1:]
    text = fmt_value(value, unit)
    return f"{qualifier} {text}" if qualifier else text


def _twin(row: pd.Series) -> dict[str, object]:
    """The other edition's row, rebuilt from the ``other_*`` columns of :func:`figures_for`."""
    return {
        "value": row["other_value"],
        "qualifier": row["other_qualifier"] or "",
        "unit": row["other_unit"],
        "label": row["other_label"],
        "edition": row["other_edition"],
        "caveat": row.get("other_caveat") or "",
        "compare": row["compare"],
        "compare_reason": row["compare_reason"],
    }


def pair_rows(row: pd.Series) -> tuple[dict, dict] | None:
    """(older, newer) rows of the figure's pair, or None when the other edition lacks it."""
    if pd.isna(row["other_value"]):
        return None
    this, twin = row.to_dict(), _twin(row)
    return (this, twin) if str(this["edition"]) < str(twin["edition"]) else (twin, this)


def _pair_value(row: Mapping, label: str) -> str:
    """One edition's value with its hedge, its own wording when it differs from ``label``, its caveat."""
    text = figure_text(row["qualifier"] or "", row["value"], row["unit"])
    if label and row["label"] != label:
        text += f" ({row['label']})"
    return with_caveat(text, row)


def pair_text(old: Mapping, new: Mapping, label: str = "") -> str:
    """« 2019 → 2024 : 653 → 700 (+7 %) » when the editions compare, else « 2019 : 653 · 2024 : 700 ».

    The verdict is ``core/pairs.judge``'s: no arrow between two different measures, where it
    would read as a change.
    """
    verdict = judge(old, new)
    before, after = _pair_value(old, label), _pair_value(new, label)
    if verdict.comparable:
        return Labels.PAIR_ARROW.format(
            old_edition=old["edition"], new_edition=new["edition"], old=before, new=after, delta=verdict.text
        )
    return f"{old['edition']} : {before} · {new['edition']} : {after}"


def change_text(row: pd.Series) -> str | None:
    """The pair line of a figure (:func:`pair_text`), or None when the other edition lacks it."""
    found = pair_rows(row)
    return None if found is None else pair_text(*found)


def create_pair(row: pd.Series) -> html.Div | None:
    """Both editions on one line: « 653 → 700 (+7 %) », or the two values and why they do not compare."""
    found = pair_rows(row)
    if found is None:
        return None
    verdict = judge(*found)
    # One string per line keeps the panel light: it is in the first paint for every figure.
    children = [html.Div(pair_text(*found, label=row["label"]), className="kpi-change")]
    if not verdict.comparable:
        children.append(html.Div(verdict.text, className="kpi-different"))
    return html.Div(
        children,
        className="kpi-pair",
        **{"data-stem": row["stem"], "data-compare": "same" if verdict.comparable else "different"},
    )


def create_kpi(row: pd.Series, hidden: bool = False) -> html.Article:
    """One figure: value (a button that opens its sheet), label, pair, note and source."""
    source = Labels.KPI_SOURCE.format(source=row["source"])
    value = figure_text(row["qualifier"], row["value"], row["unit"])
    children: list[object] = [
        # Written as plain HTML (``dashboard.prerender``): a click reaches Dash through
        # ``Ids.KPI_CHOSEN`` (assets/22-figures.js), not through a component of its own.
        html.Button(
            value,
            className="kpi-value",
            # The name says what the button does; the figure's label follows it in the article.
            **{"aria-haspopup": "dialog", "aria-label": Labels.KPI_OPEN_NAME.format(value=value)},
        ),
        html.Div(row["label"], className="kpi-label"),
    ]
    # The short caveat sits right under the figure: the full note below may be read or not.
    if row.get("caveat"):
        children.append(html.Div(row["caveat"], className="kpi-caveat"))
    pair = create_pair(row)
    if pair is not None:
        children.append(pair)
    if row["note"]:
        children.append(html.Div(row["note"], className="kpi-note"))
    children.append(html.Div(source, className="kpi-source"))
    return html.Article(
        children,
        className="kpi",
        hidden=hidden,
        **{
            "data-id": row["id"],
            "data-edition": row["edition"],
            "data-theme": row["theme"],
            "data-caveat": row.get("caveat") or "",
        },
    )


def shows(edition: str, theme: str, row_edition: str, row_theme: str) -> bool:
    """Whether a figure belongs to the view (the same rule as ``filterKpis`` in assets/)."""
    return row_edition == edition and theme in (ALL_THEMES, row_theme)


def create_kpis(bundle: Bundle, edition: str, theme: str) -> list[object]:
    """Every figure of both editions, those outside the view hidden.

    The whole panel is in the page once; switching edition or theme only toggles ``hidden``
    in the browser (``filterKpis``), so it costs no request and no bytes. It is written into
    the page's HTML, not into Dash's layout (``dashboard.prerender``): as ~560 components it
    was three quarters of the layout, and React and Dash's store paid for each of them at
    the first render and at every later update.
    """
    items: list[object] = []
    for ed in bundle.domain.edition_keys:
        rows = figures_for(bundle, ed, ALL_THEMES)
        items.extend(
            create_kpi(row, hidden=not shows(edition, theme, ed, row["theme"])) for _, row in rows.iterrows()
        )
        any_shown = any(shows(edition, theme, ed, t) for t in rows["theme"])
        items.append(
            html.P(
                Labels.KPI_NONE.format(edition=ed),
                className="empty",
                hidden=ed != edition or any_shown,
                **{"data-empty": ed},
            )
        )
    return items
