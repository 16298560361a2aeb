"""What the follow-up screen shows: the calling-hours line, queue rows and the task panel."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from rich.text import Text
from textual.content import Content
from textual.widgets.option_list import Option

from desk.config import Settings
from desk.i18n import _
from desk.rules.followup_rules import HOLIDAY_NAMES
from desk.rules.text import one_line, printable
from desk.store.followup_queue import (
    RESULT_LABELS,
    SATISFACTION_LABELS,
    STATUS_LABELS,
    QueueRow,
    TaskDetail,
)
from desk.store.followups import calling_windows


def rule_label(settings: Settings, name: str) -> str:
    """A rule's configured label (its name if the rule is gone)."""
    rule = settings.rule(name)
    return rule.label if rule else name


def calling_status(settings: Settings, now: datetime) -> Content:
    """Whether calls may be made now, and if not, when the next window opens (and why)."""
    windows = calling_windows(settings)
    local = now.astimezone(settings.tz)
    end = windows.current_window_end(local)
    if end is not None:
        return Content(_("Calling hours: open until {time}.").format(time=f"{end:%H:%M}"))
    opens = windows.next_open(local)
    when = f"{opens:%H:%M}" if opens.date() == local.date() else f"{opens:%Y-%m-%d %H:%M}"
    text = _("Outside calling hours; the next window opens at {when}.").format(when=when)
    holiday = windows.calendar.holiday_name(local.date())
    if holiday:
        name = _(HOLIDAY_NAMES[holiday]) if holiday in HOLIDAY_NAMES else holiday
        text += " " + _("Today is a public holiday ({name}).").format(name=name)
    return Content.styled(text, "bold $warning")


def _cell(text: str, width: int) -> Text:
    """A column of a queue line: cut (with …) so that a space always parts it from the next."""
    cell = Text(one_line(text))
    cell.truncate(width - 1, overflow="ellipsis")
    cell.pad_right(width - cell.cell_len)
    return cell


def queue_option(
    row: QueueRow, settings: Settings, tz: ZoneInfo, *, year: int | None = None
) -> Option:
    """One line of the queue: due, name, phone, rule, department, calls made. A due date in
    another year than `year` (this one) shows its year instead of its time."""
    due = row.due_at.astimezone(tz)
    shown = f"{due:%Y-%m-%d}" if year is not None and due.year != year else f"{due:%m-%d %H:%M}"
    line = Text.assemble(
        _cell(shown, 12),
        _cell(row.subject_name, 10),
        _cell(row.phone, 15),
        _cell(rule_label(settings, row.rule_name), 12),
        _cell(row.department, 8),
        _cell(_("{n} calls").format(n=row.attempts_used), 11),
    )
    if row.status != "pending":
        line.append(_cell(_(STATUS_LABELS.get(row.status, row.status)), 8))
    elif row.held_by:
        line.append(_("(being worked)"), style="italic")
    return Option(line, id=str(row.task_id))


def _line(text: Text, label: str, value: str) -> None:
    if value:
        text.append(_("{label}: ").format(label=label), style="bold")
        text.append(printable(value) + "\n")


def detail_text(detail: TaskDetail, settings: Settings) -> Text:
    """The subject's details and earlier calls (with the answers when the sheet is open)."""
    tz = settings.tz
    text = Text()
    text.append(printable(detail.name), style="bold")
    text.append(
        "  " + " ".join(x for x in (detail.sex, f"{detail.age}" if detail.age else "") if x)
    )
    text.append("\n")
    _line(text, _("Phone"), detail.phone)
    _line(text, _("Department"), detail.department)
    _line(text, _("Attending doctor"), detail.doctor)
    _line(text, _("Bed"), detail.bed)
    _line(text, _("Diagnosis"), detail.diagnosis)
    _line(text, _("Admitted (visited) on"), str(detail.admitted_on or ""))
    _line(text, _("Discharged on"), str(detail.discharged_on or ""))
    _line(text, _("Address"), detail.address)
    _line(text, _("Rule"), f"{rule_label(settings, detail.rule_name)} #{detail.seq}")
    _line(text, _("Due"), f"{detail.due_at.astimezone(tz):%Y-%m-%d %H:%M}")
    if detail.status == "pending":
        _line(text, _("Next try"), f"{detail.next_try_at.astimezone(tz):%Y-%m-%d %H:%M}")
    _line(text, _("Status"), _(STATUS_LABELS.get(detail.status, detail.status)))
    text.append("\n" + _("Earlier calls") + "\n", style="bold underline")
    if not detail.attempts:
        text.append(_("None yet.") + "\n")
    for attempt in detail.attempts:
        text.append(f"{attempt.at.astimezone(tz):%Y-%m-%d %H:%M}  ")
        text.append(_(RESULT_LABELS.get(attempt.result, attempt.result)))
        text.append(f"  {printable(attempt.staff)}\n")
        if attempt.call_back_at:
            _line(
                text, "  " + _("Call back at"), f"{attempt.call_back_at.astimezone(tz):%m-%d %H:%M}"
            )
        if detail.sheet and attempt.result == "reached":
            grade = attempt.satisfaction
            if grade:
                _line(text, "  " + _("Satisfaction"), f"{grade} {_(SATISFACTION_LABELS[grade])}")
            _line(text, "  " + _("Recovery and health status"), attempt.health_status or "")
            if attempt.medication_ok is not None:
                answer = _("Yes") if attempt.medication_ok else _("No")
                _line(text, "  " + _("Medication as prescribed"), answer)
            _line(text, "  " + _("Opinions and suggestions"), attempt.opinions or "")
            _line(text, "  " + _("Improvement measures"), attempt.improvements or "")
            if attempt.doctor_callback:
                text.append("  " + _("The doctor or department must call back") + "\n")
    if not detail.sheet and any(a.result == "reached" for a in detail.attempts):
        hint = (
            _("Press V to open the sheet's answers.")
            if detail.may_open_sheet
            else _("Only the desk that made these calls, or a supervisor, may read this sheet.")
        )
        text.append("\n" + hint + "\n", style="italic")
    return text
