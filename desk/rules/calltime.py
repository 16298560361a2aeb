"""The time of a call as typed at the desk: `2026-11-24 09:05`, `11-24 09:05` or `09:05` (today)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta

__all__ = ["FUTURE_SLACK", "CallTimeError", "format_call_time", "parse_call_time"]

FUTURE_SLACK = timedelta(minutes=5)
"""How far ahead of the desk's clock a typed time may be (clocks of phones and PCs differ)."""

_CODES = frozenset({"empty", "invalid", "future"})
# Full-width digits, colon, hyphen, slash and the ideographic space to ASCII.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_FULL = re.compile(
    r"(?P<y>\d{4})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?\s*(?P<H>\d{1,2})[:时点](?P<M>\d{2})分?"
)
_MONTH_DAY = re.compile(
    r"(?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?\s+(?P<H>\d{1,2})[:时点](?P<M>\d{2})分?"
)
_CLOCK = re.compile(r"(?P<H>\d{1,2})[:时点](?P<M>\d{2})分?")


def _message(code: str, _: Callable[[str], str]) -> str:
    if code == "empty":
        return _("Enter the time of the call.")
    if code == "future":
        return _("The time of the call is in the future.")
    return _("Write the time as 2026-11-24 09:05, or 09:05 for today.")


class CallTimeError(ValueError):
    """A call time that cannot be accepted; code is one of: empty, invalid, future."""

    def __init__(self, code: str) -> None:
        if code not in _CODES:
            raise ValueError(f"Unknown CallTimeError code {code!r}")
        super().__init__(code)
        self.code: str = code

    def __str__(self) -> str:
        """The untranslated English message."""
        return _message(self.code, str)

    @property
    def message(self) -> str:
        """The message translated for the user."""
        from desk.i18n import _  # imported lazily: desk.i18n loads the catalogues

        return _message(self.code, _)


def parse_call_time(text: str, *, now: datetime) -> datetime:
    """The moment typed, in `now`'s time zone, to the minute; refuses times in the future."""
    folded = text.translate(_FOLD).strip()
    if not folded:
        raise CallTimeError("empty")
    year, month, day = now.year, now.month, now.day
    if match := _FULL.fullmatch(folded):
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    elif match := _MONTH_DAY.fullmatch(folded):
        month, day = int(match["m"]), int(match["d"])
    elif not (match := _CLOCK.fullmatch(folded)):
        raise CallTimeError("invalid")
    try:
        moment = datetime(year, month, day, int(match["H"]), int(match["M"]), tzinfo=now.tzinfo)
    except ValueError:
        raise CallTimeError("invalid") from None
    if moment > now + FUTURE_SLACK:
        raise CallTimeError("future")
    return moment


def format_call_time(moment: datetime) -> str:
    """How the time field shows a moment: `2026-11-24 09:05`."""
    return moment.strftime("%Y-%m-%d %H:%M")
