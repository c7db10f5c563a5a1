"""Dash HTML components written out as static HTML: the presentation file, the page before its scripts.

The exported deck must say exactly what ``/presentation`` says. Rather than write the chapters
a second time as templates, the deck renders the very components the served presentation
builds (:mod:`erbm_map.presentation.deck_layout`) through their public ``to_plotly_json`` form.
Only ``dash.html`` components are supported: a chapter body is plain HTML; anything else
(a graph, a store) has no static meaning and is refused loudly rather than dropped.
The dashboard's page writes its first view's card the same way, ahead of its scripts
(``dashboard.prerender``).
"""

from __future__ import annotations

import json
import re
from html import escape

from dash.development.base_component import Component

HTML_NAMESPACE = "dash_html_components"
#: Props of dash.html components that are React bookkeeping, not HTML attributes.
SKIPPED = {"children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "key", "loading_state"}
#: React's attribute names that differ from HTML's.
RENAMED = {"className": "class", "htmlFor": "for", "tabIndex": "tabindex", "colSpan": "colspan"}
VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr"}
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def _css(style: dict[str, object]) -> str:
    """``{"zIndex": 3}`` -> ``z-index: 3``."""
    return "; ".join(f"{_CAMEL.sub('-', key).lower()}: {value}" for key, value in style.items())


def _attribute(name: str, value: object) -> str:
    if value is None or value is False:
        return ""
    if name == "id" and isinstance(value, dict):
        # A pattern-matching id (a chapter's) is Dash's, not the page's: kept as data for scripts.
        return f' data-dash-id="{escape(json.dumps(value, sort_keys=True))}"'
    if name == "style" and isinstance(value, dict):
        return f' style="{escape(_css(value))}"'
    attr = RENAMED.get(name, name)
    if value is True:
        return f" {attr}"
    return f' {attr}="{escape(str(value))}"'


def to_html(node: object) -> str:
    """A component tree (components, strings, numbers, lists) as an HTML string."""
    if node is None:
        return ""
    if isinstance(node, str):
        return escape(node, quote=False)
    if isinstance(node, int | float):
        return escape(str(node), quote=False)
    if isinstance(node, list | tuple):
        return "".join(to_html(child) for child in node)
    if not isinstance(node, Component):
        raise TypeError(f"cannot write {type(node).__name__} as static HTML")
    data = node.to_plotly_json()
    if data["namespace"] != HTML_NAMESPACE:
        raise TypeError(f"{data['namespace']}.{data['type']} has no static HTML form")
    tag = str(data["type"]).lower()
    props = data["props"]
    attributes = "".join(_attribute(k, v) for k, v in props.items() if k not in SKIPPED)
    if tag in VOID:
        return f"<{tag}{attributes}>"
    return f"<{tag}{attributes}>{to_html(props.get('children'))}</{tag}>"
