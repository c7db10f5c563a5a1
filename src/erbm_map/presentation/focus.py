"""The focus commune chapter: the commune's report, cut down to what a room can read.

It renders the same report as the dashboard's card, with the card's own pieces (aid block,
contracts, places, nearest hospital), so the projector and the dashboard never disagree; the
long aid conditions and the permalink controls stay on the dashboard.
"""

from __future__ import annotations

from dash import html

from erbm_map.dashboard.layout.aids import create_aid_block
from erbm_map.dashboard.layout.cards import create_contracts, create_nearest
from erbm_map.presentation.deck_figures import FigureValue, KeyFigure
from erbm_map.presentation.deck_labels import PresentationLabels as L
from erbm_map.reports.model import CommuneReport

#: Establishments listed by name; more would not fit on one screen.
MAX_ESTABLISHMENTS = 3


def focus_figure(report: CommuneReport) -> KeyFigure:
    """The commune's population, shown like every other key figure."""
    return KeyFigure(
        stem="population", label=L.COMMUNE_POPULATION, values=(FigureValue("", "", report.inhabitants),)
    )


def _block(title: str, body: list[object], extra: str = "") -> html.Div:
    return html.Div([html.H3(title), *body], className=f"focus-block {extra}".strip())


def _places(report: CommuneReport) -> list[object]:
    shown = report.places[:MAX_ESTABLISHMENTS]
    items: list[object] = [html.Li(p.name, **{"data-place": p.ident}) for p in shown]
    if len(report.places) > MAX_ESTABLISHMENTS:
        more = len(report.places) - MAX_ESTABLISHMENTS
        items.append(html.Li(L.COMMUNE_MORE.format(count=more), className="more"))
    return [html.Ul(items) if items else html.P(report.places_empty)]


def create_focus(report: CommuneReport) -> list[object]:
    """Zone badge, intercommunality, aids, contracts, establishments and nearest hospital."""
    zone = report.zone
    return [
        html.Div(
            [
                html.Span(className="zone-swatch", style={"background": zone.color}),
                html.Span(zone.label, className="zone-name", **{"data-zone": zone.code}),
                html.Span(f" ({zone.vintage_label})", className="zone-vintage"),
            ],
            className="focus-zone",
        ),
        html.P(L.COMMUNE_EPCI.format(name=report.epci_name), className="focus-epci"),
        html.Div(
            [
                _block(L.COMMUNE_AIDS, create_aid_block(report.aids, compact=True), "focus-aids"),
                _block(
                    L.COMMUNE_CONTRACTS.format(edition=report.edition), create_contracts(report.contracts)
                ),
                _block(L.COMMUNE_ESTABLISHMENTS, _places(report)),
                _block(L.COMMUNE_NEAREST, [create_nearest(report.nearest)]),
            ],
            className="focus-grid",
        ),
    ]
