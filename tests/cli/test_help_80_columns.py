"""`--help` at 80 columns reads whole: values of a|b|c lists are never cut inside a word,
Chinese never starts a line with closing punctuation, nothing is cut off with an ellipsis."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from desk.cli.help_wrap import break_points, divide_line
from desk.cli.root import build_app
from desk.i18n import set_language

CHOICES = ("calls", "visits", "appointments", "followups", "all")


def _help(lang: str, *command: str) -> str:
    set_language(lang)
    result = CliRunner().invoke(
        build_app(), ["--lang", lang, *command, "--help"], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.output
    return result.output


def _cells(output: str) -> list[str]:
    """The text inside the panels, one line of the table at a time."""
    return [line.strip("│ ") for line in output.splitlines() if line.startswith("│")]


def _values(output: str, option: str) -> list[str]:
    """The a|b|c text of an option or argument, joined from the lines it wraps onto."""
    lines = output.splitlines()
    first = next(i for i, line in enumerate(lines) if option in line)
    found = re.search(r"[a-z_]+(\|[a-z_]+)+\|?", lines[first])
    assert found is not None
    column, text = found.start(), found.group()
    for line in lines[first + 1 :]:
        if not text.endswith("|"):
            break
        more = line[column:].split(" ")[0]
        if not more or not re.fullmatch(r"[a-z_|]+", more):
            break
        text += more
    return text.split("|")


@pytest.mark.parametrize(("lang", "what"), [("zh_CN", "导出哪类记录。"), ("en", "What to export.")])
def test_export_help_is_whole_at_80_columns(lang: str, what: str) -> None:
    output = _help(lang, "export")
    assert "…" not in output
    assert what in output
    assert _values(output, "calls|") == list(CHOICES)
    for line in output.splitlines()[:-1]:
        assert len(line) <= 80 or lang == "zh_CN"
    assert not any(re.fullmatch(r"(calls\||visits\|).*(TEXT|文本).*", c) for c in _cells(output))


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_enum_values_wrap_between_values(lang: str) -> None:
    output = _help(lang, "visit", "add")
    assert _values(output, "--category") == ["consultation", "complaint", "suggestion", "praise"]
    assert _values(output, "--priority") == ["urgent", "important", "deferrable", "minor"]
    call = _help(lang, "call", "add")
    categories = _values(call, "--category")
    assert "harassment" in categories and "involves_leader" in categories


def test_chinese_help_never_starts_a_line_with_closing_punctuation() -> None:
    for command in (["nightly"], ["visit", "add"], ["export"], ["call", "add"]):
        output = _help("zh_CN", *command)
        for cell in _cells(output):
            words = cell.split("  ")[-1].strip()
            assert not words.startswith(("）", "。", "，", "、", "；")), (command, cell)
    assert "（大文件较慢）。" in _help("zh_CN", "nightly").replace("│", "").replace(
        " ", ""
    ).replace("\n", "")


def test_break_points() -> None:
    text = "运行完整的完整性检查（大文件较慢）。"
    assert divide_line(text, 30) == [text.index("慢")]  # 慢 goes down with its ）。
    assert divide_line("urgent|important|deferrable|minor", 24) == [17]
    text = "文件，如 calls.csv。"
    assert text.index("，") not in break_points(text)
    assert text.index("。") not in break_points(text)
    assert divide_line("abcdefghij", 4) == [4, 8]  # a word longer than a line is still folded
