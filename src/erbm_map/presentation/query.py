"""What a presentation link asks for: ``?chapter=N`` (1-based) and ``?commune=<INSEE>``.

Invalid values never fail the page: they fall back to the first chapter or to the
deck without a focus commune, with a short message saying so.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

from erbm_map.presentation.deck_labels import PresentationLabels as L

#: A value echoed in a message is cut to this length (the URL is user input).
ECHO_LIMIT = 12


@dataclass(frozen=True)
class Query:
    """The parameters read from a link."""

    chapter: str = ""
    commune: str = ""
    bad_commune: str = ""


def _echo(value: str) -> str:
    return value if len(value) <= ECHO_LIMIT else value[:ECHO_LIMIT] + "…"


def parse_query(search: str | None, communes: frozenset[str] | set[str]) -> Query:
    """Read ``?chapter`` and ``?commune``; an unknown commune is kept aside for the message."""
    params = parse_qs((search or "").lstrip("?"), keep_blank_values=True)
    chapter = (params.get("chapter") or [""])[-1].strip()
    commune = (params.get("commune") or [""])[-1].strip()
    if commune and commune not in communes:
        return Query(chapter=chapter, bad_commune=commune)
    return Query(chapter=chapter, commune=commune)


def chapter_index(raw: str, total: int) -> int | None:
    """0-based index of ``?chapter=N`` among ``total`` chapters; None when N is not one of them."""
    if not raw.isdigit():
        return None
    number = int(raw)
    return number - 1 if 1 <= number <= total else None


def problems(query: Query, total: int) -> list[str]:
    """Short French messages for what the link asked and could not get."""
    found = []
    if query.bad_commune:
        found.append(L.COMMUNE_UNKNOWN.format(code=_echo(query.bad_commune)))
    if query.chapter and chapter_index(query.chapter, total) is None:
        found.append(L.CHAPTER_UNKNOWN.format(value=_echo(query.chapter)))
    return found
