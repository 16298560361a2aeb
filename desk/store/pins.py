"""PINs: what a new PIN must look like, and their scrypt hashes (no database code: the sign-in
card checks a PIN before the tables load)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from desk.i18n import _
from desk.store.errors import ValidationError

PIN_MIN, PIN_MAX = 4, 12
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


def check_pin(pin: str) -> str:
    """Validate a new PIN: 4 to 12 digits."""
    pin = pin.strip()
    if not (pin.isdigit() and pin.isascii() and PIN_MIN <= len(pin) <= PIN_MAX):
        raise ValidationError(_("A PIN is 4 to 12 digits."), field="pin")
    return pin


def hash_pin(pin: str) -> str:
    """A memory-hard (scrypt) hash of a PIN, salted, in a self-describing string."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    encode = base64.b64encode
    return (
        f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${encode(salt).decode()}${encode(digest).decode()}"
    )


def pin_matches(pin: str, stored: str) -> bool:
    """Whether a PIN matches a stored hash (constant-time)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    computed = hashlib.scrypt(
        pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p)
    )
    return hmac.compare_digest(computed, base64.b64decode(digest))
