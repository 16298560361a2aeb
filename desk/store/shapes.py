"""Plain values the store takes from and hands to the screens: no database code, so the
first screen after sign-in can import them before the tables load (the store re-exports them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desk.kinds import Category, Priority
from desk.rules.promise import ReplyPromise

READBACK_CATEGORIES = frozenset(
    {Category.DIRECTIVE.value, Category.MAJOR_EVENT.value, Category.INVOLVES_LEADER.value}
)


@dataclass(frozen=True)
class CallCreate:
    """What the desk typed for one call: the six items, then priority, routing and promise."""

    received_at: datetime
    org: str
    caller: str
    content: str
    number: str
    recorder_id: int | None
    priority: int = Priority.DEFERRABLE.value
    category: str = Category.CONSULTATION.value
    department_id: int | None = None
    reply_within_hours: int | None = None
    reply_within_days: int | None = None
    """Working days (a promise is in hours or in working days, not both)."""
    corrects_id: int | None = None
    is_sales_lead: bool = False

    def promise(self) -> ReplyPromise | None:
        """The reply promised to the caller, if any."""
        return ReplyPromise.stored(self.reply_within_hours, self.reply_within_days)


@dataclass(frozen=True)
class Choice:
    """One entry of a pick list: its id and the name shown."""

    id: int
    name: str


@dataclass(frozen=True)
class EntryChoices:
    """The pick lists of the call entry form."""

    staff: tuple[Choice, ...] = field(default_factory=tuple)
    departments: tuple[Choice, ...] = field(default_factory=tuple)


def needs_readback(*, priority: int, category: str) -> bool:
    """Whether the record is read back to the caller before it is saved (复述确认)."""
    return priority <= Priority.IMPORTANT.value or category in READBACK_CATEGORIES


@dataclass(frozen=True)
class CallSummary:
    """One call or visit as the caller panel shows it (a visit's visitor and matter stand in
    for the caller and the content)."""

    id: int
    received_at: datetime
    org: str
    caller: str
    content: str
    number: str
    priority: int
    category: str
    status: str
    kind: str = "call"


@dataclass(frozen=True)
class CallbackSummary:
    """A promised callback not yet done."""

    id: int
    due_at: datetime
    call_id: int | None
    visit_id: int | None
    about: str


@dataclass(frozen=True)
class FollowupSummary:
    """A follow-up call still to make to someone with this number."""

    task_id: int
    subject: str
    rule_name: str
    due_on: date


@dataclass(frozen=True)
class CallerHistory:
    """What the desk knows about a caller: earlier calls (newest first) and open matters."""

    calls: tuple[CallSummary, ...] = ()
    total_calls: int = 0
    open_calls: tuple[CallSummary, ...] = ()
    open_callbacks: tuple[CallbackSummary, ...] = ()
    pending_followups: tuple[FollowupSummary, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing is known about this caller."""
        return not (self.calls or self.open_callbacks or self.pending_followups)


@dataclass(frozen=True)
class SavedDraft:
    """A draft as it was last kept."""

    payload: dict[str, Any]
    updated_at: datetime
    elsewhere: int = 0
    """How many older drafts of the same form and person other terminals still keep."""
