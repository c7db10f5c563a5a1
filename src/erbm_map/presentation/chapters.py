"""The chapters of a presentation, built from the data: nothing here is written prose.

``build_chapters`` is a pure function of the bundle (and of the map choices file):
an introduction counted from the communes table, one chapter per theme that has
figures, an optional focus on one commune, and a closing chapter computed from the
figures printed in both editions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from erbm_map.core.domain import Layer
from erbm_map.core.fmt import fmt_number
from erbm_map.core.labels import LAYER_LABELS
from erbm_map.dashboard.layout.aids import announcing_editions
from erbm_map.data import Bundle
from erbm_map.data.choices import (
    COMMUNE,
    DEFAULT_CHOICE,
    INTRODUCTION,
    MapChoice,
)
from erbm_map.presentation.deck_figures import (
    Change,
    FigureValue,
    KeyFigure,
    brochure_of,
    changes,
    cite,
    theme_figures,
)
from erbm_map.presentation.deck_labels import PresentationLabels as L

#: The 2019 brochure's own count of communes, which the introduction sets against the data's.
BROCHURE_COMMUNES_STEM = "communes-bassin-minier"


class ChapterKind(StrEnum):
    """What a chapter shows; the CSS and the JS switch layouts on it."""

    INTRO = "introduction"
    THEME = "theme"
    COMMUNE = "commune"
    CLOSING = "bilan"


@dataclass(frozen=True)
class Chapter:
    """One screen of the presentation."""

    slug: str
    kind: ChapterKind
    title: str
    layers: tuple[str, ...] = ()
    figures: tuple[KeyFigure, ...] = ()
    changes: tuple[Change, ...] = ()
    commune: str = ""
    note: str = ""
    sources: tuple[str, ...] = ()
    map_source: str = ""
    home: str = ""
    """« Chez vous » in a place's kit (``presentation/athome.py``); empty in the served deck."""

    @property
    def has_map(self) -> bool:
        """The closing table needs the whole width; every other chapter has a map."""
        return self.kind is not ChapterKind.CLOSING


def _counted(label: str, value: float) -> KeyFigure:
    return KeyFigure(stem=label, label=label, values=(FigureValue("", "", fmt_number(value)),))


def _map(bundle: Bundle, choice: MapChoice) -> tuple[tuple[str, ...], str]:
    """Layers to show and the line that credits them; an empty CPTS layer is neither shown nor cited."""
    layers = tuple(layer for layer in choice.layers if layer != Layer.CPTS or not bundle.cpts.empty)
    names = ", ".join(LAYER_LABELS[layer] for layer in layers)
    return layers, L.MAP_SOURCE.format(layers=names, choice=choice.source or L.MAP_DEFAULT_CHOICE)


def _introduction(bundle: Bundle, choice: MapChoice) -> Chapter:
    count = len(bundle.communes)
    figures = (
        _counted(L.INTRO_COMMUNES, count),
        _counted(L.INTRO_POPULATION, bundle.communes["population"].sum()),
        _counted(L.INTRO_EPCI, len(bundle.epci)),
    )
    sources: list[str] = [L.INTRO_SOURCES]
    note = ""
    indicators = bundle.indicators
    brochure = indicators[indicators["stem"] == BROCHURE_COMMUNES_STEM]
    if not brochure.empty and int(brochure.iloc[0]["value"]) != count:
        note = L.INTRO_BROCHURE.format(
            edition=brochure.iloc[0]["edition"],
            brochure=fmt_number(brochure.iloc[0]["value"]),
            count=fmt_number(count),
        )
        sources.append(str(brochure.iloc[0]["source"]))
    layers, map_source = _map(bundle, choice)
    return Chapter(
        slug=INTRODUCTION,
        kind=ChapterKind.INTRO,
        title=L.INTRO_TITLE,
        layers=layers,
        figures=figures,
        note=note,
        sources=tuple(sources),
        map_source=map_source,
    )


def _commune(bundle: Bundle, insee: str, choice: MapChoice) -> Chapter:
    layers, map_source = _map(bundle, choice)
    return Chapter(
        slug=COMMUNE,
        kind=ChapterKind.COMMUNE,
        title=L.COMMUNE_TITLE.format(name=bundle.communes.at[insee, "nom"]),
        layers=layers,
        commune=insee,
        sources=(
            L.COMMUNE_SOURCES.format(
                vintage=bundle.latest_vintage,
                aids=announcing_editions(bundle.aides["edition"]),
                editions=" et ".join(bundle.domain.edition_keys),
            ),
        ),
        map_source=map_source,
    )


#: Rows of « mesures différentes » per chapter: each carries its reason, so few fit on a slide.
DIFFERENT_PER_CHAPTER = 5


def _closing(bundle: Bundle) -> list[Chapter]:
    """Pairs that do not compare (a few per chapter, each with its reason), then what changed.

    The last chapter (« bilan ») holds only the pairs that measure the same thing in both
    editions: they alone have a change (``core/pairs.judge``).
    """
    found = changes(bundle)
    brochures = dict.fromkeys(brochure_of(s) for change in found for s in change.sources)
    sources = (L.CLOSING_SOURCES.format(sources=" ; ".join(brochures)),)
    different = [change for change in found if not change.comparable]
    chunks = [
        tuple(different[i : i + DIFFERENT_PER_CHAPTER])
        for i in range(0, len(different), DIFFERENT_PER_CHAPTER)
    ]
    chapters = [
        Chapter(
            slug=f"mesures-differentes-{number}",
            kind=ChapterKind.CLOSING,
            title=L.DIFFERENT_TITLE.format(number=number, total=len(chunks)),
            changes=chunk,
            sources=sources,
        )
        for number, chunk in enumerate(chunks, start=1)
    ]
    chapters.append(
        Chapter(
            slug=ChapterKind.CLOSING.value,
            kind=ChapterKind.CLOSING,
            title=L.CLOSING_TITLE.format(
                first=bundle.domain.first_edition, latest=bundle.domain.latest_edition
            ),
            changes=tuple(change for change in found if change.comparable),
            note=L.CLOSING_SEE_DIFFERENT.format(count=len(different)) if different else "",
            sources=sources,
        )
    )
    return chapters


def build_chapters(
    bundle: Bundle, commune: str | None = None, *, choices: Mapping[str, MapChoice] | None = None
) -> list[Chapter]:
    """Introduction, focus commune (if ``commune`` is a known INSEE code), themes, closing.

    ``choices`` maps a theme (or ``introduction`` / ``commune``) to its map layers;
    by default the bundle's (``sources/presentation.csv``, read by the loader).
    """
    if choices is None:
        choices = bundle.map_choices
    chapters = [_introduction(bundle, choices.get(INTRODUCTION, DEFAULT_CHOICE))]
    if commune and commune in bundle.communes.index:
        chapters.append(_commune(bundle, commune, choices.get(COMMUNE, DEFAULT_CHOICE)))
    for slug, label in zip(bundle.themes["slug"], bundle.themes["label"], strict=True):
        figures = theme_figures(bundle, slug)
        if not figures:
            continue
        layers, map_source = _map(bundle, choices.get(slug, DEFAULT_CHOICE))
        chapters.append(
            Chapter(
                slug=slug,
                kind=ChapterKind.THEME,
                title=str(label),
                layers=layers,
                figures=figures,
                sources=cite(s for figure in figures for s in figure.sources),
                map_source=map_source,
            )
        )
    chapters.extend(_closing(bundle))
    return chapters
