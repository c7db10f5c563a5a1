"""The immutable bundle of everything the app shows, built once at start-up."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

import pandas as pd

from erbm_map.core.domain import Domain

EMPTY_COLLECTION = b'{"type":"FeatureCollection","features":[]}'
#: An empty ``features`` list, however the file is spaced (it comes first in our files).
_NO_FEATURES = re.compile(rb'"features"\s*:\s*\[\s*\]')


@dataclass(frozen=True)
class GeoAsset:
    """A GeoJSON file served to the browser as is, once, under a content hash."""

    raw: bytes = field(repr=False)
    etag: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "etag", hashlib.sha256(self.raw).hexdigest()[:16])

    @cached_property
    def features(self) -> list[dict]:
        """The collection's features, parsed once (the server reads them too: shared, not to mutate)."""
        return json.loads(self.raw)["features"]

    @property
    def has_features(self) -> bool:
        """Whether the collection holds a feature: a layer without any never draws."""
        return _NO_FEATURES.search(self.raw[:200]) is None


@dataclass(frozen=True)
class Bundle:
    """All tables, validated and joined. Callbacks read it; nobody mutates it.

    Frames are indexed for the look-ups callbacks make (communes by INSEE code,
    zones by code) so that no callback recomputes a join.
    """

    communes: pd.DataFrame
    """One row per commune, indexed by ``insee``: properties, bbox, nearest hospital."""
    epci: pd.DataFrame
    """One row per EPCI, indexed by ``epci_siren``: name, population, label point, bbox."""
    zoning: pd.DataFrame
    """Zone per commune (index ``insee``) and vintage (one column per vintage, oldest first)."""
    zones: pd.DataFrame
    """Zone labels, descriptions and colours, indexed by code."""
    domain: Domain
    """The vocabulary of this data directory: zones, editions, categories, layers."""
    aides: pd.DataFrame
    themes: pd.DataFrame
    """Theme slugs and labels, in display order."""
    indicators: pd.DataFrame
    contracts: pd.DataFrame
    establishments: pd.DataFrame
    """Brochure establishments and imported ones, with ``lon``/``lat`` floats (NaN if unlocated)."""
    cpts: pd.DataFrame
    communes_geojson: GeoAsset
    epci_geojson: GeoAsset
    perimeter_geojson: GeoAsset
    perimeter_name: str
    meta: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    neighbours_geojson: GeoAsset = field(default_factory=lambda: GeoAsset(EMPTY_COLLECTION))
    """Communes around the territory, drawn faint for context."""
    map_assets: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    """GeoJSON derived for the map (see :mod:`erbm_map.data.mapassets`), by served name."""
    symbols: pd.DataFrame = field(default_factory=pd.DataFrame)
    """How layers and establishment categories are drawn, indexed by key (``sources/symbols.csv``)."""
    france_names: pd.DataFrame | None = None
    """Every commune of France, by name and INSEE code, when ``communes_france.csv`` is built."""
    map_choices: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    """The map layers of each presentation chapter, by theme (``sources/presentation.csv``,
    :func:`erbm_map.data.choices.load_map_choices`): the dashboard's themes select the same."""

    @property
    def vintages(self) -> tuple[str, ...]:
        """Zoning vintages, oldest first."""
        return tuple(self.zoning.columns)

    @property
    def latest_vintage(self) -> str:
        """The vintage shown by default: the most recent one loaded."""
        return self.vintages[-1]

    @cached_property
    def theme_categories(self) -> dict[str, list[str]]:
        """Per theme, the categories that have located places of that theme.

        In a theme's view, those categories show only that theme's places (``showsEstablishment``
        in ``assets/21a-map-rule.js``, ``core.state.establishment_shown``, the kit's « Chez vous »
        lines). Derived once: the page, the map's config and each chapter read it (shared, not to
        mutate).
        """
        located = self.establishments[self.establishments["lon"].notna()]
        return {
            theme: sorted(rows["categorie"].unique())
            for theme, rows in located[located["theme"] != ""].groupby("theme")
        }

    @property
    def theme_slugs(self) -> tuple[str, ...]:
        """Theme slugs in display order."""
        return tuple(self.themes["slug"])
