"""The dashboard page, assembled from the factories of each panel."""

from __future__ import annotations

from dash import dcc, html

from erbm_map.core.citations import data_sources, source_lines
from erbm_map.core.ids import Ids, View
from erbm_map.core.labels import Labels
from erbm_map.core.state import ViewState
from erbm_map.core.widget_labels import DROPDOWN_LABELS
from erbm_map.dashboard.layout.cards import create_permalink
from erbm_map.dashboard.layout.changes_panel import create_changes_grid
from erbm_map.dashboard.layout.controls import create_controls, create_layers_panel
from erbm_map.dashboard.layout.coverage_panel import create_coverage_panel, create_coverage_summary
from erbm_map.dashboard.layout.indicator_sheet import create_pair_charts_block, create_sheet
from erbm_map.dashboard.layout.legend import create_legend
from erbm_map.dashboard.layout.table import create_table
from erbm_map.data import Bundle
from erbm_map.map.leafletmap import MapUrls, create_map
from erbm_map.web.urls import map_export


def create_footer(bundle: Bundle) -> html.Footer:
    """Sources and their dates."""
    return html.Footer(
        [
            html.H2(Labels.FOOTER),
            html.Ul([html.Li(line) for line in source_lines(bundle)] + [html.Li(Labels.LOCATION_NOTE)]),
        ],
        id=Ids.FOOTER,
        className="footer",
    )


def create_header(bundle: Bundle, state: ViewState) -> html.Header:
    """Title, link to the presentation and the view's controls."""
    return html.Header(
        [
            html.Div(
                [
                    html.H1(Labels.TITLE),
                    html.P(Labels.SUBTITLE, className="subtitle"),
                    html.A(Labels.PRESENTATION, href="/presentation", className="button presentation-link"),
                ],
                className="brand",
            ),
            create_controls(bundle, state),
        ],
        className="header no-print",
    )


def create_epci_panel(bundle: Bundle, state: ViewState) -> html.Section:
    """The intercommunality list and its card, in the right column beside the commune card.

    A planner reads its population table there at the commune card's width; the left column
    (17rem) broke its numbers and headers one letter per line.
    """
    epci_options = [
        {"label": name, "value": siren}
        for siren, name in sorted(
            zip(bundle.epci["epci_siren"], bundle.epci["epci_nom"], strict=True), key=lambda x: x[1]
        )
    ]
    return html.Section(
        [
            html.H2(Labels.EPCI_CARD),
            html.Label(Labels.EPCI_SELECT, htmlFor=Ids.EPCI_SELECT, className="field-label"),
            dcc.Dropdown(
                id=Ids.EPCI_SELECT, options=epci_options, value=state.epci or None, labels=DROPDOWN_LABELS
            ),
            html.Div(
                html.P(Labels.EPCI_EMPTY, className="empty"), id=Ids.EPCI_CARD, className="card epci-card"
            ),
        ],
        id=Ids.EPCI_PANEL,
        className="panel epci-panel no-print",
        **{"aria-label": Labels.EPCI_CARD},
    )


def create_sidebar(bundle: Bundle, state: ViewState) -> html.Aside:
    """Left column: the layers (the legend is on the map, the EPCI card beside the commune card)."""
    return html.Aside(
        [create_layers_panel(bundle.domain, state)],
        id=Ids.SIDEBAR,
        className="sidebar no-print",
    )


def create_view_switch(bundle: Bundle) -> dcc.RadioItems:
    """Map, table, zoning changes or coverage: one panel of the centre shows at a time.

    The changes tab is offered only when two zonings are loaded: with one, it would only
    tell the public to import another (issue 21).
    """
    changes = [{"label": Labels.CHANGES_TAB, "value": View.CHANGES}] if len(bundle.vintages) > 1 else []
    return dcc.RadioItems(
        id=Ids.TABS,
        value=View.MAP,
        inline=True,
        className="view-switch no-print",
        options=[
            {"label": Labels.MAP_TAB, "value": View.MAP},
            {"label": Labels.TABLE_TAB, "value": View.TABLE},
            *changes,
            {"label": Labels.COVERAGE_TAB, "value": View.COVERAGE},
        ],
    )


def create_map_exports() -> html.Div:
    """Links to the server-drawn map of the view (assets/20-dashboard.js keeps them in step)."""
    return html.Div(
        [
            html.A(label, id=component, href=map_export(ext, ""), className="button", download="")
            for label, component, ext in (
                (Labels.EXPORT_PNG, Ids.EXPORT_PNG, "png"),
                (Labels.EXPORT_PDF, Ids.EXPORT_PDF, "pdf"),
            )
        ],
        id=Ids.MAP_EXPORTS,
        className="map-exports no-print",
    )


