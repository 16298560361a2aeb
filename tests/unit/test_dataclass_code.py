"""Dataclass methods compiled once and kept between runs (desk.dataclass_code): the next run
compiles none of them again, and every class behaves as Python's own compilation makes it."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import FrozenInstanceError, dataclass, field
from pathlib import Path

import pytest

from desk import dataclass_code
from desk.kept import keep, read_kept

PROGRAM = """
import desk.app  # desk, Textual and Rich define their dataclasses
from desk.dataclass_code import compiled_anew
print(compiled_anew())
"""


def run(folder: Path) -> int:
    """How many dataclass methods a new desk process compiles, with this cache folder."""
    env = {**os.environ, "DESK_CACHE_DIR": str(folder)}
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM], env=env, capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip())


def test_the_next_run_compiles_nothing_again(tmp_path: Path) -> None:
    first = run(tmp_path)
    assert first > 100  # desk's, Textual's and Rich's classes
    assert read_kept_in(tmp_path) is not None
    assert run(tmp_path) == 0


def read_kept_in(folder: Path) -> bytes | None:
    path = folder / dataclass_code.KEPT_NAME
    return path.read_bytes() if path.exists() else None


@pytest.mark.parametrize("damage", ["empty", "truncated", "flipped"])
def test_a_damaged_file_is_compiled_again_and_kept_anew(tmp_path: Path, damage: str) -> None:
    first = run(tmp_path)
    kept = tmp_path / dataclass_code.KEPT_NAME
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
    assert vars(dataclass_code.dataclasses).get("exec") is dataclass_code._exec
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
    assert keep(dataclass_code.KEPT_NAME, b"x") is False
    assert read_kept(dataclass_code.KEPT_NAME) is None
    assert dataclass_code._read() == {}
