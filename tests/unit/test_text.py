"""Tests for desk.rules.text: terminal-safe rendering of untrusted text."""

from __future__ import annotations

import pytest

from desk.rules.text import one_line, printable


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\x1b[2J", "\u241b[2J"),
        ("\x1b]0;pwned\x07", "\u241b]0;pwned\u2407"),  # OSC set-title, BEL-terminated
        ("\x1b]2;title\x1b\\", "\u241b]2;title\u241b\\"),  # OSC terminated by ST
        ("\x00", "\u2400"),
        ("a\rb", "a\u240db"),
        ("\x08\x0b\x0c", "\u2408\u240b\u240c"),
        ("\x1f", "\u241f"),
        ("\x7f", "\u2421"),
        ("\x9b2J", "\\x9b2J"),  # C1 CSI
        ("\x80\x9f", "\\x80\\x9f"),
    ],
)
def test_printable_replaces_controls(raw: str, expected: str) -> None:
    assert printable(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        "[b]x[/b]",
        "[@click=app.quit]点我[/]",
        "张三 第一医院 备注 [/ 未知",
        "emoji 😀 ok",
        "line1\nline2\tcol",
        "\u00a0\u00e9\u00ff",  # just above the C1 range stays
        "",
    ],
)
def test_printable_keeps_ordinary_text(text: str) -> None:
    assert printable(text) == text


def test_printable_leaves_no_control_characters() -> None:
    everything = "".join(chr(code) for code in range(0x200))
    cleaned = printable(everything)
    bad = [ch for ch in cleaned if ch not in "\n\t" and (ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0)]
    assert bad == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\nb", "a b"),
        ("a\tb", "a b"),
        ("a\r\nb", "a b"),
        ("备注：\x1b[31m红\n字", "备注：\u241b[31m红 字"),
        ("lone\rcr", "lone\u240dcr"),
    ],
)
def test_one_line(raw: str, expected: str) -> None:
    assert one_line(raw) == expected
