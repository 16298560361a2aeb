"""Pinyin initials of names, for quick keyboard search (第一医院 -> dyyy)."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin

__all__ = ["initials"]

# Full-width ASCII (U+FF01..U+FF5E) to ASCII, and the ideographic space to a space.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_KEEP = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


@lru_cache(maxsize=65536)
def initials(text: str) -> str:
    """Return lower-case pinyin initials of Chinese characters plus ASCII letters and digits."""
    folded = text.translate(_FULL_WIDTH)
    # Without heteronym=True pypinyin picks one reading per character, using its phrase
    # dictionary where a phrase matches (重庆 -> cq, 银行 -> yh), else the first reading.
    parts = lazy_pinyin(folded, style=Style.FIRST_LETTER, errors="default")
    return "".join(ch for part in parts for ch in part if ch in _KEEP).lower()
