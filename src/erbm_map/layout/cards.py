"""The commune and EPCI cards: what an elected official or a planner reads about a place."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from erbm_map.coverage import population_by_zone
from erbm_map.data import Bundle
from erbm_map.data.places import cited_in
from erbm_map.fmt import fmt_eur, fmt_km, fmt_number, fmt_share
from erbm_map.ids import Ids
from erbm_map.labels import CATEGORY_NAMES, Labels
from erbm_map.layout.aids import create_aid_block

#: What a category is called on screen (the data's slugs never reach it).

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


def contract_text(row: pd.Series) -> str:
    """« CLS — Contrat local de santé de … », or the label alone when it already names its type."""
    label = str(row["label"])
    return label if label.split(" ", 1)[0] == row["type"] else f"{row['type']} — {label}"


def places_in(bundle: Bundle, insee: list[str] | pd.Index, edition: str) -> pd.DataFrame:
    """Establishments and schemes of some communes that the ``edition`` brochure cites."""
    places = cited_in(bundle.establishments, edition)
    return places[places["insee"].isin(list(insee))]


def _establishment_items(rows: pd.DataFrame) -> list[html.Li]:
    items = []
    for _, row in rows.sort_values(["categorie", "nom"]).iterrows():
        amount = f" — {fmt_eur(row['montant_eur'])}" if pd.notna(row["montant_eur"]) else ""
        kind = CATEGORY_NAMES.get(row["categorie"], row["categorie"])
        items.append(html.Li([html.Strong(row["nom"]), f" ({kind}){amount}"], **{"data-place": row["id"]}))
    return items


def create_nearest(bundle: Bundle, insee: str, edition: str) -> html.P:
    """The nearest-hospital sentence, as the card and the projector's focus show it."""
    return html.P(nearest_text(bundle, insee, edition), className="nearest")


def nearest_text(bundle: Bundle, insee: str, edition: str) -> str:
    """The nearest hospital the edition cites, town hall to town hall."""
    c = bundle.communes.loc[insee]
    ident = c.get(f"nearest_hospital_{edition}", c["nearest_hospital"])
    if not ident:
        return "—"
    nearest = bundle.establishments.set_index("id").loc[ident]
    if nearest["insee"] == insee:
        return Labels.NEAREST_HERE.format(name=nearest["nom"])
    return Labels.NEAREST_VALUE.format(
        name=nearest["nom"],
        commune=nearest["commune"],
        distance=fmt_km(c.get(f"nearest_hospital_km_{edition}", c["nearest_hospital_km"])),
    )


def create_commune_card(bundle: Bundle, insee: str, edition: str, vintage: str) -> list[object]:
    """The card of one commune (its permalink is beside it, in the page: ``create_permalink``)."""
    c = bundle.communes.loc[insee]
    zone_code = str(bundle.zoning.at[insee, vintage])
    zone = bundle.zones.loc[zone_code]
    contracts = contracts_for_epci(bundle, str(c["epci_siren"]), edition)
    contract_items = [html.Li(contract_text(row)) for _, row in contracts.iterrows()]
    here = places_in(bundle, [insee], edition)
    return [
        html.H2([c["nom"]], className="card-title", id=Ids.COMMUNE_CARD_TITLE),
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
        html.Div(create_aid_block(bundle, zone_code, vintage), className="aid-section"),
        html.H3(Labels.CONTRACTS.format(edition=edition)),
        html.Ul(contract_items) if contract_items else html.P(Labels.CONTRACTS_NONE.format(edition=edition)),
        html.H3(Labels.ESTABLISHMENTS_EDITION.format(edition=edition)),
        html.Ul(_establishment_items(here), className="places", **{"data-edition": edition})
        if not here.empty
        else html.P(Labels.ESTABLISHMENTS_NONE_EDITION.format(edition=edition), className="places"),
        html.H3(Labels.NEAREST_EDITION.format(edition=edition)),
        create_nearest(bundle, insee, edition),
        html.P(Labels.LOCATION_NOTE, className="note"),
    ]


def create_epci_card(bundle: Bundle, siren: str, vintage: str, edition: str) -> list[object]:
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
    for each in bundle.domain.edition_keys:
        rows = contracts_for_epci(bundle, siren, each)
        names = ", ".join(contract_text(r) for _, r in rows.iterrows()) or "—"
        contracts.append(html.Li(f"{each} : {names}"))
    here = places_in(bundle, members.index, edition)
    return [
        html.H2(e["epci_nom"], className="card-title"),
        html.Dl(
            _row(Labels.COMMUNES_PERIMETER, fmt_number(len(members)))
            + _row(Labels.POPULATION, fmt_number(members["population"].sum()) + HAB),
            className="facts",
        ),
        html.H3(f"{Labels.POP_BY_ZONE} ({Labels.VINTAGE_OPTION.format(vintage=vintage)})"),
        html.Table(
            [
                html.Thead(
                    html.Tr(
                        [
                            html.Th(Labels.ZONE_SHORT),
                            html.Th(Labels.COMMUNES_PERIMETER),
                            html.Th(Labels.POPULATION),
                            html.Th(Labels.SHARE),
                        ]
                    )
                ),
                html.Tbody(zone_rows),
            ],
            className="zone-table",
        ),
        html.H3(Labels.CONTRACTS_BY_EDITION),
        html.Ul(contracts),
        html.H3(Labels.ESTABLISHMENTS_EPCI.format(edition=edition)),
        html.Ul(_establishment_items(here), className="places", **{"data-edition": edition})
        if not here.empty
        else html.P(Labels.ESTABLISHMENTS_NONE_EDITION_EPCI.format(edition=edition), className="places"),
        html.Details(
            [
                html.Summary(f"{Labels.COMMUNES_PERIMETER} ({len(members)})"),
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
