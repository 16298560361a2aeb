"""Dataclass methods and regular expressions compiled once and kept between runs
(desk.compiled): the next run compiles none of them again, and each behaves as Python's own
compilation makes it."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
import zlib
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


def compiled_on_import(tmp_path: Path, pattern: str | bytes, flags: int) -> None:
    """Compile a pattern as a module does while it is imported (what is kept)."""
    module = tmp_path / f"compiles_{abs(hash((pattern, flags)))}.py"
    module.write_text(f"import re\nre.compile({pattern!r}, {int(flags)})\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        __import__(module.stem)
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop(module.stem, None)


@pytest.mark.parametrize(("pattern", "flags", "texts"), PATTERNS)
def test_expressions_behave_as_python_makes_them(
    pattern: str | bytes, flags: int, texts: list[str | bytes], tmp_path: Path
) -> None:
    assert re._compiler.compile is compiled._regex  # type: ignore[attr-defined]
    python_made = compiled._python_regex_compile(pattern, flags)
    compiled_on_import(tmp_path, pattern, flags)
    key = (isinstance(pattern, bytes), pattern, int(flags))
    assert key in compiled._regex_code  # kept: the next compile is made from it
    kept = compiled._regex(pattern, flags)
    assert (kept.pattern, kept.flags, kept.groups, kept.groupindex) == (
        python_made.pattern,
        python_made.flags,
        python_made.groups,
        python_made.groupindex,
    )
    for text in texts:
        expected = [(m.span(), m.groups()) for m in python_made.finditer(text)]
        assert [(m.span(), m.groups()) for m in kept.finditer(text)] == expected


def test_an_expression_built_after_the_imports_is_not_kept() -> None:
    """One built as desk runs may hold what someone typed: the folder holds no records."""
    typed = re.escape("张三 13812345678") + "|search-not-kept"
    assert re.compile(typed).search("张三 13812345678")
    assert not [key for key in compiled._regex_code if key[1] == typed]


def test_the_same_text_as_str_and_bytes_is_kept_apart(tmp_path: Path) -> None:
    compiled_on_import(tmp_path, "ab[c]x", 0)
    compiled_on_import(tmp_path, b"ab[c]x", 0)
    assert compiled._regex("ab[c]x", 0).match("abcx")
    assert compiled._regex(b"ab[c]x", 0).match(b"abcx")


def test_kept_code_the_matcher_refuses_is_compiled_afresh() -> None:
    key = (False, "refused[0-9]+", 0)
    compiled._regex_code[key] = (32, [999999], 0, {}, ())
    made = compiled._regex("refused[0-9]+", 0)
    assert made.match("refused42")
    assert compiled._regex_code.get(key) != (32, [999999], 0, {}, ())


def test_a_file_written_by_another_python_build_is_not_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DESK_CACHE_DIR", str(tmp_path))
    payload = marshal.dumps({"dataclasses": {}, "regex": {(False, "x", 0): (0, [1], 0, {}, ())}})
    checksum = zlib.crc32(payload).to_bytes(4, "big")
    for stamp in (b"3.11.0 (another build)|20220615|4", compiled._STAMP):
        keep(compiled.KEPT_NAME, compiled._HEADER + stamp + b"\n" + checksum + payload)
        found = compiled._read()
        assert bool(found.get("regex")) == (stamp == compiled._STAMP)
