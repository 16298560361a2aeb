"""`desk visit` and `desk appointments`: visits, letters, e-mails and bookings from scripts."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import typer
from rich.table import Table
from rich.text import Text

from desk.cli.context import console, friendly, state
from desk.cli.tsv import echo_tsv
from desk.i18n import _
from desk.models import Channel, Priority, Visit
from desk.rules.dates import DateError, parse_day, parse_moment
from desk.rules.labels import category_label, channel_label, priority_label, status_label
from desk.rules.text import one_line
from desk.store.appointments import day_view
from desk.store.engine import read_engine, session_scope
from desk.store.errors import ValidationError
from desk.store.staff import active_staff_by_name, list_staff
from desk.store.visits import VisitCreate, create_visit, department_names, list_visits

CHANNELS = {"walk-in": Channel.WALK_IN, "letter": Channel.LETTER, "email": Channel.EMAIL}
CHANNEL_WORDS = {channel: word for word, channel in CHANNELS.items()}
PRIORITIES = {
    "urgent": Priority.URGENT,
    "important": Priority.IMPORTANT,
    "deferrable": Priority.DEFERRABLE,
    "minor": Priority.MINOR,
}


def visit_json(visit: Visit, tz: Any, departments: dict[int, str]) -> dict[str, Any]:
    """One visit as JSON, in the shape of `desk call list --json`: times as typed, words for
    the channel and priority, the department by name."""
    return {
        "id": visit.id,
        "time": visit.received_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
        "channel": CHANNEL_WORDS[Channel(visit.channel)],
        "org": visit.org,
        "visitor": visit.visitor_name,
        "number": visit.number_raw,
        "matter": visit.matter,
        "priority": Priority(visit.priority).name.lower(),
        "category": visit.category,
        "status": visit.status,
        "department": departments.get(visit.department_id or 0),
    }


def _tsv_row(visit: Visit, tz: Any, departments: dict[int, str]) -> list[object]:
    """One visit's tab-separated fields: as in JSON, with words for the codes."""
    values = visit_json(visit, tz, departments)
    values.update(
        channel=channel_label(visit.channel),
        priority=priority_label(visit.priority),
        category=category_label(visit.category),
        status=status_label(visit.status),
    )
    return list(values.values())


def parse_at(value: str | None, tz, field: str = "at") -> datetime | None:  # type: ignore[no-untyped-def]
    """A time typed as `YYYY-MM-DD HH:MM`, in the desk's time zone."""
    if value is None:
        return None
    try:
        return parse_moment(value).replace(tzinfo=tz)
    except DateError as error:
        raise ValidationError(error.message, field=field) from None


