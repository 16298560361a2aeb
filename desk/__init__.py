"""desk: a keyboard-driven front-desk register for calls, visits and follow-ups."""

from __future__ import annotations

__version__ = "0.1.0"
