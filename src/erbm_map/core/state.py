"""The view a user sees, as one value: what the URL encodes and callbacks receive."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from erbm_map.core.domain import ALL_THEMES, DEFAULT_LAYERS

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
