"""Which workflow step a call or visit is ready for, and, when it is not, why, in words."""

from __future__ import annotations

from typing import Protocol

from desk.i18n import _
from desk.models.base import Status
from desk.session_info import SignedIn
from desk.store.access import Permission, allowed

STEP_STATUSES: dict[str, tuple[Status, ...]] = {
    "route": (Status.REGISTERED, Status.ROUTED, Status.AWAITING_INSTRUCTION),
    "tell": (
        Status.REGISTERED,
        Status.ROUTED,
        Status.AWAITING_INSTRUCTION,
        Status.RESOLVED,
        Status.FED_BACK,
    ),
    "instruct": (Status.REGISTERED, Status.ROUTED, Status.AWAITING_INSTRUCTION),
    "resolve": (Status.REGISTERED, Status.ROUTED, Status.AWAITING_INSTRUCTION),
    "feedback": (Status.RESOLVED,),
    "archive": (Status.RESOLVED, Status.FED_BACK),
}
"""The statuses in which each step may be taken."""
_SETTLED = (Status.RESOLVED, Status.FED_BACK)

ON_A_ROW = ("book", "open")
"""Work-queue keys that act on the highlighted call or visit whatever its status."""


class StepTarget(Protocol):
    """A call or visit a workflow key may act on (the work queue's rows)."""

    @property
    def id(self) -> int: ...

    @property
    def status(self) -> str: ...

    def refusal(self, step: str) -> str | None: ...


def refusal(
    step: str,
    *,
    record_id: int,
    status: str,
    leadership_told: bool = False,
    needs_instruction: bool = False,
    needs_report: bool = False,
) -> str | None:
    """Why a record in this state is not ready for a step (None when it is), for the user.
    A directive or major event is settled (resolved, archived) only once leadership is told
    of it (`needs_report` until then)."""
    current = Status(status)
    if current is Status.ARCHIVED:
        return _("Record {id} is archived and cannot be changed.").format(id=record_id)
    if step == "tell" and leadership_told:
        return _("Leadership has already been told of record {id}.").format(id=record_id)
    if step in ("resolve", "archive") and needs_report and current in STEP_STATUSES[step]:
        return _(
            "Record {id} is a directive or major event: record in the work queue (F8) that "
            "leadership was told (l) first."
        ).format(id=record_id)
    if step == "resolve" and needs_instruction and current in STEP_STATUSES[step]:
        return _("Record {id} involves leaders: record a leader's instruction first.").format(
            id=record_id
        )
    if current in STEP_STATUSES[step]:
        return None
    return _refused_by_status(step, record_id, current)


def _refused_by_status(step: str, record_id: int, current: Status) -> str:
    """The sentence for a step its record's status does not allow."""
    if step == "route":
        message = _("Record {id} is already resolved: it can no longer be routed.")
    elif step == "instruct":
        message = _("Record {id} is already resolved: a leader's instruction can no longer be "
                    "recorded.")  # fmt: skip
    elif step == "resolve":
        message = _("Record {id} is already resolved.")
    elif step == "feedback" and current in _SETTLED:
        message = _("Record {id} has already been fed back.")
    elif step == "feedback":
        message = _("Record {id} is not resolved yet: resolve it (r) before the feedback.")
    elif step == "archive":
        message = _("Record {id} is not resolved yet and cannot be archived: resolve it (r).")
    else:
        message = _("Record {id} has already moved past this step.")
    return message.format(id=record_id)


def archive_refusal(actor: SignedIn | None, *, record_id: int, status: str) -> str | None:
    """Why this person may not archive this record now (None when they may), for the user."""
    if not allowed(actor, Permission.ARCHIVE):
        return _("Only a supervisor or an administrator may archive.")
    return refusal("archive", record_id=record_id, status=status)


def queue_refusal(
    action: str,
    item: StepTarget | None,
    *,
    actor: SignedIn | None,
    callbacks_waiting: bool,
) -> str | None:
    """Why a work-queue key cannot act on the highlighted matter now (None when it can), for
    the user: no key is silent."""
    if action == "callback_done":
        return None if callbacks_waiting else _("No promised callback is waiting.")
    if action not in STEP_STATUSES and action not in ON_A_ROW:
        return None
    if item is None:
        return _("The work queue is empty: there is no call or visit to act on.")
    if action in ON_A_ROW:
        return None
    if action == "archive":
        why = archive_refusal(actor, record_id=item.id, status=item.status)
        if why is not None:
            return why
    return item.refusal(action)
