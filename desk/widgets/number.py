"""The contact-number field of the entry forms: checked when left, shown normalised."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Input

from desk.widgets.form_row import FormRow

if TYPE_CHECKING:
    from desk.rules.phone import Phone

# desk.rules.phone (phonenumbers' metadata) is imported on first use: the entry screens are
# drawn before it loads, in the background, with the database code.


def e164_of(text: str, area_code: str | None) -> str | None:
    """The E.164 form of a typed number, or None while it is not a valid one."""
    from desk.rules.phone import PhoneError, parse_phone

    try:
        return parse_phone(text, default_area_code=area_code or None).e164
    except PhoneError:
        return None


def number_left(row: FormRow, field: Input, area_code: str | None) -> Phone | None:
    """Check the number in a field being left: show it normalised and clear its error, or
    show the error under it. None when the field is empty or the number is wrong."""
    if not field.value.strip():
        row.show_error(None)
        return None
    from desk.rules.phone import PhoneError, parse_phone

    try:
        phone = parse_phone(field.value, default_area_code=area_code or None)
    except PhoneError as error:
        row.show_error(error.message)
        return None
    row.show_error(None)
    field.value = phone.display
    return phone
