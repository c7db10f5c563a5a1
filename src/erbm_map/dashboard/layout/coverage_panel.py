"""The « Couverture » view and its compact summary: who is covered, in numbers and bar charts.

The summary is plain HTML (no plotly) and sits in the figures panel, visible on the first
paint. The full view's charts are ``dcc.Graph`` components built only when its tab is first
opened (``dashboard/callbacks/coverage_callbacks.py``), so plotly.js is not fetched by a
visit that never opens it.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from erbm_map.charts.bars import (
    CHART_CONFIG,
    build_coverage_chart,
    coverage_chart_text,
)
from erbm_map.charts.zonecharts import (
    build_epci_zone_chart,
    build_zone_chart,
    epci_zone_text,
    zone_chart_text,
)
from erbm_map.core.contracts import (
    CONTRACT_KINDS,
    coverage_summary,
    population_by_zone,
    zones_by_epci,
)
from erbm_map.core.fmt import fmt_share
from erbm_map.core.ids import Ids
from erbm_map.core.labels import Labels
from erbm_map.core.pairs import Pair, pairs
from erbm_map.core.readings import caveat, with_caveat
from erbm_map.dashboard.layout.coverage_maps import create_contract_maps, create_epci_contract_table
from erbm_map.dashboard.layout.kpis import figure_text
from erbm_map.data import Bundle


def perimeter_communes(bundle: Bundle) -> pd.DataFrame:
    """The communes of the bassin minier (the regional data set also holds the others)."""
    communes = bundle.communes
    return communes[communes["bassin_minier"].astype(bool)]


def partial_epcis(bundle: Bundle) -> frozenset[str]:
    """Names of the EPCIs with members outside the perimeter (``epci.geojson`` ``communes_epci``).

    Their shares are of their part inside the perimeter only; the charts say so.
    """
    if "communes_epci" not in bundle.epci:
        return frozenset()
    inside = perimeter_communes(bundle).groupby("epci_siren").size()
    members = bundle.epci["communes_epci"]
    return frozenset(
        str(bundle.epci.at[siren, "epci_nom"])
        for siren, count in inside.items()
        if siren in members.index and count < members[siren]
    )


def summary_of(bundle: Bundle) -> pd.DataFrame:
    """CLS and CLSM coverage of the perimeter's population, per edition."""
    return coverage_summary(perimeter_communes(bundle), bundle.domain.edition_keys)


#: The brochure's own figure for the population covered by CLS (``indicators.csv``).
COVERAGE_STEM = "cls-population-couverte"


def brochure_coverage(bundle: Bundle) -> str | None:
    """« La brochure 2024 annonce « près de 90 % » … », from the newest edition that prints it."""
    rows = bundle.indicators[bundle.indicators["stem"] == COVERAGE_STEM]
    if rows.empty:
        return None
    row = rows.sort_values("edition").iloc[-1]
    figure = figure_text(str(row["qualifier"] or ""), float(row["value"]), str(row["unit"]))
    return Labels.COVERAGE_BROCHURE.format(edition=row["edition"], figure=figure)


def _different(bundle: Bundle) -> dict[str, Pair]:
    """Contract kinds whose two editions count different things (the stems ``cls``, ``clsm``).

    The verdict is the indicators' own (``core/pairs.judge``): 2019 « CLS » counts contracts
    « signés ou en cours d'élaboration », 2024 signed ones, so their shares are not a change.
    """
    found = pairs(bundle.indicators)
    return {
        kind: found[kind] for kind in CONTRACT_KINDS if kind in found and not found[kind].verdict.comparable
    }


def _flagged_lists(bundle: Bundle) -> dict[tuple[str, str], str]:
    """(kind, edition) -> caveat, for the contract lists read with an uncertain note."""
    contracts = bundle.contracts
    caveats = contracts["note"].map(caveat)
    return {
        (str(kind).lower(), str(edition)): str(found.iloc[0])
        for (kind, edition), found in caveats[caveats != ""].groupby(
            [contracts["type"], contracts["edition"]], sort=False
        )
    }


def _counted(different: dict[str, Pair], kind: str, edition: str) -> str:
    """What ``kind`` counts in ``edition`` when its editions differ (the indicator's label), else ""."""
    pair = different.get(kind)
    counted = [r for r in (pair.old, pair.new) if str(r["edition"]) == edition] if pair else []
    return str(counted[0]["label"]) if counted else ""


def coverage_lines(bundle: Bundle, summary: pd.DataFrame) -> list[str]:
    """The summary's sentences: what a kind counts when its editions differ, and any caveat."""
    different = _different(bundle)
    flagged = _flagged_lists(bundle)
    lines = []
    for (_, row), line in zip(summary.iterrows(), coverage_chart_text(summary), strict=True):
        kind, edition = str(row["kind"]).lower(), str(row["edition"])
        if counted := _counted(different, kind, edition):
            line = Labels.COVERAGE_COUNTED.format(line=line, label=counted)
        lines.append(with_caveat(line, {"caveat": flagged.get((kind, edition), "")}))
    return lines


def map_captions(bundle: Bundle, summary: pd.DataFrame) -> dict[tuple[str, str], str]:
    """(kind, edition) -> the words under its small map, as in the summary's lines.

    What an edition counts when a kind's editions differ (« signés ou en cours
    d'élaboration »), and any uncertain reading of its list.
    """
    different = _different(bundle)
    flagged = _flagged_lists(bundle)
    captions = {}
    for _, row in summary.iterrows():
        kind, edition = str(row["kind"]).lower(), str(row["edition"])
        counted, caveat_text = _counted(different, kind, edition), flagged.get((kind, edition), "")
        caption = with_caveat(counted, {"caveat": caveat_text}) if counted else caveat_text
        if caption:
            captions[(kind, edition)] = caption
    return captions


