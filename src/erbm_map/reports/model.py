"""The facts of a place, already worded in French: what every surface renders and none computes.

A report is built once for a place and a view (edition, zoning vintage) by a pure function
(:mod:`erbm_map.reports.commune`, :mod:`erbm_map.reports.epci`). The card, the EPCI card, the
print sheet (HTML and PDF), the presentation's focus slide and the export's commune rows read
these fields and lay them out; they never read the bundle for a fact nor format one, so they
cannot say different things about the same place.
"""

from __future__ import annotations

from dataclasses import dataclass

from erbm_map.core.labels import Labels


@dataclass(frozen=True)
class ZoneFact:
    """The zone of a commune in one zoning vintage."""

    code: str
    label: str
    color: str
    description: str
    vintage: str
    vintage_label: str
    """« zonage en vigueur en 2025 »: the zone is never shown without its vintage."""


@dataclass(frozen=True)
class AidFact:
    """One aid as the brochure announced it: amount with unit and duration, date, brochure, source."""

    label: str
    amount: str
    """« 6 900 € brut par mois pendant 2 ans »: the unit and the duration are never dropped."""
    unit: str
    """« par mois », « par an », « en une fois »."""
    duration: str
    conditions: str
    valid_from: str
    """« 1er janvier 2020 »."""
    edition: str
    """The brochure that announced the aid."""
    wording: str
    """The brochure's own sentence."""
    source: str
    zones: tuple[str, ...] = ()
    """The zones (labels) it is announced for: set on an EPCI's aids, which span several zones."""

    @property
    def text(self) -> str:
        """« Rémunération garantie : 6 900 € brut par mois pendant 2 ans »."""
        return Labels.AID_LINE.format(label=self.label, amount=self.amount)


@dataclass(frozen=True)
class Aids:
    """The aid section of a place: the aids, or why there are none, and the notices that go with them."""

    lines: tuple[AidFact, ...] = ()
    empty: str = ""
    """Said when there is no aid (« Aucune aide du zonage régional… »)."""
    partial: str = ""
    """The partial-eligibility warning (a zone eligible only in its priority areas)."""
    announced: str = ""
    """« Montants annoncés par l'ARS … dans sa brochure <year>, applicables à partir du 1er janvier 2020. »"""
    short_notice: str = ""
    """The projector's one line: brochure, date and the advice to check with the ARS."""
    zoning: str = ""
    """Which zoning vintage the zone was read in."""
    caveats: tuple[str, ...] = ()
    """How the brochure words the aids for this zone (``aides.csv`` ``note``)."""
    source: str = ""
    check: str = ""
    """« vérifiez les aides en vigueur auprès de l'ARS »."""

    @property
    def notices(self) -> tuple[str, ...]:
        """Every sentence that must travel with the aids, in reading order."""
        return tuple(t for t in (self.announced, *self.caveats, self.source, self.check) if t)


@dataclass(frozen=True)
class ContractFact:
    """A CLS or CLSM of an edition."""

    kind: str
    text: str
    """« CLS — Contrat local de santé de … » (the label alone when it already names its type)."""
    edition: str
    source: str


@dataclass(frozen=True)
class EditionContracts:
    """The contracts of one edition, with the CPTS line and the words for none."""

    edition: str
    title: str
    contracts: tuple[ContractFact, ...]
    empty: str
    cpts: str
    cpts_source: str = ""

    @property
    def names(self) -> str:
        """« CLS — …, CLSM — … », or « — »."""
        return ", ".join(c.text for c in self.contracts) or "—"


@dataclass(frozen=True)
class PlaceFact:
    """An establishment or scheme the edition cites."""

    ident: str
    name: str
    category: str
    kind: str
    """The category as a reader says it (« établissement de santé »)."""
    commune: str
    amount: str
    """« 192 M€ — reconstruction du CH de Lens (brochure <year>) », only in the view of its edition."""
    cited: str
    """« cité dans les éditions <year> et <year> »."""
    only_this_edition: bool = False
    """Cited by the view's edition alone: a list titled with that edition need not repeat it."""
    theme: str = ""
    """The theme the place belongs to (``establishments.csv`` ``theme``), if any."""

    @property
    def text(self) -> str:
        """« Nom (catégorie) — montant »."""
        return f"{self.name} ({self.kind})" + (f" — {self.amount}" if self.amount else "")


@dataclass(frozen=True)
class NearestFact:
    """The nearest hospital among those the edition cites, town hall to town hall."""

    ident: str
    name: str
    text: str
    """« Centre hospitalier … (Lens), à 4,2 km de mairie à mairie »."""
    cited: str


@dataclass(frozen=True)
class CommuneReport:
    """Every fact a surface may show about a commune in one view."""

    insee: str
    name: str
    inhabitants: str
    """« 31 271 »: the population as a key figure shows it (``population`` adds the unit)."""
    share: str
    """« 2,3 % »: its share of the perimeter's population."""
    epci_siren: str
    epci_name: str
    edition: str
    vintage: str
    zone: ZoneFact
    aids: Aids
    contracts: EditionContracts
    places_title: str
    places: tuple[PlaceFact, ...]
    places_empty: str
    nearest_title: str
    nearest: NearestFact | None
    sources: tuple[str, ...]
    location_note: str

    @property
    def population(self) -> str:
        """« 31 271 hab. »."""
        return f"{self.inhabitants}\u202f{Labels.HAB}"

    @property
    def nearest_text(self) -> str:
        """The nearest-hospital sentence, or « — » when the edition cites no hospital."""
        return self.nearest.text if self.nearest else "—"


@dataclass(frozen=True)
class ZoneShare:
    """The communes and population of an EPCI in one zone."""

    code: str
    label: str
    color: str
    communes: str
    population: str
    share: str

    @property
    def text(self) -> str:
        """« Zone d'intervention prioritaire : 12 communes, 120 000 hab. (45 %) »."""
        return Labels.SHEET_EPCI_ZONE_ROW.format(
            zone=self.label, communes=self.communes, population=self.population, share=self.share
        )


@dataclass(frozen=True)
class EpciReport:
    """Every fact a surface may show about an intercommunality in one view."""

    siren: str
    name: str
    communes: str
    population: str
    share: str
    """« 18 % »: its share of the perimeter's population (its communes inside the perimeter)."""
    edition: str
    vintage: str
    vintage_label: str
    zones_title: str
    zones: tuple[ZoneShare, ...]
    aids: Aids
    contracts: tuple[EditionContracts, ...]
    """Every edition's contracts, oldest first: an EPCI card compares them."""
    places_title: str
    places: tuple[PlaceFact, ...]
    places_empty: str
    members: tuple[str, ...]
    sources: tuple[str, ...]
    source_line: str
    """The card's one line saying where its facts come from, with their dates."""
    location_note: str
