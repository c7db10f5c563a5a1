"""Which map layers each chapter shows: an editorial choice kept in ``sources/presentation.csv``.

The file is maintained by people, like every other choice of the project, so the
code only reads and checks it. Keys are theme slugs plus the two chapters that are
not themes (``introduction`` and ``commune``). A data directory without the file
(a regional build, say) falls back to the territory and its intercommunalities.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from erbm_map.data.errors import DataError
from erbm_map.data.tables import read_text
from erbm_map.domain import ALL_LAYERS, Layer
from erbm_map.paths import sources_dir

FILE_NAME = "presentation.csv"
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


class MapChoicesError(DataError):
    """The presentation file names an unknown theme or layer: fail at start-up, not on stage."""


def parse_layers(text: str) -> tuple[str, ...]:
    """``"zonage;epci"`` -> ``("zonage", "epci")``; ``;`` because a comma would need quoting."""
    return tuple(part.strip() for part in text.split(";") if part.strip())


def load_map_choices(base: Path | str, themes: tuple[str, ...]) -> MappingProxyType[str, MapChoice]:
    """Read and check ``<base>/sources/presentation.csv``; an absent file gives no choices."""
    path = sources_dir(Path(base)) / FILE_NAME
    if not path.exists():
        return MappingProxyType({})
    allowed = {*themes, *SPECIAL_KEYS}
    choices: dict[str, MapChoice] = {}
    reader = csv.DictReader(io.StringIO(read_text(path), newline=""))
    missing = [column for column in ("theme", "layers") if column not in (reader.fieldnames or ())]
    if missing:
        raise MapChoicesError(path, f"colonnes manquantes : {', '.join(missing)}", row=1)
    try:
        for line, row in enumerate(reader, start=2):
            key = (row.get("theme") or "").strip()
            layers = parse_layers(row.get("layers") or "")
            unknown = [layer for layer in layers if layer not in ALL_LAYERS]
            if key not in allowed:
                expected = ", ".join(sorted(allowed))
                raise MapChoicesError(path, f"thème inconnu « {key} » (attendu : {expected})", row=line)
            if unknown or not layers:
                shown = ", ".join(unknown) if unknown else "aucune"
                raise MapChoicesError(
                    path,
                    f"couches inconnues ou absentes : {shown} (attendu : {', '.join(ALL_LAYERS)})",
                    row=line,
                )
            if key in choices:
                raise MapChoicesError(path, f"thème « {key} » présent deux fois", row=line)
            choices[key] = MapChoice(layers, (row.get("source") or "").strip())
    except csv.Error as error:
        raise MapChoicesError(path, f"CSV mal formé ({error})", row=reader.line_num) from None
    return MappingProxyType(choices)
