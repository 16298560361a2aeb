"""Who may do what: roles to permissions, checked by the store (screens only hide keys)."""

from __future__ import annotations

from enum import StrEnum

from desk.i18n import _
from desk.models import Role
from desk.session_info import SignedIn
from desk.store.errors import PermissionDenied


class Permission(StrEnum):
    """An action a role may be allowed."""

    LOG = "log"  # log calls and visits, work the queues, read calls and visits
    READ_ALL_FOLLOWUPS = "read_all_followups"  # every follow-up sheet, not only one's own
    ARCHIVE = "archive"
    REPORTS = "reports"
    READ_AUDIT = "read_audit"
    MANAGE_STAFF = "manage_staff"
    CONFIGURE = "configure"
    EXPORT = "export"
    BACKUP = "backup"
    RESTORE = "restore"


_RECEPTIONIST = frozenset({Permission.LOG})
_SUPERVISOR = _RECEPTIONIST | {
    Permission.READ_ALL_FOLLOWUPS,
    Permission.ARCHIVE,
    Permission.REPORTS,
    Permission.READ_AUDIT,
}
GRANTS: dict[Role, frozenset[Permission]] = {
    Role.RECEPTIONIST: _RECEPTIONIST,
    Role.SUPERVISOR: frozenset(_SUPERVISOR),
    Role.ADMIN: frozenset(Permission),
}


def allowed(actor: SignedIn | None, permission: Permission) -> bool:
    """Whether an actor may do something; None is the command line, run by the OS user."""
    return actor is None or permission in GRANTS[actor.role]


def require(actor: SignedIn | None, permission: Permission) -> None:
    """Refuse with a clear message unless the actor's role grants the permission."""
    if not allowed(actor, permission):
        raise PermissionDenied(
            _("{name}'s role does not allow this.").format(name=actor.name if actor else "")
        )