def coverage_notes(bundle: Bundle, kinds: tuple[str, ...] = CONTRACT_KINDS) -> list[str]:
    """Why two editions' shares of a kind do not compare, then its lists read with a caveat.

    The second kind of note captions a list the brochure prints without a caption (the
    CLSM of 2024): its ``contracts.csv`` note says how it was read.
    """
    notes = [
        Labels.COVERAGE_NOT_COMPARABLE.format(
            kind=kind.upper(), old=pair.old["edition"], new=pair.new["edition"], reason=pair.verdict.reason
        )
        for kind, pair in _different(bundle).items()
        if kind in kinds
    ]
    contracts = bundle.contracts
    flagged = contracts[(contracts["note"].map(caveat) != "") & contracts["type"].str.lower().isin(kinds)]
    for (kind, edition), rows in flagged.groupby(["type", "edition"], sort=False):
        notes.append(Labels.COVERAGE_LIST.format(kind=kind, edition=edition, note=rows.iloc[0]["note"]))
    return notes


def _notes(bundle: Bundle, kinds: tuple[str, ...] = CONTRACT_KINDS) -> list[html.P]:
    return [html.P(note, className="coverage-caveat") for note in coverage_notes(bundle, kinds)]


def create_coverage_summary(bundle: Bundle) -> html.Section:
    """CLS / CLSM shares per edition as text and CSS bars, with the brochure's own figure."""
    summary = summary_of(bundle)
    colors = bundle.domain.edition_colors()
    items = []
    for (_, row), line in zip(summary.iterrows(), coverage_lines(bundle, summary), strict=True):
        share = fmt_share(row["population"], row["total_population"])
        items.append(
            html.Li(
                [
                    html.Span(line, className="coverage-line"),
                    html.Span(
                        html.Span(
                            className="coverage-fill",
                            # The edition's own colour, as in the charts (sources/editions.csv).
                            style={
                                "width": f"{100 * row['share']:.1f}%",
                                "background": colors[row["edition"]],
                            },
                        ),
                        className="coverage-bar",
                        **{"aria-hidden": "true"},
                    ),
                ],
                **{"data-kind": row["kind"], "data-edition": row["edition"], "data-share": share},
            )
        )
    return html.Section(
        [
            html.H3(Labels.COVERAGE_SUMMARY),
            html.Ul(items, className="coverage-list"),
            *(html.P(note, className="kpi-note coverage-caveat") for note in coverage_notes(bundle)),
            *([html.P(announced, className="kpi-note")] if (announced := brochure_coverage(bundle)) else []),
            html.P(Labels.COVERAGE_SEE_TAB, className="kpi-note"),
        ],
        id=Ids.COVERAGE_SUMMARY,
        className="coverage-summary",
    )


def _chart(figure: object, lines: list[str], name: str, notes: list[html.P] | None = None) -> html.Figure:
    """A chart and its text equivalent right under it, then what its reader must know (``notes``)."""
    return html.Figure(
        [
            dcc.Graph(figure=figure, config=CHART_CONFIG, className="chart-graph"),
            html.Figcaption(
                [
                    html.Span(Labels.COVERAGE_TEXT, className="chart-text-title"),
                    html.Ul([html.Li(t) for t in lines]),
                    *(notes or []),
                ],
                className="chart-text",
            ),
        ],
        className="chart",
        **{"data-chart": name},
    )


def create_coverage_body(bundle: Bundle, vintage: str) -> list[object]:
    """The view (built on demand): contracts, their small maps and table per EPCI, zones, zones per EPCI."""
    summary = summary_of(bundle)
    partial = partial_epcis(bundle)
    by_zone = population_by_zone(perimeter_communes(bundle), bundle.zoning[vintage])
    charts = [
        _chart(
            build_coverage_chart(summary, bundle.domain),
            coverage_lines(bundle, summary),
            "contracts",
            _notes(bundle),
        )
    ]
    charts.append(create_contract_maps(bundle, summary, map_captions(bundle, summary)))
    charts.append(create_epci_contract_table(bundle, vintage, partial))
    charts.append(
        _chart(
            build_zone_chart(by_zone, bundle.zones, vintage, bundle.domain),
            zone_chart_text(by_zone, bundle.zones),
            "zones",
        )
    )
    by_epci = zones_by_epci(perimeter_communes(bundle), bundle.zoning[vintage])
    charts.append(
        _chart(
            build_epci_zone_chart(by_epci, bundle.zones, vintage, bundle.domain, partial),
            epci_zone_text(by_epci, bundle.zones, partial),
            "epci-zones",
        )
    )
    return charts


def create_coverage_panel(bundle: Bundle) -> html.Div:
    """The « Couverture » tab: title, sources, and an empty body the tab's first opening fills."""
    return html.Div(
        [
            html.H2(Labels.COVERAGE_TITLE),
            html.P(
                Labels.COVERAGE_SOURCES.format(
                    editions=" et ".join(bundle.domain.edition_keys), vintages=", ".join(bundle.vintages)
                ),
                className="note",
            ),
            html.Div(id=Ids.COVERAGE_BODY, className="coverage-body", **{"aria-live": "polite"}),
        ],
        id=Ids.COVERAGE_PANEL,
        className="view-panel panel coverage-panel",
        hidden=True,
    )
