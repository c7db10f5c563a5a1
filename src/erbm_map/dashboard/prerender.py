"""The page before its scripts: the first view's card as plain HTML, in French.

On a phone on slow 4G the dashboard's scripts take seconds to arrive, and until Dash has
rendered its layout the page would show Dash's « Loading... ». A shared link's reader wants
the commune's card: it is in the page's HTML itself, written from the same report and the
same card components as the app's (``first_view``, ``web.static_html``), with a plain link
to its print sheet, which works before any script. The stylesheet hides this block as soon
as the app has rendered its own layout (``assets/10-dashboard.css``), and
``assets/18-prerender.js`` then takes it out of the page, so nothing shows or reads twice.

The figures panel is written here too, for good (``figures_template``): the browser moves it
into the app's panel, and Dash never renders it.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlencode

from dash import Dash, html
from dash.development.base_component import Component
from flask import has_request_context, request

from erbm_map.core.ids import Ids
from erbm_map.core.labels import Labels
from erbm_map.core.state import ViewState
from erbm_map.dashboard.callbacks.urlsync import first_view
from erbm_map.dashboard.layout.kpis import create_kpis
from erbm_map.data import Bundle
from erbm_map.web.static_html import to_html
from erbm_map.web.urls import SHEET

#: First views kept written, by query (a shared link opened by a room asks for the same page).
KEPT = 64


def without_ids(node: object) -> object:
    """``node`` with no component id: the app's own card, with its ids, replaces this copy."""
    if isinstance(node, list | tuple):
        return [without_ids(child) for child in node]
    if isinstance(node, Component):
        if getattr(node, "id", None) is not None:
            node.id = None
        if getattr(node, "children", None) is not None:
            node.children = without_ids(node.children)
    return node


def prerender_block(bundle: Bundle, state: ViewState, props: dict[str, dict[str, object]]) -> html.Div:
    """The header and, for a link to a commune, its card and sheet link; then a loading line.

    ``state`` and ``props`` are the page's first view (``first_view``), as its layout has them.
    """
    children: list[object] = [
        html.Header(
            [
                html.P(Labels.TITLE, className="prerender-title"),
                html.P(Labels.SUBTITLE, className="subtitle"),
            ],
            className="prerender-header",
        )
    ]
    if state.commune in bundle.communes.index:
        card = without_ids(props[Ids.COMMUNE_CARD]["children"])
        sheet = SHEET + "?" + urlencode({"commune": state.commune, "edition": state.edition})
        children.append(
            html.Section(
                [card, html.A(Labels.PRINT, href=sheet, className="button")],
                className="panel card commune-panel",
                **{"aria-label": Labels.COMMUNE_CARD},
            )
        )
    children.append(html.P(Labels.LOADING, className="prerender-loading", role="status"))
    return html.Div(children, id=Ids.PRERENDER, className="prerender")


def figures_template(bundle: Bundle, edition: str, theme: str) -> str:
    """The figures panel of an edition and theme, as an inert ``<template>``.

    Not Dash components: ~560 of them made three quarters of the layout, and React and Dash's
    store paid for each at the first render and at every later update. The browser moves a
    copy into the panel's empty box (``Ids.KPIS``) once Dash has rendered it
    (assets/18-prerender.js); a ``<template>``'s content is not part of the page until then,
    so nothing shows or reads twice.
    """
    figures = to_html(create_kpis(bundle, edition, theme))
    return f'<template id="{Ids.KPIS_HTML}">{figures}</template>'


def register_prerender(app: Dash, bundle: Bundle) -> None:
    """Write each page's first view into its HTML, in place of Dash's « Loading... »."""
    # The figures depend on the edition and theme only: many links share them.
    figures_of = lru_cache(maxsize=KEPT)(lambda edition, theme: figures_template(bundle, edition, theme))

    @lru_cache(maxsize=KEPT)
    def written(search: str) -> tuple[str, str]:
        state, props = first_view(bundle, search)
        return to_html(prerender_block(bundle, state, props)), figures_of(state.edition, state.theme)

    original = app.interpolate_index

    def interpolate_index(**kwargs: str) -> str:
        # Dash's ``index()`` may be called outside a request (to read its scripts): the bare view.
        query = request.query_string.decode("utf-8", "replace") if has_request_context() else ""
        entry = kwargs["app_entry"].replace("Loading...", "")
        before, figures = written(f"?{query}" if query else "")
        kwargs["app_entry"] = before + entry + figures
        return original(**kwargs)

    app.interpolate_index = interpolate_index
