"""The commune and EPCI cards: what an elected official or a planner reads about a place."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from erbm_map.coverage import population_by_zone
from erbm_map.data import Bundle
from erbm_map.data.schema import EDITIONS, ELIGIBLE_ZONES, PARTLY_ELIGIBLE_ZONES
from erbm_map.fmt import fmt_eur, fmt_km, fmt_number, fmt_share
from erbm_map.ids import Ids
from erbm_map.labels import Labels

HAB = f"\u202f{Labels.HAB}"


def _row(term: str, value: object) -> list[html.Dt | html.Dd]:
    return [html.Dt(term), html.Dd(value)]


def contracts_for_epci(bundle: Bundle, siren: str, edition: str) -> pd.DataFrame:
    """CLS / CLSM rows covering an EPCI in an edition."""
    c = bundle.contracts
    return c[(c["epci_siren"] == siren) & (c["edition"] == edition) & c["type"].isin(["CLS", "CLSM"])]


def aids_for_zone(bundle: Bundle, zone: str) -> pd.DataFrame:
    """The installation aids a doctor can claim in a zone (QPV: those of the priority areas)."""
    return bundle.aides[bundle.aides["zone"] == zone]


def _aid_text(row: pd.Series) -> str:
    amount = fmt_eur(row["montant_eur"]) if pd.notna(row["montant_eur"]) else ""
    parts = [p for p in (amount, row["periodicite"], row["duree"]) if p]
    head = " ".join(parts)
    return f"{row['label']} : {head}" + (f" — {row['conditions']}" if row["conditions"] else "")


def _establishment_items(rows: pd.DataFrame) -> list[html.Li]:
    items = []
    for _, row in rows.sort_values(["categorie", "nom"]).iterrows():
        amount = f" — {fmt_eur(row['montant_eur'])}" if pd.notna(row["montant_eur"]) else ""
        items.append(html.Li([html.Strong(row["nom"]), f" ({row['categorie']}){amount}"]))
    return items


def create_commune_card(bundle: Bundle, insee: str, edition: str, vintage: str) -> list[object]:
    """The card of one commune (its permalink is beside it, in the page: ``create_permalink``)."""
    c = bundle.communes.loc[insee]
    zone_code = str(bundle.zoning.at[insee, vintage])
    zone = bundle.zones.loc[zone_code]
    aids = aids_for_zone(bundle, zone_code)
    if zone_code in ELIGIBLE_ZONES and not aids.empty:
        aid_block: object = html.Ul([html.Li(_aid_text(row)) for _, row in aids.iterrows()], className="aids")
    elif zone_code in PARTLY_ELIGIBLE_ZONES:
        aid_block = html.Div(
            [html.P(Labels.AIDS_PARTIAL, className="partial")]
            + ([html.Ul([html.Li(_aid_text(row)) for _, row in aids.iterrows()])] if not aids.empty else [])
        )
    else:
        aid_block = html.P(Labels.AIDS_NONE)
    contracts = contracts_for_epci(bundle, str(c["epci_siren"]), edition)
    contract_items = [html.Li(f"{row['type']} — {row['label']}") for _, row in contracts.iterrows()]
    here = bundle.establishments[bundle.establishments["insee"] == insee]
    nearest = (
        bundle.establishments.set_index("id").loc[c["nearest_hospital"]] if c["nearest_hospital"] else None
    )
    if nearest is None:
        nearest_text = "—"
    elif nearest["insee"] == insee:
        nearest_text = Labels.NEAREST_HERE.format(name=nearest["nom"])
    else:
        nearest_text = Labels.NEAREST_VALUE.format(
            name=nearest["nom"],
            commune=nearest["commune"],
            distance=fmt_km(c["nearest_hospital_km"]),
        )
    return [
        html.H2([c["nom"]], className="card-title", id="commune-card-title"),
        html.Dl(
            _row(Labels.INSEE, insee)
            + _row(Labels.POPULATION, fmt_number(c["population"]) + HAB)
            + _row(Labels.EPCI, c["epci_nom"])
            + _row(
                Labels.ZONE,
                [
                    html.Span(
                        zone["label"],
                        className=f"zone-badge zone-{zone_code}",
                        style={"borderLeftColor": zone["color"]},
                        **{"data-zone": zone_code},
                    ),
                    html.Span(f" ({Labels.VINTAGE_OPTION.format(vintage=vintage)})", className="muted"),
                    html.P(zone["description"], className="zone-description"),
                ],
            ),
            className="facts",
        ),
        html.H3(Labels.AIDS),
        aid_block,
        html.H3(Labels.CONTRACTS.format(edition=edition)),
        html.Ul(contract_items) if contract_items else html.P(Labels.CONTRACTS_NONE.format(edition=edition)),
        html.H3(Labels.ESTABLISHMENTS),
        html.Ul(_establishment_items(here)) if not here.empty else html.P(Labels.ESTABLISHMENTS_NONE),
        html.H3(Labels.NEAREST),
        html.P(nearest_text, className="nearest"),
        html.P(Labels.LOCATION_NOTE, className="note"),
    ]


def create_epci_card(bundle: Bundle, siren: str, vintage: str) -> list[object]:
    """The card of one intercommunality: communes, population by zone, contracts, establishments."""
    e = bundle.epci.loc[siren]
    members = bundle.communes[bundle.communes["epci_siren"] == siren]
    by_zone = population_by_zone(members, bundle.zoning[vintage])
    zone_rows = [
        html.Tr(
            [
                html.Td(bundle.zones.loc[row["zone"], "label"]),
                html.Td(fmt_number(row["communes"])),
                html.Td(fmt_number(row["population"]) + HAB),
                html.Td(fmt_share(row["population"], by_zone["population"].sum())),
            ]
        )
        for _, row in by_zone.iterrows()
    ]
    contracts = []
    for edition in EDITIONS:
        rows = contracts_for_epci(bundle, siren, edition)
        names = ", ".join(f"{r['type']} {r['label']}" for _, r in rows.iterrows()) or "—"
        contracts.append(html.Li(f"{edition} : {names}"))
    here = bundle.establishments[bundle.establishments["insee"].isin(members.index)]
    return [
        html.H2(e["epci_nom"], className="card-title"),
        html.Dl(
            _row(Labels.COMMUNES, fmt_number(len(members)))
            + _row(Labels.POPULATION, fmt_number(members["population"].sum()) + HAB),
            className="facts",
        ),
        html.H3(f"{Labels.POP_BY_ZONE} ({Labels.VINTAGE_OPTION.format(vintage=vintage)})"),
        html.Table(
            [
                html.Thead(
                    html.Tr(
                        [
                            html.Th("Zone"),
                            html.Th("Communes"),
                            html.Th("Population"),
                            html.Th("Part"),
                        ]
                    )
                ),
                html.Tbody(zone_rows),
            ],
            className="zone-table",
        ),
        html.H3(Labels.CONTRACTS_BY_EDITION),
        html.Ul(contracts),
        html.H3(Labels.ESTABLISHMENTS),
        html.Ul(_establishment_items(here)) if not here.empty else html.P(Labels.ESTABLISHMENTS_NONE),
        html.Details(
            [
                html.Summary(f"{Labels.COMMUNES} ({len(members)})"),
                html.P(", ".join(sorted(members["nom"]))),
            ]
        ),
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
