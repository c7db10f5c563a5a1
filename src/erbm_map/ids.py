"""Every component id of the dashboard, in one place (tests and callbacks import them)."""

from enum import StrEnum


class Ids(StrEnum):
    """Component ids; the values are what the browser tests select on."""

    URL = "url"
    MESSAGE = "message"
    EDITION = "edition"
    THEME = "theme"
    VINTAGE = "vintage"
    SEARCH = "commune-search"
    MAP = "map"
    MAP_LEGEND = "map-legend"
    MAP_STATE = "map-state"
    LAYERS = "layers"
    LAYERS_NOTE = "layers-note"
    KPIS = "kpis"
    COMMUNE_CARD = "commune-card"
    COPY_LINK = "copy-link"
    EPCI_SELECT = "epci-select"
    EPCI_CARD = "epci-card"
    TABS = "view-tabs"
    TABLE = "commune-table"
    EXPORT_CSV = "export-csv"
    DOWNLOAD_CSV = "download-csv"
    PRINT = "print-card"
    CHANGES = "zoning-changes"
    CHANGES_FROM = "changes-from"
    FOOTER = "footer"
