"""The page in two renders: the map and what frames it first, the rest once the map is ready.

Dash renders a layout in one pass, and the map's layers start loading only once every
component of that pass has mounted: the side panels, the figures, the hidden views and the
footer cost about 70 ms of a first visit before the map could start (issue 22). Their
containers stay in the first layout, so the page keeps its shape; their contents travel in it
as data (a ``dcc.Store``) and are rendered by the browser once the map is ready, through Dash's
public ``set_props`` (``erbm.pageRest``, assets/20-dashboard.js). Dash indexes them then, and no
callback runs for them: every callback waits for an input (``prevent_initial_call``).
"""

from __future__ import annotations

from dash import dcc, html

from erbm_map.core.ids import Ids

#: The containers rendered empty at first, in the order the browser fills them. What frames the
#: map (the header, the edition switch, the view switch, the commune card and its link) renders
#: with it: filling them later would move the map, or the card a shared link opens on. The
#: dropdowns are the exception: their boxes hold their size from the first frame (``_field``), and
#: they cost a first visit about 40 ms of rendering before the map could start (issue 22).
LATER = (
    Ids.THEME_BOX,
    Ids.VINTAGE_BOX,
    Ids.SEARCH_BOX,
    Ids.MAP_LEGEND_LIST,
    Ids.MAP_EXPORTS,
    Ids.SIDEBAR,
    Ids.EPCI_PANEL,
    Ids.KPIS_PANEL,
    Ids.PANEL_TABLE,
    Ids.PANEL_CHANGES,
    Ids.COVERAGE_PANEL,
    Ids.FOOTER,
)


#: Containers that go later when the first view hides them: hidden, they take no room. The view's
#: link shows with a chosen commune's card (a shared link), and then renders with it.
LATER_WHEN_HIDDEN = (Ids.PERMALINK_BLOCK,)


def later_slots(page: html.Div) -> tuple[Ids, ...]:
    """The containers of ``page`` rendered empty at first, in the order the browser fills them."""
    return LATER + tuple(slot for slot in LATER_WHEN_HIDDEN if getattr(page[slot], "hidden", False))


def render_later(page: html.Div) -> html.Div:
    """The page with its later containers emptied, their contents in one store of the page."""
    contents = {}
    for slot in later_slots(page):
        container = page[slot]
        contents[slot.value] = container.children
        container.children = None
    page.children = [*page.children, dcc.Store(id=Ids.PAGE_LATER, data=contents)]
    return page
