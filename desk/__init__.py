"""desk: a keyboard-driven front-desk register for calls, visits and follow-ups."""

from __future__ import annotations

from desk.dataclass_code import keep_dataclass_code

__version__ = "0.1.0"

keep_dataclass_code()  # before desk, Textual or Rich define their dataclasses
