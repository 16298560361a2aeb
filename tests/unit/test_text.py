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


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("张三\u202e8765 4321 831", "张三⟨U+202E⟩8765 4321 831"),  # RIGHT-TO-LEFT OVERRIDE
        ("\u202a\u202b\u202c\u202d", "⟨U+202A⟩⟨U+202B⟩⟨U+202C⟩⟨U+202D⟩"),
        ("\u2066x\u2067y\u2068z\u2069", "⟨U+2066⟩x⟨U+2067⟩y⟨U+2068⟩z⟨U+2069⟩"),
        ("a\u200eb\u200fc\u061cd", "a⟨U+200E⟩b⟨U+200F⟩c⟨U+061C⟩d"),
    ],
)
def test_printable_shows_bidi_controls(raw: str, expected: str) -> None:
    assert printable(raw) == expected
    assert one_line(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        "👨\u200d👩\u200d👧 一家人",  # the zero-width joiner holds the family emoji together
        "👍🏽 🇨🇳",
        "欧阳娜娜 · 买买提·艾力",
        "مرحبا עברית",  # right-to-left letters themselves are text, not controls
        "零宽\u200b空格 \u200c",
    ],
)
def test_printable_keeps_emoji_cjk_and_right_to_left_letters(text: str) -> None:
    assert printable(text) == text
