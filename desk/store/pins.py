"""PINs: what a new PIN must look like (no database code: the first screen checks it)."""

from __future__ import annotations

from desk.i18n import _
from desk.store.errors import ValidationError

PIN_MIN, PIN_MAX = 4, 12


def check_pin(pin: str) -> str:
    """Validate a new PIN: 4 to 12 digits."""
    pin = pin.strip()
    if not (pin.isdigit() and pin.isascii() and PIN_MIN <= len(pin) <= PIN_MAX):
        raise ValidationError(_("A PIN is 4 to 12 digits."), field="pin")
    return pin
