"""Names for people of the codes calls and visits carry: priority, category, status, channel."""

from __future__ import annotations

from desk.i18n import N_, _

PRIORITY_LABELS = {1: N_("Urgent"), 2: N_("Important"), 3: N_("Deferrable"), 4: N_("Minor")}
PRIORITY_SHORT = {1: N_("U"), 2: N_("I"), 3: N_("D"), 4: N_("M")}
CATEGORY_LABELS = {
    "consultation": N_("Consultation"),
    "complaint": N_("Complaint"),
    "suggestion": N_("Suggestion"),
    "praise": N_("Praise"),
    "directive": N_("Directive from superiors"),
    "major_event": N_("Major event"),
    "involves_leader": N_("Involves leaders"),
    "repair": N_("Repair request"),
    "harassment": N_("Harassment"),
    "other": N_("Other"),
}
STATUS_LABELS = {
    "registered": N_("Registered"),
    "routed": N_("Routed"),
    "awaiting_instruction": N_("Awaiting instruction"),
    "resolved": N_("Resolved"),
    "fed_back": N_("Fed back"),
    "archived": N_("Archived"),
}
CHANNEL_LABELS = {"walk_in": N_("walk-in"), "letter": N_("letter"), "email": N_("e-mail")}


def channel_label(value: str) -> str:
    """How a visit came: in person, by letter or by e-mail (来访 / 来信 / 邮件)."""
    return _(CHANNEL_LABELS.get(value, value))


def priority_label(value: int) -> str:
    """A priority grade's name (急 / 重 / 缓 / 轻 in Chinese)."""
    return _(PRIORITY_LABELS.get(value, str(value)))


def priority_short(value: int) -> str:
    """A priority grade in one character."""
    return _(PRIORITY_SHORT.get(value, str(value)))


def category_label(value: str) -> str:
    """A category's name."""
    return _(CATEGORY_LABELS.get(value, value))


def status_label(value: str) -> str:
    """A status's name."""
    return _(STATUS_LABELS.get(value, value))
