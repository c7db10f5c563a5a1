"""What the one-page sheet of a commune or an EPCI says: one content model, two renderers.

:func:`build_sheet` gathers every fact of the sheet as plain text in a :class:`Sheet`;
``sheet_html`` lays it out for the browser (print CSS, A4) and ``sheet_pdf`` for the PDF
download. Neither renderer looks anything up, so the two outputs cannot disagree.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from erbm_map.citations import data_sources
from erbm_map.coverage import population_by_zone
from erbm_map.data import Bundle
from erbm_map.fmt import fmt_eur, fmt_km, fmt_number, fmt_share, fmt_value
from erbm_map.labels import CATEGORY_NAMES, Labels
from erbm_map.layout.cards import contracts_for_epci
from erbm_map.printouts.aids import aid_block
from erbm_map.printouts.model import Block, Line, Sheet, Zone
from erbm_map.state import ViewState

HAB = f"\u202f{Labels.HAB}"


def _cited(editions: str) -> str:
    values = [e for e in str(editions or "").split(";") if e]
    if not values:
        return Labels.SHEET_CITED_NONE
    label = Labels.SHEET_CITED if len(values) == 1 else Labels.SHEET_CITED_BOTH
    return label.format(editions=f" {Labels.AND} ".join(values))


def category_label(category: str) -> str:
    """« établissement de santé » for ``sanitaire``: the category as a reader says it."""
    return CATEGORY_NAMES.get(category, category)


def _establishment_lines(rows: pd.DataFrame) -> tuple[Line, ...]:
    lines = []
    for _, row in rows.sort_values(["categorie", "nom"]).iterrows():
        amount = f" — {fmt_eur(row['montant_eur'])}" if pd.notna(row["montant_eur"]) else ""
        text = f"{row['nom']} ({category_label(row['categorie'])}){amount}"
        lines.append(Line(text, _cited(row["editions"])))
    return tuple(lines)


def _establishments_block(rows: pd.DataFrame, title: str = Labels.ESTABLISHMENTS) -> Block:
    return Block("establishments", title, _establishment_lines(rows), Labels.ESTABLISHMENTS_NONE)


def _cpts_line(bundle: Bundle, insee: list[str], edition: str) -> Line:
    """The CPTS covering the place, or plainly that no perimeter is published, with the brochure's count."""
    names = sorted(set(bundle.cpts.loc[bundle.cpts["insee"].isin(insee), "cpts_nom"]))
    if names:
        return Line(f"{Labels.SHEET_CPTS} : {', '.join(names)}")
    i = bundle.indicators
    count = i[(i["stem"] == "cpts") & (i["edition"] == edition)]
    if count.empty:
        return Line(Labels.SHEET_CPTS_NO_COUNT)
    row = count.iloc[0]
    value = " ".join(p for p in (row["qualifier"], fmt_value(row["value"], row["unit"])) if p)
    return Line(Labels.SHEET_CPTS_NONE.format(edition=edition, count=value), row["source"])


def _contracts_block(bundle: Bundle, siren: str, insee: list[str], editions: tuple[str, ...]) -> Block:
    lines, sources = [], []
    for edition in editions:
        for _, row in contracts_for_epci(bundle, siren, edition).iterrows():
            lines.append(Line(f"{row['type']} — {row['label']}", Labels.SHEET_CITED.format(editions=edition)))
            sources.append(row["source"])
        cpts = _cpts_line(bundle, insee, edition)
        lines.append(Line(cpts.text, ""))
        if cpts.note:
            sources.append(cpts.note)
    title = (
        Labels.CONTRACTS.format(edition=editions[0]) if len(editions) == 1 else Labels.CONTRACTS_BY_EDITION
    )
    return Block("contracts", title, tuple(lines), sources=tuple(dict.fromkeys(sources)))


def _nearest_block(bundle: Bundle, insee: str) -> Block:
    c = bundle.communes.loc[insee]
    ident = c.get("nearest_hospital", "")
    match = bundle.establishments[bundle.establishments["id"] == ident] if ident else pd.DataFrame()
    if match.empty:
        return Block("nearest", Labels.NEAREST, empty="—")
    nearest = match.iloc[0]
    if nearest["insee"] == insee:
        text = Labels.NEAREST_HERE.format(name=nearest["nom"])
    else:
        text = Labels.NEAREST_VALUE.format(
            name=nearest["nom"], commune=nearest["commune"], distance=fmt_km(c["nearest_hospital_km"])
        )
    return Block("nearest", Labels.NEAREST, (Line(text, _cited(nearest["editions"])),))


