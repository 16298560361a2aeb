"""Tests for desk.rules.pinyin: pinyin initials for quick search."""

from __future__ import annotations

import pytest

from desk.rules.pinyin import initials


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第一医院", "dyyy"),
        ("张三", "zs"),
        ("VIP客户", "vipkh"),
        ("李四 (A1号床)", "lsa1hc"),
        ("ＶＩＰ１号", "vip1h"),  # full-width letters and digits folded
        ("王-五·六", "wwl"),
        ("", ""),
        ("!@#", ""),
        ("Émile", "mile"),  # non-ASCII letters are dropped
        ("ＡＢＣ", "abc"),
    ],
)
def test_initials(text: str, expected: str) -> None:
    assert initials(text) == expected


def test_initials_is_cached() -> None:
    initials.cache_clear()
    initials("第一医院")
    initials("第一医院")
    info = initials.cache_info()
    assert (info.hits, info.misses) == (1, 1)


def test_compact_tables_hold_what_pypinyin_loads() -> None:
    import json
    from importlib.util import find_spec
    from pathlib import Path

    from desk.rules.pinyin import _CHAR, compact_phrases

    spec = find_spec("pypinyin")
    assert spec is not None and spec.submodule_search_locations
    folder = Path(spec.submodule_search_locations[0])
    text = (folder / "phrases_dict.json").read_text(encoding="utf-8")
    assert compact_phrases(text) == json.loads(text)
    chars = (folder / "pinyin_dict.json").read_text(encoding="utf-8")
    expected = {int(code): value for code, value in json.loads(chars).items()}
    assert {int(code): value for code, value in _CHAR.findall(chars)} == expected


def test_a_fresh_process_reads_initials_from_the_compact_tables() -> None:
    import subprocess
    import sys

    script = (
        "import sys; from desk.rules.pinyin import initials; "
        "print(initials('重庆市第一人民医院'), initials('中国银行长春分行'), "
        "type(sys.modules['pypinyin.phrases_dict']).__name__, "
        "hasattr(sys.modules['pypinyin.phrases_dict'], '_load_phrases_dict'))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.stdout.split() == ["cqsdyrmyy", "zgyhccfh", "module", "False"], out.stderr
