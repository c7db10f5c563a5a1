"""Coverage analytics: who is covered by which contract, and who lives in which zone.

Pure functions over the communes table (one row per commune with ``population``,
``epci_siren`` and boolean ``cls_<edition>`` / ``clsm_<edition>`` columns), so the
dashboard, the presentation and the tests share one computation.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from erbm_map.core.domain import CONTRACT_KINDS


@dataclass(frozen=True)
class Coverage:
    """Population and communes covered, out of the total considered."""

    population: int
    communes: int
    total_population: int
    total_communes: int

    @property
    def share(self) -> float:
        """Share of the population covered, 0..1."""
        return self.population / self.total_population if self.total_population else 0.0


def flag_column(kind: str, edition: str) -> str:
    """Name of the coverage column, e.g. ``cls_2024``."""
    if kind not in CONTRACT_KINDS:
        raise ValueError(f"unknown contract kind {kind!r}")
    return f"{kind}_{edition}"


def contract_flags(
    communes: pd.DataFrame, contracts: pd.DataFrame, editions: tuple[str, ...]
) -> pd.DataFrame:
    """One boolean ``<kind>_<edition>`` column per contract kind and edition, by commune.

    A contract covers the communes of the EPCI that signs it. Computed at load from
    ``sources/contracts.csv`` rather than baked into the GeoJSON, so that a new edition's
    contracts are one data change, not a rebuild.
    """
    flags = pd.DataFrame(index=communes.index)
    for kind in CONTRACT_KINDS:
        for edition in editions:
            rows = contracts[(contracts["type"].str.lower() == kind) & (contracts["edition"] == edition)]
            flags[flag_column(kind, edition)] = communes["epci_siren"].isin(rows["epci_siren"]).to_numpy()
    return flags


def coverage(communes: pd.DataFrame, kind: str, edition: str) -> Coverage:
    """Coverage of ``kind`` (cls or clsm) in ``edition`` over all the communes given."""
    covered = communes[communes[flag_column(kind, edition)].astype(bool)]
    return Coverage(
        population=int(covered["population"].sum()),
        communes=len(covered),
        total_population=int(communes["population"].sum()),
        total_communes=len(communes),
    )


def coverage_by_epci(communes: pd.DataFrame, kind: str, edition: str) -> pd.DataFrame:
    """Per EPCI: population, communes, covered population and communes, share covered."""
    flag = communes[flag_column(kind, edition)].astype(bool)
    frame = communes.assign(
        covered_population=communes["population"].where(flag, 0), covered_communes=flag.astype(int)
    )
    grouped = frame.groupby(["epci_siren", "epci_nom"], as_index=False).agg(
        population=("population", "sum"),
        communes=("population", "size"),
        covered_population=("covered_population", "sum"),
        covered_communes=("covered_communes", "sum"),
    )
    grouped["share"] = grouped["covered_population"] / grouped["population"]
    return grouped.sort_values("epci_nom", ignore_index=True)


def population_by_zone(communes: pd.DataFrame, zones: pd.Series) -> pd.DataFrame:
    """Population and communes per zone code; ``zones`` maps every INSEE code -> zone.

    The bundle's zoning covers every commune (the not-loaded marker included), so a
    commune missing from ``zones`` is a programming error, not a silent gap.
    """
    frame = communes[["population"]].assign(zone=zones.loc[communes.index])
    grouped = frame.groupby("zone", as_index=False).agg(
        population=("population", "sum"), communes=("population", "size")
    )
    grouped["share"] = grouped["population"] / grouped["population"].sum()
    return grouped.sort_values("population", ascending=False, ignore_index=True)


def coverage_summary(communes: pd.DataFrame, editions: tuple[str, ...]) -> pd.DataFrame:
    """One row per contract kind and edition: covered population and communes, out of the total.

    Columns: ``kind`` (« CLS », « CLSM »), ``edition``, ``population``, ``communes``,
    ``total_population``, ``total_communes``, ``share`` (0..1). The « Couverture » view, its
    compact summary in the figures panel and the tests read this one table.
    """
    rows = []
    for kind in CONTRACT_KINDS:
        for edition in editions:
            found = coverage(communes, kind, edition)
            rows.append(
                {
                    "kind": kind.upper(),
                    "edition": edition,
                    "population": found.population,
                    "communes": found.communes,
                    "total_population": found.total_population,
                    "total_communes": found.total_communes,
                    "share": found.share,
                }
            )
    return pd.DataFrame(rows)


def zones_by_epci(communes: pd.DataFrame, zones: pd.Series) -> pd.DataFrame:
    """Per EPCI and zone: population and communes (``zones`` maps INSEE code -> zone)."""
    frame = communes[["population", "epci_siren", "epci_nom"]].assign(zone=zones.loc[communes.index])
    return frame.groupby(["epci_nom", "zone"], as_index=False).agg(
        population=("population", "sum"), communes=("population", "size")
    )
