"""Which map layers each chapter shows: an editorial choice kept in ``sources/presentation.csv``.

The file is maintained by people, like every other choice of the project, so the
code only reads it and checks it against ``schema.PRESENTATION``. Keys are theme
slugs plus the two chapters that are not themes (``introduction`` and ``commune``).
A data directory without the file (a regional build, say) falls back to the
territory and its intercommunalities.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import pandera.pandas as pa

from erbm_map.core.domain import ALL_LAYERS, Layer
from erbm_map.data import schema
from erbm_map.data.checks import one_of
from erbm_map.data.tables import read_table

INTRODUCTION = "introduction"
COMMUNE = "commune"
#: Keys that are chapters rather than themes.
SPECIAL_KEYS = (INTRODUCTION, COMMUNE)
DEFAULT_LAYERS: tuple[str, ...] = (Layer.PERIMETRE, Layer.EPCI)


@dataclass(frozen=True)
class MapChoice:
    """The layers of one chapter's map and where that choice comes from."""

    layers: tuple[str, ...]
    source: str = ""


DEFAULT_CHOICE = MapChoice(DEFAULT_LAYERS)


def parse_layers(text: str) -> tuple[str, ...]:
    """``"zonage;epci"`` -> ``("zonage", "epci")``; ``;`` because a comma would need quoting."""
    return tuple(part.strip() for part in text.split(";") if part.strip())


def _known_layers(text: str) -> bool:
    """A chapter shows at least one layer, and only map layers."""
    layers = parse_layers(text)
    return bool(layers) and set(layers) <= set(ALL_LAYERS)


KNOWN_LAYERS = pa.Check(
    lambda s: s.map(_known_layers).astype(bool),
    error="couches inconnues ou absentes : « {value} » "
    f"(attendu : {', '.join(ALL_LAYERS)}, séparées par « ; »)",
)


def load_map_choices(base: Path | str, themes: tuple[str, ...]) -> MappingProxyType[str, MapChoice]:
    """Read and check ``<base>/sources/presentation.csv``; an absent file gives no choices.

    A bad file fails at start-up (``DataError``), not on stage.
    """
    base = Path(base)
    if not (base / schema.PRESENTATION.name).exists():
        return MappingProxyType({})
    allowed = {*themes, *SPECIAL_KEYS}
    theme = one_of(allowed, "thème inconnu « {value} » (attendu : {allowed})")
    table = read_table(base, schema.PRESENTATION, checks={"theme": theme, "layers": KNOWN_LAYERS})
    return MappingProxyType(
        {
            key: MapChoice(parse_layers(layers), source.strip())
            for key, layers, source in zip(table["theme"], table["layers"], table["source"], strict=True)
        }
    )
