"""The report of one intercommunality in one view: what its card and its sheet show."""

from __future__ import annotations

import pandas as pd

from erbm_map.core.citations import data_sources
from erbm_map.core.contracts import population_by_zone
from erbm_map.core.fmt import fmt_number, fmt_share
from erbm_map.core.labels import Labels
from erbm_map.data import Bundle
from erbm_map.reports.commune import HAB
from erbm_map.reports.facts import aids_of, edition_contracts, place_facts
from erbm_map.reports.index import fact_index
from erbm_map.reports.model import Aids, EpciReport, ZoneShare


def _zone_shares(bundle: Bundle, members: pd.DataFrame, vintage: str) -> tuple[ZoneShare, ...]:
    by_zone = population_by_zone(members, bundle.zoning[vintage])
    total = by_zone["population"].sum()
    return tuple(
        ZoneShare(
            code=str(row["zone"]),
            label=str(bundle.zones.loc[row["zone"], "label"]),
            color=str(bundle.zones.loc[row["zone"], "color"]),
            communes=fmt_number(row["communes"]),
            population=fmt_number(row["population"]) + HAB,
            share=fmt_share(row["population"], total),
        )
        for _, row in by_zone.iterrows()
    )


def epci_report(bundle: Bundle, siren: str, edition: str, vintage: str) -> EpciReport:
    """Every fact about the EPCI ``siren`` in the view (``edition``, zoning ``vintage``).

    Its aids are those of the zones its communes are in (each aid once, with its zones);
    its contracts are given for every edition, its places for the view's edition only.
    """
    e = bundle.epci.loc[siren]
    members = bundle.communes[bundle.communes["epci_siren"] == siren]
    population = members["population"].sum()
    zones = _zone_shares(bundle, members, vintage)
    aided = [z.code for z in zones if z.code in bundle.domain.aided_codes]
    aids = aids_of(bundle, aided, vintage) if aided else None
    sources = tuple(data_sources(bundle.domain, vintage))
    return EpciReport(
        siren=siren,
        name=str(e["epci_nom"]),
        communes=fmt_number(len(members)),
        population=fmt_number(population) + HAB,
        share=fmt_share(population, fact_index(bundle).population),
        edition=edition,
        vintage=vintage,
        vintage_label=Labels.VINTAGE_OPTION.format(vintage=vintage),
        zones_title=Labels.SHEET_EPCI_ZONES.format(vintage=vintage),
        zones=zones,
        aids=aids if aids and aids.lines else Aids(empty=Labels.SHEET_EPCI_AIDS_NONE.value),
        contracts=tuple(
            edition_contracts(
                bundle, siren, list(members.index), each, Labels.SHEET_OTHER.format(edition=each)
            )
            for each in bundle.domain.edition_keys
        ),
        places_title=Labels.ESTABLISHMENTS_EPCI.format(edition=edition),
        places=place_facts(bundle, list(members.index), edition),
        places_empty=Labels.ESTABLISHMENTS_NONE_EDITION_EPCI.format(edition=edition),
        members=tuple(sorted(members["nom"])),
        sources=sources,
        source_line=Labels.EPCI_SOURCES.format(sources=" ; ".join(sources)),
        location_note=Labels.LOCATION_NOTE.value,
    )
