"""The chapters of a presentation, built from the data: nothing here is written prose.

``build_chapters`` is a pure function of the bundle (and of the map choices file):
an introduction counted from the communes table, one chapter per theme that has
figures, an optional focus on one commune, a closing chapter computed from the
figures that compare between editions, and one appendix of those that do not.

A title states the chapter's message, made of its own figures (« 934 M€ d'investissement
dans 23 établissements de santé (brochure 2024) »); the theme's name rides above it as
the kicker, so the room still knows where it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from erbm_map.core.domain import ESTABLISHMENT_LAYERS, Layer
from erbm_map.core.fmt import fmt_number
from erbm_map.core.labels import LAYER_LABELS
from erbm_map.core.state import ViewState, establishment_shown
from erbm_map.dashboard.layout.aids import announcing_editions
from erbm_map.data import Bundle
from erbm_map.data.choices import (
    COMMUNE,
    DEFAULT_CHOICE,
    INTRODUCTION,
    MapChoice,
)
from erbm_map.map.leafletmap import located_places
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
    APPENDIX = "annexe"


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
    kicker: str = ""
    """The theme (or part) the title belongs to, set small above it."""
    home: str = ""
    """« Chez vous » in a place's kit (``presentation/athome.py``); empty in the served deck."""

    @property
    def has_map(self) -> bool:
        """The closing slope and the appendix need the whole width; every other chapter has a map."""
        return self.kind not in (ChapterKind.CLOSING, ChapterKind.APPENDIX)


#: A message title longer than this takes a third line at 1280×720: a shorter figure leads instead.
TITLE_CHARS = 110
#: A change's sentence says two dates more; it may run a little longer and still keep two lines.
CHANGE_TITLE_CHARS = 140


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _moved(figure: KeyFigure) -> bool:
    """A pair that compares and changed: the strongest message a theme has."""
    return len(figure.values) > 1 and figure.comparable and figure.values[0].full != figure.values[-1].full


def figure_message(figure: KeyFigure) -> str:
    """One figure as a sentence: its latest value, its label, and its change or its edition.

    A change is said only for a pair that compares (« : +63 % entre 2019 et 2024 »); any other
    value keeps its date, from the label when it says the year or from its brochure.
    """
    value = figure.values[-1]
    text = f"{value.full} {value.label or figure.label}"
    if _moved(figure):
        text += L.TITLE_CHANGE.format(
            change=figure.comparison, first=figure.values[0].edition, latest=value.edition
        )
    elif value.edition and value.edition not in text:
        text += L.TITLE_EDITION.format(edition=value.edition)
    return _capital(text)


def message_title(figures: tuple[KeyFigure, ...]) -> str:
    """The chapter's message: a figure that moved first, else the first (in rank order) that fits.

    A change is the strongest message a theme has, so it may take the longer ``CHANGE_TITLE_CHARS``.
    """
    for figure in sorted(figures, key=lambda figure: not _moved(figure)):
        message = figure_message(figure)
        if len(message) <= (CHANGE_TITLE_CHARS if _moved(figure) else TITLE_CHARS):
            return message
    return min((figure_message(figure) for figure in figures), key=len)


def _counted(label: str, value: float) -> KeyFigure:
    return KeyFigure(stem=label, label=label, values=(FigureValue("", "", fmt_number(value)),))


def draws_points(bundle: Bundle, layer: str, theme: str = "") -> bool:
    """Whether the chapter's map draws a point of an establishment layer.

    The map's own rule (``core.state.establishment_shown``) over the map's own places, in the
    latest edition: a slide whose only point is of 2019 would otherwise list a marker it does
    not draw, and one whose points were all imported (every edition) would leave them out.
    """
    if layer not in ESTABLISHMENT_LAYERS:
        return True
    state = ViewState(edition=bundle.domain.latest_edition, theme=theme, layers=(layer,))
    themed = bundle.theme_categories
    return any(establishment_shown(f["properties"], state, themed) for f in located_places(bundle))


