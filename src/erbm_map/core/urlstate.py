"""Every view is a link: parse and write the query string, validating each value.

Unknown or malformed values fall back to the default, and each fallback is
reported in French so the page can say what it ignored instead of failing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlencode

from erbm_map.core.domain import ALL_LAYERS
from erbm_map.core.labels import Labels
from erbm_map.core.state import ALL_THEMES, ViewState

MAX_QUERY_LENGTH = 2000
_CODE = re.compile(r"^[0-9][0-9AB][0-9]{3}$")
_SIREN = re.compile(r"^[0-9]{9}$")
_VINTAGE = re.compile(r"^[0-9]{4}$")
_SLUG = re.compile(r"^[a-z0-9-]{1,40}$")


def parse_query(
    search: str | None,
    *,
    communes: frozenset[str] | set[str],
    epcis: frozenset[str] | set[str],
    themes: tuple[str, ...],
    vintages: tuple[str, ...],
    editions: tuple[str, ...],
    default: ViewState,
    commune_named: Callable[[str], str | None] | None = None,
) -> tuple[ViewState, list[str]]:
    """The view a query string asks for, and the list of values that were ignored.

    ``commune`` is an INSEE code or, when ``commune_named`` is given, a commune's name
    (``?commune=henin-beaumont``): it returns the one commune of that name, or None.
    """
    if not search:
        return default, []
    text = search[1:] if search.startswith("?") else search
    if len(text) > MAX_QUERY_LENGTH:
        return default, [Labels.URL_TOO_LONG.value]
    params = {k: v[-1].strip() for k, v in parse_qs(text, keep_blank_values=True).items()}
    state, problems = default, []

    def bad(name: str, value: str) -> None:
        problems.append(Labels.URL_BAD_VALUE.format(name=name, value=value[:40]))

    if "edition" in params:
        if params["edition"] in editions:
            state = state.with_(edition=params["edition"])
        else:
            bad(Labels.URL_EDITION, params["edition"])
    if "theme" in params:
        value = params["theme"]
        if value == ALL_THEMES or (_SLUG.match(value) and value in themes):
            state = state.with_(theme=value)
        else:
            bad(Labels.URL_THEME, value)
    if "vintage" in params:
        value = params["vintage"]
        if _VINTAGE.match(value) and value in vintages:
            state = state.with_(vintage=value)
        else:
            bad(Labels.URL_VINTAGE, value)
    if "layers" in params:
        asked = [p.strip() for p in params["layers"].split(",") if p.strip()]
        known = tuple(dict.fromkeys(p for p in asked if p in ALL_LAYERS))
        for unknown in (p for p in asked if p not in ALL_LAYERS):
            bad(Labels.URL_LAYER, unknown)
        state = state.with_(layers=known)
    if "commune" in params:
        value = params["commune"].upper()
        named = commune_named(params["commune"]) if commune_named and not _CODE.match(value) else None
        if _CODE.match(value) and value in communes:
            state = state.with_(commune=value)
        elif named in communes:
            state = state.with_(commune=named)
        else:
            bad(Labels.CHART_COMMUNE, params["commune"])
    if "epci" in params:
        value = params["epci"]
        if _SIREN.match(value) and value in epcis:
            state = state.with_(epci=value)
        else:
            bad(Labels.URL_EPCI, value)
    return state, problems


def to_query(state: ViewState) -> str:
    """The query string of a view (empty values are left out), with its leading ``?``."""
    params = {
        "commune": state.commune,
        "epci": state.epci,
        "edition": state.edition,
        "theme": state.theme if state.theme != ALL_THEMES else "",
        "vintage": state.vintage,
        "layers": ",".join(state.layers) if state.layers else "",
    }
    pairs = {k: v for k, v in params.items() if v}
    if not state.layers:
        pairs["layers"] = ""
    return "?" + urlencode(pairs, safe=",")
