"""`desk audit`: print the audit trail, newest first (the command line reads it as the OS user)."""

from __future__ import annotations

import json
from datetime import datetime, time
from zoneinfo import ZoneInfo

import typer
from rich.table import Table
from rich.text import Text

from desk.cli.context import console, friendly, print_table, state
from desk.i18n import _
from desk.rules.dates import DateError, parse_day, parse_moment
from desk.rules.text import one_line
from desk.store.audit import action_label, codes_named, list_audit
from desk.store.audit_detail import describe_detail
from desk.store.engine import session_scope
from desk.store.errors import ValidationError


def parse_since(value: str, tz: ZoneInfo) -> datetime:
    """A date (from its midnight) or a date and time, in the desk's time zone."""
    text = value.strip()
    for parse in (parse_day, parse_moment):
        try:
            parsed = parse(text)
        except DateError as error:
            if error.not_existing:
                raise ValidationError(f"--since: {error.message}", field="since") from None
            continue
        moment = parsed if isinstance(parsed, datetime) else datetime.combine(parsed, time(0))
        return moment.replace(tzinfo=tz)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            _("{value} is not a date such as 2026-11-24.").format(value=value), field="since"
        ) from None
    if len(value.strip()) <= 10:
        moment = datetime.combine(moment.date(), time(0))
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)


def register(app: typer.Typer) -> None:
    """Add the `audit` command to the root command."""

    @app.command("audit", help=_("Print the audit trail, newest first."))
    @friendly
    def audit(
        ctx: typer.Context,
        since: str | None = typer.Option(
            None, "--since", metavar=_("DATE"), help=_("Only events from this date on.")
        ),
        who: str | None = typer.Option(
            None, "--who", metavar=_("NAME"), help=_("Only events by this person (part of a name).")
        ),
        action: str | None = typer.Option(
            None, "--action", help=_("Only actions containing this text.")
        ),
        limit: int = typer.Option(200, "--limit", min=1, help=_("At most this many events.")),
        as_json: bool = typer.Option(False, "--json", help=_("Print JSON.")),
    ) -> None:
        settings = state(ctx).settings()
        start = parse_since(since, settings.tz) if since else None
        with session_scope(state(ctx).engine()) as session:
            rows = list_audit(
                session,
                actor=None,
                since=start,
                who=who,
                action=action,
                action_codes=codes_named(action or ""),
                limit=limit,
            )
        if as_json:
            typer.echo(
                json.dumps(
                    [
                        {
                            "id": r.id,
                            "at": r.at.astimezone(settings.tz).isoformat(),
                            "actor": r.actor,
                            "os_user": r.os_user,
                            "host": r.host,
                            "terminal": r.terminal,
                            "action": r.action,
                            "target_kind": r.target_kind,
                            "target_id": r.target_id,
                            "detail": r.detail,
                        }
                        for r in rows
                    ],
                    ensure_ascii=False,
                )
            )
            return
        if not rows:
            console.print(_("No audit events match."), markup=False)
            return
        table = Table()
        table.add_column(_("When"), no_wrap=True)
        for column in (_("Who"), _("Desk"), _("Action"), _("Record"), _("Detail")):
            table.add_column(column)
        for r in rows:
            table.add_row(
                r.at.astimezone(settings.tz).strftime("%Y-%m-%d %H:%M:%S"),
                Text(one_line(r.actor)),
                Text(one_line(r.desk())),
                Text(one_line(action_label(r.action))),
                Text(one_line(r.target())),
                Text(one_line(describe_detail(r.detail, action=r.action, tz=settings.tz))),
            )
        print_table(table)
