"""Every message the code shows is in both catalogs, with a Chinese translation."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from desk.i18n import _, catalog, parse_po, set_language

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "messages.py"
spec = importlib.util.spec_from_file_location("messages", SCRIPT)
assert spec and spec.loader
messages = importlib.util.module_from_spec(spec)
spec.loader.exec_module(messages)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_message_is_in_the_catalog(language: str) -> None:
    assert messages.missing(language) == {}


def test_code_uses_messages() -> None:
    assert len(messages.used_messages()) > 50


def test_language_switch() -> None:
    set_language("en")
    assert _("Wrong PIN.") == "Wrong PIN."
    set_language("zh_CN")
    assert _("Wrong PIN.") != "Wrong PIN."
    assert _("Wrong PIN.") == catalog("zh_CN")["Wrong PIN."]


def test_po_parser_handles_escapes_and_continuations() -> None:
    text = 'msgid ""\nmsgstr "x"\n\nmsgid "a \\"b\\"\\n"\nmsgstr ""\n"第一行"\n"第二行"\n'
    assert parse_po(text) == {'a "b"\n': "第一行第二行"}
