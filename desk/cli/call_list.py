"""`desk call list`: print calls for scripts and people, newest first."""

from __future__ import annotations

import json
from typing import Any

import typer
from rich.table import Table
from rich.text import Text

from desk.cli.context import console, friendly, state
from desk.cli.tsv import echo_tsv
from desk.i18n import _
from desk.models import Priority
from desk.rules.labels import category_label, priority_label, status_label
from desk.rules.text import one_line, printable
from desk.store.engine import read_engine, session_scope
from desk.store.errors import ValidationError
from desk.store.search import LogFilter, LogRow, call_page, searchable

MAX_LIMIT = 10_000


def row_json(row: LogRow, tz: Any) -> dict[str, Any]:
    """One call as JSON: the six items, then priority, category, status and department."""
    return {
        "id": row.id,
        "time": row.received_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
        "org": row.org,
        "caller": row.caller,
        "content": row.content,
        "number": row.number,
        "recorder": row.recorder,
        "priority": Priority(row.priority).name.lower(),
        "category": row.category,
        "status": row.status,
        "department": row.department or None,
        "corrects_id": row.corrects_id,
    }


def tsv_header() -> list[str]:
    """The titles of the tab-separated columns, in the order of `row_json`."""
    return [
        _("No."),
        _("Time"),
        _("Organisation"),
        _("Caller"),
        _("Main content"),
        _("Callback number"),
        _("Recorder"),
        _("Priority"),
        _("Category"),
        _("Status"),
        _("Department"),
    ]


def _tsv_row(row: LogRow, tz: Any) -> list[object]:
    """One call's tab-separated fields: as in JSON, with words for the codes."""
    values = row_json(row, tz)
    values.update(
        priority=priority_label(row.priority),
        category=category_label(row.category),
        status=status_label(row.status),
    )
    return [value for key, value in values.items() if key != "corrects_id"]


def register_list(group: typer.Typer) -> None:
    """Add `list` to the `call` group."""

    @group.command("list", help=_("List calls, newest first."))
    @friendly
    def list_calls(
        ctx: typer.Context,
        search: str | None = typer.Option(
            None, "--search", help=_("Chinese text, pinyin initials or 3+ digits of the number.")
        ),
        open_only: bool = typer.Option(False, "--open", help=_("Only calls still open.")),
        limit: int = typer.Option(50, "--limit", min=1, max=MAX_LIMIT, help=_("At most N calls.")),
        as_json: bool = typer.Option(False, "--json", help=_("Print JSON.")),
    ) -> None:
        settings = state(ctx).settings()
        text = (search or "").strip()
        if text and not searchable(text, settings.area_code):
            raise ValidationError(_("Type at least 2 characters (3 digits for a number)."))
        log_filter = LogFilter(text=text, open_only=open_only, area_code=settings.area_code)
        rows: list[LogRow] = []
        with session_scope(read_engine(state(ctx).engine())) as session:
            while len(rows) < limit:
                page = call_page(
                    session,
                    log_filter=log_filter,
                    after=rows[-1].key if rows else None,
                    limit=min(limit - len(rows), 500),
                )
                rows += page
                if len(page) < min(limit - len(rows) + len(page), 500):
                    break
        if as_json:
            typer.echo(json.dumps([row_json(r, settings.tz) for r in rows], ensure_ascii=False))
            return
        if not console.is_terminal:
            echo_tsv(tsv_header(), (_tsv_row(row, settings.tz) for row in rows))
            return
        table = Table(box=None, pad_edge=False)
        for title in (
            _("No."),
            _("Time"),
            _("Priority"),
            _("Category"),
            _("Status"),
            _("Organisation"),
            _("Caller"),
            _("Callback number"),
            _("Main content"),
            _("Department"),
            _("Recorder"),
        ):
            table.add_column(title, no_wrap=title != _("Main content"))
        for row in rows:
            table.add_row(
                str(row.id),
                row.received_at.astimezone(settings.tz).strftime("%Y-%m-%d %H:%M"),
                priority_label(row.priority),
                category_label(row.category),
                status_label(row.status),
                *(
                    Text(one_line(value))
                    for value in (row.org, row.caller, row.number, row.content[:60])
                ),
                Text(printable(row.department)),
                Text(printable(row.recorder)),
            )
        console.print(table)
