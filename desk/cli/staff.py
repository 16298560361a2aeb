"""`desk staff`: add, list, disable, enable the people who sign in; reset a PIN, set a role."""

from __future__ import annotations

import json
import sys
from datetime import datetime

import typer
from rich.table import Table

from desk.cli.context import console, friendly, state
from desk.i18n import N_, _
from desk.models import Role
from desk.store.engine import session_scope
from desk.store.errors import ValidationError
from desk.store.staff import create_staff, list_staff, parse_role, staff_by_name
from desk.store.staff_admin import disable_staff, enable_staff, reset_pin, set_role

ROLE_LABELS = {
    Role.RECEPTIONIST.value: N_("Receptionist"),
    Role.SUPERVISOR.value: N_("Supervisor"),
    Role.ADMIN.value: N_("Administrator"),
}


def role_label(role: str) -> str:
    """A role's name for people."""
    return _(ROLE_LABELS.get(role, role))


def someone_to_ask() -> bool:
    """Whether a person at a terminal can type a PIN (not a script, a pipe or cron)."""
    return sys.stdin.isatty()


def ask_pin() -> str:
    """A new PIN typed twice at the terminal; without a terminal there is no one to ask."""
    if not someone_to_ask():
        raise ValidationError(
            _("No PIN given: use --pin or the DESK_PIN environment variable."), field="--pin"
        )
    return str(typer.prompt(_("PIN"), hide_input=True, confirmation_prompt=True))


def register(app: typer.Typer) -> None:
    """Add the `staff` group to the root command."""
    group = typer.Typer(help=_("Staff members who sign in at the desks."), no_args_is_help=True)
    app.add_typer(group, name="staff")

    @group.command("add", help=_("Add a staff member."))
    @friendly
    def add(
        ctx: typer.Context,
        name: str = typer.Argument(..., metavar=_("NAME"), help=_("Full name.")),
        role: str = typer.Option(
            "receptionist",
            "--role",
            metavar="receptionist|supervisor|admin",
            help=_("What the staff member may do."),
        ),
        pin: str | None = typer.Option(
            None,
            "--pin",
            envvar="DESK_PIN",
            help=_("PIN of 4 to 12 digits (asked for when not given)."),
        ),
    ) -> None:
        chosen_role = parse_role(role)
        if not name.strip():
            raise ValidationError(_("Enter a name."), field="name")
        if pin is None:
            pin = ask_pin()
        with session_scope(state(ctx).engine(create=True)) as session:
            staff = create_staff(session, name=name, role=chosen_role, pin=pin)
        console.print(
            _("Added {name} ({role}).").format(name=staff.name, role=role_label(staff.role)),
            markup=False,
        )

    @group.command("list", help=_("List the staff members."))
    @friendly
    def list_command(
        ctx: typer.Context,
        as_json: bool = typer.Option(False, "--json", help=_("Print JSON.")),
    ) -> None:
        tz = state(ctx).settings().tz
        now = datetime.now(tz)
        with session_scope(state(ctx).engine()) as session:
            members = list_staff(session)
        if as_json:
            rows = [
                {"id": s.id, "name": s.name, "role": s.role, "active": s.active} for s in members
            ]
            typer.echo(json.dumps(rows, ensure_ascii=False))
            return
        if not members:
            console.print(_("No staff members yet. Add one with: desk staff add NAME --role admin"))
            return
        table = Table()
        table.add_column(_("Name"))
        table.add_column(_("Role"))
        table.add_column(_("Status"))
        for member in members:
            status = _("active") if member.active else _("disabled")
            if member.active and member.locked_until and member.locked_until > now:
                until = member.locked_until.astimezone(tz).strftime("%H:%M")
                status = _("locked until {time}").format(time=until)
            table.add_row(Text_(member.name), role_label(member.role), status)
        console.print(table)

    name_argument = typer.Argument(..., metavar=_("NAME"), help=_("Full name."))

    @group.command("disable", help=_("Stop a staff member signing in (their records stay)."))
    @friendly
    def disable(ctx: typer.Context, name: str = name_argument) -> None:
        with session_scope(state(ctx).engine()) as session:
            staff = staff_by_name(session, name=name)
            disable_staff(session, actor=None, staff_id=staff.id or 0)
        console.print(_("{name} is disabled.").format(name=staff.name), markup=False)

    @group.command("enable", help=_("Let a disabled staff member sign in again."))
    @friendly
    def enable(ctx: typer.Context, name: str = name_argument) -> None:
        with session_scope(state(ctx).engine()) as session:
            staff = staff_by_name(session, name=name)
            enable_staff(session, actor=None, staff_id=staff.id or 0)
        console.print(_("{name} may sign in again.").format(name=staff.name), markup=False)

    @group.command("reset-pin", help=_("Give a staff member a new PIN (also lifts a lock)."))
    @friendly
    def reset_pin_command(
        ctx: typer.Context,
        name: str = name_argument,
        pin: str | None = typer.Option(
            None,
            "--pin",
            envvar="DESK_PIN",
            help=_("PIN of 4 to 12 digits (asked for when not given)."),
        ),
    ) -> None:
        engine = state(ctx).engine()
        with session_scope(engine) as session:
            staff_by_name(session, name=name)
        if pin is None:
            pin = ask_pin()
        with session_scope(engine) as session:
            staff = staff_by_name(session, name=name)
            reset_pin(session, actor=None, staff_id=staff.id or 0, pin=pin)
        console.print(_("{name} has a new PIN.").format(name=staff.name), markup=False)

    @group.command("role", help=_("Change what a staff member may do."))
    @friendly
    def role_command(
        ctx: typer.Context,
        name: str = name_argument,
        role: str = typer.Argument(..., metavar="receptionist|supervisor|admin"),
    ) -> None:
        chosen = parse_role(role)
        with session_scope(state(ctx).engine()) as session:
            staff = staff_by_name(session, name=name)
            set_role(session, actor=None, staff_id=staff.id or 0, role=chosen)
        console.print(
            _("{name} is now {role}.").format(name=staff.name, role=role_label(chosen.value)),
            markup=False,
        )


def Text_(value: str):  # noqa: N802
    """Staff names are data: never read as markup."""
    from rich.text import Text

    return Text(value)
