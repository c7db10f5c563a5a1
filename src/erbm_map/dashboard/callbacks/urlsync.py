"""URL <-> controls: opening a link restores the view; changing the view rewrites the link.

One callback owns both directions (Dash allows a callback to list a property as
input and output), which avoids the loop two callbacks would create. It also renders
the commune card, which is part of the view: a commune clicked on the map or in the
table then opens its card in one round trip instead of two.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from dash import Dash, Input, Output, State, ctx, html, no_update

from erbm_map.core.ids import Ids
from erbm_map.core.labels import LAYER_LABELS, Labels
from erbm_map.core.search import index_for
from erbm_map.core.state import ALL_THEMES, ViewState
from erbm_map.core.urlstate import parse_query, to_query
from erbm_map.dashboard.layout.cards import create_commune_card, create_epci_card
from erbm_map.dashboard.layout.controls import commune_options
from erbm_map.data import Bundle
from erbm_map.map.leafletmap import PLACE_MAX_ZOOM, place_bounds, theme_layers
from erbm_map.map.map_callbacks import layers_note
from erbm_map.reports import commune_report, epci_report
from erbm_map.web.urls import map_export


def default_state(bundle: Bundle) -> ViewState:
    """The view of a bare ``/``."""
    return ViewState.default(bundle)


#: The map layers whose clicks designate a place (see ``events`` in assets/21d-map-views.js).
CLICK_LAYERS = (Ids.MAP_COMMUNES, Ids.MAP_ESTABLISHMENTS, Ids.MAP_LABELS)
#: The controls of the view, by the name their value has in the URL callback (input and output).
CONTROLS: dict[str, Ids] = {
    "edition": Ids.EDITION,
    "theme": Ids.THEME,
    "vintage": Ids.VINTAGE,
    "layers": Ids.LAYERS,
    "commune": Ids.SEARCH,
    "epci": Ids.EPCI_SELECT,
}


@dataclass(frozen=True)
class Sync:
    """What the URL callback sets: the link, each control of the view, and the message.

    Each field is a value to send or ``no_update``, named as the callback's output, so
    that adding an output names it rather than shifting positions.
    """

    search: Any = no_update
    edition: Any = no_update
    theme: Any = no_update
    vintage: Any = no_update
    layers: Any = no_update
    commune: Any = no_update
    epci: Any = no_update
    message: Any = no_update
    #: What a theme added to the layers ("" hides the notice), and the layers before it.
    notice: Any = no_update
    undo: Any = no_update

    def without_current(self, current: Mapping[str, object]) -> Sync:
        """The same, minus the controls it would set to their ``current`` value.

        Re-sending a control's current value would re-run every callback that listens to it.
        """
        same = {name: no_update for name in CONTROLS if getattr(self, name) == current[name]}
        return replace(self, **same)

    def final(self, name: str, current: Mapping[str, object]) -> Any:
        """The value of ``name`` once the callback has applied: its own, or ``current``'s."""
        value = getattr(self, name)
        return current[name] if value is no_update else value

    def outputs(self) -> dict[str, Any]:
        """The link and the controls, by output name."""
        return {"search": self.search, **{name: getattr(self, name) for name in CONTROLS}}


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


def linked_state(bundle: Bundle, search: str | None) -> tuple[ViewState, list[str]]:
    """The view a link's query names, and what in it was not understood."""
    return parse_query(
        search,
        communes=frozenset(bundle.communes.index),
        epcis=frozenset(bundle.epci.index),
        themes=bundle.theme_slugs,
        vintages=bundle.vintages,
        editions=bundle.domain.edition_keys,
        default=default_state(bundle),
        commune_named=index_for(bundle.communes).resolve,
    )


def sync(
    bundle: Bundle,
    trigger: str | None,
    search: str | None,
    controls: dict,
    theme_layers: Mapping[str, tuple[str, ...]] | None = None,
) -> Sync:
    """Pure core of the URL callback.

    A theme chosen by the user adds the layers that fit it (``theme_layers``, the
    presentation's mapping; see ``theme_proposal``); a theme restored from a link keeps
    the link's layers.
    """
    if trigger in (None, Ids.URL):
        state, problems = linked_state(bundle, search)
        return Sync(
            edition=state.edition,
            theme=state.theme,
            vintage=state.vintage,
            layers=list(state.layers),
            commune=state.commune or None,
            epci=state.epci or None,
            message=Labels.BAD_URL.format(details=", ".join(problems)) if problems else "",
        )
    commune, epci = controls["commune"] or "", controls["epci"] or ""
    if trigger in CLICK_LAYERS:
        clicked_commune, clicked_epci = clicked_place(bundle, controls["click"])
        if not (clicked_commune or clicked_epci):
            return Sync()
        commune, epci = clicked_commune or commune, clicked_epci or epci
    elif trigger == Ids.TABLE:
        rows = controls["cell"] or [{}]
        row_id = str(rows[0].get("insee", ""))
        if row_id not in bundle.communes.index:
            return Sync()
        commune = row_id
    layers = tuple(controls["layers"] or ())
    theme = controls["theme"] or ALL_THEMES
    proposal = theme_proposal(bundle, trigger, theme, layers, controls.get("undo"), theme_layers)
    state = ViewState(
        edition=bundle.domain.valid_edition(controls["edition"]),
        theme=theme,
        vintage=controls["vintage"] or bundle.latest_vintage,
        layers=proposal.layers if proposal.layers is not None else layers,
        commune=commune,
        epci=epci,
    )
    return Sync(
        search=to_query(state),
        layers=list(proposal.layers) if proposal.layers is not None else no_update,
        commune=commune or None if trigger in (*CLICK_LAYERS, Ids.TABLE) else no_update,
        epci=epci or None if trigger in CLICK_LAYERS else no_update,
        message="",
        notice=proposal.notice,
        undo=proposal.undo,
    )


