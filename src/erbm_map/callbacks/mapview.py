"""Map, figures panel and layer note: view changes become ``Patch()`` updates."""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, ctx, html

from erbm_map.data import Bundle
from erbm_map.figures.map import PARTS, MapUrls, map_patch
from erbm_map.ids import Ids
from erbm_map.labels import Labels
from erbm_map.layers import ESTABLISHMENT_LAYERS, Layer
from erbm_map.state import ViewState

#: Which parts of the map each input can change (see :func:`trace_updates`).
PARTS_BY_INPUT: dict[str, frozenset[str]] = {
    Ids.EDITION: frozenset({"contracts"}),
    Ids.VINTAGE: frozenset({"zones"}),
    Ids.LAYERS: frozenset({"visibility"}),
    Ids.SEARCH: frozenset({"selection"}),
    Ids.EPCI_SELECT: frozenset(),
}


def cpts_count(bundle: Bundle, edition: str) -> str:
    """The CPTS count the brochure gives for an edition, as printed."""
    rows = bundle.indicators[
        (bundle.indicators["stem"] == "cpts") & (bundle.indicators["edition"] == edition)
    ]
    return f"{int(rows.iloc[0]['value'])}" if not rows.empty else "—"


def layers_note(bundle: Bundle, edition: str, layers: list[str]) -> list[object]:
    """What the visible layers cannot show: CPTS perimeters, exact addresses."""
    notes: list[object] = []
    if Layer.CPTS in layers:
        if bundle.cpts.empty:
            notes.append(
                html.P(Labels.CPTS_NO_DATA.format(edition=edition, count=cpts_count(bundle, edition)))
            )
        else:
            notes.append(html.P(Labels.CPTS_IMPORTED.format(count=bundle.cpts["cpts_nom"].nunique())))
    if set(layers) & set(ESTABLISHMENT_LAYERS):
        notes.append(html.P(Labels.LOCATION_NOTE))
    return notes


def register(app: Dash, bundle: Bundle, urls: MapUrls) -> None:
    """Register the map, figures and layer-note callbacks."""

    @app.callback(
        Output(Ids.MAP, "figure"),
        Input(Ids.EDITION, "value"),
        Input(Ids.VINTAGE, "value"),
        Input(Ids.LAYERS, "value"),
        Input(Ids.SEARCH, "value"),
        Input(Ids.EPCI_SELECT, "value"),
        prevent_initial_call=True,
    )
    def update_map(edition, vintage, layers, commune, epci):
        state = ViewState(
            edition=edition or "2024",
            vintage=vintage or bundle.latest_vintage,
            layers=tuple(layers or ()),
            commune=commune or "",
            epci=epci or "",
        )
        triggered = {t.split(".")[0] for t in ctx.triggered_prop_ids} & PARTS_BY_INPUT.keys()
        # An EPCI choice only moves the view: its empty set of parts must not fall back to
        # every part (a 25 kB patch in the bassin minier, ten times that in the region).
        parts = frozenset().union(*(PARTS_BY_INPUT[t] for t in triggered)) if triggered else PARTS
        recentre = bool(triggered & {Ids.SEARCH, Ids.EPCI_SELECT})
        return map_patch(bundle, state, recentre=recentre, parts=parts)

    # Every figure is in the layout once: filtering by edition and theme is purely visual.
    app.clientside_callback(
        ClientsideFunction(namespace="erbm", function_name="filterKpis"),
        Output(Ids.KPIS, "className"),
        Input(Ids.EDITION, "value"),
        Input(Ids.THEME, "value"),
    )

    @app.callback(
        Output(Ids.LAYERS_NOTE, "children"), Input(Ids.EDITION, "value"), Input(Ids.LAYERS, "value")
    )
    def update_note(edition, layers):
        return layers_note(bundle, edition or "2024", layers or [])