def register(app: typer.Typer) -> None:
    """Add the `visit` group and `appointments` to the root command."""
    group = typer.Typer(help=_("Visits, letters and e-mails."), no_args_is_help=True)
    app.add_typer(group, name="visit")

    @group.command("add", help=_("Register a visit, letter or e-mail; prints its id."))
    @friendly
    def add(
        ctx: typer.Context,
        name: str = typer.Option(..., "--name", help=_("Visitor's full name.")),
        number: str = typer.Option(..., "--number", help=_("Contact number.")),
        matter: str = typer.Option(..., "--matter", help=_("What it is about.")),
        channel: str = typer.Option(
            "walk-in",
            "--channel",
            metavar="walk-in|letter|email",
            help=_("How it reached the desk."),
        ),
        category: str = typer.Option(
            "consultation",
            "--category",
            metavar="consultation|complaint|suggestion|praise",
            help=_("Category."),
        ),
        priority: str = typer.Option(
            "deferrable",
            "--priority",
            metavar="urgent|important|deferrable|minor",
            help=_("Priority."),
        ),
        at: str | None = typer.Option(
            None, "--at", metavar="YYYY-MM-DD HH:MM", help=_("When (default: now).")
        ),
        receiver: str | None = typer.Option(
            None, "--receiver", metavar=_("NAME"), help=_("Staff member who received it.")
        ),
        lead: bool = typer.Option(False, "--lead", help=_("A sales lead (enrols its follow-ups).")),
    ) -> None:
        current = state(ctx)
        settings = current.settings()
        if channel not in CHANNELS:
            raise ValidationError(
                _("Unknown channel {value}; use walk-in, letter or email.").format(value=channel)
            )
        if priority not in PRIORITIES:
            raise ValidationError(
                _("Unknown priority {value}; use one of: ").format(value=priority)
                + ", ".join(PRIORITIES)
            )
        received_at = parse_at(at, settings.tz) or datetime.now(settings.tz)
        with session_scope(current.engine(create=True)) as session:
            if receiver:
                staff = active_staff_by_name(session, name=receiver)
            else:
                members = list_staff(session, include_disabled=False)
                if not members:
                    raise ValidationError(_("Add a staff member first: desk staff add NAME"))
                staff = members[0]
            data = VisitCreate(
                visitor_name=name,
                number=number,
                matter=matter,
                received_at=received_at,
                received_by_id=staff.id or 0,
                channel=CHANNELS[channel].value,
                category=category,
                priority=PRIORITIES[priority].value,
                is_sales_lead=lead,
            )
            visit = create_visit(
                session, data=data, actor=None, area_code=settings.area_code, settings=settings
            )
        typer.echo(visit.id)

    @group.command("list", help=_("List visits, newest first."))
    @friendly
    def list_command(
        ctx: typer.Context,
        search: str | None = typer.Option(None, "--search", help=_("Text, initials or digits.")),
        open_only: bool = typer.Option(False, "--open", help=_("Only open ones.")),
        limit: int = typer.Option(50, "--limit", min=1, max=100_000, help=_("At most N.")),
        as_json: bool = typer.Option(False, "--json", help=_("Print JSON.")),
    ) -> None:
        current = state(ctx)
        tz = current.settings().tz
        engine = read_engine(current.engine())
        with session_scope(engine) as session:
            visits = list_visits(session, search=search, open_only=open_only, limit=limit)
            names = department_names(session)
        if as_json:
            typer.echo(json.dumps([visit_json(v, tz, names) for v in visits], ensure_ascii=False))
            return
        if not console.is_terminal:
            echo_tsv(
                [_("No."), _("Time"), _("Channel"), _("Institution"), _("Visitor"), _("Number"),
                 _("Matter"), _("Priority"), _("Category"), _("Status"), _("Department")],
                (_tsv_row(v, tz, names) for v in visits),
            )  # fmt: skip
            return
        table = Table(box=None, pad_edge=False)
        for header in (
            _("No."),
            _("Time"),
            _("Channel"),
            _("Visitor"),
            _("Number"),
            _("Matter"),
            _("Status"),
        ):
            table.add_column(header, no_wrap=header != _("Matter"))
        for v in visits:
            table.add_row(
                str(v.id),
                v.received_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
                channel_label(v.channel),
                Text(one_line(v.visitor_name)),
                Text(one_line(v.number_raw)),
                Text(one_line(v.matter)),
                status_label(v.status),
            )
        console.print(table)

    @app.command("appointments", help=_("Print one day's appointments."))
    @friendly
    def appointments(
        ctx: typer.Context,
        day: str | None = typer.Option(
            None, "--date", metavar="YYYY-MM-DD", help=_("The day (default: today).")
        ),
        expert: str | None = typer.Option(None, "--expert", help=_("Only this expert.")),
        as_json: bool = typer.Option(False, "--json", help=_("Print JSON.")),
    ) -> None:
        current = state(ctx)
        tz = current.settings().tz
        try:
            chosen = parse_day(day) if day else datetime.now(tz).date()
        except DateError as error:
            raise ValidationError(error.message, field="--date") from None
        with session_scope(read_engine(current.engine())) as session:
            rows = day_view(session, day=chosen, tz=tz, expert=expert)
        if as_json:
            typer.echo(
                json.dumps(
                    [
                        {
                            "id": r.id,
                            "starts_at": r.starts_at.isoformat(),
                            "ends_at": r.ends_at.isoformat(),
                            "person": r.person_name,
                            "number": r.number,
                            "service": r.service,
                            "expert": r.expert,
                            "department": r.department,
                            "notes": r.notes,
                        }
                        for r in rows
                    ],
                    ensure_ascii=False,
                )
            )
            return
        if not rows:
            console.print(_("No appointments on {day}.").format(day=chosen.isoformat()))
            return
        table = Table(title=chosen.isoformat())
        for header in (
            _("Time"),
            _("Expert"),
            _("Service"),
            _("Department"),
            _("Name"),
            _("Number"),
            _("Notes"),
        ):
            table.add_column(header)
        for r in rows:
            table.add_row(
                f"{r.starts_at:%H:%M}–{r.ends_at:%H:%M}",
                Text(one_line(r.expert)),
                Text(one_line(r.service)),
                Text(r.department),
                Text(one_line(r.person_name)),
                Text(one_line(r.number)),
                Text(one_line(r.notes)),
            )
        console.print(table)
