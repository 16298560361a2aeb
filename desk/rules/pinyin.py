"""Pinyin initials of names, for quick keyboard search (第一医院 -> dyyy)."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache, lru_cache

__all__ = ["initials", "load", "loaded"]

# Full-width ASCII (U+FF01..U+FF5E) to ASCII, and the ideographic space to a space.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_KEEP = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


@lru_cache(maxsize=65536)
def initials(text: str) -> str:
    """Return lower-case pinyin initials of Chinese characters plus ASCII letters and digits."""
    folded = text.translate(_FULL_WIDTH)
    # Without heteronym=True pypinyin picks one reading per character, using its phrase
    # dictionary where a phrase matches (重庆 -> cq, 银行 -> yh), else the first reading.
    parts = load()(folded)
    return "".join(ch for part in parts for ch in part if ch in _KEEP).lower()


@cache
def load() -> Callable[[str], list[str]]:
    """pypinyin's first-letter converter; its dictionaries take about half a second to load,
    so the app loads them in the background after start rather than before the first screen."""
    # desk never edits pypinyin's dictionaries: no private copy of them (about 2 MB).
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "true")
    from pypinyin import Style, lazy_pinyin

    def first_letters(text: str) -> list[str]:
        return lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default")

    return first_letters


def loaded() -> bool:
    """pypinyin's dictionaries are in memory: initials are cheap now."""
    return load.cache_info().currsize > 0
