"""The cells of the work and callback queues' rows (caller text kept as data)."""

from __future__ import annotations

from datetime import timedelta, tzinfo

from rich.text import Text

from desk.i18n import _
from desk.rules.labels import category_label, priority_label, priority_short, status_label
from desk.rules.text import one_line
from desk.store.queue import CallbackItem, QueueItem

PRIORITY_STYLES = {1: "bold red", 2: "bold yellow", 3: "", 4: "dim"}
REPORT_STYLE = "bold red"
INSTRUCTION_STYLE = "bold magenta"
TEXT_CAP = 200
"""The most characters of a caller's text a row keeps (the table cuts it to its width)."""


def waited_text(waited: timedelta) -> str:
    """How long a matter has waited, in the largest two units (the second left out at 0)."""
    minutes = int(waited.total_seconds() // 60)
    days, rest = divmod(minutes, 1440)
    hours, minutes = divmod(rest, 60)
    if days and hours:
        return _("{days}d {hours}h").format(days=days, hours=hours)
    if hours and minutes and not days:
        return _("{hours}h {minutes}m").format(hours=hours, minutes=minutes)
    return waited_short(waited)


def waited_short(waited: timedelta) -> str:
    """How long a matter has waited, in its largest unit only (the queue's narrow column)."""
    minutes = int(waited.total_seconds() // 60)
    if minutes >= 1440:
        return _("{days}d").format(days=minutes // 1440)
    if minutes >= 60:
        return _("{hours}h").format(hours=minutes // 60)
    return _("{minutes}m").format(minutes=minutes)


def flags_text(item: QueueItem) -> Text:
    """The marks a queue row carries, one character each: not yet reported to leadership,
    awaiting instruction (spelt out in the detail line)."""
    flags = Text(no_wrap=True)
    if item.needs_report:
        flags.append(_("Rep."), style=REPORT_STYLE)
    if item.needs_instruction:
        flags.append(" " if flags else "")
        flags.append(_("Ins."), style=INSTRUCTION_STYLE)
    return flags


def queue_cells(item: QueueItem) -> tuple[Text, ...]:
    """One queue row: kind, grade, marks, waited, status, who, category and content, department
    (the table cuts the caller's text to the width it has)."""
    return (
        Text(_("Call") if item.kind == "call" else _("Visit")),
        Text(priority_short(item.priority), style=PRIORITY_STYLES.get(item.priority, "")),
        flags_text(item),
        Text(waited_short(item.waited)),
        Text(status_label(item.status)),
        Text(one_line(item.person_first or item.who)[:TEXT_CAP]),
        Text(f"[{category_label(item.category)}] " + one_line(item.summary)[:TEXT_CAP]),
        Text(one_line(item.department)),
    )


def queue_detail(item: QueueItem | None) -> Text:
    """The highlighted matter whole: its grade, age, status and marks, then who and what."""
    if item is None:
        return Text()
    kind = _("Call {id}") if item.kind == "call" else _("Visit {id}")
    facts = [
        kind.format(id=item.id),
        priority_label(item.priority),
        _("Waited {time}").format(time=waited_text(item.waited)),
        status_label(item.status),
    ]
    if item.department:
        facts.append(one_line(item.department))
    detail = Text(" · ".join(facts), style="bold")
    if item.needs_report:
        detail.append("  " + _("Report to leadership"), style=REPORT_STYLE)
    if item.needs_instruction:
        detail.append("  " + _("Needs instruction"), style=INSTRUCTION_STYLE)
    detail.append("\n")
    if item.person_first or item.who:
        detail.append(one_line(item.person_first or item.who), style="bold")
        detail.append("  ")
    detail.append(f"[{category_label(item.category)}] " + one_line(item.summary))
    return detail


def callback_cells(callback: CallbackItem, tz: tzinfo) -> tuple[Text, ...]:
    """One callback row: when it is due (red once overdue), who, the number, the content."""
    due = callback.due_at.astimezone(tz).strftime("%m-%d %H:%M")
    style = "bold red" if callback.overdue else ""
    return (
        Text(due + (" " + _("overdue") if callback.overdue else ""), style=style),
        Text(one_line(callback.person_first or callback.who)[:TEXT_CAP], style=style),
        Text(one_line(callback.number)),
        Text(one_line(callback.summary)[:TEXT_CAP]),
    )
