"""The view a user sees, as one value: what the URL encodes and callbacks receive."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from erbm_map.layers import DEFAULT_LAYERS

ALL_THEMES = "tous"


@dataclass(frozen=True)
class ViewState:
    """Edition, theme, zoning vintage, visible layers and selected commune or EPCI."""

    edition: str = "2024"
    theme: str = ALL_THEMES
    vintage: str = ""
    layers: tuple[str, ...] = field(default=DEFAULT_LAYERS)
    commune: str = ""
    epci: str = ""

    def with_(self, **changes: object) -> ViewState:
        """A copy with some fields changed."""
        return replace(self, **changes)