def _map(bundle: Bundle, choice: MapChoice, theme: str = "") -> tuple[tuple[str, ...], str]:
    """Layers to show and the line crediting them; a layer that draws nothing is neither shown nor cited."""
    layers = tuple(
        layer
        for layer in choice.layers
        if (layer != Layer.CPTS or not bundle.cpts.empty) and draws_points(bundle, layer, theme)
    )
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
        title=L.INTRO_MESSAGE.format(
            communes=figures[0].values[0].text,
            population=figures[1].values[0].text,
            epci=figures[2].values[0].text,
        ),
        kicker=L.INTRO_TITLE,
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
        # No kicker: « Focus : Lens » says where the room is, and the focus needs every line.
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


def _plural(count: int, one: str, many: str) -> str:
    return f"{fmt_number(count)} {one if count < 2 else many}"


def closing_title(found: tuple[Change, ...], first: str, latest: str) -> str:
    """« Sur 3 chiffres comparables entre 2019 et 2024 : 2 en hausse, 1 en baisse »."""
    comparable = [change for change in found if change.comparable and change.ratio is not None]
    if not comparable:
        return L.CLOSING_NONE.format(first=first, latest=latest)
    up = sum(1 for change in comparable if change.ratio > 1)
    down = sum(1 for change in comparable if change.ratio < 1)
    same = len(comparable) - up - down
    counted = (
        (up, L.CLOSING_UP),
        (down, L.CLOSING_DOWN),
        (same, L.CLOSING_STABLE if same < 2 else L.CLOSING_STABLES),
    )
    parts = [template.format(count=fmt_number(count)) for count, template in counted if count]
    return L.CLOSING_TITLE.format(
        figures=_plural(len(comparable), L.CLOSING_ONE, L.CLOSING_MANY),
        first=first,
        latest=latest,
        parts=", ".join(parts),
    )


def _closing(bundle: Bundle) -> list[Chapter]:
    """What changed, then one appendix of the pairs that do not compare.

    The « bilan » holds only the pairs that measure the same thing in both editions: they
    alone have a change (``core/pairs.judge``). The others, each with its reason, go on one
    appendix chapter, so that no « 269 | 269 » stands where the room looks for a trend.
    """
    found = changes(bundle)
    first, latest = bundle.domain.first_edition, bundle.domain.latest_edition
    brochures = dict.fromkeys(brochure_of(s) for change in found for s in change.sources)
    sources = (L.CLOSING_SOURCES.format(sources=" ; ".join(brochures)),)
    different = tuple(change for change in found if not change.comparable)
    chapters = [
        Chapter(
            slug=ChapterKind.CLOSING.value,
            kind=ChapterKind.CLOSING,
            title=closing_title(found, first, latest),
            kicker=L.CLOSING_KICKER.format(first=first, latest=latest),
            changes=tuple(change for change in found if change.comparable),
            note=L.CLOSING_SEE_DIFFERENT.format(count=len(different)) if different else "",
            sources=sources,
        )
    ]
    if different:
        chapters.append(
            Chapter(
                slug=ChapterKind.APPENDIX.value,
                kind=ChapterKind.APPENDIX,
                title=L.APPENDIX_TITLE.format(count=fmt_number(len(different)), first=first, latest=latest),
                # No kicker: the appendix needs every line, and its title says what it is.
                changes=different,
                sources=sources,
            )
        )
    return chapters


def build_chapters(
    bundle: Bundle, commune: str | None = None, *, choices: Mapping[str, MapChoice] | None = None
) -> list[Chapter]:
    """Introduction, focus commune (if ``commune`` is a known INSEE code), themes, closing, appendix.

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
        layers, map_source = _map(bundle, choices.get(slug, DEFAULT_CHOICE), slug)
        chapters.append(
            Chapter(
                slug=slug,
                kind=ChapterKind.THEME,
                title=message_title(figures),
                kicker=str(label),
                layers=layers,
                figures=figures,
                sources=cite(s for figure in figures for s in figure.sources),
                map_source=map_source,
            )
        )
    chapters.extend(_closing(bundle))
    return chapters
