"""The app's areas: each a mode with its key, loaded only if its screen module exists."""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desk.i18n import N_, _
from desk.session_info import Role

if TYPE_CHECKING:
    from textual.screen import Screen

ALL_ROLES = frozenset(Role)
ROLE_NAMES = {
    Role.RECEPTIONIST: N_("Receptionist"),
    Role.SUPERVISOR: N_("Supervisor"),
    Role.ADMIN: N_("Administrator"),
}


@dataclass(frozen=True)
class Area:
    """One area of the app (a Textual mode): its key, label msgid and screen class."""

    mode: str
    key: str
    label: str
    module: str
    screen: str
    roles: frozenset[Role] = ALL_ROLES

    def available(self) -> bool:
        """Whether this area's screen has been built."""
        return importlib.util.find_spec(self.module) is not None

    def load(self) -> type:
        """The screen class of this area."""
        return getattr(importlib.import_module(self.module), self.screen)

    def refusal(self) -> str:
        """What someone whose role may not open this area is told on pressing its key."""
        roles = _(", ").join(_(ROLE_NAMES[role]) for role in Role if role in self.roles)
        return _("{area} is only for: {roles}.").format(area=_(self.label), roles=roles)

    def make_screen(self) -> Screen[None]:
        """A new screen of this area, its module imported on first use."""
        return self.load()()


AREAS: tuple[Area, ...] = (
    Area("calls", "f2", N_("Call entry"), "desk.screens.call_entry", "CallEntryScreen"),
    Area("log", "f3", N_("Call log"), "desk.screens.call_log", "CallLogScreen"),
    Area("visits", "f4", N_("Visits"), "desk.screens.visits", "VisitScreen"),
    Area("followups", "f5", N_("Follow-ups"), "desk.screens.followups", "FollowupScreen"),
    Area(
        "rates",
        "f6",
        N_("Follow-up rates"),
        "desk.screens.rates",
        "RatesScreen",
        frozenset({Role.SUPERVISOR, Role.ADMIN}),
    ),
    Area("handover", "f7", N_("Handover"), "desk.screens.handover", "HandoverScreen"),
    Area("queue", "f8", N_("Work queue"), "desk.screens.queue", "QueueScreen"),
    Area("staff", "f9", N_("Staff"), "desk.screens.staff", "StaffScreen", frozenset({Role.ADMIN})),
    Area(
        "audit",
        "f10",
        N_("Audit trail"),
        "desk.screens.audit",
        "AuditScreen",
        frozenset({Role.SUPERVISOR, Role.ADMIN}),
    ),
    Area(
        "appointments", "f11", N_("Appointments"), "desk.screens.appointments", "AppointmentsScreen"
    ),
    Area("home", "f12", N_("Overview"), "desk.screens.home", "HomeScreen"),
)
OPENING_MODES = ("calls", "home")


def available_areas() -> tuple[Area, ...]:
    """The areas whose screens exist."""
    return tuple(area for area in AREAS if area.available())


def area(mode: str) -> Area | None:
    """The area of a mode."""
    return next((a for a in AREAS if a.mode == mode), None)