def create_map_panel(bundle: Bundle, state: ViewState, urls: MapUrls, *, tiles: bool) -> html.Div:
    """The map, its « Recentrer » button, legend and export links."""
    frame = html.Div(
        [
            # Before the map in the tab order: the map's markers are keyboard targets too.
            html.Button(
                Labels.MAP_RECENTRE,
                id=Ids.MAP_RECENTRE,
                title=Labels.MAP_RECENTRE_TITLE,
                className="button map-recentre no-print",
                n_clicks=0,
            ),
            create_map(bundle, urls, state, tiles=tiles),
            # Over the map, where the eye is (issue 21): above the fold at 1440 px.
            create_legend(bundle, state),
        ],
        className="map-frame",
        role="region",
        # Leaflet's zoom buttons say « Zoom in »: assets/23-map-controls.js gives them these names.
        **{"aria-label": Labels.MAP_REGION, "data-zoom-in": Labels.ZOOM_IN, "data-zoom-out": Labels.ZOOM_OUT},
    )
    return html.Div(
        [html.Div([frame], className="map-row"), create_map_exports()],
        id=Ids.PANEL_MAP,
        className="view-panel",
    )


def create_changes_panel(bundle: Bundle) -> html.Div:
    """Zoning changes between two vintages (hidden until its tab is chosen)."""
    return html.Div(
        [
            html.Label(Labels.CHANGES_FROM, htmlFor=Ids.CHANGES_FROM, className="field-label"),
            dcc.Dropdown(
                id=Ids.CHANGES_FROM,
                options=[{"label": v, "value": v} for v in bundle.vintages],
                value=bundle.vintages[-2] if len(bundle.vintages) > 1 else bundle.vintages[0],
                clearable=False,
                labels=DROPDOWN_LABELS,
                className="changes-from",
            ),
            html.Div(id=Ids.CHANGES_CHART, className="changes-chart"),
            html.Div(id=Ids.CHANGES, className="changes-list"),
            create_changes_grid(),
        ],
        id=Ids.PANEL_CHANGES,
        className="view-panel panel",
        hidden=True,
    )


def create_table_sources(bundle: Bundle) -> html.P:
    """The table's sources, with their dates: every edition and zoning vintage its columns can show."""
    sources = " ; ".join(data_sources(bundle.domain, ", ".join(bundle.vintages)))
    return html.P(Labels.TABLE_SOURCES.format(sources=sources), className="note table-sources")


def create_centre(bundle: Bundle, state: ViewState, urls: MapUrls, *, tiles: bool) -> html.Div:
    """Centre column: the view switch and its four panels."""
    return html.Div(
        [
            create_view_switch(bundle),
            create_map_panel(bundle, state, urls, tiles=tiles),
            html.Div(
                [
                    create_table(),
                    create_table_sources(bundle),
                ],
                id=Ids.PANEL_TABLE,
                className="view-panel",
                hidden=True,
            ),
            create_changes_panel(bundle),
            create_coverage_panel(bundle),
        ],
        className="centre",
        id=Ids.MAIN,
    )


def create_commune_panel() -> html.Section:
    """The commune card, the view's link and the print button."""
    return html.Section(
        [
            html.Div(html.P(Labels.COMMUNE_EMPTY, className="empty"), id=Ids.COMMUNE_CARD),
            create_permalink(),
            dcc.Store(id=Ids.CARD_STATE),
            html.Button(
                Labels.PRINT,
                id=Ids.PRINT,
                className="button no-print",
                n_clicks=0,
                disabled=True,
                title=Labels.SHEET_OPEN,
            ),
        ],
        className="panel card commune-panel",
        **{"aria-label": Labels.COMMUNE_CARD},
    )


def create_kpis_panel(bundle: Bundle, state: ViewState) -> html.Section:
    """Key figures, their charts and the indicator sheet."""
    return html.Section(
        [
            html.H2(Labels.KPIS),
            create_coverage_summary(bundle),
            create_pair_charts_block(bundle.domain),
            # The figures are written into the page's HTML and moved in here by the browser
            # (``dashboard.prerender``, assets/18-prerender.js): Dash renders no child of it.
            html.Div(id=Ids.KPIS),
            dcc.Store(id=Ids.KPI_CHOSEN),
            create_sheet(),
        ],
        id=Ids.KPIS_PANEL,
        className="panel kpis-panel no-print",
        # It scrolls: keyboard users reach it to scroll it.
        tabIndex="0",
        **{"aria-label": Labels.KPIS},
    )


def create_page(bundle: Bundle, state: ViewState, urls: MapUrls, *, tiles: bool = False) -> html.Div:
    """The whole page for a view state (the URL callback then restores the linked view)."""
    return html.Div(
        [
            dcc.Location(id=Ids.URL, refresh="callback-nav"),
            dcc.Download(id=Ids.DOWNLOAD_CSV),
            html.A(Labels.SKIP_TO_MAP, href=f"#{Ids.MAIN}", className="skip-link"),
            create_header(bundle, state),
            html.Div(id=Ids.MESSAGE, className="message", role="status", **{"aria-live": "polite"}),
            html.Main(
                [
                    create_sidebar(bundle, state),
                    create_centre(bundle, state, urls, tiles=tiles),
                    html.Aside(
                        [
                            create_commune_panel(),
                            create_epci_panel(bundle, state),
                            create_kpis_panel(bundle, state),
                        ],
                        className="details",
                    ),
                ],
                className="layout",
            ),
            create_footer(bundle),
        ],
        className="app",
    )
