"""« Chez vous »: what each chapter of a place's kit says about that place, from its report.

A deck made for one commune or intercommunality (``--commune``, ``--epci``) gives every
chapter one short line about the place. The line states what the chapter's MAP shows there,
so it follows from the chapter's layers and needs no per-chapter prose: the zoning layer
gives the zone and aids, a contract layer the contracts, an establishment layer the places
the edition cites there (and the nearest hospital), the outlines alone the population. Every
phrase is a field of the place's report (:mod:`erbm_map.reports`), never reworded here, so
the slide says what the card and the A4 sheet say.
"""

from __future__ import annotations

from collections.abc import Mapping

from erbm_map.core.domain import ESTABLISHMENT_LAYERS, Layer
from erbm_map.core.state import ViewState, category_shown
from erbm_map.presentation.chapters import Chapter, ChapterKind
from erbm_map.presentation.deck_labels import PresentationLabels as L
from erbm_map.reports.model import CommuneReport, EpciReport, PlaceFact

Report = CommuneReport | EpciReport
CONTRACT_LAYERS = (Layer.CLS, Layer.CLSM, Layer.CPTS)
#: Places named on one line; the rest are counted (« … et 3 autres »), as on the focus slide.
MAX_PLACES = 4


def _zone(report: Report) -> str:
    if isinstance(report, CommuneReport):
        zone = f"{report.zone.label} ({report.zone.vintage_label})"
    else:
        zone = f"{report.zones_title} : " + " ; ".join(share.text for share in report.zones)
    aids = report.aids.short_notice if report.aids.lines else report.aids.empty
    return f"{zone}. {aids}" if aids else f"{zone}."


def _contracts(report: Report) -> str:
    editions = (report.contracts,) if isinstance(report, CommuneReport) else report.contracts
    lines = [f"{each.title} : {each.names if each.contracts else each.empty}" for each in editions]
    last = editions[-1]
    if last.cpts:
        lines.append(last.cpts)
    return " ; ".join(lines) + "."


def _shown(place: PlaceFact, categories: set[str], theme: str, themed: Mapping[str, list[str]]) -> bool:
    """The map's own choice of places (``core.state.category_shown``).

    A report's places are of its edition already.
    """
    view = ViewState(theme=theme, layers=tuple(categories))
    return category_shown(place.category, place.theme, view, themed)


def _places(report: Report, categories: set[str], theme: str, themed: Mapping[str, list[str]]) -> str:
    places = [place.text for place in report.places if _shown(place, categories, theme, themed)]
    if len(places) > MAX_PLACES:
        places = [*places[:MAX_PLACES], L.COMMUNE_MORE.format(count=len(places) - MAX_PLACES)]
    if places:
        text = f"{report.places_title} : " + " ; ".join(places) + "."
    else:
        text = L.HOME_NO_PLACES.format(name=report.name, edition=report.edition)
    if isinstance(report, CommuneReport) and Layer.SANITAIRE in categories:
        text += f" {report.nearest_title} : {report.nearest_text}."
    return text


def _population(report: Report) -> str:
    population = report.population
    return L.HOME_POPULATION.format(population=population, share=report.share)


def home_line(report: Report, chapter: Chapter, themed: Mapping[str, list[str]]) -> str:
    """The chapter's « Chez vous » line for the place, or the sentence that says it has none.

    ``themed`` is the map's theme categories (``Bundle.theme_categories``).
    """
    layers = set(chapter.layers)
    categories = layers & set(ESTABLISHMENT_LAYERS)
    parts: list[str] = []
    if Layer.ZONAGE in layers:
        parts.append(_zone(report))
    if layers & set(CONTRACT_LAYERS):
        parts.append(_contracts(report))
    if categories:
        theme = chapter.slug if chapter.kind is ChapterKind.THEME else ""
        parts.append(_places(report, categories, theme, themed))
    if not parts and chapter.has_map:
        parts.append(_population(report))
    if not parts:
        return L.HOME_NOTHING.format(name=report.name)
    return L.HOME_PREFIX.format(name=report.name) + " ".join(parts)