@dataclass(frozen=True)
class Proposal:
    """What a theme does to the layers: the new layers (None: unchanged), the notice, the undo."""

    layers: tuple[str, ...] | None = None
    notice: Any = no_update
    undo: Any = no_update


def theme_proposal(
    bundle: Bundle,
    trigger: str | None,
    theme: str,
    layers: tuple[str, ...],
    undo: object,
    theme_layers: Mapping[str, tuple[str, ...]] | None,
) -> Proposal:
    """A theme proposes; the planner decides.

    Choosing a theme adds its layers (``theme_layers``) to those on, and says which it
    added; « Annuler » puts back the layers from before (``undo``, kept in the browser,
    hence checked). Changing the layers by hand takes the notice away.
    """
    if trigger == Ids.THEME_UNDO:
        if not isinstance(undo, list):
            return Proposal(notice="", undo=None)
        return Proposal(layers=tuple(str(v) for v in undo if v in LAYER_LABELS), notice="", undo=None)
    if trigger == Ids.LAYERS:
        return Proposal(notice="", undo=None)
    if trigger != Ids.THEME:
        return Proposal()
    proposed = (theme_layers or {}).get(theme, ())
    added = [layer for layer in LAYER_LABELS if layer in proposed and layer not in layers]
    if not added:
        return Proposal(notice="", undo=None)
    names = dict(zip(bundle.themes["slug"], bundle.themes["label"], strict=True))
    notice = Labels.THEME_ADDED.format(
        theme=names.get(theme, Labels.ALL_THEMES), layers=", ".join(LAYER_LABELS[layer] for layer in added)
    )
    return Proposal(layers=(*layers, *added), notice=notice, undo=list(layers))


def commune_card(bundle: Bundle, update: Sync, current: Mapping[str, object], shown: list | None) -> tuple:
    """(card, key) for the view the URL callback leaves, or ``no_update`` twice if it is shown.

    ``current`` holds the callback's inputs by name (search and the controls); the card
    depends on the commune, edition and vintage.
    """
    commune = update.final("commune", current) or ""
    key = [
        commune,
        bundle.domain.valid_edition(update.final("edition", current)),
        update.final("vintage", current) or bundle.latest_vintage,
    ]
    if key == shown:
        return no_update, no_update
    if commune not in bundle.communes.index:
        return html.P(Labels.COMMUNE_EMPTY, className="empty"), key
    return create_commune_card(commune_report(bundle, *key)), key


def bring_into_view(
    bundle: Bundle, trigger: str | None, update: Sync, current: Mapping[str, object]
) -> object:
    """A place chosen in a list (or opened from a link) is brought into view; a map click leaves the map."""
    if trigger in CLICK_LAYERS or trigger not in (None, Ids.URL, Ids.SEARCH, Ids.EPCI_SELECT, Ids.TABLE):
        return no_update
    commune = update.final("commune", current)
    epci = update.final("epci", current)
    if trigger == Ids.EPCI_SELECT:
        commune = ""
    bounds = place_bounds(bundle, ViewState(commune=commune or "", epci=epci or ""))
    if bounds is None:
        return no_update
    return {"bounds": bounds, "options": {"maxZoom": PLACE_MAX_ZOOM, "padding": [30, 30], "animate": False}}


def warning(message: object) -> object:
    """The message area's content: the warning, nothing, or ``no_update``."""
    if message is no_update:
        return no_update
    return html.P(message, className="warning") if message else ""


