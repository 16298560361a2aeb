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
