"""Dataclass methods and regular expressions compiled once and kept between runs
(desk.compiled): the next run compiles none of them again, and each behaves as Python's own
compilation makes it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import FrozenInstanceError, dataclass, field
from pathlib import Path

import pytest

from desk import compiled
from desk.kept import keep, read_kept

PROGRAM = """
import desk.app  # desk, Textual and Rich define their dataclasses
from desk.compiled import compiled_anew
print(compiled_anew())
"""


def run(folder: Path) -> int:
    """How many dataclass methods and regular expressions a new desk process compiles, with
    this cache folder."""
    env = {**os.environ, "DESK_CACHE_DIR": str(folder)}
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM], env=env, capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip())


def test_the_next_run_compiles_nothing_again(tmp_path: Path) -> None:
    first = run(tmp_path)
    assert first > 200  # desk's, Textual's and Rich's classes and expressions
    assert read_kept_in(tmp_path) is not None
    assert run(tmp_path) == 0


def read_kept_in(folder: Path) -> bytes | None:
    path = folder / compiled.KEPT_NAME
    return path.read_bytes() if path.exists() else None


@pytest.mark.parametrize("damage", ["empty", "truncated", "flipped"])
def test_a_damaged_file_is_compiled_again_and_kept_anew(tmp_path: Path, damage: str) -> None:
    first = run(tmp_path)
    kept = tmp_path / compiled.KEPT_NAME
    data = kept.read_bytes()
    if damage == "empty":
        kept.write_bytes(b"")
    elif damage == "truncated":
        kept.write_bytes(data[: len(data) // 2])
    else:
        kept.write_bytes(data[:-10] + bytes(b ^ 0xFF for b in data[-10:]))
    assert run(tmp_path) == first
    assert run(tmp_path) == 0


@dataclass(frozen=True, order=True)
class Sample:
    """A class defined with the kept code in use (desk is imported: its hook is on)."""

    number: int
    name: str = "来电"
    tags: list[str] = field(default_factory=list)


def test_classes_behave_as_python_makes_them() -> None:
    assert vars(compiled.dataclasses).get("exec") is compiled._exec
    sample = Sample(1)
    assert sample == Sample(1, "来电", [])
    assert Sample(1) < Sample(2)
    assert repr(sample) == "Sample(number=1, name='来电', tags=[])"
    assert Sample(1).tags is not Sample(1).tags
    with pytest.raises(FrozenInstanceError):
        sample.number = 2  # type: ignore[misc]
    # The generated code does not take this module's `from __future__ import annotations`:
    # the annotation is the field's type, not the name of the variable holding it.
    assert Sample.__init__.__annotations__["number"] == "int"


def test_nothing_is_kept_where_nothing_may_be(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DESK_CACHE_DIR", "")
    assert keep(compiled.KEPT_NAME, b"x") is False
    assert read_kept(compiled.KEPT_NAME) is None
    assert compiled._read() == {}


PATTERNS = [
    (r"^1[3-9]\d{9}$", 0, ["13812345678", "1381234567", "12812345678"]),
    (r"(?P<area>0\d{2,3})-?(?P<number>\d{7,8})(?:[#转](?P<ext>\d+))?", 0, ["0931-8123456转12"]),
    (r"(?<=\[)[^\]]*(?=\])", 0, ["[bold]来电[/]", "[@click=app.quit]x[/]"]),
    (r"第[一二三]人民医院", 0, ["阜新第一人民医院", "第四人民医院"]),
    (r"hello  # a comment\n \s world", re.VERBOSE | re.IGNORECASE, ["HELLO WORLD", "hi"]),
    (r"^\w+$", re.MULTILINE, ["一\n二三\nfour"]),
    (rb"\x1b\[[0-9;]*[A-Za-z]", 0, [b"\x1b[31mred", b"plain"]),
    (r"(a)|(b)(?P<c>c)?", 0, ["a", "bc", "x"]),
]


@pytest.mark.parametrize(("pattern", "flags", "texts"), PATTERNS)
def test_expressions_behave_as_python_makes_them(
    pattern: str | bytes, flags: int, texts: list[str | bytes]
) -> None:
    assert re._compiler.compile is compiled._regex  # type: ignore[attr-defined]
    python_made = compiled._python_regex_compile(pattern, flags)
    kept = compiled._regex(pattern, flags)
    again = compiled._regex(pattern, flags)  # from what was compiled the first time
    for made in (kept, again):
        assert (made.pattern, made.flags, made.groups, made.groupindex) == (
            python_made.pattern,
            python_made.flags,
            python_made.groups,
            python_made.groupindex,
        )
        for text in texts:
            expected = [(m.span(), m.groups()) for m in python_made.finditer(text)]
            assert [(m.span(), m.groups()) for m in made.finditer(text)] == expected
    assert compiled._regex_code[(pattern, int(flags))]
