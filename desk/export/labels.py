"""Names for people of the codes stored in the records (priority, category, status …)."""

from __future__ import annotations

from desk.i18n import N_, _

PRIORITY = {1: N_("Urgent"), 2: N_("Important"), 3: N_("Deferrable"), 4: N_("Minor")}
CATEGORY = {
    "consultation": N_("Consultation"),
    "complaint": N_("Complaint"),
    "suggestion": N_("Suggestion"),
    "praise": N_("Praise"),
    "directive": N_("Directive from superiors"),
    "major_event": N_("Major event"),
    "involves_leader": N_("Involves leadership"),
    "repair": N_("Repair request"),
    "harassment": N_("Harassment"),
    "other": N_("Other"),
}
STATUS = {
    "registered": N_("Registered"),
    "routed": N_("Routed"),
    "awaiting_instruction": N_("Awaiting instruction"),
    "resolved": N_("Resolved"),
    "fed_back": N_("Fed back"),
    "archived": N_("Archived"),
}
CHANNEL = {"walk_in": N_("Walk-in"), "letter": N_("Letter"), "email": N_("E-mail")}
TASK_STATUS = {
    "pending": N_("Pending"),
    "done": N_("Done"),
    "unreachable": N_("Unreachable"),
    "cancelled": N_("Cancelled"),
}
ATTEMPT_RESULT = {
    "reached": N_("Reached"),
    "no_answer": N_("No answer"),
    "wrong_number": N_("Wrong number"),
    "refused": N_("Refused"),
    "call_back_later": N_("Call back later"),
}
APPOINTMENT_STATUS = {
    "booked": N_("Booked"),
    "done": N_("Done"),
    "cancelled": N_("Cancelled"),
    "no_show": N_("No-show"),
}
YES, NO = N_("Yes"), N_("No")


def translated(table: dict) -> dict:
    """A label table in the current language."""
    return {code: _(label) for code, label in table.items()}


def label(table: dict, code: object) -> str:
    """The label of one code, or the code itself when unknown."""
    found = table.get(code)
    return _(found) if found else str(code or "")
