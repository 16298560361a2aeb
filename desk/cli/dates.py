"""Reading dates, months and quarters typed on the command line."""

from __future__ import annotations

from datetime import date

from desk.i18n import _
from desk.rules.dates import DateError
from desk.rules.dates import parse_day as parse
from desk.store.errors import ValidationError


def parse_day(value: str | None, option: str) -> date | None:
    """A YYYY-MM-DD date, or a clear error naming the option."""
    if value is None:
        return None
    try:
        return parse(value)
    except DateError as error:
        if error.not_existing:
            message = _("{label}: {value}").format(label=option, value=error.message)
            raise ValidationError(message, field=option) from None
        raise ValidationError(
            _("{option}: expected a date such as 2026-11-24, got {value}").format(
                option=option, value=value
            ),
            field=option,
        ) from None
