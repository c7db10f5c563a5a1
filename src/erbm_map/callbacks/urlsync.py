"""URL <-> controls: opening a link restores the view; changing the view rewrites the link.

One callback owns both directions (Dash allows a callback to list a property as
input and output), which avoids the loop two callbacks would create. It also renders
the commune card, which is part of the view: a commune clicked on the map or in the
table then opens its card in one round trip instead of two.
"""

from __future__ import annotations

from collections.abc import Mapping

from dash import Dash, Input, Output, State, ctx, html, no_update

from erbm_map.data import Bundle
from erbm_map.domain import DEFAULT_LAYERS
from erbm_map.figures.leafletmap import PLACE_MAX_ZOOM, place_bounds
from erbm_map.ids import Ids
from erbm_map.labels import Labels
from erbm_map.layout.cards import create_commune_card
from erbm_map.layout.controls import commune_options
from erbm_map.presentation.choices import load_map_choices
from erbm_map.search import index_for
from erbm_map.state import ALL_THEMES, ViewState
from erbm_map.urlstate import parse_query, to_query


def default_state(bundle: Bundle) -> ViewState:
    """The view of a bare ``/``."""
    return ViewState.default(bundle)


#: The map layers whose clicks designate a place (see ``events`` in assets/21-map.js).
CLICK_LAYERS = (Ids.MAP_COMMUNES, Ids.MAP_ESTABLISHMENTS, Ids.MAP_LABELS)


def clicked_place(bundle: Bundle, click: dict | None) -> tuple[str, str]:
    """(commune, epci) designated by a map click; empty strings when the click names neither.

    The click data come from the browser: only known codes are taken.
    """
    if not isinstance(click, dict):
        return "", ""
    commune, epci = str(click.get("insee") or ""), str(click.get("epci") or "")
    if commune in bundle.communes.index:
        return commune, ""
    if epci in bundle.epci.index:
        return "", epci
    return "", ""


def sync(
    bundle: Bundle,
    trigger: str | None,
    search: str | None,
    controls: dict,
    theme_layers: Mapping[str, tuple[str, ...]] | None = None,
) -> tuple:
    """Pure core of the URL callback.

    A theme chosen by the user selects the layers that fit it (``theme_layers``, the
    presentation's mapping); a theme restored from a link keeps the link's layers.
    Returns (search, edition, theme, vintage, layers, commune, epci, message).
    """
    communes, epcis = frozenset(bundle.communes.index), frozenset(bundle.epci.index)
    if trigger in (None, Ids.URL):
        state, problems = parse_query(
            search,
            communes=communes,
            epcis=epcis,
            themes=bundle.theme_slugs,
            vintages=bundle.vintages,
            editions=bundle.domain.edition_keys,
            default=default_state(bundle),
            commune_named=index_for(bundle.communes).resolve,
        )
        message = Labels.BAD_URL.format(details=", ".join(problems)) if problems else ""
        return (
            no_update,
            state.edition,
            state.theme,
            state.vintage,
            list(state.layers),
            state.commune or None,
            state.epci or None,
            message,
        )
    commune, epci = controls["commune"] or "", controls["epci"] or ""
    if trigger in CLICK_LAYERS:
        clicked_commune, clicked_epci = clicked_place(bundle, controls["click"])
        if not (clicked_commune or clicked_epci):
            return (no_update,) * 8
        commune, epci = clicked_commune or commune, clicked_epci or epci
    elif trigger == Ids.TABLE:
        rows = controls["cell"] or [{}]
        row_id = str(rows[0].get("insee", ""))
        if row_id not in bundle.communes.index:
            return (no_update,) * 8
        commune = row_id
    layers = tuple(controls["layers"] or ())
    theme = controls["theme"] or ALL_THEMES
    chosen = (theme_layers or {}).get(theme) if trigger == Ids.THEME else None
    state = ViewState(
        edition=bundle.domain.valid_edition(controls["edition"]),
        theme=theme,
        vintage=controls["vintage"] or bundle.latest_vintage,
        layers=tuple(chosen) if chosen else layers,
        commune=commune,
        epci=epci,
    )
    return (
        to_query(state),
        no_update,
        no_update,
        no_update,
        list(chosen) if chosen else no_update,
        commune or None if trigger in (*CLICK_LAYERS, Ids.TABLE) else no_update,
        epci or None if trigger in CLICK_LAYERS else no_update,
        "",
    )