def first_view(bundle: Bundle, search: str) -> tuple[ViewState, dict[str, dict[str, object]]]:
    """The view a page opened at ``search`` shows, and the props that put it in the first layout.

    What the page-load callbacks used to send (the controls, the commune and EPCI cards, the
    layers note, the message, the view of a linked place) is in the layout itself, so the
    first view needs no callback: a shared link's card shows before the map's data arrives.
    The props are by component id (``ViewState`` already sets the controls).
    """
    state, problems = linked_state(bundle, search)
    message = Labels.BAD_URL.format(details=", ".join(problems)) if problems else ""
    edition = bundle.domain.valid_edition(state.edition)
    key = [state.commune, edition, state.vintage or bundle.latest_vintage]
    card_shown = state.commune in bundle.communes.index
    card = (
        create_commune_card(commune_report(bundle, *key))
        if card_shown
        else html.P(Labels.COMMUNE_EMPTY, className="empty")
    )
    epci = (
        create_epci_card(epci_report(bundle, state.epci, edition, state.vintage or bundle.latest_vintage))
        if state.epci in bundle.epci.index
        else html.P(Labels.EPCI_EMPTY, className="empty")
    )
    props: dict[str, dict[str, object]] = {
        Ids.URL: {"search": search},
        Ids.COMMUNE_CARD: {"children": card},
        Ids.CARD_STATE: {"data": key},
        Ids.EPCI_CARD: {"children": epci},
        Ids.LAYERS_NOTE: {"children": layers_note(bundle, edition, list(state.layers))},
        # What the page-load callbacks of the link, the exports and the sheet's button set: the
        # browser adds the link's address (``assets/20-dashboard.js``), which only it knows.
        Ids.PERMALINK_BLOCK: {"hidden": not card_shown},
        Ids.EXPORT_PNG: {"href": map_export("png", search)},
        Ids.EXPORT_PDF: {"href": map_export("pdf", search)},
        Ids.PRINT: {"disabled": not (state.commune or state.epci)},
        # The browser compares it with its address (a request without Referer got the default).
        Ids.MESSAGE: {"children": warning(message), "data-search": search},
    }
    bounds = place_bounds(bundle, state)
    if bounds is not None:
        props[Ids.MAP] = {"bounds": bounds, "boundsOptions": {"maxZoom": PLACE_MAX_ZOOM, "padding": [30, 30]}}
    return state, props


def register(app: Dash, bundle: Bundle) -> None:
    """Register the URL callback; its values travel by name (Dash's dict signatures).

    The first layout is built for the query its request's Referer names (``first_view``). A
    browser that sent none (or a trimmed one) got another view than its address: the browser
    then hands its address's query to this callback, once (``erbm.firstView`` compares it with
    the message area's ``data-search``). No request when they agree.
    """
    _register_url_sync(app, bundle)


def _register_url_sync(app: Dash, bundle: Bundle) -> None:
    """One server callback turns any control, click or link into the view and its address."""
    by_theme = theme_layers(bundle)

    @app.callback(
        output={
            "search": Output(Ids.URL, "search"),
            **{name: Output(component, "value") for name, component in CONTROLS.items()},
            "message": Output(Ids.MESSAGE, "children"),
            "options": Output(Ids.SEARCH, "options", allow_duplicate=True),
            "card": Output(Ids.COMMUNE_CARD, "children"),
            "card_key": Output(Ids.CARD_STATE, "data"),
            "viewport": Output(Ids.MAP, "viewport"),
            "notice": Output(Ids.THEME_NOTICE_TEXT, "children"),
            "notice_hidden": Output(Ids.THEME_NOTICE, "hidden"),
            "undo": Output(Ids.THEME_UNDO_STATE, "data"),
        },
        inputs={
            "search": Input(Ids.URL, "search"),
            **{name: Input(component, "value") for name, component in CONTROLS.items()},
            "clicks": tuple(Input(layer, "clickData") for layer in CLICK_LAYERS),
            "cell": Input(Ids.TABLE_PICK, "data"),
            "undo_clicks": Input(Ids.THEME_UNDO, "n_clicks"),
        },
        state={"shown": State(Ids.CARD_STATE, "data"), "undo": State(Ids.THEME_UNDO_STATE, "data")},
        # The first layout already shows the link's view (``first_view``).
        prevent_initial_call=True,
    )
    def url_sync(search, clicks, cell, undo_clicks, shown, undo, **controls):
        # The grid's row comes through its store (``callbacks.exports``): a table choice.
        trigger = Ids.TABLE if ctx.triggered_id == Ids.TABLE_PICK else ctx.triggered_id
        click = clicks[CLICK_LAYERS.index(trigger)] if trigger in CLICK_LAYERS else None
        current = {"search": search, **controls}
        inputs = {**controls, "click": click, "cell": cell, "undo": undo}
        update = sync(bundle, trigger, search, inputs, by_theme)
        update = update.without_current(current)
        # The dropdown only keeps a value that is among its options: send the option with it.
        options = commune_options(bundle, [update.commune]) if isinstance(update.commune, str) else no_update
        card, key = commune_card(bundle, update, current, shown)
        return {
            **update.outputs(),
            "message": warning(update.message),
            "options": options,
            "card": card,
            "card_key": key,
            "viewport": bring_into_view(bundle, trigger, update, current),
            "notice": update.notice,
            "notice_hidden": no_update if update.notice is no_update else not update.notice,
            "undo": update.undo,
        }
