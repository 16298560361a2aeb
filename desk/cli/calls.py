"""`desk call`: log calls from scripts and phone-system hooks."""

from __future__ import annotations

from datetime import datetime

import typer
from sqlmodel import Session, col, select

from desk.cli.call_list import register_list
from desk.cli.context import friendly, state
from desk.i18n import _
from desk.models import Department, Staff
from desk.rules.call_kinds import CATEGORY_LABELS, PRIORITY_NAMES, parse_category, parse_priority
from desk.rules.calltime import CallTimeError, parse_call_time
from desk.store.calls import CallCreate, CallInvalid, create_call
from desk.store.engine import session_scope
from desk.store.staff import active_staff_by_name


def fail(message: str) -> typer.Exit:
    """Print one unwrapped line to stderr and return the Exit (status 2) to raise."""
    typer.echo(_("{label}: {value}").format(label=_("Error"), value=message), err=True)
    return typer.Exit(2)


def call_group(app: typer.Typer) -> typer.Typer:
    """Add the `call` group to the root command and return it (its commands go beside)."""
    group = typer.Typer(help=_("Incoming calls."), no_args_is_help=True)
    app.add_typer(group, name="call")
    register_list(group)
    return group


def _recorder(session: Session, name: str | None) -> int:
    if name:
        staff = active_staff_by_name(session, name=name)
        assert staff.id is not None
        return staff.id
    active = list(session.exec(select(Staff).where(col(Staff.active)).limit(2)))
    if len(active) != 1 or active[0].id is None:
        raise fail(_("Name who took the call with --recorder NAME."))
    return active[0].id


def _department(session: Session, name: str | None) -> int | None:
    if not name:
        return None
    found = session.exec(select(Department).where(col(Department.name) == name.strip())).first()
    if found is None or found.id is None:
        raise fail(_("No department is called {name}.").format(name=name))
    return found.id


def register(app: typer.Typer) -> None:
    """Add `call add` to the root command."""
    group = call_group(app)

    @group.command("add", help=_("Log one call and print its id."))
    @friendly
    def add(
        ctx: typer.Context,
        org: str = typer.Option("", "--org", help=_("Caller's organisation.")),
        caller: str = typer.Option(..., "--caller", help=_("Caller's name.")),
        content: str = typer.Option(..., "--content", help=_("What the call is about.")),
        number: str = typer.Option(..., "--number", help=_("Callback number.")),
        priority: str = typer.Option(
            "deferrable", "--priority", metavar="|".join(PRIORITY_NAMES), help=_("Priority.")
        ),
        category: str = typer.Option(
            "consultation", "--category", metavar="|".join(CATEGORY_LABELS), help=_("Category.")
        ),
        at: str | None = typer.Option(
            None, "--at", metavar='"YYYY-MM-DD HH:MM"', help=_("When the call came (now).")
        ),
        recorder: str | None = typer.Option(
            None, "--recorder", metavar=_("NAME"), help=_("Who took the call.")
        ),
        department: str | None = typer.Option(
            None, "--department", metavar=_("DEPARTMENT"), help=_("Department routed to.")
        ),
        reply_within: int | None = typer.Option(
            None, "--reply-within", metavar=_("HOURS"), help=_("Reply promised within N hours.")
        ),
        reply_days: int | None = typer.Option(
            None,
            "--reply-days",
            metavar=_("DAYS"),
            help=_("Reply promised within N working days (holidays skipped)."),
        ),
        lead: bool = typer.Option(False, "--lead", help=_("A sales lead (enrols its follow-ups).")),
    ) -> None:
        current = state(ctx)
        settings = current.settings()
        chosen_priority = parse_priority(priority)
        if chosen_priority is None:
            raise fail(
                _("Unknown priority {value}; use one of: ").format(value=priority)
                + ", ".join(PRIORITY_NAMES)
            )
        chosen_category = parse_category(category)
        if chosen_category is None:
            raise fail(
                _("Unknown category {value}; use one of: ").format(value=category)
                + ", ".join(CATEGORY_LABELS)
            )
        now = datetime.now(settings.tz)
        try:
            received_at = parse_call_time(at, now=now) if at is not None else now
        except CallTimeError as error:
            raise fail(error.message) from None
        try:
            with session_scope(current.engine(create=True)) as session:
                data = CallCreate(
                    received_at=received_at.replace(second=0, microsecond=0),
                    org=org,
                    caller=caller,
                    content=content,
                    number=number,
                    recorder_id=_recorder(session, recorder),
                    priority=chosen_priority,
                    category=chosen_category,
                    department_id=_department(session, department),
                    reply_within_hours=reply_within,
                    reply_within_days=reply_days,
                    is_sales_lead=lead,
                )
                call = create_call(
                    session,
                    data=data,
                    actor=None,
                    area_code=settings.area_code,
                    settings=settings,
                )
                call_id = call.id
        except CallInvalid as error:
            raise fail(" ".join(error.errors.values())) from None
        typer.echo(call_id)
