"""Make exported cells safe: neutralise spreadsheet formulas, show control characters, and
mask private data.

Control characters: the database keeps text exactly as it was typed or pasted, but an export
is read by people (`cat`, `less`, an editor, Excel), so CSV and XLSX cells must not carry
terminal control sequences. Every C0 control except tab, newline and carriage return, DEL and
every C1 control is written as the stand-in the screens show (rules.text.printable): a C0
control as its Unicode Control Picture (ESC -> U+241B ␛, so "\x1b[31m" reads "␛[31m"), DEL as
U+2421 ␡, a C1 control as the literal text \x9b. Unlike U+FFFD this keeps which character it
was. Bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE and the like, which make a name or
number read backwards) are shown as the screens show them: ⟨U+202E⟩. XLSX gets the same
stand-ins; left to itself xlsxwriter would write ESC as the OOXML escape _x001B_, which Excel
turns back into ESC. JSON is data for programs: it escapes C0 controls itself (\u001b) and
keeps every other character as stored."""

from __future__ import annotations

import re

from desk.rules.text import BIDI_CONTROLS, printable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
"""C0 controls but tab, newline and carriage return; DEL; C1 controls; bidi controls."""
_STAND_INS = {chr(code): printable(chr(code)) for code in [*range(0xA0), *BIDI_CONTROLS]}


def _stand_in(match: re.Match[str]) -> str:
    """The stand-in of one control character."""
    return _STAND_INS[match.group()]


def visible_controls(text: str) -> str:
    """Replace the control characters a CSV must not carry with visible stand-ins."""
    return CONTROLS.sub(_stand_in, text)


_C0_BYTES = bytes([*(c for c in range(0x20) if chr(c) not in "\t\n\r"), 0x7F])
# The bidi controls in UTF-8: U+200E/F, U+202A..E, U+2066..9 and U+061C.
_BIDI_BYTES = re.compile(rb"\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xd8\x9c")


def csv_bytes(text: str) -> bytes:
    """Text as UTF-8 with its control characters made visible (see the module docstring)."""
    data = text.encode("utf-8")
    # The usual batch has none: C-speed checks (C1 controls are encoded as C2 80..9F).
    if (
        len(data.translate(None, _C0_BYTES)) == len(data)
        and b"\xc2" not in data
        and _BIDI_BYTES.search(data) is None
    ):
        return data
    return visible_controls(text).encode("utf-8")


def text_cell(value: str) -> str:
    """A text cell for a workbook: the control characters shown (a quick C check first)."""
    return value if value.isprintable() else visible_controls(value)


def safe_text(value: str) -> str:
    """A text cell neutralised as a formula and with its control characters shown."""
    return text_cell(neutralise(value))


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
