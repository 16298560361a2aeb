"""The cells of the work and callback queues' rows (caller text kept as data)."""

from __future__ import annotations

from datetime import timedelta, tzinfo

from rich.text import Text

from desk.i18n import _
from desk.rules.labels import category_label, priority_label, status_label
from desk.rules.text import one_line
from desk.store.queue import CallbackItem, QueueItem

PRIORITY_STYLES = {1: "bold red", 2: "bold yellow", 3: "", 4: "dim"}


def waited_text(waited: timedelta) -> str:
    """How long a matter has waited, in the largest two units."""
    minutes = int(waited.total_seconds() // 60)
    days, rest = divmod(minutes, 1440)
    hours, minutes = divmod(rest, 60)
    if days:
        return _("{days}d {hours}h").format(days=days, hours=hours)
    if hours:
        return _("{hours}h {minutes}m").format(hours=hours, minutes=minutes)
    return _("{minutes}m").format(minutes=minutes)


def flags_text(item: QueueItem) -> Text:
    """The marks a queue row carries: not yet reported to leadership, awaiting instruction."""
    flags = Text()
    if item.needs_report:
        flags.append(_("Report to leadership") + " ", style="bold red")
    if item.needs_instruction:
        flags.append(_("Needs instruction"), style="bold magenta")
    return flags


def queue_cells(item: QueueItem) -> tuple[Text, ...]:
    """One queue row: kind, grade, marks, waited, status, who, category and content, department."""
    return (
        Text(_("Call") if item.kind == "call" else _("Visit")),
        Text(priority_label(item.priority), style=PRIORITY_STYLES.get(item.priority, "")),
        flags_text(item),
        Text(waited_text(item.waited)),
        Text(status_label(item.status)),
        Text(one_line(item.who)[:32]),
        Text(f"[{category_label(item.category)}] " + one_line(item.summary)[:40]),
        Text(one_line(item.department)),
    )


def callback_cells(callback: CallbackItem, tz: tzinfo) -> tuple[Text, ...]:
    """One callback row: when it is due (red once overdue), who, the number, the content."""
    due = callback.due_at.astimezone(tz).strftime("%m-%d %H:%M")
    style = "bold red" if callback.overdue else ""
    return (
        Text(due + (" " + _("overdue") if callback.overdue else ""), style=style),
        Text(one_line(callback.who)[:24], style=style),
        Text(one_line(callback.number)),
        Text(one_line(callback.summary)[:40]),
    )
