"""Phone numbers as typed at a Chinese front desk: parse, validate, classify and format."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import phonenumbers
from phonenumbers import (
    NumberParseException,
    PhoneNumber,
    PhoneNumberFormat,
    PhoneNumberType,
    shortnumberinfo,
)
from phonenumbers.shortnumberinfo import ShortNumberCost

__all__ = ["Phone", "PhoneError", "digits_only", "fold_width", "parse_phone"]

_CODES = frozenset(
    {"empty", "invalid", "not_a_number", "needs_area_code", "too_short", "mobile_extension"}
)
_SHORTEST_NUMBER = 7
"""Fewer national digits than this can only be a short service number (120, 12345)."""
_MAX_LENGTH = 64

# Full-width ASCII (U+FF01..U+FF5E) to ASCII, the ideographic space to a space, and the
# assorted Unicode dashes and minus signs to "-".
_FOLD: dict[int, int] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD |= {0x3000: 0x20, 0x00A0: 0x20}
_FOLD |= dict.fromkeys(
    [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63], 0x2D
)

# An extension with a label at the end: 转123, 分机 123, ext 123, ext. 123, #123, x123.
_LABELLED_EXT = re.compile(
    r"(?P<main>.*?)[\s,;]*(?:转|轉|分机号?|分機號?|extension|extn|ext|x|#)\.?\s*:?\s*(?P<ext>\d{1,6})",
    re.IGNORECASE,
)
# A trailing dash group, 0931-8942000-123; only an extension if the head is a full landline.
_DASH_EXT = re.compile(r"(?P<main>.*\d)\s*-\s*(?P<ext>\d{1,5})")
# What may remain once the extension is gone: digits, spaces, + - ( ).
_NUMBER_CHARS = re.compile(r"\(?\+?[\d\s()\-]*")


def _message(code: str, _: Callable[[str], str]) -> str:
    """Return the message for an error code, passed through the translator _."""
    if code == "empty":
        return _("Enter a phone number.")
    if code == "not_a_number":
        return _("A phone number has only digits, spaces, + - ( ) and an extension.")
    if code == "mobile_extension":
        return _("A mobile number has no extension; enter the mobile number alone.")
    if code == "needs_area_code":
        return _("Add the area code, e.g. 0931-8942000.")
    if code == "too_short":
        return _(
            "Too few digits for a phone number; of the short numbers only service numbers "
            "such as 120, 12345 or 95555 are accepted."
        )
    return _("This is not a valid phone number.")


class PhoneError(ValueError):
    """A phone number that cannot be accepted; code says why."""

    def __init__(self, code: str) -> None:
        """Create the error for one of: empty, invalid, not_a_number, needs_area_code,
        too_short, mobile_extension."""
        if code not in _CODES:
            raise ValueError(f"Unknown PhoneError code {code!r}")
        super().__init__(code)
        self.code: str = code

    def __str__(self) -> str:
        """Return the untranslated English message."""
        return _message(self.code, str)

    @property
    def message(self) -> str:
        """Return the message translated for the user."""
        from desk.i18n import _  # imported lazily: desk.i18n loads the catalogues

        return _message(self.code, _)


@dataclass(frozen=True)
class Phone:
    """A parsed phone number: e164 is None for short service numbers such as 120 or 95588."""

    raw: str
    e164: str | None
    extension: str | None
    kind: str
    display: str


def fold_width(text: str) -> str:
    """Fold full-width characters (as some Chinese IMEs type them) and Unicode dashes to ASCII."""
    return text.translate(_FOLD)


_fold = fold_width


def digits_only(text: str) -> str:
    """Return the ASCII digits of text, full-width digits folded to ASCII."""
    return "".join(ch for ch in _fold(text) if "0" <= ch <= "9")


def _is_short(digits: str, region: str) -> bool:
    """Return True if digits form a real short or service number (120, 12345, 95588) in region.

    phonenumbers' short-number data also matches 3-4 digit codes nobody dials today (CN: 100,
    112, 114, 123, 160, 168, 1080-1089, all "standard rate"), so a code shorter than 5 digits
    is accepted only when the data marks it free to call: the emergency and public-service
    numbers 110, 119, 120 and 122. From 5 digits on the data's own ranges decide (12345,
    12320, 10086, 95555, 96120)."""
    if not 3 <= len(digits) <= 12:
        return False
    try:
        number = phonenumbers.parse(digits, region)
    except NumberParseException:
        return False
    if not shortnumberinfo.is_valid_short_number_for_region(number, region):
        return False
    if len(digits) >= 5:
        return True
    cost = shortnumberinfo.expected_cost_for_region(number, region)
    return bool(cost == ShortNumberCost.TOLL_FREE)


def _parse_main(
    main: str, region: str, default_area_code: str | None
) -> tuple[PhoneNumber | None, str]:
    """Parse the number without its extension; None stands for a valid short number."""
    if not main:
        raise PhoneError("invalid")
    if not _NUMBER_CHARS.fullmatch(main):
        raise PhoneError("not_a_number")
    digits = digits_only(main)
    if not digits:
        raise PhoneError("not_a_number")
    international = "+" in main or digits.startswith("00")
    if region == "CN" and not international and 7 <= len(digits) <= 8 and digits[0] in "23456789":
        # A local landline number without its area code (区号).
        if default_area_code is None:
            raise PhoneError("needs_area_code")
        area = digits_only(default_area_code)
        main = (area if area.startswith("0") else "0" + area) + digits
    try:
        number = phonenumbers.parse(main, region)
    except NumberParseException:
        number = None
    if number is not None and phonenumbers.is_valid_number(number):
        return number, digits
    if not international and _is_short(digits, region):
        return None, digits
    if not international and len(digits) < _SHORTEST_NUMBER:
        raise PhoneError("too_short")
    raise PhoneError("invalid")


def _kind(number: PhoneNumber | None, region: str) -> str:
    """Classify a parsed number as mobile, fixed, international, short or other."""
    if number is None:
        return "short"
    if number.country_code != phonenumbers.country_code_for_region(region):
        return "international"
    number_type = phonenumbers.number_type(number)
    if number_type == PhoneNumberType.MOBILE:
        return "mobile"
    if number_type in (PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE):
        return "fixed"
    return "other"


def _is_mobile(number: PhoneNumber | None) -> bool:
    """Whether a number is a mobile one (at home or abroad): mobiles have no extensions."""
    return number is not None and phonenumbers.number_type(number) == PhoneNumberType.MOBILE


def _display(number: PhoneNumber | None, kind: str, digits: str, extension: str | None) -> str:
    """Format for people: 138 1234 5678, 0931-8942000 转123, +1 650-253-0000, 120."""
    if number is None:
        text = digits
    elif kind == "international":
        text = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    else:
        text = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
        area_length = phonenumbers.length_of_geographical_area_code(number)
        if kind == "fixed" and number.country_code == 86 and area_length:
            nsn = phonenumbers.national_significant_number(number)
            text = f"0{nsn[:area_length]}-{nsn[area_length:]}"
    return f"{text} 转{extension}" if extension else text


def _build(
    raw: str, number: PhoneNumber | None, digits: str, extension: str | None, region: str
) -> Phone:
    """Assemble a Phone from a parsed number."""
    kind = _kind(number, region)
    e164 = None if number is None else phonenumbers.format_number(number, PhoneNumberFormat.E164)
    display = _display(number, kind, digits, extension)
    return Phone(raw=raw, e164=e164, extension=extension, kind=kind, display=display)


def parse_phone(raw: str, *, region: str = "CN", default_area_code: str | None = None) -> Phone:
    """Parse a phone number as typed; raise PhoneError with a code when it is not acceptable."""
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError(f"Unknown phone region {region!r}")
    stripped = raw.strip()
    text = _fold(stripped).strip()
    if not text:
        raise PhoneError("empty")
    if len(text) > _MAX_LENGTH:
        raise PhoneError("invalid")

    labelled = _LABELLED_EXT.fullmatch(text)
    if labelled:
        number, digits = _parse_main(labelled["main"].strip(), region, default_area_code)
        if _is_mobile(number):
            raise PhoneError("mobile_extension")
        return _build(stripped, number, digits, labelled["ext"], region)

    head_error: PhoneError | None = None
    dashed = _DASH_EXT.fullmatch(text)
    if dashed:
        try:
            number, digits = _parse_main(dashed["main"].strip(), region, default_area_code)
        except PhoneError as error:
            head_error = error
        else:
            if _kind(number, region) == "fixed":
                return _build(stripped, number, digits, dashed["ext"], region)
            if _is_mobile(number):
                raise PhoneError("mobile_extension")
    try:
        number, digits = _parse_main(text, region, default_area_code)
    except PhoneError:
        if head_error is not None and head_error.code == "needs_area_code":
            raise head_error from None
        raise
    return _build(stripped, number, digits, None, region)
