"""Header controls: edition, theme, zoning vintage and commune search."""

from __future__ import annotations

from dash import dcc, html

from erbm_map.core.domain import ESTABLISHMENT_LAYERS, Domain
from erbm_map.core.ids import Ids
from erbm_map.core.labels import LAYER_LABELS, Labels
from erbm_map.core.state import ALL_THEMES, ViewState
from erbm_map.core.text import fold
from erbm_map.core.widget_labels import DROPDOWN_LABELS
from erbm_map.data import Bundle


def _field(
    label: str, control: object, control_id: str, box_id: str, hint: str = "", hint_id: str = ""
) -> html.Div:
    """A labelled control, with an optional hint: a note under it that describes it.

    Dash 4's dropdown takes no ARIA props: assets/22-a11y.js copies the field's
    ``data-describedby`` to the button as ``aria-describedby``. Its box holds the dropdown's
    height from the first frame: Dash loads the dropdown lazily, and it can appear a few hundred
    milliseconds after the page, which moved everything under the header (110 px on a desktop).
    The box is also where the dropdown is rendered once the map is ready (``box_id``, a container
    of ``dashboard.layout.later``).
    """
    name = html.Label(label, htmlFor=control_id, className="field-label")
    # ``data-control``: a tap on the box before the dropdown is in it opens the dropdown once it
    # is (``erbm.tapAhead``, assets/20-dashboard.js).
    box = html.Div(control, id=box_id, className="control-box", **{"data-control": control_id})
    if not hint:
        return html.Div([name, box], className="field")
    note = html.P(hint, id=hint_id, className="note field-hint")
    return html.Div([name, box, note], className="field", **{"data-describedby": hint_id})


#: How many communes the search list offers at once.
SEARCH_LIMIT = 12


def commune_options(bundle: Bundle, codes: list[str], query: str = "") -> list[dict[str, str]]:
    """Options for some communes, in the given order.

    ``search`` holds every form the user may type (name with or without accents, INSEE
    and postal codes, and the ``query`` the server matched, typos included) so that the
    dropdown's own word filter keeps what the server ranked.
    """
    communes = bundle.communes.loc[codes]
    return [
        {
            "label": f"{nom} ({insee})",
            "value": insee,
            "search": f"{nom} {fold(nom)} {insee} {postal.replace(';', ' ')} {query}".strip(),
        }
        for nom, insee, postal in zip(
            communes["nom"], communes["insee"], communes["codes_postaux"], strict=True
        )
    ]


def create_controls(bundle: Bundle, state: ViewState) -> html.Div:
    """The row of controls in the header."""
    return html.Div(
        [
            _edition_switch(bundle, state),
            _theme_field(bundle, state),
            _vintage_field(bundle, state),
            _search_field(bundle, state),
        ],
        className="controls",
    )


def _edition_switch(bundle: Bundle, state: ViewState) -> html.Div:
    """The editions as radio buttons: a group named by its visible label."""
    return html.Div(
        [
            html.Span(Labels.EDITION, className="field-label", id=Ids.EDITION_LABEL),
            dcc.RadioItems(
                id=Ids.EDITION,
                options=[{"label": e.label, "value": e.key} for e in bundle.domain.editions],
                value=state.edition,
                inline=True,
                className="edition-switch",
            ),
        ],
        className="field",
        role="group",
        **{"aria-labelledby": Ids.EDITION_LABEL},
    )


def _theme_field(bundle: Bundle, state: ViewState) -> html.Div:
    """The theme dropdown, « all themes » first."""
    themes = [{"label": Labels.ALL_THEMES, "value": ALL_THEMES}] + [
        {"label": label, "value": slug}
        for slug, label in zip(bundle.themes["slug"], bundle.themes["label"], strict=True)
    ]
    return _field(
        Labels.THEME,
        dcc.Dropdown(
            id=Ids.THEME, options=themes, value=state.theme, clearable=False, labels=DROPDOWN_LABELS
        ),
        Ids.THEME,
        Ids.THEME_BOX,
    )


def _vintage_field(bundle: Bundle, state: ViewState) -> html.Div:
    """The zoning vintage dropdown, the latest first."""
    vintages = [
        {"label": Labels.VINTAGE_OPTION.format(vintage=v), "value": v} for v in reversed(bundle.vintages)
    ]
    return _field(
        Labels.VINTAGE,
        dcc.Dropdown(
            id=Ids.VINTAGE,
            options=vintages,
            value=state.vintage or bundle.latest_vintage,
            clearable=False,
            labels=DROPDOWN_LABELS,
        ),
        Ids.VINTAGE,
        Ids.VINTAGE_BOX,
    )


def _search_field(bundle: Bundle, state: ViewState) -> html.Div:
    """The commune search; its options come from the server as one types (``search_callbacks``)."""
    return _field(
        Labels.SEARCH,
        dcc.Dropdown(
            id=Ids.SEARCH,
            # The dropdown only keeps a value among its options: the linked commune's is there.
            options=commune_options(bundle, [state.commune] if state.commune else []),
            value=state.commune or None,
            placeholder=Labels.SEARCH_PLACEHOLDER,
            clearable=True,
            search_order="original",
            labels={
                **DROPDOWN_LABELS,
                "no_options_found": Labels.SEARCH_NONE,
                "search": Labels.SEARCH_PLACEHOLDER,
            },
        ),
        Ids.SEARCH,
        Ids.SEARCH_BOX,
        hint=Labels.SEARCH_HINT,
        hint_id=Ids.SEARCH_HINT,
    )


def layer_options(domain: Domain) -> list[dict[str, str]]:
    """The layer checklist's options; a category's label starts with its map letter."""
    return [
        {
            "label": f"{domain.category(layer).letter} — {label}" if layer in ESTABLISHMENT_LAYERS else label,
            "value": layer,
        }
        for layer, label in LAYER_LABELS.items()
    ]


def create_theme_notice() -> html.Div:
    """What a theme just added to the layers, and « Annuler » to take it back.

    A theme proposes layers; the planner decides: the notice stays until the layers are
    changed by hand or the choice is undone. The layers before the theme wait in a store.
    """
    return html.Div(
        [
            html.P(id=Ids.THEME_NOTICE_TEXT),
            html.Button(Labels.THEME_UNDO, id=Ids.THEME_UNDO, n_clicks=0, className="button"),
            dcc.Store(id=Ids.THEME_UNDO_STATE),
        ],
        id=Ids.THEME_NOTICE,
        className="theme-notice note",
        role="status",
        hidden=True,
    )


def create_layers_panel(domain: Domain, state: ViewState) -> html.Section:
    """The layers checklist; the note under it says what a layer cannot show."""
    return html.Section(
        [
            html.H2(Labels.LAYERS, id=Ids.LAYERS_TITLE),
            dcc.Checklist(
                id=Ids.LAYERS,
                options=layer_options(domain),
                value=list(state.layers),
                className="layers-list",
            ),
            create_theme_notice(),
            html.Div(id=Ids.LAYERS_NOTE, className="note", role="note"),
        ],
        className="panel layers-panel",
        **{"aria-labelledby": Ids.LAYERS_TITLE},
    )
