"""Demo calls made a column at a time: a million rows in a few seconds of Python."""

from __future__ import annotations

import json
import random
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from desk.store.search import digit_triples, pairs

PRIORITY_WEIGHTS = ((1, 5), (2, 15), (3, 50), (4, 30))
CATEGORY_WEIGHTS = (
    ("consultation", 45),
    ("complaint", 10),
    ("suggestion", 8),
    ("praise", 5),
    ("directive", 3),
    ("major_event", 1),
    ("involves_leader", 2),
    ("repair", 12),
    ("harassment", 2),
    ("other", 12),
)
OLD_STATUS_POOL = ("archived",) * 88 + ("fed_back",) * 12
"""Calls older than a month were all answered; the open work is the last month's (a few
percent of a million old calls left "resolved, not told" filled the queue with years-old
urgent items no desk would have)."""
RECENT_STATUS_POOL = ("registered", "routed", "awaiting_instruction", "resolved", "fed_back")
DONE = frozenset(("resolved", "fed_back", "archived"))
FED_BACK = frozenset(("fed_back", "archived"))
TOLD = frozenset(("directive", "major_event"))
INSTRUCTION = "请相关科室尽快处理并回复"
RESOLUTION = "已处理并答复来电人"
RECENT_S = 30 * 86400
"""Calls younger than this are still being worked; older ones are mostly archived."""
STAMP_COLUMNS = ("received_at", "leadership_told_at", "resolved_at", "fed_back_at", "archived_at")
CALL_COLUMNS = (
    "received_at",
    "org",
    "caller",
    "content",
    "number_raw",
    "number_e164",
    "org_initials",
    "caller_initials",
    "recorder_id",
    "priority",
    "category",
    "department_id",
    "status",
    "leadership_told_at",
    "instruction",
    "resolution",
    "resolved_at",
    "fed_back_at",
    "archived_at",
)
"""The varying columns; is_sales_lead, desk, created_at and updated_at follow from them."""


@dataclass(frozen=True)
class Contact:
    """A caller at an organisation, with the callback number they give."""

    org: str
    org_initials: str
    name: str
    name_initials: str
    number: str
    terms: tuple[str | None, ...] = field(default=(), compare=False)
    """The search index's text of org, caller, org and caller initials, number (see search)."""


def contact(org: str, org_initials: str, name: str, name_initials: str, number: str) -> Contact:
    """A contact with its search terms worked out once."""
    terms = (pairs(org), pairs(name), pairs(org_initials), pairs(name_initials))
    return Contact(org, org_initials, name, name_initials, number, (*terms, digit_triples(number)))


@dataclass(frozen=True)
class SearchParts:
    """The search index of generated calls, in parts SQLite can join without Python.

    Each call is a code: its contact's place in `contacts` times `width`, plus its content's
    place in `contents`. The codes go to SQLite as one JSON array.
    """

    contacts: list[tuple[Any, ...]]
    """(place, org, caller, org initials, caller initials, number) as the index holds them."""
    contents: list[tuple[int, str | None]]
    """(place, content) as the index holds it."""
    codes: str
    width: int


@dataclass
class CallColumns:
    """Generated calls, one list per column (timestamps as Unix seconds), oldest first."""

    values: dict[str, list[Any]]
    contacts: Sequence[Contact]
    picks: list[int]
    """The place in `contacts` of each call's contact."""

    def __len__(self) -> int:
        return len(self.values["received_at"])

    def org_summary(self) -> list[tuple[str, str, int, int]]:
        """What the organisation list gains: (org, initials, newest call, calls) per org."""
        orgs = self.values["org"]
        newest = dict(zip(orgs, self.values["received_at"], strict=True))
        initials = {c.org: c.org_initials for c in self.contacts}
        return [(o, initials[o], newest[o], n) for o, n in Counter(orgs).items() if o]

    def search_parts(self) -> SearchParts:
        """The search index's rows, as the triggers would make them, in joinable parts."""
        contents = list(dict.fromkeys(self.values["content"]))
        place = {text: i for i, text in enumerate(contents)}
        width = len(contents)
        codes = [
            pick * width + place[text]
            for pick, text in zip(self.picks, self.values["content"], strict=True)
        ]
        return SearchParts(
            contacts=[(i, *c.terms) for i, c in enumerate(self.contacts)],
            contents=[(i, pairs(text)) for i, text in enumerate(contents)],
            codes=json.dumps(codes, separators=(",", ":")),
            width=width,
        )


