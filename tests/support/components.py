"""Reading Dash component trees in unit tests: every node, and the text a reader sees."""

from __future__ import annotations

from collections.abc import Iterator


def walk(node: object) -> Iterator[object]:
    """The node and every component below it (text and numbers are leaves, not visited)."""
    yield node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from walk(child)


def text_of(node: object) -> str:
    """A component's text, its children's joined by spaces."""
    if isinstance(node, str):
        return node
    children = getattr(node, "children", None)
    if isinstance(children, list | tuple):
        return " ".join(text_of(c) for c in children)
    return "" if children is None else text_of(children)
