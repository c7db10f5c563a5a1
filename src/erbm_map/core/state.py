"""The view a user sees, as one value: what the URL encodes and callbacks receive."""

from __future__ import annotations

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
