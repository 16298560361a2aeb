"""Make untrusted text safe to show in a terminal (no escape sequences reach the screen)."""

from __future__ import annotations

__all__ = ["one_line", "printable"]


def _build_table() -> dict[int, str]:
    """Build the str.translate table used by printable()."""
    table: dict[int, str] = {}
    for code in range(0x20):
        if chr(code) not in "\n\t":
            table[code] = chr(0x2400 + code)  # Unicode Control Pictures: ESC -> U+241B
    table[0x7F] = "\u2421"  # DEL -> SYMBOL FOR DELETE
    for code in range(0x80, 0xA0):
        table[code] = f"\\x{code:02x}"  # C1 controls, e.g. CSI U+009B -> literal \x9b
    return table


_PRINTABLE_TABLE = _build_table()
_ONE_LINE_TABLE = {ord("\n"): " ", ord("\t"): " "}


def printable(text: str) -> str:
    """Replace C0 (except newline and tab), DEL and C1 control characters with visible stand-ins."""
    return text.translate(_PRINTABLE_TABLE)


def one_line(text: str) -> str:
    """Return printable(text) on a single line: CRLF, newlines and tabs become spaces."""
    return printable(text.replace("\r\n", "\n")).translate(_ONE_LINE_TABLE)
