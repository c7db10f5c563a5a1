"""Every component id of the dashboard, in one place.

Layouts, callbacks and tests import them; the browser scripts read them from
``window.erbmIds``, served by ``erbm_map.web.clientids``.
"""

from enum import StrEnum, unique

from erbm_map.core.domain import MapLayer


@unique
class View(StrEnum):
    """The centre's views (``Ids.TABS``'s values): one shows at a time."""

    MAP = "map"
    TABLE = "table"
    CHANGES = "changes"
    COVERAGE = "coverage"


#: The views that show an AG Grid: its library is loaded when one of them first opens.
GRID_VIEWS = (View.TABLE, View.CHANGES)


@unique
class Ids(StrEnum):
    """Component ids; the values are what the browser tests select on."""

    URL = "url"
    MESSAGE = "message"
    EDITION = "edition"
    THEME = "theme"
    VINTAGE = "vintage"
    SEARCH = "commune-search"
    #: The dropdowns' boxes: in the first render, the dropdowns rendered into them once the map is
    #: ready (``dashboard.layout.later``).
    THEME_BOX = "theme-box"
    VINTAGE_BOX = "vintage-box"
    SEARCH_BOX = "commune-search-box"
    MAP = "map"
    MAP_LEGEND = "map-legend"
    MAP_LEGEND_LIST = "map-legend-list"
    MAP_NEIGHBOURS = "map-voisins"
    MAP_COMMUNES = "map-communes"
    MAP_CONTRACTS = "map-contrats"
    MAP_EPCI = "map-epci"
    MAP_PERIMETER = "map-perimetre"
    MAP_SELECTION = "map-selection"
    MAP_SELECTION_EPCI = "map-selection-epci"
    MAP_LABELS = "map-noms"
    MAP_ESTABLISHMENTS = "map-etablissements"
    MAP_RECENTRE = "map-recentre"
    LAYERS = "layers"
    LAYERS_NOTE = "layers-note"
    KPIS = "kpis"
    COMMUNE_CARD = "commune-card"
    CARD_STATE = "commune-card-state"
    PERMALINK = "permalink"
    PERMALINK_BLOCK = "permalink-block"
    COPY_LINK = "copy-link"
    EPCI_SELECT = "epci-select"
    EPCI_CARD = "epci-card"
    TABS = "view-tabs"
    TABLE = "commune-table"
    #: Holds the table's grid once its view is first opened (issue 22: no AG Grid chunk before).
    TABLE_BOX = "commune-table-box"
    TABLE_LOADED = "commune-table-loaded"
    GRIDS_READY = "grids-ready"
    #: The grid's chosen row, for the URL callback (whose inputs must exist before the grid does).
    TABLE_PICK = "commune-table-pick"
    EXPORT_CSV = "export-csv"
    EXPORT_PNG = "export-png"
    MAP_EXPORTS = "map-exports"
    EXPORT_PDF = "export-pdf"
    DOWNLOAD_CSV = "download-csv"
    PRINT = "print-card"
    CHANGES = "zoning-changes"
    CHANGES_FROM = "changes-from"
    CHANGES_GRID = "zoning-changes-grid"
    CHANGES_GRID_BOX = "zoning-changes-grid-box"
    FOOTER = "footer"
    EXPORT_XLSX = "export-xlsx"
    DOWNLOAD_XLSX = "download-xlsx"
    COPY_STATUS = "copy-link-status"
    COVERAGE_PANEL = "panel-coverage"
    COVERAGE_BODY = "coverage-body"
    COVERAGE_SUMMARY = "coverage-summary"
    KPI_CHOSEN = "kpi-chosen"
    KPIS_HTML = "kpis-html"
    KPI_CHARTS_BUTTON = "kpi-charts-button"
    KPI_CHARTS = "kpi-charts"
    SHEET = "indicator-sheet"
    SHEET_BODY = "indicator-sheet-body"
    SHEET_CLOSE = "indicator-sheet-close"
    CHANGES_CHART = "zoning-changes-chart"
    EXPORT_FIGURES = "export-figures"
    DOWNLOAD_FIGURES = "download-figures"
    MAP_GESTURES = "map-gestures"
    """Inside the map: holds dash-leaflet's GestureHandling on a touch screen (assets/21c-map-drive.js)."""
    PANEL_MAP = "panel-map"
    PANEL_TABLE = "panel-table"
    PANEL_CHANGES = "panel-changes"
    SIDEBAR = "sidebar"
    EPCI_PANEL = "epci-panel"
    KPIS_PANEL = "kpis-panel"
    PAGE_LATER = "page-later"
    """The parts of the page rendered once the map is ready (``dashboard.layout.later``)."""
    MAIN = "main"
    PRERENDER = "prerender"
    """The centre column, target of the « Aller à la carte » skip link."""
    EDITION_LABEL = "edition-label"
    LAYERS_TITLE = "layers-title"
    COMMUNE_CARD_TITLE = "commune-card-title"
    SHEET_TITLE = "indicator-sheet-title"
    SEARCH_HINT = "commune-search-hint"
    THEME_NOTICE = "theme-notice"
    THEME_NOTICE_TEXT = "theme-notice-text"
    THEME_UNDO = "theme-undo"
    THEME_UNDO_STATE = "theme-undo-state"


#: Each layer of the map's rule (``assets/21a-map-rule.js``) and the component that draws it: the
#: browser reads this mapping (``erbm_map.web.clientids``) instead of deriving ids from names.
MAP_LAYERS: dict[str, Ids] = {
    MapLayer.NEIGHBOURS: Ids.MAP_NEIGHBOURS,
    MapLayer.COMMUNES: Ids.MAP_COMMUNES,
    MapLayer.CONTRACTS: Ids.MAP_CONTRACTS,
    MapLayer.EPCI: Ids.MAP_EPCI,
    MapLayer.PERIMETER: Ids.MAP_PERIMETER,
    MapLayer.SELECTION: Ids.MAP_SELECTION,
    MapLayer.SELECTION_EPCI: Ids.MAP_SELECTION_EPCI,
    MapLayer.LABELS: Ids.MAP_LABELS,
    MapLayer.ESTABLISHMENTS: Ids.MAP_ESTABLISHMENTS,
}

#: The map layers whose ``hideout`` a view change may update (the map's JS names them by ``MAP_LAYERS``).
MAP_LAYER_IDS = (
    Ids.MAP_COMMUNES,
    Ids.MAP_CONTRACTS,
    Ids.MAP_EPCI,
    Ids.MAP_PERIMETER,
    Ids.MAP_SELECTION,
    Ids.MAP_SELECTION_EPCI,
    Ids.MAP_LABELS,
    Ids.MAP_ESTABLISHMENTS,
)
