"""Priority and category names as typed on the command line."""

from __future__ import annotations

import pytest

from desk.rules.call_kinds import CATEGORY_LABELS, PRIORITY_LABELS, parse_category, parse_priority


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("urgent", 1),
        ("IMPORTANT", 2),
        (" deferrable ", 3),
        ("minor", 4),
        ("1", 1),
        ("急", 1),
        ("轻", 4),
        ("huge", None),
        ("5", None),
        ("", None),
    ],
)
def test_parse_priority(text: str, grade: int | None) -> None:
    assert parse_priority(text) == grade


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("complaint", "complaint"),
        ("major-event", "major_event"),
        ("Involves Leader", "involves_leader"),
        ("gossip", None),
    ],
)
def test_parse_category(text: str, value: str | None) -> None:
    assert parse_category(text) == value


def test_every_grade_and_category_has_a_label() -> None:
    assert set(PRIORITY_LABELS) == {1, 2, 3, 4}
    assert len(CATEGORY_LABELS) == 10
