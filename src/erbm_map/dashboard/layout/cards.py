"""The commune and EPCI cards: what an elected official or a planner reads about a place."""

from __future__ import annotations

from dash import dcc, html

from erbm_map.core.ids import Ids
from erbm_map.core.labels import Labels
from erbm_map.dashboard.layout.aids import create_aid_block
from erbm_map.reports.model import CommuneReport, EditionContracts, EpciReport, NearestFact, PlaceFact


def _row(term: str, value: object) -> list[html.Dt | html.Dd]:
    return [html.Dt(term), html.Dd(value)]


def create_places(places: tuple[PlaceFact, ...], empty: str, edition: str) -> html.Ul | html.P:
    """The places an edition cites, each with its category and, in its edition, its amount."""
    if not places:
        return html.P(empty, className="places")
    items = [
        html.Li(
            [html.Strong(p.name), f" ({p.kind})" + (f" — {p.amount}" if p.amount else "")],
            **{"data-place": p.ident},
        )
        for p in places
    ]
    return html.Ul(items, className="places", **{"data-edition": edition})


def create_nearest(nearest: NearestFact | None) -> html.P:
    """The nearest-hospital sentence, as the card and the projector's focus show it."""
    return html.P(
        nearest.text if nearest else "—",
        className="nearest",
        **{"data-place": nearest.ident if nearest else ""},
    )


def create_contracts(contracts: EditionContracts) -> list[object]:
    """The contracts of an edition, then the CPTS line."""
    items = [html.Li(c.text, **{"data-contract": c.kind}) for c in contracts.contracts]
    body: list[object] = [html.Ul(items, className="contracts") if items else html.P(contracts.empty)]
    return [*body, html.P(contracts.cpts, className="cpts note")]


def create_commune_card(report: CommuneReport) -> list[object]:
    """The card of one commune, from its report (its permalink is beside it: ``create_permalink``)."""
    zone = report.zone
    return [
        html.H2([report.name], className="card-title", id=Ids.COMMUNE_CARD_TITLE),
        html.Dl(
            _row(Labels.INSEE, report.insee)
            + _row(Labels.POPULATION, report.population)
            + _row(Labels.EPCI, report.epci_name)
            + _row(
                Labels.ZONE,
                [
                    html.Span(
                        zone.label,
                        className=f"zone-badge zone-{zone.code}",
                        style={"borderLeftColor": zone.color},
                        **{"data-zone": zone.code},
                    ),
                    html.Span(f" ({zone.vintage_label})", className="muted"),
                    html.P(zone.description, className="zone-description"),
                ],
            ),
            className="facts",
        ),
        html.H3(Labels.AIDS),
        html.Div(create_aid_block(report.aids), className="aid-section"),
        html.H3(report.contracts.title),
        *create_contracts(report.contracts),
        html.H3(report.places_title),
        create_places(report.places, report.places_empty, report.edition),
        html.H3(report.nearest_title),
        create_nearest(report.nearest),
        html.P(report.location_note, className="note"),
    ]


def _zone_table(report: EpciReport) -> html.Table:
    head = [Labels.ZONE_SHORT, Labels.COMMUNES_PERIMETER, Labels.POPULATION, Labels.SHARE]
    rows = [
        html.Tr([html.Td(z.label), html.Td(z.communes), html.Td(z.population), html.Td(z.share)])
        for z in report.zones
    ]
    return html.Table(
        [html.Thead(html.Tr([html.Th(h) for h in head])), html.Tbody(rows)], className="zone-table"
    )


def create_epci_card(report: EpciReport) -> list[object]:
    """The card of one intercommunality: communes, population by zone, aids, contracts, places, sources."""
    return [
        html.H2(report.name, className="card-title"),
        html.Dl(
            _row(Labels.COMMUNES_PERIMETER, report.communes) + _row(Labels.POPULATION, report.population),
            className="facts",
        ),
        html.H3(f"{Labels.POP_BY_ZONE} ({report.vintage_label})"),
        _zone_table(report),
        html.H3(Labels.SHEET_EPCI_AIDS),
        html.Div(create_aid_block(report.aids, zoning=False), className="aid-section"),
        html.H3(Labels.CONTRACTS_BY_EDITION),
        html.Ul(
            [
                html.Li(
                    [f"{each.edition} : {each.names}", html.Br(), html.Span(each.cpts, className="cpts note")]
                )
                for each in report.contracts
            ],
            className="contracts",
        ),
        html.H3(report.places_title),
        create_places(report.places, report.places_empty, report.edition),
        html.Details(
            [
                html.Summary(f"{Labels.COMMUNES_PERIMETER} ({report.communes})"),
                html.P(", ".join(report.members)),
            ]
        ),
        html.P(report.source_line, className="note card-sources"),
    ]


def create_permalink() -> html.Div:
    """The link to the current view, with a copy button; the browser fills and shows it."""
    return html.Div(
        [
            html.Label(Labels.PERMALINK, htmlFor=Ids.PERMALINK, className="field-label"),
            dcc.Input(id=Ids.PERMALINK, value="", readOnly=True, className="permalink"),
            # A real button: reached with Tab, pressed with Enter or Space (assets/20-dashboard.js copies).
            html.Button(
                Labels.COPY_LINK,
                id=Ids.COPY_LINK,
                type="button",
                className="button copy",
                n_clicks=0,
                **{"data-copied": Labels.LINK_COPIED, "data-failed": Labels.LINK_COPY_FAILED},
            ),
            html.Span(id=Ids.COPY_STATUS, className="copy-status note", role="status"),
        ],
        id=Ids.PERMALINK_BLOCK,
        className="card-actions no-print",
        hidden=True,
    )
