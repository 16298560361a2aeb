"""The caller panel: earlier calls from this number or organisation, and what is still open."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from desk.config import Settings
from desk.i18n import N_, _
from desk.rules.call_kinds import CATEGORY_LABELS, PRIORITY_LABELS
from desk.rules.text import one_line
from desk.store.shapes import CallerHistory, CallSummary

STATUS_LABELS = {
    "registered": N_("Registered"),
    "routed": N_("Routed"),
    "awaiting_instruction": N_("Awaiting instruction"),
    "resolved": N_("Resolved"),
    "fed_back": N_("Fed back"),
    "archived": N_("Archived"),
}


def _clip(text: str, width: int = 40) -> str:
    flat = one_line(text)
    return flat if len(flat) <= width else flat[: width - 1] + "…"


PROMPT = N_("Type a number or organisation to see earlier calls and visits.")


class CallerPanel(VerticalScroll):
    """Shows a CallerHistory; every piece of caller text is shown literally."""

    DEFAULT_CSS = """
    CallerPanel { height: 1fr; }
    CallerPanel > Static { width: 1fr; }
    """

    _shown: CallerHistory | None = None
    """What the panel shows (None: the prompt it is composed with)."""

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(
            Content(_(PROMPT)),
            id="caller-panel-body",
        )

    def _line(self, call: CallSummary, tz: ZoneInfo) -> Content:
        when = call.received_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
        mark = _(PRIORITY_LABELS.get(call.priority, "")) if call.priority in PRIORITY_LABELS else ""
        kind = (_("Visit"), "bold $accent") if call.kind == "visit" else ""
        head = Content.assemble(
            (when, "$text-muted"),
            " ",
            kind,
            " " if kind else "",
            (mark, "bold $error" if call.priority == 1 else "bold"),
            " ",
            _(CATEGORY_LABELS.get(call.category, call.category)),
            " · ",
            (_(STATUS_LABELS.get(call.status, call.status)), "italic"),
        )
        person = f"{_clip(call.org, 20)} {_clip(call.caller, 12)}"
        said = _("{who}: {content}").format(who=person, content=_clip(call.content))
        who = Content("  " + said)
        return Content("\n").join([head, who])

    def show(
        self,
        history: CallerHistory | None,
        tz: ZoneInfo,
        now: datetime | None = None,
        *,
        settings: Settings | None = None,
    ) -> None:
        """Show what is known about the caller (None: nothing looked up yet); a follow-up
        is named by its rule's label in the settings."""
        body = self.query_one("#caller-panel-body", Static)
        if history is None:
            if self._shown is not None:  # else the prompt is up: no update, no new layout
                body.update(Content(_(PROMPT)))
            self._shown = None
            return
        self._shown = history
        if history.empty:
            body.update(Content(_("No earlier calls or visits from this person.")))
            return
        blocks: list[Content] = []
        if history.open_calls:
            blocks.append(Content(_("Still open")).stylize("bold underline"))
            blocks += [self._line(c, tz) for c in history.open_calls[:10]]
        if history.open_callbacks:
            blocks.append(Content("\n" + _("Callbacks promised")).stylize("bold underline"))
            for callback in history.open_callbacks[:10]:
                due = callback.due_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
                line = Content(f"{_('due')} {due}  {_clip(callback.about)}")
                if now is not None and callback.due_at < now:
                    line = Content.assemble((_("Overdue"), "bold $error"), " ", line)
                blocks.append(line)
        if history.pending_followups:
            blocks.append(Content("\n" + _("Follow-ups to make")).stylize("bold underline"))
            for task in history.pending_followups[:10]:
                rule = settings.rule(task.rule_name) if settings else None
                label = _clip(rule.label if rule else task.rule_name, 16)
                named = _("{subject} ({rule})").format(subject=_clip(task.subject, 12), rule=label)
                blocks.append(Content(f"{task.due_on:%Y-%m-%d}  {named}"))
        title = _("Earlier calls and visits ({count})").format(count=history.total_calls)
        if blocks:
            title = "\n" + title
        blocks.append(Content(title).stylize("bold underline"))
        blocks += [self._line(c, tz) for c in history.calls]
        body.update(Content("\n").join(blocks))
