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


@pytest.mark.parametrize(
    ("lang_env", "expected"),
    [
        ("en_US.UTF-8", "en"),
        ("zh_CN.UTF-8", "zh_CN"),
        ("zh_TW.UTF-8", "zh_CN"),
        ("C.UTF-8", "zh_CN"),
        ("POSIX", "zh_CN"),
    ],
)
def test_system_locale(monkeypatch: pytest.MonkeyPatch, lang_env: str, expected: str) -> None:
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", lang_env)
    assert set_language(None) == expected


def test_configured_language_applies_to_the_command_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from desk.cli.root import build_app

    config = tmp_path / "en.toml"
    config.write_text('[institution]\nlanguage = "en"\n', encoding="utf-8")
    CliRunner().invoke(build_app(), ["--db", str(tmp_path / "c.db"), "db", "upgrade"])
    result = CliRunner().invoke(
        build_app(), ["--config", str(config), "--db", str(tmp_path / "c.db"), "doctor"]
    )
    assert result.exit_code == 0
    assert "Holiday calendar" in result.output  # English words, not the default Chinese


def test_one_translation_per_message() -> None:
    """Catalogs of different areas never give the same message two Chinese names."""
    from desk.i18n import LOCALE_DIR

    seen: dict[str, dict[str, str]] = {}
    for path in sorted((LOCALE_DIR / "zh_CN").glob("*.po")):
        for msgid, text in parse_po(path.read_text(encoding="utf-8")).items():
            seen.setdefault(msgid, {}).setdefault(text, path.name)
    assert {msgid: found for msgid, found in seen.items() if len(found) > 1} == {}
