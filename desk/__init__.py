"""desk: a keyboard-driven front-desk register for calls, visits and follow-ups."""

from __future__ import annotations

from desk.compiled import keep_compiled

__version__ = "0.1.0"

keep_compiled()  # before desk, Textual or Rich define their dataclasses and expressions
