"""Make exported cells safe: neutralise spreadsheet formulas and mask private data."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Prefix a quote to text a spreadsheet would run as a formula (=, +, -, @, tab, CR)."""
    if value and value[0] in FORMULA_STARTS:
        return "'" + value
    return value


def mask_phone(value: str) -> str:
    """Keep the first three and last four digits of a number: 138****5678."""
    digits = "".join(c for c in value if c.isdigit())
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if len(digits) < 8:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_name(value: str) -> str:
    """Keep the first character of a name: 张三 → 张*, 欧阳娜娜 → 欧***."""
    value = value.strip()
    if not value:
        return value
    return value[0] + "*" * (len(value) - 1)


def mask_text(value: str) -> str:
    """Keep the first six characters of an address or similar text."""
    value = value.strip()
    return value if len(value) <= 6 else value[:6] + "***"


MASKS = {"phone": mask_phone, "name": mask_name, "text": mask_text}
