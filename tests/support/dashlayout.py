"""Read Dash's ``/_dash-layout`` as the renderer does: every component with an id, by id.

Shared by the robustness benchmark and the tests that build callback requests the way the
browser builds them, or check the callbacks against the page.
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


def callback_outputs(spec: str) -> list[dict[str, str]] | dict[str, str]:
    """A dependency's ``output`` as the renderer sends it in ``outputs``: ``"a.b"`` gives one
    ``{"id", "property"}``, ``"..a.b...c.d.."`` a list of them (ids hold no dots)."""
    parts = spec.strip(".").split("...") if spec.startswith("..") else [spec]
    outputs = [dict(zip(("id", "property"), part.split(".", 1), strict=True)) for part in parts]
    return outputs if spec.startswith("..") else outputs[0]
