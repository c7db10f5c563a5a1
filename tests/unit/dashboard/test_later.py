"""The page in two renders (``dashboard.layout.later``): nothing lost, and the map's frame first."""

from __future__ import annotations

import json

from dash import dcc
from plotly.utils import PlotlyJSONEncoder

from erbm_map.core.ids import Ids
from erbm_map.core.state import ViewState
from erbm_map.dashboard.layout.later import LATER, render_later
from erbm_map.dashboard.layout.page import create_page
from erbm_map.web.server import map_urls
from tests.support.components import walk


def _page(bundle):
    return create_page(bundle, ViewState.default(bundle).with_(commune="62510"), map_urls(bundle))


def _ids(node: object) -> set[str]:
    return {str(c.id) for c in walk(node) if getattr(c, "id", None)}


def _json(node: object) -> object:
    return json.loads(json.dumps(node, cls=PlotlyJSONEncoder))


def test_each_later_container_is_empty_at_first_and_its_part_travels_in_the_store(bundle):
    whole = _page(bundle)
    first = render_later(_page(bundle))
    store = first.children[-1]
    assert isinstance(store, dcc.Store) and store.id == Ids.PAGE_LATER
    assert list(store.data) == [slot.value for slot in LATER]
    for slot in LATER:
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


def _as_list(part: object) -> list[object]:
    return list(part) if isinstance(part, list | tuple) else [part]
