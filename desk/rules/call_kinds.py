"""Priorities and categories of calls: their names on the command line and their labels."""

from __future__ import annotations

from desk.kinds import Priority
from desk.rules.labels import CATEGORY_LABELS, PRIORITY_LABELS

__all__ = [
    "CATEGORY_LABELS",
    "PRIORITY_LABELS",
    "PRIORITY_NAMES",
    "parse_category",
    "parse_priority",
]

PRIORITY_NAMES: dict[str, int] = {p.name.lower(): p.value for p in Priority}
"""Command-line names: urgent, important, deferrable, minor."""


_PRIORITY_ALIASES = {"急": 1, "重": 2, "缓": 3, "轻": 4}


def parse_priority(text: str) -> int | None:
    """A priority from its name, digit 1-4 or Chinese mark (急 重 缓 轻); None if unknown."""
    key = text.strip().lower()
    if key in PRIORITY_NAMES:
        return PRIORITY_NAMES[key]
    if key in {"1", "2", "3", "4"}:
        return int(key)
    return _PRIORITY_ALIASES.get(key)


def parse_category(text: str) -> str | None:
    """A category from its name (consultation, complaint, major_event, major-event …)."""
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    return key if key in CATEGORY_LABELS else None
