"""Reading, checking and joining the data files into one frozen bundle."""

from erbm_map.data.bundle import Bundle, GeoAsset
from erbm_map.data.errors import DataError
from erbm_map.data.loader import load_bundle

__all__ = ["Bundle", "DataError", "GeoAsset", "load_bundle"]
