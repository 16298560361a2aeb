"""The one translation function: gettext-style catalogs for Simplified Chinese and English."""

from __future__ import annotations

import json
import locale
import os
import re
import zlib
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

_current: str = DEFAULT_LANGUAGE

_PO_TOKEN = re.compile(r'^(msgctxt|msgid|msgstr)\s+"(.*)"\s*$|^"(.*)"\s*$')
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def _unescape(text: str) -> str:
    if "\\" not in text:  # most messages: the catalogs are read as desk starts
        return text
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


def parse_po(text: str, *, keep_empty: bool = False) -> dict[str, str]:
    """Parse the text of a .po file into {msgid: msgstr}, skipping the header (and, unless
    asked, entries with no translation)."""
    entries: dict[str, str] = {}
    msgid: list[str] = []
    msgstr: list[str] = []
    field: list[str] | None = None

    def flush() -> None:
        key, value = "".join(msgid), "".join(msgstr)
        if key and (value or keep_empty):
            entries[key] = value

    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = _PO_TOKEN.match(line)
        if match is None:
            continue
        keyword, value, continuation = match.groups()
        if keyword == "msgid":
            flush()
            msgid, msgstr = [_unescape(value)], []
            field = msgid
        elif keyword == "msgstr":
            msgstr = [_unescape(value)]
            field = msgstr
        elif keyword == "msgctxt":
            field = None
        elif field is not None:
            field.append(_unescape(continuation))
    flush()
    return entries


@cache
def catalog(language: str) -> dict[str, str]:
    """All messages of one language, merged from every .po file in its folder. Parsing the
    files takes a hundredth of a second at each start (before the first screen): the merged
    messages are kept (desk.kept) and read back while every file's content is the same."""
    from desk.kept import keep, read_kept

    texts = {path.name: path.read_bytes() for path in sorted((LOCALE_DIR / language).glob("*.po"))}
    stamps = [[name, zlib.crc32(text)] for name, text in texts.items()]
    name = f"catalog-{language}.json"
    kept = read_kept(name)
    if kept is not None:
        try:
            found = json.loads(kept)
            if found["stamps"] == stamps and isinstance(found["messages"], dict):
                return found["messages"]
        except (ValueError, KeyError, TypeError):
            pass  # damaged: read the files again
    merged: dict[str, str] = {}
    for text in texts.values():
        merged.update(parse_po(text.decode("utf-8")))
    keep(name, json.dumps({"stamps": stamps, "messages": merged}, ensure_ascii=False).encode())
    return merged


def normalise_language(value: str | None) -> str | None:
    """Map a locale name such as `zh_CN.UTF-8`, `zh-cn` or `en_US` to a supported language."""
    if not value:
        return None
    value = value.split(".")[0].split("@")[0].replace("-", "_").lower()
    if value.startswith("zh"):
        return "zh_CN"
    if value.startswith("en"):
        return "en"
    # C, POSIX and unknown locales (servers, containers) mean Chinese: users read it first.
    return None


def system_language() -> str:
    """The language the system locale asks for, else Simplified Chinese."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(var):
            return normalise_language(os.environ[var]) or DEFAULT_LANGUAGE
    try:
        found = normalise_language(locale.getlocale()[0])
    except ValueError:
        found = None
    return found or DEFAULT_LANGUAGE


def set_language(language: str | None) -> str:
    """Choose the language every later `_()` call uses; returns the one chosen."""
    global _current
    _current = normalise_language(language) or system_language()
    return _current


def current_language() -> str:
    """The language in use."""
    return _current


def _(message: str) -> str:
    """Translate a message into the current language (English msgids)."""
    return catalog(_current).get(message, message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark a message for the catalogs without translating it now (labels in tables)."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message with a count; Chinese has one form."""
    return _(singular if count == 1 else plural)
