"""Read Dash's ``/_dash-layout`` as the renderer does: every component with an id, by id.

Shared by the robustness benchmark and the interaction-payload test, which both build
callback requests the way the browser builds them.
"""

from __future__ import annotations


def collect_components(node: object, found: dict[str, dict]) -> None:
    """Add to ``found`` the props of every component of ``node`` that has a string id."""
    if isinstance(node, dict):
        props = node.get("props")
        if isinstance(props, dict) and isinstance(props.get("id"), str):
            found[props["id"]] = props
        for value in node.values():
            collect_components(value, found)
    elif isinstance(node, list):
        for value in node:
            collect_components(value, found)
