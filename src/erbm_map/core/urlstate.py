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
    choices, problems = _read_choices(params, themes=themes, vintages=vintages, editions=editions)
    places, place_problems = _read_places(params, communes=communes, epcis=epcis, commune_named=commune_named)
    return default.with_(**choices, **places), problems + place_problems


def _bad(name: str, value: str) -> str:
    """The French line saying a value was ignored (cut short: it comes from the address bar)."""
    return Labels.URL_BAD_VALUE.format(name=name, value=value[:40])


def _read_choices(
    params: dict[str, str], *, themes: tuple[str, ...], vintages: tuple[str, ...], editions: tuple[str, ...]
) -> tuple[dict[str, object], list[str]]:
    """Edition, theme, vintage and layers asked for: (the known values, the ignored ones)."""
    changes: dict[str, object] = {}
    problems: list[str] = []
    if "edition" in params:
        if params["edition"] in editions:
            changes["edition"] = params["edition"]
        else:
            problems.append(_bad(Labels.URL_EDITION, params["edition"]))
    if "theme" in params:
        value = params["theme"]
        if value == ALL_THEMES or (_SLUG.match(value) and value in themes):
            changes["theme"] = value
        else:
            problems.append(_bad(Labels.URL_THEME, value))
    if "vintage" in params:
        value = params["vintage"]
        if _VINTAGE.match(value) and value in vintages:
            changes["vintage"] = value
        else:
            problems.append(_bad(Labels.URL_VINTAGE, value))
    if "layers" in params:
        asked = [p.strip() for p in params["layers"].split(",") if p.strip()]
        changes["layers"] = tuple(dict.fromkeys(p for p in asked if p in ALL_LAYERS))
        problems += [_bad(Labels.URL_LAYER, unknown) for unknown in asked if unknown not in ALL_LAYERS]
    return changes, problems


def _read_places(
    params: dict[str, str],
    *,
    communes: frozenset[str] | set[str],
    epcis: frozenset[str] | set[str],
    commune_named: Callable[[str], str | None] | None,
) -> tuple[dict[str, object], list[str]]:
    """The commune (code or name) and the EPCI asked for: (the known ones, the ignored ones)."""
    changes: dict[str, object] = {}
    problems: list[str] = []
    if "commune" in params:
        value = params["commune"].upper()
        named = commune_named(params["commune"]) if commune_named and not _CODE.match(value) else None
        if _CODE.match(value) and value in communes:
            changes["commune"] = value
        elif named in communes:
            changes["commune"] = named
        else:
            problems.append(_bad(Labels.CHART_COMMUNE, params["commune"]))
    if "epci" in params:
        value = params["epci"]
        if _SIREN.match(value) and value in epcis:
            changes["epci"] = value
        else:
            problems.append(_bad(Labels.URL_EPCI, value))
    return changes, problems


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
