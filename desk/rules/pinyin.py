"""Pinyin initials of names, for quick keyboard search (第一医院 -> dyyy)."""

from __future__ import annotations

import json
import os
import re
import sys
import threading
import types
from collections.abc import Callable
from functools import cache, lru_cache
from importlib.util import find_spec

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
    with _LOADING:  # the warm-up and a worker may both be first: read the tables once
        if "pypinyin" not in sys.modules:
            _install_compact_tables()
        from pypinyin import Style, lazy_pinyin

    def first_letters(text: str) -> list[str]:
        return lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default")

    return first_letters


_LOADING = threading.Lock()
_PHRASE = re.compile(r'"([^"]+)":\s*(\[[^:]*?\]\s*\])\s*[,}]')
_CHAR = re.compile(r'"(\d+)":\s*"([^"]*)"')


def _install_compact_tables() -> None:
    """Give pypinyin its own two tables, read so that they take half the memory.

    pypinyin's modules `phrases_dict` and `pinyin_dict` load JSON files into a fresh list
    and string for every syllable of 47,000 phrases, 54 MB resident in all. The same
    entries read here share one list per distinct reading (1,249 of them): about 30 MB.
    The tables hold equal values (tests/unit/test_pinyin.py compares them with pypinyin's
    own), so pypinyin answers the same. Files laid out otherwise fall back to pypinyin.
    """
    spec = find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        return
    folder = spec.submodule_search_locations[0]
    try:
        with open(os.path.join(folder, "phrases_dict.json"), encoding="utf-8") as handle:
            phrases = compact_phrases(handle.read())
        with open(os.path.join(folder, "pinyin_dict.json"), encoding="utf-8") as handle:
            chars = {int(code): readings for code, readings in _CHAR.findall(handle.read())}
    except (OSError, ValueError):
        return
    if not phrases or not chars:
        return
    for name, table in (("phrases_dict", phrases), ("pinyin_dict", chars)):
        module = types.ModuleType(f"pypinyin.{name}")
        setattr(module, name, table)
        sys.modules[module.__name__] = module


def compact_phrases(text: str) -> dict[str, list[list[str]]]:
    """pypinyin's phrase table from its JSON text, one shared list per distinct reading."""
    shared: dict[tuple[str, ...], list[str]] = {}
    return {
        phrase: [shared.setdefault(tuple(reading), reading) for reading in json.loads(value)]
        for phrase, value in _PHRASE.findall(text)
    }


def loaded() -> bool:
    """pypinyin's dictionaries are in memory: initials are cheap now."""
    return load.cache_info().currsize > 0
