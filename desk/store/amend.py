"""Put right what was written down about a call: changed in place while it is being worked,
or, once archived, a new call linked to it (the archived one is never edited)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from desk.i18n import N_, _
from desk.models import Call, Status
from desk.rules.phone import Phone, PhoneError, parse_phone
from desk.session_info import SignedIn
from desk.store.calls import CallInvalid
from desk.store.errors import NotFound
from desk.store.workflow import correct, edit

LIMITS = {"org": 200, "caller": 100, "content": 10_000}
REQUIRED = {
    "caller": N_("Enter the caller's name."),
    "content": N_("Enter what the call is about."),
}


@dataclass(frozen=True)
class CallText:
    """What can be put right on a call, as it stands."""

    id: int
    org: str
    caller: str
    content: str
    number: str
    archived: bool


@dataclass(frozen=True)
class Amended:
    """The outcome: the call that now holds the text, and whether it is a new, linked one."""

    id: int
    corrects_id: int | None


def call_text(session: Session, *, call_id: int) -> CallText:
    """The texts and number of a call, to be put right."""
    call = session.get(Call, call_id)
    if call is None:
        raise NotFound(_("Record {id} does not exist.").format(id=call_id))
    return CallText(
        id=call_id,
        org=call.org,
        caller=call.caller,
        content=call.content,
        number=call.number_raw,
        archived=call.status == Status.ARCHIVED.value,
    )


def _normalised(number: str, area_code: str | None) -> str:
    """A stored number as it is shown (older rows may hold it as it was typed)."""
    try:
        return parse_phone(number, default_area_code=area_code or None).display
    except PhoneError:
        return number


def amend_call(
    session: Session,
    *,
    call_id: int,
    org: str,
    caller: str,
    content: str,
    number: str,
    actor: SignedIn | None,
    area_code: str | None = None,
) -> Amended:
    """Check the new texts like a new call's, then change the call, or correct it when it is
    archived; either way its history and the audit trail say who did it. Errors name fields."""
    current = call_text(session, call_id=call_id)
    texts = {"org": org.strip(), "caller": caller.strip(), "content": content.strip()}
    errors: dict[str, str] = {}
    for name, value in texts.items():
        if not value and name in REQUIRED:
            errors[name] = _(REQUIRED[name])
        elif len(value) > LIMITS[name]:
            errors[name] = _("At most {limit} characters.").format(limit=LIMITS[name])
    phone: Phone | None = None
    if number.strip() != current.number.strip():
        # An untouched number is kept as stored, even one today's rules refuse (an older
        # row's mobile with an extension), so the other fields can still be put right.
        try:
            phone = parse_phone(number, default_area_code=area_code or None)
        except PhoneError as error:
            errors["number"] = error.message
    if errors:
        raise CallInvalid(errors)
    changes: dict[str, str] = {k: v for k, v in texts.items() if v != getattr(current, k)}
    if phone is not None and phone.display != _normalised(current.number, area_code):
        changes["number_raw"] = phone.display[:60]
    if not changes:
        raise CallInvalid({"content": _("Nothing was changed.")})
    step = correct if current.archived else edit
    record = step(session, kind="call", record_id=call_id, changes=changes, actor=actor)
    if phone is not None:
        record.number_e164, record.number_ext = phone.e164, phone.extension
        session.add(record)
        session.flush()
    return Amended(id=record.id or 0, corrects_id=call_id if current.archived else None)