def _commune_sheet(bundle: Bundle, state: ViewState, vintage: str) -> tuple:
    c = bundle.communes.loc[state.commune]
    code = str(bundle.zoning.at[state.commune, vintage])
    zone = bundle.zones.loc[code]
    facts = (
        (Labels.INSEE, state.commune),
        (Labels.POPULATION, fmt_number(c["population"]) + HAB),
        (Labels.EPCI, str(c["epci_nom"])),
    )
    aids = aid_block(bundle, [code])
    level = bundle.domain.aid_level(code)
    if level == "partielle":
        aids = Block("aids", aids.title, (Line(Labels.AIDS_PARTIAL), *aids.lines), sources=aids.sources)
    elif level == "aucune":
        aids = Block("aids", aids.title, empty=Labels.AIDS_NONE)
    here = bundle.establishments[bundle.establishments["insee"] == state.commune]
    blocks = (
        aids,
        _contracts_block(bundle, str(c["epci_siren"]), [state.commune], (state.edition,)),
        _establishments_block(here),
        _nearest_block(bundle, state.commune),
    )
    badge = Zone(code, str(zone["label"]), str(zone["color"]), vintage, str(zone["description"]))
    return Labels.COMMUNE_CARD, str(c["nom"]), facts, badge, blocks


def _epci_sheet(bundle: Bundle, state: ViewState, vintage: str) -> tuple:
    e = bundle.epci.loc[state.epci]
    members = bundle.communes[bundle.communes["epci_siren"] == state.epci]
    by_zone = population_by_zone(members, bundle.zoning[vintage])
    total = by_zone["population"].sum()
    zone_lines = tuple(
        Line(
            Labels.SHEET_EPCI_ZONE_ROW.format(
                zone=bundle.zones.loc[row["zone"], "label"],
                communes=fmt_number(row["communes"]),
                population=fmt_number(row["population"]) + HAB,
                share=fmt_share(row["population"], total),
            )
        )
        for _, row in by_zone.iterrows()
    )
    facts = (
        (Labels.COMMUNES, fmt_number(len(members))),
        (Labels.POPULATION, fmt_number(members["population"].sum()) + HAB),
    )
    zones = [z for z in by_zone["zone"] if z in bundle.domain.aided_codes]
    here = bundle.establishments[bundle.establishments["insee"].isin(members.index)]
    blocks = (
        Block("zones", Labels.SHEET_EPCI_ZONES.format(vintage=vintage), zone_lines),
        aid_block(bundle, zones, title=Labels.SHEET_EPCI_AIDS, empty=Labels.SHEET_EPCI_AIDS_NONE),
        _contracts_block(bundle, state.epci, list(members.index), bundle.domain.edition_keys),
        _establishments_block(here, Labels.SHEET_EPCI_ESTABLISHMENTS),
    )
    return Labels.EPCI_CARD, str(e["epci_nom"]), facts, None, blocks


def build_sheet(bundle: Bundle, state: ViewState, permalink: str, today: dt.date | None = None) -> Sheet:
    """The sheet of the selected commune, else of the selected EPCI (``state`` names one)."""
    vintage = state.vintage or bundle.latest_vintage
    state = state.with_(edition=bundle.domain.valid_edition(state.edition))
    if state.commune in bundle.communes.index:
        kind, slug = "commune", state.commune
        heading, name, facts, zone, blocks = _commune_sheet(bundle, state, vintage)
    elif state.epci in bundle.epci.index:
        kind, slug = "epci", state.epci
        heading, name, facts, zone, blocks = _epci_sheet(bundle, state, vintage)
    else:
        raise ValueError("the sheet needs a commune or an EPCI")
    return Sheet(
        kind=kind,
        heading=heading,
        name=name,
        slug=slug,
        facts=facts,
        zone=zone,
        blocks=blocks,
        sources=(*data_sources(bundle.domain, vintage), Labels.LOCATION_NOTE),
        accent=bundle.domain.palette["accent"],
        muted=bundle.domain.palette["contour"],
        permalink=permalink,
        issued=Labels.SHEET_ISSUED.format(date=(today or dt.date.today()).strftime("%d/%m/%Y")),
        map_alt=(Labels.SHEET_MAP_ALT if kind == "commune" else Labels.SHEET_MAP_ALT_EPCI).format(
            name=name, vintage=vintage
        ),
    )
