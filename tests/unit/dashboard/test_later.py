"""The page in two renders (``dashboard.layout.later``): nothing lost, and the map's frame first."""

from __future__ import annotations

import json

import pytest
from dash import dcc
from plotly.utils import PlotlyJSONEncoder

from erbm_map.app import address_page
from erbm_map.core.ids import Ids
from erbm_map.dashboard.layout.later import LATER, later_slots, render_later
from erbm_map.web.server import map_urls
from tests.support.components import walk

#: A shared link's address, whose card shows with the view's link.
LINKED = "?commune=62510"


def _page(bundle, search: str = LINKED):
    return address_page(bundle, map_urls(bundle), search, tiles=False)


def _ids(node: object) -> set[str]:
    return {str(c.id) for c in walk(node) if getattr(c, "id", None)}


def _json(node: object) -> object:
    return json.loads(json.dumps(node, cls=PlotlyJSONEncoder))


@pytest.mark.parametrize("search", ["", LINKED])
def test_each_later_container_is_empty_at_first_and_its_part_travels_in_the_store(bundle, search):
    whole = _page(bundle, search)
    first = render_later(_page(bundle, search))
    store = first.children[-1]
    assert isinstance(store, dcc.Store) and store.id == Ids.PAGE_LATER
    slots = later_slots(whole)
    assert slots[: len(LATER)] == LATER
    assert list(store.data) == [slot.value for slot in slots]
    for slot in slots:
        assert first[slot].children is None, slot
        assert _json(store.data[slot.value]) == _json(whole[slot].children), slot


def test_no_component_is_lost_and_what_frames_the_map_renders_with_it(bundle):
    whole = _page(bundle)
    first = render_later(_page(bundle))
    store = first.children[-1]
    later = set().union(*(_ids(child) for part in store.data.values() for child in _as_list(part)))
    assert _ids(first) | later == _ids(whole) | {Ids.PAGE_LATER}
    # The map, what sits above it, and the card a shared link opens on: none moves later.
    framing = {Ids.MAP, Ids.EDITION, Ids.TABS, Ids.COMMUNE_CARD, Ids.PERMALINK}
    boxes = {Ids.THEME_BOX, Ids.VINTAGE_BOX, Ids.SEARCH_BOX}
    assert framing | boxes <= _ids(first)
    assert not framing & later
    # The dropdowns come into their boxes, which hold their size (``_field``).
    assert {Ids.THEME, Ids.VINTAGE, Ids.SEARCH} <= later


def test_the_views_link_renders_first_only_where_it_shows(bundle):
    """Hidden on the default view, it takes no room: it can come with the rest."""
    default = render_later(_page(bundle, ""))
    assert default[Ids.PERMALINK_BLOCK].hidden and default[Ids.PERMALINK_BLOCK].children is None
    assert Ids.PERMALINK.value not in _ids(default)
    linked = render_later(_page(bundle))
    assert not linked[Ids.PERMALINK_BLOCK].hidden
    assert Ids.PERMALINK.value in _ids(linked)


def _as_list(part: object) -> list[object]:
    return list(part) if isinstance(part, list | tuple) else [part]
