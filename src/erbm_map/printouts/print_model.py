"""The print sheet's content model: plain, already formatted text that both renderers lay out."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One item of a block, with its date or status in small print."""

    text: str
    note: str = ""


@dataclass(frozen=True)
class Block:
    """A titled list; ``empty`` says plainly when there is nothing, ``sources`` are printed once."""

    key: str
    title: str
    lines: tuple[Line, ...] = ()
    empty: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Zone:
    """The zoning of the commune, as its card shows it."""

    code: str
    label: str
    color: str
    vintage: str
    description: str


@dataclass(frozen=True)
class Sheet:
    """Everything one sheet prints, already worded and formatted."""

    kind: str
    heading: str
    name: str
    slug: str
    facts: tuple[tuple[str, str], ...]
    zone: Zone | None
    blocks: tuple[Block, ...]
    sources: tuple[str, ...]
    permalink: str
    issued: str
    map_alt: str
    #: Accent and muted text colours of the printed page (``chart`` rows of ``sources/symbols.csv``).
    accent: str
    muted: str
