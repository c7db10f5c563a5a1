"""The project's vocabulary: zones, editions, establishment categories, map layers.

A zone code, an edition year or a category letter used to be written in several modules,
and whoever added one had to find every copy. Now the data files people maintain say
what exists (``sources/zones.csv``, ``sources/editions.csv``, the ``category`` rows of
``sources/symbols.csv``); this module reads them once per data directory into typed,
frozen values, and every other module asks it. The browser receives what it needs from
here too (``browser_config``, sent in the map's ``hideout``), so the JS keeps no copy.

Adding a zone or an edition is a data change: see docs/architecture.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

Eligibility = Literal["eligible", "partielle", "aucune"]
ELIGIBILITY_LEVELS: tuple[Eligibility, ...] = ("aucune", "partielle", "eligible")
#: ``role`` of the zone a commune has when a vintage file does not list it (hors zonage).
ROLE_DEFAULT = "par-defaut"
#: ``role`` of the marker for communes whose zoning is not loaded (outside the perimeter).
ROLE_NOT_LOADED = "non-charge"
#: The establishment category whose places are hospitals, for the nearest-hospital rule.
HOSPITALS = "sanitaire"
#: ``kind`` of the rows of ``sources/symbols.csv`` that define establishment categories.
CATEGORY_KIND = "category"
#: ``kind`` of the rows of ``sources/symbols.csv`` that colour the charts and printed sheets.
CHART_KIND = "chart"

ZONES_FILE = "sources/zones.csv"
EDITIONS_FILE = "sources/editions.csv"
SYMBOLS_FILE = "sources/symbols.csv"


class Layer(StrEnum):
    """The map layers, as they appear in ``?layers=``: one per establishment category too.

    The category layers carry the category keys of ``sources/symbols.csv``; the loader
    refuses a symbols file whose categories differ (a category needs its layer's label).
    """

    ZONAGE = "zonage"
    CLS = "cls"
    CLSM = "clsm"
    CPTS = "cpts"
    EPCI = "epci"
    PERIMETRE = "perimetre"
    SANITAIRE = HOSPITALS
    MEDICO_SOCIAL = "medico-social"
    DISPOSITIF = "dispositif"


#: The ``?theme=`` of the view that shows every theme (the theme selector's first option).
ALL_THEMES = "tous"

#: The contract layers, in map order: each commune carries one flag per kind and edition.
CONTRACT_KINDS: tuple[str, ...] = (Layer.CLS, Layer.CLSM)
#: ``type`` of a row of ``sources/contracts.csv``; the first two are the map's contract kinds.
CONTRACT_TYPES: tuple[str, ...] = ("CLS", "CLSM", "ASV")
#: A contract kind's ``type`` in the contracts file and its name on screen (« CLS »).
CONTRACT_TYPE_OF: Mapping[str, str] = dict(zip(CONTRACT_KINDS, CONTRACT_TYPES, strict=False))
#: ``role`` values of ``sources/zones.csv`` (empty for an ordinary zone); each non-empty one is unique.
ZONE_ROLES: tuple[str, ...] = (ROLE_DEFAULT, ROLE_NOT_LOADED)


class MapLayer(StrEnum):
    """The drawn layers of the map (one ``dl.GeoJSON`` each), as the map's rule names them.

    Not the user's ``Layer`` choices: several choices share a drawn layer (zoning and the
    communes), and the selection outlines are drawn whatever the choice.
    """

    NEIGHBOURS = "voisins"
    COMMUNES = "communes"
    CONTRACTS = "contrats"
    EPCI = "epci"
    PERIMETER = "perimetre"
    SELECTION = "selection"
    SELECTION_EPCI = "selection-epci"
    LABELS = "noms"
    ESTABLISHMENTS = "etablissements"


ALL_LAYERS: tuple[str, ...] = tuple(layer.value for layer in Layer)
DEFAULT_LAYERS: tuple[str, ...] = (Layer.ZONAGE, Layer.EPCI, Layer.PERIMETRE, Layer.SANITAIRE)
ESTABLISHMENT_LAYERS: tuple[str, ...] = (Layer.SANITAIRE, Layer.MEDICO_SOCIAL, Layer.DISPOSITIF)


@dataclass(frozen=True)
class Zone:
    """One zone of the GP zoning (a row of ``sources/zones.csv``)."""

    code: str
    label: str
    short_label: str
    description: str
    color: str
    pattern: str
    eligibility: Eligibility | Literal[""]
    role: str
    #: Folded spellings an official file may use for this zone (imports recognise them).
    spellings: tuple[str, ...]


@dataclass(frozen=True)
class Edition:
    """One brochure (a row of ``sources/editions.csv``): ``key`` is its year."""

    key: str
    label: str
    period: str
    color: str
    citation: str


@dataclass(frozen=True)
class Category:
    """One establishment category (a ``category`` row of ``sources/symbols.csv``)."""

    key: str
    letter: str
    shape: str
    color: str


@dataclass(frozen=True)
class Domain:
    """The zones, editions and categories of one data directory, in file order."""

    zones: tuple[Zone, ...]
    editions: tuple[Edition, ...]
    categories: tuple[Category, ...]
    #: Colours of the charts' and sheets' chrome by role (texte, fond, grille, contour, accent...).
    palette: dict[str, str] = field(default_factory=dict, compare=False)
    _by_code: dict[str, Zone] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {zone.code: zone for zone in self.zones})

    # ---- zones ----
    def zone(self, code: str) -> Zone:
        """The zone of a code; an unknown code is a programming error (data are validated)."""
        try:
            return self._by_code[code]
        except KeyError:
            raise ValueError(f"unknown zone code {code!r}; expected one of {sorted(self._by_code)}") from None

    @property
    def zone_codes(self) -> tuple[str, ...]:
        """Every code, the not-loaded marker included."""
        return tuple(self._by_code)

    @property
    def vintage_codes(self) -> tuple[str, ...]:
        """The codes a zoning vintage may hold (all but the not-loaded marker)."""
        return tuple(z.code for z in self.zones if z.role != ROLE_NOT_LOADED)

    @property
    def aided_codes(self) -> frozenset[str]:
        """Zones where a doctor can get aids somewhere in the commune (wholly or partly eligible)."""
        return frozenset(z.code for z in self.zones if z.eligibility in ("eligible", "partielle"))

    @property
    def default_zone(self) -> str:
        """The zone of a commune a vintage file does not list."""
        return next(z.code for z in self.zones if z.role == ROLE_DEFAULT)

    @property
    def not_loaded(self) -> str:
        """The marker of communes whose zoning is not loaded: nothing is known of them."""
        return next(z.code for z in self.zones if z.role == ROLE_NOT_LOADED)

    def eligibility(self, code: str) -> Eligibility:
        """The eligibility level of a vintage zone code."""
        level = self.zone(code).eligibility
        if not level:
            raise ValueError(f"zone {code!r} has no eligibility level: its zoning is not loaded")
        return level

    def aid_level(self, code: str) -> Eligibility:
        """What a doctor settling in a commune of this zone can claim: the card's one branch.

        The not-loaded marker, about which nothing is known, claims nothing.
        """
        return self.zone(code).eligibility or "aucune"

    def zone_by_spelling(self) -> dict[str, str]:
        """Folded spelling -> zone code, for importing official files."""
        return {spelling: z.code for z in self.zones for spelling in z.spellings}

    # ---- editions ----
    @property
    def edition_keys(self) -> tuple[str, ...]:
        """Edition years, oldest first."""
        return tuple(e.key for e in self.editions)

    @property
    def first_edition(self) -> str:
        return self.editions[0].key

    @property
    def latest_edition(self) -> str:
        """The edition shown by default: the most recent brochure."""
        return self.editions[-1].key

    def edition_label(self, key: str) -> str:
        """The label the edition control shows, or the key itself for an unknown edition."""
        return next((e.label for e in self.editions if e.key == key), key)

    def valid_edition(self, key: object) -> str:
        """``key`` when it is an edition, else the latest one (for URL and callback inputs)."""
        return key if isinstance(key, str) and key in self.edition_keys else self.latest_edition

    # ---- categories and layers ----
    @property
    def category_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.categories)

    def edition_colors(self) -> dict[str, str]:
        """Edition key -> its chart colour (older lighter; both readable on white)."""
        return {e.key: e.color for e in self.editions}

    def category(self, key: str) -> Category:
        """The category of a key; an unknown one is a programming error."""
        for category in self.categories:
            if category.key == key:
                return category
        raise ValueError(f"unknown category {key!r}; expected one of {self.category_keys}")

    def browser_config(self) -> dict[str, object]:
        """What the map's JS rule needs to know of the vocabulary (sent in each layer's hideout)."""
        return {
            "notLoaded": self.not_loaded,
            "categories": list(self.category_keys),
            "editions": list(self.edition_keys),
            "allThemes": ALL_THEMES,
            "contractTypes": dict(CONTRACT_TYPE_OF),
        }


def build_domain(
    zones: Iterable[Mapping[str, str]],
    editions: Iterable[Mapping[str, str]],
    symbols: Iterable[Mapping[str, str]],
) -> Domain:
    """Type the rows of the three vocabulary files (already validated by the loader)."""
    symbols = list(symbols)
    return Domain(
        zones=tuple(
            Zone(
                code=row["code"],
                label=row["label"],
                short_label=row["short_label"] or row["code"],
                description=row["description"],
                color=row["color"],
                pattern=row["pattern"],
                eligibility=row["eligibility"],  # type: ignore[arg-type]
                role=row["role"],
                spellings=tuple(s for s in row["spellings"].split(";") if s),
            )
            for row in zones
        ),
        editions=tuple(
            Edition(row["edition"], row["label"], row["period"], row["color"], row["citation"])
            for row in editions
        ),
        categories=tuple(
            Category(row["key"], row["letter"], row["shape"], row["color"])
            for row in symbols
            if row["kind"] == CATEGORY_KIND
        ),
        palette={row["key"]: row["color"] for row in symbols if row["kind"] == CHART_KIND},
    )
