"""What the one-page sheet of a commune or an EPCI says: one content model, two renderers.

:func:`build_sheet` lays the place's report (:mod:`erbm_map.reports`) out as the blocks of a
:class:`Sheet`, plain text it does not compute;
``sheet_html`` lays it out for the browser (print CSS, A4) and ``sheet_pdf`` for the PDF
download. Neither renderer looks anything up, so the two outputs cannot disagree.
"""

from __future__ import annotations

import datetime as dt

from erbm_map.core.fmt import fmt_date
from erbm_map.core.labels import Labels
from erbm_map.core.state import ViewState
from erbm_map.data import Bundle
from erbm_map.printouts.print_model import Block, Line, Sheet, Zone
from erbm_map.reports import commune_report, epci_report
from erbm_map.reports.model import Aids, CommuneReport, EditionContracts, EpciReport, PlaceFact


def _aids_block(aids: Aids, title: str = Labels.AIDS) -> Block:
    """The aids with their unit and duration; date, brochure's wording, source and advice below.

    A commune's sheet gives each aid's conditions; an EPCI's, which lists the aids of several
    zones on the same page as its contracts and places, gives the zones instead, and says the
    brochure, the date and the advice to check in the projector's one line.
    """
    lines = tuple(
        Line(f"{', '.join(a.zones)} — {a.text}") if a.zones else Line(a.text, a.conditions)
        for a in aids.lines
    )
    if aids.partial:
        lines = (Line(aids.partial), *lines)
    many = any(a.zones for a in aids.lines)
    notices = (aids.short_notice, *aids.caveats, aids.source) if many else aids.notices
    return Block("aids", title, lines, empty=aids.empty, sources=notices)


def _contracts_block(editions: tuple[EditionContracts, ...], title: str) -> Block:
    lines, sources = [], []
    for each in editions:
        cited = Labels.SHEET_CITED.format(editions=each.edition)
        lines += [Line(c.text, cited) for c in each.contracts]
        if not each.contracts:
            lines.append(Line(each.empty))
        lines.append(Line(each.cpts))
        sources += [c.source for c in each.contracts] + ([each.cpts_source] if each.cpts_source else [])
    # One paragraph for the sources: several brochures' sections, said in one breath.
    cited = Labels.AIDS_SOURCE.format(source=" ; ".join(dict.fromkeys(sources))) if sources else ""
    return Block("contracts", title, tuple(lines), sources=(cited,) if cited else ())


def _places_block(title: str, places: tuple[PlaceFact, ...], empty: str) -> Block:
    lines = tuple(Line(p.text, "" if p.only_this_edition else p.cited) for p in places)
    return Block("establishments", title, lines, empty)


def _commune_sheet(report: CommuneReport) -> tuple:
    facts = (
        (Labels.INSEE, report.insee),
        (Labels.POPULATION, report.population),
        (Labels.EPCI, report.epci_name),
    )
    nearest = report.nearest
    blocks = (
        _aids_block(report.aids),
        _contracts_block((report.contracts,), report.contracts.title),
        _places_block(report.places_title, report.places, report.places_empty),
        Block("nearest", report.nearest_title, (Line(nearest.text, nearest.cited),) if nearest else (), "—"),
    )
    zone = report.zone
    badge = Zone(zone.code, zone.label, zone.color, zone.vintage, zone.description)
    return Labels.COMMUNE_CARD, report.name, facts, badge, blocks


def _epci_sheet(report: EpciReport) -> tuple:
    facts = ((Labels.COMMUNES, report.communes), (Labels.POPULATION, report.population))
    blocks = (
        Block("zones", report.zones_title, tuple(Line(z.text) for z in report.zones)),
        _aids_block(report.aids, Labels.SHEET_EPCI_AIDS),
        _contracts_block(report.contracts, Labels.CONTRACTS_BY_EDITION),
        _places_block(report.places_title, report.places, report.places_empty),
    )
    return Labels.EPCI_CARD, report.name, facts, None, blocks


def build_sheet(bundle: Bundle, state: ViewState, permalink: str, today: dt.date | None = None) -> Sheet:
    """The sheet of the selected commune, else of the selected EPCI (``state`` names one)."""
    vintage = state.vintage or bundle.latest_vintage
    state = state.with_(edition=bundle.domain.valid_edition(state.edition))
    if state.commune in bundle.communes.index:
        kind, slug = "commune", state.commune
        report: CommuneReport | EpciReport = commune_report(bundle, state.commune, state.edition, vintage)
        heading, name, facts, zone, blocks = _commune_sheet(report)
    elif state.epci in bundle.epci.index:
        kind, slug = "epci", state.epci
        report = epci_report(bundle, state.epci, state.edition, vintage)
        heading, name, facts, zone, blocks = _epci_sheet(report)
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
        sources=(*report.sources, report.location_note),
        accent=bundle.domain.palette["accent"],
        muted=bundle.domain.palette["contour"],
        permalink=permalink,
        issued=Labels.SHEET_ISSUED.format(date=fmt_date(today or dt.date.today())),
        map_alt=(Labels.SHEET_MAP_ALT if kind == "commune" else Labels.SHEET_MAP_ALT_EPCI).format(
            name=name, vintage=vintage
        ),
    )
