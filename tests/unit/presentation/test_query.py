"""Presentation links: ?chapter and ?commune never break the page."""

from __future__ import annotations

import pytest

from erbm_map.presentation.query import Query, chapter_index, parse_query, problems

COMMUNES = frozenset({"62498", "59606"})


def test_reads_chapter_and_commune():
    assert parse_query("?chapter=3&commune=62498", COMMUNES) == Query(chapter="3", commune="62498")
    assert parse_query(None, COMMUNES) == Query()


def test_an_unknown_commune_is_kept_aside():
    assert parse_query("?commune=abc", COMMUNES) == Query(bad_commune="abc")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", 0), ("12", 11), ("13", None), ("0", None), ("-1", None), ("x", None), ("", None), ("999", None)],
)
def test_chapter_index(raw, expected):
    assert chapter_index(raw, 12) == expected


def test_problems_are_short_and_cut_long_input():
    found = problems(Query(chapter="999", bad_commune="a" * 40), 12)
    assert len(found) == 2
    assert "999" in found[1]
    assert "a" * 12 + "…" in found[0]
    assert "a" * 13 not in found[0]
    assert problems(Query(chapter="2"), 12) == []
