"""The map layers a user can switch on and off, and their URL slugs."""

from __future__ import annotations

from enum import StrEnum


class Layer(StrEnum):
    """Layer slugs, as they appear in ``?layers=``."""

    ZONAGE = "zonage"
    CLS = "cls"
    CLSM = "clsm"
    CPTS = "cpts"
    EPCI = "epci"
    PERIMETRE = "perimetre"
    SANITAIRE = "sanitaire"
    MEDICO_SOCIAL = "medico-social"
    DISPOSITIF = "dispositif"


ALL_LAYERS: tuple[str, ...] = tuple(layer.value for layer in Layer)
DEFAULT_LAYERS: tuple[str, ...] = (Layer.ZONAGE, Layer.EPCI, Layer.PERIMETRE, Layer.SANITAIRE)
ESTABLISHMENT_LAYERS: tuple[str, ...] = (Layer.SANITAIRE, Layer.MEDICO_SOCIAL, Layer.DISPOSITIF)
