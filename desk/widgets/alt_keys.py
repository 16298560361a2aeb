"""Alt+key as a terminal sends it (Escape, then the key): a key to act on, never text.

Textual reads ESC 1…4 as the characters macOS types for Option+1…4 (¡ ™ £ ¢) and ESC l as
Alt+L still carrying the character "l": a focused text field takes either as typing before
the screen's Alt+1…4 or Alt+L binding runs. The app hands every key through `plain_alt_key`
first, so Alt+1…4 and Alt+L do what the key bar says, and type nothing, wherever the cursor is.
"""

from __future__ import annotations

from textual import events

ALT_DIGITS = dict(zip("¡™£¢∞¶•ªº", (f"alt+{digit}" for digit in "123457890"), strict=True))
"""The characters Textual makes of Alt+digit (Alt+6's § is also a key of its own: left be)."""


def plain_alt_key(event: events.Key) -> events.Key:
    """The key as desk binds it: Alt+digit for ¡ ™ £ ¢…, and Alt+letter without its letter."""
    key = ALT_DIGITS.get(event.character or "")
    if key is None:
        if not (event.key.startswith("alt+") and event.is_printable):
            return event
        key = event.key
    plain = events.Key(key, None)
    plain.set_sender(event._sender)
    return plain
