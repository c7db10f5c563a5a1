"""The report of one commune in one view: the facts its card, sheet, slide and export row show."""

from __future__ import annotations

from erbm_map.core.citations import data_sources
from erbm_map.core.fmt import fmt_number, fmt_share
from erbm_map.core.labels import Labels
from erbm_map.data import Bundle
from erbm_map.reports.facts import aids_of, edition_contracts, nearest_fact, place_facts
from erbm_map.reports.index import fact_index
from erbm_map.reports.model import CommuneReport, ZoneFact

HAB = f"\u202f{Labels.HAB}"


def zone_fact(bundle: Bundle, code: str, vintage: str) -> ZoneFact:
    """A zone with the vintage it was read in."""
    zone = fact_index(bundle).zones[code]
    return ZoneFact(
        code=code,
        label=str(zone["label"]),
        color=str(zone["color"]),
        description=str(zone["description"]),
        vintage=vintage,
        vintage_label=Labels.VINTAGE_OPTION.format(vintage=vintage),
    )


def commune_report(bundle: Bundle, insee: str, edition: str, vintage: str) -> CommuneReport:
    """Every fact about the commune ``insee`` in the view (``edition``, zoning ``vintage``).

    Pure: the same bundle and view give the same report, which every surface renders.
    """
    c = fact_index(bundle).communes[insee]
    code = str(bundle.zoning.at[insee, vintage])
    siren = str(c["epci_siren"])
    return CommuneReport(
        insee=insee,
        name=str(c["nom"]),
        inhabitants=fmt_number(c["population"]),
        share=fmt_share(c["population"], fact_index(bundle).population),
        epci_siren=siren,
        epci_name=str(c["epci_nom"]),
        edition=edition,
        vintage=vintage,
        zone=zone_fact(bundle, code, vintage),
        aids=aids_of(bundle, [code], vintage),
        contracts=edition_contracts(
            bundle, siren, [insee], edition, Labels.CONTRACTS.format(edition=edition)
        ),
        places_title=Labels.ESTABLISHMENTS_EDITION.format(edition=edition),
        places=place_facts(bundle, [insee], edition),
        places_empty=Labels.ESTABLISHMENTS_NONE_EDITION.format(edition=edition),
        nearest_title=Labels.NEAREST_EDITION.format(edition=edition),
        nearest=nearest_fact(bundle, insee, edition),
        sources=tuple(data_sources(bundle.domain, vintage)),
        location_note=Labels.LOCATION_NOTE.value,
    )
