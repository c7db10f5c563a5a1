"""The view a user sees, as one value: what the URL encodes and callbacks receive."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from erbm_map.core.domain import ALL_THEMES, DEFAULT_LAYERS, MapLayer

if TYPE_CHECKING:
    from erbm_map.data.bundle import Bundle


@dataclass(frozen=True)
class ViewState:
    """Edition, theme, zoning vintage, visible layers and selected commune or EPCI."""

    #: Empty until :meth:`default` fills in the latest edition of the data.
    edition: str = ""
    theme: str = ALL_THEMES
    vintage: str = ""
    layers: tuple[str, ...] = field(default=DEFAULT_LAYERS)
    commune: str = ""
    epci: str = ""

    @classmethod
    def default(cls, bundle: Bundle) -> ViewState:
        """The view of a bare ``/``: the latest edition and zoning vintage of the data."""
        return cls(edition=bundle.domain.latest_edition, vintage=bundle.latest_vintage)

    def with_(self, **changes: object) -> ViewState:
        """A copy with some fields changed."""
        return replace(self, **changes)


#: Layers drawn in every view: the commune fill (plain when zoning is off), names, neighbours.
ALWAYS_DRAWN = frozenset({MapLayer.NEIGHBOURS, MapLayer.COMMUNES, MapLayer.LABELS})


def layer_shown(layer: str, state: ViewState) -> bool:
    """Whether the map draws ``layer`` in a view: the rule ``shows`` of the map's script in assets/.

    The legend is rendered on the server from this rule; ``tests/js`` runs both sides over
    every layer and view, so they cannot drift.
    """
    if layer == MapLayer.SELECTION:
        return bool(state.commune)
    if layer == MapLayer.SELECTION_EPCI:
        return bool(state.epci) and not state.commune
    return layer in ALWAYS_DRAWN or layer in state.layers


def establishment_shown(
    place: Mapping[str, object], state: ViewState, theme_categories: Mapping[str, Sequence[str]]
) -> bool:
    """Whether the map draws an establishment (a feature's ``properties``) in a view.

    The rule ``showsEstablishment`` of the map's script in assets/: the page's first layout
    carries the view's establishments chosen by it, so they draw with the other layers instead
    of a round after them. ``tests/unit/core/test_layer_rule.py`` runs both sides over every
    establishment and kind of view.
    """
    editions = place.get("editions") or ()
    if not isinstance(editions, Sequence) or state.edition not in editions:
        return False
    category, place_theme = str(place.get("categorie", "")), str(place.get("theme", ""))
    return category_shown(category, place_theme, state, theme_categories)


def category_shown(
    category: str, place_theme: str, state: ViewState, theme_categories: Mapping[str, Sequence[str]]
) -> bool:
    """The part of ``establishment_shown`` that does not ask for the edition.

    A place of its edition already (a report's) is shown when its category is on and, in a
    theme that has places of that category, when it is of the theme (a women's health slide
    shows the maison des femmes, not every device).
    """
    if category not in state.layers:
        return False
    if not state.theme or state.theme == ALL_THEMES:
        return True
    return category not in theme_categories.get(state.theme, ()) or place_theme == state.theme
