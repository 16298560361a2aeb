"""Make untrusted text safe to show in a terminal (no escape sequences reach the screen).

Bidirectional controls (the embeddings, overrides and isolates U+202A-U+202E, U+2066-U+2069,
the marks U+200E, U+200F and U+061C) are shown too, as a marker naming them (U+202E ->
`⟨U+202E⟩`): pasted into a caller's name or number they would make it read backwards. Other
invisible formatting characters are left alone; the zero-width joiner holds emoji together
(👨‍👩‍👧) and the zero-width non-joiner and space appear in legitimate text.
"""

from __future__ import annotations

__all__ = ["BIDI_CONTROLS", "one_line", "printable"]

BIDI_CONTROLS = frozenset([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
"""The code points of the Unicode bidirectional formatting characters (UAX #9)."""


def _build_table() -> dict[int, str]:
    """Build the str.translate table used by printable()."""
    table: dict[int, str] = {}
    for code in range(0x20):
        if chr(code) not in "\n\t":
            table[code] = chr(0x2400 + code)  # Unicode Control Pictures: ESC -> U+241B
    table[0x7F] = "\u2421"  # DEL -> SYMBOL FOR DELETE
    for code in range(0x80, 0xA0):
        table[code] = f"\\x{code:02x}"  # C1 controls, e.g. CSI U+009B -> literal \x9b
    for code in BIDI_CONTROLS:
        table[code] = f"⟨U+{code:04X}⟩"  # e.g. RIGHT-TO-LEFT OVERRIDE -> ⟨U+202E⟩
    return table


_PRINTABLE_TABLE = _build_table()
_ONE_LINE_TABLE = {ord("\n"): " ", ord("\t"): " "}


def printable(text: str) -> str:
    """Replace C0 (except newline and tab), DEL, C1 and bidirectional control characters with
    visible stand-ins."""
    return text.translate(_PRINTABLE_TABLE)


def one_line(text: str) -> str:
    """Return printable(text) on a single line: CRLF, newlines and tabs become spaces."""
    return printable(text.replace("\r\n", "\n")).translate(_ONE_LINE_TABLE)
