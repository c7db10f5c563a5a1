"""The shape every GeoJSON file must have, checked feature by feature before anything reads it.

A hand-edited or half-regenerated GeoJSON used to stop the app with a Python error that
named neither the file nor the feature (« 'str' object has no attribute 'get' »), or,
for the files only served to the browser and the paper map, to pass start-up and break
``/export/carte.png`` later. Each feature is now checked for what the app reads from it:
an object, its properties with their types, a polygon geometry whose coordinates parse.
A problem names the file, the feature's number and, in the files ``erbm-map build-data``
writes (one feature per line), its line.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

import geopandas as gpd
import shapely.geometry

from erbm_map.data.checks import INSEE_PATTERN
from erbm_map.data.errors import DataError


class Kind(Enum):
    """The type of a property, named as the message shows it."""

    TEXT = "un texte non vide"
    MAYBE_TEXT = "un texte"
    INSEE = "un code INSEE (texte de 5 caractères, ex. « 62498 »)"
    NUMBER = "un nombre"
    FLAG = "true ou false"


_INSEE = re.compile(INSEE_PATTERN)
POLYGONS = ("Polygon", "MultiPolygon")


def _is(kind: Kind, value: object) -> bool:
    if kind is Kind.NUMBER:
        return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if kind is Kind.FLAG:
        return isinstance(value, bool)
    if kind is Kind.INSEE:
        return isinstance(value, str) and bool(_INSEE.fullmatch(value))
    return isinstance(value, str) and (kind is Kind.MAYBE_TEXT or bool(value.strip()))


@dataclass(frozen=True)
class GeoFile:
    """One GeoJSON file of ``communes/``: the properties the app reads and their types."""

    name: str
    properties: Mapping[str, Kind] = field(default_factory=dict)
    #: A property no two features share (the frame is indexed on it).
    key: str | None = None
    #: Whether a collection without features is an error (the faint neighbours may be absent).
    required: bool = True


COMMUNES = GeoFile(
    "communes.geojson",
    {
        "insee": Kind.INSEE,
        "nom": Kind.TEXT,
        "departement": Kind.TEXT,
        "epci_siren": Kind.TEXT,
        "epci_nom": Kind.TEXT,
        "population": Kind.NUMBER,
        "bassin_minier": Kind.FLAG,
        "codes_postaux": Kind.MAYBE_TEXT,
        "mairie_lon": Kind.NUMBER,
        "mairie_lat": Kind.NUMBER,
    },
    key="insee",
)
EPCI = GeoFile(
    "epci.geojson",
    {
        "epci_siren": Kind.TEXT,
        "epci_nom": Kind.TEXT,
        "population": Kind.NUMBER,
        "communes": Kind.NUMBER,
        "label_lon": Kind.NUMBER,
        "label_lat": Kind.NUMBER,
    },
    key="epci_siren",
)
PERIMETER = GeoFile("perimetre.geojson")
NEIGHBOURS = GeoFile("voisins.geojson", required=False)


def _shown(value: object) -> str:
    """A JSON value as the person sees it in the file (``null``, ``"62498"``, ``12``)."""
    text = "null" if value is None else repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 40 else text[:39] + "…"


def _feature_problem(feature: object, spec: GeoFile) -> str | None:
    """What is wrong with one feature, in French, or None."""
    if not isinstance(feature, dict):
        return f"objet « Feature » attendu, lu {_shown(feature)}"
    props = feature.get("properties")
    if not isinstance(props, dict):
        return "propriétés absentes (« properties » doit être un objet)"
    missing = [name for name in spec.properties if name not in props]
    if missing:
        return f"propriétés manquantes : {', '.join(missing)}"
    for name, kind in spec.properties.items():
        if not _is(kind, props[name]):
            return f"« {name} » doit être {kind.value}, lu {_shown(props[name])}"
    geometry = feature.get("geometry")
    if not geometry:
        return "géométrie absente"
    if not isinstance(geometry, dict) or geometry.get("type") not in POLYGONS:
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        return f"géométrie de type Polygon ou MultiPolygon attendue, lu {_shown(kind or geometry)}"
    if not isinstance(geometry.get("coordinates"), list):
        return "coordonnées absentes (« coordinates » doit être une liste)"
    return None


def _geometry_problem(feature: dict) -> str | None:
    """Why shapely cannot read this feature's geometry, or None (asked only once the file failed)."""
    try:
        shape = shapely.geometry.shape(feature["geometry"])
    except Exception:  # whatever shapely raises, the feature is unreadable
        return "coordonnées illisibles (listes de paires longitude, latitude attendues)"
    return "géométrie vide" if shape.is_empty else None


def _line(raw: bytes, number: int, total: int) -> int | None:
    """The line of feature ``number`` when the file has one feature per line, as build-data writes.

    That layout is the collection's opening line, one line per feature, and the closing
    ``]}``; a file laid out otherwise (one long line, or pretty-printed) gets no line.
    """
    lines = raw.decode("utf-8").rstrip("\n").split("\n")
    return number + 1 if len(lines) == total + 2 else None


def _where(number: int, feature: object, spec: GeoFile) -> str:
    """« entité n° 8 (insee 59002) »: the number, and the key when the feature has one."""
    props = feature.get("properties") if isinstance(feature, dict) else None
    named = props.get(spec.key) if isinstance(props, dict) and spec.key else None
    return f"entité n° {number}" + (f" ({spec.key} {named})" if isinstance(named, str) else "")


def read_features(path: Path, raw: bytes, parsed: dict, spec: GeoFile) -> gpd.GeoDataFrame:
    """The features as a WGS84 frame, or a :class:`DataError` naming the first one the app cannot read.

    The structure is checked feature by feature; the coordinates are parsed once, by
    geopandas, and only if that fails is each geometry parsed again to find the culprit.
    """
    features = parsed["features"]
    if spec.required and not features:
        raise DataError(path, "aucune entité (relancer « erbm-map build-data »)")

    def refuse(number: int, problem: str) -> DataError:
        where = _where(number, features[number - 1], spec)
        return DataError(path, f"{where} : {problem}", row=_line(raw, number, len(features)))

    for number, feature in enumerate(features, start=1):
        problem = _feature_problem(feature, spec)
        if problem:
            raise refuse(number, problem)
    try:
        frame = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
        empty = frame.geometry.is_empty.to_numpy() if len(frame) else []
    except Exception:  # located feature by feature below
        frame, empty = None, []
    if frame is None or any(empty):
        for number, feature in enumerate(features, start=1):
            problem = _geometry_problem(feature)
            if problem:
                raise refuse(number, problem)
        raise DataError(path, "géométries illisibles")
    if spec.key:
        repeated = frame[spec.key].duplicated()
        if repeated.any():
            number = int(repeated.to_numpy().argmax()) + 1
            first = int((frame[spec.key] == frame[spec.key].iloc[number - 1]).to_numpy().argmax()) + 1
            raise refuse(number, f"« {spec.key} » en double (déjà entité n° {first})")
    return frame