def _pool(weights: Sequence[tuple[Any, int]]) -> tuple[Any, ...]:
    """Each value as many times as its weight: a plain pick from it is a weighted pick."""
    return tuple(value for value, weight in weights for _ in range(weight))


def _topic_pool(topics: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(category, content) pairs: categories by their weight, the texts of each evenly."""
    width = max(len(texts) for texts in topics.values())
    return [
        (category, topics[category][i % len(topics[category])])
        for category, weight in CATEGORY_WEIGHTS
        for i in range(weight * width)
    ]


def _status_for(status: str, involves_leader: bool) -> str:
    """A drawn status made one the workflow could reach for the call's category."""
    if status == "awaiting_instruction" and not involves_leader:
        return "routed"
    if status == "routed" and involves_leader:
        return "awaiting_instruction"
    return status


def make_calls(
    rng: random.Random,
    *,
    count: int,
    now_s: int,
    span_minutes: int,
    contacts: Sequence[Contact],
    staff_ids: Sequence[int],
    dept_ids: Sequence[int],
    topics: dict[str, list[str]],
) -> CallColumns:
    """`count` calls spread over the span before now_s, received on whole minutes."""
    rnd = rng.random
    received = [
        now_s - 60 * m
        for m in sorted((int(rnd() * span_minutes) for _ in range(count)), reverse=True)
    ]
    recent_from = bisect_left(received, now_s - RECENT_S)
    status = rng.choices(OLD_STATUS_POOL, k=recent_from) + rng.choices(
        RECENT_STATUS_POOL, k=count - recent_from
    )
    topic = rng.choices(_topic_pool(topics), k=count)
    category = [t[0] for t in topic]
    # Only a matter involving leaders awaits an instruction, and one routed without it does.
    status = [_status_for(s, c == "involves_leader") for s, c in zip(status, category, strict=True)]
    picks = rng.choices(range(len(contacts)), k=count)
    picked = [contacts[i] for i in picks]
    done = [s in DONE for s in status]
    routed = [s != "registered" for s in status]
    dept_count = len(dept_ids)
    values: dict[str, list[Any]] = {
        "received_at": received,
        "org": [c.org for c in picked],
        "caller": [c.name for c in picked],
        "content": [t[1] for t in topic],
        "number_raw": [c.number for c in picked],
        "number_e164": ["+86" + c.number.replace(" ", "") for c in picked],
        "org_initials": [c.org_initials for c in picked],
        "caller_initials": [c.name_initials for c in picked],
        "recorder_id": rng.choices(staff_ids, k=count),
        "priority": rng.choices(_pool(PRIORITY_WEIGHTS), k=count),
        "category": category,
        "department_id": [dept_ids[int(rnd() * dept_count)] if r else None for r in routed],
        "status": status,
        "leadership_told_at": [
            t + 3600 if r and c in TOLD else None
            for t, r, c in zip(received, routed, category, strict=True)
        ],
        "instruction": [
            INSTRUCTION if d and c == "involves_leader" else None
            for d, c in zip(done, category, strict=True)
        ],
        "resolution": [RESOLUTION if d else None for d in done],
        "resolved_at": [
            t + 3600 * (1 + int(rnd() * 72)) if d else None
            for t, d in zip(received, done, strict=True)
        ],
        "fed_back_at": [
            t + 3 * 86400 if s in FED_BACK else None for t, s in zip(received, status, strict=True)
        ],
        "archived_at": [
            t + 7 * 86400 if s == "archived" else None
            for t, s in zip(received, status, strict=True)
        ],
    }
    return CallColumns(values, contacts, picks)
