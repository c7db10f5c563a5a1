"""The focus commune chapter: the dashboard's commune card, cut down to what a room can read.

The card's own pieces are reused (aids of a zone, contracts of an EPCI, the nearest
hospital sentence) so the projector and the dashboard never disagree; the long
aid conditions and the permalink controls stay on the dashboard.
"""

from __future__ import annotations

from dash import html

from erbm_map.data import Bundle
from erbm_map.fmt import fmt_number
from erbm_map.labels import Labels
from erbm_map.layout.aids import create_aid_block
from erbm_map.layout.cards import contract_text, contracts_for_epci, create_nearest, places_in
from erbm_map.presentation.figures import FigureValue, KeyFigure
from erbm_map.presentation.labels import PresentationLabels as L

#: Establishments listed by name; more would not fit on one screen.
MAX_ESTABLISHMENTS = 3


def focus_figure(bundle: Bundle, insee: str) -> KeyFigure:
    """The commune's population, shown like every other key figure."""
    population = bundle.communes.at[insee, "population"]
    return KeyFigure(
        stem="population", label=L.COMMUNE_POPULATION, values=(FigureValue("", "", fmt_number(population)),)
    )


def _aids(bundle: Bundle, zone: str, vintage: str) -> html.Div:
    """The card's own aid rendering, without the long conditions: units and dates stay."""
    body = create_aid_block(bundle, zone, vintage, compact=True)
    return html.Div([html.H3(L.COMMUNE_AIDS), *body], className="focus-block focus-aids")


def _contracts(bundle: Bundle, siren: str, edition: str) -> html.Div:
    rows = contracts_for_epci(bundle, siren, edition)
    items = [html.Li(contract_text(row)) for _, row in rows.iterrows()]
    body = html.Ul(items) if items else html.P(Labels.CONTRACTS_NONE.format(edition=edition))
    return html.Div([html.H3(L.COMMUNE_CONTRACTS.format(edition=edition)), body], className="focus-block")


def _establishments(bundle: Bundle, insee: str, edition: str) -> html.Div:
    here = places_in(bundle, [insee], edition).sort_values(["categorie", "nom"])
    items: list[object] = [html.Li(name) for name in here["nom"].head(MAX_ESTABLISHMENTS)]
    if len(here) > MAX_ESTABLISHMENTS:
        items.append(html.Li(L.COMMUNE_MORE.format(count=len(here) - MAX_ESTABLISHMENTS), className="more"))
    body = html.Ul(items) if items else html.P(Labels.ESTABLISHMENTS_NONE)
    return html.Div([html.H3(L.COMMUNE_ESTABLISHMENTS), body], className="focus-block")


def _nearest(bundle: Bundle, insee: str, edition: str) -> html.Div:
    """The card's own sentence (``create_nearest``), without building the whole card."""
    return html.Div(
        [html.H3(L.COMMUNE_NEAREST), create_nearest(bundle, insee, edition)], className="focus-block"
    )


def create_focus(bundle: Bundle, insee: str) -> list[object]:
    """Zone badge, intercommunality, aids, contracts, establishments and nearest hospital."""
    commune = bundle.communes.loc[insee]
    vintage, edition = bundle.latest_vintage, bundle.domain.latest_edition
    code = str(bundle.zoning.at[insee, vintage])
    zone = bundle.zones.loc[code]
    return [
        html.Div(
            [
                html.Span(className="zone-swatch", style={"background": zone["color"]}),
                html.Span(zone["label"], className="zone-name", **{"data-zone": code}),
                html.Span(f" ({Labels.VINTAGE_OPTION.format(vintage=vintage)})", className="zone-vintage"),
            ],
            className="focus-zone",
        ),
        html.P(L.COMMUNE_EPCI.format(name=commune["epci_nom"]), className="focus-epci"),
        html.Div(
            [
                _aids(bundle, code, vintage),
                _contracts(bundle, str(commune["epci_siren"]), edition),
                _establishments(bundle, insee, edition),
                _nearest(bundle, insee, edition),
            ],
            className="focus-grid",
        ),
    ]
