"""Contracts as small multiples, and who is covered per intercommunality, in the « Couverture » tab.

A contract is signed per EPCI, so each EPCI is either covered or not: the bars that said
« 0 % » or « 100 % » for every EPCI are replaced by four small maps (each contract kind ×
each edition, titled with the population it covers) and one table per EPCI × contract ×
edition. The figures are :func:`erbm_map.core.contracts.coverage_summary`'s, not recomputed.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from dash import html

from erbm_map.charts.bars import epci_name
from erbm_map.charts.zonecharts import epci_zone_order
from erbm_map.core.contracts import CONTRACT_KINDS, coverage_by_epci, flag_column, zones_by_epci
from erbm_map.core.fmt import fmt_number, fmt_share
from erbm_map.core.labels import Labels
from erbm_map.dashboard.smallmap_routes import small_map_url
from erbm_map.data import Bundle
from erbm_map.map.smallmaps import contract_map_name, perimeter_index

#: CSS width of a small map, in pixels (``width`` attribute; the image scales down on a phone).
IMAGE_WIDTH = 320


def small_map_title(row: Mapping) -> str:
    """« CLS <edition> · 1 216 227 hab. (91 %) », from a row of ``coverage_summary``."""
    return Labels.SMALL_MAP_TITLE.format(
        kind=row["kind"],
        edition=row["edition"],
        population=fmt_number(row["population"]),
        share=fmt_share(row["population"], row["total_population"]),
    )


def _small_map(bundle: Bundle, row: Mapping, caption: str) -> html.Figure:
    kind, edition = str(row["kind"]).lower(), str(row["edition"])
    alt = Labels.SMALL_MAP_ALT.format(
        kind=row["kind"],
        edition=edition,
        communes=fmt_number(row["communes"]),
        total=fmt_number(row["total_communes"]),
    )
    return html.Figure(
        [
            html.Figcaption(
                [
                    html.Span(small_map_title(row), className="small-map-title"),
                    *([html.Span(caption, className="small-map-note")] if caption else []),
                ]
            ),
            html.Img(
                src=small_map_url(bundle, contract_map_name(kind, edition)),
                alt=alt,
                width=IMAGE_WIDTH,
                className="small-map-image",
            ),
        ],
        className="small-map",
        **{"data-kind": row["kind"], "data-edition": edition, "data-communes": str(row["communes"])},
    )


def create_contract_maps(
    bundle: Bundle, summary: pd.DataFrame, captions: Mapping[tuple[str, str], str]
) -> html.Section:
    """Four small maps (each kind × each edition) in the summary's order, with their captions.

    ``captions`` maps (kind, edition) to what the reader must know of that list: what its
    edition counts (« signés ou en cours d'élaboration ») and any uncertain reading.
    """
    maps = [
        _small_map(bundle, row, captions.get((str(row["kind"]).lower(), str(row["edition"])), ""))
        for _, row in summary.iterrows()
    ]
    return html.Section(
        [
            html.H3(Labels.SMALL_MAPS_TITLE),
            html.P(Labels.SMALL_MAPS_LEGEND, className="note"),
            html.Div(maps, className="small-maps"),
        ],
        className="small-maps-block",
        **{"data-chart": "contract-maps"},
    )


def epci_contracts(bundle: Bundle, vintage: str) -> pd.DataFrame:
    """One row per EPCI (most fragile first, as the zone chart), one column per (kind, edition).

    Columns are named as the coverage flags (``core/contracts.flag_column``); a cell is the number
    of the EPCI's communes of the perimeter that the contract covers; ``communes`` is how many
    of its communes are in the perimeter.
    """
    communes = bundle.communes.loc[perimeter_index(bundle)]
    order = epci_zone_order(zones_by_epci(communes, bundle.zoning[vintage]), bundle.zones)
    columns = {
        flag_column(kind, edition): coverage_by_epci(communes, kind, edition).set_index("epci_nom")
        for kind in CONTRACT_KINDS
        for edition in bundle.domain.edition_keys
    }
    frame = pd.DataFrame({name: by_epci["covered_communes"].astype(int) for name, by_epci in columns.items()})
    frame["communes"] = next(iter(columns.values()))["communes"].astype(int)
    return frame.loc[order]


def _status(covered: int, communes: int) -> tuple[str, str]:
    """(text, data value) of a cell: covered, not covered, or partly (some communes only)."""
    if covered == 0:
        return Labels.NO, "non"
    if covered == communes:
        return Labels.YES, "oui"
    return Labels.EPCI_PARTLY_COVERED.format(
        covered=fmt_number(covered), communes=fmt_number(communes)
    ), "partiel"


def create_epci_contract_table(bundle: Bundle, vintage: str, partial: frozenset[str]) -> html.Div:
    """The table of :func:`epci_contracts`: a header row per kind, then one per edition."""
    frame = epci_contracts(bundle, vintage)
    editions = bundle.domain.edition_keys
    kinds_row = html.Tr(
        [
            html.Th(Labels.EPCI, rowSpan=2, scope="col"),
            *(html.Th(kind.upper(), colSpan=len(editions), scope="colgroup") for kind in CONTRACT_KINDS),
        ]
    )
    editions_row = html.Tr([html.Th(edition, scope="col") for _ in CONTRACT_KINDS for edition in editions])
    body = []
    for name, row in frame.iterrows():
        cells = []
        for kind in CONTRACT_KINDS:
            for edition in editions:
                text, value = _status(int(row[flag_column(kind, edition)]), int(row["communes"]))
                cells.append(
                    html.Td(
                        text,
                        className=f"covered-{value}",
                        **{"data-kind": kind, "data-edition": edition, "data-covered": value},
                    )
                )
        body.append(html.Tr([html.Th(epci_name(str(name), name in partial), scope="row"), *cells]))
    return html.Div(
        html.Table(
            [
                html.Caption(Labels.EPCI_CONTRACTS_CAPTION.format(vintage=vintage)),
                html.Thead([kinds_row, editions_row]),
                html.Tbody(body),
            ],
            className="zone-table epci-contracts",
        ),
        className="transition-scroll",
        **{"data-chart": "epci-contracts"},
    )