def commune_card(bundle: Bundle, out: tuple, current: tuple, shown: list | None) -> tuple:
    """(card, key) for the view the URL callback leaves, or ``no_update`` twice if it is shown.

    ``out`` and ``current`` are the callback's outputs and inputs (search, edition, theme,
    vintage, layers, commune, epci); the card depends on the commune, edition and vintage.
    """

    def final(i: int) -> object:
        return current[i] if out[i] is no_update else out[i]

    commune = final(5) or ""
    key = [commune, bundle.domain.valid_edition(final(1)), final(3) or bundle.latest_vintage]
    if key == shown:
        return no_update, no_update
    if commune not in bundle.communes.index:
        return html.P(Labels.COMMUNE_EMPTY, className="empty"), key
    return create_commune_card(bundle, *key), key


def map_layers_by_theme(bundle: Bundle) -> dict[str, tuple[str, ...]]:
    """The layers each theme selects: the presentation's chapters' (one mapping for both)."""
    choices = load_map_choices(bundle.meta.get("base", ""), bundle.theme_slugs)
    mapping = {theme: choice.layers for theme, choice in choices.items() if theme in bundle.theme_slugs}
    return {ALL_THEMES: DEFAULT_LAYERS, **mapping}


def bring_into_view(bundle: Bundle, trigger: str | None, out: tuple, current: tuple) -> object:
    """A place chosen in a list (or opened from a link) is brought into view; a map click leaves the map."""
    if trigger in CLICK_LAYERS or trigger not in (None, Ids.URL, Ids.SEARCH, Ids.EPCI_SELECT, Ids.TABLE):
        return no_update
    commune = current[5] if out[5] is no_update else out[5]
    epci = current[6] if out[6] is no_update else out[6]
    if trigger == Ids.EPCI_SELECT:
        commune = ""
    bounds = place_bounds(bundle, ViewState(commune=commune or "", epci=epci or ""))
    if bounds is None:
        return no_update
    return {"bounds": bounds, "options": {"maxZoom": PLACE_MAX_ZOOM, "padding": [30, 30], "animate": False}}


def register(app: Dash, bundle: Bundle) -> None:
    """Register the URL callback."""
    theme_layers = map_layers_by_theme(bundle)

    @app.callback(
        Output(Ids.URL, "search"),
        Output(Ids.EDITION, "value"),
        Output(Ids.THEME, "value"),
        Output(Ids.VINTAGE, "value"),
        Output(Ids.LAYERS, "value"),
        Output(Ids.SEARCH, "value"),
        Output(Ids.EPCI_SELECT, "value"),
        Output(Ids.MESSAGE, "children"),
        Output(Ids.SEARCH, "options", allow_duplicate=True),
        Output(Ids.COMMUNE_CARD, "children"),
        Output(Ids.CARD_STATE, "data"),
        Output(Ids.MAP, "viewport"),
        Input(Ids.URL, "search"),
        Input(Ids.EDITION, "value"),
        Input(Ids.THEME, "value"),
        Input(Ids.VINTAGE, "value"),
        Input(Ids.LAYERS, "value"),
        Input(Ids.SEARCH, "value"),
        Input(Ids.EPCI_SELECT, "value"),
        *(Input(layer, "clickData") for layer in CLICK_LAYERS),
        Input(Ids.TABLE, "selectedRows"),
        State(Ids.CARD_STATE, "data"),
        prevent_initial_call="initial_duplicate",
    )
    def url_sync(search, edition, theme, vintage, layers, commune, epci, *clicks_cell_shown):
        *clicks, cell, shown = clicks_cell_shown
        trigger = ctx.triggered_id
        click = clicks[CLICK_LAYERS.index(trigger)] if trigger in CLICK_LAYERS else None
        out = sync(
            bundle,
            trigger,
            search,
            {
                "edition": edition,
                "theme": theme,
                "vintage": vintage,
                "layers": layers,
                "commune": commune,
                "epci": epci,
                "click": click,
                "cell": cell,
            },
            theme_layers,
        )
        # Re-sending a control's current value would re-run every callback that listens to it.
        current = (search, edition, theme, vintage, layers, commune, epci)
        out = tuple(no_update if 0 < i < 7 and out[i] == current[i] else out[i] for i in range(len(out)))
        message = out[-1]
        rendered = html.P(message, className="warning") if message else ""
        commune = out[5]
        # The dropdown only keeps a value that is among its options: send the option with it.
        options = commune_options(bundle, [commune]) if isinstance(commune, str) else no_update
        card, key = commune_card(bundle, out, current, shown)
        viewport = bring_into_view(bundle, trigger, out, current)
        return (*out[:-1], rendered if message is not no_update else no_update, options, card, key, viewport)
