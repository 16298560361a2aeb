"""An audit row's detail for people: each key the code writes, named in the interface language.

record_audit stores the detail as JSON ({"wrong_pins": 2}); the audit screen and `desk audit`
show it as text (连续输错 2 次). A key not named here is shown as `key: value`; a detail that
is not a JSON object (a note) is shown as it is. `desk audit --json` keeps the raw JSON.
tests/unit/test_audit_detail.py checks that every key the code base writes is named here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Any

from desk.config import EVENT_DATES
from desk.i18n import N_, _
from desk.rules.labels import channel_label, priority_label
from desk.store.followup_queue import RESULT_LABELS

TEMPLATES = {
    "wrong_pins": N_("{value} wrong PINs in a row"),
    "until": N_("locked until {value}"),
    "name": N_("name: {value}"),
    "role": N_("role: {value}"),
    "org": N_("organisation: {value}"),
    "caller": N_("caller: {value}"),
    "priority": N_("priority: {value}"),
    "visitor": N_("visitor: {value}"),
    "channel": N_("channel: {value}"),
    "note": N_("note: {value}"),
    "department_id": N_("department #{value}"),
    "department": N_("department: {value}"),
    "service": N_("service: {value}"),
    "expert": N_("expert: {value}"),
    "at": N_("at {value}"),
    "changes": N_("changed: {value}"),
    "corrects_id": N_("corrects record #{value}"),
    "file": N_("file: {value}"),
    "format": N_("format: {value}"),
    "rows": N_("{value} rows"),
    "since": N_("changed since {value}"),
    "from": N_("from {value}"),
    "to": N_("to {value}"),
    "added": N_("{value} added"),
    "rule": N_("rule: {value}"),
    "moved": N_("{value} tasks moved"),
    "period": N_("period: {value}"),
    "sha256": N_("SHA-256: {value}"),
    "removed": N_("{value} old backups removed"),
    "kept": N_("previous database kept as {value}"),
    "result": N_("result: {value}"),
    "call_back_at": N_("call back at {value}"),
}
"""What each key of a detail means; {value} is its value made readable."""
FLAGS = {"masked": (N_("masked"), N_("not masked"))}
"""Keys holding true or false: the words for each."""
EVENT_TEMPLATE = N_("{event} date: {value}")
EVENT_NAMES = {
    "discharged": N_("discharge"),
    "visited": N_("visit"),
    "started": N_("start"),
    "completed": N_("completion"),
    "contacted": N_("first contact"),
    "resolved": N_("resolution"),
    "since": N_("starting point"),
}
"""The event dates a follow-up plan counts from (config.EVENT_DATES), for followup.event_date."""
ROLE_CHANGE = N_("role: {before} → {after}")
ROLES = {
    "receptionist": N_("Receptionist"),
    "supervisor": N_("Supervisor"),
    "admin": N_("Administrator"),
}
FIELDS = {
    "org": N_("organisation"),
    "caller": N_("caller"),
    "content": N_("content"),
    "number_raw": N_("number"),
    "priority": N_("priority"),
    "category": N_("category"),
    "visitor_name": N_("visitor"),
    "matter": N_("matter"),
}
"""The columns an edit or a correction can change (workflow.EDITABLE)."""
ISO_MOMENT_LENGTH = 16
"""Longer ISO texts than a date (2026-11-24T09:05…) are moments, shown in local time."""


def _moment(value: Any, tz: tzinfo) -> Any:
    """An ISO date-time as local time (2026-11-24 09:05); anything else as it is."""
    if not isinstance(value, str) or len(value) < ISO_MOMENT_LENGTH or "T" not in value:
        return value
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone(tz)
    return moment.strftime("%Y-%m-%d %H:%M")


def _plain(value: Any) -> str:
    """A value of a key nobody named: JSON for lists and objects, text for the rest."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _label(table: dict[str, str], value: Any) -> str:
    """The translated name of a code, or the code itself when unknown."""
    label = table.get(str(value))
    return _(label) if label else str(value)


def _changed(value: Any) -> str:
    """The names of the fields an edit changed."""
    if not isinstance(value, dict):
        return _plain(value)
    return _(", ").join(_label(FIELDS, key) for key in value)


VALUES: dict[str, Callable[[Any], str]] = {
    "role": lambda value: _label(ROLES, value),
    "priority": lambda value: priority_label(value) if isinstance(value, int) else str(value),
    "channel": lambda value: channel_label(str(value)),
    "changes": _changed,
    "format": lambda value: str(value).upper(),
    "sha256": lambda value: str(value)[:12] + "…",
    "removed": lambda value: str(len(value)) if isinstance(value, list) else str(value),
    "result": lambda value: _label(RESULT_LABELS, value),
}
"""How a key's value is made readable, where str() is not enough."""


def _part(action: str, key: str, value: Any, tz: tzinfo) -> str:
    """One key of a detail as text."""
    if action == "followup.event_date" and key in EVENT_DATES:
        event = _(EVENT_NAMES.get(key, key))
        return _(EVENT_TEMPLATE).format(event=event, value=value)
    if key in FLAGS:
        yes, no = FLAGS[key]
        return _(yes) if value else _(no)
    template = TEMPLATES.get(key)
    if template is None:
        return _("{label}: {value}").format(label=key, value=_plain(_moment(value, tz)))
    shown = VALUES.get(key, lambda v: _plain(_moment(v, tz)))(value)
    return _(template).format(value=shown)


def describe_detail(detail: str | None, *, action: str, tz: tzinfo) -> str:
    """An audit row's detail as people read it (see the module docstring)."""
    if not detail:
        return ""
    try:
        values = json.loads(detail)
    except ValueError:
        return detail
    if not isinstance(values, dict):
        return detail
    values = {key: value for key, value in values.items() if value is not None}
    if "department" in values:
        values.pop("department_id", None)  # the name says it (older rows have the number)
    parts = []
    if action == "staff_role" and "from" in values and "to" in values:
        before, after = _label(ROLES, values.pop("from")), _label(ROLES, values.pop("to"))
        parts.append(_(ROLE_CHANGE).format(before=before, after=after))
    parts[:0] = [_part(action, key, value, tz) for key, value in values.items()]
    return _("; ").join(parts)
